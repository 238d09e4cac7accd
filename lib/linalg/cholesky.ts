/**
 * Dense Cholesky factorization and symmetric positive-definite solves.
 * Square matrices are row-major Float64Array of length p*p.
 */

/**
 * Lower-triangular Cholesky factor L with A = L L'.
 *
 * Long name: Cholesky decomposition (Golub & Van Loan 2013, Matrix Computations, alg. 4.2.1).
 * @param A symmetric p × p matrix (row-major; only the lower triangle is read)
 * @param p dimension
 * @param fn caller name for errors
 * @throws `fn: matrix is not positive definite (pivot 3 is -0.2)` when a pivot is not positive
 * @example cholesky(new Float64Array([4, 2, 2, 3]), 2) // Float64Array [2, 0, 1, 1.4142135623730951]
 */
export function cholesky(A: Float64Array, p: number, fn = "cholesky"): Float64Array {
  if (A.length !== p * p) throw new Error(`${fn}: matrix has ${A.length} values, expected ${p * p}`);
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j];
    for (let l = 0; l < j; l++) d -= L[j * p + l] * L[j * p + l];
    if (!(d > 0) || !Number.isFinite(d)) {
      throw new Error(`${fn}: matrix is not positive definite (pivot ${j} is ${d})`);
    }
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j];
      for (let l = 0; l < j; l++) s -= L[i * p + l] * L[j * p + l];
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

/**
 * Solve A x = b given the Cholesky factor L of A.
 * @example cholSolve(cholesky(new Float64Array([4, 2, 2, 3]), 2), new Float64Array([6, 5]), 2) // Float64Array [1, 1]
 */
export function cholSolve(L: Float64Array, b: ArrayLike<number>, p: number): Float64Array {
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let l = 0; l < i; l++) s -= L[i * p + l] * x[l];
    x[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let l = i + 1; l < p; l++) s -= L[l * p + i] * x[l];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/**
 * Inverse of A from its Cholesky factor.
 * @example cholInverse(cholesky(new Float64Array([2, 0, 0, 4]), 2), 2) // Float64Array [0.5, 0, 0, 0.25]
 */
export function cholInverse(L: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(L, e, p);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  // symmetrize against rounding
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) {
    const v = 0.5 * (inv[i * p + j] + inv[j * p + i]);
    inv[i * p + j] = v; inv[j * p + i] = v;
  }
  return inv;
}

/**
 * Solve A x = b for symmetric positive-definite A.
 * @throws `fn: matrix is not positive definite (...)`
 * @example solveSPD(new Float64Array([4, 2, 2, 3]), new Float64Array([6, 5]), 2) // Float64Array [1, 1]
 */
export function solveSPD(A: Float64Array, b: ArrayLike<number>, p: number, fn = "solveSPD"): Float64Array {
  return cholSolve(cholesky(A, p, fn), b, p);
}

/**
 * Inverse of a symmetric positive-definite matrix.
 * @throws `fn: matrix is not positive definite (...)`
 * @example inverseSPD(new Float64Array([2, 0, 0, 4]), 2) // Float64Array [0.5, 0, 0, 0.25]
 */
export function inverseSPD(A: Float64Array, p: number, fn = "inverseSPD"): Float64Array {
  return cholInverse(cholesky(A, p, fn), p);
}

/**
 * Inverse of a general square matrix by LU with partial pivoting (for small information matrices that
 * may be indefinite through rounding).
 * @throws `fn: matrix is singular (pivot j)`
 * @example inverseGeneral(new Float64Array([0, 1, 1, 0]), 2) // Float64Array [0, 1, 1, 0]
 */
export function inverseGeneral(A: Float64Array, p: number, fn = "inverseGeneral"): Float64Array {
  const a = Float64Array.from(A);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inv[i * p + i] = 1;
  for (let c = 0; c < p; c++) {
    let piv = c, best = Math.abs(a[c * p + c]);
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r * p + c]) > best) { best = Math.abs(a[r * p + c]); piv = r; }
    if (best === 0 || !Number.isFinite(best)) throw new Error(`${fn}: matrix is singular (pivot ${c})`);
    if (piv !== c) {
      for (let j = 0; j < p; j++) {
        let t = a[c * p + j]; a[c * p + j] = a[piv * p + j]; a[piv * p + j] = t;
        t = inv[c * p + j]; inv[c * p + j] = inv[piv * p + j]; inv[piv * p + j] = t;
      }
    }
    const d = a[c * p + c];
    for (let j = 0; j < p; j++) { a[c * p + j] /= d; inv[c * p + j] /= d; }
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r * p + c];
      if (f === 0) continue;
      for (let j = 0; j < p; j++) { a[r * p + j] -= f * a[c * p + j]; inv[r * p + j] -= f * inv[c * p + j]; }
    }
  }
  return inv;
}
