import { describe, it, expect } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { panelLmTests, type PanelLmEffects, type PanelLmTestsResult } from "../lib/panel";
import { weights, SpatialWeights } from "../lib/weights";
import { lmTests } from "../lib/spatialreg";
import { ols } from "../lib/regression";
import { RTOL, expectClose } from "./tolerances";
import { referenceDir as refDir, sharedReferenceDir as sharedDir, readReference, readNumericCsv as readCsv, frozenColumns as freeze } from "./helpers/panelReference";

// Reference values: test/reference/panel-lm-tests.R (R 4.2, spdep 1.2-7 lm.LMtests on the period-major stacked
// plm-transformed regression with listw kronecker(diag(T), W); plm 2.6-2 for the auxiliary regression).
// The "sim" panel (test/reference/panel-lm-tests-sim.csv) is SIMULATED by that script (Columbus regions, 6 years).
const ref = readReference("panel-lm-tests.json");

type Cols = Record<string, (number | string)[]>;
function subset(d: Cols, keep: (i: number) => boolean): Cols {
  const o: Cols = {};
  for (const [k, v] of Object.entries(d)) o[k] = v.filter((_, i) => keep(i));
  return o;
}
const gal = (f: string) => weights.fromGAL(fs.readFileSync(path.join(refDir, f), "utf8"));

const sim = freeze(readCsv(path.join(refDir, "panel-lm-tests-sim.csv")));
const w = gal("panel-lm-tests-columbus.gal").standardize("W");
const wIsland = gal("panel-lm-tests-columbus-island.gal").standardize("W");
const EFFECTS: PanelLmEffects[] = ["none", "entity", "time", "twoways"];
const opts = (effects: PanelLmEffects) => ({ entity: "region", time: "year", effects });

function expectAgrees(r: PanelLmTestsResult, rr: Record<string, any>, what: string): void {
  const pairs: [keyof PanelLmTestsResult, string][] = [
    ["lmLag", "LMlag"], ["lmError", "LMerr"], ["robustLmLag", "RLMlag"], ["robustLmError", "RLMerr"], ["sarma", "SARMA"],
  ];
  for (const [ours, theirs] of pairs) {
    const t = r[ours] as { statistic: number; df: number; pValue: number };
    expectClose(t.statistic, rr[theirs].statistic, RTOL, `${what} ${theirs} statistic`);
    expect(t.df).toBe(rr[theirs].df);
    // spdep reports 1 - pchisq(...), exact 0 for tiny p-values: relative agreement plus an absolute floor of 1e-10
    expectClose(t.pValue, rr[theirs].pValue, RTOL, `${what} ${theirs} p-value`);
  }
  expect(r.n).toBe(rr.n);
  expect(r.periods).toBe(rr.periods);
  expectClose(r.sigma2, rr.sigma2, RTOL, `${what} sigma2`);
}

describe("panelLmTests agrees with spdep lm.LMtests on I_T ⊗ W (simulated Columbus panel, committed)", () => {
  for (const effects of EFFECTS) {
    it(`spatial-lag data, effects "${effects}": LM lag, LM error, robust forms and SARMA to 1e-6`, () => {
      const r = panelLmTests(sim, "y ~ x1 + x2", w, opts(effects));
      expectAgrees(r, ref.sim[effects], `sim ${effects}`);
      expect(r.effects).toBe(effects);
      expect(r.entities).toBe(49);
    });
    it(`spatial-error data, effects "${effects}": all five statistics to 1e-6`, () => {
      expectAgrees(panelLmTests(sim, "y_err ~ x1 + x2", w, opts(effects)), ref.sim_err[effects], `sim_err ${effects}`);
    });
    it(`effects "${effects}": the auxiliary regression's coefficients and classical standard errors equal plm's`, () => {
      const r = panelLmTests(sim, "y ~ x1 + x2", w, opts(effects));
      const rr = ref.sim[effects];
      expect(r.coefficients.map((c) => c.term)).toEqual(Object.keys(rr.coefficients));
      for (const c of r.coefficients) {
        expectClose(c.estimate, rr.coefficients[c.term], RTOL, `${effects} ${c.term} estimate`);
        expectClose(c.stdError, rr.stdErrors[c.term], RTOL, `${effects} ${c.term} std. error`);
      }
      expect(r.dfResidual).toBe(rr.dfResidual);
    });
  }

  it("an island is kept as zero rows with zeroPolicy (entity effects and pooled), as spdep's zero.policy = TRUE", () => {
    expectAgrees(panelLmTests(sim, "y ~ x1 + x2", wIsland, { ...opts("entity"), zeroPolicy: true }), ref.sim_island.entity, "island entity");
    expectAgrees(panelLmTests(sim, "y ~ x1 + x2", wIsland, { ...opts("none"), zeroPolicy: true }), ref.sim_island.none, "island none");
  });

  it("one period with no effects equals the cross-section LM tests of spdep (lm.LMtests on year 2011)", () => {
    const one = subset(sim, (i) => sim.year[i] === 2011);
    const r = panelLmTests(one, "y ~ x1 + x2", w, opts("none"));
    const rr = ref.single_period;
    expectClose(r.lmLag.statistic, rr.LMlag.statistic, RTOL, "LMlag");
    expectClose(r.lmError.statistic, rr.LMerr.statistic, RTOL, "LMerr");
    expectClose(r.robustLmLag.statistic, rr.RLMlag.statistic, RTOL, "RLMlag");
    expectClose(r.robustLmError.statistic, rr.RLMerr.statistic, RTOL, "RLMerr");
    expectClose(r.sarma.statistic, rr.SARMA.statistic, RTOL, "SARMA");
    expect(r.periods).toBe(1);
  });
});

