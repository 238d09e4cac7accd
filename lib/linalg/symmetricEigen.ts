/**
 * Eigenvalues and eigenvectors of a small real symmetric matrix by the cyclic Jacobi method (Golub & Van Loan 2013,
 * *Matrix Computations*, 4th ed., §8.5.3): plane rotations until the off-diagonal mass is below 1e-15 of the
 * Frobenius norm. Accurate to working precision for the small matrices of test statistics (instruments ×
 * instruments); O(n³) per sweep, so not for large n (use `symmetricEigenvalues` when only values are needed).
 */

/**
 * Eigen-decomposition of a symmetric matrix, eigenvalues in decreasing order.
 *
 * Long name: symmetric eigen-decomposition (cyclic Jacobi).
 * @param A row-major n × n symmetric matrix (not modified)
 * @param n dimension
 * @param fn caller name for errors
 * @returns `values` (decreasing) and `vectors`, row-major n × n with eigenvector j in column j (unit length)
 * @throws `fn: eigen-decomposition needs a finite symmetric matrix`; `fn: Jacobi eigen-decomposition did not converge`
 * @example symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values // Float64Array [3, 1] (to rounding)
 */
export function symmetricEigen(A: Float64Array, n: number, fn = "symmetricEigen"): { values: Float64Array; vectors: Float64Array } {
  if (A.length !== n * n) throw new Error(`${fn}: matrix has ${A.length} values, expected ${n * n}`);
  const a = Float64Array.from(A);
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = a[i * n + j];
    if (!Number.isFinite(v) || Math.abs(v - a[j * n + i]) > 1e-10 * (Math.abs(v) + Math.abs(a[j * n + i]) + 1e-300)) throw new Error(`${fn}: eigen-decomposition needs a finite symmetric matrix`);
    norm += v * v;
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const tol = 1e-30 * norm;
  let converged = false;
  for (let sweep = 0; sweep < 100 && !converged; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= tol) { converged = true; break; }
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) {
      const apq = a[p * n + q];
      if (apq === 0) continue;
      const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < n; k++) {
        const akp = a[k * n + p], akq = a[k * n + q];
        a[k * n + p] = c * akp - s * akq; a[k * n + q] = s * akp + c * akq;
      }
      for (let k = 0; k < n; k++) {
        const apk = a[p * n + k], aqk = a[q * n + k];
        a[p * n + k] = c * apk - s * aqk; a[q * n + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < n; k++) {
        const vkp = V[k * n + p], vkq = V[k * n + q];
        V[k * n + p] = c * vkp - s * vkq; V[k * n + q] = s * vkp + c * vkq;
      }
    }
  }
  if (!converged) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off > tol) throw new Error(`${fn}: Jacobi eigen-decomposition did not converge`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => { for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src]; });
  return { values, vectors };
}
