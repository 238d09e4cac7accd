/**
 * Random-effects (error-components) panel model by feasible GLS with the Swamy–Arora
 * variance components, as plm's `plm(model = "random", random.method = "swar")`, for entity,
 * time and (balanced) two-way effects.
 */
import type { DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { modelMatrix, type ModelMatrix } from "../formula";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve, checkFullRank, inverseSPD } from "../linalg";
import { panelIndex, type PanelIndex } from "./panelIndex";
import { withinTransform, type PanelEffects } from "./withinTransform";
import { pivotedCholesky } from "../linalg/pivotedCholesky";
import { leastSquaresVcov } from "../inference/estimators";
import { coefficientRows, type Fit } from "../inference/fit";
import type { LeastSquaresInference } from "../inference/leastSquares";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { formatNumber } from "../report/format";
import { checkData, checkFormula } from "../core/validate";
import { panelOptions, type NormalizedPanelOptions } from "./panelOptions";
import { pearsonCorrelation } from "./withinCorrelation";

/** Options of {@link panelRE}. */
export interface PanelREOptions {
  /** Column identifying the unit (province, city, firm). */
  id?: string;
  /** @deprecated the same as `id` (kept for one release). */
  entity?: string;
  /** Column identifying the period. */
  time: string;
  /**
   * Which random effects (default "entity"): "entity" (individual), "time", or "twoways"
   * (entity and time; balanced panels only, as plm's Swamy–Arora two-way estimator).
   */
  effects?: PanelEffects;
  /** Any {@link VcovSpec} on the GLS-transformed data: "iid" (default), "HC1" (= "robust"), `{ cluster: column, convention }` (Stata convention by default), `{ driscollKraay: lag }`. */
  vcov?: VcovSpec;
}

/** Result of {@link panelRE}. */
export interface PanelREResult extends Fit {
  kind: "panelRE";
  /** Which random effects the model has. */
  effects: PanelEffects;
  /** Idiosyncratic variance σ²_ν (from the within regression). */
  sigma2Idiosyncratic: number;
  /** Entity-effect variance σ²_μ (0 if its estimate was negative; null when `effects` is "time"). */
  sigma2Entity: number | null;
  /** Time-effect variance σ²_λ (0 if its estimate was negative; null when `effects` is "entity"). */
  sigma2Time: number | null;
  /**
   * Quasi-demeaning weight of the one-way effect per group, θ_g = 1 − √(σ²_ν / (σ²_ν + T_g σ²)):
   * per entity (in `entityLevels` order) for "entity" and "twoways", per period (in `timeLevels`
   * order) for "time".
   */
  theta: number[];
  /** The three weights of the two-way transformation y − θ_entity ȳ_i − θ_time ȳ_t + θ_total ȳ (null for one-way models). */
  thetaTwoways: { entity: number; time: number; total: number } | null;
  /**
   * Terms left out of the between regression(s) because they are constant across the groups or
   * collinear with the other columns there (for example `factor(year)…` dummies in a balanced
   * panel), as plm drops aliased between coefficients. They stay in the GLS regression.
   */
  betweenAliased: string[];
  entities: number;
  periods: number;
  entityLevels: string[];
  timeLevels: string[];
  balanced: boolean;
  dfResidual: number;
  /** Degrees of freedom of the t tests. */
  dfTest: number;
  vcov: number[][];
  residuals: Float64Array;
  /** Unit and period column names (`entity` is the deprecated name of `id`). */
  index: { id: string; time: string; entity: string };
}

/** Internals of a random-effects fit shared with `mundlakTest` (private to lib/panel). */
export interface RandomEffectsFit extends Pick<PanelREResult,
  "effects" | "sigma2Idiosyncratic" | "sigma2Entity" | "sigma2Time" | "theta" | "thetaTwoways" | "betweenAliased"> {
  ix: PanelIndex;
  mm: ModelMatrix;
  /** The GLS (quasi-demeaning) transformation of a column of the panel. */
  quasiDemean(v: Float64Array): Float64Array;
  negative: string[];
}

const EFFECT_WORDS: Record<PanelEffects, string> = {
  entity: "entity effects",
  time: "time effects",
  twoways: "two-way (entity and time) effects",
};

