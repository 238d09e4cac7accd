import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SpatialWeights, weights } from "../lib/weights";
import { localMoran, benjaminiHochberg } from "../lib/spatial";
import { SHARED_DRAWS_CHUNK, sharedConditionalPermutation, sharedDraws, resolvePermutationDraws } from "../lib/spatial/conditionalPermutation";
import { RTOL, expectClose } from "./tolerances";
import { rng } from "../lib/random";

// R 4.2.2, spdep 1.2-7, spData 2.2.1: test/reference/moran-columbus.R
type Local = { Ii: number[]; EIi: number[]; VarIi: number[]; ZIi: number[]; p: number[] };
const ref = JSON.parse(readFileSync(join(__dirname, "reference/moran-columbus.json"), "utf8")) as {
  ids: (string | number)[]; neighbors0: number[][]; CRIME: number[]; HOVAL: number[];
  local: Local; localTotal: Local; localGreaterP: number[]; quadrantPysal: string[]; island_neighbors0: number[][];
};
const ids = ref.ids.map(String);
const wW = new SpatialWeights(ids, ref.neighbors0).standardize("W");
const crime = Object.freeze([...ref.CRIME]) as number[];

/** Brute force of the shared draws: each listed region's replicates recomputed from sharedDraws (no incremental update). */
function expectSharedDraws(r: ReturnType<typeof localMoran>, w: SpatialWeights, x: readonly number[], R: number, seed: number, regions: number[]): void {
  const csr = w.toCSR();
  const n = w.n;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  const m2 = z.reduce((a, b) => a + b * b, 0) / n;
  let kmax = 0;
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, csr.rowPtr[i + 1] - csr.rowPtr[i]);
  const ids = sharedDraws(n - 1, kmax, R, seed);
  for (const i of regions) {
    const k = csr.rowPtr[i + 1] - csr.rowPtr[i];
    const obs = r.Ii[i];
    let larger = 0, s = 0;
    const seen = new Set<number>();
    for (let rep = 0; rep < R; rep++) {
      let lag = 0;
      seen.clear();
      for (let t = 0; t < k; t++) {
        const u = ids[rep * kmax + t];
        const j = u + (u >= i ? 1 : 0);
        expect(j).not.toBe(i);
        seen.add(j);
        lag += csr.values[csr.rowPtr[i] + t] * z[j];
      }
      expect(seen.size).toBe(k); // without replacement
      const stat = (z[i] / m2) * lag;
      if (stat >= obs) larger++;
      s += stat;
    }
    expect(r.pSim![i]).toBe((Math.min(larger, R - larger) + 1) / (R + 1));
    expectClose(r.meanSim![i], s / R, 1e-12, `meanSim[${i}]`);
  }
}

function expectLocal(r: ReturnType<typeof localMoran>, e: Local, what: string) {
  for (let i = 0; i < 49; i++) {
    expectClose(r.Ii[i], e.Ii[i], RTOL, `${what} Ii[${i}]`);
    expectClose(r.EIi[i], e.EIi[i], RTOL, `${what} EIi[${i}]`);
    expectClose(r.varIi[i], e.VarIi[i], RTOL, `${what} varIi[${i}]`);
    expectClose(r.zI[i], e.ZIi[i], RTOL, `${what} zI[${i}]`);
    expectClose(r.pNormal[i], e.p[i], RTOL, `${what} p[${i}]`);
  }
}

describe("localMoran agrees with spdep localmoran on Columbus CRIME", () => {
  it("matches Ii, E.Ii, Var.Ii, Z.Ii and the two-sided p under conditional randomisation (spdep default)", () => {
    const r = localMoran(crime, wW, { permutations: 0 });
    expect(r.variance).toBe("conditional");
    expectLocal(r, ref.local, "conditional");
  });

  it("matches localmoran(conditional = FALSE), Anselin's total randomisation moments", () => {
    expectLocal(localMoran(crime, wW, { permutations: 0, variance: "total" }), ref.localTotal, "total");
  });

  it("matches the one-sided 'greater' p-values", () => {
    const r = localMoran(crime, wW, { permutations: 0, alternative: "greater" });
    ref.localGreaterP.forEach((p, i) => expectClose(r.pNormal[i], p, RTOL, `p greater[${i}]`));
  });

  it("labels quadrants like spdep's quadr$pysal (value vs lag, relative to the mean)", () => {
    const r = localMoran(crime, wW, { permutations: 0 });
    const map: Record<string, string> = { "High-High": "HH", "Low-Low": "LL", "High-Low": "HL", "Low-High": "LH" };
    expect(r.quadrant).toEqual(ref.quadrantPysal.map((q) => map[q]));
  });

  it("global I is the mean of Ii times n/S0 for row-standardized W (sum of Ii / n)", () => {
    const r = localMoran(crime, wW, { permutations: 0 });
    // Anselin (1995): Σ Ii = n · I when m2 = Σz²/n and S0 = n
    const sum = Array.from(r.Ii).reduce((a, b) => a + b, 0);
    expectClose(sum / 49, 0.485770913661773, RTOL, "I from Ii"); // spdep moran.test, same reference file (crimeW)
  });
});

