/**
 * Every trace estimator of lib/spatialreg in one place: tr((I − ρW)⁻¹W), its square and cross-product for the ML
 * standard errors (`inverseTraces`: exact by the selected inverse or dense algebra, Hutchinson above a documented n),
 * tr(W^q) for the impacts' power series (`powerTraces`), and, re-exported from the log-determinant approximations
 * that use them, `hutchinsonInverseTraces` and `exactWeightsTraces`. Every stochastic estimate draws its Rademacher
 * probes from lib/random (`rademacherVector`, seeded).
 */
import { rademacherVector } from "../random/rademacher";
import type { CSR } from "../linalg/csr";
import { csrMatVec, csrToDense } from "../linalg/csr";
import { similarityScaling } from "./weightsEigenvalues";
import { inverseGeneral } from "../linalg/cholesky";
import { choleskySymbolic, choleskyNumeric, type CholeskySymbolic, type CholeskyFactor } from "../linalg/sparseCholesky";
import { choleskyNumericTangent, selectedInverse, factorPosition } from "../linalg/selectedInverse";
import { supernodalSolveBlock, type SupernodalFactor, type SupernodalSymbolic } from "../linalg/supernodalCholesky";
import { supernodalNumericTangent2, supernodalSelectedInverse2, supernodalPosition } from "../linalg/supernodalSelectedInverse";
import { rng } from "../random/rng";

/** Traces of B = (I − ρW)⁻¹W needed by the ML information matrices. */
export interface InverseTraces {
  /** tr(B). */
  trB: number;
  /** tr(B B). */
  trBB: number;
  /** tr(B'B). */
  trBtB: number;
  /** How they were computed. */
  method: "exact-dense" | "exact-sparse" | "hutchinson";
  /** Number of random probes (hutchinson only). */
  probes?: number;
  /** For "exact-sparse": "selected-inverse" (default) or "column-solves" (n solves; the brute-force check). */
  algorithm?: "selected-inverse" | "column-solves";
  /** Hutchinson estimates from the log-determinant's factor: their Monte Carlo standard errors (sample sd / √probes). */
  standardErrors?: { trB: number; trBB: number; trBtB: number };
}

/** Options of {@link inverseTraces}. */
export interface InverseTracesOptions {
  /** Rademacher probes for the Hutchinson estimate (default 200); only with `forceHutchinson`. */
  probes?: number;
  /** Seed of the probes (default 1). */
  seed?: number;
  /** Reuse a symbolic analysis of W's pattern (e.g. the one of the sparse log-determinant). */
  symbolic?: CholeskySymbolic;
  /** Estimate the traces stochastically instead of exactly. */
  forceHutchinson?: boolean;
  /** Exact sparse algorithm: "selected-inverse" (default) or "column-solves" (n blocked solves, slower; brute-force check). */
  exactAlgorithm?: "selected-inverse" | "column-solves";
}

/**
 * Largest n for which the "column-solves" algorithm (n triangular solves) may be requested; above it that
 * request falls back to Hutchinson estimates. The default selected-inverse algorithm is exact at any n.
 */
export const EXACT_TRACES_MAX_N = 10000;

/** Rademacher probe for Hutchinson traces: lib/random's one source, seeded per probe. */
function rademacher(n: number, seed: number): Float64Array {
  return rademacherVector(n, rng(seed >>> 0));
}

