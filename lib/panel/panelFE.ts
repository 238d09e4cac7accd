/**
 * Linear panel model with fixed effects, estimated by the within transformation.
 */
import type { DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve } from "../linalg";
import { panelDesign } from "./panelDesign";
import { checkIndependent } from "../linalg/pivotedCholesky";
import { panelIndex, type PanelIndex } from "./panelIndex";
import { withinTransform, type PanelEffects } from "./withinTransform";
import { fUpper } from "../distributions/cdf";
import { leastSquaresVcov } from "../inference/estimators";
import { coefficientRows, type Fit, type ReportParts } from "../inference/fit";
import type { LeastSquaresInference, PanelStructure } from "../inference/leastSquares";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { panelOptions } from "./panelOptions";
import { checkData, checkFormula, underName } from "../core/validate";
import { formatNumber } from "../report/format";

/** Options of {@link panelFE}. */
export interface PanelFEOptions {
  /** Column identifying the unit (province, city, firm). */
  id?: string;
  /** @deprecated the same as `id` (kept for one release). */
  entity?: string;
  /** Column identifying the period (year). */
  time: string;
  /** Which fixed effects to absorb (default "entity"). */
  effects?: PanelEffects;
  /**
   * Standard errors (default "classical"):
   * - `"classical"`: s²(X̃'X̃)⁻¹ with s² = RSS / (n − k − absorbed effects), as plm;
   * - `"robust"`: White heteroskedasticity-robust, HC1 factor n/(n − k) (plm `vcovHC(method = "white1", type = "HC1")`);
   * - `{ cluster: "province" }`: cluster-robust by a column; `convention: "stata"` (default) multiplies by
   *   G/(G−1)·(n−1)/(n−K), K = k + 1 + absorbed effects not nested in the clusters, as Stata's
   *   `xtreg y x i.year, fe vce(cluster id)`, with t(G−1) p-values; `convention: "plm"` multiplies by n/(n−k), as
   *   plm's `vcovHC(method = "arellano", type = "HC1")`, with t(df residual) p-values;
   * - `{ cluster: ["province", "year"] }`: two-way clustering (Cameron, Gelbach & Miller 2011),
   *   V_a + V_b − V_white, each with factor n/(n−k), as plm's `vcovDC(type = "HC1")`;
   * - `{ driscollKraay: lag }`: Driscoll & Kraay (1998) cross-section- and serial-correlation-robust,
   *   Bartlett weights up to `lag` (null: floor(max T_i^(1/4)) as plm), no small-sample factor, as plm's
   *   `vcovSCC(type = "HC0")`.
   */
  vcov?: VcovSpec;
}

/** F test that all absorbed effects are zero (plm `pFtest(within, pooling)`). */
export interface EffectsFTest {
  statistic: number;
  df1: number;
  df2: number;
  pValue: number;
}

/** Result of {@link panelFE}. */
export interface PanelFEResult extends Fit {
  kind: "panelFE";
  /** Share of the variation of the within-transformed response explained (plm's R² of a within model). */
  r2Within: number;
  /** Number of distinct entities. */
  entities: number;
  /** Number of distinct periods. */
  periods: number;
  /** n − k − (number of absorbed effects). */
  dfResidual: number;
  fTestEffects: EffectsFTest;
  effects: PanelEffects;
  balanced: boolean;
  /** Warnings about the fit (an essentially perfect within fit); also printed by `summary()`. */
  warnings: string[];
  /** Residuals of the within regression, in the input row order. */
  residuals: Float64Array;
  /** Variance matrix of the coefficients (k × k, rows/cols in coefficient order). */
  vcov: number[][];
  /** Residual variance RSS / dfResidual. */
  sigma2: number;
  /** Degrees of freedom of the t tests (dfResidual, or G − 1 for Stata-convention clusters). */
  dfTest: number;
  /** Unit and period column names (`entity` is the deprecated name of `id`). */
  index: { id: string; time: string; entity: string };
  /** Fitted values of the within regression (X̃β), in the input row order. */
  fittedWithin: Float64Array;
  /**
   * Estimated fixed effects of a one-way model, by level (plm `fixef(type = "level")`):
   * α_g = ȳ_g − x̄_g'β for each entity (or period). Two-way models are refused: their effects
   * are identified only up to a normalization.
   * @throws `panelFE.fixef: ...` for two-way models
   */
  fixef(): Record<string, number>;
}

