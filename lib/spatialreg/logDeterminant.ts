import type { CSR } from "../linalg/csr";
import { csrToDense } from "../linalg/csr";
import { weightsEigenvalues, logdetFromEigenvalues, similarityScaling, type WeightsSpectrum } from "./weightsEigenvalues";
import { choleskySymbolic, choleskyNumeric, choleskyLogDeterminant, choleskySolve, type CholeskyFactor, type CholeskySymbolic } from "../linalg/sparseCholesky";
import { symmetricLanczosExtremes } from "./lanczos";

/** Methods for ln|I − ρW|. */
export type LogdetMethod = "auto" | "eigen" | "dense" | "sparse";

/** Largest n for which `auto` uses the exact eigenvalue method. */
export const AUTO_EIGEN_MAX_N = 1000;

/** A log-determinant evaluator with its admissible interval. */
export interface LogDeterminant {
  method: Exclude<LogdetMethod, "auto">;
  n: number;
  /** Interval for ρ: (1/λmin, 1/λmax) — from all eigenvalues (eigen, dense) or extreme ones by Lanczos (sparse). */
  interval: [number, number];
  /** ln|I − ρW|; -Infinity where I − ρW is singular / not positive definite (sparse). */
  logdet(rho: number): number;
  /** Eigenvalues when computed (eigen method), else null. */
  spectrum: WeightsSpectrum | null;
  /** Solve (I − ρW) x = b, when available (sparse, dense). */
  solve?(rho: number, b: ArrayLike<number>): Float64Array;
  /** Sparse-method details: the symmetric similarity scaling d (W = D⁻¹C) and the factor size. */
  details?: { nnzL?: number; scaling?: Float64Array | null; symbolic?: CholeskySymbolic };
}

/**
 * Dense LU log-determinant ln|det A| of a row-major n × n matrix (partial pivoting; brute force for tests).
 * @example denseLogAbsDet(new Float64Array([2, 0, 0, 3]), 2) // ln 6 = 1.791759469228055
 */
export function denseLogAbsDet(A: Float64Array, n: number): number {
  const a = Float64Array.from(A);
  let s = 0;
  for (let c = 0; c < n; c++) {
    let piv = c, best = Math.abs(a[c * n + c]);
    for (let r = c + 1; r < n; r++) { const v = Math.abs(a[r * n + c]); if (v > best) { best = v; piv = r; } }
    if (best === 0) return -Infinity;
    if (piv !== c) for (let j = c; j < n; j++) { const t = a[c * n + j]; a[c * n + j] = a[piv * n + j]; a[piv * n + j] = t; }
    const d = a[c * n + c];
    s += Math.log(Math.abs(d));
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / d;
      if (f === 0) continue;
      for (let j = c + 1; j < n; j++) a[r * n + j] -= f * a[c * n + j];
    }
  }
  return s;
}

function intervalFromSpectrum(spec: WeightsSpectrum): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of spec.real) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [1 / lo, 1 / hi];
}

/**
 * Build a log-determinant evaluator for weights W.
 *
 * Long name: Jacobian term ln|I − ρW| of spatial ML models.
 * - "eigen": all eigenvalues once (Ord 1975), then Σ ln|1 − ρλ| — exact; O(n³) set-up (symmetric
 *   tridiagonal QL when W is similar to symmetric), O(n) per evaluation.
 * - "dense": LU of the dense I − ρW at each evaluation — exact brute force, O(n³) per evaluation (tests only).
 * - "sparse": sparse Cholesky of I − ρS, S = D^½ W D^-½ symmetric (needs W = D⁻¹C with C symmetric,
 *   e.g. row-standardized symmetric contiguity), with a minimum-degree ordering; exact.
 *   The interval comes from the extreme eigenvalues of S by Lanczos.
 * - "auto": "eigen" for n ≤ {@link AUTO_EIGEN_MAX_N} (exact spectrum is cheap there and gives exact
 *   traces for impacts), otherwise "sparse" when W is similar to symmetric, else "eigen".
 * @param W weights (CSR)
 * @param method method name
 * @param fn caller name for errors
 * @throws `fn: logdet "sparse" needs weights similar to a symmetric matrix (...)`
 * @example logDeterminant(colGal.standardize("W").toCSR(), "eigen").logdet(0.5) // -1.6431810724567635 (R determinant: -1.64318107245676)
 */
