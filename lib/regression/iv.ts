/**
 * Instrumental variables: two-stage least squares, in a cross-section or with absorbed fixed effects, with the
 * library's variance specs and the standard diagnostics (weak instruments, Wu–Hausman, Sargan).
 */
import type { CoefficientRow, DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { checkOptionNames } from "../core/options";
import { checkData } from "../core/validate";
import { modelMatrix } from "../formula/modelMatrix";
import { cholesky, cholInverse, cholSolve, crossprod, crossprodXy, inverseGeneral } from "../linalg";
import { checkIndependent } from "../linalg/pivotedCholesky";
import { chiSquaredUpper, fUpper } from "../distributions/cdf";
import { leastSquaresVcov } from "../inference/estimators";
import { coefficientRows, type Fit } from "../inference/fit";
import type { LeastSquaresInference, PanelStructure } from "../inference/leastSquares";
import type { VcovSpec, VarianceMatrix } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { panelIndex } from "../panel/panelIndex";
import { withinTransform } from "../panel/withinTransform";

/** Options of {@link iv}. */
export interface IvOptions {
  /** Unit column; with `effects` other than "none" the effects are absorbed by the within transformation. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  entity?: string;
  /** Period column (needed for time or two-way effects, and for a panel). */
  time?: string;
  /** Absorbed fixed effects: "none" (default without `id`; an intercept is estimated), "entity" (default with `id`), "time", "twoways". */
  effects?: "none" | "entity" | "time" | "twoways";
  /** Variance of the 2SLS estimates and of the diagnostics' Wald tests: any VcovSpec (default "iid"). */
  vcov?: VcovSpec;
}

/** One test of the diagnostics. */
export interface IvTest {
  name: string;
  statistic: number;
  df1: number;
  /** Denominator df of an F test; null for a chi-squared test. */
  df2: number | null;
  pValue: number;
}

/** The first-stage regression of one endogenous regressor on all instruments. */
export interface IvFirstStage {
  endogenous: string;
  /** Coefficients of the excluded instruments, under the fit's variance spec. */
  coefficients: CoefficientRow[];
  /** Wald F of the excluded instruments (the weak-instrument test), under the fit's variance spec. */
  weakInstruments: IvTest;
  /** Partial R² of the excluded instruments. */
  partialR2: number;
}

/** Result of {@link iv}. */
export interface IvResult extends Fit {
  kind: "iv";
  method: string;
  exogenous: string[];
  endogenous: string[];
  /** Excluded instruments. */
  instruments: string[];
  effects: "none" | "entity" | "time" | "twoways";
  residuals: Float64Array;
  /** u'u / dfResidual. */
  sigma2: number;
  /** n − k − absorbed effects. */
  dfResidual: number;
  firstStage: IvFirstStage[];
  /**
   * Wu–Hausman test of the endogeneity of `endogenous` (F, control-function form), under the fit's variance spec; null
   * when the instruments reproduce an endogenous regressor exactly (its first-stage residuals are zero: nothing to test).
   */
  wuHausman: IvTest | null;
  /** Sargan's test of the overidentifying restrictions (n R² of the residuals on the instruments); null when exactly identified. */
  sargan: IvTest | null;
  /** Variance matrix rows (k × k), coefficient order. */
  vcov: number[][];
  /** The transformed matrices the diagnostics of lib/regression (`kleibergenPaap`, `hansenJ`, `wildClusterBootstrap`) read. */
  design: IvDesign;
}

/**
 * The estimation matrices of an {@link iv} fit after absorbing the fixed effects (column-major n × columns), with what
 * the variance estimators need (panel codes, data, conventions) and the transformation itself (to re-absorb the
 * effects of bootstrap draws).
 */
export interface IvDesign {
  n: number;
  y: Float64Array;
  /** Exogenous regressors (kx columns; the intercept when no effects are absorbed). */
  exogenous: Float64Array;
  /** Endogenous regressors (ke columns). */
  endogenous: Float64Array;
  /** Excluded instruments (kz columns). */
  instruments: Float64Array;
  kx: number;
  ke: number;
  kz: number;
  /** The within transformation of the fit (identity without effects). */
  absorb: (v: Float64Array) => Float64Array;
  /** Least-squares pieces shared by every regression on these rows (panel structure, data, cluster convention). */
  base: Omit<LeastSquaresInference, "type" | "X" | "residuals" | "bread" | "k" | "dfResidual" | "sigma2">;
}

interface Design { X: Float64Array; names: string[] }

function splitFormula(formula: string, fn: string): { outer: string; endogenous: string; instruments: string } {
  if (typeof formula !== "string") throw new Error(`${fn}: formula must be a string like "y ~ x1 | endog ~ z1 + z2"`);
  const parts = formula.split("|");
  if (parts.length !== 2) throw new Error(`${fn}: formula must read "y ~ exogenous | endogenous ~ instruments", e.g. "y ~ x1 | x2 ~ z1 + z2" (got ${JSON.stringify(formula)})`);
  const second = parts[1].split("~");
  if (second.length !== 2 || !second[0].trim() || !second[1].trim()) throw new Error(`${fn}: the part after "|" must read "endogenous ~ instruments" (got ${JSON.stringify(parts[1].trim())})`);
  if (!parts[0].includes("~")) throw new Error(`${fn}: the part before "|" must read "y ~ exogenous regressors" (or "y ~ 1")`);
  return { outer: parts[0].trim(), endogenous: second[0].trim(), instruments: second[1].trim() };
}

/** Columns of a right-hand side without an intercept (lib/formula terms: log(), I(), factor(), `:`). */
function rhsColumns(data: DataInput, rhs: string, responseFor: string, fn: string): Design {
  const mm = modelMatrix(data, `${responseFor} ~ ${rhs} - 1`, { fn });
  return { X: mm.X, names: mm.columnNames };
}

function cross(A: Float64Array, ka: number, B: Float64Array, kb: number, n: number): Float64Array {
  const out = new Float64Array(ka * kb);
  for (let a = 0; a < ka; a++) {
    const ca = A.subarray(a * n, a * n + n);
    for (let b = 0; b < kb; b++) {
      const cb = B.subarray(b * n, b * n + n);
      let s = 0;
      for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      out[a * kb + b] = s;
    }
  }
  return out;
}

/** A least-squares fit of y on X (column-major), as the inference layer reads it. */
function lsFit(X: Float64Array, y: Float64Array, n: number, k: number, names: string[], base: Omit<LeastSquaresInference, "X" | "residuals" | "bread" | "k" | "dfResidual" | "sigma2" | "type">, fn: string) {
  const XtX = crossprod(X, n, k);
  checkIndependent(XtX, k, names, fn);
  const L = cholesky(XtX, k, fn);
  const beta = cholSolve(L, crossprodXy(X, y, n, k), k);
  const resid = Float64Array.from(y);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) resid[i] -= X[c * n + i] * beta[c];
  let rss = 0;
  for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
  const dfResidual = base.n - k - base.absorbed;
  const inference: LeastSquaresInference = { ...base, type: "leastSquares", X, residuals: resid, bread: cholInverse(L, k), k, dfResidual, sigma2: rss / dfResidual };
  return { beta, resid, rss, inference };
}

