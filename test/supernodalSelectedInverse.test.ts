import { describe, it, expect } from "vitest";
import { densePattern, denseProduct, scrambledGrid, symmetricOffValues } from "./helpers/sparsePattern";
import { inverseGeneral, type SymmetricDirection } from "../lib/linalg";
import { supernodalSymbolic, supernodalNumeric } from "../lib/linalg/supernodalCholesky";
import { supernodalNumericTangent2, supernodalSelectedInverse2, supernodalPosition } from "../lib/linalg/supernodalSelectedInverse";
import { nestedDissectionOrdering } from "../lib/linalg/nestedDissection";

// Test inputs (test/helpers/sparsePattern.ts): rook contiguity on a grid with scrambled labels, and a symmetric matrix
// A = diag(δ) − C on that pattern (diagonally dominant, so positive definite). Brute force is the dense
// inverse (lib/linalg inverseGeneral, Gauss–Jordan) and the dense products −Z E Z.

const pat = Object.freeze(scrambledGrid(12, 14)); // n = 168
const n = pat.n;
const diag = Float64Array.from({ length: n }, (_, i) => 4.5 + ((i * 7) % 5) / 10);
// symmetric values: depend on the unordered pair
const off = symmetricOffValues(pat);

const dense = (d: ArrayLike<number>, o: ArrayLike<number>) => densePattern(pat, d, o);
const matmul = (A: Float64Array, B: Float64Array) => denseProduct(A, B, n);

describe("supernodal selected inverse with forward-mode derivatives along two directions", () => {
  const E1: SymmetricDirection = Object.freeze({ offValues: Float64Array.from(off, (v) => 0.4 * v) });
  const E2: SymmetricDirection = Object.freeze({ diagonal: Float64Array.from(diag, (_, i) => 1 + (i % 4)), offValues: Float64Array.from(off, (v) => -v) });
  const Z = inverseGeneral(dense(diag, off), n, "test");
  const ZEZ = [E1, E2].map((E) => matmul(matmul(Z, dense(E.diagonal ?? new Float64Array(n), E.offValues ?? new Float64Array(off.length))), Z));

  for (const [label, sym] of [
    ["minimum degree, relaxed supernodes", supernodalSymbolic(pat)],
    ["nested dissection, relaxed supernodes", supernodalSymbolic(pat, { perm: nestedDissectionOrdering(pat) })],
    ["nested dissection, fundamental supernodes", supernodalSymbolic(pat, { perm: nestedDissectionOrdering(pat), relax: false })],
  ] as const) {
    it(`equals the dense inverse and −Z E Z on every stored entry (${label})`, () => {
      // the test needs supernodes with rows below their columns and more than one column
      let wide = 0, withRows = 0;
      for (let s = 0; s < sym.nsuper; s++) {
        const nc = sym.superPtr[s + 1] - sym.superPtr[s];
        if (nc > 1) wide++;
        if (sym.rowPtr[s + 1] - sym.rowPtr[s] > nc && nc > 1) withRows++;
      }
      expect(wide).toBeGreaterThan(3);
      expect(withRows).toBeGreaterThan(3);
      const F = supernodalNumericTangent2(sym, diag, off, E1, E2)!;
      const { Zx, dZa, dZb } = supernodalSelectedInverse2(F);
      let checked = 0;
      for (let s = 0; s < sym.nsuper; s++) {
        const f = sym.superPtr[s], nc = sym.superPtr[s + 1] - f, r0 = sym.rowPtr[s], nr = sym.rowPtr[s + 1] - r0;
        for (let c = 0; c < nc; c++) {
          for (let t = c; t < nr; t++) {
            const row = sym.rowIdx[r0 + t], col = f + c;
            const at = supernodalPosition(sym, row, col);
            expect(at).toBe(sym.blockPtr[s] + c * nr + t);
            const o = sym.perm[row] * n + sym.perm[col];
            expect(Math.abs(Zx[at] - Z[o])).toBeLessThan(1e-13);
            expect(Math.abs(dZa[at] + ZEZ[0][o])).toBeLessThan(1e-13);
            expect(Math.abs(dZb[at] + ZEZ[1][o])).toBeLessThan(1e-13);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(sym.nnzL);
    });
  }

  it("gives the derivatives of L by central differences, returns null when A is not positive definite, and -1 outside the pattern", () => {
    const sym = supernodalSymbolic(pat, { perm: nestedDissectionOrdering(pat) });
    const F = supernodalNumericTangent2(sym, diag, off, E1, E2)!;
    const h = 1e-5;
    const at = (t: number) => supernodalNumericTangent2(sym, Float64Array.from(diag, (v, i) => v + t * E2.diagonal![i]), Float64Array.from(off, (v, p) => v + t * E2.offValues![p]), E1, E2)!.Lx;
    const lp = at(h), lm = at(-h);
    for (let p = 0; p < F.Lx.length; p++) expect(Math.abs((lp[p] - lm[p]) / (2 * h) - F.dLb[p])).toBeLessThan(1e-8);
    expect(supernodalNumericTangent2(sym, diag.map(() => 0.5), off, E1, E2)).toBeNull();
    // a row outside column 0's supernode row set
    const s0 = sym.colToSuper[0];
    const rows = new Set(Array.from(sym.rowIdx.subarray(sym.rowPtr[s0], sym.rowPtr[s0 + 1])));
    const outside = Array.from({ length: n }, (_, i) => i).find((i) => i > 0 && !rows.has(i))!;
    expect(supernodalPosition(sym, outside, 0)).toBe(-1);
  });
});

describe("supernodal tangent factorization in reused storage", () => {
  it("gives the values of supernodalNumeric bit for bit, in the storage of the factor passed as work", () => {
    const sym = supernodalSymbolic(pat, { perm: nestedDissectionOrdering(pat) });
    const plain = supernodalNumeric(sym, diag, off)!;
    const work = supernodalNumeric(sym, diag.map((v) => v + 1), off)!;
    const F = supernodalNumericTangent2(sym, diag, off, { diagonal: diag }, { offValues: off }, work)!;
    expect(F.Lx).toBe(work.Lx);
    expect(Array.from(F.Lx)).toEqual(Array.from(plain.Lx));
  });
});
