import type { CoefficientRow, DataInput, ModelResult } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { olsFit } from "../regression/olsCore";
import { chiSquaredUpper, normalTwoSided } from "../distributions/cdf";
import { inverseGeneral } from "../linalg/cholesky";
import { summaryHTML, summaryText, type SummarySpec } from "../report/summary";
import { csrMatVec } from "../linalg/csr";
import { logDeterminant } from "./logDeterminant";
import { brentMaximize } from "../optimize/brentMaximize";
import { inverseTraces, type InverseTraces } from "./inverseTraces";
import { spatialData, type SpatialModelOptions } from "./spatialData";
import { lagImpacts, type ImpactsOptions, type ImpactsResult } from "./impacts";
import type { CSR } from "../linalg/csr";
import type { LogDeterminant } from "./logDeterminant";

/** A likelihood-ratio or Wald test. */
export interface SpatialTest { statistic: number; df: number; pValue: number }

/** Fields shared by the spatial lag and spatial error results. */
export interface SpatialMLResult extends ModelResult {
  coefficientNames: string[];
  estimates: Float64Array;
  logLik: number;
  aic: number;
  /** ML residual variance e'e/n. */
  sigma2: number;
  /** Log-likelihood and AIC of OLS on the same data. */
  logLikOls: number;
  aicOls: number;
  /** LR test of the spatial parameter = 0 against OLS (1 df). */
  lrTest: SpatialTest;
  /** Wald test (parameter / SE)², 1 df. */
  waldTest: SpatialTest;
  residuals: Float64Array;
  fitted: Float64Array;
  /** Asymptotic covariance of (sigma2, spatial parameter, coefficients), row-major, order as `vcovNames`. */
  vcov: Float64Array;
  vcovNames: string[];
  /** "eigen" | "dense" | "sparse" actually used. */
  logdetMethod: string;
  /** How tr((I − ρW)⁻¹W), its square and cross-product were computed for the standard errors. */
  traceMethod: InverseTraces["method"];
  /** Search interval used. */
  interval: [number, number];
  /** Optimizer evaluations. */
  evaluations: number;
  /** Ids of the regions in model order (w.ids). */
  ids: string[];
  weightsStyle: string;
  /** Non-fatal problems, e.g. the spatial parameter at the interval bound. */
  warnings: string[];
}

/** Result of {@link spatialLag}. */
export interface SpatialLagResult extends SpatialMLResult {
  method: "Spatial lag model (ML)";
  rho: number;
  rhoStdError: number;
  /** Direct, indirect and total effects (LeSage & Pace 2009). */
  impacts(options?: ImpactsOptions): ImpactsResult;
}

/** @internal shared by spatialLag / spatialError: boundary warning text. */
export function boundaryWarnings(name: string, value: number, interval: [number, number]): string[] {
  const width = interval[1] - interval[0];
  if (Math.abs(value - interval[0]) < 1e-6 * width || Math.abs(value - interval[1]) < 1e-6 * width) {
    return [`${name} = ${value} is at the bound of the search interval [${interval[0]}, ${interval[1]}]; the maximum may lie outside it and results should not be used`];
  }
  return [];
}

/** @internal builds coefficient rows with z statistics. */
export function zRows(names: string[], est: ArrayLike<number>, se: ArrayLike<number>): CoefficientRow[] {
  return names.map((term, j) => {
    const z = est[j] / se[j];
    return { term, estimate: est[j], stdError: se[j], statistic: z, pValue: normalTwoSided(z) };
  });
}

/** @internal log-likelihood of the Gaussian OLS model. */
export function olsLogLik(rss: number, n: number): number {
  return -0.5 * n * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
}