/** Wald test that the coefficients at `idx` are zero, as F = W/q on (q, df of the variance's t tests or residual df). */
function waldF(name: string, beta: Float64Array, V: VarianceMatrix, idx: number[], dfResidual: number, fn: string): IvTest {
  const q = idx.length, p = V.names.length;
  const Vs = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Vs[a * q + b] = V.values[idx[a] * p + idx[b]];
  const Vi = inverseGeneral(Vs, q, fn);
  let W = 0;
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W += beta[idx[a]] * Vi[a * q + b] * beta[idx[b]];
  const df2 = V.dfTest ?? dfResidual;
  return { name, statistic: W / q, df1: q, df2, pValue: fUpper(W / q, q, df2) };
}

/**
 * Two-stage least squares (2SLS) with optional absorbed fixed effects.
 *
 * Long name: instrumental-variables regression by two-stage least squares (Wooldridge 2010, *Econometric Analysis of
 * Cross Section and Panel Data*, 2nd ed., ch. 5 and §11.3 for fixed effects), as R's `AER::ivreg` (cross-section) and
 * plm's within 2SLS (`plm(y ~ x + w | x + z, model = "within")`).
 * β = (X̂'X)⁻¹X̂'y with X̂ = P_W X, W = [exogenous, excluded instruments]; with fixed effects every variable is first
 * within-transformed (the effects are absorbed, Frisch–Waugh). Standard errors come from lib/inference with X̂ as the
 * design and the structural residuals u = y − Xβ (any VcovSpec: "iid" σ²(X̂'X̂)⁻¹ with σ² = u'u/(n − k − absorbed),
 * "HC1", clusters, Driscoll–Kraay), so `vcov(fit, spec)` and `regTable(…, { vcov })` recompute them without refitting.
 * Diagnostics as `summary(ivreg, diagnostics = TRUE)`: the first-stage Wald F of the excluded instruments for each
 * endogenous regressor (weak instruments), the Wu–Hausman F (control function: first-stage residuals added to the
 * structural equation), both under the fit's variance spec, and Sargan's n·R² (homoskedastic form).
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ exogenous | endogenous ~ instruments"`, e.g. `"lpacks ~ lrincome | lrprice ~ tdiff + rtax"`
 * @param options `id`, `time`, `effects`, `vcov` (see {@link IvOptions})
 * @throws `iv: formula must read "y ~ exogenous | endogenous ~ instruments" …`; `iv: 2 endogenous regressors but only
 *   1 excluded instrument: the model is not identified`; collinear instruments or regressors naming them; missing values
 * @example
 * // AER CigarettesSW 1995 (Stock & Watson): lrprice -1.277424 (0.263199), AER ivreg
 * iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax").coef("lrprice").estimate // -1.2774241334...
 */