/**
 * Traces of B = (I − ρW)⁻¹W: tr(B), tr(B²), tr(B'B) (Ord 1975; Anselin 1988, ch. 6).
 *
 * When W = D⁻¹C with C symmetric, B = D^-½ M D^½ with M = S Z, Z = (I − ρS)⁻¹ symmetric (S = D^½ W D^-½), so
 * tr(B) = tr(S Z), tr(B²) = tr(S Z S Z) = ∂/∂ρ tr(S Z), and tr(B'B) = tr(D⁻¹ M D M) = (tr(D⁻¹ S Z D Z) − tr(B)) / ρ
 * (from Z = I + ρM), where tr(D⁻¹ S Z D Z) = ∂/∂t tr(D⁻¹ S (I − ρS − tD)⁻¹) at t = 0. Every trace is a sum over
 * the pattern of S of entries of Z or of their derivatives, so the default algorithm takes them from the
 * selected inverse of the sparse Cholesky factor of I − ρS, differentiated in forward mode along ρ and t
 * (`selectedInverse` in lib/linalg): exact, at the cost of a few factorizations, for any n. (At ρ = 0,
 * tr(B'B) = Σ W_ij² directly.) `exactAlgorithm: "column-solves"` instead forms all columns of M by n
 * triangular solves (the brute-force check; n ≤ {@link EXACT_TRACES_MAX_N}); `forceHutchinson` gives
 * Hutchinson's estimator with `probes` Rademacher vectors (stochastic; seeded). Other W: dense inverse (exact, O(n³)).
 * @param W weights (CSR)
 * @param rho spatial parameter
 * @param options `probes` (default 200), `seed` (default 1), `symbolic` to reuse an analysis, `forceHutchinson`, `exactAlgorithm`
 * @throws when I − ρW is singular
 * @example inverseTraces(colGal.standardize("W").toCSR(), 0.5) // { trB: 7.522426960132037, trBB: 23.224891750097164, trBtB: 26.574377996847765, method: "exact-sparse", algorithm: "selected-inverse" }
 */
export function inverseTraces(W: CSR, rho: number, options: InverseTracesOptions = {}): InverseTraces {
  const n = W.n;
  const d = similarityScaling(W);
  if (!d) {
    const Wd = csrToDense(W);
    const IA = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) IA[i] = -rho * Wd[i];
    for (let i = 0; i < n; i++) IA[i * n + i] += 1;
    const A = inverseGeneral(IA, n, "inverseTraces");
    // B = A W
    const B = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < n; l++) {
        const a = A[i * n + l];
        if (a === 0) continue;
        for (let p = W.rowPtr[l]; p < W.rowPtr[l + 1]; p++) B[i * n + W.colIdx[p]] += a * W.values[p];
      }
    }
    let trB = 0, trBB = 0, trBtB = 0;
    for (let i = 0; i < n; i++) {
      trB += B[i * n + i];
      for (let j = 0; j < n; j++) { trBB += B[i * n + j] * B[j * n + i]; trBtB += B[i * n + j] * B[i * n + j]; }
    }
    return { trB, trBB, trBtB, method: "exact-dense" };
  }
  const sq = Float64Array.from(d, Math.sqrt);
  const sVals = new Float64Array(W.values.length);
  for (let i = 0; i < n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) sVals[p] = (sq[i] * W.values[p]) / sq[W.colIdx[p]];
  const S: CSR = { n, rowPtr: W.rowPtr, colIdx: W.colIdx, values: sVals };
  const sym = options.symbolic ?? choleskySymbolic({ n, rowPtr: W.rowPtr, colIdx: W.colIdx });
  const off = Float64Array.from(sVals, (v) => -rho * v);
  const columnSolves = options.exactAlgorithm === "column-solves" && n <= EXACT_TRACES_MAX_N;
  if (!options.forceHutchinson && !columnSolves) return selectedInverseTraces(W, rho, sVals, d, sym, off);
  const L = choleskyNumeric(sym, new Float64Array(n).fill(1), off);
  if (!L) throw new Error(`inverseTraces: I − ρW is not positive definite at ρ = ${rho}`);
  if (columnSolves) return exactSparseTraces(W, sVals, d, sym, L);
  const probes = options.probes ?? 200;
  let trB = 0, trBB = 0, trBtB = 0;
  const { perm, lColPtr } = sym;
  const X = new Float64Array(n * 8);
  const Sz = new Float64Array(n), Dz = new Float64Array(n), SDz = new Float64Array(n);
  const zs: Float64Array[] = [];
  for (let r0 = 0; r0 < probes; r0 += 4) {
    const nb = Math.min(4, probes - r0);
    X.fill(0);
    zs.length = 0;
    for (let q = 0; q < nb; q++) {
      const z = rademacher(n, (options.seed ?? 1) * 7919 + r0 + q + 1);
      zs.push(z);
      csrMatVec(S, z, Sz);
      for (let i = 0; i < n; i++) Dz[i] = z[i] * d[i];
      csrMatVec(S, Dz, SDz);
      for (let k = 0; k < n; k++) { X[k * 8 + 2 * q] = Sz[perm[k]]; X[k * 8 + 2 * q + 1] = SDz[perm[k]]; }
    }
    solveBlock8(lColPtr, L.Li, L.Lx, n, X, 0, 0);
    for (let q = 0; q < nb; q++) {
      const z = zs[q];
      // Mz and M D z in permuted order; tr(M) ≈ z'Mz, tr(M²) ≈ |Mz|², tr(M D⁻¹ M D) ≈ (Mz)' D⁻¹ (M D z)
      let a = 0, b = 0, c = 0;
      for (let k = 0; k < n; k++) {
        const o = perm[k];
        const mz = X[k * 8 + 2 * q], mdz = X[k * 8 + 2 * q + 1];
        a += z[o] * mz; b += mz * mz; c += (mz * mdz) / d[o];
      }
      trB += a; trBB += b; trBtB += c;
    }
  }
  return { trB: trB / probes, trBB: trBB / probes, trBtB: trBtB / probes, method: "hutchinson", probes };
}

