import type { CSR } from "../linalg/csr";
import { csrToDense } from "../linalg/csr";
import { weightsEigenvalues, logdetFromEigenvalues, similarityScaling, type WeightsSpectrum } from "./weightsEigenvalues";
import { choleskySymbolic, type CholeskySymbolic } from "../linalg/sparseCholesky";
import { supernodalSymbolic, supernodalNumeric, supernodalLogDeterminant, supernodalSolve, type SupernodalFactor, type SupernodalSymbolic } from "../linalg/supernodalCholesky";
import { symmetricLanczosExtremes } from "../linalg/lanczos";
import { chebyshevLogdet } from "./chebyshevLogdet";
import { monteCarloLogdet, hutchinsonInverseTraces } from "./monteCarloLogdet";
import { sparseInverseTraces, SPARSE_TRACE_PROBES, type InverseTraces } from "./traces";
import { sparseLUSymbolic, sparseLUNumeric, sparseLUSolve, type SparseLUFactor } from "../linalg/sparseLU";
import { luExactTraces, luHutchinsonTraces } from "./luTraces";

/** Methods for ln|I − ρW|. */
export type LogdetMethod = "auto" | "eigen" | "dense" | "sparse" | "lu" | "chebyshev" | "mc";

/** Settings of the approximate methods ("chebyshev", "mc"); ignored by the exact ones. */
export interface LogdetOptions {
  /** "chebyshev": polynomial order q (default 5, spatialreg `cheb_q`). */
  order?: number;
  /** "chebyshev": Rademacher probes for traces too costly to form exactly (default 50); also the probes of `inverseTraces` (default 50). */
  probes?: number;
  /** "mc": number of normal draws p (default 16, spatialreg `MC_p`). */
  draws?: number;
  /** "mc": length m of the power series (default 30, spatialreg `MC_m`). */
  terms?: number;
  /** "mc": orders with exact traces tr(W^k) (default 2). */
  exactOrders?: number;
  /** Seed of all random draws (lib/random `rng`; default 1). */
  seed?: number;
  /** Most stored non-zeros of the sparse matrix powers used for exact traces (default 4,000,000). */
  maxTraceEntries?: number;
  /**
   * "sparse": largest n with exact traces for the standard errors (selected inverse; default
   * `SPARSE_EXACT_TRACES_MAX_N`); above it Hutchinson estimates from the factor (`probes`, default
   * `SPARSE_TRACE_PROBES`; `seed`), reported with their standard errors. Infinity forces exact traces.
   */
  exactTracesMaxN?: number;
}

/** A method name together with its settings, e.g. `{ method: "chebyshev", order: 8 }`. */
export interface LogdetSpec extends LogdetOptions { method: LogdetMethod }

/** Largest n for which `auto` uses the exact eigenvalue method. */
export const AUTO_EIGEN_MAX_N = 1000;

/**
 * Largest n for which `auto` uses the exact eigenvalue method when W is not similar to a symmetric matrix
 * (general Hessenberg QR, O(n³): 24.9 CPU s at n = 1,000 on the shared 2-core machine, so about 1.6 s at 400);
 * above it `auto` uses "chebyshev".
 */
export const AUTO_GENERAL_EIGEN_MAX_N = 400;

/**
 * Largest n for which the "lu" method gives exact traces of B = (I − ρW)⁻¹W for the standard errors (2n solves
 * with the factor: about 1 s at n = 2,000, kNN with k = 6); above it Hutchinson estimates from solves with the
 * factor (`luHutchinsonTraces`; `probes`, `seed`), as spatialreg's "LU" method switches from the dense inverse to a finite-difference Hessian
 * at n = 1,500 (`small`).
 */
export const LU_EXACT_TRACES_MAX_N = 2000;