const EFFECT_WORDS: Record<PanelEffects, string> = {
  entity: "entity (individual) fixed effects",
  time: "time fixed effects",
  twoways: "two-way (entity and time) fixed effects",
};

/**
 * Fit a linear panel model with entity, time or two-way fixed effects by the within
 * transformation (Baltagi 2021, ch. 2–3; plm's `plm(model = "within")`).
 *
 * Balanced and unbalanced panels; two-way effects on unbalanced panels are absorbed exactly
 * (see `withinTransform`). Entities observed once (singletons) are KEPT, as plm and Stata's
 * `xtreg` keep them: they add nothing to the slopes but count in n and in the absorbed effects.
 * A regressor that the effects absorb (time-invariant under entity effects) is an error naming it.
 * An intercept in the formula is absorbed by the effects and not reported.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"` (formula interface of lib/formula: log(), I(), factor(), `:`)
 * @param options `entity`, `time`, `effects`, `vcov` (see {@link PanelFEOptions})
 * @throws `panelFE: duplicate entity–time row: ...`; `panelFE: regressor "x" does not vary within entities ...`;
 *   `panelFE: the panel has one period ("2019") ...`; missing values and mixed id types
 * @example
 * // plm::Grunfeld, inv ~ value + capital, two-way: value 0.117716, capital 0.357916 (R plm 2.6-2)
 * const m = panelFE(grunfeld, "inv ~ value + capital", { entity: "firm", time: "year", effects: "twoways",
 *   vcov: { cluster: "firm" } });
 * m.coefficients[0].estimate // 0.11771585508260...
 */
export function panelFE(data: DataInput, formula: string, options: PanelFEOptions): PanelFEResult {
  return underName("panelFE", () => panelFEBody(data, formula, options));
}

