/**
 * The spatial autoregressive combined model (SAC, also SARAR): a spatial lag and a spatial error process together,
 * y = ρWy + Xβ + u, u = λWu + ε, by maximum likelihood; with `durbin` terms it is the general nesting model (GNS).
 */
import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { chiSquaredUpper } from "../distributions/cdf";
import { inverseGeneral } from "../linalg/cholesky";
import { csrMatVec, csrMatMulColMajor, type CSR } from "../linalg/csr";
import { olsFit } from "../regression/olsCore";
import { brentMaximize } from "../optimize/brentMaximize";
import { coefficientRows, type Fit } from "../inference/fit";
import type { InformationInference } from "../inference/leastSquares";
import type { VarianceMatrix } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { formatNumber } from "../report/format";
import { spatialData, type SpatialModelOptions } from "./spatialData";
import { boundaryWarnings, olsLogLik, setupLogdet } from "./spatialML";
import { impacts, type ImpactsOptions, type ImpactsResult, type LagImpactsInput } from "./impacts";

/** Largest n for the analytical information matrix (dense n × n inverses); above it, a numerical Hessian. */
export const SAC_ANALYTIC_MAX_N = 800;
const ANALYTIC_MAX_N = SAC_ANALYTIC_MAX_N;

function dense(W: CSR, n: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) D[i * n + W.colIdx[p]] = W.values[p];
  return D;
}
function mul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) { const a = A[i * n + l]; if (a !== 0) for (let j = 0; j < n; j++) C[i * n + j] += a * B[l * n + j]; }
  return C;
}
const trace = (A: Float64Array, n: number) => { let t = 0; for (let i = 0; i < n; i++) t += A[i * n + i]; return t; };
/** tr(A'B) = Σ A_ij B_ij. */
const traceAtB = (A: Float64Array, B: Float64Array) => { let t = 0; for (let i = 0; i < A.length; i++) t += A[i] * B[i]; return t; };

/**
 * Inverse of the analytical information matrix of (σ², ρ, λ, β) (Anselin 1988, §6.2; spatialreg sacsarlm, method
 * "eigen"), with A = I − ρW, B = I − λW, WA = W A⁻¹, WB = W B⁻¹; returned in the order (ρ, λ, β, σ²).
 */
function analyticCovariance(W: CSR, n: number, X: Float64Array, k: number, beta: Float64Array, rho: number, lambda: number, s2: number, fn: string): Float64Array {
  const Wd = dense(W, n);
  const A = Float64Array.from(Wd, (v) => -rho * v), B = Float64Array.from(Wd, (v) => -lambda * v);
  for (let i = 0; i < n; i++) { A[i * n + i] += 1; B[i * n + i] += 1; }
  const AI = inverseGeneral(A, n, fn), BI = inverseGeneral(B, n, fn);
  const WA = mul(Wd, AI, n), WB = mul(Wd, BI, n);
  const BWABI = mul(mul(B, WA, n), BI, n);
  // Bx (n × k, column-major) and B·WA·X·β
  const Bx = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) { let t = 0; for (let l = 0; l < n; l++) t += B[i * n + l] * X[j * n + l]; Bx[j * n + i] = t; }
  const xb = new Float64Array(n);
  for (let i = 0; i < n; i++) { let t = 0; for (let j = 0; j < k; j++) t += X[j * n + i] * beta[j]; xb[i] = t; }
  const BWA = mul(B, WA, n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) { let t = 0; for (let l = 0; l < n; l++) t += BWA[i * n + l] * xb[l]; g[i] = t; }
  const p = k + 3; // order here: σ², ρ, λ, β
  const I = new Float64Array(p * p);
  const set = (a: number, b: number, v: number) => { I[a * p + b] = v; I[b * p + a] = v; };
  set(0, 0, n / (2 * s2 * s2));
  let gg = 0;
  for (let i = 0; i < n; i++) gg += g[i] * g[i];
  set(1, 1, traceAtB(transpose(WA, n), WA) + traceAtB(BWABI, BWABI) + gg / s2);
  set(2, 2, traceAtB(transpose(WB, n), WB) + traceAtB(WB, WB));
  set(1, 2, traceAtB(WB, BWABI) + trace(mul(mul(Wd, WA, n), BI, n), n));
  set(0, 1, trace(WA, n) / s2);
  set(0, 2, trace(WB, n) / s2);
  for (let a = 0; a < k; a++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += Bx[a * n + i] * g[i];
    set(1, 3 + a, t / s2);
    for (let b = 0; b <= a; b++) { let u = 0; for (let i = 0; i < n; i++) u += Bx[a * n + i] * Bx[b * n + i]; set(3 + a, 3 + b, u / s2); }
  }
  const Vi = inverseGeneral(I, p, fn);
  // reorder (σ², ρ, λ, β) → (ρ, λ, β, σ²)
  const order = [1, 2, ...Array.from({ length: k }, (_, j) => 3 + j), 0];
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out[a * p + b] = Vi[order[a] * p + order[b]];
  return out;
}
function transpose(A: Float64Array, n: number): Float64Array {
  const T = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) T[j * n + i] = A[i * n + j];
  return T;
}

