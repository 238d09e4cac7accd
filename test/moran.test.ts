import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SpatialWeights, weights } from "../lib/weights";
import { moran } from "../lib/spatial";
import { rng } from "../lib/random";
import { normalUpper } from "../lib/distributions/cdf";
import * as dfd from "danfojs-node";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2, spdep 1.2-7, spData 2.2.1: test/reference/moran-columbus.R
type Pair = { normal: { I: number; EI: number; var: number; z: number; p: number }; random: { I: number; EI: number; var: number; z: number; p: number } };
const ref = JSON.parse(readFileSync(join(__dirname, "reference/moran-columbus.json"), "utf8")) as {
  ids: string[]; neighbors0: number[][]; CRIME: number[]; INC: number[]; HOVAL: number[]; POLYID: number[];
  crimeW: Pair; crimeWless: Pair; crimeWtwo: Pair; crimeB: Pair; incW: Pair; crimeKnn4: Pair; crimeIsland: Pair;
  knn4_neighbors0: number[][]; island_neighbors0: number[][];
  constantsW: { S0: number; S1: number; S2: number }; constantsKnn4: { S0: number; S1: number; S2: number };
  moranMC9999: { p: number; statistic: number };
  pnorm: { z: number[]; upper: number[] };
};

const wB = new SpatialWeights(ref.ids, ref.neighbors0);
const wW = wB.standardize("W");
const crime = Object.freeze([...ref.CRIME]) as number[];

function expectPair(r: ReturnType<typeof moran>, p: Pair, what: string) {
  expectClose(r.I, p.normal.I, RTOL, `${what} I`);
  expectClose(r.expectedI, p.normal.EI, RTOL, `${what} E[I]`);
  expectClose(r.varianceNormal, p.normal.var, RTOL, `${what} var normal`);
  expectClose(r.zNormal, p.normal.z, RTOL, `${what} z normal`);
  expectClose(r.pNormal, p.normal.p, RTOL, `${what} p normal`);
  expectClose(r.varianceRandom, p.random.var, RTOL, `${what} var random`);
  expectClose(r.zRandom, p.random.z, RTOL, `${what} z random`);
  expectClose(r.pRandom, p.random.p, RTOL, `${what} p random`);
}

describe("moran agrees with spdep moran.test on Columbus CRIME (col.gal.nb)", () => {
  it("matches moran.test under normality and randomisation, style W, alternative greater", () => {
    const r = moran(crime, wW, { permutations: 0 });
    expectPair(r, ref.crimeW, "CRIME W");
    expect(r.n).toBe(49);
    expectClose(r.s0, 49, RTOL, "S0");
    expect(r.pSim).toBeNull();
    expect(r.alternative).toBe("greater");
  });

  it("matches the 'less' and 'two.sided' alternatives", () => {
    expectPair(moran(crime, wW, { permutations: 0, alternative: "less" }), ref.crimeWless, "less");
    expectPair(moran(crime, wW, { permutations: 0, alternative: "two.sided" }), ref.crimeWtwo, "two.sided");
  });

  it("matches binary weights (style B) and another variable (INC)", () => {
    expectPair(moran(crime, wB, { permutations: 0 }), ref.crimeB, "CRIME B");
    expectPair(moran(ref.INC, wW, { permutations: 0 }), ref.incW, "INC W");
  });

  it("matches asymmetric weights (4 nearest neighbours, row-standardized), checking S1 and S2", () => {
    const wk = new SpatialWeights(ref.ids, ref.knn4_neighbors0).standardize("W");
    expect(wk.isSymmetric({ structure: true })).toBe(false);
    expectPair(moran(crime, wk, { permutations: 0 }), ref.crimeKnn4, "knn4");
  });

  it("keeps an island with zeroPolicy and reduces n like spdep adjust.n", () => {
    const wi = new SpatialWeights(ref.ids, ref.island_neighbors0).standardize("W");
    const last = String(ref.ids[48]); // col.gal.nb region.id of the 49th polygon
    expect(wi.islands).toEqual([last]);
    expect(() => moran(crime, wi)).toThrow(`moran: 1 region has no neighbours (${last}); link them (w.withLinks, w.nearestForIslands) or pass { zeroPolicy: true }`);
    const r = moran(crime, wi, { permutations: 0, zeroPolicy: true });
    expectPair(r, ref.crimeIsland, "island");
    expect(r.n).toBe(48);
    expect(r.islands).toEqual([last]);
  });
});

