import type { CSR } from "../linalg/csr";
import { csrMatVec } from "../linalg/csr";
import { rng } from "../random/rng";
import { rademacherVector } from "../random/rademacher";

/** Options of {@link chebyshevLogdet}. */
export interface ChebyshevLogdetOptions {
  /** Polynomial order q (default 5, spatialreg's `cheb_q`); q + 1 Chebyshev nodes and traces tr(T_0(W)) … tr(T_q(W)). */
  order?: number;
  /** Rademacher probes for traces that are too costly to form exactly (default 50). */
  probes?: number;
  /** Seed of those probes (lib/random `rng`; default 1). */
  seed?: number;
  /** Most non-zeros stored by the sparse matrix polynomials used for exact traces, all together (default 4,000,000). */
  maxTraceEntries?: number;
}

/** A Chebyshev log-determinant approximation, ready to evaluate. */
export interface ChebyshevLogdet {
  /** ln|I − ρW| ≈ Σ_j c_j(ρ) tr(T_j(W)) − n c_0(ρ)/2. */
  logdet(rho: number): number;
  order: number;
  /** tr(T_j(W)), j = 0..q. */
  traces: Float64Array;
  /** Traces of order ≤ exactOrders are exact (sparse products); higher ones are Hutchinson estimates. */
  exactOrders: number;
  /** Rademacher probes used for the estimated traces (0 when all are exact). */
  probes: number;
  seed: number;
}

/** A sparse matrix in CSR form with sorted columns (internal helper type). */
interface SparseRows { n: number; rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array }

/**
 * C = a·(A B) + b·D for sparse A, B, D (D may be null), rows formed with a dense accumulator; columns sorted.
 * Returns null when the result would hold more than `limit` non-zeros.
 */
function sparseProductPlus(A: SparseRows, B: SparseRows, a: number, D: SparseRows | null, b: number, limit: number): SparseRows | null {
  const n = A.n;
  const acc = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const cols: number[] = [];
  const rowPtr = new Int32Array(n + 1);
  let colIdx = new Int32Array(Math.max(16, A.colIdx.length * 2));
  let values = new Float64Array(colIdx.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    cols.length = 0;
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const l = A.colIdx[p], av = a * A.values[p];
      for (let q = B.rowPtr[l]; q < B.rowPtr[l + 1]; q++) {
        const j = B.colIdx[q];
        if (mark[j] !== i) { mark[j] = i; acc[j] = 0; cols.push(j); }
        acc[j] += av * B.values[q];
      }
    }
    if (D) {
      for (let p = D.rowPtr[i]; p < D.rowPtr[i + 1]; p++) {
        const j = D.colIdx[p];
        if (mark[j] !== i) { mark[j] = i; acc[j] = 0; cols.push(j); }
        acc[j] += b * D.values[p];
      }
    }
    if (nnz + cols.length > limit) return null;
    if (nnz + cols.length > colIdx.length) {
      const size = Math.max(2 * colIdx.length, nnz + cols.length);
      const c2 = new Int32Array(size); c2.set(colIdx); colIdx = c2;
      const v2 = new Float64Array(size); v2.set(values); values = v2;
    }
    cols.sort((x, y) => x - y);
    for (const j of cols) { colIdx[nnz] = j; values[nnz] = acc[j]; nnz++; }
    rowPtr[i + 1] = nnz;
  }
  return { n, rowPtr, colIdx: colIdx.slice(0, nnz), values: values.slice(0, nnz) };
}

/** tr(A B) = Σ_i Σ_l A_il B_li (B's columns sorted; binary search in row l). */
function traceOfProduct(A: SparseRows, B: SparseRows): number {
  let s = 0;
  for (let i = 0; i < A.n; i++) {
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const l = A.colIdx[p];
      let lo = B.rowPtr[l], hi = B.rowPtr[l + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = B.colIdx[mid];
        if (c === i) { s += A.values[p] * B.values[mid]; break; }
        if (c < i) lo = mid + 1; else hi = mid - 1;
      }
    }
  }
  return s;
}

function identity(n: number): SparseRows {
  return { n, rowPtr: Int32Array.from({ length: n + 1 }, (_, i) => i), colIdx: Int32Array.from({ length: n }, (_, i) => i), values: new Float64Array(n).fill(1) };
}

