import type { CSR } from "./sparse";
import { csrMatVec, csrToDense } from "./sparse";
import { similarityScaling } from "./weightsEigenvalues";
import { inverseGeneral } from "../linalg/cholesky";
import { choleskySymbolic, choleskyNumeric, choleskySolve, type CholeskySymbolic, type CholeskyFactor } from "../linalg/sparseCholesky";

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
}

/** Largest n for which the exact sparse route (n triangular solves) is used; above it Hutchinson estimates. */
export const EXACT_TRACES_MAX_N = 10000;

// deterministic xorshift for Rademacher probes
function rademacher(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    z[i] = s & 1 ? 1 : -1;
  }
  return z;
}

/**
 * Traces of B = (I − ρW)⁻¹W: tr(B), tr(B²), tr(B'B) (Ord 1975; Anselin 1988, ch. 6).
 *
 * When W = D⁻¹C with C symmetric, B = D^-½ M D^½ with M = S(I − ρS)⁻¹ symmetric (S = D^½ W D^-½), so
 * tr(B) = tr(M), tr(B²) = Σ M_ij², tr(B'B) = Σ M_ij² d_j/d_i; the columns of M come from a sparse
 * Cholesky of I − ρS (n solves, exact) for n ≤ {@link EXACT_TRACES_MAX_N}; above that, Hutchinson's
 * estimator with `probes` Rademacher vectors (stochastic; seeded). Other W: dense inverse (exact, O(n³)).
 * @param W weights (CSR)
 * @param rho spatial parameter
 * @param options `probes` (default 200), `seed` (default 1), `symbolic` to reuse an analysis, `forceHutchinson`
 * @throws when I − ρW is singular
 */
export function inverseTraces(W: CSR, rho: number, options: { probes?: number; seed?: number; symbolic?: CholeskySymbolic; forceHutchinson?: boolean } = {}): InverseTraces {
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
  const L = choleskyNumeric(sym, new Float64Array(n).fill(1), off);
  if (!L) throw new Error(`inverseTraces: I − ρW is not positive definite at ρ = ${rho}`);
  if (n <= EXACT_TRACES_MAX_N && !options.forceHutchinson) {
    return exactSparseTraces(W, sVals, d, sym, L);
  }
  const probes = options.probes ?? 200;
  let trB = 0, trBB = 0, trBtB = 0;
  for (let r = 0; r < probes; r++) {
    const z = rademacher(n, (options.seed ?? 1) * 7919 + r + 1);
    const Mz = choleskySolve(L, csrMatVec(S, z));
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) { a += z[i] * Mz[i]; b += Mz[i] * Mz[i]; }
    trB += a; trBB += b;
    // tr(M D⁻¹ M D) = E[z' M D⁻¹ M D z]
    const Dz = Float64Array.from(z, (v, i) => v * d[i]);
    const MDz = choleskySolve(L, csrMatVec(S, Dz));
    let c = 0;
    for (let i = 0; i < n; i++) c += (Mz[i] * MDz[i]) / d[i];
    trBtB += c;
  }
  return { trB: trB / probes, trBB: trBB / probes, trBtB: trBtB / probes, method: "hutchinson", probes };
}

/**
 * Exact traces from all columns of M = (I − ρS)⁻¹S, in the permuted coordinates of the factor,
 * solving blocks of 16 right-hand sides at once (each entry of L is read once per block).
 */
function exactSparseTraces(W: CSR, sVals: Float64Array, d: Float64Array, sym: CholeskySymbolic, L: CholeskyFactor): InverseTraces {
  const n = W.n;
  const { perm, invPerm, lColPtr } = sym;
  const { Li, Lx } = L;
  const m = 8;
  const X = new Float64Array(n * m);
  const dp = Float64Array.from(perm, (o) => d[o]);
  const invDp = Float64Array.from(dp, (v) => 1 / v);
  let trB = 0, trBB = 0, trBtB = 0;
  const acc = new Float64Array(m);
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
    // forward: L y = rhs
    for (let j = first; j < n; j++) {
      const djInv = 1 / Lx[lColPtr[j]];
      const oj = j * m;
      let nz = false;
      for (let r = 0; r < m; r++) { const v = X[oj + r] * djInv; X[oj + r] = v; if (v !== 0) nz = true; }
      if (!nz) continue;
      for (let p = lColPtr[j] + 1; p < lColPtr[j + 1]; p++) {
        const oi = Li[p] * m;
        const l = Lx[p];
        for (let r = 0; r < m; r++) X[oi + r] -= l * X[oj + r];
      }
    }
    // backward: L' x = y, only rows >= b0 (they depend on rows below them only); M is symmetric, so the
    // entries on or below the diagonal of each column are all the traces need
    for (let j = n - 1; j >= b0; j--) {
      const oj = j * m;
      for (let r = 0; r < m; r++) acc[r] = X[oj + r];
      for (let p = lColPtr[j] + 1; p < lColPtr[j + 1]; p++) {
        const oi = Li[p] * m;
        const l = Lx[p];
        for (let r = 0; r < m; r++) acc[r] -= l * X[oi + r];
      }
      const djInv = 1 / Lx[lColPtr[j]];
      for (let r = 0; r < m; r++) X[oj + r] = acc[r] * djInv;
    }
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
  return { trB, trBB, trBtB, method: "exact-sparse" };
}
