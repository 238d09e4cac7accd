/**
 * Small numeric pieces the spatial panel estimators share (spatialPanel, spatialPanelRE): the spatial lag of a
 * stacked panel vector period by period, and a dot product.
 */

/** Sparse weights in CSR form, as `SpatialWeights.toCSR()` returns them. */
export interface PeriodLagCSR { rowPtr: ArrayLike<number>; colIdx: ArrayLike<number>; values: ArrayLike<number> }

/**
 * (I_T ⊗ W) v for a vector stacked period by period (rows t·N … t·N + N − 1 are period t).
 * @example lagByPeriod({ rowPtr: [0, 1, 2], colIdx: [1, 0], values: [1, 1] }, Float64Array.from([1, 2, 3, 4]), 2, 2) // Float64Array [2, 1, 4, 3]
 */
export function lagByPeriod(csr: PeriodLagCSR, v: Float64Array, N: number, T: number): Float64Array {
  const { rowPtr, colIdx, values } = csr;
  const out = new Float64Array(N * T);
  for (let t = 0; t < T; t++) {
    const o = t * N;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * v[o + colIdx[p]];
      out[o + i] = s;
    }
  }
  return out;
}

/** Σ a_i b_i. @example dotv(Float64Array.from([1, 2]), Float64Array.from([3, 4])) // 11 */
export function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