/** Search interval of the approximate methods and of "lu", as spatialreg's default for "Chebyshev", "MC" and "LU". */
export const APPROXIMATE_LOGDET_INTERVAL: [number, number] = [-1, 0.999];

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
  /**
   * Sparse-method details: the symmetric similarity scaling d (W = D⁻¹C) and the factor size.
   * Approximate methods: `order` (chebyshev), `draws`/`terms` (mc), `traces` used, `exactOrders` (traces of
   * order ≤ this are exact), `probes` / `seed` of the random parts, `traceSource`, and for "mc" the Monte
   * Carlo `standardError(ρ)` and series `truncationBound(ρ)`.
   */
  details?: {
    nnzL?: number; scaling?: Float64Array | null; symbolic?: CholeskySymbolic;
    /** Sparse: the supernodal analysis (ordering, supernodes) every factorization reuses. */
    supernodal?: SupernodalSymbolic;
    order?: number; draws?: number; terms?: number; traces?: Float64Array; exactOrders?: number; probes?: number; seed?: number;
    traceSource?: "exact" | "exact+hutchinson" | "exact+monte-carlo";
    standardError?(rho: number): number;
    truncationBound?(rho: number): number;
  };
  /**
   * Approximate methods only: Hutchinson estimates of tr(B), tr(B²), tr(B'B), B = (I − ρW)⁻¹W, from sparse
   * products (Neumann series), for standard errors without the dense inverse that `inverseTraces` uses for
   * weights not similar to symmetric. (spatialLag / spatialError do not call it yet; see the report.)
   */
  inverseTraces?(rho: number): InverseTraces;
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

/** The first row of W whose absolute row sum exceeds 1 (1-based) and that sum, or null when all are at most 1. */
function rowSumAboveOne(W: CSR): { row: number; sum: number } | null {
  for (let i = 0; i < W.n; i++) {
    let s = 0;
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) s += Math.abs(W.values[p]);
    if (s > 1 + 1e-10) return { row: i + 1, sum: s };
  }
  return null;
}

/**
 * Check that every absolute row sum of W is at most 1 (then every eigenvalue has modulus ≤ 1), as the
 * approximate methods need.
 */
function checkSpectralRadius(W: CSR, method: string, fn: string): void {
  const bad = rowSumAboveOne(W);
  if (bad) {
    throw new Error(`${fn}: logdet "${method}" needs weights with eigenvalues in [-1, 1] (absolute row sums at most 1, e.g. row-standardized style "W"); row ${bad.row} sums to ${bad.sum}`);
  }
}

