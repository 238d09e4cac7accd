import { qrDecompose, qrCoef, type QRDecomposition } from "../linalg/qr";
import { cholInverse } from "../linalg/cholesky";

/** Numeric result of a least-squares fit. */
export interface OlsFit {
  coefficients: Float64Array;
  residuals: Float64Array;
  fitted: Float64Array;
  /** (X'X)^{-1}, k × k row-major. */
  xtxInverse: Float64Array;
  /** Residual sum of squares. */
  rss: number;
  n: number;
  k: number;
}

/**
 * Least squares by Householder QR (as R's `lm`), for a full-rank column-major design.
 *
 * Long name: ordinary least squares, numeric core.
 * @param X column-major n × k design (full column rank: check with `checkFullRank` first)
 * @param y response, length n
 * @param n rows
 * @param k columns
 * @param qr the QR decomposition of X when already at hand (`qrDecompose(X, n, k)`, e.g. from `checkFullRank`), to
 *   fit several responses on one design without decomposing it again
 * @throws `olsFit: design matrix is rank deficient (rank r < k)` when X is not of full rank
 * @example olsFit(new Float64Array([1, 1, 1, 1, 2, 3]), new Float64Array([1, 3, 5]), 3, 2).coefficients // Float64Array [-1, 2] (to rounding)
 */
export function olsFit(X: Float64Array, y: Float64Array, n: number, k: number, qr: QRDecomposition = qrDecompose(X, n, k)): OlsFit {
  if (qr.rank < k) throw new Error(`olsFit: design matrix is rank deficient (rank ${qr.rank} < ${k})`);
  const coefficients = qrCoef(qr, y);
  const fitted = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const b = coefficients[j], o = j * n;
    for (let i = 0; i < n; i++) fitted[i] += X[o + i] * b;
  }
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) { const e = y[i] - fitted[i]; residuals[i] = e; rss += e * e; }
  // (X'X)^{-1} = (R'R)^{-1}: R is upper-triangular in pivot order (pivot is the identity at full rank)
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) L[i * k + j] = qr.R[j * k + i];
  // R diagonal may be negative; L L' = R'R still holds, but cholInverse expects positive diagonal only for division
  const xtxInverse = cholInverse(L, k);
  return { coefficients, residuals, fitted, xtxInverse, rss, n, k };
}
