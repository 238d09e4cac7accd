import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { cholesky, cholSolve } from "../linalg/cholesky";
import { olsFit } from "../regression/olsCore";
import { makeFit } from "../report/modelSummary";
import { underName } from "../core/validate";
import { checkNotExactFit } from "../regression/degenerate";
import { csrMatVec, csrMatMulColMajor } from "../linalg/csr";
import { brentMaximize } from "../optimize/brentMaximize";
import { inverseTraces } from "./traces";
import { spatialData, SPATIAL_ML_TOL, type SpatialModelOptions } from "./spatialData";
import { boundaryWarnings, mlResultFields, seKind, setupLogdet, type SpatialMLResult } from "./spatialML";
import { inverseGeneral } from "../linalg/cholesky";

/** Result of {@link spatialError}. */
export interface SpatialErrorResult extends SpatialMLResult {
  method: "Spatial error model (ML)";
  kind: "spatialError";
  lambda: number;
  lambdaStdError: number;
}

/**
 * Spatial error model y = Xβ + u, u = λWu + ε by maximum likelihood.
 *
 * Long name: spatial error model, ML (Anselin 1988, ch. 6; as spatialreg `errorsarlm`).
 * λ maximizes ln L(λ) = ln|I − λW| − n/2 ln(2π) − n/2 ln(SSE(λ)/n) − n/2, where SSE(λ) is the residual
 * sum of squares of the OLS fit of (I − λW)y on (I − λW)X; cross-products of an orthonormal basis of X and
 * the OLS residuals (well conditioned) are formed once, so each evaluation costs one log-determinant plus a
 * k × k solve. β and σ² = SSE/n follow at λ from a QR fit of the filtered data.
 * Standard errors: β from σ²((X − λWX)'(X − λWX))⁻¹, λ from the inverse of the analytical information
 * block of (σ², λ): [[n/(2σ⁴), tr(B)/σ²], [tr(B)/σ², tr(B²) + tr(B'B)]], B = W(I − λW)⁻¹
 * (spatialreg's default for method "eigen"). With `vcov: "hessian"` (deprecated: `se: "hessian"`) the full observed information of (σ², λ, β)
 * (exact analytical Hessian at the estimates, including the λ–β cross terms) is inverted instead — what
 * spatialreg's method "Matrix" approximates numerically. A λ at the interval bound gives a warning.
 * @param data danfo DataFrame or object of columns
 * @param formula e.g. "CRIME ~ INC + HOVAL"
 * @param w spatial weights; binary weights are row-standardized
 * @param options id, logdet, zeroPolicy, interval, tol, vcov ("information" | "hessian"; `se` is its deprecated name)
 * @throws as {@link spatialLag}
 * @example
 * const m = spatialError(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" });
 * m.lambda // 0.5208877 (spatialreg errorsarlm: 0.52089)
 */
export function spatialError(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions = {}): SpatialErrorResult {
  return underName("spatialError", () => spatialErrorBody(data, formula, w, options ?? {}));
}

