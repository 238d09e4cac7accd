/**
 * Cross-products of a column-major data matrix, the building blocks of least squares.
 * A column-major n × k matrix stores column j at `X[j*n .. j*n+n-1]`.
 */

/**
 * X'X of a column-major n × k matrix.
 *
 * Long name: cross-product (Gram) matrix, R `crossprod(X)`.
 * @param X column-major n × k values
 * @param n rows
 * @param k columns
 * @returns k × k symmetric matrix (row-major, so equally column-major)
 * @throws when X.length !== n*k
 * @example crossprod(new Float64Array([1, 1, 1, 2]), 2, 2) // Float64Array [2, 3, 3, 5]
 */
export function crossprod(X: Float64Array, n: number, k: number): Float64Array {
  if (X.length !== n * k) throw new Error(`crossprod: matrix has ${X.length} values, expected n*k = ${n * k}`);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const oa = a * n;
    for (let b = a; b < k; b++) {
      const ob = b * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += X[oa + i] * X[ob + i];
      out[a * k + b] = s;
      out[b * k + a] = s;
    }
  }
  return out;
}

/**
 * X'y of a column-major n × k matrix and a vector of length n.
 * @example crossprodXy(new Float64Array([1, 1, 1, 2]), new Float64Array([3, 4]), 2, 2) // Float64Array [7, 11]
 */
export function crossprodXy(X: Float64Array, y: Float64Array, n: number, k: number): Float64Array {
  if (y.length !== n) throw new Error(`crossprodXy: vector has length ${y.length}, expected ${n}`);
  const out = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const oa = a * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += X[oa + i] * y[i];
    out[a] = s;
  }
  return out;
}

/**
 * X b for column-major n × k X.
 * @example matVecColMajor(new Float64Array([1, 1, 1, 2]), new Float64Array([1, 1]), 2, 2) // Float64Array [2, 3]
 */
export function matVecColMajor(X: Float64Array, b: ArrayLike<number>, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] += X[o + i] * bj;
  }
  return out;
}

/** Dot product of two vectors. @example dot([1, 2], [3, 4]) // 11 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * A B for row-major square/rectangular matrices: a is r × m, b is m × c, result r × c (row-major).
 * @example matMul(new Float64Array([1, 2, 3, 4]), new Float64Array([1, 0, 0, 1]), 2, 2, 2) // Float64Array [1, 2, 3, 4]
 */
export function matMul(a: Float64Array, b: Float64Array, r: number, m: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      const ob = l * c, oo = i * c;
      for (let j = 0; j < c; j++) out[oo + j] += ail * b[ob + j];
    }
  }
  return out;
}