/** Inverse of minus the numerical Hessian (central differences) of the full log-likelihood in (ρ, λ, β, σ²). */
function numericalCovariance(y: Float64Array, Wy: Float64Array, WWy: Float64Array, X: Float64Array, WX: Float64Array, n: number, k: number,
  beta: Float64Array, rho: number, lambda: number, sigma2: number, logdet: (r: number) => number, fn: string): Float64Array {
  const full = (t: ArrayLike<number>): number => {
    const r = t[0], l = t[1], s2 = t[2 + k];
    let sse = 0;
    for (let i = 0; i < n; i++) {
      let e = y[i] - (r + l) * Wy[i] + r * l * WWy[i];
      for (let j = 0; j < k; j++) e -= (X[j * n + i] - l * WX[j * n + i]) * t[2 + j];
      sse += e * e;
    }
    return logdet(r) + logdet(l) - 0.5 * n * Math.log(2 * Math.PI * s2) - sse / (2 * s2);
  };
  const theta = [rho, lambda, ...beta, sigma2];
  const p = theta.length;
  const h = theta.map((v) => 1e-4 * Math.max(1, Math.abs(v)));
  const H = new Float64Array(p * p);
  const at = (d: [number, number][]) => { const t = theta.slice(); for (const [i, s] of d) t[i] += s; return full(t); };
  const f0 = full(theta);
  for (let a = 0; a < p; a++) {
    H[a * p + a] = -(at([[a, h[a]]]) - 2 * f0 + at([[a, -h[a]]])) / (h[a] * h[a]);
    for (let b = 0; b < a; b++) {
      const v = (at([[a, h[a]], [b, h[b]]]) - at([[a, h[a]], [b, -h[b]]]) - at([[a, -h[a]], [b, h[b]]]) + at([[a, -h[a]], [b, -h[b]]])) / (4 * h[a] * h[b]);
      H[a * p + b] = H[b * p + a] = -v;
    }
  }
  return inverseGeneral(H, p, fn);
}

/** Result of {@link sac}. */
export interface SacResult extends Fit {
  kind: "sac";
  rho: number;
  lambda: number;
  rhoStdError: number;
  lambdaStdError: number;
  logLik: number;
  aic: number;
  sigma2: number;
  logLikOls: number;
  /** LR test of ρ = λ = 0 against OLS (2 df). */
  lrTest: { statistic: number; df: number; pValue: number };
  residuals: Float64Array;
  /** Covariance of (rho, lambda, coefficients), row-major, from the numerical Hessian of the full log-likelihood. */
  vcov: Float64Array;
  vcovNames: string[];
  logdetMethod: string;
  interval: [number, number];
  evaluations: number;
  ids: string[];
  weightsStyle: string;
  warnings: string[];
  /** What `impacts(fit)` reads (the impacts depend on rho, beta and theta; lambda only moves the errors). */
  impactsInput: LagImpactsInput;
  /** Direct, indirect and total effects: the shared `impacts(this, options)`. */
  impacts(options?: ImpactsOptions): ImpactsResult;
}