describe("localMoran conditional permutations", () => {
  it("gives the same pSim for the same seed and different draws for another seed", () => {
    const a = localMoran(crime, wW, { permutations: 199, seed: 5 });
    const b = localMoran(crime, wW, { permutations: 199, seed: 5 });
    const c = localMoran(crime, wW, { permutations: 199, seed: 6 });
    expect(Array.from(a.pSim!)).toEqual(Array.from(b.pSim!));
    expect(Array.from(a.meanSim!)).not.toEqual(Array.from(c.meanSim!));
    expect(a.seed).toBe(5);
  });

  it("pSim is folded: (1 + min(larger, R - larger)) / (1 + R), so it never exceeds 0.5 + 1/(R+1)", () => {
    const R = 99;
    const r = localMoran(crime, wW, { permutations: R, seed: 9 });
    for (const p of r.pSim!) {
      expect(p).toBeGreaterThanOrEqual(1 / (R + 1));
      expect(p).toBeLessThanOrEqual((Math.floor(R / 2) + 1) / (R + 1));
      expect(Math.round(p * (R + 1))).toBeCloseTo(p * (R + 1), 9);
    }
  });

  it("the permutation moments agree with the conditional moments within Monte Carlo error", () => {
    // Without-replacement draws of k_i values from the other n-1 have exactly the conditional moments
    // EIi and VarIi of Sokal et al. (1998), which spdep's localmoran uses. Check at 5 standard errors.
    const R = 2999;
    const r = localMoran(crime, wW, { permutations: R, seed: 21 });
    for (let i = 0; i < 49; i++) {
      const se = Math.sqrt(ref.local.VarIi[i] / R);
      expect(Math.abs(r.meanSim![i] - ref.local.EIi[i])).toBeLessThan(5 * se + 1e-12);
      expect(Math.abs(r.varianceSim![i] / ref.local.VarIi[i] - 1)).toBeLessThan(0.25);
    }
  });

  it("brute force: sampling without replacement never reuses a region or the region itself", () => {
    // a 5-region star where the centre has 4 neighbours: every draw must use all other 4 values exactly,
    // so the centre's permuted Ii equals the observed one and its folded pSim is 1/(R+1) (all ties count as larger)
    const w = new SpatialWeights(["c", "a", "b", "d", "e"], [[1, 2, 3, 4], [0], [0], [0], [0]]).standardize("W");
    const r = localMoran([5, 1, 2, 3, 10], w, { permutations: 50, seed: 1 });
    expectClose(r.meanSim![0], r.Ii[0], 1e-12, "centre mean");
    expect(r.varianceSim![0]).toBeLessThan(1e-12 * r.Ii[0] ** 2);
    expect(r.pSim![0]).toBe(1 / 51);
  });
});