export function iv(data: DataInput, formula: string, options: IvOptions = {}): IvResult {
  const fn = "iv";
  checkData(data, fn);
  checkOptionNames(options, ["id", "entity", "time", "effects", "vcov"], fn);
  const { outer, endogenous: endoRhs, instruments: instRhs } = splitFormula(formula, fn);
  const unit = options.id ?? options.entity;
  if (options.id !== undefined && options.entity !== undefined && options.id !== options.entity) throw new Error(`${fn}: options id ("${options.id}") and entity ("${options.entity}") name different columns; use id`);
  const effects = options.effects ?? (unit === undefined ? "none" : "entity");
  if (!["none", "entity", "time", "twoways"].includes(effects)) throw new Error(`${fn}: effects must be "none", "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  if (effects !== "none" && (unit === undefined || options.time === undefined)) throw new Error(`${fn}: effects "${effects}" need options { id, time } (the unit and period columns)`);
  const spec = options.vcov ?? "iid";

  const outerMM = modelMatrix(data, outer, { fn });
  const n = outerMM.n;
  const y0 = outerMM.y;
  const keepExo = outerMM.columnNames.map((nm, j) => (effects !== "none" && nm === "(Intercept)" ? -1 : j)).filter((j) => j >= 0);
  const exoNames = keepExo.map((j) => outerMM.columnNames[j]);
  const responseColumn = outerMM.variables[0];
  const endo = rhsColumns(data, endoRhs, responseColumn, fn);
  const inst = rhsColumns(data, instRhs, responseColumn, fn);
  const ke = endo.names.length, kz = inst.names.length, kx0 = exoNames.length;
  for (const nm of endo.names) if (exoNames.includes(nm)) throw new Error(`${fn}: "${nm}" is both exogenous and endogenous; list it once`);
  for (const nm of inst.names) if (exoNames.includes(nm) || endo.names.includes(nm)) throw new Error(`${fn}: instrument "${nm}" also appears as a regressor; an excluded instrument must not be in the structural equation`);
  if (kz < ke) throw new Error(`${fn}: ${ke} endogenous regressor${ke > 1 ? "s" : ""} but only ${kz} excluded instrument${kz > 1 ? "s" : ""}: the model is not identified`);

  // the within transformation (or nothing)
  let panel: PanelStructure | null = null;
  let absorbed = 0;
  let apply = (v: Float64Array): Float64Array => v;
  if (effects !== "none") {
    const ix = panelIndex(rawColumn(data, unit as string, fn), rawColumn(data, options.time as string, fn), { entity: unit as string, time: options.time as string }, fn);
    const wt = withinTransform(ix, effects);
    absorbed = wt.absorbed;
    apply = (v) => wt.apply(v);
    panel = { entity: ix.entity, time: ix.time, entities: ix.entityLevels.length, periods: ix.timeLevels.length, countsByEntity: ix.countsByEntity, idColumn: unit as string, timeColumn: options.time as string };
  }
  const columns = (M: Float64Array, idx: number[]) => {
    const out = new Float64Array(n * idx.length);
    idx.forEach((j, c) => out.set(apply(M.subarray(j * n, j * n + n)), c * n));
    return out;
  };
  const y = apply(y0);
  const Xexo = columns(outerMM.X, keepExo);
  const Xend = columns(endo.X, endo.names.map((_, j) => j));
  const Zex = columns(inst.X, inst.names.map((_, j) => j));
  const names = [...exoNames, ...endo.names];
  const k = kx0 + ke;
  const X = new Float64Array(n * k);
  X.set(Xexo, 0); X.set(Xend, kx0 * n);
  const kw = kx0 + kz;
  const Wm = new Float64Array(n * kw);
  Wm.set(Xexo, 0); Wm.set(Zex, kx0 * n);
  const wNames = [...exoNames, ...inst.names];
  const dfResidual = n - k - absorbed;
  if (dfResidual <= 0) throw new Error(`${fn}: no residual degrees of freedom (n = ${n}, k = ${k}, absorbed effects = ${absorbed})`);

  // first stage: Π = (W'W)⁻¹W'X, X̂ = WΠ
  const WtW = crossprod(Wm, n, kw);
  checkIndependent(WtW, kw, wNames, fn, " (among the instruments and exogenous regressors)");
  const LW = cholesky(WtW, kw, fn);
  const WtX = cross(Wm, kw, X, k, n);
  const Xhat = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const pi = cholSolve(LW, WtX.filter((_, idx) => idx % k === c), kw);
    const o = c * n;
    for (let j = 0; j < kw; j++) { const pj = pi[j], oj = j * n; if (pj !== 0) for (let i = 0; i < n; i++) Xhat[o + i] += Wm[oj + i] * pj; }
  }
  const XhtXh = crossprod(Xhat, n, k);
  checkIndependent(XhtXh, k, names, fn, " (after projecting on the instruments: are the instruments relevant?)");
  const L = cholesky(XhtXh, k, fn);
  const beta = cholSolve(L, crossprodXy(Xhat, y, n, k), k);
  const resid = Float64Array.from(y);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) resid[i] -= X[c * n + i] * beta[c];
  let rss = 0;
  for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
  const sigma2 = rss / dfResidual;
  const base = { n, absorbed, effects, panel, data, rows: null, clusterConvention: (effects === "none" ? "sandwich" : "stata") as "sandwich" | "stata", fn };
  const inference: LeastSquaresInference = { ...base, type: "leastSquares", X: Xhat, residuals: resid, bread: cholInverse(L, k), k, dfResidual, sigma2 };
  const variance = leastSquaresVcov(inference, spec, names);
  const coefficients = coefficientRows(names, beta, variance);

  // diagnostics
  const firstStage: IvFirstStage[] = endo.names.map((nm, e) => {
    const xe = Xend.subarray(e * n, e * n + n);
    const fs = lsFit(Wm, xe, n, kw, wNames, base, fn);
    const Vfs = leastSquaresVcov(fs.inference, spec, wNames);
    const idx = inst.names.map((_, j) => kx0 + j);
    const restricted = kx0 > 0 ? lsFit(Xexo, xe, n, kx0, exoNames, base, fn).rss : (() => { let s = 0; for (let i = 0; i < n; i++) s += xe[i] * xe[i]; return s; })();
    // the instruments reproduce the regressor exactly: a perfect first stage (infinite F, p = 0), said in the summary
    const perfect = fs.rss <= 1e-20 * restricted;
    return {
      endogenous: nm,
      coefficients: perfect ? [] : coefficientRows(inst.names, idx.map((j) => fs.beta[j]), { ...Vfs, names: wNames }),
      weakInstruments: perfect
        ? { name: `Weak instruments (${nm})`, statistic: Infinity, df1: kz, df2: fs.inference.dfResidual, pValue: 0 }
        : waldF(`Weak instruments (${nm})`, fs.beta, { ...Vfs, names: wNames }, idx, fs.inference.dfResidual, fn),
      partialR2: 1 - fs.rss / restricted,
    };
  });
  const Vhat = new Float64Array(n * (k + ke));
  Vhat.set(X, 0);
  let exact = false;
  endo.names.forEach((_, e) => {
    const xe = Xend.subarray(e * n, e * n + n);
    const r = lsFit(Wm, xe, n, kw, wNames, base, fn);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += xe[i] * xe[i];
    if (r.rss <= 1e-20 * ss) exact = true;
    Vhat.set(r.resid, (k + e) * n);
  });
  const cfNames = [...names, ...endo.names.map((nm) => `residual(${nm})`)];
  const wuHausman = exact || firstStage.some((f) => f.weakInstruments.statistic === Infinity) ? null : (() => {
    const cf = lsFit(Vhat, y, n, k + ke, cfNames, base, fn);
    return waldF("Wu-Hausman", cf.beta, leastSquaresVcov(cf.inference, spec, cfNames), endo.names.map((_, e) => k + e), cf.inference.dfResidual, fn);
  })();
  let sargan: IvTest | null = null;
  if (kz > ke) {
    const aux = lsFit(Wm, resid, n, kw, wNames, base, fn);
    let tss = 0, mean = 0;
    for (let i = 0; i < n; i++) mean += resid[i];
    mean /= n;
    for (let i = 0; i < n; i++) tss += (resid[i] - mean) ** 2;
    const stat = n * (1 - aux.rss / tss);
    sargan = { name: "Sargan", statistic: stat, df1: kz - ke, df2: null, pValue: chiSquaredUpper(stat, kz - ke) };
  }
  const effWords = effects === "none" ? "none (intercept estimated)" : effects === "entity" ? `entity (${unit}) fixed effects, absorbed` : effects === "time" ? `time (${options.time}) fixed effects, absorbed` : `two-way (${unit}, ${options.time}) fixed effects, absorbed`;
  const tests = [...firstStage.map((f) => f.weakInstruments), ...(wuHausman ? [wuHausman] : []), ...(sargan ? [sargan] : [])];
  const method = `Instrumental variables, two-stage least squares${effects === "none" ? "" : ", within"}`;
  return makeFit<IvResult>({
    kind: "iv",
    method,
    dependent: outerMM.responseName,
    formula,
    coefficients,
    coefficientNames: names,
    estimates: beta,
    n, k,
    vcovType: variance.label,
    vcovSpec: spec,
    variance,
    inference,
    dfTest: variance.dfTest,
    statisticName: "t",
    fit: { sigma2, rss, dfResidual },
    fixedEffects: effects === "none" ? undefined : { entity: effects === "time" ? null : (unit as string), time: effects === "entity" ? null : (options.time as string) },
    exogenous: exoNames, endogenous: endo.names, instruments: inst.names, effects,
    residuals: resid, sigma2, dfResidual, firstStage, wuHausman, sargan,
    design: { n, y, exogenous: Xexo, endogenous: Xend, instruments: Zex, kx: kx0, ke, kz, absorb: apply, base },
    vcov: Array.from({ length: k }, (_, i) => Array.from(variance.values.subarray(i * k, i * k + k))),
    report: {
      title: method,
      header: [
        ["Dependent variable", outerMM.responseName], ["Formula", formula], ["Observations", n],
        ["Endogenous", endo.names.join(", ")], ["Excluded instruments", inst.names.join(", ")], ["Effects", effWords], ["Residual df", dfResidual],
      ],
      statistics: [["sigma", Math.sqrt(sigma2)], ...firstStage.map((f) => [`first-stage partial R² (${f.endogenous})`, f.partialR2] as [string, number])],
      tests: tests.map((t) => ({ name: t.name, statistic: t.statistic, df: t.df2 === null ? t.df1 : `${t.df1} and ${t.df2}`, pValue: t.pValue })),
      notes: [...(wuHausman ? [] : ["Wu–Hausman not computed: the instruments reproduce an endogenous regressor exactly."]), `Diagnostics as AER summary(ivreg, diagnostics = TRUE): weak-instrument and Wu–Hausman F tests under the fit's variance (${variance.label}); Sargan n·R² assumes homoskedasticity.`],
    },
  });
}