/**
 * Build a log-determinant evaluator for weights W.
 *
 * Long name: Jacobian term ln|I − ρW| of spatial ML models.
 * - "eigen": all eigenvalues once (Ord 1975), then Σ ln|1 − ρλ| — exact; O(n³) set-up (symmetric
 *   tridiagonal QL when W is similar to symmetric), O(n) per evaluation.
 * - "dense": LU of the dense I − ρW at each evaluation — exact brute force, O(n³) per evaluation (tests only).
 * - "sparse": sparse Cholesky of I − ρS, S = D^½ W D^-½ symmetric (needs W = D⁻¹C with C symmetric,
 *   e.g. row-standardized symmetric contiguity); exact. Supernodal factorization (`supernodalCholesky` in
 *   lib/linalg) with minimum degree for n ≤ 2,000 and nested dissection above (a 1000 × 1000 rook lattice:
 *   43 million non-zeros in L, about 7 s per factorization on the shared 2-core machine); ordering, analysis
 *   and interval once per weights matrix (kept by CSR object while its arrays are unchanged, so models fitted on
 *   one SpatialWeights share them), one numeric factorization per ρ (the last one is cached for `solve` and the traces).
 *   The interval comes from the extreme eigenvalues of S by Lanczos. `inverseTraces` is exact (selected
 *   inverse on the supernodal blocks, with the factor at ρ left for `solve`) for n ≤ `SPARSE_EXACT_TRACES_MAX_N` (40,000) and above it a Hutchinson estimate with
 *   `probes` (64) from blocked solves with the factor, with its standard errors (`exactTracesMaxN` moves the switch).
 * - "lu": sparse LU of I − ρW for weights that are not similar to symmetric (e.g. k-nearest-neighbour), exact, as
 *   spatialreg `method = "LU"`: one symmetric fill-reducing ordering of the pattern of W + W' and one supernodal
 *   analysis (`sparseLU` in lib/linalg), then a numeric LU without pivoting per ρ (stable: with absolute row
 *   sums of W at most 1 and |ρ| < 1, I − ρW is strictly diagonally dominant by rows, which is checked). ρ is
 *   searched on [−1, 0.999] (spatialreg's default for "LU"); `solve` uses the cached factor; `inverseTraces`
 *   is exact (2n solves) for n ≤ {@link LU_EXACT_TRACES_MAX_N} and Hutchinson above (`probes`, default
 *   {@link SPARSE_TRACE_PROBES}, `seed`; see `luHutchinsonTraces`), with their standard errors.
 * - "chebyshev": Pace & LeSage (2004) Chebyshev approximation of order q (`order`, default 5), as spatialreg
 *   `method = "Chebyshev"`; traces tr(T_j(W)) exact from sparse products while they stay small
 *   (`maxTraceEntries`), else Hutchinson estimates (`probes`, `seed`). See `chebyshevLogdet`.
 * - "mc": Barry & Pace (1999) Monte Carlo estimate (`draws` p = 16, `terms` m = 30, `seed`), as spatialreg
 *   `method = "MC"`, with its standard error in `details.standardError`. See `monteCarloLogdet`.
 *   Both approximate methods need eigenvalues of modulus ≤ 1 (checked as absolute row sums ≤ 1), search ρ
 *   on [−1, 0.999] (spatialreg's default for them), and provide no `solve` (callers use a Neumann series).
 * - "auto": when W is similar to symmetric, "eigen" for n ≤ {@link AUTO_EIGEN_MAX_N} (the symmetric
 *   spectrum is cheap there and gives exact traces for impacts) and "sparse" above (exact, sparse Cholesky).
 *   Otherwise (e.g. k-nearest-neighbour weights) "eigen" for n ≤ {@link AUTO_GENERAL_EIGEN_MAX_N} and
 *   "lu" above (exact, as spatialreg's "LU"; the general eigenvalues are a dense O(n³) Hessenberg QR, 24.9 CPU s
 *   at n = 1,000). "lu" needs absolute row sums of W at most 1 and says so otherwise; "eigen" is the exact
 *   alternative for such weights, "chebyshev" / "mc" the approximate ones for row-standardized weights.
 * @param W weights (CSR)
 * @param method method name, or `{ method, ...settings }`
 * @param fn caller name for errors
 * @param options settings of the approximate methods (override those in `method`)
 * @throws `fn: logdet "sparse" needs weights similar to a symmetric matrix (...)`;
 *   `fn: logdet "chebyshev" needs weights with eigenvalues in [-1, 1] (...)`; bad approximation settings
 * @example
 * const W = colGal.standardize("W").toCSR();
 * logDeterminant(W, "eigen").logdet(0.5)                          // -1.6431810724567635 (R determinant: -1.64318107245676)
 * logDeterminant(W, { method: "chebyshev", order: 5 }).logdet(0.5) // -1.6427335683707944 (spatialreg Chebyshev: -1.6427335683708)
 * logDeterminant(W, "mc").logdet(0.5)                             // -1.6852116947433249 (16 draws, seed 1; details.standardError(0.5) gives its error)
 */
export function logDeterminant(W: CSR, method: LogdetMethod | LogdetSpec = "auto", fn = "logDeterminant", options: LogdetOptions = {}): LogDeterminant {
  const n = W.n;
  const spec: LogdetSpec = typeof method === "object" && method !== null ? { ...method, ...options } : { method, ...options };
  let m = spec.method;
  // the similarity scaling found by "auto" is handed to "sparse" (one pass over W instead of two)
  let scaling: Float64Array | null | undefined;
  if (m === "auto") {
    scaling = cachedSparseAnalysis(W)?.d ?? similarityScaling(W);
    const similar = scaling !== null;
    if (similar) m = n <= AUTO_EIGEN_MAX_N ? "eigen" : "sparse";
    else m = n <= AUTO_GENERAL_EIGEN_MAX_N ? "eigen" : "lu";
  }
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
  if (m === "sparse") return sparseLogDeterminant(W, fn, spec, scaling);
  if (m === "lu") return luLogDeterminant(W, fn, spec);
  if (m === "chebyshev" || m === "mc") return approximateLogDeterminant(W, m, spec, fn);
  throw new Error(`${fn}: unknown logdet method ${JSON.stringify(spec.method)} (use "auto", "eigen", "dense", "sparse", "lu", "chebyshev" or "mc")`);
}

