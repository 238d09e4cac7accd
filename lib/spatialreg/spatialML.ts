/**
 * What the spatial lag and spatial error ML estimators share: the result fields, the log-determinant and interval
 * set-up, the `se` option, boundary warnings, (I − ρW)⁻¹b, and the result's inference and report data.
 */
import type { CoefficientRow } from "../core/types";
import { chiSquaredUpper, normalTwoSided } from "../distributions/cdf";
import { inverseGeneral } from "../linalg/cholesky";
import { csrMatVec, type CSR } from "../linalg/csr";
import { coefficientRows, type Fit } from "../inference/fit";
import type { InformationInference } from "../inference/leastSquares";
import type { VarianceMatrix } from "../inference/vcovSpec";
import { formatNumber } from "../report/format";
import { logDeterminant, type LogDeterminant } from "./logDeterminant";
import type { InverseTraces } from "./traces";
import type { SpatialModelOptions } from "./spatialData";

/** A likelihood-ratio or Wald test. */
export interface SpatialTest { statistic: number; df: number; pValue: number }

/** Fields shared by the spatial lag and spatial error results. */
export interface SpatialMLResult extends Fit {
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
  /** Log-determinant method actually used: "eigen" | "dense" | "sparse" | "lu" | "chebyshev" | "mc". */
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

function chooseInterval(ld: LogDeterminant, options: SpatialModelOptions, fn: string): [number, number] {
  if (options.interval) {
    const [a, b] = options.interval;
    if (!(a < b)) throw new Error(`${fn}: interval must be [lower, upper] with lower < upper, got [${a}, ${b}]`);
    // the exact methods know the admissible range (1/λmin, 1/λmax); beyond it I − ρW is singular or indefinite
    if (ld.method === "lu") {
      if (a < -1 || b > 1) throw new Error(`${fn}: interval [${a}, ${b}] reaches outside [-1, 1], where logdet "lu" factorizes I − rho W without pivoting (diagonally dominant); choose an interval inside it`);
      return [a, b];
    }
    const [lo, hi] = ld.interval;
    if (ld.method !== "chebyshev" && ld.method !== "mc" && (a < lo - 1e-12 * Math.abs(lo) || b > hi + 1e-12 * Math.abs(hi))) {
      throw new Error(`${fn}: interval [${a}, ${b}] reaches outside (${formatNumber(lo)}, ${formatNumber(hi)}), the range (1/λmin, 1/λmax) where I − rho W is invertible; choose an interval inside it`);
    }
    return [a, b];
  }
  return ld.interval;
}

/** @internal validates the `se` option; returns the vcovType text. */
export function seKind(options: SpatialModelOptions, fn: string): { hessian: boolean; vcovType: string } {
  const { vcov, se } = options;
  if (vcov !== undefined && vcov !== "iid" && vcov !== "information" && vcov !== "hessian") {
    throw new Error(`${fn}: vcov must be "information" (or "iid") or "hessian" for a maximum-likelihood fit, got ${JSON.stringify(vcov)}`);
  }
  if (se !== undefined && se !== "analytical" && se !== "hessian") throw new Error(`${fn}: se must be "analytical" or "hessian", got ${JSON.stringify(se)}`);
  const fromSe = se === undefined ? undefined : se === "hessian" ? "hessian" : "information";
  const fromVcov = vcov === undefined ? undefined : vcov === "hessian" ? "hessian" : "information";
  if (fromSe !== undefined && fromVcov !== undefined && fromSe !== fromVcov) throw new Error(`${fn}: options vcov (${JSON.stringify(vcov)}) and se (${JSON.stringify(se)}) disagree; use vcov`);
  const kind = fromVcov ?? fromSe ?? "information";
  return kind === "hessian"
    ? { hessian: true, vcovType: "asymptotic (observed information: exact Hessian of the log-likelihood)" }
    : { hessian: false, vcovType: "asymptotic (analytical information matrix)" };
}

/** @internal shared set-up: log-determinant, interval. */
export function setupLogdet(W: CSR, options: SpatialModelOptions, fn: string): { ld: LogDeterminant; interval: [number, number] } {
  const ld = logDeterminant(W, options.logdet ?? "auto", fn);
  return { ld, interval: chooseInterval(ld, options, fn) };
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
    const term = Float64Array.from(b);
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


/** @internal the inference, fit and report fields every spatial ML result shares (after the information matrix is inverted). */
export function mlResultFields(args: {
  kind: "spatialLag" | "spatialError"; title: string; formula: string; dependent: string;
  names: string[]; beta: Float64Array; parameter: number;
  /** Inverse information over (sigma2, parameter, coefficients), row-major. */
  V: Float64Array;
  logLik: number; sigma2: number; rssOls: number; n: number; k: number; vcovType: string; parameterName: "rho" | "lambda";
  weightsStyle: string; logdetMethod: string; traceMethod: string; interval: [number, number]; warnings: string[]; fn: string;
}): Pick<SpatialMLResult, "kind" | "coefficients" | "coefficientNames" | "estimates" | "n" | "k" | "vcovType" | "statisticName" | "fit" |
  "logLik" | "aic" | "sigma2" | "logLikOls" | "aicOls" | "lrTest" | "waldTest" | "inference" | "variance" | "vcovSpec" | "dfTest" | "report" |
  "vcov" | "vcovNames"> {
  const { names, beta, parameter, logLik, sigma2, n, k, V, parameterName } = args;
  const vcovNames = ["sigma2", parameterName, ...names];
  const inference: InformationInference = { type: "information", covariance: V, names: vcovNames, label: args.vcovType, fn: args.fn };
  const variance: VarianceMatrix = { names: vcovNames, values: V, label: args.vcovType, dfTest: null };
  const parameterRow = coefficientRows([parameterName], [parameter], variance);
  const logLikOls = olsLogLik(args.rssOls, n);
  const aic = -2 * logLik + 2 * (k + 2);
  const aicOls = -2 * logLikOls + 2 * (k + 1);
  // ρ = 0 lies in the search interval, so a negative LR is optimizer rounding (|ΔlogLik| ~ 1e-12): report 0
  const lr0 = 2 * (logLik - logLikOls);
  const lr = lr0 < 0 && args.interval[0] <= 0 && args.interval[1] >= 0 ? 0 : lr0;
  const wald = (parameter / parameterRow[0].stdError) ** 2;
  const lrTest = { statistic: lr, df: 1, pValue: chiSquaredUpper(lr, 1) };
  const waldTest = { statistic: wald, df: 1, pValue: chiSquaredUpper(wald, 1) };
  return {
    kind: args.kind,
    coefficients: coefficientRows(names, beta, variance),
    coefficientNames: names,
    estimates: beta,
    n, k,
    vcovType: args.vcovType,
    vcovSpec: "iid",
    variance,
    inference,
    dfTest: null,
    vcov: V,
    vcovNames,
    statisticName: "z",
    fit: { logLik, aic, sigma2, [parameterName]: parameter, logLikOls, aicOls },
    logLik, aic, sigma2, logLikOls, aicOls, lrTest, waldTest,
    report: {
      title: args.title,
      header: [
        ["Formula", args.formula], ["Dependent variable", args.dependent], ["Observations", n], ["Coefficients (k)", k],
        ["Weights", `style "${args.weightsStyle}"`], ["Log-determinant", args.logdetMethod], ["Traces", args.traceMethod],
        [`Search interval for ${parameterName}`, `[${formatNumber(args.interval[0])}, ${formatNumber(args.interval[1])}]`],
      ],
      spatialRows: parameterRow,
      statistics: [
        ["Log-likelihood", logLik], ["AIC", aic], ["sigma2 (ML)", sigma2], ["OLS log-likelihood", logLikOls], ["OLS AIC", aicOls],
      ],
      tests: [
        { name: `LR test ${parameterName} = 0`, statistic: lr, df: 1, pValue: lrTest.pValue },
        { name: `Wald test ${parameterName} = 0`, statistic: wald, df: 1, pValue: waldTest.pValue },
      ],
      notes: args.warnings.map((w) => `Warning: ${w}`),
    },
  };
}