describe("localMoran clusters, FDR and output forms", () => {
  it("cluster is the quadrant when p <= alpha, else ns; counts add up", () => {
    const r = localMoran(crime, wW, { permutations: 0, alpha: 0.05 });
    for (let i = 0; i < 49; i++) expect(r.cluster[i]).toBe(r.pNormal[i] <= 0.05 ? r.quadrant[i] : "ns");
    const c = r.counts;
    expect(c.HH + c.LL + c.HL + c.LH + c.ns).toBe(49);
    expect(r.clusterBasis).toBe("pNormal");
  });

  it("FDR uses Benjamini-Hochberg adjusted p-values and flags no more regions than without", () => {
    const r = localMoran(crime, wW, { permutations: 0, fdr: true });
    const plain = localMoran(crime, wW, { permutations: 0 });
    expect(r.counts.ns).toBeGreaterThanOrEqual(plain.counts.ns);
    for (let i = 0; i < 49; i++) expect(r.cluster[i]).toBe(r.pAdjusted![i] <= 0.05 ? r.quadrant[i] : "ns");
  });

  it("benjaminiHochberg equals a hand computation (R p.adjust(c(0.01, 0.04, 0.03, 0.2), 'BH') = 0.04 0.0533 0.0533 0.2)", () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.2]);
    // by hand: sorted 0.01,0.03,0.04,0.2 -> 0.01*4/1=0.04, 0.03*4/2=0.06, 0.04*4/3=0.0533, 0.2*4/4=0.2; cumulative min from the top
    expectClose(adj[0], 0.04, 1e-12, "bh0");
    expectClose(adj[1], 0.04 * 4 / 3, 1e-12, "bh1");
    expectClose(adj[2], 0.04 * 4 / 3, 1e-12, "bh2");
    expectClose(adj[3], 0.2, 1e-12, "bh3");
  });

  it("toRecords and toColumns hold the same values per region", () => {
    const r = localMoran(crime, wW, { permutations: 49, seed: 2 });
    const rec = r.toRecords();
    expect(rec).toHaveLength(49);
    expect(rec[10]).toEqual({ id: ids[10], Ii: r.Ii[10], EIi: r.EIi[10], varIi: r.varIi[10], zI: r.zI[10], pNormal: r.pNormal[10], pSim: r.pSim![10], quadrant: r.quadrant[10], cluster: r.cluster[10] });
    const cols = r.toColumns();
    expect(cols.id).toEqual(ids);
    expect(cols.cluster).toEqual(r.cluster);
    expect(r.summary()).toContain("Local Moran's I (LISA)");
    expect(r.toHTML()).toContain("<table");
  });

  it("aligns table rows by an id column", () => {
    const order = ids.map((_, i) => i).reverse();
    const df = { region: order.map((i) => ids[i]), CRIME: order.map((i) => crime[i]) };
    const r = localMoran(df, "CRIME", wW, { id: "region", permutations: 0 });
    expectClose(r.Ii[0], ref.local.Ii[0], RTOL, "aligned Ii[0]");
    expect(r.ids).toEqual(ids);
  });
});

describe("localMoran bad input", () => {
  it("refuses islands unless zeroPolicy, and then gives the island Ii = 0 and NaN z", () => {
    const wi = new SpatialWeights(ids, ref.island_neighbors0).standardize("W");
    expect(() => localMoran(crime, wi)).toThrow("localMoran: 1 region has no neighbours");
    const r = localMoran(crime, wi, { zeroPolicy: true, permutations: 19, seed: 1 });
    expect(r.Ii[48] === 0).toBe(true);
    expect(Number.isNaN(r.zI[48])).toBe(true);
    expect(r.cluster[48]).toBe("ns");
  });
  it("refuses constant values, missing values, bad alpha and too few regions", () => {
    expect(() => localMoran(new Array(49).fill(1), wW)).toThrow("localMoran: values are constant");
    const x = [...crime];
    x[0] = undefined as unknown as number;
    expect(() => localMoran(x, wW)).toThrow('localMoran: column "values" has 1 missing value (row 0)');
    expect(() => localMoran(crime, wW, { alpha: 1.5 })).toThrow("localMoran: alpha must be in (0, 1), got 1.5");
    expect(() => localMoran(crime, wW, { FDR: true } as never)).toThrow('localMoran: unknown option "FDR"');
    const w3 = new SpatialWeights(["a", "b", "c"], [[1], [0, 2], [1]]);
    expect(() => localMoran([1, 2, 3], w3)).toThrow("localMoran: need at least 4 regions, got 3");
  });
  it("names ids that do not match", () => {
    const df = { region: [...ids.slice(1), "沪"], CRIME: crime };
    expect(() => localMoran(df, "CRIME", wW, { id: "region" })).toThrow(`localMoran: ids in data but not in weights: 沪; ids in weights but not in data: ${ids[0]}`);
  });
});