function approximateLogDeterminant(W: CSR, m: "chebyshev" | "mc", spec: LogdetSpec, fn: string): LogDeterminant {
  checkSpectralRadius(W, m, fn);
  const n = W.n;
  const seed = spec.seed ?? 1;
  const wrap = <T>(f: () => T): T => {
    try { return f(); } catch (e) { throw new Error(`${fn}: ${(e as Error).message}`); }
  };
  const traceProbes = spec.probes ?? 50;
  const inverseTraces = (rho: number): InverseTraces => hutchinsonInverseTraces(W, rho, { probes: traceProbes, seed, fn });
  if (m === "chebyshev") {
    const ch = wrap(() => chebyshevLogdet(W, { order: spec.order, probes: spec.probes, seed, maxTraceEntries: spec.maxTraceEntries }));
    return {
      method: "chebyshev", n, interval: [...APPROXIMATE_LOGDET_INTERVAL], spectrum: null,
      logdet: ch.logdet,
      details: { order: ch.order, traces: ch.traces, exactOrders: ch.exactOrders, probes: ch.probes, seed, traceSource: ch.exactOrders >= ch.order ? "exact" : "exact+hutchinson" },
      inverseTraces,
    };
  }
  const mc = wrap(() => monteCarloLogdet(W, { draws: spec.draws, terms: spec.terms, seed, exactOrders: spec.exactOrders, maxTraceEntries: spec.maxTraceEntries }));
  return {
    method: "mc", n, interval: [...APPROXIMATE_LOGDET_INTERVAL], spectrum: null,
    logdet: mc.logdet,
    details: {
      draws: mc.draws, terms: mc.terms, traces: mc.traces, exactOrders: mc.exactOrders, seed,
      traceSource: mc.exactOrders >= mc.terms ? "exact" : "exact+monte-carlo",
      standardError: mc.standardError, truncationBound: mc.truncationBound,
    },
    inverseTraces,
  };
}

/** What the sparse method derives from W alone: the similarity scaling, S, the ordering and supernodal analysis, the Lanczos extremes. */
interface SparseAnalysis {
  /** Copies of W's arrays the analysis was made from. */
  rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array;
  d: Float64Array; sq: Float64Array; sVals: Float64Array; supernodal: SupernodalSymbolic; min: number; max: number;
}

/**
 * Sparse analyses by CSR object: SpatialWeights caches its CSR, so fitting several models on one weights object
 * orders and analyses it once (about 0.17 s at n = 40,000). An entry is used only while W's arrays still equal the
 * copies it keeps, and goes with W (weak keys).
 */
const SPARSE_ANALYSES = new WeakMap<CSR, SparseAnalysis>();

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cachedSparseAnalysis(W: CSR): SparseAnalysis | undefined {
  const a = SPARSE_ANALYSES.get(W);
  if (!a) return undefined;
  if (sameArray(a.rowPtr, W.rowPtr) && sameArray(a.colIdx, W.colIdx) && sameArray(a.values, W.values)) return a;
  SPARSE_ANALYSES.delete(W);
  return undefined;
}

function sparseAnalysis(W: CSR, fn: string, scaling?: Float64Array | null): SparseAnalysis {
  const cached = cachedSparseAnalysis(W);
  if (cached) return cached;
  const n = W.n;
  const d = scaling === undefined ? similarityScaling(W) : scaling;
  if (!d) {
    throw new Error(`${fn}: logdet "sparse" needs weights similar to a symmetric matrix (W = D⁻¹C with C symmetric, e.g. row-standardized symmetric contiguity); use logdet "eigen" for these weights`);
  }
  const sq = Float64Array.from(d, Math.sqrt);
  // S values aligned with W's CSR entries
  const sVals = new Float64Array(W.values.length);
  for (let i = 0; i < n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) sVals[p] = (sq[i] * W.values[p]) / sq[W.colIdx[p]];
  const supernodal = supernodalSymbolic({ n, rowPtr: W.rowPtr, colIdx: W.colIdx });
  const { min, max } = symmetricLanczosExtremes(W.rowPtr, W.colIdx, sVals, n);
  const a: SparseAnalysis = { rowPtr: Int32Array.from(W.rowPtr), colIdx: Int32Array.from(W.colIdx), values: Float64Array.from(W.values), d, sq, sVals, supernodal, min, max };
  SPARSE_ANALYSES.set(W, a);
  return a;
}