describe("panelLmTests: implementation checks", () => {
  it("equals a brute-force dense computation of the Elhorst/Anselin formulas (entity effects, σ² = e'e/NT, trace T·tr(W'W + WW))", () => {
    const N = 49, T = 6, NT = N * T;
    const r = panelLmTests(sim, "y ~ x1 + x2", w, opts("entity"));
    // period-major stacked, entity-demeaned y, x1, x2 (regions 1..49 are w.ids in order)
    const at = (col: number[], reg: number, t: number) => {
      for (let i = 0; i < col.length; i++) if (sim.region[i] === reg && sim.year[i] === 2011 + t) return col[i];
      throw new Error("missing");
    };
    const stack = (col: number[]) => {
      const v = new Array(NT).fill(0);
      for (let i = 0; i < N; i++) {
        let m = 0;
        for (let t = 0; t < T; t++) m += at(col, i + 1, t) / T;
        for (let t = 0; t < T; t++) v[t * N + i] = at(col, i + 1, t) - m;
      }
      return v;
    };
    expect(w.ids).toEqual(Array.from({ length: N }, (_, i) => String(i + 1)));
    const y = stack(sim.y), X = [stack(sim.x1), stack(sim.x2)];
    const dense = w.toDense();
    const Wd = (i: number, j: number) => dense[i * N + j];
    const big = (v: number[]) => v.map((_, p) => { const t = Math.floor(p / N), i = p % N; let s = 0; for (let j = 0; j < N; j++) s += Wd(i, j) * v[t * N + j]; return s; });
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
    const a11 = dot(X[0], X[0]), a12 = dot(X[0], X[1]), a22 = dot(X[1], X[1]), det = a11 * a22 - a12 * a12;
    const solve = (b1: number, b2: number) => [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
    const b = solve(dot(X[0], y), dot(X[1], y));
    const fit = y.map((_, p) => b[0] * X[0][p] + b[1] * X[1][p]);
    const e = y.map((v, p) => v - fit[p]);
    const s2 = dot(e, e) / NT;
    let TW = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) TW += Wd(i, j) * Wd(i, j) + Wd(i, j) * Wd(j, i);
    const WXb = big(fit);
    const g = solve(dot(X[0], WXb), dot(X[1], WXb));
    const MWXb = WXb.map((v, p) => v - g[0] * X[0][p] - g[1] * X[1][p]);
    const J = dot(WXb, MWXb) / s2 + T * TW;
    const dE = dot(e, big(e)) / s2, dL = dot(e, big(y)) / s2;
    expectClose(r.lmError.statistic, dE ** 2 / (T * TW), 1e-10, "LM error");
    expectClose(r.lmLag.statistic, dL ** 2 / J, 1e-10, "LM lag");
    expectClose(r.robustLmLag.statistic, (dL - dE) ** 2 / (J - T * TW), 1e-10, "robust LM lag");
    expectClose(r.robustLmError.statistic, (dE - (T * TW / J) * dL) ** 2 / (T * TW * (1 - T * TW / J)), 1e-10, "robust LM error");
    expectClose(r.sarma.statistic, (dL - dE) ** 2 / (J - T * TW) + dE ** 2 / (T * TW), 1e-10, "SARMA");
  });

  it("reuses lib/spatialreg's lmTests: the same numbers as lmTests on the stacked regression with a block-diagonal SpatialWeights", () => {
    // pooled case: stacked data in period-major order, block weights built by hand
    const N = 49, T = 6;
    const order = Array.from({ length: N * T }, (_, p) => sim.region.findIndex((reg, i) => reg === (p % N) + 1 && sim.year[i] === 2011 + Math.floor(p / N)));
    const cols = { y: order.map((i) => sim.y[i]), x1: order.map((i) => sim.x1[i]), x2: order.map((i) => sim.x2[i]) };
    const nb: number[][] = [], wt: number[][] = [], ids: string[] = [];
    for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) { nb.push(w.neighbors[i].map((j) => t * N + j)); wt.push([...w.weights[i]]); ids.push(`${i}-${t}`); }
    const direct = lmTests(ols(cols, "y ~ x1 + x2"), new SpatialWeights(ids, nb, wt, "W"));
    const r = panelLmTests(sim, "y ~ x1 + x2", w, opts("none"));
    expectClose(r.lmLag.statistic, direct.lmLag.statistic, 1e-12, "LM lag");
    expectClose(r.robustLmError.statistic, direct.robustLmError.statistic, 1e-12, "robust LM error");
  });

  it("does not depend on row order or id type, and does not modify its (frozen) input", () => {
    const n = sim.y.length;
    const perm = Array.from({ length: n }, (_, i) => (i * 97) % n); // 97 and 294 are coprime
    const shuffled: Cols = {};
    for (const [k, v] of Object.entries(sim)) shuffled[k] = perm.map((i) => v[i]);
    shuffled.region = shuffled.region.map((v) => `r${v}`);
    const wr = new SpatialWeights(w.ids.map((id) => `r${id}`), w.neighbors, w.weights, "W");
    const before = JSON.stringify(sim);
    const a = panelLmTests(sim, "y ~ x1 + x2", w, opts("twoways"));
    const b = panelLmTests(freeze(shuffled), "y ~ x1 + x2", wr, opts("twoways"));
    expectClose(b.lmLag.statistic, a.lmLag.statistic, 1e-10, "LM lag");
    expectClose(b.robustLmError.statistic, a.robustLmError.statistic, 1e-10, "robust LM error");
    expect(JSON.stringify(sim)).toBe(before);
  });

  it("row-standardizes binary weights first (style B gives the same as style W)", () => {
    const a = panelLmTests(sim, "y ~ x1 + x2", w.standardize("B"), opts("entity"));
    expectAgrees(a, ref.sim.entity, "binary weights");
    expect(a.weightsStyle).toBe("W");
  });

  it("summary() and toHTML() go through lib/report and show the tests, the effects and the σ² convention", () => {
    const r = panelLmTests(sim, "y ~ x1 + x2", w, opts("twoways"));
    const s = r.summary();
    expect(s).toContain("two-way fixed effects");
    expect(s).toContain("Robust LM error");
    expect(s).toContain("e'e/(NT)");
    expect(s).toContain("49 regions (region) × 6 periods (year), n = 294");
    const h = r.toHTML();
    expect(h.startsWith('<div class="model-summary"')).toBe(true);
    expect(h).toContain("SARMA");
  });
});

