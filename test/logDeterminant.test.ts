import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { logDeterminant, denseLogAbsDet, weightsEigenvalues, similarityScaling, inverseTraces } from "../lib/spatialreg";
import { choleskySymbolic, choleskyNumeric, choleskySolve, choleskyLogDeterminant, inverseGeneral } from "../lib/linalg";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2: determinant(diag(49) - rho * listw2mat(nb2listw(col.gal.nb, style = "W"))) and
// eigen(listw2mat(...))$values: test/reference/spatialreg-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8")).standardize("W");

function weightsEigenvaluesAlgorithm(csr: ReturnType<typeof w.toCSR>): string {
  return weightsEigenvalues(csr).algorithm;
}

/** Rook contiguity on an r × c grid (test input built here). */
function grid(r: number, c: number) {
  const ids: string[] = [];
  const nb: number[][] = [];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    ids.push(`${i}-${j}`);
    const l: number[] = [];
    if (i > 0) l.push((i - 1) * c + j);
    if (i < r - 1) l.push((i + 1) * c + j);
    if (j > 0) l.push(i * c + j - 1);
    if (j < c - 1) l.push(i * c + j + 1);
    nb.push(l);
  }
  return new weights.SpatialWeights(ids, nb);
}

describe("log-determinant ln|I − ρW|", () => {
  it("eigen, dense LU and sparse Cholesky all equal R's determinant on Columbus", () => {
    const csr = w.toCSR();
    for (const method of ["eigen", "dense", "sparse"] as const) {
      const ld = logDeterminant(csr, method);
      ref.logdet.rho.forEach((rho: number, i: number) => expectClose(ld.logdet(rho), ref.logdet.value[i], RTOL, `${method} rho=${rho}`, 1e-12));
    }
  });

  it("finds the eigenvalues of row-standardized W through the symmetric similarity (equal to R eigen)", () => {
    const spec = weightsEigenvalues(w.toCSR());
    expect(spec.kind).toBe("similar");
    expect(spec.imag).toBeNull();
    ref.eigenvalues.forEach((v: number, i: number) => expectClose(spec.real[i], v, RTOL, `eigenvalue ${i}`, 1e-12));
  });

  it("agrees between brute force and fast paths on a 20 × 25 grid (n = 500)", () => {
    const g = grid(20, 25).standardize("W").toCSR();
    const eig = logDeterminant(g, "eigen");
    const sp = logDeterminant(g, "sparse");
    for (const rho of [-0.8, -0.2, 0.3, 0.7, 0.95]) {
      const dense = (() => {
        const n = g.n;
        const A = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          A[i * n + i] = 1;
          for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) A[i * n + g.colIdx[p]] -= rho * g.values[p];
        }
        return denseLogAbsDet(A, n);
      })();
      expectClose(eig.logdet(rho), dense, 1e-9, `eigen rho=${rho}`, 1e-9);
      expectClose(sp.logdet(rho), dense, 1e-9, `sparse rho=${rho}`, 1e-9);
    }
    // Lanczos Ritz values lie inside the spectrum, so the sparse interval contains the exact one (within 1%)
    expect(sp.interval[0]).toBeLessThanOrEqual(eig.interval[0] + 1e-12);
    expect(sp.interval[1]).toBeGreaterThanOrEqual(eig.interval[1] - 1e-12);
    expectClose(sp.interval[0], eig.interval[0], 1e-2, "lower");
    expectClose(sp.interval[1], eig.interval[1], 1e-2, "upper");
    expect(weightsEigenvaluesAlgorithm(g)).toBe("band");
  });

  it("auto picks eigen up to n = 1000 and sparse above for symmetric-similar weights", () => {
    expect(logDeterminant(w.toCSR(), "auto").method).toBe("eigen");
    expect(logDeterminant(grid(40, 30).standardize("W").toCSR(), "auto").method).toBe("sparse");
  });

  it("returns -Infinity outside the admissible interval on the sparse path", () => {
    const ld = logDeterminant(w.toCSR(), "sparse");
    expect(ld.logdet(1.05)).toBe(-Infinity);
  });

  it("detects weights that are not similar to a symmetric matrix", () => {
    const wa = new weights.SpatialWeights(["a", "b", "c"], [[1], [2], [0]]);
    expect(similarityScaling(wa.toCSR())).toBeNull();
    const spec = weightsEigenvalues(wa.toCSR());
    expect(spec.kind).toBe("general");
    // a directed 3-cycle has eigenvalues 1 and cos(2π/3) ± i sin(2π/3): det(I − ρW) = 1 − ρ³
    const ld = logDeterminant(wa.toCSR(), "eigen");
    expectClose(ld.logdet(0.5), Math.log(1 - 0.125), 1e-12, "3-cycle");
  });
});