/** Group means of v (codes 0..G-1). */
function groupMeans(v: Float64Array, codes: Int32Array, counts: Int32Array): Float64Array {
  const s = new Float64Array(counts.length);
  for (let i = 0; i < v.length; i++) s[codes[i]] += v[i];
  for (let g = 0; g < s.length; g++) s[g] /= counts[g];
  return s;
}

/**
 * Least squares of y on the columns `cols` of a column-major n × k matrix, leaving out columns
 * that are collinear with earlier-chosen ones (pivoted Cholesky of the unit-scaled cross-product,
 * relative tolerance 1e-10 on the squared scale). Returns the residual sum of squares and the
 * columns kept. Rows may carry weights (the between regression on group means).
 */
function aliasedLS(X: Float64Array, y: Float64Array, n: number, cols: number[], w?: Float64Array): { rss: number; kept: number[] } {
  const k = cols.length;
  const Xs = new Float64Array(n * k);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = w ? y[i] * Math.sqrt(w[i]) : y[i];
  cols.forEach((c, j) => {
    for (let i = 0; i < n; i++) Xs[j * n + i] = w ? X[c * n + i] * Math.sqrt(w[i]) : X[c * n + i];
  });
  const XtX = crossprod(Xs, n, k);
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) d[j] = Math.sqrt(XtX[j * k + j]);
  const nz: number[] = [];
  for (let j = 0; j < k; j++) if (d[j] > 0) nz.push(j);
  const m = nz.length;
  const C = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) C[a * m + b] = XtX[nz[a] * k + nz[b]] / (d[nz[a]] * d[nz[b]]);
  const { perm, rank } = pivotedCholesky(C, m, 1e-10);
  const keptLocal = Array.from(perm.subarray(0, rank), (j) => nz[j]).sort((a, b) => a - b);
  const r = keptLocal.length;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += ys[i] * ys[i];
  if (r > 0) {
    const Xk = new Float64Array(n * r);
    keptLocal.forEach((j, c) => Xk.set(Xs.subarray(j * n, j * n + n), c * n));
    const L = cholesky(crossprod(Xk, n, r), r, "aliasedLS");
    const b = cholSolve(L, crossprodXy(Xk, ys, n, r), r);
    rss = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let c = 0; c < r; c++) f += Xk[c * n + i] * b[c];
      rss += (ys[i] - f) ** 2;
    }
  }
  return { rss, kept: keptLocal.map((j) => cols[j]) };
}

/**
 * One between regression of Swamy–Arora (on entity or on period means, rows repeated) and its
 * two coefficients of E[quadratic form] = a_ν σ²_ν + a_g σ²_g, as plm's `ercomp`:
 * balanced — a_ν = G − rank, a_g = (n/G)·a_ν (plm dfcor = 2, aliased coefficients dropped);
 * unbalanced — a_ν = G − p, a_g = n − tr[(Z̄'Z̄)⁻¹ Σ_g T_g² z̄_g z̄_g'] (Baltagi & Chang 1994, dfcor = 3),
 * which needs a full-rank between design.
 */