describe("panelLmTests: Anselin's decision rule", () => {
  it("both LM tests reject, only the robust LM lag does: spatial lag (simulated lag data, pooled: RLMerr p = 0.216)", () => {
    expect(panelLmTests(sim, "y ~ x1 + x2", w, opts("none")).decision(0.05).model).toBe("lag");
  });
  it("only one LM test rejects: that model; neither: no spatial model (one period: LM lag p = 0.018, LM error p = 0.091)", () => {
    const one = panelLmTests(subset(sim, (i) => sim.year[i] === 2011), "y ~ x1 + x2", w, opts("none"));
    expect(one.decision(0.05).model).toBe("lag");
    expect(one.decision(0.05).reason).toContain("Only LM lag");
    expect(one.decision(0.01).model).toBe("none");
  });
  it("both robust tests reject: the larger robust statistic decides (error data, entity effects: RLMerr 11.46 > RLMlag 11.00)", () => {
    const d = panelLmTests(sim, "y_err ~ x1 + x2", w, opts("entity")).decision();
    expect(d.model).toBe("error");
    expect(d.reason).toContain("larger robust statistic");
  });
  it("rejects an alpha outside (0, 1)", () => {
    expect(() => panelLmTests(sim, "y ~ x1 + x2", w, opts("none")).decision(5)).toThrow(/panelLmTests: decision\(alpha\)/);
  });
});