describe("sparse Cholesky", () => {
  it("analyses a weights matrix once for several sparse log-determinants, and again when its values change", () => {
    const g = grid(30, 40).standardize("W").toCSR();
    const a = logDeterminant(g, "sparse"), b = logDeterminant(g, "auto");
    expect(b.method).toBe("sparse");
    expect(b.details!.supernodal).toBe(a.details!.supernodal);
    expect(b.interval).toEqual(a.interval);
    expect(b.logdet(0.4)).toBe(a.logdet(0.4));
    // a fresh copy of the same matrix is analysed anew and gives the same numbers
    const copy = { n: g.n, rowPtr: Int32Array.from(g.rowPtr), colIdx: Int32Array.from(g.colIdx), values: Float64Array.from(g.values) };
    const c = logDeterminant(copy, "sparse");
    expect(c.details!.supernodal).not.toBe(a.details!.supernodal);
    expect(c.interval).toEqual(a.interval);
    expect(c.logdet(0.4)).toBe(a.logdet(0.4));
    // changed values in place (still similar to symmetric): the cached analysis is not used
    for (let p = 0; p < copy.values.length; p++) copy.values[p] *= 0.5;
    const e = logDeterminant(copy, "sparse");
    expect(e.details!.supernodal).not.toBe(c.details!.supernodal);
    expectClose(e.logdet(0.8), a.logdet(0.4), 1e-12, "ln|I − 0.8 (W/2)| = ln|I − 0.4 W|");
  });

  it("solves I − ρS like a dense solve and reports the same log-determinant", () => {
    const g = grid(12, 9).standardize("W").toCSR();
    const n = g.n;
    const d = similarityScaling(g)!;
    const s = new Float64Array(g.values.length);
    for (let i = 0; i < n; i++) for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) s[p] = Math.sqrt(d[i] / d[g.colIdx[p]]) * g.values[p];
    const sym = choleskySymbolic({ n, rowPtr: g.rowPtr, colIdx: g.colIdx });
    const L = choleskyNumeric(sym, new Float64Array(n).fill(1), s.map((v) => -0.6 * v))!;
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const x = choleskySolve(L, b);
    // residual of (I − 0.6 S) x = b
    for (let i = 0; i < n; i++) {
      let r = x[i];
      for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) r -= 0.6 * s[p] * x[g.colIdx[p]];
      expect(Math.abs(r - b[i])).toBeLessThan(1e-12);
    }
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) { A[i * n + i] = 1; for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) A[i * n + g.colIdx[p]] = -0.6 * s[p]; }
    expectClose(choleskyLogDeterminant(L), denseLogAbsDet(A, n), 1e-10, "logdet");
    expect(choleskyNumeric(sym, new Float64Array(n).fill(1), s.map((v) => -1.2 * v))).toBeNull();
  });

  it("exact traces of (I − ρW)⁻¹W agree between the dense and sparse routes, Hutchinson within MC error", () => {
    const g = grid(10, 10).standardize("W").toCSR();
    const sparse = inverseTraces(g, 0.5);
    expect(sparse.method).toBe("exact-sparse");
    // dense: make the weights non-similar-looking by using the general route on the same matrix through eigen
    const eig = weightsEigenvalues(g).real;
    let trB = 0, trBB = 0;
    for (const l of eig) { trB += l / (1 - 0.5 * l); trBB += (l / (1 - 0.5 * l)) ** 2; }
    expectClose(sparse.trB, trB, 1e-10, "tr B");
    expectClose(sparse.trBB, trBB, 1e-10, "tr B²");
    expect(sparse.algorithm).toBe("selected-inverse");
    const h = inverseTraces(g, 0.5, { forceHutchinson: true, probes: 400, seed: 2 });
    expect(h.method).toBe("hutchinson");
    expect(Math.abs(h.trBtB - sparse.trBtB)).toBeLessThan(0.05 * sparse.trBtB);
  });
  it("selected-inverse traces equal dense brute force and the n column solves, at any ρ including ρ near 0 and negative", () => {
    // an irregular pattern (rook grid with two extra links) so that the row sums d differ across regions
    const base = grid(6, 7);
    const nb = base.neighbors.map((l) => [...l]);
    nb[0].push(20); nb[20].push(0); nb[5].push(33); nb[33].push(5);
    const g = new weights.SpatialWeights(base.ids, nb).standardize("W").toCSR();
    const n = g.n;
    const Wd = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) Wd[i * n + g.colIdx[p]] = g.values[p];
    for (const rho of [0, 1e-9, 1e-4, 0.35, 0.9, -0.6]) {
      const IA = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) IA[i] = -rho * Wd[i];
      for (let i = 0; i < n; i++) IA[i * n + i] += 1;
      const A = inverseGeneral(IA, n, "test");
      const B = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) { const a = A[i * n + l]; if (a !== 0) for (let j = 0; j < n; j++) B[i * n + j] += a * Wd[l * n + j]; }
      let trB = 0, trBB = 0, trBtB = 0;
      for (let i = 0; i < n; i++) { trB += B[i * n + i]; for (let j = 0; j < n; j++) { trBB += B[i * n + j] * B[j * n + i]; trBtB += B[i * n + j] ** 2; } }
      const fast = inverseTraces(g, rho);
      const cols = inverseTraces(g, rho, { exactAlgorithm: "column-solves" });
      expect(cols.algorithm).toBe("column-solves");
      for (const t of [fast, cols]) {
        expectClose(t.trB, trB, 1e-10, `tr B at rho=${rho}`, 1e-13);
        expectClose(t.trBB, trBB, 1e-10, `tr B² at rho=${rho}`, 1e-13);
        expectClose(t.trBtB, trBtB, 1e-10, `tr B'B at rho=${rho}`, 1e-13);
      }
    }
  });
});