/**
 * Exact traces from the selected inverse of I − ρS and its derivatives along ρ (direction −S) and along a
 * diagonal shift −tD (see {@link inverseTraces}).
 */
function selectedInverseTraces(W: CSR, rho: number, sVals: Float64Array, d: Float64Array, sym: CholeskySymbolic, off: Float64Array): InverseTraces {
  const n = W.n;
  const ones = new Float64Array(n).fill(1);
  const dirRho = { offValues: Float64Array.from(sVals, (v) => -v) };
  const dirD = { diagonal: Float64Array.from(d, (v) => -v) };
  const L = choleskyNumericTangent(sym, ones, off, [dirRho, dirD]);
  if (!L) throw new Error(`inverseTraces: I − ρW is not positive definite at ρ = ${rho}`);
  const { Zx, dZx } = selectedInverse(L);
  // the two derivatives are interleaved in dZx
  const t = selectedInverseSums(W, rho, sVals, d, sym.invPerm, (a, b) => factorPosition(L, a, b), Zx, { values: dZx, stride: 2, offset: 0 }, { values: dZx, stride: 2, offset: 1 });
  return { ...t, method: "exact-sparse", algorithm: "selected-inverse" };
}

/** Where a derivative of the selected inverse keeps the entry at factor position `pos`: `values[stride · pos + offset]`. */
interface Strided { values: Float64Array; stride: number; offset: number }

/**
 * tr(B), tr(B²), tr(B'B) from the selected inverse Z of I − ρS on the pattern of W and its derivatives along −S
 * (dZa) and along −D (dZb): each off-diagonal entry of W contributes at its factor position (`position(row, column)`
 * of the permuted pair, row > column). Shared by the column-by-column and the supernodal selected inverse.
 */
