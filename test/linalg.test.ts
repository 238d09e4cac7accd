import { describe, it, expect } from "vitest";
import { EigenvalueDecomposition, Matrix, inverse } from "ml-matrix";
import {
  bandSymmetricEigenvalues, reverseCuthillMcKee, matrixBandwidth as bandwidth,
  crossprod, crossprodXy, cholesky, cholSolve, inverseSPD, inverseGeneral, solveSPD,
  qrDecompose, qrCoef, checkFullRank, symmetricEigenvalues,
} from "../lib/linalg";

// Deterministic pseudo-random fill (not a statistical sample; only test input).
function fill(n: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; a[i] = s / 2147483648 - 0.5; }
  return a;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("crossprod", () => {
  it("computes X'X and X'y of a column-major matrix (worked by hand)", () => {
    // X = [[1, 1], [1, 2], [1, 3]] column-major; X'X = [[3, 6], [6, 14]]; y = [1, 2, 2] -> X'y = [5, 11]
    const X = new Float64Array([1, 1, 1, 1, 2, 3]);
    expect(Array.from(crossprod(X, 3, 2))).toEqual([3, 6, 6, 14]);
    expect(Array.from(X)).toEqual([1, 1, 1, 1, 2, 3]); // input untouched
    expect(Array.from(crossprodXy(X, new Float64Array([1, 2, 2]), 3, 2))).toEqual([5, 11]);
  });
});

describe("cholesky", () => {
  it("factors an SPD matrix so that L L' reproduces it and solves systems", () => {
    const p = 6;
    const B = fill(p * p, 7);
    const A = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = i === j ? p : 0;
      for (let l = 0; l < p; l++) s += B[i * p + l] * B[j * p + l];
      A[i * p + j] = s;
    }
    const L = cholesky(A, p);
    const LLt = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < p; l++) s += L[i * p + l] * L[j * p + l];
      LLt[i * p + j] = s;
    }
    expect(maxAbsDiff(LLt, A)).toBeLessThan(1e-12);
    const b = fill(p, 3);
    const x = cholSolve(L, b, p);
    const Ax = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) Ax[i] += A[i * p + j] * x[j];
    expect(maxAbsDiff(Ax, b)).toBeLessThan(1e-12);
    // brute force: ml-matrix LU inverse
    const rows = Array.from({ length: p }, (_, i) => Array.from(A.subarray(i * p, i * p + p)));
    expect(maxAbsDiff(inverseSPD(A, p), inverse(new Matrix(rows)).to1DArray())).toBeLessThan(1e-12);
    expect(maxAbsDiff(inverseGeneral(A, p), inverse(new Matrix(rows)).to1DArray())).toBeLessThan(1e-12);
    expect(maxAbsDiff(solveSPD(A, b, p), x)).toBe(0);
  });

  it("throws a clear error for a matrix that is not positive definite", () => {
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2, "ols")).toThrow(/ols: matrix is not positive definite \(pivot 1/);
  });
});

describe("QR with limited pivoting", () => {
  it("solves full-rank least squares (y = -1 + 2x exactly)", () => {
    const b = qrCoef(qrDecompose(new Float64Array([1, 1, 1, 1, 2, 3]), 3, 2), new Float64Array([1, 3, 5]));
    expect(b[0]).toBeCloseTo(-1, 12);
    expect(b[1]).toBeCloseTo(2, 12);
  });

  it("moves a dependent column to the end and reports rank k-1, as R's dqrdc2 does", () => {
    // columns: 1, x, 1 + x (dependent), z
    const q = qrDecompose(new Float64Array([1, 1, 1, 1, 1, 2, 3, 4, 2, 3, 4, 5, 0, 1, 0, 1]), 4, 4);
    expect(q.rank).toBe(3);
    expect(Array.from(q.pivot)).toEqual([0, 1, 3, 2]);
  });

  it("names the aliased column and the columns it combines", () => {
    const X = new Float64Array([1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 0, 1, 0, 1, 0]);
    expect(() => checkFullRank(X, 5, 4, ["(Intercept)", "x1", "x2", "x3"], "ols"))
      .toThrow('ols: perfect collinearity: column "x2" is a linear combination of "(Intercept)", "x1"');
    const X2 = new Float64Array([1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 0, 1, 0, 1, 0, 2, 4, 6, 8, 10]);
    expect(() => checkFullRank(X2, 5, 4, ["(Intercept)", "x1", "x3", "x2"], "ols"))
      .toThrow('ols: perfect collinearity: column "x2" is a linear combination of "x1"');
  });

  it("names a constant regressor beside the intercept, and n <= k", () => {
    expect(() => checkFullRank(new Float64Array([1, 1, 1, 5, 5, 5]), 3, 2, ["(Intercept)", "x"], "ols"))
      .toThrow('ols: column "x" is constant, so it cannot be estimated beside the intercept');
    expect(() => checkFullRank(new Float64Array([1, 1, 1, 2]), 2, 2, ["(Intercept)", "x"], "ols"))
      .toThrow("ols: n = 2 observations but k = 2 coefficients; need n > k");
  });
});