describe("moran permutation test", () => {
  it("gives the same pSim and permutation distribution for the same seed", () => {
    const a = moran(crime, wW, { permutations: 199, seed: 42 });
    const b = moran(crime, wW, { permutations: 199, seed: 42 });
    expect(a.pSim).toBe(b.pSim);
    expect(Array.from(a.simulated)).toEqual(Array.from(b.simulated));
    expect(a.seed).toBe(42);
    const c = moran(crime, wW, { permutations: 199, seed: 43 });
    expect(Array.from(c.simulated)).not.toEqual(Array.from(a.simulated));
  });

  it("brute force: each permuted I equals moran() of the permuted data (symmetric and one-way links)", () => {
    const wk = new SpatialWeights(ref.ids, ref.knn4_neighbors0).standardize("W");
    for (const w of [wW, wk]) {
      const r = moran(crime, w, { permutations: 20, seed: 8 });
      // replay the documented stream: rng(seed).shuffle of the centred values, once per permutation
      const mean = crime.reduce((a, b) => a + b, 0) / crime.length;
      const zp = Float64Array.from(crime, (v) => v - mean);
      const g = rng(8);
      for (let k = 0; k < 20; k++) {
        g.shuffle(zp);
        expectClose(r.simulated[k], moran(zp, w, { permutations: 0 }).I, 1e-10, `perm ${k}`);
      }
    }
  });

  it("computes pSim = (1 + #{I_perm >= I}) / (1 + R) from its own permutation distribution", () => {
    const r = moran(crime, wW, { permutations: 99, seed: 3 });
    const ge = Array.from(r.simulated).filter((v) => v >= r.I).length;
    expect(r.pSim).toBe((1 + ge) / 100);
    const rl = moran(crime, wW, { permutations: 99, seed: 3, alternative: "less" });
    const le = Array.from(rl.simulated).filter((v) => v <= rl.I).length;
    expect(rl.pSim).toBe((1 + le) / 100);
  });

  it("permutation mean and variance agree with E[I] and the randomization variance within Monte Carlo error", () => {
    const R = 4999;
    const r = moran(crime, wW, { permutations: R, seed: 7 });
    // standard error of the mean of R draws is sqrt(var/R); allow 5 standard errors
    expect(Math.abs((r.meanSim as number) - r.expectedI)).toBeLessThan(5 * Math.sqrt(r.varianceRandom / R));
    // the sample variance of R draws has relative SE about sqrt(2/R) ≈ 0.02; allow 5 SE
    expect(Math.abs((r.varianceSim as number) / r.varianceRandom - 1)).toBeLessThan(5 * Math.sqrt(2 / R));
    // Columbus CRIME: the observed I exceeds every permutation (spdep moran.mc with 9999 draws: p = 1e-4)
    expect(r.pSim).toBe(1 / (R + 1));
    expect(ref.moranMC9999.p).toBe(1e-4);
  });

  it("pSim agrees with the randomization p-value within Monte Carlo error for a weaker pattern", () => {
    // HOVAL has weaker autocorrelation, so the p-value is not at the floor 1/(R+1)
    const R = 4999;
    const r = moran(ref.HOVAL, wW, { permutations: R, seed: 11, alternative: "two.sided" });
    const p = r.pRandom;
    const se = Math.sqrt(p * (1 - p) / R);
    expect(r.pSim as number).toBeGreaterThan(1 / (R + 1));
    // normal approximation vs exact permutation distribution: Monte Carlo SE plus a small approximation allowance
    expect(Math.abs((r.pSim as number) - p)).toBeLessThan(5 * se + 0.01);
  });
});

describe("moran input forms", () => {
  it("accepts Float64Array and Series-like objects, without mutating the input", () => {
    const r1 = moran(Float64Array.from(crime), wW, { permutations: 0 });
    const r2 = moran({ values: crime, name: "CRIME" } as unknown as { values: number[] }, wW, { permutations: 0 });
    expect(r1.I).toBe(r2.I);
    expect(r2.variable).toBe("CRIME");
  });

  it("accepts a danfo DataFrame (aligned by id) and a danfo Series", () => {
    const order = ref.ids.map((_, i) => i).reverse();
    const df = new dfd.DataFrame({ region: order.map((i) => String(ref.ids[i])), CRIME: order.map((i) => crime[i]) });
    const r = moran(df, "CRIME", wW, { id: "region", permutations: 0 });
    expectClose(r.I, ref.crimeW.normal.I, RTOL, "danfo I");
    const s = new dfd.Series(crime);
    expectClose(moran(s, wW, { permutations: 0 }).zRandom, ref.crimeW.random.z, RTOL, "danfo Series z");
  });

  it("aligns table rows to the weights by an id column", () => {
    const order = ref.ids.map((_, i) => i).reverse();
    const df = Object.freeze({ region: order.map((i) => String(ref.ids[i])), CRIME: order.map((i) => crime[i]) });
    const r = moran(df, "CRIME", wW, { id: "region", permutations: 0 });
    expectClose(r.I, ref.crimeW.normal.I, RTOL, "aligned I");
    expect(r.variable).toBe("CRIME");
  });

  it("names ids missing on either side", () => {
    const df = { region: [...ref.ids.slice(0, 48).map(String), "京"], CRIME: crime };
    expect(() => moran(df, "CRIME", wW, { id: "region" })).toThrow(`moran: ids in data but not in weights: 京; ids in weights but not in data: ${String(ref.ids[48])}`);
  });

  it("uses rows in w.ids order without an id column, and checks the length", () => {
    expectClose(moran({ CRIME: crime }, "CRIME", wW, { permutations: 0 }).I, ref.crimeW.normal.I, RTOL, "I");
    expect(() => moran({ CRIME: crime.slice(1) }, "CRIME", wW)).toThrow('moran: column "CRIME" has 48 rows but the weights have 49 regions');
  });
});

