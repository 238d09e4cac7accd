import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { chiSquaredUpper } from "../regression/distributions";
import { cholesky, cholSolve, cholInverse } from "../linalg/cholesky";
import { summaryHTML, summaryText, type SummarySpec } from "../report/summary";
import { csrMatVec, csrMatMulColMajor } from "./sparse";
import { brentMaximize } from "./brentMaximize";
import { inverseTraces } from "./inverseTraces";
import { spatialData, type SpatialModelOptions } from "./spatialData";
import { boundaryWarnings, olsLogLik, setupLogdet, spatialHeader, zRows, type SpatialMLResult } from "./spatialLag";

/** Result of {@link spatialError}. */
export interface SpatialErrorResult extends SpatialMLResult {
  method: "Spatial error model (ML)";
  lambda: number;
  lambdaStdError: number;
}

/**
 * Spatial error model y = Xβ + u, u = λWu + ε by maximum likelihood.
 *
 * Long name: spatial error model, ML (Anselin 1988, ch. 6; as spatialreg `errorsarlm`).
 * λ maximizes ln L(λ) = ln|I − λW| − n/2 ln(2π) − n/2 ln(SSE(λ)/n) − n/2, where SSE(λ) is the residual
 * sum of squares of the OLS fit of (I − λW)y on (I − λW)X; all cross-products are formed once, so each
 * evaluation costs one log-determinant plus a k × k solve. β and σ² = SSE/n follow at λ.
 * Standard errors: β from σ²((X − λWX)'(X − λWX))⁻¹, λ from the inverse of the analytical information
 * block of (σ², λ): [[n/(2σ⁴), tr(B)/σ²], [tr(B)/σ², tr(B²) + tr(B'B)]], B = W(I − λW)⁻¹
 * (spatialreg's default for method "eigen"). A λ at the interval bound gives a warning.
 * @param data danfo DataFrame or object of columns
 * @param formula e.g. "CRIME ~ INC + HOVAL"
 * @param w spatial weights; binary weights are row-standardized
 * @param options id, logdet, zeroPolicy, interval, tol
 * @throws as {@link spatialLag}
 * @example
 * const m = spatialError(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" });
 * m.lambda // 0.5208877 (spatialreg errorsarlm: 0.52089)
 */