function betweenStep(mm: ModelMatrix, codes: Int32Array, counts: Int32Array, balanced: boolean, groupWord: string, fn: string): { rss: number; aNu: number; aG: number; aliased: string[] } {
  const { n, k: p } = mm;
  const G = counts.length;
  const Zbar = new Float64Array(G * p);
  for (let c = 0; c < p; c++) Zbar.set(groupMeans(mm.X.subarray(c * n, c * n + n), codes, counts), c * G);
  const ybar = groupMeans(mm.y, codes, counts);
  const weights = Float64Array.from(counts);
  // plm drops columns that are constant in the between data before counting coefficients
  const kept: number[] = [0];
  const constant: number[] = [];
  for (let c = 1; c < p; c++) {
    const col = Zbar.subarray(c * G, c * G + G);
    let lo = Infinity, hi = -Infinity, mx = 0;
    for (let g = 0; g < G; g++) { lo = Math.min(lo, col[g]); hi = Math.max(hi, col[g]); mx = Math.max(mx, Math.abs(col[g])); }
    if (hi - lo <= 1e-12 * mx) constant.push(c); else kept.push(c);
  }
  if (kept.length >= G) {
    throw new Error(`${fn}: the between regression on ${groupWord} means has ${kept.length} coefficients (intercept included) but only ${G} ${plural(groupWord)}; Swamy–Arora needs more ${plural(groupWord)} than between coefficients (plm stops here too: "model not estimable")`);
  }
  const fit = aliasedLS(Zbar, ybar, G, kept, weights);
  const aliased = [...constant, ...kept.filter((c) => !fit.kept.includes(c))].sort((a, b) => a - b);
  const aliasedNames = aliased.map((c) => mm.columnNames[c]);
  if (balanced) {
    const aNu = G - fit.kept.length;
    return { rss: fit.rss, aNu, aG: (n / G) * aNu, aliased: aliasedNames };
  }
  if (aliased.length > 0) {
    throw new Error(`${fn}: in an unbalanced panel the Swamy–Arora between regression on ${groupWord} means needs a full-rank design, but ${listNames(aliasedNames.map((s) => `"${s}"`))} ${aliasedNames.length > 1 ? "are" : "is"} constant or collinear there (plm 2.6-2 fails too, with a singular-matrix error); remove ${aliasedNames.length > 1 ? "them" : "it"} (for example time dummies) or balance the panel`);
  }
  const ZZ = new Float64Array(p * p);
  const SS = new Float64Array(p * p);
  for (let g = 0; g < G; g++) {
    const c = counts[g];
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
      const v = Zbar[a * G + g] * Zbar[b * G + g];
      ZZ[a * p + b] += c * v;
      SS[a * p + b] += c * c * v;
    }
  }
  const inv = inverseSPD(ZZ, p, fn);
  let tr = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) tr += inv[a * p + b] * SS[b * p + a];
  return { rss: fit.rss, aNu: G - p, aG: n - tr, aliased: [] };
}

/**
 * The random-effects machinery without the final GLS regression (private to lib/panel; used by
 * `panelRE` and `mundlakTest`).
 */
