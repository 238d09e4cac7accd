/**
 * Householder QR with R's limited column pivoting (LINPACK `dqrdc2`, as used by `lm`):
 * columns keep their order, and a column whose residual norm falls below `tol` times its
 * original norm is moved to the end and counted as aliased. The rank is the number of
 * columns kept. Golub & Van Loan (2013), Matrix Computations, §5.2 and §5.4.
 */

/** A QR factorization of a column-major n × k matrix. */
export interface QRDecomposition {
  n: number;
  k: number;
  /** Numerical rank. */
  rank: number;
  /** pivot[j] = original index of the column in position j; the first `rank` are the kept columns. */
  pivot: Int32Array;
  /** Householder vectors (column-major n × k, vector j in rows j..n-1 of column j). */
  vectors: Float64Array;
  /** Householder scalars: H_j = I - beta_j v_j v_j'. */
  beta: Float64Array;
  /** Upper-triangular R (row-major k × k, in pivoted column order). */
  R: Float64Array;
}

/**
 * QR decomposition with limited pivoting and rank detection.
 *
 * Long name: Householder QR with R's `dqrdc2` limited column pivoting.
 * @param X column-major n × k matrix (not modified)
 * @param n rows
 * @param k columns
 * @param tol relative tolerance for a column to count as linearly dependent (R `lm` uses 1e-7)
 * @throws when X has the wrong length
 * @example
 * // third column = first + second
 * const q = qrDecompose(new Float64Array([1, 1, 1, 1, 2, 3, 2, 3, 4]), 3, 3);
 * q.rank            // 2
 * Array.from(q.pivot) // [0, 1, 2]
 */
export function qrDecompose(X: Float64Array, n: number, k: number, tol = 1e-7): QRDecomposition {
  if (X.length !== n * k) throw new Error(`qrDecompose: matrix has ${X.length} values, expected ${n * k}`);
  const A = Float64Array.from(X);
  const pivot = new Int32Array(k);
  for (let j = 0; j < k; j++) pivot[j] = j;
  const orig = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += A[j * n + i] * A[j * n + i];
    orig[j] = Math.sqrt(s);
  }
  const beta = new Float64Array(k);
  const rdiag = new Float64Array(k);
  let last = k; // columns at positions >= last are aliased
  const tmp = new Float64Array(n);
  for (let l = 0; l < Math.min(last, n); l++) {
    // find a column at position l whose residual is not negligible; rotate negligible ones to the end
    for (;;) {
      let s = 0;
      for (let i = l; i < n; i++) s += A[l * n + i] * A[l * n + i];
      const res = Math.sqrt(s);
      const ref = orig[pivot[l]] === 0 ? 1 : orig[pivot[l]];
      if (res >= tol * ref || l >= last) break;
      // move column l to the end
      tmp.set(A.subarray(l * n, l * n + n));
      const p = pivot[l];
      for (let j = l; j < k - 1; j++) {
        A.copyWithin(j * n, (j + 1) * n, (j + 2) * n);
        pivot[j] = pivot[j + 1];
      }
      A.set(tmp, (k - 1) * n);
      pivot[k - 1] = p;
      last--;
      if (l >= last) break;
    }
    if (l >= last) break;
    // Householder vector for column l, rows l..n-1
    const o = l * n;
    let s = 0;
    for (let i = l; i < n; i++) s += A[o + i] * A[o + i];
    const norm = Math.sqrt(s);
    const alpha = A[o + l] > 0 ? -norm : norm;
    A[o + l] -= alpha; // v = x - alpha e1
    let vv = 0;
    for (let i = l; i < n; i++) vv += A[o + i] * A[o + i];
    const b = vv === 0 ? 0 : 2 / vv;
    beta[l] = b;
    rdiag[l] = alpha;
    for (let j = l + 1; j < k; j++) {
      const oj = j * n;
      let d = 0;
      for (let i = l; i < n; i++) d += A[o + i] * A[oj + i];
      d *= b;
      if (d !== 0) for (let i = l; i < n; i++) A[oj + i] -= d * A[o + i];
    }
  }
  const rank = Math.min(last, n);
  const R = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < Math.min(j, n); i++) R[i * k + j] = A[j * n + i];
    if (j < rank) R[j * k + j] = rdiag[j];
    else if (j < n) R[j * k + j] = A[j * n + j];
  }
  return { n, k, rank, pivot, vectors: A, beta, R };
}

