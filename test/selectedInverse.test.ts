import { describe, it, expect } from "vitest";
import { densePattern, denseProduct, scrambledGrid, symmetricOffValues } from "./helpers/sparsePattern";
import {
  choleskySymbolic, choleskyNumeric, choleskyNumericTangent, selectedInverse, factorPosition,
  minimumDegreeOrdering, inverseGeneral, type SymmetricDirection,
} from "../lib/linalg";

// Test inputs (test/helpers/sparsePattern.ts): rook contiguity on a grid with scrambled labels, and a symmetric
// matrix A = diag(δ) − ρ C on that pattern (diagonally dominant, so positive definite). Brute force
// is the dense inverse (lib/linalg inverseGeneral, Gauss–Jordan).

const pat = Object.freeze(scrambledGrid(7, 9)); // n = 63
const n = pat.n;
const diag = Float64Array.from({ length: n }, (_, i) => 4.5 + ((i * 7) % 5) / 10);
// symmetric values: depend on the unordered pair
const off = symmetricOffValues(pat);

const dense = (d: ArrayLike<number>, o: ArrayLike<number>) => densePattern(pat, d, o);
const matmul = (A: Float64Array, B: Float64Array) => denseProduct(A, B, n);

describe("selected inverse (Takahashi) with forward-mode derivatives", () => {
  const sym = choleskySymbolic(pat);
  const Z = inverseGeneral(dense(diag, off), n, "test");
  const E1: SymmetricDirection = { offValues: Float64Array.from(off, (v) => 0.4 * v) }; // symmetric, on the pattern
  const E2: SymmetricDirection = { diagonal: Float64Array.from(diag, (_, i) => 1 + (i % 4)) };
  const E3: SymmetricDirection = { diagonal: Float64Array.from(diag, () => 0.5), offValues: Float64Array.from(off, (v) => -v) };

  it("equals the dense inverse on every entry of the factor's pattern", () => {
    const L = choleskyNumeric(sym, diag, off)!;
    const { Zx } = selectedInverse(L);
    let checked = 0;
    for (let j = 0; j < n; j++) {
      for (let p = sym.lColPtr[j]; p < sym.lColPtr[j + 1]; p++) {
        const i = L.Li[p];
        const ref = Z[sym.perm[i] * n + sym.perm[j]];
        expect(Math.abs(Zx[p] - ref)).toBeLessThan(1e-13);
        checked++;
      }
    }
    expect(checked).toBe(sym.nnzL);
  });

  it("gives derivatives equal to −Z E Z (brute force) along two directions", () => {
    const L = choleskyNumericTangent(sym, diag, off, [E1, E2])!;
    const { Zx, dZx, directions } = selectedInverse(L);
    expect(directions).toBe(2);
    const plain = selectedInverse(choleskyNumeric(sym, diag, off)!);
    for (let p = 0; p < Zx.length; p++) expect(Math.abs(Zx[p] - plain.Zx[p])).toBeLessThan(1e-14);
    const ZEZ = [E1, E2].map((E) => matmul(matmul(Z, dense(E.diagonal ?? new Float64Array(n), E.offValues ?? new Float64Array(off.length))), Z));
    for (let j = 0; j < n; j++) {
      for (let p = sym.lColPtr[j]; p < sym.lColPtr[j + 1]; p++) {
        const i = L.Li[p];
        for (let q = 0; q < 2; q++) {
          const ref = -ZEZ[q][sym.perm[i] * n + sym.perm[j]];
          expect(Math.abs(dZx[2 * p + q] - ref)).toBeLessThan(1e-13);
        }
      }
    }
  });

  it("agrees between the general path (1 and 3 directions) and the two-direction fast path, and with finite differences", () => {
    const two = selectedInverse(choleskyNumericTangent(sym, diag, off, [E1, E2])!);
    const one = selectedInverse(choleskyNumericTangent(sym, diag, off, [E2])!);
    const three = selectedInverse(choleskyNumericTangent(sym, diag, off, [E1, E2, E3])!);
    for (let p = 0; p < two.Zx.length; p++) {
      expect(Math.abs(one.dZx[p] - two.dZx[2 * p + 1])).toBeLessThan(1e-14);
      expect(Math.abs(three.dZx[3 * p] - two.dZx[2 * p])).toBeLessThan(1e-14);
      expect(Math.abs(three.dZx[3 * p + 1] - two.dZx[2 * p + 1])).toBeLessThan(1e-14);
    }
    // central difference along E3 (diagonal and off-diagonal at once)
    const h = 1e-5;
    const at = (t: number) => selectedInverse(choleskyNumeric(sym, diag.map((v) => v + t * 0.5), off.map((v) => v - t * v))!).Zx;
    const zp = at(h), zm = at(-h);
    for (let p = 0; p < two.Zx.length; p++) expect(Math.abs((zp[p] - zm[p]) / (2 * h) - three.dZx[3 * p + 2])).toBeLessThan(1e-8);
  });

  it("returns null for a matrix that is not positive definite, and finds entries of the pattern", () => {
    expect(choleskyNumericTangent(sym, diag.map(() => 0.5), off, [E1, E2])).toBeNull();
    const L = choleskyNumeric(sym, diag, off)!;
    const j = 0, p = sym.lColPtr[j] + 1;
    expect(factorPosition(L, L.Li[p], j)).toBe(p);
    expect(factorPosition(L, j, j)).toBe(sym.lColPtr[j]);
    // a row outside column 0's pattern
    const inCol = new Set(Array.from(L.Li.subarray(sym.lColPtr[0], sym.lColPtr[1])));
    const outside = Array.from({ length: n }, (_, i) => i).find((i) => i > 0 && !inCol.has(i))!;
    expect(factorPosition(L, outside, 0)).toBe(-1);
  });
});

describe("minimum-degree ordering", () => {
  it("equals a brute-force minimum degree on the dense elimination graph (exact degrees, ties to the lower index)", () => {
    const adj: boolean[][] = Array.from({ length: n }, () => new Array(n).fill(false));
    for (let i = 0; i < n; i++) for (let p = pat.rowPtr[i]; p < pat.rowPtr[i + 1]; p++) adj[i][pat.colIdx[p]] = true;
    const alive = new Array(n).fill(true);
    const brute: number[] = [];
    for (let step = 0; step < n; step++) {
      let best = -1, bestDeg = Infinity;
      for (let v = 0; v < n; v++) {
        if (!alive[v]) continue;
        let deg = 0;
        for (let u = 0; u < n; u++) if (alive[u] && u !== v && adj[v][u]) deg++;
        if (deg < bestDeg) { bestDeg = deg; best = v; }
      }
      const nb = [];
      for (let u = 0; u < n; u++) if (alive[u] && u !== best && adj[best][u]) nb.push(u);
      for (const a of nb) for (const b of nb) if (a !== b) adj[a][b] = true;
      alive[best] = false;
      brute.push(best);
    }
    expect(Array.from(minimumDegreeOrdering(pat))).toEqual(brute);
  });
});