export function fitRandomEffects(data: DataInput, formula: string, options: NormalizedPanelOptions<PanelREOptions>, fn: string): RandomEffectsFit {
  const effects = options.effects ?? "entity";
  if (!["entity", "time", "twoways"].includes(effects)) {
    throw new Error(`${fn}: effects must be "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  }
  const ix = panelIndex(rawColumn(data, options.entity, fn), rawColumn(data, options.time, fn), options, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  if (effects === "twoways" && !ix.balanced) {
    throw new Error(`${fn}: two-way random effects are supported on balanced panels only; this panel is unbalanced (plm uses separate GLS formulas and quadratic forms there, not implemented here). Use fixed effects (panelFE with effects "twoways"), or entity random effects with factor(${options.time}) in the formula where the between regression stays full rank`);
  }
  const mm = modelMatrix(data, formula, { fn });
  if (!mm.intercept || mm.columnNames[0] !== "(Intercept)") throw new Error(`${fn}: the random-effects model needs an intercept; remove "- 1" from the formula`);
  const n = mm.n, p = mm.k;
  checkFullRank(mm.X, n, p, mm.columnNames, fn);

  // within regression on the slopes that vary after the within transformation
  const wt = withinTransform(ix, effects);
  const yw = wt.apply(mm.y);
  const cols: Float64Array[] = [];
  for (let c = 1; c < p; c++) {
    const col = mm.X.subarray(c * n, c * n + n);
    const d = wt.apply(col);
    let m = 0; for (let i = 0; i < n; i++) m += col[i]; m /= n;
    let ss = 0, sd = 0; for (let i = 0; i < n; i++) { ss += (col[i] - m) ** 2; sd += d[i] * d[i]; }
    if (sd > 1e-20 * Math.max(ss, 1e-300) && sd > 1e-300) cols.push(d);
  }
  const Xw = new Float64Array(n * cols.length);
  cols.forEach((c, j) => Xw.set(c, j * n));
  const within = aliasedLS(Xw, yw, n, cols.map((_, j) => j));
  const Kw = within.kept.length;
  const dfW = n - wt.absorbed - Kw;
  if (dfW <= 0) {
    const word = effects === "entity" ? "within-entity" : effects === "time" ? "within-period" : "two-way within";
    throw new Error(`${fn}: no ${word} degrees of freedom (n = ${n}, ${N} entities${T === 1 ? `, one period ("${ix.timeLevels[0]}")` : `, ${T} periods`}); the idiosyncratic variance cannot be estimated`);
  }
  const sigmaNu = within.rss / dfW;
  if (!(sigmaNu > 0)) throw new Error(`${fn}: the within regression fits exactly (idiosyncratic variance 0); random effects are not defined`);

  const negative: string[] = [];
  const component = (codes: Int32Array, counts: Int32Array, word: string): { s2: number; aliased: string[] } => {
    const b = betweenStep(mm, codes, counts, ix.balanced, word, fn);
    if (b.aG <= 0) throw new Error(`${fn}: the between quadratic form of the ${word} effect has no degrees of freedom`);
    let s2 = (b.rss - b.aNu * sigmaNu) / b.aG;
    if (s2 < 0) { s2 = 0; negative.push(word); }
    return { s2, aliased: b.aliased };
  };
  const aliased = new Set<string>();
  let sigmaMu: number | null = null, sigmaLambda: number | null = null;
  if (effects !== "time") { const r = component(ix.entity, ix.countsByEntity, "entity"); sigmaMu = r.s2; r.aliased.forEach((a) => aliased.add(a)); }
  if (effects !== "entity") { const r = component(ix.time, ix.countsByTime, "period"); sigmaLambda = r.s2; r.aliased.forEach((a) => aliased.add(a)); }

  let theta: number[];
  let thetaTwoways: RandomEffectsFit["thetaTwoways"] = null;
  let quasiDemean: (v: Float64Array) => Float64Array;
  if (effects === "twoways") {
    const ri = (sigmaMu as number) / sigmaNu, rt = (sigmaLambda as number) / sigmaNu;
    const tE = 1 - 1 / Math.sqrt(1 + T * ri);
    const tT = 1 - 1 / Math.sqrt(1 + N * rt);
    const tTot = tE + tT - 1 + 1 / Math.sqrt(1 + N * rt + T * ri);
    thetaTwoways = { entity: tE, time: tT, total: tTot };
    theta = new Array(N).fill(tE);
    quasiDemean = (v) => {
      const mi = groupMeans(v, ix.entity, ix.countsByEntity), mt = groupMeans(v, ix.time, ix.countsByTime);
      let m = 0; for (let i = 0; i < n; i++) m += v[i]; m /= n;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i] - tE * mi[ix.entity[i]] - tT * mt[ix.time[i]] + tTot * m;
      return out;
    };
  } else {
    const codes = effects === "entity" ? ix.entity : ix.time;
    const counts = effects === "entity" ? ix.countsByEntity : ix.countsByTime;
    const s2 = (effects === "entity" ? sigmaMu : sigmaLambda) as number;
    theta = Array.from(counts, (Tg) => 1 - Math.sqrt(sigmaNu / (sigmaNu + Tg * s2)));
    quasiDemean = (v) => {
      const m = groupMeans(v, codes, counts);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i] - theta[codes[i]] * m[codes[i]];
      return out;
    };
  }
  return {
    ix, mm, effects, quasiDemean, sigma2Idiosyncratic: sigmaNu, sigma2Entity: sigmaMu, sigma2Time: sigmaLambda,
    theta, thetaTwoways, betweenAliased: mm.columnNames.filter((c) => aliased.has(c)), negative,
  };
}

/**
 * Fit a random-effects (error-components) model by feasible GLS (Swamy & Arora 1972,
 * Econometrica 40, 311–323; for unbalanced panels the quadratic-form estimator of Baltagi &
 * Chang 1994, J. Econometrics 62, 67–89, as plm implements it; two-way effects as Baltagi 2021,
 * *Econometric Analysis of Panel Data*, 6th ed., §3.3).
 *
 * σ²_ν = RSS_within / (n − absorbed effects − K_w) (K_w independent slopes that vary after the
 * within transformation). Each effect's variance comes from a between regression on group means
 * (rows repeated), solved as plm's `ercomp(method = "swar")`: on a balanced panel terms that are
 * constant or collinear in the between data (year dummies `factor(year)` under entity effects,
 * time-invariant regressors under time effects) are dropped there as aliased, and
 * σ² = (RSS_B − (G − rank)σ²_ν) / ((n/G)(G − rank)); on an unbalanced panel the Baltagi–Chang
 * trace form, which needs a full-rank between design (plm fails otherwise, so do we, with a clear
 * error). Then OLS of y − θ_g ȳ_g on X − θ_g X̄_g (two-way: y − θ_i ȳ_i − θ_t ȳ_t + θ_total ȳ).
 * Time-invariant regressors are allowed. A negative variance estimate is set to 0, said in the summary.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"` (must keep the intercept); `factor(year)` adds time dummies
 * @param options `entity`, `time`, `effects` ("entity" default, "time", "twoways" on balanced panels), `vcov`
 * @throws formula without intercept; duplicate rows; missing values; an unbalanced panel with
 *   `effects: "twoways"`; more between coefficients than groups; on an unbalanced panel, a
 *   between design with collinear columns (e.g. `factor(year)` when several years are complete)
 * @example
 * // plm::Grunfeld inv ~ value + capital + factor(year) (R plm 2.6-2 random: value 0.113779388047621)
 * panelRE(grunfeld, "inv ~ value + capital + factor(year)", { entity: "firm", time: "year" }).coefficients[1].estimate // 0.11377938804762...
 * // two-way: plm::Produc log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, effect = "twoways": theta total 0.548723549766226
 */
export function panelRE(data: DataInput, formula: string, options: PanelREOptions): PanelREResult {
  const fn = "panelRE";
  checkData(data, fn);
  checkFormula(formula, fn);
  options = panelOptions(options, ["effects", "vcov"], fn);
  const norm = options as NormalizedPanelOptions<PanelREOptions>;
  const fit = fitRandomEffects(data, formula, norm, fn);
  const { ix, mm, effects } = fit;
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  const n = mm.n, p = mm.k;

  // GLS by quasi-demeaning
  const ys = fit.quasiDemean(mm.y);
  const Xs = new Float64Array(n * p);
  for (let c = 0; c < p; c++) Xs.set(fit.quasiDemean(mm.X.subarray(c * n, c * n + n)), c * n);
  const L = cholesky(crossprod(Xs, n, p), p, fn);
  const beta = cholSolve(L, crossprodXy(Xs, ys, n, p), p);
  const bread = cholInverse(L, p);
  const resid = new Float64Array(n);
  const fitted = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let c = 0; c < p; c++) f += Xs[c * n + i] * beta[c];
    fitted[i] = f;
    resid[i] = ys[i] - f;
    rss += resid[i] * resid[i];
  }
  // R² as plm's summary reports it: squared correlation of the transformed response and fitted values
  const r2 = pearsonCorrelation(ys, fitted) ** 2;
  const dfResidual = n - p;
  const sigma2 = rss / dfResidual;
  const spec: VcovSpec = norm.vcov ?? "iid";
  const inference: LeastSquaresInference = {
    type: "leastSquares", X: Xs, residuals: resid, bread, n, k: p, dfResidual, sigma2, absorbed: 0, effects: "none",
    panel: { entity: ix.entity, time: ix.time, entities: N, periods: T, countsByEntity: ix.countsByEntity, idColumn: norm.id, timeColumn: norm.time },
    data, rows: null, clusterConvention: "stata", fn,
  };
  const variance = leastSquaresVcov(inference, spec, mm.columnNames);
  const coefficients = coefficientRows(mm.columnNames, beta, variance);
  const fmt = (x: number | null) => (x === null ? "" : formatNumber(x));
  const range = (a: number[]) => { const lo = Math.min(...a), hi = Math.max(...a); return lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`; };
  const components = [`idiosyncratic ${fmt(fit.sigma2Idiosyncratic)}`];
  if (fit.sigma2Entity !== null) components.push(`entity ${fmt(fit.sigma2Entity)}`);
  if (fit.sigma2Time !== null) components.push(`time ${fmt(fit.sigma2Time)}`);
  const notes: string[] = [];
  if (fit.negative.length > 0) notes.push(`The ${fit.negative.join(" and ")} variance estimate was negative and is set to 0, as plm does${effects !== "twoways" ? " (θ = 0: pooled OLS)" : ""}.`);
  if (fit.betweenAliased.length > 0) notes.push(`Between regression${effects === "twoways" ? "s" : ""}: ${listNames(fit.betweenAliased)} dropped as constant or collinear there (aliased, as plm); ${fit.betweenAliased.length > 1 ? "they stay" : "it stays"} in the GLS regression.`);
  const fitStats: Record<string, number> = { r2, sigma2, sigma2Idiosyncratic: fit.sigma2Idiosyncratic };
  if (fit.sigma2Entity !== null) fitStats.sigma2Entity = fit.sigma2Entity;
  if (fit.sigma2Time !== null) fitStats.sigma2Time = fit.sigma2Time;
  const result = makeFit<PanelREResult>({
    kind: "panelRE",
    method: `Panel random effects (Swamy–Arora), ${EFFECT_WORDS[effects]}`,
    dependent: mm.responseName,
    formula,
    coefficients,
    coefficientNames: mm.columnNames,
    estimates: beta,
    n, k: p,
    vcovType: variance.label,
    vcovSpec: spec,
    variance,
    inference,
    statisticName: "t",
    fit: fitStats,
    fixedEffects: { entity: null, time: null },
    effects,
    sigma2Idiosyncratic: fit.sigma2Idiosyncratic,
    sigma2Entity: fit.sigma2Entity,
    sigma2Time: fit.sigma2Time,
    theta: fit.theta,
    thetaTwoways: fit.thetaTwoways,
    betweenAliased: fit.betweenAliased,
    entities: N, periods: T, entityLevels: ix.entityLevels, timeLevels: ix.timeLevels,
    balanced: ix.balanced,
    dfResidual,
    dfTest: variance.dfTest ?? dfResidual,
    vcov: Array.from({ length: p }, (_, i) => Array.from(variance.values.subarray(i * p, i * p + p))),
    residuals: resid,
    index: { id: norm.id, time: norm.time, entity: norm.id },
    report: {
      title: `Panel random effects (Swamy–Arora), ${EFFECT_WORDS[effects]}`,
      header: [
        ["Dependent variable", mm.responseName], ["Formula", formula],
        ["Panel", `${N} units (${norm.id}), ${T} periods (${norm.time}), ${ix.balanced ? "balanced" : "unbalanced"}, n = ${n}`],
        ["Effects", EFFECT_WORDS[effects]],
        ["Variance components", components.join(", ")],
        ["theta", fit.thetaTwoways ? `entity ${fmt(fit.thetaTwoways.entity)}, time ${fmt(fit.thetaTwoways.time)}, total ${fmt(fit.thetaTwoways.total)}` : range(fit.theta)],
      ],
      statistics: [["R²", r2], ["sigma²", sigma2]],
      notes,
    },
  });
  fitInputs.set(result, { data, formula, options: { id: norm.id, entity: norm.id, time: norm.time, effects } });
  return result;
}

/** What each `panelRE` result was fitted on (for `hausman(fe, re, { method: "mundlak" })`), without a visible field. */
const fitInputs = new WeakMap<object, { data: DataInput; formula: string; options: { id: string; entity: string; time: string; effects: PanelEffects } }>();

/** The data, formula and panel options a `panelRE` result was fitted on, or undefined for other objects (private to lib/panel). */
export function randomEffectsInputs(model: object): { data: DataInput; formula: string; options: { id: string; entity: string; time: string; effects: PanelEffects } } | undefined {
  return fitInputs.get(model);
}

function plural(word: string): string { return word === "entity" ? "entities" : `${word}s`; }

/** "a, b, c" or, for long lists, "a, b, c, … and 16 more". */
function listNames(names: string[]): string {
  return names.length <= 5 ? names.join(", ") : `${names.slice(0, 3).join(", ")}, … and ${names.length - 3} more`;
}

