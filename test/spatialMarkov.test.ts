import { describe, expect, it } from "vitest";
import { spatialMarkov } from "../lib/dynamics/spatialMarkov";
import { classify } from "../lib/dynamics/classify";
import { SpatialWeights } from "../lib/weights";
import { rng } from "../lib/random/rng";
import { expectClose } from "./tolerances";

// A 12-region ring (each region's neighbours: the two adjacent ones), 8 periods of seeded random values:
// the conditional counts are checked by brute force from the definition (Rey 2001).
const n = 12, T = 8;
const w = new SpatialWeights(Array.from({ length: n }, (_, i) => `r${i}`), Array.from({ length: n }, (_, i) => [(i + n - 1) % n, (i + 1) % n])).standardize("W");
const r = rng(11);
const values = Object.freeze(Array.from({ length: n }, () => Object.freeze(Array.from({ length: T }, () => r.next()))));

describe("spatialMarkov (Rey 2001 spatial Markov chain)", () => {
  it("conditional counts equal a brute-force count of transitions by the start-period lag class", () => {
    const res = spatialMarkov(values, w, { k: 3 });
    const cls = (v: number, b: number[]) => b.filter((x) => v > x).length;
    const cc = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [0, 0, 0]));
    for (let t = 1; t < T; t++) for (let i = 0; i < n; i++) {
      const lag = (values[(i + n - 1) % n][t - 1] + values[(i + 1) % n][t - 1]) / 2;
      cc[cls(lag, res.lagBreaks)][cls(values[i][t - 1], res.breaks)][cls(values[i][t], res.breaks)]++;
    }
    expect(res.conditionalCounts).toEqual(cc);
    expect(res.transitions).toBe(n * (T - 1));
    // pooled counts are the sum of the conditional ones
    const pooled = cc.reduce((acc, m) => acc.map((row, a) => row.map((v, b) => v + m[a][b])));
    expect(res.counts).toEqual(pooled);
  });

  it("uses pooled tercile breaks (R quantile type 7) and user breaks when given", () => {
    const res = spatialMarkov(values, w, { k: 3 });
    const all = values.flat().sort((a, b) => a - b);
    const q = (p: number) => { const h = (all.length - 1) * p, lo = Math.floor(h); return all[lo] + (h - lo) * (all[lo + 1] - all[lo]); };
    expectClose(res.breaks[0], q(1 / 3), 1e-12, "break 1");
    expectClose(res.breaks[1], q(2 / 3), 1e-12, "break 2");
    const user = spatialMarkov(values, w, { breaks: [0.5], lagBreaks: [0.5] });
    expect(user.conditionalP.length).toBe(2);
    expect(Array.from(classify([0.4, 0.6], user.breaks))).toEqual([0, 1]);
  });

  it("each conditional ergodic distribution is stationary for its matrix", () => {
    const res = spatialMarkov(values, w, { k: 3 });
    res.conditionalP.forEach((P, l) => {
      const pi = res.conditionalErgodic[l];
      if (!pi) return;
      for (let j = 0; j < 3; j++) expectClose(pi.reduce((s, v, i) => s + v * P[i][j], 0), pi[j], 1e-12, `pi P = pi, lag ${l}`);
    });
  });

  it("refuses mismatched rows and islands", () => {
    expect(() => spatialMarkov(values.slice(1), w)).toThrow(/spatialMarkov: 11 rows but the weights have 12 regions/);
    const island = new SpatialWeights(["a", "b", "c"], [[1], [0], []]);
    expect(() => spatialMarkov([[1, 2], [2, 3], [3, 4]], island)).toThrow(/spatialMarkov: 1 regions have no neighbours/);
  });
});

describe("spatialMarkov homogeneity tests (Bickenbach & Bode 2003)", () => {
  it("Q and LR equal the cell sums written out, with df = Σ_i (a_i − 1)(b_i − 1)", () => {
    const res = spatialMarkov(values, w, { k: 3 });
    let Q = 0, LR = 0, df = 0;
    for (let i = 0; i < 3; i++) {
      const lagsSeen = res.conditionalCounts.filter((c) => c[i].reduce((a, b) => a + b, 0) > 0).length;
      const reached = res.P[i].filter((p) => p > 0).length;
      df += (lagsSeen - 1) * (reached - 1);
      for (const c of res.conditionalCounts) {
        const nli = c[i].reduce((a, b) => a + b, 0);
        for (let j = 0; j < 3; j++) {
          if (nli === 0 || res.P[i][j] === 0) continue;
          Q += nli * (c[i][j] / nli - res.P[i][j]) ** 2 / res.P[i][j];
          if (c[i][j] > 0) LR += 2 * c[i][j] * Math.log(c[i][j] / nli / res.P[i][j]);
        }
      }
    }
    expectClose(res.homogeneity.Q, Q, 1e-12, "Q");
    expectClose(res.homogeneity.LR, LR, 1e-12, "LR");
    expect(res.homogeneity.df).toBe(df);
    expect(res.homogeneity.pQ).toBeGreaterThan(0);
  });
  it("is 0 when every lag class shows the same transitions (one lag class)", () => {
    const res = spatialMarkov(values, w, { k: 3, lagBreaks: [] });
    expect(res.homogeneity.Q).toBe(0);
    expect(res.homogeneity.df).toBe(0);
  });
});
