import { tridiagonalEigenvalues } from "./symmetricEigenvalues";

/**
 * Extreme eigenvalues of a sparse symmetric matrix by the Lanczos method (three-term recurrence,
 * Golub & Van Loan 2013, §10.1). No reorthogonalization: in floating point the loss of orthogonality
 * only produces duplicate copies of converged Ritz values (Paige 1976), and the extreme ones converge
 * first, so the cost is `steps` sparse products. Used only to bracket ρ: Ritz values lie inside the
 * spectrum, so the interval (1/λmin, 1/λmax) may slightly exceed the admissible one; the sparse
 * Cholesky then reports "not positive definite" there and the optimizer avoids it. (On elect80 and
 * house the extremes equal those with full reorthogonalization to 1e-15.)
 * @param rowPtr CSR row pointers
 * @param colIdx CSR columns
 * @param values CSR values (symmetric matrix)
 * @param n dimension
 * @param steps Lanczos steps (default min(n, 40); extreme Ritz values converge first)
 * @example symmetricLanczosExtremes(new Int32Array([0, 1, 2]), new Int32Array([1, 0]), new Float64Array([1, 1]), 2) // { min: -0.9999999999999999, max: 1 }
 */
export function symmetricLanczosExtremes(rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, n: number, steps = Math.min(n, 40)): { min: number; max: number } {
  const m = Math.max(1, Math.min(steps, n));
  const alpha = new Float64Array(m);
  const beta = new Float64Array(m);
  let v = new Float64Array(n);
  let vPrev = new Float64Array(n);
  let w = new Float64Array(n);
  // deterministic start vector (fixed LCG sequence), normalized
  let s = 12345;
  let norm = 0;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; v[i] = 0.5 + s / 2147483648; norm += v[i] * v[i]; }
  norm = Math.sqrt(norm);
  for (let i = 0; i < n; i++) v[i] /= norm;
  let k = 0;
  let bPrev = 0;
  for (; k < m; k++) {
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) t += values[p] * v[colIdx[p]];
      w[i] = t - bPrev * vPrev[i];
    }
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * v[i];
    alpha[k] = a;
    let b = 0;
    for (let i = 0; i < n; i++) { w[i] -= a * v[i]; b += w[i] * w[i]; }
    b = Math.sqrt(b);
    if (k + 1 === m || b < 1e-12) { k++; break; }
    beta[k] = b;
    for (let i = 0; i < n; i++) w[i] /= b;
    const t = vPrev; vPrev = v; v = w; w = t;
    bPrev = b;
  }
  const d = alpha.slice(0, k);
  const e = new Float64Array(k);
  for (let i = 0; i < k - 1; i++) e[i] = beta[i];
  tridiagonalEigenvalues(d, e);
  let min = Infinity, max = -Infinity;
  for (const x of d) { if (x < min) min = x; if (x > max) max = x; }
  return { min, max };
}