describe("moran bad input", () => {
  it("refuses missing values", () => {
    const x = [...crime];
    x[3] = NaN;
    x[7] = null as unknown as number;
    expect(() => moran(x, wW)).toThrow('moran: column "values" has 2 missing values (rows 3, 7)');
  });
  it("refuses non-numeric values", () => {
    const x: unknown[] = [...crime];
    x[2] = "abc";
    expect(() => moran(x, wW)).toThrow('moran: column "values" is not numeric (row 2 is "abc")');
  });
  it("refuses a constant variable (Moran's I undefined)", () => {
    expect(() => moran(new Array(49).fill(3.2), wW)).toThrow("moran: values are constant; Moran's I is undefined");
    expect(() => moran({ y: new Array(49).fill(0.1) }, "y", wW)).toThrow('moran: column "y" is constant');
  });
  it("refuses a randomization variance that is not positive (spdep moran.test gives Variance 0 here)", () => {
    // 5-ring (spdep cell2nb(5, 1, torus = TRUE)), x = (0, 0, 0, 0, 100): moran.test's Variance is 0 (reference JSON)
    const deg = (ref as unknown as { degenerateRing: Record<string, number> }).degenerateRing;
    expect(Math.abs(deg["Variance"])).toBeLessThan(1e-15);
    const ring = new SpatialWeights(["a", "b", "c", "d", "e"], [[1, 4], [0, 2], [1, 3], [2, 4], [3, 0]]).standardize("W");
    expect(() => moran([0, 0, 0, 0, 100], ring)).toThrow("moran: the randomization variance is not positive");
  });
  it("refuses fewer than 4 regions", () => {
    const w3 = new SpatialWeights(["a", "b", "c"], [[1], [0, 2], [1]]);
    expect(() => moran([1, 2, 3], w3)).toThrow("moran: need at least 4 regions with neighbours, got 3");
  });
  it("refuses a length mismatch and a non-weights argument", () => {
    expect(() => moran(crime.slice(0, 10), wW)).toThrow("moran: 10 values but the weights have 49 regions");
    expect(() => moran(crime, {} as unknown as SpatialWeights)).toThrow("moran: the second argument must be a SpatialWeights");
  });
  it("refuses bad options", () => {
    expect(() => moran(crime, wW, { permutations: -1 })).toThrow("moran: permutations must be a non-negative integer");
    expect(() => moran(crime, wW, { alternative: "up" as never })).toThrow('moran: alternative must be "greater", "less" or "two.sided"');
    expect(() => moran(crime, wW, { permutation: 99 } as never)).toThrow('moran: unknown option "permutation" (did you mean "permutations"?); options: id, zeroPolicy, permutations, seed, alternative, adjustN');
  });
  it("refuses duplicate ids in the weights", () => {
    expect(() => weights.fromGAL("2\n1 1\n1\n1 1\n1\n")).toThrow("duplicate region id");
  });
});

describe("moran summary and normal tail", () => {
  it("summary() names the variable, n and the three tests", () => {
    const s = moran(crime, wW, { permutations: 99, seed: 1 }).summary();
    expect(s).toContain("Global Moran's I");
    expect(s).toMatch(/n\s+: 49/);
    expect(s).toContain("randomization");
    expect(s).toContain("99 permutations, seed 1");
    expect(moran(crime, wW, { permutations: 0 }).toHTML()).toContain("<table");
  });
  it("the normal upper tail agrees with R pnorm(lower.tail = FALSE)", () => {
    ref.pnorm.z.forEach((z, i) => expectClose(normalUpper(z), ref.pnorm.upper[i], 1e-12, `pnorm(${z})`, 1e-300));
  });
});