function selectedInverseSums(
  W: CSR, rho: number, sVals: Float64Array, d: Float64Array, invPerm: Int32Array,
  position: (row: number, column: number) => number, Z: Float64Array, dZa: Strided, dZb: Strided,
): { trB: number; trBB: number; trBtB: number } {
  const n = W.n;
  const { values: A, stride: sa, offset: oa } = dZa;
  const { values: Bv, stride: sb, offset: ob } = dZb;
  let trB = 0, trBB = 0, tG = 0, trWtW = 0;
  for (let i = 0; i < n; i++) {
    const pi = invPerm[i];
    const invDi = 1 / d[i];
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) {
      const j = W.colIdx[p];
      if (j === i) continue; // the factor ignores diagonal entries of W
      const pj = invPerm[j];
      const pos = pi > pj ? position(pi, pj) : position(pj, pi);
      const s = sVals[p];
      trB += s * Z[pos];
      trBB += s * A[sa * pos + oa];
      tG += s * invDi * Bv[sb * pos + ob];
      trWtW += W.values[p] * W.values[p];
    }
  }
  return { trB, trBB, trBtB: rho === 0 ? trWtW : (tG - trB) / rho };
}

/**
 * {@link selectedInverseTraces} on the dense blocks of the log-determinant's supernodal analysis (same ordering,
 * the relaxed supernodal pattern): the tangent factorization and the selected inverse run as block products
 * (`supernodalSelectedInverse` in lib/linalg), several times faster than the column-by-column recurrence.
 */
function supernodalSelectedInverseTraces(W: CSR, rho: number, sVals: Float64Array, d: Float64Array, ctx: SparseTraceContext): InverseTraces {
  const n = W.n;
  const sym = ctx.supernodal;
  const ones = new Float64Array(n).fill(1);
  const off = Float64Array.from(sVals, (v) => -rho * v);
  // the values reuse the log-determinant's factor storage and are that factor at ρ (bit for bit), handed back to it
  const F = supernodalNumericTangent2(sym, ones, off, { offValues: Float64Array.from(sVals, (v) => -v) }, { diagonal: Float64Array.from(d, (v) => -v) }, ctx.work?.());
  ctx.adopt?.(rho, F ? { symbolic: sym, Lx: F.Lx } : null);
  if (!F) throw new Error(`${ctx.fn}: I − ρW is not positive definite at ρ = ${rho}`);
  const { Zx, dZa, dZb } = supernodalSelectedInverse2(F);
  const { trB, trBB, trBtB } = selectedInverseSums(W, rho, sVals, d, sym.invPerm, (a, b) => supernodalPosition(sym, a, b), Zx, { values: dZa, stride: 1, offset: 0 }, { values: dZb, stride: 1, offset: 0 });
  return { trB, trBB, trBtB, method: "exact-sparse", algorithm: "selected-inverse" };
}

/**
 * Exact traces from all columns of M = (I − ρS)⁻¹S, in the permuted coordinates of the factor,
 * solving blocks of 8 right-hand sides at once (each entry of L is read once per block).
 */
function exactSparseTraces(W: CSR, sVals: Float64Array, d: Float64Array, sym: CholeskySymbolic, L: CholeskyFactor): InverseTraces {
  const n = W.n;
  const { perm, invPerm, lColPtr } = sym;
  const { Li, Lx } = L;
  const m = 8; // block width; the solves below are unrolled for exactly 8
  const X = new Float64Array(n * m);
  const dp = Float64Array.from(perm, (o) => d[o]);
  const invDp = Float64Array.from(dp, (v) => 1 / v);
  let trB = 0, trBB = 0, trBtB = 0;
  for (let b0 = 0; b0 < n; b0 += m) {
    const mb = Math.min(m, n - b0);
    X.fill(0);
    let first = n;
    for (let r = 0; r < mb; r++) {
      const o = perm[b0 + r];
      for (let p = W.rowPtr[o]; p < W.rowPtr[o + 1]; p++) {
        const i = invPerm[W.colIdx[p]];
        X[i * m + r] = sVals[p]; // S symmetric: column o of S = row o
        if (i < first) first = i;
      }
    }
    solveBlock8(lColPtr, Li, Lx, n, X, first, b0);
    for (let r = 0; r < mb; r++) {
      const b = b0 + r;
      const mbb = X[b * m + r];
      trB += mbb;
      let sq = 0, wsq = 0, wsq2 = 0;
      for (let i = b + 1; i < n; i++) { const v = X[i * m + r]; const v2 = v * v; sq += v2; wsq += v2 * invDp[i]; wsq2 += v2 * dp[i]; }
      // Σ_ij M_ij² w_ij over the whole matrix from the lower part: M_bb² + Σ_{i>b} M_ib² (w_ib + w_bi)
      trBB += mbb * mbb + 2 * sq;
      trBtB += mbb * mbb + wsq * dp[b] + wsq2 * invDp[b];
    }
  }
  return { trB, trBB, trBtB, method: "exact-sparse", algorithm: "column-solves" };
}