/**
 * Spatial autoregressive combined (SAC / SARAR) model by maximum likelihood.
 *
 * Long name: SAC model (LeSage & Pace 2009, §2.3; Kelejian & Prucha 1998 call it SARAR(1,1)), as spatialreg
 * `sacsarlm` with the same W in both processes. The log-likelihood concentrated in β and σ² is
 * ln|I − ρW| + ln|I − λW| − n/2 (ln 2π + ln(SSE(ρ, λ)/n) + 1), SSE from OLS of (I − λW)(I − ρW)y on (I − λW)X; it is
 * maximized by nested Brent searches (λ outside, ρ inside) on the log-determinant's interval. Standard errors invert
 * the analytical information matrix of (σ², ρ, λ, β) (Anselin 1988, §6.2), as spatialreg does with method "eigen"
 * (dense, for n ≤ SAC_ANALYTIC_MAX_N), or with `vcov: "hessian"` (and above that n) the numerical Hessian of the full
 * log-likelihood by central differences, as spatialreg's `fdHess`. `durbin` adds WX terms (the GNS model).
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"`
 * @param w spatial weights (binary weights are row-standardized)
 * @param options id, logdet, zeroPolicy, interval, tol, durbin (as `spatialLag`), vcov ("information" | "hessian")
 * @throws as spatialLag; `sac: vcov must be "information" … or "hessian" …`
 * @example sac(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" }).rho // 0.35326 (spatialreg sacsarlm 0.3532618)
 */