function sparseLogDeterminant(W: CSR, fn: string, spec: LogdetOptions = {}, scaling?: Float64Array | null): LogDeterminant {
  const n = W.n;
  const { d, sq, sVals, supernodal, min, max } = sparseAnalysis(W, fn, scaling);
  const pattern = { n, rowPtr: W.rowPtr, colIdx: W.colIdx };
  const ones = new Float64Array(n).fill(1);
  const off = new Float64Array(sVals.length);
  let work: SupernodalFactor | undefined;
  let workRho = NaN;
  const factor = (rho: number): SupernodalFactor | null => {
    if (work && rho === workRho) return work;
    for (let p = 0; p < off.length; p++) off[p] = -rho * sVals[p];
    const L = supernodalNumeric(supernodal, ones, off, work);
    if (L) { work = L; workRho = rho; } else workRho = NaN;
    return L;
  };
  // an up-looking analysis with the same ordering, built only when asked for (details.symbolic, for inverseTraces)
  let upLooking: CholeskySymbolic | undefined;
  const getUpLooking = () => (upLooking ??= choleskySymbolic(pattern, supernodal.perm));
  const logdet = (rho: number) => { const L = factor(rho); return L ? supernodalLogDeterminant(L) : -Infinity; };
  const details: NonNullable<LogDeterminant["details"]> = { nnzL: supernodal.nnzL, scaling: Float64Array.from(d), supernodal };
  Object.defineProperty(details, "symbolic", { get: getUpLooking, enumerable: false });
  return {
    method: "sparse", n,
    interval: [1 / min, 1 / max],
    spectrum: null,
    logdet,
    solve: (rho, b) => {
      // (I − ρW) = D^-½ (I − ρS) D^½  ⇒  x = D^-½ (I − ρS)⁻¹ D^½ b
      const L = factor(rho);
      if (!L) throw new Error(`${fn}: I − ρW is not positive definite at ρ = ${rho}`);
      const bb = new Float64Array(n);
      for (let i = 0; i < n; i++) bb[i] = sq[i] * b[i];
      const z = supernodalSolve(L, bb);
      for (let i = 0; i < n; i++) z[i] /= sq[i];
      return z;
    },
    details,
    inverseTraces: (rho) => sparseInverseTraces(W, rho, { sVals, scaling: d, factor, supernodal, fn, work: () => work, adopt: (r, L) => { if (L) { work = L; workRho = r; } else workRho = NaN; }, exactMaxN: spec.exactTracesMaxN, probes: spec.probes, seed: spec.seed }),
  };
}

function luLogDeterminant(W: CSR, fn: string, spec: LogdetOptions): LogDeterminant {
  const n = W.n;
  const bad = rowSumAboveOne(W);
  if (bad) {
    throw new Error(`${fn}: logdet "lu" needs weights with absolute row sums at most 1 (e.g. row-standardized style "W"), so that I − rho W is diagonally dominant for |rho| < 1; row ${bad.row} sums to ${bad.sum} (use logdet "eigen" for these weights)`);
  }
  const sym = sparseLUSymbolic(W);
  const ones = new Float64Array(n).fill(1);
  let work: SparseLUFactor | undefined;
  let workRho = NaN;
  const factor = (rho: number): SparseLUFactor | null => {
    if (work && rho === workRho) return work;
    if (!(Math.abs(rho) < 1)) return null;
    const F = sparseLUNumeric(sym, W.values, { addDiagonal: ones, scale: -rho, work });
    if (F) { work = F; workRho = rho; } else workRho = NaN;
    return F;
  };
  const need = (rho: number): SparseLUFactor => {
    const F = factor(rho);
    if (!F) throw new Error(`${fn}: logdet "lu" needs |rho| < 1 (I − rho W diagonally dominant), got rho = ${rho}`);
    return F;
  };
  const probes = spec.probes ?? SPARSE_TRACE_PROBES;
  const seed = spec.seed ?? 1;
  return {
    method: "lu", n,
    interval: [...APPROXIMATE_LOGDET_INTERVAL],
    spectrum: null,
    logdet: (rho) => {
      const F = factor(rho);
      return F && F.sign > 0 ? F.logAbsDeterminant : -Infinity;
    },
    solve: (rho, b) => sparseLUSolve(need(rho), b),
    details: { nnzL: sym.supernodal.nnzL, supernodal: sym.supernodal, probes, seed },
    inverseTraces: (rho) => {
      const F = need(rho);
      return n > (spec.exactTracesMaxN ?? LU_EXACT_TRACES_MAX_N) ? luHutchinsonTraces(W, F, rho, { probes, seed, logdet: (r) => need(r).logAbsDeterminant }) : luExactTraces(W, F);
    },
  };
}
