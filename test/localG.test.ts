import { describe, expect, it } from "vitest";
import { localG } from "../lib/spatial/localG";
import { SpatialWeights } from "../lib/weights";
import { RTOL, expectClose } from "./tolerances";
import { crime, exploratory as ref, wB, wW, type GiRef } from "./helpers/exploratoryReference";

// R 4.2.2, spdep 1.2-7 localG(return_internals = TRUE): test/reference/spatial-exploratory-columbus.R
function expectGi(r: ReturnType<typeof localG>, e: GiRef, what: string) {
  for (let i = 0; i < 49; i++) {
    expectClose(r.G[i], e.G[i], RTOL, `${what} G[${i}]`);
    expectClose(r.EG[i], e.EG[i], RTOL, `${what} EG[${i}]`);
    expectClose(r.VG[i], e.VG[i], RTOL, `${what} VG[${i}]`);
    expectClose(r.Z[i], e.Z[i], RTOL, `${what} Z[${i}]`);
    expectClose(r.pNormal[i], e.p[i], RTOL, `${what} p[${i}]`);
  }
}

describe("localG (Getis–Ord Gi and Gi*) agrees with spdep localG on Columbus CRIME", () => {
  it("matches Gi, E, Var, z and p with row-standardized and binary weights", () => {
    expectGi(localG(crime, wW, { permutations: 0 }), ref.localG_W, "Gi W");
    expectGi(localG(crime, wB, { permutations: 0 }), ref.localG_B, "Gi B");
  });
  it("matches Gi* with the region included (include.self, styles W and B)", () => {
    expectGi(localG(crime, wW, { star: true, permutations: 0 }), ref.localGstar_W, "Gi* W");
    expectGi(localG(crime, wB, { star: true, permutations: 0 }), ref.localGstar_B, "Gi* B");
  });
  it("matches the one-sided 'greater' p-values", () => {
    const r = localG(crime, wW, { permutations: 0, alternative: "greater" });
    ref.localG_W_greater.p.forEach((p, i) => expectClose(r.pNormal[i], p, RTOL, `p[${i}]`));
  });
  it("Gi by brute force: Σ_j w_ij x_j / Σ_{j≠i} x_j", () => {
    const r = localG(crime, wW, { permutations: 0 });
    const tot = crime.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 49; i++) {
      const nb = wW.neighbors[i];
      const lag = nb.reduce((s, j, k) => s + wW.weights[i][k] * crime[j], 0);
      expectClose(r.G[i], lag / (tot - crime[i]), 1e-12, `G[${i}]`);
    }
  });
  it("permutation p-values are seeded, in (0, 1], and agree in sign with strong z", () => {
    const a = localG(crime, wW, { permutations: 499, seed: 5 });
    const b = localG(crime, wW, { permutations: 499, seed: 5 });
    expect(Array.from(a.pSim!)).toEqual(Array.from(b.pSim!));
    expect(a.seed).toBe(5);
    for (let i = 0; i < 49; i++) {
      expect(a.pSim![i]).toBeGreaterThan(0);
      expect(a.pSim![i]).toBeLessThanOrEqual(0.5 + 1e-12);
      if (Math.abs(a.Z[i]) > 3.5) expect(a.pSim![i]).toBeLessThan(0.01);
    }
    expect(a.hotSpot.filter((h) => h === "hot").length).toBeGreaterThan(0);
    const fdr = localG(crime, wW, { permutations: 499, seed: 5, fdr: true });
    expect(fdr.hotSpot.filter((h) => h !== "ns").length).toBeLessThanOrEqual(a.hotSpot.filter((h) => h !== "ns").length);
  });
  it("refuses negative values, custom-style weights for Gi* and unknown options", () => {
    expect(() => localG(crime.map((v, i) => (i === 4 ? -1 : v)), wW, { permutations: 0 })).toThrow(/localG: values have a negative value \(row 4\)/);
    const custom = new SpatialWeights(wB.ids, wB.neighbors, wB.weights.map((r) => r.map((v) => 2 * v)), "custom");
    expect(() => localG(crime, custom, { star: true, permutations: 0 })).toThrow(/localG: Gi\* needs weights of style "W" or "B"/);
    expect(() => localG(crime, wW, { perms: 9 } as never)).toThrow(/localG: unknown option "perms"/);
  });
});