/** @internal the inference and fit fields every spatial ML result shares (after the spatial parameter's SE is known). */
export function mlResultFields(args: {
  names: string[]; beta: Float64Array; se: Float64Array; parameter: number; parameterStdError: number;
  logLik: number; sigma2: number; rssOls: number; n: number; k: number; vcovType: string; parameterName: "rho" | "lambda";
}): Pick<SpatialMLResult, "coefficients" | "coefficientNames" | "estimates" | "n" | "k" | "vcovType" | "statisticName" | "fit" |
  "logLik" | "aic" | "sigma2" | "logLikOls" | "aicOls" | "lrTest" | "waldTest"> {
  const { names, beta, se, parameter, parameterStdError, logLik, sigma2, n, k } = args;
  const logLikOls = olsLogLik(args.rssOls, n);
  const aic = -2 * logLik + 2 * (k + 2);
  const aicOls = -2 * logLikOls + 2 * (k + 1);
  const lr = 2 * (logLik - logLikOls);
  const wald = (parameter / parameterStdError) ** 2;
  return {
    coefficients: zRows(names, beta, se),
    coefficientNames: names,
    estimates: beta,
    n, k,
    vcovType: args.vcovType,
    statisticName: "z",
    fit: { logLik, aic, sigma2, [args.parameterName]: parameter, logLikOls, aicOls },
    logLik, aic, sigma2, logLikOls, aicOls,
    lrTest: { statistic: lr, df: 1, pValue: chiSquaredUpper(lr, 1) },
    waldTest: { statistic: wald, df: 1, pValue: chiSquaredUpper(wald, 1) },
  };
}

/** @internal info for the summary header. */
export function spatialHeader(m: SpatialMLResult, paramName: string): [string, string | number][] {
  return [
    ["Formula", m.formula],
    ["Dependent variable", m.dependent],
    ["Observations", m.n],
    ["Coefficients (k)", m.k],
    ["Weights", `style "${m.weightsStyle}"`],
    ["Log-determinant", m.logdetMethod],
    ["Standard errors", `${m.vcovType}; traces ${m.traceMethod}`],
    [`Search interval for ${paramName}`, `[${m.interval[0].toPrecision(6)}, ${m.interval[1].toPrecision(6)}]`],
  ];
}

function chooseInterval(ld: LogDeterminant, options: SpatialModelOptions, fn: string): [number, number] {
  if (options.interval) {
    const [a, b] = options.interval;
    if (!(a < b)) throw new Error(`${fn}: interval must be [lower, upper] with lower < upper, got [${a}, ${b}]`);
    return [a, b];
  }
  return ld.interval;
}

/** @internal validates the `se` option; returns the vcovType text. */
export function seKind(options: SpatialModelOptions, fn: string): { hessian: boolean; vcovType: string } {
  const se = options.se ?? "analytical";
  if (se !== "analytical" && se !== "hessian") throw new Error(`${fn}: se must be "analytical" or "hessian", got ${JSON.stringify(se)}`);
  return se === "hessian"
    ? { hessian: true, vcovType: "asymptotic (observed information: exact Hessian of the log-likelihood)" }
    : { hessian: false, vcovType: "asymptotic (analytical information matrix)" };
}

/** @internal shared set-up: log-determinant, interval. */
export function setupLogdet(W: CSR, options: SpatialModelOptions, fn: string): { ld: LogDeterminant; interval: [number, number] } {
  const ld = logDeterminant(W, options.logdet ?? "auto", fn);
  return { ld, interval: chooseInterval(ld, options, fn) };
}

/**
 * Spatial lag (spatial autoregressive, SAR) model y = ρWy + Xβ + ε by maximum likelihood.
 *
 * Long name: spatial lag model, ML (Ord 1975; Anselin 1988, ch. 6; as spatialreg `lagsarlm`).
 * ρ maximizes the concentrated log-likelihood
 * ln L(ρ) = ln|I − ρW| − n/2 ln(2π) − n/2 ln(SSE(ρ)/n) − n/2, SSE(ρ) = (e₀ − ρe_L)'(e₀ − ρe_L),
 * with e₀, e_L the OLS residuals of y and Wy on X, by Brent's method on (1/λmin, 1/λmax);
 * then β = β₀ − ρβ_L and σ² = SSE/n. Standard errors come from the inverse of the analytical
 * asymptotic information matrix of (σ², ρ, β) (Anselin 1988, eq. 6.21; spatialreg's default for
 * method "eigen"), with I_ρρ = tr(B'B) + tr(B²) + (BXβ)'(BXβ)/σ², B = (I − ρW)⁻¹W; the traces are
 * exact at any n: from the selected inverse of the sparse Cholesky factor of I − ρS and its derivatives
 * (weights similar to symmetric; reusing the log-determinant's symbolic analysis), or a dense inverse
 * (other weights). See `inverseTraces`.
 * With `se: "hessian"` the observed information (exact analytical Hessian: I_ρρ = tr(B²) + (Wy)'(Wy)/σ²,
 * I_ρβ = X'Wy/σ²) is inverted instead — what spatialreg's method "Matrix" approximates numerically.
 * If ρ ends at the bound of the interval, `warnings` says so (the fit is returned, not thrown).
 * @param data danfo DataFrame or object of columns
 * @param formula e.g. "CRIME ~ INC + HOVAL"
 * @param w spatial weights; binary weights are row-standardized
 * @param options id, logdet ("auto" | "eigen" | "dense" | "sparse"), zeroPolicy, interval, tol, se ("analytical" | "hessian")
 * @throws missing values, constant or collinear regressors, n ≤ k, ids that do not match the weights,
 *   islands without zeroPolicy, an unknown logdet method, an unknown se
 * @example
 * const m = spatialLag(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" });
 * m.rho        // 0.4038897 (spatialreg lagsarlm: 0.40389)
 * m.logLik     // -183.1683
 */