/**
 * Solve L L' X = B in place for 8 right-hand sides stored interleaved (X[i*8 + r]), in the factor's
 * permuted coordinates; the forward sweep starts at row `first` (rows above are zero), the backward
 * sweep stops at row `stopAt` (rows below it are then exact; rows above are not computed).
 */
function solveBlock8(lColPtr: Int32Array, Li: Int32Array, Lx: Float64Array, n: number, X: Float64Array, first: number, stopAt: number): void {
  const b0 = stopAt;
  // forward: L y = rhs (8 right-hand sides unrolled into locals)
  for (let j = first; j < n; j++) {
    const djInv = 1 / Lx[lColPtr[j]];
    const oj = j * 8;
    const x0 = X[oj] * djInv, x1 = X[oj + 1] * djInv, x2 = X[oj + 2] * djInv, x3 = X[oj + 3] * djInv;
    const x4 = X[oj + 4] * djInv, x5 = X[oj + 5] * djInv, x6 = X[oj + 6] * djInv, x7 = X[oj + 7] * djInv;
    X[oj] = x0; X[oj + 1] = x1; X[oj + 2] = x2; X[oj + 3] = x3; X[oj + 4] = x4; X[oj + 5] = x5; X[oj + 6] = x6; X[oj + 7] = x7;
    if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0 && x4 === 0 && x5 === 0 && x6 === 0 && x7 === 0) continue;
    for (let p = lColPtr[j] + 1, end = lColPtr[j + 1]; p < end; p++) {
      const oi = Li[p] * 8;
      const l = Lx[p];
      X[oi] -= l * x0; X[oi + 1] -= l * x1; X[oi + 2] -= l * x2; X[oi + 3] -= l * x3;
      X[oi + 4] -= l * x4; X[oi + 5] -= l * x5; X[oi + 6] -= l * x6; X[oi + 7] -= l * x7;
    }
  }
  // backward: L' x = y, only rows >= b0 (they depend on rows below them only); M is symmetric, so the
  // entries on or below the diagonal of each column are all the traces need
  for (let j = n - 1; j >= b0; j--) {
    const oj = j * 8;
    let a0 = X[oj], a1 = X[oj + 1], a2 = X[oj + 2], a3 = X[oj + 3], a4 = X[oj + 4], a5 = X[oj + 5], a6 = X[oj + 6], a7 = X[oj + 7];
    for (let p = lColPtr[j] + 1, end = lColPtr[j + 1]; p < end; p++) {
      const oi = Li[p] * 8;
      const l = Lx[p];
      a0 -= l * X[oi]; a1 -= l * X[oi + 1]; a2 -= l * X[oi + 2]; a3 -= l * X[oi + 3];
      a4 -= l * X[oi + 4]; a5 -= l * X[oi + 5]; a6 -= l * X[oi + 6]; a7 -= l * X[oi + 7];
    }
    const djInv = 1 / Lx[lColPtr[j]];
    X[oj] = a0 * djInv; X[oj + 1] = a1 * djInv; X[oj + 2] = a2 * djInv; X[oj + 3] = a3 * djInv;
    X[oj + 4] = a4 * djInv; X[oj + 5] = a5 * djInv; X[oj + 6] = a6 * djInv; X[oj + 7] = a7 * djInv;
  }
}

