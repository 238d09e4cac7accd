import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dagumGini } from "../lib/disparity/dagumGini";
import { rng } from "../lib/random/rng";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2 base R, definitions written out with outer(): test/reference/disparity-states.R on state.x77
// (Income 1974, Population 1975) by state.region.
type Dagum = { G: number; Gw: number; Gnb: number; Gt: number; Gjj: number[]; Gjh: number[][]; D: number[][]; means: number[]; p: number[]; s: number[] };
const ref = JSON.parse(readFileSync(join(__dirname, "reference/disparity-states.json"), "utf8")) as {
  income: number[]; population: number[]; region: string[]; levels: string[]; dagumUnweighted: Dagum; dagumWeighted: Dagum;
};
const data = Object.freeze({ income: Object.freeze([...ref.income]), pop: Object.freeze([...ref.population]), region: Object.freeze([...ref.region]) }) as unknown as Record<string, number[]>;

function expectDagum(r: ReturnType<typeof dagumGini>, e: Dagum, what: string) {
  expect(r.groups).toEqual(ref.levels);
  const k = r.groups.length;
  expectClose(r.gini, e.G, RTOL, `${what} G`);
  expectClose(r.within, e.Gw, RTOL, `${what} Gw`);
  expectClose(r.netBetween, e.Gnb, RTOL, `${what} Gnb`);
  expectClose(r.transvariation, e.Gt, RTOL, `${what} Gt`);
  for (let j = 0; j < k; j++) {
    expectClose(r.withinGini[j], e.Gjj[j], RTOL, `${what} Gjj[${j}]`);
    expectClose(r.means[j], e.means[j], RTOL, `${what} mean[${j}]`);
    expectClose(r.populationShares[j], e.p[j], RTOL, `${what} p[${j}]`);
    expectClose(r.valueShares[j], e.s[j], RTOL, `${what} s[${j}]`);
    for (let h = 0; h < k; h++) {
      expectClose(r.betweenGini[j * k + h], e.Gjh[j][h], RTOL, `${what} Gjh[${j},${h}]`);
      expectClose(r.affluence[j * k + h], e.D[j][h], RTOL, `${what} D[${j},${h}]`, 1e-12);
    }
  }
}

describe("dagumGini (Dagum 1997 decomposition)", () => {
  it("agrees with the base-R double sums on state incomes by census region, unweighted", () => {
    expectDagum(dagumGini(data, { value: "income", group: "region" }), ref.dagumUnweighted, "unweighted");
  });

  it("agrees with the base-R double sums with population weights", () => {
    expectDagum(dagumGini(data, { value: "income", group: "region", weight: "pop" }), ref.dagumWeighted, "weighted");
  });

  it("the sorted fast path equals a brute-force double sum over all pairs, and G = G_w + G_nb + G_t", () => {
    const r = rng(7);
    const n = 40;
    const y = Array.from({ length: n }, () => Math.round(r.next() * 100) / 10); // ties included
    const g = Array.from({ length: n }, (_, i) => ["a", "b", "c"][i % 3]);
    const w = Array.from({ length: n }, () => 1 + r.int(5));
    const res = dagumGini({ y, g, w }, { value: "y", group: "g", weight: "w" });
    let num = 0, W = 0, S = 0;
    for (let i = 0; i < n; i++) { W += w[i]; S += w[i] * y[i]; for (let j = 0; j < n; j++) num += w[i] * w[j] * Math.abs(y[i] - y[j]); }
    expectClose(res.gini, num / (2 * W * W * (S / W)), 1e-12, "G brute force");
    expectClose(res.within + res.netBetween + res.transvariation, res.gini, 1e-12, "G_w + G_nb + G_t");
    // a pair of groups by brute force: G_ab = ΣΣ w w |y − y| / (W_a W_b (μ_a + μ_b))
    const ia = y.map((_, i) => i).filter((i) => g[i] === "a"), ib = y.map((_, i) => i).filter((i) => g[i] === "b");
    let s = 0, Wa = 0, Wb = 0, Sa = 0, Sb = 0;
    for (const i of ia) { Wa += w[i]; Sa += w[i] * y[i]; for (const j of ib) s += w[i] * w[j] * Math.abs(y[i] - y[j]); }
    for (const j of ib) { Wb += w[j]; Sb += w[j] * y[j]; }
    expectClose(res.betweenGini[0 * 3 + 1], s / (Wa * Wb * (Sa / Wa + Sb / Wb)), 1e-12, "G_ab brute force");
  });

  it("an integer weight equals repeating the unit that many times", () => {
    const a = dagumGini({ y: [1, 5, 2, 8, 3], g: ["x", "x", "y", "y", "y"], w: [2, 1, 1, 3, 1] }, { value: "y", group: "g", weight: "w" });
    const b = dagumGini({ y: [1, 1, 5, 2, 8, 8, 8, 3], g: ["x", "x", "x", "y", "y", "y", "y", "y"] }, { value: "y", group: "g" });
    expectClose(a.gini, b.gini, 1e-12, "G");
    expectClose(a.netBetween, b.netBetween, 1e-12, "Gnb");
  });

  it("bootstrap replicates follow the documented within-group resampling with the seeded generator", () => {
    const res = dagumGini(data, { value: "income", group: "region", bootstrap: 20, seed: 3 });
    expect(res.seed).toBe(3);
    const r = rng(3);
    const rows = ref.levels.map((l) => ref.region.map((g, i) => (g === l ? i : -1)).filter((i) => i >= 0));
    for (let b = 0; b < 3; b++) {
      const y: number[] = [], g: string[] = [];
      rows.forEach((rj, j) => { for (let m = 0; m < rj.length; m++) { y.push(ref.income[rj[r.below(rj.length)]]); g.push(ref.levels[j]); } });
      const one = dagumGini({ y, g }, { value: "y", group: "g" });
      expectClose(res.replicates.gini[b], one.gini, 1e-12, `replicate ${b}`);
    }
    const again = dagumGini(data, { value: "income", group: "region", bootstrap: 20, seed: 3 });
    expect(Array.from(again.replicates.gini)).toEqual(Array.from(res.replicates.gini));
    expect(res.intervals!.gini.lower).toBeLessThanOrEqual(res.intervals!.gini.upper);
  });

  it("refuses bad input with an error naming the function and the problem", () => {
    expect(() => dagumGini({ y: [1, -2, 3], g: ["a", "b", "a"] }, { value: "y", group: "g" })).toThrow(/dagumGini: column "y" has a negative value/);
    expect(() => dagumGini({ y: [1, 2, 3] }, { value: "y" } as never)).toThrow(/dagumGini: option "group" is required/);
    expect(() => dagumGini({ y: [1, 2, 3], g: ["a", "b", "a"] }, { value: "y", group: "g", bootstrap: 1.5 })).toThrow(/bootstrap must be a non-negative integer/);
    expect(() => dagumGini({ y: [1, 2, 3], g: ["a", "b", "a"] }, { value: "y", group: "g", seeds: 1 } as never)).toThrow(/unknown option "seeds"/);
    expect(() => dagumGini({ y: [1, null, 3], g: ["a", "b", "a"] }, { value: "y", group: "g" })).toThrow(/column "y" has 1 missing value/);
  });

  it("prints through the shared summary", () => {
    expect(dagumGini(data, { value: "income", group: "region" }).summary()).toMatch(/Dagum Gini decomposition/);
  });
});