export function spatialLag(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions = {}): SpatialLagResult {
  const fn = "spatialLag";
  const seOpt = seKind(options, fn);
  const { mm, pw } = spatialData(data, formula, w, options, fn);
  const { X, y, n, k, columnNames } = mm;
  const W = pw.csr;
  const Wy = csrMatVec(W, y);
  const fit0 = olsFit(X, y, n, k);
  const fitL = olsFit(X, Wy, n, k);
  let ea = 0, eb = 0, ec = 0;
  for (let i = 0; i < n; i++) {
    ea += fit0.residuals[i] * fit0.residuals[i];
    eb += fitL.residuals[i] * fit0.residuals[i];
    ec += fitL.residuals[i] * fitL.residuals[i];
  }
  const { ld, interval } = setupLogdet(W, options, fn);
  const c0 = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
  const loglik = (rho: number) => {
    const sse = ea - 2 * rho * eb + rho * rho * ec;
    return ld.logdet(rho) + c0 - 0.5 * n * Math.log(sse / n);
  };
  const opt = brentMaximize(loglik, interval[0], interval[1], options.tol ?? 1e-10);
  const rho = opt.x;
  const logLik = loglik(rho);
  const warnings = boundaryWarnings("rho", rho, interval);

  const beta = new Float64Array(k);
  for (let j = 0; j < k; j++) beta[j] = fit0.coefficients[j] - rho * fitL.coefficients[j];
  const residuals = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) { const r = fit0.residuals[i] - rho * fitL.residuals[i]; residuals[i] = r; sse += r * r; }
  const sigma2 = sse / n;
  const fitted = Float64Array.from(y, (v, i) => v - residuals[i]);

  // analytical information matrix, order (sigma2, rho, beta)
  const Xb = new Float64Array(n);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) Xb[i] += X[j * n + i] * beta[j];
  const BXb = solveIminusRhoW(ld, W, rho, csrMatVec(W, Xb));
  const tr = ld.inverseTraces?.(rho) ?? inverseTraces(W, rho, { symbolic: ld.details?.symbolic });
  const p = k + 2;
  const info = new Float64Array(p * p);
  const s2 = sigma2;
  info[0] = n / (2 * s2 * s2);
  info[1] = info[p] = tr.trB / s2;
  let bxbSq = 0;
  for (let i = 0; i < n; i++) bxbSq += BXb[i] * BXb[i];
  // expected information: I_ρρ = tr(B'B) + tr(B²) + (BXβ)'(BXβ)/σ², I_ρβ = X'BXβ/σ²;
  // observed (se: "hessian"): I_ρρ = tr(B²) + (Wy)'(Wy)/σ², I_ρβ = X'Wy/σ² (the others coincide at the estimates)
  let wySq = 0;
  for (let i = 0; i < n; i++) wySq += Wy[i] * Wy[i];
  info[p + 1] = seOpt.hessian ? tr.trBB + wySq / s2 : tr.trBtB + tr.trBB + bxbSq / s2;
  const cross = seOpt.hessian ? Wy : BXb;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[j * n + i] * cross[i];
    info[p + 2 + j] = info[(2 + j) * p + 1] = s / s2;
    for (let l = 0; l <= j; l++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += X[j * n + i] * X[l * n + i];
      info[(2 + j) * p + 2 + l] = info[(2 + l) * p + 2 + j] = t / s2;
    }
  }
  const V = inverseGeneral(info, p, fn);
  const rhoStdError = Math.sqrt(V[p + 1]);
  const se = Float64Array.from({ length: k }, (_, j) => Math.sqrt(V[(2 + j) * p + 2 + j]));

  const result: SpatialLagResult = {
    method: "Spatial lag model (ML)",
    dependent: mm.responseName,
    formula,
    ...mlResultFields({ names: columnNames, beta, se, parameter: rho, parameterStdError: rhoStdError, logLik, sigma2, rssOls: ea, n, k, vcovType: seOpt.vcovType, parameterName: "rho" }),
    rho, rhoStdError,
    residuals, fitted,
    vcov: V, vcovNames: ["sigma2", "rho", ...columnNames],
    logdetMethod: ld.method, traceMethod: tr.method, interval, evaluations: opt.evaluations,
    ids: pw.ids, weightsStyle: pw.style, warnings,
    impacts: (io?: ImpactsOptions) => lagImpacts({ rho, beta, names: columnNames, W, ld, V, vcovNames: ["sigma2", "rho", ...columnNames], n }, io),
    summary: () => summaryText(lagSpec(result)),
    toHTML: () => summaryHTML(lagSpec(result)),
  };
  return result;
}