function sortedCopy(W: CSR): SparseRows {
  // CSR from SpatialWeights has sorted columns; sort defensively per row
  const colIdx = Int32Array.from(W.colIdx), values = Float64Array.from(W.values);
  for (let i = 0; i < W.n; i++) {
    const a = W.rowPtr[i], b = W.rowPtr[i + 1];
    let sorted = true;
    for (let p = a + 1; p < b; p++) if (colIdx[p] < colIdx[p - 1]) { sorted = false; break; }
    if (sorted) continue;
    const idx = Array.from({ length: b - a }, (_, t) => a + t).sort((x, y) => W.colIdx[x] - W.colIdx[y]);
    idx.forEach((src, t) => { colIdx[a + t] = W.colIdx[src]; values[a + t] = W.values[src]; });
  }
  return { n: W.n, rowPtr: W.rowPtr, colIdx, values };
}

/**
 * Exact traces of matrix polynomials of W from sparse products, halving the degree: with P_a the sparse
 * matrices P_1 … P_A (A ≤ ⌈maxOrder/2⌉), "power": tr(W^(a+b)) = tr(W^a W^b); "chebyshev":
 * T_(a+b) = 2 T_a T_b − T_(a−b), so tr(T_(a+b)) = 2 tr(T_a T_b) − tr(T_(a−b)). Stops early when the
 * matrices P_1 … P_a together would store more than `maxEntries` non-zeros (then orders above 2A are not returned).
 * @param W weights (CSR)
 * @param maxOrder highest order wanted
 * @param basis "power" (W^j) or "chebyshev" (T_j(W), first kind)
 * @param maxEntries bound on the non-zeros stored by P_1 … P_A together (default 4,000,000, about 48 MB)
 * @returns traces[j] for j = 0..exactOrders (traces[0] = n) and exactOrders (≤ maxOrder)
 * @example exactWeightsTraces(new SpatialWeights(["a", "b", "c", "d"], [[1, 3], [0, 2], [1, 3], [0, 2]]).standardize("W").toCSR(), 4, "power").traces // Float64Array [4, 0, 2, 0, 2] (4-cycle)
 */
export function exactWeightsTraces(W: CSR, maxOrder: number, basis: "power" | "chebyshev", maxEntries = 4_000_000): { traces: Float64Array; exactOrders: number } {
  const n = W.n;
  const traces = new Float64Array(maxOrder + 1);
  traces[0] = n;
  if (maxOrder === 0) return { traces, exactOrders: 0 };
  const Ws = sortedCopy(W);
  let trW = 0;
  for (let i = 0; i < n; i++) for (let p = Ws.rowPtr[i]; p < Ws.rowPtr[i + 1]; p++) if (Ws.colIdx[p] === i) trW += Ws.values[p];
  traces[1] = trW;
  const P: SparseRows[] = [identity(n), Ws];
  const half = Math.ceil(maxOrder / 2);
  let stored = Ws.colIdx.length;
  for (let a = 2; a <= half; a++) {
    const next = basis === "power"
      ? sparseProductPlus(Ws, P[a - 1], 1, null, 0, maxEntries - stored)
      : sparseProductPlus(Ws, P[a - 1], 2, P[a - 2], -1, maxEntries - stored);
    if (!next) break;
    stored += next.colIdx.length;
    P.push(next);
  }
  const levels = P.length - 1;
  const exactOrders = Math.min(maxOrder, 2 * levels);
  for (let j = 2; j <= exactOrders; j++) {
    const a = Math.ceil(j / 2), b = j - a;
    const t = traceOfProduct(P[a], P[b]);
    traces[j] = basis === "power" ? t : 2 * t - traces[a - b];
  }
  return { traces: traces.slice(0, exactOrders + 1), exactOrders };
}

/**
 * Chebyshev coefficients c_0 … c_q of ln(1 − ρx) on [−1, 1] by interpolation at the q + 1 Chebyshev nodes
 * x_k = cos(π(k − ½)/(q + 1)): c_j = 2/(q+1) Σ_k ln(1 − ρ x_k) cos(π j (k − ½)/(q + 1)) (Pace & LeSage 2004,
 * the formula of spatialreg's `cheb_ldet`). NaN where 1 − ρx_k ≤ 0 for some node.
 * @example chebyshevCoefficients(0.5, 2) // Float64Array [-0.1384262431854964, -0.5353176627574961, -0.06921312159274823]
 */
