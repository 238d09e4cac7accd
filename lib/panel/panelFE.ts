/**
 * Linear panel model with fixed effects, estimated by the within transformation.
 */
import type { CoefficientRow, DataInput, ModelResult } from "../core/types";
import { rawColumn, idColumn } from "../core/data";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve } from "../linalg";
import { panelDesign } from "./panelDesign";
import { checkIndependent } from "../linalg/pivotedCholesky";
import { panelIndex, type PanelIndex } from "./panelIndex";
import { withinTransform, type PanelEffects } from "./withinTransform";
import {
  type PanelVcovSpec, type PanelVcovResult, type ScoreInputs,
  sandwich, groupScores, outerSum, whiteMeat, driscollKraayMeat,
} from "./panelVcov";
import { tTwoSided, fUpper } from "../distributions/cdf";
import { panelSummaryText, panelSummaryHTML } from "./panelFormat";

/** Options of {@link panelFE}. */
export interface PanelFEOptions {
  /** Column identifying the entity (province, city, firm). */
  entity: string;
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
  vcov?: PanelVcovSpec;
}

/** F test that all absorbed effects are zero (plm `pFtest(within, pooling)`). */
export interface EffectsFTest {
  statistic: number;
  df1: number;
  df2: number;
  pValue: number;
}