/**
 * Largest n for which the sparse log-determinant's traces are exact (supernodal selected inverse of the
 * log-determinant's own analysis, with its tangents along ρ and a diagonal shift; on a rook lattice at n = 40,000
 * about 0.5 s warm (0.16 s the tangent factorization, 0.35 s the selected inverse; the column-by-column recurrence
 * took 0.9 s), against 0.04 s per factorization); above it they
 * are Hutchinson estimates with {@link SPARSE_TRACE_PROBES} probes from blocked solves with the log-determinant's
 * supernodal factor, reported with their standard errors. spatialreg likewise never forms exact traces for
 * `method = "Matrix"` (it uses a finite-difference Hessian, or the power-series traces `trW(type = "MC")`).
 */
export const SPARSE_EXACT_TRACES_MAX_N = 40_000;

/** Rademacher probes of the Hutchinson traces above {@link SPARSE_EXACT_TRACES_MAX_N} (relative standard error about 5/√(n·probes) on a rook lattice). */
export const SPARSE_TRACE_PROBES = 64;

/** @internal what the sparse log-determinant shares with its traces. */
export interface SparseTraceContext {
  /** S = D^½ W D^-½ values aligned with W's CSR entries. */
  sVals: Float64Array;
  /** d of W = D⁻¹C. */
  scaling: Float64Array;
  /** Supernodal factor of I − ρS (cached by ρ). */
  factor(rho: number): SupernodalFactor | null;
  /** The supernodal analysis of the factor (for the exact selected inverse). */
  supernodal: SupernodalSymbolic;
  /** The factor storage to reuse for the exact traces' factorization (its contents are then replaced). */
  work?(): SupernodalFactor | undefined;
  /** Receives the factor at ρ that the exact traces computed in that storage (null: not positive definite, storage spoilt). */
  adopt?(rho: number, L: SupernodalFactor | null): void;
  fn: string;
  /** Override {@link SPARSE_EXACT_TRACES_MAX_N} (tests). */
  exactMaxN?: number;
  probes?: number;
  seed?: number;
}

/**
 * @internal Traces of B = (I − ρW)⁻¹W for the sparse log-determinant: exact (selected inverse on the supernodal
 * blocks of the log-determinant's analysis, `supernodalSelectedInverse` in lib/linalg) for n ≤ {@link SPARSE_EXACT_TRACES_MAX_N}, else Hutchinson estimates tr(M) ≈ mean z'Mz, tr(M²) ≈ mean |Mz|²,
 * tr(B'B) = tr(D⁻¹ M D M) ≈ mean (Mz)' D⁻¹ (M D z) with M = (I − ρS)⁻¹S symmetric, from solves with the
 * factor the line search already built at ρ (64 probes = 128 right-hand sides, solved 16 at a time).
 */