describe("panelLmTests: bad input", () => {
  it("an unbalanced panel is an error naming the first missing entity–period", () => {
    const d = subset(sim, (i) => !(sim.region[i] === 7 && sim.year[i] === 2013));
    expect(() => panelLmTests(d, "y ~ x1 + x2", w, opts("entity"))).toThrow(/panelLmTests: the panel is unbalanced: entity "7" has no row for period "2013"/);
  });
  it("entity ids that do not match w.ids are an error naming them", () => {
    const d: Cols = { ...sim, region: sim.region.map((v) => (v === 49 ? 50 : v)) };
    expect(() => panelLmTests(d, "y ~ x1 + x2", w, opts("entity"))).toThrow(/panelLmTests: ids in data but not in weights: 50; ids in weights but not in data: 49/);
  });
  it("islands are an error unless zeroPolicy", () => {
    expect(() => panelLmTests(sim, "y ~ x1 + x2", wIsland, opts("entity"))).toThrow(/panelLmTests: weights have 1 island .*: 5; pass \{ zeroPolicy: true \}/);
  });
  it("a regressor absorbed by the fixed effects is an error naming it", () => {
    const d: Cols = { ...sim, size: sim.region.map((v) => v * 2) };
    expect(() => panelLmTests(d, "y ~ x1 + size", w, opts("entity"))).toThrow(/panelLmTests: regressor "size" is absorbed by the entity fixed effects/);
    const d2: Cols = { ...sim, trend: sim.year.map((v) => v - 2000) };
    expect(() => panelLmTests(d2, "y ~ x1 + trend", w, opts("twoways"))).toThrow(/panelLmTests: regressor "trend" is absorbed by the two-way fixed effects/);
  });
  it("a duplicate entity–period row is an error naming it", () => {
    const d: Cols = { ...sim, year: sim.year.map((v, i) => (i === 1 ? 2011 : v)) };
    expect(() => panelLmTests(d, "y ~ x1 + x2", w, opts("none"))).toThrow(/panelLmTests: duplicate entity–time row: entity "1", time "2011"/);
  });
  it("missing values are an error naming the column", () => {
    const d: Cols = { ...sim, x1: sim.x1.map((v, i) => (i === 3 ? NaN : v)) };
    expect(() => panelLmTests(d, "y ~ x1 + x2", w, opts("entity"))).toThrow(/panelLmTests: column "x1" has 1 missing value/);
  });
  it("collinear regressors are an error naming the column", () => {
    const d: Cols = { ...sim, x3: sim.x1.map((v, i) => v + 2 * sim.x2[i]) };
    expect(() => panelLmTests(d, "y ~ x1 + x2 + x3", w, opts("entity"))).toThrow(/panelLmTests: .*"x3"/);
  });
  it("unknown or missing effects, missing options, and entity effects on one period are errors", () => {
    expect(() => panelLmTests(sim, "y ~ x1 + x2", w, { entity: "region", time: "year", effects: "individual" as never })).toThrow(/panelLmTests: effects must be "none", "entity", "time" or "twoways" \(got "individual"\)/);
    expect(() => panelLmTests(sim, "y ~ x1 + x2", w, { entity: "region", time: "year" } as never)).toThrow(/panelLmTests: effects must be/);
    expect(() => panelLmTests(sim, "y ~ x1 + x2", w, undefined as never)).toThrow(/panelLmTests: options \{ id, time \} are required/);
    const one = subset(sim, (i) => sim.year[i] === 2011);
    expect(() => panelLmTests(one, "y ~ x1 + x2", w, opts("entity"))).toThrow(/panelLmTests: the panel has one period \("2011"\)/);
  });
  it("an intercept-only formula under fixed effects is an error", () => {
    expect(() => panelLmTests(sim, "y ~ 1", w, opts("entity"))).toThrow(/panelLmTests: the formula has no regressors besides the intercept/);
  });
});

// splm's own reference panel (../shared/reference, beside the repository): spdep lm.LMtests on I_T ⊗ W, same script
const haveShared = fs.existsSync(path.join(sharedDir, "columbus-sim-panel.csv")) && !!ref.shared;
if (!haveShared) console.warn(`panel-lm-tests: shared cases skipped: ${sharedDir} (../shared/reference beside the repository) is absent`);

describe.skipIf(!haveShared)("panelLmTests agrees with spdep on the splm reference panel (../shared/reference/columbus-sim-panel.csv)", () => {
  const data = haveShared ? freeze(readCsv(path.join(sharedDir, "columbus-sim-panel.csv"))) : {};
  const ws = haveShared ? weights.fromGAL(fs.readFileSync(path.join(sharedDir, "columbus.gal"), "utf8")).standardize("W") : (null as never);
  for (const y of ["y_lag", "y_err"]) {
    for (const effects of EFFECTS) {
      it(`${y}, effects "${effects}": all five statistics to 1e-6`, () => {
        expectAgrees(panelLmTests(data, `${y} ~ x1 + x2`, ws, opts(effects)), ref.shared[y][effects], `shared ${y} ${effects}`);
      });
    }
  }
  it("Anselin's rule picks the lag model on the lag data and the error model on the error data (entity effects)", () => {
    expect(panelLmTests(data, "y_lag ~ x1 + x2", ws, opts("entity")).decision().model).toBe("lag");
    const d = panelLmTests(data, "y_err ~ x1 + x2", ws, opts("entity")).decision();
    expect(d.model).toBe("error");
    expect(d.reason).toContain("only the robust LM error");
  });
});
