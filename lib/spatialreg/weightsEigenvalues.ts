import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { CSR } from "../linalg/csr";
import { csrToDense } from "../linalg/csr";
import { symmetricEigenvalues } from "../linalg/symmetricEigenvalues";
import { bandSymmetricEigenvalues, bandwidth, reverseCuthillMcKee } from "../linalg/bandEigenvalues";

/** Eigenvalues of a weights matrix; `imag` is null when all are real. */
export interface WeightsSpectrum {
  real: Float64Array;
  imag: Float64Array | null;
  /** "symmetric" (W symmetric), "similar" (W = D⁻¹C with C symmetric, solved as D^½ W D^-½), "general". */
  kind: "symmetric" | "similar" | "general";
  /** "band" (RCM band + Givens reduction), "dense" (Householder) or "general" (Hessenberg QR). */
  algorithm: "band" | "dense" | "general";
  /** Half-bandwidth after reverse Cuthill–McKee ordering (symmetric/similar cases). */
  bandwidth?: number;
}

/**
 * Find positive d with d_i w_ij = d_j w_ji for every link (W = D⁻¹C, C symmetric), or null.
 * For row-standardized symmetric contiguity d_i is the number of neighbours (up to scale).
 */
export function similarityScaling(A: CSR): Float64Array | null {
  const { n, rowPtr, colIdx, values } = A;
  const find = (i: number, j: number): number => {
    let lo = rowPtr[i], hi = rowPtr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = colIdx[mid];
      if (c === j) return values[mid];
      if (c < j) lo = mid + 1; else hi = mid - 1;
    }
    return 0;
  };
  const d = new Float64Array(n);
  const queue = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (d[root] !== 0) continue;
    d[root] = 1;
    let head = 0, tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const i = queue[head++];
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        const j = colIdx[p];
        const wij = values[p];
        const wji = find(j, i);
        if (wij === 0 && wji === 0) continue;
        if (wij <= 0 || wji <= 0) return null; // structurally asymmetric or negative weights
        const dj = (d[i] * wij) / wji;
        if (d[j] === 0) { d[j] = dj; queue[tail++] = j; }
        else if (Math.abs(d[j] - dj) > 1e-10 * Math.max(d[j], dj)) return null;
      }
    }
  }
  return d;
}

/**
 * All eigenvalues of a spatial weights matrix.
 *
 * Long name: spectrum of W for the exact log-determinant (Ord 1975).
 * When W is symmetric, or similar to a symmetric matrix (W = D⁻¹C with C symmetric, the case of
 * row-standardized symmetric contiguity or distance weights), the eigenvalues are those of the
 * symmetric S = D^½ W D^-½ and are real; S is reordered by reverse Cuthill–McKee and, when its band is
 * narrow (6b < (2/3)n, typical of contiguity), reduced to tridiagonal form by Givens rotations in O(b n²)
 * flops; otherwise by dense Householder reduction (O(n³)); then implicit QL.
 * Otherwise the general (Hessenberg QR) solver of ml-matrix is used and eigenvalues may be complex.
 * @param A the weights in CSR form
 * @throws when the QL/QR iteration fails to converge
 * @example weightsEigenvalues(new SpatialWeights(["a","b"], [[1],[0]]).standardize("W").toCSR()).real // Float64Array [-0.9999999999999998, 0.9999999999999998]
 */
export function weightsEigenvalues(A: CSR): WeightsSpectrum {
  const n = A.n;
  const d = similarityScaling(A);
  if (d) {
    let symmetric = true;
    const sVals = new Float64Array(A.values.length);
    for (let i = 0; i < n; i++) {
      const si = Math.sqrt(d[i]);
      for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
        const j = A.colIdx[p];
        sVals[p] = (si * A.values[p]) / Math.sqrt(d[j]);
        if (d[i] !== d[j]) symmetric = false;
      }
    }
    const kind = symmetric ? "symmetric" : "similar";
    const pattern = { n, rowPtr: A.rowPtr, colIdx: A.colIdx };
    const perm = reverseCuthillMcKee(pattern);
    const b = bandwidth(pattern, perm);
    // band reduction costs about 6·b·n² flops against (4/3)·n³ for the dense Householder reduction
    if (n > 200 && 6 * b < (4 / 3) * n / 2) {
      const r = bandSymmetricEigenvalues(n, A.rowPtr, A.colIdx, sVals, perm);
      return { real: r.values, imag: null, kind, algorithm: "band", bandwidth: b };
    }
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) S[i * n + A.colIdx[p]] = sVals[p];
    return { real: symmetricEigenvalues(S, n), imag: null, kind, algorithm: "dense", bandwidth: b };
  }
  const dense = csrToDense(A);
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(dense.subarray(i * n, i * n + n));
  const ed = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: false });
  const re = Float64Array.from(ed.realEigenvalues);
  const im = Float64Array.from(ed.imaginaryEigenvalues);
  const anyComplex = im.some((v) => Math.abs(v) > 0);
  return { real: re, imag: anyComplex ? im : null, kind: "general", algorithm: "general" };
}

/**
 * ln|I − ρW| from the eigenvalues: Σ ln|1 − ρλ| (complex pairs contribute ½ ln((1 − ρ Re λ)² + (ρ Im λ)²)).
 * @example logdetFromEigenvalues({ real: new Float64Array([-1, 1]), imag: null, kind: "symmetric", algorithm: "dense" }, 0.5) // ln(1.5 · 0.5) = -0.2876820724517809
 */
export function logdetFromEigenvalues(spec: WeightsSpectrum, rho: number): number {
  const { real, imag } = spec;
  let s = 0;
  if (imag === null) {
    for (let i = 0; i < real.length; i++) s += Math.log(Math.abs(1 - rho * real[i]));
  } else {
    for (let i = 0; i < real.length; i++) {
      const a = 1 - rho * real[i], b = rho * imag[i];
      s += 0.5 * Math.log(a * a + b * b);
    }
  }
  return s;
}
