/**
 * Small sparse-matrix helpers over compressed sparse row (CSR) arrays, the form
 * `SpatialWeights.toCSR()` returns.
 */

/** CSR matrix: row i's entries are colIdx/values[rowPtr[i] .. rowPtr[i+1]). */
export interface CSR {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/**
 * y = A x for a CSR matrix.
 * @example csrMatVec({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]), values: new Float64Array([1, 1]) }, new Float64Array([3, 4])) // Float64Array [4, 3]
 */
export function csrMatVec(A: CSR, x: ArrayLike<number>, out: Float64Array = new Float64Array(A.n)): Float64Array {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * x[colIdx[p]];
    out[i] = s;
  }
  return out;
}

/**
 * A X for a CSR matrix and a column-major n × k matrix X.
 */
export function csrMatMulColMajor(A: CSR, X: Float64Array, k: number): Float64Array {
  const n = A.n;
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    csrMatVec(A, X.subarray(j * n, j * n + n), out.subarray(j * n, j * n + n));
  }
  return out;
}

/**
 * tr(A'A + A A) = Σ_ij a_ij² + Σ_ij a_ij a_ji, the "T" of the LM tests (Anselin 1988).
 * @example traceWtWplusWW({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]), values: new Float64Array([1, 1]) }) // 4
 */
export function traceWtWplusWW(A: CSR): number {
  const { n, rowPtr, colIdx, values } = A;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      const a = values[p];
      s += a * a;
      // a_ji by binary search in row j (columns are sorted)
      let lo = rowPtr[j], hi = rowPtr[j + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = colIdx[mid];
        if (c === i) { s += a * values[mid]; break; }
        if (c < i) lo = mid + 1; else hi = mid - 1;
      }
    }
  }
  return s;
}

/** Dense row-major copy of a CSR matrix. */
export function csrToDense(A: CSR): Float64Array {
  const n = A.n;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) out[i * n + A.colIdx[p]] = A.values[p];
  return out;
}