export function logDeterminant(W: CSR, method: LogdetMethod = "auto", fn = "logDeterminant"): LogDeterminant {
  const n = W.n;
  let m = method;
  if (m === "auto") m = n <= AUTO_EIGEN_MAX_N ? "eigen" : similarityScaling(W) ? "sparse" : "eigen";
  if (m === "eigen") {
    const spectrum = weightsEigenvalues(W);
    return { method: "eigen", n, interval: intervalFromSpectrum(spectrum), logdet: (rho) => logdetFromEigenvalues(spectrum, rho), spectrum };
  }
  if (m === "dense") {
    const Wd = csrToDense(W);
    const spectrum = weightsEigenvalues(W);
    const IminusRhoW = (rho: number) => {
      const A = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) A[i] = -rho * Wd[i];
      for (let i = 0; i < n; i++) A[i * n + i] += 1;
      return A;
    };
    return {
      method: "dense", n, interval: intervalFromSpectrum(spectrum), spectrum,
      logdet: (rho) => denseLogAbsDet(IminusRhoW(rho), n),
    };
  }
  if (m === "sparse") return sparseLogDeterminant(W, fn);
  throw new Error(`${fn}: unknown logdet method ${JSON.stringify(method)} (use "auto", "eigen", "dense" or "sparse")`);
}

function sparseLogDeterminant(W: CSR, fn: string): LogDeterminant {
  const n = W.n;
  const d = similarityScaling(W);
  if (!d) {
    throw new Error(`${fn}: logdet "sparse" needs weights similar to a symmetric matrix (W = D⁻¹C with C symmetric, e.g. row-standardized symmetric contiguity); use logdet "eigen" for these weights`);
  }
  const sq = Float64Array.from(d, Math.sqrt);
  // S values aligned with W's CSR entries
  const sVals = new Float64Array(W.values.length);
  for (let i = 0; i < n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) sVals[p] = (sq[i] * W.values[p]) / sq[W.colIdx[p]];
  const symbolic: CholeskySymbolic = choleskySymbolic({ n, rowPtr: W.rowPtr, colIdx: W.colIdx });
  const ones = new Float64Array(n).fill(1);
  const off = new Float64Array(sVals.length);
  let work: CholeskyFactor | undefined;
  const factor = (rho: number): CholeskyFactor | null => {
    for (let p = 0; p < off.length; p++) off[p] = -rho * sVals[p];
    const L = choleskyNumeric(symbolic, ones, off, work);
    if (L) work = L;
    return L;
  };
  const { min, max } = symmetricLanczosExtremes(W.rowPtr, W.colIdx, sVals, n);
  return {
    method: "sparse", n,
    interval: [1 / min, 1 / max],
    spectrum: null,
    logdet: (rho) => { const L = factor(rho); return L ? choleskyLogDeterminant(L) : -Infinity; },
    solve: (rho, b) => {
      // (I − ρW) = D^-½ (I − ρS) D^½  ⇒  x = D^-½ (I − ρS)⁻¹ D^½ b
      const L = factor(rho);
      if (!L) throw new Error(`${fn}: I − ρW is not positive definite at ρ = ${rho}`);
      const bb = new Float64Array(n);
      for (let i = 0; i < n; i++) bb[i] = sq[i] * b[i];
      const z = choleskySolve(L, bb);
      for (let i = 0; i < n; i++) z[i] /= sq[i];
      return z;
    },
    details: { nnzL: symbolic.nnzL, scaling: d, symbolic },
  };
}