function panelFEBody(data: DataInput, formula: string, options: PanelFEOptions): PanelFEResult {
  const fn = "panelFE";
  checkData(data, fn);
  checkFormula(formula, fn);
  const norm = panelOptions(options, ["effects", "vcov"], fn);
  const effects = norm.effects ?? "entity";
  if (!["entity", "time", "twoways"].includes(effects)) {
    throw new Error(`${fn}: effects must be "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  }
  const opt = { entity: norm.id, time: norm.time, effects, vcov: norm.vcov ?? "iid" };
  const ix = panelIndex(rawColumn(data, opt.entity, fn), rawColumn(data, opt.time, fn), opt, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  if (T === 1 && opt.effects !== "time") {
    throw new Error(`${fn}: the panel has one period ("${ix.timeLevels[0]}"), so entity fixed effects absorb every observation; use a cross-section model (ols) instead`);
  }
  if (N === 1 && opt.effects !== "entity") {
    throw new Error(`${fn}: the panel has one entity ("${ix.entityLevels[0]}"), so time fixed effects absorb every observation`);
  }
  const mm = panelDesign(data, formula, fn);
  const n = mm.n;
  const k = mm.k;
  if (k === 0) throw new Error(`${fn}: the formula has no regressors besides the intercept, which the fixed effects absorb`);
  const names = mm.names;
  const wt = withinTransform(ix, opt.effects);
  const yd = wt.apply(mm.y);
  {
    // a response the effects absorb leaves 0/0 t statistics and an infinite F (plm and xtreg print NaN/missing)
    let mean = 0;
    for (let i = 0; i < n; i++) mean += mm.y[i];
    mean /= n;
    let ssRaw = 0, ssD = 0;
    for (let i = 0; i < n; i++) { ssRaw += (mm.y[i] - mean) ** 2; ssD += yd[i] * yd[i]; }
    if (ssD <= 1e-20 * ssRaw || ssD < 1e-300) {
      const where = opt.effects === "entity" ? "within entities" : opt.effects === "time" ? "across entities within periods" : "beyond an entity and a period component";
      throw new Error(`${fn}: the dependent variable "${mm.responseName}" does not vary ${where}, so the fixed effects absorb it and there is nothing left to explain: the t and F tests are undefined`);
    }
  }
  const Xd = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const col = mm.X.subarray(c * n, c * n + n);
    const d = wt.apply(col);
    // absorbed regressor: variation left after the transformation is negligible
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i];
    mean /= n;
    let ssRaw = 0, ssD = 0;
    for (let i = 0; i < n; i++) { const dv = col[i] - mean; ssRaw += dv * dv; ssD += d[i] * d[i]; }
    if (ssD <= 1e-20 * Math.max(ssRaw, 1e-300) || ssD < 1e-300) {
      const why = opt.effects === "entity" ? "does not vary within entities (time-invariant), so the entity fixed effects absorb it"
        : opt.effects === "time" ? "does not vary across entities within periods, so the time fixed effects absorb it"
          : "is a sum of an entity-only and a period-only component, so the two-way fixed effects absorb it";
      throw new Error(`${fn}: regressor "${names[c]}" ${why}; remove it from the formula`);
    }
    Xd.set(d, c * n);
  }
  const dfResidual = n - k - wt.absorbed;
  if (dfResidual <= 0) throw new Error(`${fn}: no residual degrees of freedom (n = ${n}, k = ${k}, absorbed effects = ${wt.absorbed})`);
  const XtX = crossprod(Xd, n, k);
  checkIndependent(XtX, k, names, fn, " (after the within transformation)");
  const L = cholesky(XtX, k, fn);
  const bread = cholInverse(L, k);
  const beta = cholSolve(L, crossprodXy(Xd, yd, n, k), k);
  const resid = yd.slice();
  for (let c = 0; c < k; c++) {
    const b = beta[c], o = c * n;
    for (let i = 0; i < n; i++) resid[i] -= Xd[o + i] * b;
  }
  let rss = 0, tss = 0;
  for (let i = 0; i < n; i++) { rss += resid[i] * resid[i]; tss += yd[i] * yd[i]; }
  const sigma2 = rss / dfResidual;
  const r2Within = 1 - rss / tss;
  // R summary.lm's criterion on the within regression (plm prints the fit without a warning)
  const warnings = rss / dfResidual < (tss / Math.max(n - 1, 1)) * 1e-30
    ? [`essentially perfect within fit (residual variance ${formatNumber(sigma2, 3)} is rounding noise): standard errors and tests are unreliable`]
    : [];
  const adjR2Within = 1 - (1 - r2Within) * (n - 1) / dfResidual;

  // pooled OLS with intercept for the F test of the effects (computed on first use)
  const df1 = (n - k - 1) - dfResidual;
  let fTestCache: EffectsFTest | null = null;
  const fTest = (): EffectsFTest => {
    if (fTestCache) return fTestCache;
    const Xp = new Float64Array(n * (k + 1));
    Xp.fill(1, 0, n);
    Xp.set(mm.X, n);
    const Lp = cholesky(crossprod(Xp, n, k + 1), k + 1, fn);
    const bp = cholSolve(Lp, crossprodXy(Xp, mm.y, n, k + 1), k + 1);
    const rp = mm.y.slice();
    for (let c = 0; c <= k; c++) { const b = bp[c], o = c * n; for (let i = 0; i < n; i++) rp[i] -= Xp[o + i] * b; }
    let rssPool = 0;
    for (let i = 0; i < n; i++) rssPool += rp[i] * rp[i];
    const F = Math.max(0, ((rssPool - rss) / df1) / (rss / dfResidual));
    fTestCache = { statistic: F, df1, df2: dfResidual, pValue: fUpper(F, df1, dfResidual) };
    return fTestCache;
  };
  const panel: PanelStructure = {
    entity: ix.entity, time: ix.time, entities: N, periods: T, countsByEntity: ix.countsByEntity, idColumn: opt.entity, timeColumn: opt.time,
  };
  const inference: LeastSquaresInference = {
    type: "leastSquares", X: Xd, residuals: resid, bread, n, k, dfResidual, sigma2, absorbed: wt.absorbed, effects: opt.effects,
    panel, data, rows: null, clusterConvention: "stata", fn,
  };
  const variance = leastSquaresVcov(inference, opt.vcov, names);
  const coefficients = coefficientRows(names, beta, variance);
  const fixedEffects = {
    entity: opt.effects === "time" ? null : opt.entity,
    time: opt.effects === "entity" ? null : opt.time,
  };
  let singletons = 0;
  for (const c of ix.countsByEntity) if (c === 1) singletons++;
  return makeFit<PanelFEResult>({
    kind: "panelFE",
    method: `Panel within estimator, ${EFFECT_WORDS[opt.effects]}`,
    dependent: mm.responseName,
    formula,
    coefficients,
    coefficientNames: names,
    estimates: beta,
    n, k,
    vcovType: variance.label,
    vcovSpec: opt.vcov,
    variance,
    inference,
    statisticName: "t",
    fit: { r2Within, adjR2Within, rss, sigma2, dfResidual },
    fixedEffects,
    r2Within,
    entities: N,
    periods: T,
    dfResidual,
    get fTestEffects() { return fTest(); },
    effects: opt.effects,
    balanced: ix.balanced,
    warnings,
    residuals: resid,
    vcov: Array.from({ length: k }, (_, i) => Array.from(variance.values.subarray(i * k, i * k + k))),
    sigma2,
    dfTest: variance.dfTest ?? dfResidual,
    index: { id: opt.entity, time: opt.time, entity: opt.entity },
    fittedWithin: (() => { const f = new Float64Array(n); for (let i = 0; i < n; i++) f[i] = yd[i] - resid[i]; return f; })(),
    fixef: () => {
      if (opt.effects === "twoways") throw new Error(`${fn}.fixef: two-way effects are identified only up to a normalization; fit one-way models to read entity or period effects`);
      const codes = opt.effects === "entity" ? ix.entity : ix.time;
      const levels = opt.effects === "entity" ? ix.entityLevels : ix.timeLevels;
      const counts = opt.effects === "entity" ? ix.countsByEntity : ix.countsByTime;
      const sums = new Float64Array(levels.length);
      for (let i = 0; i < n; i++) {
        let xb = 0;
        for (let c = 0; c < k; c++) xb += mm.X[c * n + i] * beta[c];
        sums[codes[i]] += mm.y[i] - xb;
      }
      const out: Record<string, number> = {};
      levels.forEach((lev, g) => { out[lev] = sums[g] / counts[g]; });
      return out;
    },
    // a getter: the F test of the effects needs a pooled regression, run only when a summary or the test is read
    get report(): ReportParts {
      const fTestNow = fTest();
      return {
      title: `Panel within estimator, ${EFFECT_WORDS[opt.effects]}`,
      header: [
        ["Dependent variable", mm.responseName], ["Formula", formula],
        ["Panel", `${N} units (${opt.entity}), ${T} periods (${opt.time}), ${ix.balanced ? "balanced" : "unbalanced"}, n = ${n}` +
          (singletons > 0 ? `; ${singletons} unit${singletons > 1 ? "s" : ""} observed once (kept, as plm and xtreg do)` : "")],
        ["Effects", EFFECT_WORDS[opt.effects] + (opt.effects === "twoways" && !ix.balanced ? " (absorbed exactly)" : "")],
        ["Residual df", dfResidual],
      ],
      statistics: [
        ["R² within", r2Within], ["adj. R² within", adjR2Within], ["sigma²", sigma2],
        [`F test of the effects, F(${df1}, ${dfResidual})`, fTestNow.statistic], ["p-value of the F test", fTestNow.pValue],
      ] as [string, number][],
      notes: warnings.map((w) => `Warning: ${w}`),
      };
    },
  });
}