/**
 * Q'y for a QR decomposition (applies the Householder reflections).
 * @example qrQty(qrDecompose(new Float64Array([3, 4]), 2, 1), new Float64Array([3, 4]))[0] // -5
 */
export function qrQty(qr: QRDecomposition, y: ArrayLike<number>): Float64Array {
  const { n, rank, vectors, beta } = qr;
  const out = Float64Array.from(y as ArrayLike<number>);
  for (let l = 0; l < rank; l++) {
    const o = l * n;
    let d = 0;
    for (let i = l; i < n; i++) d += vectors[o + i] * out[i];
    d *= beta[l];
    if (d !== 0) for (let i = l; i < n; i++) out[i] -= d * vectors[o + i];
  }
  return out;
}

/**
 * Least-squares coefficients of the kept (non-aliased) columns, in original column order;
 * aliased columns get NaN (as R reports NA).
 * @example qrCoef(qrDecompose(new Float64Array([1, 1, 1, 1, 2, 3]), 3, 2), new Float64Array([1, 3, 5])) // Float64Array [-0.9999999999999998, 2]
 */
export function qrCoef(qr: QRDecomposition, y: ArrayLike<number>): Float64Array {
  const { k, rank, pivot, R } = qr;
  const qty = qrQty(qr, y);
  const b = new Float64Array(rank);
  for (let i = rank - 1; i >= 0; i--) {
    let s = qty[i];
    for (let j = i + 1; j < rank; j++) s -= R[i * k + j] * b[j];
    b[i] = s / R[i * k + i];
  }
  const out = new Float64Array(k).fill(NaN);
  for (let j = 0; j < rank; j++) out[pivot[j]] = b[j];
  return out;
}

/**
 * Check that a design matrix has full column rank; otherwise throw an error naming the
 * first aliased column and the columns it is a combination of (constant columns are named
 * as such when an intercept column is present).
 *
 * Long name: perfect-collinearity check by rank-revealing QR.
 * @param X column-major n × k
 * @param n rows
 * @param k columns
 * @param names column names
 * @param fn caller name for errors
 * @throws `fn: perfect collinearity: column "x3" is a linear combination of "x1", "x2"`;
 *   `fn: column "x" is constant, so it cannot be estimated beside the intercept`;
 *   `fn: column "x" is all zeros`; `fn: n = 3 observations but k = 4 coefficients`
 * @example checkFullRank(new Float64Array([1, 1, 1, 1, 2, 3]), 3, 2, ["(Intercept)", "x"], "ols") // QRDecomposition with rank 2
 */
export function checkFullRank(X: Float64Array, n: number, k: number, names: string[], fn: string, tol = 1e-7): QRDecomposition {
  if (n <= k) throw new Error(`${fn}: n = ${n} observations but k = ${k} coefficients; need n > k`);
  const interceptIdx = names.indexOf("(Intercept)");
  for (let j = 0; j < k; j++) {
    if (j === interceptIdx) continue;
    let allZero = true, constant = true;
    const o = j * n, first = X[o];
    for (let i = 0; i < n; i++) {
      if (X[o + i] !== 0) allZero = false;
      if (X[o + i] !== first) constant = false;
    }
    if (allZero) throw new Error(`${fn}: column "${names[j]}" is all zeros`);
    if (constant && interceptIdx >= 0) throw new Error(`${fn}: column "${names[j]}" is constant, so it cannot be estimated beside the intercept`);
  }
  const qr = qrDecompose(X, n, k, tol);
  if (qr.rank < k) {
    const bad = qr.pivot[qr.rank];
    // coefficients of the aliased column on the kept ones: R11 c = R12[:, rank]
    const r = qr.rank;
    const c = new Float64Array(r);
    for (let i = r - 1; i >= 0; i--) {
      let s = qr.R[i * k + r];
      for (let j = i + 1; j < r; j++) s -= qr.R[i * k + j] * c[j];
      c[i] = s / qr.R[i * k + i];
    }
    const scale = Math.max(...Array.from(c, Math.abs), 1e-300);
    const parts: number[] = [];
    for (let i = 0; i < r; i++) if (Math.abs(c[i]) > 1e-8 * scale) parts.push(qr.pivot[i]);
    parts.sort((a, b) => a - b);
    const list = parts.map((j) => `"${names[j]}"`).join(", ");
    throw new Error(`${fn}: perfect collinearity: column "${names[bad]}" is a linear combination of ${list}`);
  }
  return qr;
}