describe("symmetricEigenvalues", () => {
  it("matches ml-matrix's symmetric eigen solver (brute force) on random symmetric matrices", () => {
    for (const n of [1, 2, 3, 17, 120]) {
      const r = fill(n * n, n);
      const A = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { A[i * n + j] = r[i * n + j]; A[j * n + i] = r[i * n + j]; }
      const ours = symmetricEigenvalues(A, n);
      const rows = Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)));
      const theirs = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
      expect(maxAbsDiff(ours, theirs)).toBeLessThan(1e-11);
    }
  });
  it("returns the known spectrum of a path graph (2 cos(k pi/(n+1)))", () => {
    const n = 9;
    const A = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) { A[i * n + i + 1] = 1; A[(i + 1) * n + i] = 1; }
    const expected = Array.from({ length: n }, (_, k) => 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((a, b) => a - b);
    expect(maxAbsDiff(symmetricEigenvalues(A, n), expected)).toBeLessThan(1e-13);
  });
});

describe("band reduction (reverse Cuthill–McKee + Givens bulge chasing)", () => {
  // random sparse symmetric matrix on a scrambled 15 × 14 grid graph (test input built here)
  const r = 15, c = 14, n = r * c;
  const scramble = Array.from({ length: n }, (_, i) => (i * 37) % n); // 37 coprime with 210
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const vals = fill(4 * n, 11);
  let v = 0;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    const a = scramble[i * c + j];
    const link = (b: number) => { const x = vals[v++]; rows[a].set(b, x); rows[b].set(a, x); };
    if (i + 1 < r) link(scramble[(i + 1) * c + j]);
    if (j + 1 < c) link(scramble[i * c + j + 1]);
  }
  for (let i = 0; i < n; i++) rows[i].set(i, 0.3 * Math.cos(i));
  const rowPtr = new Int32Array(n + 1);
  rows.forEach((m, i) => { rowPtr[i + 1] = rowPtr[i] + m.size; });
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  rows.forEach((m, i) => { [...m.entries()].sort((x, y) => x[0] - y[0]).forEach(([j, x], q) => { colIdx[rowPtr[i] + q] = j; values[rowPtr[i] + q] = x; }); });

  it("RCM narrows the band of a scrambled grid to about its width", () => {
    const perm = reverseCuthillMcKee({ n, rowPtr, colIdx });
    expect(new Set(perm).size).toBe(n);
    const identity = Int32Array.from({ length: n }, (_, i) => i);
    expect(bandwidth({ n, rowPtr, colIdx }, perm)).toBeLessThanOrEqual(c + 1);
    expect(bandwidth({ n, rowPtr, colIdx }, identity)).toBeGreaterThan(3 * c);
  });

  it("gives the same eigenvalues as the dense Householder reduction (brute force)", () => {
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) dense[i * n + colIdx[p]] = values[p];
    const band = bandSymmetricEigenvalues(n, rowPtr, colIdx, values);
    expect(maxAbsDiff(band.values, symmetricEigenvalues(dense, n))).toBeLessThan(1e-12);
  });
});