describe("localMoran with draws shared by all regions (permutationDraws: \"shared\", esda's crand)", () => {
  it("equals the statistic recomputed region by region from the same draws (brute force of the incremental slot update)", () => {
    const r = localMoran(crime, wW, { permutations: 199, seed: 7, permutationDraws: "shared" });
    expect(r.permutationDraws).toBe("shared");
    expectSharedDraws(r, wW, crime, 199, 7, Array.from({ length: wW.n }, (_, i) => i));
  });

  it("gives the same result on 1 and 2 threads on a lattice cut into several ranges of regions, with an island", () => {
    const k = 70; // 4,900 regions: two ranges of the shared draws (4,096 regions each)
    const grid = weights.lattice(k, k);
    const nb = grid.neighbors.map((a) => Array.from(a));
    const island = 4096; // the first region of the second range
    for (const j of nb[island]) nb[j] = nb[j].filter((q) => q !== island);
    nb[island] = [];
    const w = new SpatialWeights(grid.ids, nb).standardize("W");
    const g = rng(12);
    const x = Object.freeze(Array.from({ length: k * k }, () => g.normal())) as number[];
    const one = localMoran(x, w, { permutations: 99, seed: 3, permutationDraws: "shared", threads: 1, zeroPolicy: true });
    const two = localMoran(x, w, { permutations: 99, seed: 3, permutationDraws: "shared", threads: 2, zeroPolicy: true });
    expect(Array.from(two.pSim!)).toEqual(Array.from(one.pSim!));
    expect(Array.from(two.meanSim!)).toEqual(Array.from(one.meanSim!));
    expect(Array.from(two.varianceSim!)).toEqual(Array.from(one.varianceSim!));
    expect(Number.isNaN(one.pSim![island])).toBe(true);
    expectSharedDraws(one, w, x, 99, 3, [0, 1, k - 1, 4094, 4095, 4097, 4098, k * k - 1]);
  });

  it("gives the same summaries for any range size and thread count, and when a worker runs every range", () => {
    const k = 200; // 40,000 regions, rook lattice, row-standardized
    const csr = weights.lattice(k, k).standardize("W").toCSR();
    const g = rng(13);
    const v = Float64Array.from({ length: k * k }, () => g.normal());
    const scale = Float64Array.from(v, (a) => a / 2);
    const observed = new Float64Array(k * k); // every replicate is compared with 0
    const base = sharedConditionalPermutation(csr.rowPtr, csr.values, v, scale, observed, 999, 5, 1, "test");
    expect(base.workerTasks).toBe(0);
    for (const [threads, chunk, callerTakesTasks] of [[1, 1000, true], [2, 1000, true], [3, SHARED_DRAWS_CHUNK, true], [2, 3000, false]] as const) {
      const r = sharedConditionalPermutation(csr.rowPtr, csr.values, v, scale, observed, 999, 5, threads, "test", chunk, { callerTakesTasks });
      // with callerTakesTasks false every range runs on the worker (the kernel's source text in a worker thread)
      if (!callerTakesTasks) expect(r.workerTasks).toBe(Math.ceil((k * k) / chunk));
      expect(Array.from(r.pSim)).toEqual(Array.from(base.pSim));
      expect(Array.from(r.meanSim)).toEqual(Array.from(base.meanSim));
      expect(Array.from(r.varianceSim)).toEqual(Array.from(base.varianceSim));
    }
  });

  it("rejects a thread count that is not a positive integer", () => {
    expect(() => localMoran(crime, wW, { threads: 0 })).toThrow("localMoran: threads must be an integer from 1 to 256, got 0");
  });

  it("gives the per-region p-values within Monte Carlo error (9,999 draws each)", () => {
    const a = localMoran(crime, wW, { permutations: 9999, seed: 1, permutationDraws: "per-region" });
    const b = localMoran(crime, wW, { permutations: 9999, seed: 2, permutationDraws: "shared" });
    for (let i = 0; i < 49; i++) {
      const p = a.pSim![i];
      const se = Math.sqrt(Math.max(p * (1 - p), 1e-4) / 9999);
      expect(Math.abs(b.pSim![i] - p)).toBeLessThan(2 * Math.SQRT2 * 4 * se); // 4 SE of a difference of two estimates
    }
  });

  it("chooses per-region draws up to 100,000 regions and shared draws above (\"auto\"), and names a bad choice", () => {
    expect(localMoran(crime, wW, { permutations: 9 }).permutationDraws).toBe("per-region");
    expect(resolvePermutationDraws(undefined, 100_001, "localMoran")).toBe("shared");
    expect(resolvePermutationDraws("auto", 100_000, "localMoran")).toBe("per-region");
    expect(() => localMoran(crime, wW, { permutations: 9, permutationDraws: "pooled" as never })).toThrow('localMoran: permutationDraws must be "auto", "per-region" or "shared", got "pooled"');
    expect(localMoran(crime, wW, { permutations: 0 }).permutationDraws).toBeNull();
  });
});
