/**
 * Rank-revealing Cholesky factorization with diagonal pivoting (Golub & Van Loan 2013,
 * *Matrix Computations*, §4.2.8): rank detection for panel designs and variance matrices.
 */

/**
 * Pivoted Cholesky of a symmetric positive semi-definite m × m matrix (row-major).
 * Returns the pivot order, the rank, and the factor of the leading rank × rank block.
 */
export function pivotedCholesky(A: Float64Array, m: number, relTol = 1e-10): { perm: Int32Array; rank: number; L: Float64Array } {
  const a = Float64Array.from(A);
  const perm = new Int32Array(m);
  for (let i = 0; i < m; i++) perm[i] = i;
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, a[i * m + i]);
  const tol = relTol * maxDiag;
  let rank = 0;
  for (let j = 0; j < m; j++) {
    // choose the largest remaining diagonal
    let piv = j;
    for (let i = j + 1; i < m; i++) if (a[i * m + i] > a[piv * m + piv]) piv = i;
    if (a[piv * m + piv] <= tol) break;
    if (piv !== j) {
      // symmetric swap of rows/cols j and piv
      for (let c = 0; c < m; c++) { const t = a[j * m + c]; a[j * m + c] = a[piv * m + c]; a[piv * m + c] = t; }
      for (let r = 0; r < m; r++) { const t = a[r * m + j]; a[r * m + j] = a[r * m + piv]; a[r * m + piv] = t; }
      const t = perm[j]; perm[j] = perm[piv]; perm[piv] = t;
    }
    const d = Math.sqrt(a[j * m + j]);
    a[j * m + j] = d;
    for (let i = j + 1; i < m; i++) a[i * m + j] /= d;
    for (let i = j + 1; i < m; i++) {
      const lij = a[i * m + j];
      for (let c = j + 1; c <= i; c++) a[i * m + c] -= lij * a[c * m + j];
    }
    for (let i = j + 1; i < m; i++) for (let c = i + 1; c < m; c++) a[i * m + c] = a[c * m + i];
    rank++;
  }
  const L = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let c = 0; c <= i; c++) L[i * rank + c] = a[i * m + c];
  return { perm, rank, L };
}


/**
 * Check that the columns of a column-major n × k matrix are linearly independent, from its
 * cross-product (scaled to unit diagonal, pivoted Cholesky, relative tolerance 1e-10 on the
 * squared scale). Cheaper than a QR of the n × k matrix; used after the within transformation.
 * @throws `fn: regressor "x3" is collinear with the other regressors (after the within transformation)`
 */
export function checkIndependent(XtX: Float64Array, k: number, names: string[], fn: string, context = ""): void {
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    d[j] = Math.sqrt(XtX[j * k + j]);
    if (!(d[j] > 0)) throw new Error(`${fn}: regressor "${names[j]}" is all zeros${context}`);
  }
  const C = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) C[a * k + b] = XtX[a * k + b] / (d[a] * d[b]);
  const { perm, rank } = pivotedCholesky(C, k, 1e-10);
  if (rank < k) {
    const bad = Array.from(perm.subarray(rank)).sort((x, y) => x - y).map((j) => `"${names[j]}"`);
    throw new Error(`${fn}: regressor${bad.length > 1 ? "s" : ""} ${bad.join(", ")} ${bad.length > 1 ? "are" : "is"} collinear with the other regressors${context}; remove ${bad.length > 1 ? "them" : "it"}`);
  }
}