export function sac(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions = {}): SacResult {
  const fn = "sac";
  const v = options.vcov;
  if (v !== undefined && v !== "hessian" && v !== "information" && v !== "iid") throw new Error(`${fn}: vcov must be "information" (analytical, default for n ≤ ${SAC_ANALYTIC_MAX_N}) or "hessian" (numerical observed information), got ${JSON.stringify(v)}`);
  const { mm, pw, lagOf } = spatialData(data, formula, w, { ...options, vcov: undefined, se: undefined }, fn);
  const { X, y, n, k, columnNames } = mm;
  const W = pw.csr;
  const Wy = csrMatVec(W, y), WWy = csrMatVec(W, Wy);
  const WX = csrMatMulColMajor(W, X, k);
  const { ld, interval } = setupLogdet(W, options, fn);
  const tol = options.tol ?? 1e-10;
  const ys = new Float64Array(n), Xs = new Float64Array(n * k);
  const filtered = (rho: number, lambda: number) => {
    // (I − λW)(I − ρW)y = y − (ρ + λ)Wy + ρλ WWy; (I − λW)X
    for (let i = 0; i < n; i++) ys[i] = y[i] - (rho + lambda) * Wy[i] + rho * lambda * WWy[i];
    for (let i = 0; i < n * k; i++) Xs[i] = X[i] - lambda * WX[i];
    return olsFit(Xs, ys, n, k);
  };
  const c0 = -0.5 * n * (Math.log(2 * Math.PI) + 1);
  let evaluations = 0;
  const concentrated = (rho: number, lambda: number) => {
    evaluations++;
    return ld.logdet(rho) + ld.logdet(lambda) + c0 - 0.5 * n * Math.log(filtered(rho, lambda).rss / n);
  };
  const bestRho = (lambda: number) => brentMaximize((r) => concentrated(r, lambda), interval[0], interval[1], tol);
  const outer = brentMaximize((l) => bestRho(l).value, interval[0], interval[1], tol);
  const lambda = outer.x;
  const rho = bestRho(lambda).x;
  const final = filtered(rho, lambda);
  const beta = Float64Array.from(final.coefficients);
  const sigma2 = final.rss / n;
  const logLik = concentrated(rho, lambda);
  const warnings = [...boundaryWarnings("rho", rho, interval), ...boundaryWarnings("lambda", lambda, interval)];

  const analytic = v === "hessian" ? false : v === "information" || v === "iid" ? true : n <= ANALYTIC_MAX_N;
  const Vfull = analytic ? analyticCovariance(W, n, X, k, beta, rho, lambda, sigma2, fn) : numericalCovariance(y, Wy, WWy, X, WX, n, k, beta, rho, lambda, sigma2, ld.logdet, fn);
  const p = k + 3;
  // variance store over (rho, lambda, coefficients): drop sigma2 (last)
  const q = p - 1;
  const V = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) V[a * q + b] = Vfull[a * p + b];
  const vcovNames = ["rho", "lambda", ...columnNames];
  const vcovType = analytic ? "asymptotic (analytical information matrix, as spatialreg sacsarlm method \"eigen\")"
    : `asymptotic (numerical Hessian of the full log-likelihood${v === "hessian" ? "" : `; n > ${ANALYTIC_MAX_N}`})`;
  const variance: VarianceMatrix = { names: vcovNames, values: V, label: vcovType, dfTest: null };
  const inference: InformationInference = { type: "information", covariance: V, names: vcovNames, label: vcovType, fn };
  const spatialRows = coefficientRows(["rho", "lambda"], [rho, lambda], variance);
  const coefficients = coefficientRows(columnNames, beta, variance);
  const logLikOls = olsLogLik(olsFit(X, y, n, k).rss, n);
  const aic = -2 * logLik + 2 * (k + 3);
  const lr = 2 * (logLik - logLikOls);
  const lrTest = { statistic: lr, df: 2, pValue: chiSquaredUpper(lr, 2) };
  const durbin = lagOf.some((j) => j >= 0);
  const residuals = Float64Array.from(final.residuals);
  const title = durbin ? "General nesting spatial model (GNS), maximum likelihood" : "Spatial autoregressive combined model (SAC), maximum likelihood";
  return makeFit<SacResult>({
    kind: "sac", method: title, dependent: mm.responseName, formula,
    coefficients, coefficientNames: columnNames, estimates: beta, n, k,
    vcovType, vcovSpec: "iid", variance, inference, dfTest: null, statisticName: "z",
    fit: { logLik, aic, sigma2, rho, lambda },
    rho, lambda, rhoStdError: spatialRows[0].stdError, lambdaStdError: spatialRows[1].stdError,
    logLik, aic, sigma2, logLikOls, lrTest, residuals, vcov: V, vcovNames,
    logdetMethod: ld.method, interval, evaluations, ids: pw.ids, weightsStyle: pw.style, warnings,
    impactsInput: (() => {
      // (σ², ρ, β) block of the covariance, in the layout impacts expects
      const order = [k + 2, 0, ...Array.from({ length: k }, (_, j) => 2 + j)];
      const m = order.length;
      const Vi = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) Vi[a * m + b] = Vfull[order[a] * p + order[b]];
      return { rho, beta, names: columnNames, W, ld, V: Vi, vcovNames: ["sigma2", "rho", ...columnNames], n, lagOf };
    })(),
    impacts(this: SacResult, io?: ImpactsOptions) { return impacts(this, io); },
    report: {
      title,
      header: [
        ["Formula", formula], ["Dependent variable", mm.responseName], ["Observations", n], ["Coefficients (k)", k],
        ["Weights", `style "${pw.style}" (the same W in the lag and the error process)`], ["Log-determinant", ld.method],
        ["Search interval for rho and lambda", `[${formatNumber(interval[0])}, ${formatNumber(interval[1])}]`],
      ],
      spatialRows,
      statistics: [["Log-likelihood", logLik], ["AIC", aic], ["sigma2 (ML)", sigma2], ["OLS log-likelihood", logLikOls]],
      tests: [{ name: "LR test rho = lambda = 0", statistic: lr, df: 2, pValue: lrTest.pValue }],
      notes: warnings.map((x) => `Warning: ${x}`),
    },
  });
}

/** The issue's and xsmle's name for {@link sac}: the same function. */
export const spatialSAC = sac;