export function spatialError(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions = {}): SpatialErrorResult {
  const fn = "spatialError";
  const { mm, pw } = spatialData(data, formula, w, options, fn);
  const { X, y, n, k, columnNames } = mm;
  const W = pw.csr;
  const Wy = csrMatVec(W, y);
  const WX = csrMatMulColMajor(W, X, k);
  // cross-products: Z = [X, y], WZ = [WX, Wy]; (Z − λWZ)'(Z − λWZ) = A − λ(B + B') + λ² C
  const m = k + 1;
  const col = (M: Float64Array, v: Float64Array, j: number) => (j < k ? M.subarray(j * n, j * n + n) : v);
  const A = new Float64Array(m * m), B = new Float64Array(m * m), C = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const za = col(X, y, a), wa = col(WX, Wy, a);
    for (let b = 0; b < m; b++) {
      const zb = col(X, y, b), wb = col(WX, Wy, b);
      let s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < n; i++) { s1 += za[i] * zb[i]; s2 += za[i] * wb[i]; s3 += wa[i] * wb[i]; }
      A[a * m + b] = s1; B[a * m + b] = s2; C[a * m + b] = s3;
    }
  }
  const cross = (lambda: number) => {
    const M = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
      M[a * m + b] = A[a * m + b] - lambda * (B[a * m + b] + B[b * m + a]) + lambda * lambda * C[a * m + b];
    }
    return M;
  };
  const fitAt = (lambda: number) => {
    const M = cross(lambda);
    const xtx = new Float64Array(k * k);
    const xty = new Float64Array(k);
    for (let a = 0; a < k; a++) { xty[a] = M[a * m + k]; for (let b = 0; b < k; b++) xtx[a * k + b] = M[a * m + b]; }
    const L = cholesky(xtx, k, fn);
    const beta = cholSolve(L, xty, k);
    let sse = M[k * m + k];
    for (let a = 0; a < k; a++) sse -= beta[a] * xty[a];
    return { beta, sse, L };
  };
  const { ld, interval } = setupLogdet(W, options, fn);
  const c0 = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
  const loglik = (lambda: number) => {
    const { sse } = fitAt(lambda);
    return ld.logdet(lambda) + c0 - 0.5 * n * Math.log(sse / n);
  };
  const opt = brentMaximize(loglik, interval[0], interval[1], options.tol ?? 1e-10);
  const lambda = opt.x;
  const warnings = boundaryWarnings("lambda", lambda, interval);
  // final quantities computed directly (not from the cross-product identity) for accuracy
  const ys = Float64Array.from(y, (v, i) => v - lambda * Wy[i]);
  const Xs = Float64Array.from(X, (v, i) => v - lambda * WX[i]);
  const { beta, L } = fitAt(lambda);
  const residualsStar = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += Xs[j * n + i] * beta[j];
    residualsStar[i] = ys[i] - f;
    sse += residualsStar[i] ** 2;
  }
  const sigma2 = sse / n;
  const logLik = ld.logdet(lambda) + c0 - 0.5 * n * Math.log(sigma2);
  // spatialreg reports fitted = y − r with r the residuals of the transformed regression
  const fitted = Float64Array.from(y, (v, i) => v - residualsStar[i]);
  const xtxInv = cholInverse(L, k);
  const se = Float64Array.from({ length: k }, (_, j) => Math.sqrt(sigma2 * xtxInv[j * k + j]));
  const tr = inverseTraces(W, lambda, { probes: options.traceProbes, seed: options.traceSeed, symbolic: ld.details?.symbolic });
  const i11 = n / (2 * sigma2 * sigma2), i12 = tr.trB / sigma2, i22 = tr.trBB + tr.trBtB;
  const det = i11 * i22 - i12 * i12;
  const lambdaStdError = Math.sqrt(i11 / det);
  const p = k + 2;
  const V = new Float64Array(p * p);
  V[0] = i22 / det; V[1] = V[p] = -i12 / det; V[p + 1] = i11 / det;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) V[(2 + a) * p + 2 + b] = sigma2 * xtxInv[a * k + b];
  // OLS on the same data
  let ea = A[k * m + k];
  {
    const xtx = new Float64Array(k * k), xty = new Float64Array(k);
    for (let a = 0; a < k; a++) { xty[a] = A[a * m + k]; for (let b = 0; b < k; b++) xtx[a * k + b] = A[a * m + b]; }
    const b0 = cholSolve(cholesky(xtx, k, fn), xty, k);
    // direct residuals for accuracy
    ea = 0;
    for (let i = 0; i < n; i++) { let f = 0; for (let j = 0; j < k; j++) f += X[j * n + i] * b0[j]; ea += (y[i] - f) ** 2; }
  }
  const logLikOls = olsLogLik(ea, n);
  const lr = 2 * (logLik - logLikOls);
  const wald = (lambda / lambdaStdError) ** 2;
  const result: SpatialErrorResult = {
    method: "Spatial error model (ML)",
    dependent: mm.responseName,
    formula,
    coefficients: zRows(columnNames, beta, se),
    coefficientNames: columnNames,
    estimates: beta,
    n, k,
    vcovType: "asymptotic (analytical information matrix)",
    statisticName: "z",
    fit: { logLik, aic: -2 * logLik + 2 * (k + 2), sigma2, lambda, logLikOls, aicOls: -2 * logLikOls + 2 * (k + 1) },
    lambda, lambdaStdError,
    logLik, aic: -2 * logLik + 2 * (k + 2), sigma2,
    logLikOls, aicOls: -2 * logLikOls + 2 * (k + 1),
    lrTest: { statistic: lr, df: 1, pValue: chiSquaredUpper(lr, 1) },
    waldTest: { statistic: wald, df: 1, pValue: chiSquaredUpper(wald, 1) },
    residuals: residualsStar, fitted,
    vcov: V, vcovNames: ["sigma2", "lambda", ...columnNames],
    logdetMethod: ld.method, traceMethod: tr.method, interval, evaluations: opt.evaluations,
    ids: pw.ids, weightsStyle: pw.style, warnings,
    summary: () => summaryText(errorSpec(result)),
    toHTML: () => summaryHTML(errorSpec(result)),
  };
  return result;
}

function errorSpec(m: SpatialErrorResult): SummarySpec {
  return {
    method: "Spatial error model (SEM), maximum likelihood",
    header: spatialHeader(m, "lambda"),
    spatialRows: zRows(["lambda"], [m.lambda], [m.lambdaStdError]),
    coefficients: m.coefficients,
    statisticName: "z",
    fit: [
      ["Log-likelihood", m.logLik], ["AIC", m.aic], ["sigma2 (ML)", m.sigma2],
      ["OLS log-likelihood", m.logLikOls], ["OLS AIC", m.aicOls],
    ],
    tests: [
      { name: "LR test lambda = 0", statistic: m.lrTest.statistic, df: 1, pValue: m.lrTest.pValue },
      { name: "Wald test lambda = 0", statistic: m.waldTest.statistic, df: 1, pValue: m.waldTest.pValue },
    ],
    notes: m.warnings.map((w) => `Warning: ${w}`),
  };
}
