import { describe, expect, it } from "vitest";
import { geary } from "../lib/spatial/geary";
import { localGeary } from "../lib/spatial/localGeary";
import { RTOL, expectClose } from "./tolerances";
import { crime, exploratory as ref, wB, wW, type TestRef } from "./helpers/exploratoryReference";

// R 4.2.2, spdep 1.2-7 geary.test and localC: test/reference/spatial-exploratory-columbus.R
function expectTest(r: ReturnType<typeof geary>, e: { normal: TestRef; random: TestRef }, what: string) {
  expectClose(r.C, e.normal.C, RTOL, `${what} C`);
  expectClose(r.varianceNormal, e.normal.var, RTOL, `${what} var normal`);
  expectClose(r.zNormal, e.normal.z, RTOL, `${what} z normal`);
  expectClose(r.pNormal, e.normal.p, RTOL, `${what} p normal`);
  expectClose(r.varianceRandom, e.random.var, RTOL, `${what} var random`);
  expectClose(r.zRandom, e.random.z, RTOL, `${what} z random`);
  expectClose(r.pRandom, e.random.p, RTOL, `${what} p random`);
}

describe("geary (global Geary's C) agrees with spdep geary.test on Columbus CRIME", () => {
  it("matches C, variances, z and p under normality and randomisation, styles W and B", () => {
    expectTest(geary(crime, wW, { permutations: 0 }), ref.geary_W, "W");
    expectTest(geary(crime, wB, { permutations: 0 }), ref.geary_B, "B");
  });
  it("matches the two-sided randomisation p-value", () => {
    expectClose(geary(crime, wW, { permutations: 0, alternative: "two.sided" }).pRandom, ref.geary_W_two.p, RTOL, "p two-sided");
  });
  it("C by brute force over all pairs", () => {
    const n = 49, m = crime.reduce((a, b) => a + b, 0) / n;
    let num = 0, s0 = 0;
    for (let i = 0; i < n; i++) wB.neighbors[i].forEach((j) => { num += (crime[i] - crime[j]) ** 2; s0 += 1; });
    const den = crime.reduce((a, v) => a + (v - m) ** 2, 0);
    expectClose(geary(crime, wB, { permutations: 0 }).C, ((n - 1) * num) / (2 * s0 * den), 1e-12, "C");
  });
  it("the permutation p-value is seeded and small for Columbus CRIME (z about 4.5)", () => {
    const a = geary(crime, wW, { permutations: 199, seed: 2 });
    expect(a.pSim).toBe(geary(crime, wW, { permutations: 199, seed: 2 }).pSim);
    expect(a.pSim!).toBeLessThan(0.02);
  });
  it("refuses constant values", () => {
    expect(() => geary(crime.map(() => 3), wW)).toThrow(/geary: values are constant/);
  });
});

describe("localGeary (Anselin 2019 local Geary) agrees with spdep localC", () => {
  it("matches c_i with row-standardized and binary weights", () => {
    const rW = localGeary(crime, wW, { permutations: 0 }), rB = localGeary(crime, wB, { permutations: 0 });
    ref.localC_W.forEach((v, i) => expectClose(rW.C[i], v, RTOL, `c W[${i}]`));
    ref.localC_B.forEach((v, i) => expectClose(rB.C[i], v, RTOL, `c B[${i}]`));
  });
  it("the local c_i sum to 2 S0 times the global C (z scaled so that Σ z² = n − 1)", () => {
    // Σ_i c_i = Σ_ij w_ij (z_i − z_j)² and C = (n − 1) Σ_ij w_ij (z_i − z_j)² / (2 S0 Σ z²), Σ z² = n − 1
    const sum = localGeary(crime, wW, { permutations: 0 }).C.reduce((a, b) => a + b, 0);
    expectClose(sum, 2 * 49 * ref.geary_W.normal.C, 1e-10, "sum of c_i");
  });
  it("permutation inference is seeded and flags some regions", () => {
    const a = localGeary(crime, wW, { permutations: 199, seed: 4 });
    expect(Array.from(a.pSim!)).toEqual(Array.from(localGeary(crime, wW, { permutations: 199, seed: 4 }).pSim!));
    expect(a.cluster.some((c) => c === "positive")).toBe(true);
  });
});