/** @internal (I − ρW)⁻¹ b via the log-determinant's solver, a Neumann series, or a dense solve. */
export function solveIminusRhoW(ld: LogDeterminant, W: CSR, rho: number, b: Float64Array): Float64Array {
  if (ld.solve) return ld.solve(rho, b);
  const n = W.n;
  // Neumann series x = Σ (ρW)^q b, converges when |ρ| ‖W‖∞ < 1 (row-standardized W, |ρ| < 1)
  let normInf = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) s += Math.abs(W.values[p]);
    if (s > normInf) normInf = s;
  }
  if (Math.abs(rho) * normInf < 0.995) {
    const x = Float64Array.from(b);
    let term = Float64Array.from(b);
    const next = new Float64Array(n);
    for (let q = 0; q < 100000; q++) {
      csrMatVec(W, term, next);
      let mx = 0, mb = 0;
      for (let i = 0; i < n; i++) { term[i] = rho * next[i]; x[i] += term[i]; mx = Math.max(mx, Math.abs(term[i])); mb = Math.max(mb, Math.abs(x[i])); }
      if (mx <= 1e-16 * mb) break;
    }
    return x;
  }
  // dense Gaussian elimination
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = 1;
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) A[i * n + W.colIdx[p]] -= rho * W.values[p];
  }
  const inv = inverseGeneral(A, n, "solve");
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += inv[i * n + j] * b[j]; x[i] = s; }
  return x;
}

/** @internal the summary of a spatial ML model (lag or error), for lib/report. */
export function spatialSpec(m: SpatialMLResult, method: string, paramName: "rho" | "lambda", param: number, paramStdError: number): SummarySpec {
  return {
    method,
    header: spatialHeader(m, paramName),
    spatialRows: zRows([paramName], [param], [paramStdError]),
    coefficients: m.coefficients,
    statisticName: "z",
    fit: [
      ["Log-likelihood", m.logLik], ["AIC", m.aic], ["sigma2 (ML)", m.sigma2],
      ["OLS log-likelihood", m.logLikOls], ["OLS AIC", m.aicOls],
    ],
    tests: [
      { name: `LR test ${paramName} = 0`, statistic: m.lrTest.statistic, df: 1, pValue: m.lrTest.pValue },
      { name: `Wald test ${paramName} = 0`, statistic: m.waldTest.statistic, df: 1, pValue: m.waldTest.pValue },
    ],
    notes: m.warnings.map((w) => `Warning: ${w}`),
  };
}

function lagSpec(m: SpatialLagResult): SummarySpec {
  return spatialSpec(m, "Spatial lag model (SAR), maximum likelihood", "rho", m.rho, m.rhoStdError);
}