export function chebyshevCoefficients(rho: number, order: number): Float64Array {
  const m = order + 1;
  const c = new Float64Array(m);
  for (let k = 1; k <= m; k++) {
    const theta = (Math.PI * (k - 0.5)) / m;
    const f = Math.log(1 - rho * Math.cos(theta));
    for (let j = 0; j < m; j++) c[j] += f * Math.cos(j * theta);
  }
  for (let j = 0; j < m; j++) c[j] *= 2 / m;
  return c;
}

/**
 * Chebyshev approximation of ln|I − ρW| (Pace & LeSage 2004, "Chebyshev approximation of log-determinants of
 * spatial weight matrices", CSDA 45:179–196), as spatialreg's `method = "Chebyshev"`:
 * ln|I − ρW| = Σ_i ln(1 − ρλ_i) ≈ Σ_i p_q(λ_i) = Σ_j c_j(ρ) tr(T_j(W)) − n c_0(ρ)/2, where p_q interpolates
 * ln(1 − ρx) at the q + 1 Chebyshev nodes of [−1, 1]. Valid for W whose eigenvalues are real and in [−1, 1]
 * (row-standardized weights similar to a symmetric matrix); then, from the Chebyshev series
 * ln(1 − ρx) = −ln(1 + t²) − 2 Σ_j t^j T_j(x)/j with t = ρ/(1 + √(1 − ρ²)), the error is at most
 * n · 4|t|^(q+1)/((q + 1)(1 − |t|)). Asymmetric W (e.g. k-nearest neighbours) may have complex eigenvalues,
 * for which this bound does not hold (spatialreg refuses such W); the approximation is then a heuristic.
 *
 * Traces: tr(T_j(W)) exact from sparse matrix products (see {@link exactWeightsTraces}; set-up cost about
 * nnz(T_⌈q/2⌉) · (row length of W)) while the products hold at most `maxTraceEntries` non-zeros; orders
 * above that are Hutchinson estimates z'T_j(W)z averaged over `probes` Rademacher vectors from lib/random's
 * `rng(seed)` (Chebyshev recurrence on vectors, q sparse products per probe). Each evaluation is O(q²).
 * @param W weights (CSR) with spectral radius ≤ 1 (checked by the caller)
 * @param options order (default 5), probes (default 50), seed (default 1), maxTraceEntries
 * @throws `chebyshevLogdet: order must be an integer in 1..100, got 0`
 * @example chebyshevLogdet(colGal.standardize("W").toCSR()).logdet(0.5) // -1.6427335683707944 (spatialreg do_ldet, Chebyshev q = 5: -1.6427335683708; exact -1.64318107245676)
 */
export function chebyshevLogdet(W: CSR, options: ChebyshevLogdetOptions = {}): ChebyshevLogdet {
  const q = options.order ?? 5;
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new Error(`chebyshevLogdet: order must be an integer in 1..100, got ${q}`);
  const probesWanted = options.probes ?? 50;
  if (!Number.isInteger(probesWanted) || probesWanted < 1) throw new Error(`chebyshevLogdet: probes must be a positive integer, got ${probesWanted}`);
  const seed = options.seed ?? 1;
  const n = W.n;
  const ex = exactWeightsTraces(W, q, "chebyshev", options.maxTraceEntries ?? 4_000_000);
  const traces = new Float64Array(q + 1);
  traces.set(ex.traces);
  let probes = 0;
  if (ex.exactOrders < q) {
    probes = probesWanted;
    const g = rng(seed);
    const z = new Float64Array(n);
    let t0 = new Float64Array(n), t1 = new Float64Array(n), t2 = new Float64Array(n);
    const est = new Float64Array(q + 1);
    for (let r = 0; r < probes; r++) {
      rademacherVector(n, g, z);
      t0.set(z);
      csrMatVec(W, z, t1);
      for (let j = 2; j <= q; j++) {
        csrMatVec(W, t1, t2);
        let s = 0;
        for (let i = 0; i < n; i++) { const v = 2 * t2[i] - t0[i]; t2[i] = v; s += z[i] * v; }
        est[j] += s / probes;
        const tmp = t0; t0 = t1; t1 = t2; t2 = tmp;
      }
    }
    for (let j = ex.exactOrders + 1; j <= q; j++) traces[j] = est[j];
  }
  const logdet = (rho: number): number => {
    const c = chebyshevCoefficients(rho, q);
    let s = -0.5 * n * c[0];
    for (let j = 0; j <= q; j++) s += c[j] * traces[j];
    return Number.isFinite(s) ? s : -Infinity;
  };
  return { logdet, order: q, traces, exactOrders: ex.exactOrders, probes, seed };
}
