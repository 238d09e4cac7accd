import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataFrame } from "danfojs-node";
import { weights } from "../lib/weights";
import { logDeterminant, spatialLag, spatialError, inverseTraces, LU_EXACT_TRACES_MAX_N } from "../lib/spatialreg";
import { denseLogAbsDet } from "../lib/spatialreg/logDeterminant";
import { sparseLUSymbolic, sparseLUNumeric, sparseLUSolve, sparseLUSolveBlock, postorderedOrdering } from "../lib/linalg/sparseLU";
import { minimumDegreeOrdering } from "../lib/linalg/sparseCholesky";
import { supernodalSymbolic } from "../lib/linalg/supernodalCholesky";
import { nestedDissectionOrdering } from "../lib/linalg/nestedDissection";
import { csrToDense, type CSR } from "../lib/linalg/csr";
import { rng } from "../lib/random/rng";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2, spdep 1.2-7, spatialreg 1.2-6: test/reference/spatialreg-lu-knn.R (Boston tracts, n = 506,
// 6-nearest-neighbour weights on spData::boston.utm, style "W"; lagsarlm / errorsarlm method = "LU";
// determinant() of the dense I − rho W).
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-lu-knn.json"), "utf8"));
const n: number = ref.coords.length;
const ids = Array.from({ length: n }, (_, i) => String(i + 1));
const knn6 = new weights.SpatialWeights(ids, ref.neighbours);
const data = Object.freeze({ ...ref.data, id: ids });
const formula = "lnCMEDV ~ CRIM + RM + LSTAT + NOX";

/** A random n × n matrix with `perRow` off-diagonal entries per row, absolute row sums 1 (asymmetric pattern). */
function randomWeights(size: number, perRow: number, seed: number, signed = false): CSR {
  const g = rng(seed);
  const rowPtr = new Int32Array(size + 1);
  const colIdx: number[] = [], values: number[] = [];
  for (let i = 0; i < size; i++) {
    const cols = new Set<number>();
    while (cols.size < Math.min(perRow, size - 1)) { const j = Math.floor(g.next() * size); if (j !== i) cols.add(j); }
    for (const j of cols) { colIdx.push(j); values.push((signed && g.next() < 0.4 ? -1 : 1) / cols.size); }
    rowPtr[i + 1] = colIdx.length;
  }
  return { n: size, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}

function iMinusRhoW(W: CSR, rho: number): Float64Array {
  const A = csrToDense(W).map((v) => -rho * v);
  for (let i = 0; i < W.n; i++) A[i * W.n + i] += 1;
  return A;
}

describe("sparse LU without pivoting (lib/linalg/sparseLU) against dense LU", () => {
  it("ln|det(I − rho W)| equals dense partial-pivoting LU for asymmetric patterns, default and nested-dissection orderings", () => {
    for (const [size, perRow, seed] of [[7, 2, 1], [60, 3, 2], [250, 5, 3]] as const) {
      for (const signed of [false, true]) {
        const W = randomWeights(size, perRow, seed, signed);
        const pattern = { n: size, rowPtr: W.rowPtr, colIdx: W.colIdx };
        // nested dissection needs a symmetric pattern: take it from the default analysis' symmetrized one
        const sym = sparseLUSymbolic(W);
        const symND = sparseLUSymbolic(W, { perm: nestedDissectionOrdering(symmetrized(pattern)) });
        for (const rho of [-0.95, -0.3, 0.4, 0.99]) {
          const dense = denseLogAbsDet(iMinusRhoW(W, rho), size);
          for (const s of [sym, symND]) {
            const F = sparseLUNumeric(s, W.values, { addDiagonal: new Float64Array(size).fill(1), scale: -rho });
            expect(F).not.toBeNull();
            expectClose(F!.logAbsDeterminant, dense, 1e-10, `logdet n = ${size}, rho = ${rho}`, 1e-12);
            expect(F!.sign).toBe(1);
          }
        }
      }
    }
  });

  it("solves A x = b and A' x = b to rounding, one and many right-hand sides, without touching W", () => {
    const W = randomWeights(300, 6, 9);
    const frozen = Float64Array.from(W.values);
    const rho = 0.8, size = W.n;
    const F = sparseLUNumeric(sparseLUSymbolic(W), W.values, { addDiagonal: new Float64Array(size).fill(1), scale: -rho })!;
    const A = iMinusRhoW(W, rho);
    const g = rng(4);
    const b = Float64Array.from({ length: size }, () => g.next() - 0.5);
    for (const transpose of [false, true]) {
      const x = sparseLUSolve(F, b, transpose);
      for (let i = 0; i < size; i++) {
        let s = 0;
        for (let j = 0; j < size; j++) s += (transpose ? A[j * size + i] : A[i * size + j]) * x[j];
        expect(Math.abs(s - b[i])).toBeLessThan(1e-13);
      }
      // three right-hand sides at once (permuted coordinates) equal three single solves
      const perm = F.symbolic.supernodal.perm;
      const X = new Float64Array(size * 3);
      for (let k = 0; k < size; k++) for (let q = 0; q < 3; q++) X[k * 3 + q] = (q + 1) * b[perm[k]];
      sparseLUSolveBlock(F, X, 3, transpose);
      for (let k = 0; k < size; k++) for (let q = 0; q < 3; q++) expect(Math.abs(X[k * 3 + q] - (q + 1) * x[perm[k]])).toBeLessThan(1e-12);
    }
    expect(W.values).toEqual(frozen);
  });

  it("postordering the elimination tree keeps the fill of minimum degree and merges its columns into wider supernodes", () => {
    const pattern = symmetrized(knn6.toCSR());
    const md = minimumDegreeOrdering(pattern);
    const post = postorderedOrdering(pattern, md);
    expect([...post].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    // same exact fill (and the same fundamental supernodes); relaxed amalgamation, which merges only consecutive
    // columns of a chain, finds far more to merge in the postorder (Boston kNN6: 222 supernodes before, 119 after)
    const exactA = supernodalSymbolic(pattern, { perm: md, relax: false }), exactB = supernodalSymbolic(pattern, { perm: post, relax: false });
    expect(exactB.nnzL).toBe(exactA.nnzL);
    expect(exactB.nsuper).toBe(exactA.nsuper);
    expect(supernodalSymbolic(pattern, { perm: post }).nsuper).toBeLessThan(0.7 * supernodalSymbolic(pattern, { perm: md }).nsuper);
  });

  it("reports a vanishing pivot as null (no pivoting) and rejects a malformed pattern", () => {
    // [[0, 1], [1, 0]]: det = −1, but the first pivot is 0
    const A: CSR = { n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]), values: new Float64Array([1, 1]) };
    expect(sparseLUNumeric(sparseLUSymbolic(A), A.values)).toBeNull();
    const bad: CSR = { n: 2, rowPtr: new Int32Array([0, 1, 1]), colIdx: new Int32Array([5]), values: new Float64Array([1]) };
    expect(() => sparseLUSymbolic(bad)).toThrow("sparseLUSymbolic: column index 5 out of range in row 0 (n = 2)");
    expect(() => sparseLUSolveBlock(sparseLUNumeric(sparseLUSymbolic(A), A.values, { addDiagonal: [2, 2] })!, new Float64Array(3), 2))
      .toThrow("sparseLUSolveBlock: X must hold n × m = 4 values, got 3");
  });
});

describe('logdet "lu" against spatialreg 1.2-6 method = "LU" (Boston, 6-nearest-neighbour weights, n = 506)', () => {
  const W = knn6.standardize("W").toCSR();

  it("auto picks the exact sparse LU for weights not similar to symmetric above n = 400, equal to R's determinant()", () => {
    const ld = logDeterminant(W, "auto");
    expect(ld.method).toBe("lu");
    expect(ld.interval).toEqual(ref.lag.interval); // spatialreg's default for "LU": [-1, 0.999]
    ref.rho.forEach((r: number, i: number) => expectClose(ld.logdet(r), ref.logdetExact[i], 1e-10, `ln|I − ${r} W|`));
  });

  it("spatialLag equals lagsarlm(method = \"LU\"): rho, coefficients, standard errors, log-likelihood (danfo DataFrame input)", () => {
    const m = spatialLag(new DataFrame(data), formula, knn6, { id: "id" });
    expect(m.logdetMethod).toBe("lu");
    expect(m.traceMethod).toBe("exact-sparse");
    expectClose(m.rho, ref.lag.param, RTOL, "rho");
    expectClose(m.rhoStdError, ref.lag.paramSE, RTOL, "rho SE");
    expectClose(m.logLik, ref.lag.logLik, RTOL, "logLik");
    expectClose(m.sigma2, ref.lag.sigma2, RTOL, "sigma2");
    expect(m.coefficients.map((c) => c.term)).toEqual(ref.lag.terms);
    m.coefficients.forEach((c, j) => {
      expectClose(c.estimate, ref.lag.coefficients[j], RTOL, `beta ${c.term}`);
      expectClose(c.stdError, ref.lag.stdErrors[j], RTOL, `SE ${c.term}`);
    });
  });

  it("spatialError equals errorsarlm(method = \"LU\"): lambda, coefficients, standard errors, log-likelihood", () => {
    const m = spatialError(data, formula, knn6, { id: "id" });
    expect(m.logdetMethod).toBe("lu");
    expectClose(m.lambda, ref.error.param, RTOL, "lambda");
    expectClose(m.lambdaStdError, ref.error.paramSE, RTOL, "lambda SE");
    expectClose(m.logLik, ref.error.logLik, RTOL, "logLik");
    m.coefficients.forEach((c, j) => {
      expectClose(c.estimate, ref.error.coefficients[j], RTOL, `beta ${c.term}`);
      expectClose(c.stdError, ref.error.stdErrors[j], RTOL, `SE ${c.term}`);
    });
  });

  it("exact traces (column solves) equal the dense inverse; above LU_EXACT_TRACES_MAX_N the log-determinant derivatives and Hutchinson stay within their stated errors", () => {
    expect(LU_EXACT_TRACES_MAX_N).toBeGreaterThanOrEqual(n);
    for (const rho of [-0.4, 0.6, 0.9]) {
      const dense = inverseTraces(W, rho); // dense inverse of I − rho W (brute force)
      expect(dense.method).toBe("exact-dense");
      const exact = logDeterminant(W, "lu").inverseTraces!(rho);
      expect(exact.method).toBe("exact-sparse");
      for (const key of ["trB", "trBB", "trBtB"] as const) expectClose(exact[key], dense[key], 1e-10, `${key} at rho = ${rho}`);
      const large = logDeterminant(W, { method: "lu", exactTracesMaxN: 100 }).inverseTraces!(rho);
      expect(large.method).toBe("hutchinson");
      expect(large.probes).toBe(64);
      // tr(B), tr(B²): five-point derivatives of the exact log-determinant, far inside their error bound
      expectClose(large.trB, dense.trB, 1e-8, `trB (derivative) at rho = ${rho}`);
      expectClose(large.trBB, dense.trBB, 1e-7, `trBB (derivative) at rho = ${rho}`);
      expect(Math.abs(large.trB - dense.trB)).toBeLessThanOrEqual(large.standardErrors!.trB);
      // tr(B'B): Monte Carlo, within 4 of its standard errors
      expect(Math.abs(large.trBtB - dense.trBtB)).toBeLessThan(4 * large.standardErrors!.trBtB);
    }
  });

  it("says what is wrong: weights with row sums above 1, an interval outside [-1, 1], |rho| ≥ 1", () => {
    const binary = knn6.toCSR();
    expect(() => logDeterminant(binary, "lu", "spatialLag")).toThrow('spatialLag: logdet "lu" needs weights with absolute row sums at most 1 (e.g. row-standardized style "W"), so that I − rho W is diagonally dominant for |rho| < 1; row 1 sums to 6 (use logdet "eigen" for these weights)');
    expect(() => spatialLag(data, formula, knn6, { id: "id", interval: [-1.5, 0.9] })).toThrow('spatialLag: interval [-1.5, 0.9] reaches outside [-1, 1], where logdet "lu" factorizes I − rho W without pivoting (diagonally dominant); choose an interval inside it');
    const ld = logDeterminant(W, "lu", "spatialError");
    expect(ld.logdet(1)).toBe(-Infinity);
    expect(() => ld.solve!(1, new Float64Array(n))).toThrow('spatialError: logdet "lu" needs |rho| < 1 (I − rho W diagonally dominant), got rho = 1');
  });
});

/** Symmetric pattern of P + P' without the diagonal. */
function symmetrized(p: { n: number; rowPtr: Int32Array; colIdx: Int32Array }): { n: number; rowPtr: Int32Array; colIdx: Int32Array } {
  const rows: Set<number>[] = Array.from({ length: p.n }, () => new Set());
  for (let i = 0; i < p.n; i++) for (let q = p.rowPtr[i]; q < p.rowPtr[i + 1]; q++) { const j = p.colIdx[q]; if (j !== i) { rows[i].add(j); rows[j].add(i); } }
  const rowPtr = new Int32Array(p.n + 1);
  for (let i = 0; i < p.n; i++) rowPtr[i + 1] = rowPtr[i] + rows[i].size;
  return { n: p.n, rowPtr, colIdx: Int32Array.from(rows.flatMap((s) => [...s])) };
}