function spatialErrorBody(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions): SpatialErrorResult {
  const fn = "spatialError";
  const seOpt = seKind(options, fn);
  const { mm, pw, lagOf, qr } = spatialData(data, formula, w, options, fn);
  const { X, y, n, k, columnNames } = mm;
  const W = pw.csr;
  const Wy = csrMatVec(W, y);
  const WX = csrMatMulColMajor(W, X, k);
  // The concentrated likelihood needs SSE(λ) of (y − λWy) on (X − λWX). For accuracy it is computed in a
  // well-conditioned basis: Q (orthonormal columns spanning X) and e₀ (OLS residuals, which give the same
  // SSE as y because y − e₀ lies in the span of X). With Z = [Q, e₀]:
  // (Z − λWZ)'(Z − λWZ) = A − λ(B + B') + λ²C, formed once; each evaluation is then a k × k solve.
  const fit0 = olsFit(X, y, n, k, qr);
  checkNotExactFit(fit0, n, k, "lambda", fn);
  const Q = orthonormalBasis(X, n, k);
  const e0 = fit0.residuals;
  const WQ = csrMatMulColMajor(W, Q, k);
  const We0 = csrMatVec(W, e0);
  const m = k + 1;
  const col = (M: Float64Array, v: Float64Array, j: number) => (j < k ? M.subarray(j * n, j * n + n) : v);
  const A = new Float64Array(m * m), B = new Float64Array(m * m), C = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const za = col(Q, e0, a), wa = col(WQ, We0, a);
    for (let b = 0; b < m; b++) {
      const zb = col(Q, e0, b), wb = col(WQ, We0, b);
      let s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < n; i++) { s1 += za[i] * zb[i]; s2 += za[i] * wb[i]; s3 += wa[i] * wb[i]; }
      A[a * m + b] = s1; B[a * m + b] = s2; C[a * m + b] = s3;
    }
  }
  const sseAt = (lambda: number): number => {
    const xtx = new Float64Array(k * k);
    const xty = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      xty[a] = A[a * m + k] - lambda * (B[a * m + k] + B[k * m + a]) + lambda * lambda * C[a * m + k];
      for (let b = 0; b < k; b++) xtx[a * k + b] = A[a * m + b] - lambda * (B[a * m + b] + B[b * m + a]) + lambda * lambda * C[a * m + b];
    }
    const L = cholesky(xtx, k, fn);
    const g = cholSolve(L, xty, k);
    let sse = A[k * m + k] - 2 * lambda * B[k * m + k] + lambda * lambda * C[k * m + k];
    for (let a = 0; a < k; a++) sse -= g[a] * xty[a];
    return sse;
  };
  const { ld, interval } = setupLogdet(W, options, fn);
  const c0 = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
  // the line search maximizes ln|I − λW| − n/2 ln(SSE(λ)/SSE(0)), which differs from the log-likelihood by a
  // constant: values of order ln|I − λW| rather than n, so rounding does not defeat Brent's parabolic steps
  // (with the constant −n/2 (ln 2π + 1) included the search took up to twice the evaluations)
  const sse0 = sseAt(0);
  const loglik = (lambda: number) => ld.logdet(lambda) - 0.5 * n * Math.log(sseAt(lambda) / sse0);
  const opt = brentMaximize(loglik, interval[0], interval[1], options.tol ?? SPATIAL_ML_TOL);
  const lambda = opt.x;
  const warnings = boundaryWarnings("lambda", lambda, interval);
  // final quantities by QR on the filtered data (as spatialreg's lm on the transformed variables)
  const ys = Float64Array.from(y, (v, i) => v - lambda * Wy[i]);
  const Xs = Float64Array.from(X, (v, i) => v - lambda * WX[i]);
  const fitS = olsFit(Xs, ys, n, k);
  const beta = fitS.coefficients;
  const residualsStar = fitS.residuals;
  const sigma2 = fitS.rss / n;
  // the traces before ln|I − λW|: the sparse method's exact traces leave the factor at λ behind for it
  const tr = ld.inverseTraces?.(lambda) ?? inverseTraces(W, lambda, { symbolic: ld.details?.symbolic });
  const logLik = ld.logdet(lambda) + c0 - 0.5 * n * Math.log(sigma2);
  // spatialreg reports fitted = y − r with r the residuals of the transformed regression
  const fitted = Float64Array.from(y, (v, i) => v - residualsStar[i]);
  const xtxInv = fitS.xtxInverse;
  const p = k + 2;
  let V: Float64Array;
  if (!seOpt.hessian) {
    // expected information: block diagonal between (σ², λ) and β
    const i11 = n / (2 * sigma2 * sigma2), i12 = tr.trB / sigma2, i22 = tr.trBB + tr.trBtB;
    const det = i11 * i22 - i12 * i12;
    V = new Float64Array(p * p);
    V[0] = i22 / det; V[1] = V[p] = -i12 / det; V[p + 1] = i11 / det;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) V[(2 + a) * p + 2 + b] = sigma2 * xtxInv[a * k + b];
  } else {
    // observed information (exact Hessian) at the estimates, u = (I − λW)(y − Xβ), e = y − Xβ:
    // I_λλ = tr(B²) + (We)'(We)/σ², I_λβ = ((X − λWX)'We + (WX)'u)/σ², I_ββ = (X − λWX)'(X − λWX)/σ²,
    // I_σ²λ = tr(B)/σ², I_σ²σ² = n/(2σ⁴), I_σ²β = 0
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) { let s = y[i]; for (let j = 0; j < k; j++) s -= X[j * n + i] * beta[j]; e[i] = s; }
    const We = csrMatVec(W, e);
    const info = new Float64Array(p * p);
    info[0] = n / (2 * sigma2 * sigma2);
    info[1] = info[p] = tr.trB / sigma2;
    let weSq = 0;
    for (let i = 0; i < n; i++) weSq += We[i] * We[i];
    info[p + 1] = tr.trBB + weSq / sigma2;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Xs[a * n + i] * We[i] + WX[a * n + i] * residualsStar[i];
      info[p + 2 + a] = info[(2 + a) * p + 1] = s / sigma2;
      for (let b = 0; b <= a; b++) {
        let t = 0;
        for (let i = 0; i < n; i++) t += Xs[a * n + i] * Xs[b * n + i];
        info[(2 + a) * p + 2 + b] = info[(2 + b) * p + 2 + a] = t / sigma2;
      }
    }
    V = inverseGeneral(info, p, fn);
  }
  const lambdaStdError = Math.sqrt(V[p + 1]);
  return makeFit<SpatialErrorResult>({
    method: "Spatial error model (ML)",
    dependent: mm.responseName,
    formula,
    ...mlResultFields({
      kind: "spatialError", title: lagOf.some((j) => j >= 0) ? "Spatial Durbin error model (SDEM), maximum likelihood" : "Spatial error model (SEM), maximum likelihood", formula, dependent: mm.responseName,
      names: columnNames, beta, parameter: lambda, V, logLik, sigma2, rssOls: fit0.rss, n, k, vcovType: seOpt.vcovType, parameterName: "lambda",
      weightsStyle: pw.style, logdetMethod: ld.method, traceMethod: tr.method, interval, warnings, fn,
    }),
    kind: "spatialError",
    lambda, lambdaStdError,
    residuals: residualsStar, fitted,
    logdetMethod: ld.method, traceMethod: tr.method, interval, evaluations: opt.evaluations,
    ids: pw.ids, weightsStyle: pw.style, warnings,
  });
}

/** Orthonormal basis of the column space of a full-rank column-major n × k matrix (Gram–Schmidt, twice). */
function orthonormalBasis(X: Float64Array, n: number, k: number): Float64Array {
  const Q = Float64Array.from(X);
  for (let j = 0; j < k; j++) {
    const qj = Q.subarray(j * n, j * n + n);
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < j; l++) {
        const ql = Q.subarray(l * n, l * n + n);
        let d = 0;
        for (let i = 0; i < n; i++) d += ql[i] * qj[i];
        for (let i = 0; i < n; i++) qj[i] -= d * ql[i];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += qj[i] * qj[i];
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) qj[i] *= inv;
  }
  return Q;
}