/** Result of {@link panelFE}. */
export interface PanelFEResult extends ModelResult {
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
  /** Residuals of the within regression, in the input row order. */
  residuals: Float64Array;
  /** Variance matrix of the coefficients (k × k, rows/cols in coefficient order). */
  vcov: number[][];
  /** Residual variance RSS / dfResidual. */
  sigma2: number;
  /** Degrees of freedom of the t tests (dfResidual, or G − 1 for Stata-convention clusters). */
  dfTest: number;
  /** Entity and time column names. */
  index: { entity: string; time: string };
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

function checkOptions(options: PanelFEOptions | undefined, fn: string): Required<Pick<PanelFEOptions, "entity" | "time" | "effects">> & { vcov: PanelVcovSpec } {
  if (!options || typeof options.entity !== "string" || typeof options.time !== "string") {
    throw new Error(`${fn}: options { entity, time } are required (the entity and period column names)`);
  }
  const effects = options.effects ?? "entity";
  if (!["entity", "time", "twoways"].includes(effects)) {
    throw new Error(`${fn}: effects must be "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  }
  return { entity: options.entity, time: options.time, effects, vcov: options.vcov ?? "classical" };
}

/** Codes of an arbitrary id column (for clustering), validated. */
function clusterCodes(data: DataInput, name: string, fn: string): { codes: Int32Array; G: number } {
  const ids = idColumn(data, name, fn);
  const map = new Map<string, number>();
  const codes = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let c = map.get(ids[i]);
    if (c === undefined) { c = map.size; map.set(ids[i], c); }
    codes[i] = c;
  }
  return { codes, G: map.size };
}

function nested(inner: Int32Array, outer: Int32Array): boolean {
  let max = 0;
  for (let i = 0; i < inner.length; i++) if (inner[i] > max) max = inner[i];
  const seen = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < inner.length; i++) {
    const prev = seen[inner[i]];
    if (prev === -1) seen[inner[i]] = outer[i];
    else if (prev !== outer[i]) return false;
  }
  return true;
}

/** Compute the requested variance matrix (exported for panelRE and tests). */
export function panelVcov(spec: PanelVcovSpec, inp: ScoreInputs, ctx: {
  data: DataInput; ix: PanelIndex; effects: PanelEffects | "none"; absorbed: number; dfResidual: number; sigma2: number; fn: string;
  /** Entity and time column names (their codes are reused when clustering by them). */
  names?: { entity: string; time: string };
}): PanelVcovResult {
  const { n, k, bread } = inp;
  const { fn, ix } = ctx;
  if (spec === "classical") {
    const V = Float64Array.from(bread, (b) => b * ctx.sigma2);
    return { vcov: V, label: "classical", dfTest: ctx.dfResidual };
  }
  if (spec === "robust") {
    return {
      vcov: sandwich(bread, whiteMeat(inp), k, n / (n - k)),
      label: "heteroskedasticity-robust (White HC1, n/(n−k); plm vcovHC white1)", dfTest: ctx.dfResidual,
    };
  }
  if (typeof spec === "object" && spec !== null && "driscollKraay" in spec) {
    const T = ix.timeLevels.length;
    let maxTi = 0;
    for (const c of ix.countsByEntity) maxTi = Math.max(maxTi, c);
    const lag = spec.driscollKraay ?? Math.floor(Math.pow(maxTi, 0.25));
    if (!Number.isInteger(lag) || lag < 0) throw new Error(`${fn}: driscollKraay lag must be a non-negative integer (got ${spec.driscollKraay})`);
    if (lag >= T) throw new Error(`${fn}: driscollKraay lag ${lag} must be smaller than the number of periods (${T})`);
    return {
      vcov: sandwich(bread, driscollKraayMeat(inp, ix.time, T, lag), k, 1),
      label: `Driscoll–Kraay (Bartlett, maxlag ${lag}, HC0; plm vcovSCC)`, dfTest: ctx.dfResidual, maxlag: lag,
    };
  }
  if (typeof spec === "object" && spec !== null && "cluster" in spec) {
    const convention = spec.convention ?? "stata";
    if (convention !== "stata" && convention !== "plm") throw new Error(`${fn}: cluster convention must be "stata" or "plm" (got ${JSON.stringify(convention)})`);
    if (Array.isArray(spec.cluster)) {
      if (spec.cluster.length !== 2) throw new Error(`${fn}: two-way clustering takes two column names (got ${spec.cluster.length})`);
      if (spec.convention === "stata") throw new Error(`${fn}: two-way clustering follows plm's vcovDC (convention "plm"); the "stata" convention is for one-way clusters`);
      const [a, b] = spec.cluster as [string, string];
      const ca = clusterCodes(ctx.data, a, fn);
      const cb = clusterCodes(ctx.data, b, fn);
      const M = outerSum(groupScores(inp, ca.codes, ca.G), ca.G, k);
      const Mb = outerSum(groupScores(inp, cb.codes, cb.G), cb.G, k);
      const Mw = whiteMeat(inp);
      for (let i = 0; i < k * k; i++) M[i] += Mb[i] - Mw[i];
      return {
        vcov: sandwich(bread, M, k, n / (n - k)),
        label: `two-way cluster-robust by ${a} (${ca.G}) and ${b} (${cb.G}) (CGM, HC1 n/(n−k); plm vcovDC)`,
        dfTest: ctx.dfResidual, clusters: [ca.G, cb.G],
      };
    }
    const name = spec.cluster;
    const { codes, G } = name === ctx.names?.entity ? { codes: ix.entity, G: ix.entityLevels.length }
      : name === ctx.names?.time ? { codes: ix.time, G: ix.timeLevels.length } : clusterCodes(ctx.data, name, fn);
    if (G < 2) throw new Error(`${fn}: cluster column "${name}" has only one cluster`);
    const M = outerSum(groupScores(inp, codes, G), G, k);
    if (convention === "plm") {
      return {
        vcov: sandwich(bread, M, k, n / (n - k)),
        label: `cluster-robust by ${name} (${G} clusters), plm convention n/(n−k) (vcovHC arellano HC1)`,
        dfTest: ctx.dfResidual, clusters: G,
      };
    }
    // Stata: K counts the constant and the absorbed effects not nested within clusters
    const N = ix.entityLevels.length;
    const T = ix.timeLevels.length;
    let K = k + ctx.absorbed;
    if (ctx.effects === "entity" || ctx.effects === "twoways") if (nested(ix.entity, codes)) K -= N - 1;
    if (ctx.effects === "time" || ctx.effects === "twoways") if (nested(ix.time, codes)) K -= T - 1;
    if (ctx.effects === "none") K = k;
    const q = (G / (G - 1)) * ((n - 1) / (n - K));
    return {
      vcov: sandwich(bread, M, k, q),
      label: `cluster-robust by ${name} (${G} clusters), Stata convention G/(G−1)·(n−1)/(n−K)${ctx.effects === "none" ? "" : " (xtreg, fe vce(cluster))"}`,
      dfTest: G - 1, clusters: G, detail: `small-sample factor ${q.toPrecision(6)} = G/(G−1)·(n−1)/(n−K) with G = ${G}, n = ${n}, K = ${K} (k plus the constant and the effects not nested in the clusters)`,
    };
  }
  throw new Error(`${fn}: unknown vcov ${JSON.stringify(spec)}; use "classical", "robust", { cluster: column }, or { driscollKraay: lag }`);
}

function toRows(V: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from(V.subarray(i * k, i * k + k)));
}

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
  const fn = "panelFE";
  const opt = checkOptions(options, fn);
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
    const F = ((rssPool - rss) / df1) / (rss / dfResidual);
    fTestCache = { statistic: F, df1, df2: dfResidual, pValue: fUpper(F, df1, dfResidual) };
    return fTestCache;
  };
  const v = panelVcov(opt.vcov, { X: Xd, resid, bread, n, k }, {
    data, ix, effects: opt.effects, absorbed: wt.absorbed, dfResidual, sigma2, fn, names: { entity: opt.entity, time: opt.time },
  });
  const coefficients: CoefficientRow[] = names.map((term, c) => {
    const se = Math.sqrt(v.vcov[c * k + c]);
    const t = beta[c] / se;
    return { term, estimate: beta[c], stdError: se, statistic: t, pValue: tTwoSided(t, v.dfTest) };
  });
  const fixedEffects = {
    entity: opt.effects === "time" ? null : opt.entity,
    time: opt.effects === "entity" ? null : opt.time,
  };
  let singletons = 0;
  for (const c of ix.countsByEntity) if (c === 1) singletons++;
  const summaryParts = (): [[string, string][], [string, number][], string[]] => [[
    ["Panel", `${N} entities (${opt.entity}), ${T} periods (${opt.time}), ${ix.balanced ? "balanced" : "unbalanced"}, n = ${n}` +
      (singletons > 0 ? `; ${singletons} entit${singletons > 1 ? "ies" : "y"} observed once (kept, as plm and xtreg do)` : "")],
    ["Effects", EFFECT_WORDS[opt.effects] + (opt.effects === "twoways" && !ix.balanced ? " (absorbed exactly)" : "")],
    ["Standard errors", v.label],
    ["Residual df", String(dfResidual) + (v.dfTest !== dfResidual ? ` (t tests use ${v.dfTest} df)` : "")],
  ], [
    ["R² within", r2Within], ["adj. R² within", adjR2Within], ["sigma²", sigma2],
    [`F test of the effects, F(${df1}, ${dfResidual})`, fTest().statistic], ["p-value of the F test", fTest().pValue],
  ], v.detail ? [`Standard errors: ${v.detail}.`] : []];
  const result: PanelFEResult = {
    method: `Panel within estimator, ${EFFECT_WORDS[opt.effects]}`,
    dependent: mm.responseName,
    formula,
    coefficients,
    n, k,
    vcovType: v.label,
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
    residuals: resid,
    vcov: toRows(v.vcov, k),
    sigma2,
    dfTest: v.dfTest,
    index: { entity: opt.entity, time: opt.time },
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
    summary: () => panelSummaryText(result, ...summaryParts()),
    toHTML: () => panelSummaryHTML(result, ...summaryParts()),
  };
  return result;
}
