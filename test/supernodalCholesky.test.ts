import { describe, it, expect } from "vitest";
import { supernodalSymbolic, supernodalNumeric, supernodalLogDeterminant, supernodalSolve, supernodalSolveBlock } from "../lib/linalg/supernodalCholesky";
import { nestedDissectionOrdering } from "../lib/linalg/nestedDissection";
import { choleskySymbolic, choleskyNumeric, choleskyLogDeterminant } from "../lib/linalg/sparseCholesky";
import { logDeterminant, inverseTraces } from "../lib/spatialreg";
import type { CSR } from "../lib/linalg/csr";
import { expectClose } from "./tolerances";

/** Binary rook lattice k × k (row-major cells), as CSR with unit weights. */
function rookLattice(k: number, rowStandardize = false): CSR {
  const n = k * k;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(4 * n);
  let q = 0;
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) {
    const i = r * k + c;
    if (r > 0) colIdx[q++] = i - k;
    if (c > 0) colIdx[q++] = i - 1;
    if (c < k - 1) colIdx[q++] = i + 1;
    if (r < k - 1) colIdx[q++] = i + k;
    rowPtr[i + 1] = q;
  }
  const values = new Float64Array(q).fill(1);
  if (rowStandardize) for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) values[p] = 1 / (rowPtr[i + 1] - rowPtr[i]);
  return Object.freeze({ n, rowPtr, colIdx: colIdx.slice(0, q), values });
}

/**
 * ln|I − ρW| of the binary k × k rook lattice from its closed-form eigenvalues
 * 2 cos(πa/(k+1)) + 2 cos(πb/(k+1)), a, b = 1..k (the lattice is the Cartesian product of two paths).
 */
function latticeLogdet(k: number, rho: number): number {
  const c = Array.from({ length: k }, (_, a) => 2 * Math.cos((Math.PI * (a + 1)) / (k + 1)));
  let s = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += Math.log(1 - rho * (c[a] + c[b]));
  return s;
}

describe("supernodal Cholesky with nested dissection", () => {
  const W = rookLattice(30, true);
  const pattern = { n: W.n, rowPtr: W.rowPtr, colIdx: W.colIdx };

  it("gives the same log-determinant and solve as the up-looking Cholesky (brute force) on a 30 × 30 lattice", () => {
    const sym = supernodalSymbolic(pattern);
    const d = new Float64Array(W.n).fill(1);
    // symmetric off-diagonal values of I − 0.7 S, S = D^½ W D^-½: −0.7 / √(d_i d_j)
    const off = new Float64Array(W.values.length);
    for (let i = 0; i < W.n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) {
      const j = W.colIdx[p];
      off[p] = -0.7 / Math.sqrt((W.rowPtr[i + 1] - W.rowPtr[i]) * (W.rowPtr[j + 1] - W.rowPtr[j]));
    }
    const L = supernodalNumeric(sym, d, off)!;
    const ref = choleskyNumeric(choleskySymbolic(pattern), d, off)!;
    expectClose(supernodalLogDeterminant(L), choleskyLogDeterminant(ref), 1e-12, "ln det");
    const b = Float64Array.from({ length: W.n }, (_, i) => Math.sin(i));
    const x = supernodalSolve(L, b);
    // residual of A x = b
    let worst = 0;
    for (let i = 0; i < W.n; i++) {
      let s = x[i];
      for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) s += off[p] * x[W.colIdx[p]];
      worst = Math.max(worst, Math.abs(s - b[i]));
    }
    expect(worst).toBeLessThan(1e-12);
    // three right-hand sides at once equal three single solves
    const m = 3;
    const X = new Float64Array(W.n * m);
    const { perm } = sym;
    for (let k = 0; k < W.n; k++) for (let r = 0; r < m; r++) X[k * m + r] = b[perm[k]] * (r + 1);
    supernodalSolveBlock(L, X, m);
    for (let k = 0; k < W.n; k++) for (let r = 0; r < m; r++) expectClose(X[k * m + r], x[perm[k]] * (r + 1), 1e-12, `block solve row ${k}`, 1e-14);
  });

  it("returns null when the matrix is not positive definite", () => {
    const sym = supernodalSymbolic(pattern);
    expect(supernodalNumeric(sym, new Float64Array(W.n).fill(1), new Float64Array(W.values.length).fill(-1))).toBeNull();
  });

  it("orders with nested dissection without recursion: a 1,000 × 1 path (depth-first recursion would be 1,000 deep) is a permutation", () => {
    const n = 1000;
    const rowPtr = new Int32Array(n + 1), colIdx: number[] = [];
    for (let i = 0; i < n; i++) { if (i > 0) colIdx.push(i - 1); if (i < n - 1) colIdx.push(i + 1); rowPtr[i + 1] = colIdx.length; }
    const perm = nestedDissectionOrdering({ n, rowPtr, colIdx: Int32Array.from(colIdx) }, { leafSize: 1 });
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(() => nestedDissectionOrdering({ n, rowPtr, colIdx: Int32Array.from(colIdx) }, { leafSize: 0 })).toThrow("nestedDissectionOrdering: leafSize must be an integer ≥ 1, got 0");
  });
});

describe("the sparse log-determinant at n = 40,000 agrees with the exact closed form", () => {
  const k = 200;
  const W = rookLattice(k);
  const ld = logDeterminant(W, "sparse");
  it("ln|I − ρW| of the 200 × 200 binary rook lattice matches the closed-form eigenvalues to 1e-11 relative", () => {
    for (const rho of [-0.2, 0.1, 0.2, 0.245]) expectClose(ld.logdet(rho), latticeLogdet(k, rho), 1e-11, `logdet at rho ${rho}`);
  });
  it("the SAR concentrated log-likelihood through it agrees with the exact method to 1e-8 relative", () => {
    // concentrated SAR log-likelihood ln|I − ρW| − n/2 ln(SSE(ρ)/n) + constants, with an illustrative SSE(ρ)
    const n = W.n;
    const c0 = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
    const sse = (rho: number) => n * (1 - 1.2 * rho + 2 * rho * rho);
    for (const rho of [0.05, 0.15, 0.24]) {
      const fast = ld.logdet(rho) + c0 - 0.5 * n * Math.log(sse(rho) / n);
      const exact = latticeLogdet(k, rho) + c0 - 0.5 * n * Math.log(sse(rho) / n);
      expect(Math.abs(fast - exact) / Math.abs(exact)).toBeLessThan(1e-8);
    }
  });
});

describe("sparse traces: Hutchinson estimates from the factor agree with the exact ones within their stated error", () => {
  it("on a 40 × 40 row-standardized lattice at rho 0.5, each trace lies within 4 standard errors of the selected-inverse value", () => {
    const W = rookLattice(40, true);
    const exact = inverseTraces(W, 0.5);
    const h = logDeterminant(W, { method: "sparse", exactTracesMaxN: 0, probes: 256, seed: 3 }).inverseTraces!(0.5);
    expect(h.method).toBe("hutchinson");
    expect(h.probes).toBe(256);
    for (const key of ["trB", "trBB", "trBtB"] as const) {
      const se = h.standardErrors![key];
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(h[key] - exact[key])).toBeLessThan(4 * se);
    }
    const e = logDeterminant(W, "sparse").inverseTraces!(0.5);
    expect(e.method).toBe("exact-sparse");
    for (const key of ["trB", "trBB", "trBtB"] as const) expectClose(e[key], exact[key], 1e-10, key);
  });
});