export function sparseInverseTraces(W: CSR, rho: number, ctx: SparseTraceContext): InverseTraces {
  const n = W.n;
  const { sVals, scaling: d, fn } = ctx;
  if (n <= (ctx.exactMaxN ?? SPARSE_EXACT_TRACES_MAX_N)) {
    return supernodalSelectedInverseTraces(W, rho, sVals, d, ctx);
  }
  const L = ctx.factor(rho);
  if (!L) throw new Error(`${fn}: I − ρW is not positive definite at ρ = ${rho}`);
  const probes = ctx.probes ?? SPARSE_TRACE_PROBES;
  const { perm } = L.symbolic;
  const S: CSR = { n, rowPtr: W.rowPtr, colIdx: W.colIdx, values: sVals };
  const block = 8; // probes per block; 2 right-hand sides each (S z and S D z)
  const m = 2 * block;
  const X = new Float64Array(n * m);
  const Z = new Float64Array(n * block);
  const z = new Float64Array(n), Dz = new Float64Array(n), Sz = new Float64Array(n), SDz = new Float64Array(n);
  const g = rng(ctx.seed ?? 1);
  const sum = [0, 0, 0], sumSq = [0, 0, 0];
  for (let q0 = 0; q0 < probes; q0 += block) {
    const nb = Math.min(block, probes - q0);
    X.fill(0);
    for (let q = 0; q < nb; q++) {
      for (let i = 0; i < n; i += 32) {
        const bits = g.nextUint32();
        for (let t = 0; t < 32 && i + t < n; t++) z[i + t] = (bits >>> t) & 1 ? 1 : -1;
      }
      csrMatVec(S, z, Sz);
      for (let i = 0; i < n; i++) Dz[i] = z[i] * d[i];
      csrMatVec(S, Dz, SDz);
      for (let k = 0; k < n; k++) { const o = perm[k]; X[k * m + 2 * q] = Sz[o]; X[k * m + 2 * q + 1] = SDz[o]; Z[k * block + q] = z[o]; }
    }
    supernodalSolveBlock(L, X, m);
    for (let q = 0; q < nb; q++) {
      let a = 0, b = 0, c = 0;
      for (let k = 0; k < n; k++) {
        const mz = X[k * m + 2 * q], mdz = X[k * m + 2 * q + 1];
        a += Z[k * block + q] * mz; b += mz * mz; c += (mz * mdz) / d[perm[k]];
      }
      const v = [a, b, c];
      for (let t = 0; t < 3; t++) { sum[t] += v[t]; sumSq[t] += v[t] * v[t]; }
    }
  }
  const mean = sum.map((s) => s / probes);
  const se = sumSq.map((s2, t) => (probes > 1 ? Math.sqrt(Math.max(0, s2 - probes * mean[t] * mean[t]) / (probes - 1) / probes) : NaN));
  return {
    trB: mean[0], trBB: mean[1], trBtB: mean[2], method: "hutchinson", probes,
    standardErrors: { trB: se[0], trBB: se[1], trBtB: se[2] },
  };
}

/**
 * Traces tr(W^q), q = 1..m: exact from eigenvalues, or Hutchinson Monte Carlo estimates with
 * Rademacher probes (tr(W) and tr(W²) always exact).
 */
export function powerTraces(W: CSR, m: number, options: { eigen?: { real: Float64Array; imag: Float64Array | null } | null; probes?: number; seed?: number } = {}): { traces: Float64Array; source: "exact" | "mc" } {
  const out = new Float64Array(m);
  const eig = options.eigen;
  if (eig) {
    const { real, imag } = eig;
    for (let i = 0; i < real.length; i++) {
      let pr = 1, pi = 0;
      const a = real[i], b = imag ? imag[i] : 0;
      for (let q = 0; q < m; q++) {
        const nr = pr * a - pi * b;
        pi = pr * b + pi * a;
        pr = nr;
        out[q] += pr;
      }
    }
    return { traces: out, source: "exact" };
  }
  const n = W.n;
  const probes = options.probes ?? 50;
  const g = rng(options.seed ?? 1);
  const z = new Float64Array(n);
  let v = new Float64Array(n);
  let next = new Float64Array(n);
  for (let r = 0; r < probes; r++) {
    rademacherVector(n, g, z);
    v.set(z);
    for (let q = 0; q < m; q++) {
      csrMatVec(W, v, next);
      let t = 0;
      for (let i = 0; i < n; i++) t += z[i] * next[i];
      out[q] += t / probes;
      const tmp = v; v = next; next = tmp;
    }
  }
  // exact first two traces
  let t1 = 0, t2 = 0;
  for (let i = 0; i < n; i++) {
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) {
      const j = W.colIdx[p];
      if (j === i) t1 += W.values[p];
      for (let q = W.rowPtr[j]; q < W.rowPtr[j + 1]; q++) if (W.colIdx[q] === i) t2 += W.values[p] * W.values[q];
    }
  }
  if (m >= 1) out[0] = t1;
  if (m >= 2) out[1] = t2;
  return { traces: out, source: "mc" };
}

export { hutchinsonInverseTraces } from "./monteCarloLogdet";
export { exactWeightsTraces } from "./chebyshevLogdet";
