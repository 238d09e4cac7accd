/**
 * Test inputs shared by the selected-inverse tests (column-by-column and supernodal): rook contiguity on a
 * grid with scrambled labels, symmetric values on that pattern, and the dense matrices that brute force uses.
 */

/** A CSR pattern (symmetric, no diagonal). */
export interface Pattern { n: number; rowPtr: Int32Array; colIdx: Int32Array }

/** Rook contiguity on an r × c grid whose cells are labelled (i · 37 + 11) mod n (a permutation when gcd(37, n) = 1). */
export function scrambledGrid(r: number, c: number): Pattern {
  const n = r * c;
  const label = Array.from({ length: n }, (_, i) => (i * 37 + 11) % n);
  const nb: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    const a = label[i * c + j];
    if (i + 1 < r) { const b = label[(i + 1) * c + j]; nb[a].push(b); nb[b].push(a); }
    if (j + 1 < c) { const b = label[i * c + j + 1]; nb[a].push(b); nb[b].push(a); }
  }
  const rowPtr = new Int32Array(n + 1);
  nb.forEach((l, i) => { l.sort((x, y) => x - y); rowPtr[i + 1] = rowPtr[i] + l.length; });
  return { n, rowPtr, colIdx: Int32Array.from(nb.flat()) };
}

/** Symmetric off-diagonal values −(0.6 + ((3 min(i, j) + max(i, j)) mod 7) / 10) for the entries of `pat`. */
export function symmetricOffValues(pat: Pattern): Float64Array {
  const out = new Float64Array(pat.colIdx.length);
  for (let i = 0; i < pat.n; i++) for (let p = pat.rowPtr[i]; p < pat.rowPtr[i + 1]; p++) {
    const j = pat.colIdx[p];
    out[p] = -(0.6 + ((Math.min(i, j) * 3 + Math.max(i, j)) % 7) / 10);
  }
  return out;
}

/** The dense n × n matrix (row-major) with diagonal `d` and off-diagonal values `o` on `pat`. */
export function densePattern(pat: Pattern, d: ArrayLike<number>, o: ArrayLike<number>): Float64Array {
  const n = pat.n;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = d[i];
    for (let p = pat.rowPtr[i]; p < pat.rowPtr[i + 1]; p++) A[i * n + pat.colIdx[p]] = o[p];
  }
  return A;
}

/** The dense product A B of two n × n row-major matrices. */
export function denseProduct(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) { const a = A[i * n + k]; if (a !== 0) for (let j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j]; }
  return C;
}
