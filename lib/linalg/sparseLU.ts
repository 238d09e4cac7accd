/**
 * Supernodal sparse LU factorization P A Pᵀ = L U without pivoting, for a matrix with an unsymmetric pattern
 * and changing values (e.g. I − ρW with k-nearest-neighbour weights).
 *
 * Long name: left-looking supernodal LU with a symmetric fill-reducing ordering and static pivots (Davis 2006,
 * *Direct Methods for Sparse Linear Systems*, ch. 6 and 9; the symmetric-pattern LU of Amestoy, Duff &
 * L'Excellent's MUMPS). The ordering and the supernodes come from the symmetric pattern of A + Aᵀ
 * ({@link supernodalSymbolic}), so L and Uᵀ share the Cholesky structure of that pattern; each supernode keeps
 * two dense column-major blocks of the same shape, one for L (unit lower; the diagonal block also holds the
 * diagonal of U) and one for Uᵀ. Every supernode receives the updates of the earlier ones that reach it as dense
 * products, then a dense LU of its panel. No pivoting: this is exact and stable when A is strictly diagonally
 * dominant by rows (I − ρW with absolute row sums of W at most 1 and |ρ| < 1: every pivot is positive, because
 * Gaussian elimination keeps row diagonal dominance); for other matrices a pivot that vanishes or turns
 * non-positive is reported as a breakdown (null). Iterative throughout: any n the memory allows works.
 */
import type { CSR } from "./csr";
import { supernodalSymbolic, eliminationTree, blockTriangularSolves, rowsBefore, queueNext, type SupernodalSymbolic } from "./supernodalCholesky";
import { minimumDegreeOrdering, type SymmetricPattern } from "./sparseCholesky";
import { nestedDissectionOrdering } from "./nestedDissection";

/**
 * Largest n for which {@link sparseLUSymbolic} also tries minimum degree and keeps whichever ordering needs fewer
 * operations. On 6-nearest-neighbour graphs of uniform points minimum degree needs 5 to 6 times fewer than nested
 * dissection by level structures (3.6e7 against 2.1e8 multiply-adds at n = 40,000; 3.9e8 against 2.0e9 at
 * 160,000), but the exact minimum degree itself takes 0.6 s at 40,000 and 5 s at 160,000 on the shared 2-core
 * machine, so above this n only nested dissection is used.
 */
export const LU_MINIMUM_DEGREE_MAX_N = 200_000;

/**
 * The ordering `perm` followed by a postorder of its elimination tree (Liu 1990, "The role of elimination trees in
 * sparse factorization", SIAM J. Matrix Anal. Appl. 11(1)): the same fill, but every subtree is numbered
 * consecutively, so chains of the tree become consecutive columns and can form supernodes (minimum degree alone
 * leaves them scattered: 1.85 columns per supernode on a 6-nearest-neighbour graph at n = 40,000).
 * @param pattern symmetric pattern (CSR, diagonal ignored)
 * @param perm ordering perm[new] = old
 * @returns the postordered permutation perm[new] = old
 * @example postorderedOrdering({ n: 3, rowPtr: new Int32Array([0, 1, 2, 2]), colIdx: new Int32Array([1, 0]) }, new Int32Array([0, 2, 1])) // Int32Array [2, 0, 1]
 */
export function postorderedOrdering(pattern: SymmetricPattern, perm: Int32Array): Int32Array {
  const n = pattern.n;
  const { parent } = eliminationTree(pattern, perm);
  // children lists in increasing order, then an iterative depth-first postorder from each root
  const head = new Int32Array(n).fill(-1), next = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) if (parent[j] !== -1) { next[j] = head[parent[j]]; head[parent[j]] = j; }
  const out = new Int32Array(n);
  const stack = new Int32Array(n);
  let pos = 0;
  for (let r = 0; r < n; r++) {
    if (parent[r] !== -1) continue;
    let top = 0;
    stack[top++] = r;
    while (top > 0) {
      const v = stack[top - 1];
      const c = head[v];
      if (c === -1) { top--; out[pos++] = perm[v]; }
      else { head[v] = next[c]; stack[top++] = c; }
    }
  }
  return out;
}

/** Σ over columns of (non-zeros of L in the column)²: the multiply-adds of a factorization, up to a constant. */
function factorWork(pattern: SymmetricPattern, perm: Int32Array): number {
  const { colCount } = eliminationTree(pattern, perm);
  let w = 0;
  for (let j = 0; j < pattern.n; j++) w += colCount[j] * colCount[j];
  return w;
}

/** Symbolic analysis of {@link sparseLUNumeric}: the supernodal analysis of the pattern of A + Aᵀ and A's entries on it. */
export interface SparseLUSymbolic {
  n: number;
  /** Supernodal analysis of the symmetrized pattern (ordering perm[new] = old, supernodes, row sets). */
  supernodal: SupernodalSymbolic;
  /** For each entry p of the symmetrized pattern (row a, column b): index in A's values of A[a, b], or −1. */
  sourceAt: Int32Array;
  /** Index in A's values of A[b, a] (the transposed position), or −1. */
  sourceTransposed: Int32Array;
  /** Index in A's values of each diagonal entry A[i, i], or −1. */
  diagonalSource: Int32Array;
}

/**
 * Symbolic LU analysis of a square sparse matrix A given by its pattern (values are ignored): the symmetric
 * pattern of A + Aᵀ, its fill-reducing ordering and supernodes.
 * @param A square CSR matrix (values unused; column indices within each row in any order, no duplicates)
 * @param options `perm`: ordering perm[new] = old (default: nested dissection, or minimum degree when it needs fewer
 *   operations and n ≤ {@link LU_MINIMUM_DEGREE_MAX_N})
 * @throws `sparseLUSymbolic: column index ... out of range` for a malformed pattern
 * @example sparseLUSymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 1]), colIdx: new Int32Array([1]), values: new Float64Array([0.5]) }).supernodal.nnzL // 3
 */
export function sparseLUSymbolic(A: CSR, options: { perm?: Int32Array } = {}): SparseLUSymbolic {
  const { n, rowPtr, colIdx } = A;
  const diagonalSource = new Int32Array(n).fill(-1);
  // symmetrized pattern without the diagonal: row a holds b when A[a, b] ≠ 0 or A[b, a] ≠ 0
  const count = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) {
      const b = colIdx[p];
      if (!(b >= 0 && b < n)) throw new Error(`sparseLUSymbolic: column index ${b} out of range in row ${a} (n = ${n})`);
      if (b === a) { diagonalSource[a] = p; continue; }
      count[a + 1]++; count[b + 1]++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const rowsB = new Int32Array(count[n]);
  const srcB = new Int32Array(count[n]); // A index of the entry, signed: ≥ 0 for A[a, b], −(p + 1) for the mirror of A[b, a]
  for (let a = 0; a < n; a++) {
    for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) {
      const b = colIdx[p];
      if (b === a) continue;
      rowsB[fill[a]] = b; srcB[fill[a]++] = p;
      rowsB[fill[b]] = a; srcB[fill[b]++] = -(p + 1);
    }
  }
  // merge duplicates (A[a, b] and A[b, a] both present) row by row, in place
  const sRowPtr = new Int32Array(n + 1);
  const sCol = new Int32Array(count[n]), at = new Int32Array(count[n]).fill(-1), tr = new Int32Array(count[n]).fill(-1);
  const slot = new Int32Array(n).fill(-1);
  let used = 0;
  for (let a = 0; a < n; a++) {
    const start = used;
    for (let q = count[a]; q < count[a + 1]; q++) {
      const b = rowsB[q], src = srcB[q];
      let k = slot[b];
      if (k < start) { k = used++; slot[b] = k; sCol[k] = b; }
      if (src >= 0) at[k] = src; else tr[k] = -src - 1;
    }
    sRowPtr[a + 1] = used;
  }
  const pattern: SymmetricPattern = { n, rowPtr: sRowPtr, colIdx: sCol.slice(0, used) };
  let perm = options.perm;
  if (!perm) {
    perm = nestedDissectionOrdering(pattern);
    if (n <= LU_MINIMUM_DEGREE_MAX_N) {
      const md = postorderedOrdering(pattern, minimumDegreeOrdering(pattern));
      if (factorWork(pattern, md) < factorWork(pattern, perm)) perm = md;
    }
  }
  const supernodal = supernodalSymbolic(pattern, { perm });
  const sourceAt = at.slice(0, used), sourceTransposed = tr.slice(0, used);
  return { n, supernodal, sourceAt, sourceTransposed, diagonalSource };
}

/** A numeric LU factor: the dense blocks of L and of Uᵀ on the supernodal structure. */
export interface SparseLUFactor {
  symbolic: SparseLUSymbolic;
  /** L blocks (strictly lower part; the diagonal of each diagonal block is U's diagonal). */
  Lx: Float64Array;
  /** Uᵀ blocks (strictly lower part; diagonal unused). */
  Ux: Float64Array;
  /** Σ ln |u_jj|. */
  logAbsDeterminant: number;
  /** Sign of det A (product of the pivots' signs). */
  sign: number;
}

/** Options of {@link sparseLUNumeric}. */
export interface SparseLUNumericOptions {
  /** Diagonal added to A's own diagonal (length n, original order), e.g. the identity of I − ρW. */
  addDiagonal?: ArrayLike<number>;
  /** Scale of A's values (A = addDiagonal + scale · values): −ρ for I − ρW. Default 1. */
  scale?: number;
  /** A factor of the same analysis whose storage is reused. */
  work?: SparseLUFactor;
  /** Smallest admissible |pivot| relative to the largest absolute entry of its row of A (default 1e-12). */
  pivotTolerance?: number;
}

/**
 * Numeric LU of A = diag(addDiagonal) + scale · A_values on the analysis of {@link sparseLUSymbolic}, without pivoting.
 * @param sym symbolic analysis
 * @param values A's values aligned with the CSR the analysis was built from
 * @param options `addDiagonal`, `scale`, `work`, `pivotTolerance`
 * @returns the factor, or null when a pivot vanishes (|u_jj| below the tolerance): no static-pivot LU in this ordering
 * @example
 * const A = { n: 2, rowPtr: new Int32Array([0, 2, 4]), colIdx: new Int32Array([0, 1, 0, 1]), values: new Float64Array([2, 1, 4, 3]) };
 * sparseLUNumeric(sparseLUSymbolic(A), A.values)!.logAbsDeterminant // ln 2 = 0.6931471805599453 (det = 2·3 − 1·4)
 */
export function sparseLUNumeric(sym: SparseLUSymbolic, values: ArrayLike<number>, options: SparseLUNumericOptions = {}): SparseLUFactor | null {
  const sn = sym.supernodal;
  const { n, perm, nsuper, superPtr, colToSuper, rowPtr, rowIdx, blockPtr, aColPtr, aColRow, aColSrc } = sn;
  const { sourceAt, sourceTransposed, diagonalSource } = sym;
  const scale = options.scale ?? 1;
  const addDiagonal = options.addDiagonal;
  const tol = options.pivotTolerance ?? 1e-12;
  const work = options.work && options.work.symbolic === sym ? options.work : undefined;
  const Lx = work ? work.Lx : new Float64Array(sn.storedEntries);
  const Ux = work ? work.Ux : new Float64Array(sn.storedEntries);
  const rel = new Int32Array(n);
  const head = new Int32Array(nsuper).fill(-1);
  const link = new Int32Array(nsuper);
  const pos = new Int32Array(nsuper);
  // largest |A[i, ·]| of each original row (scaled), for the relative pivot check
  const rowScale = new Float64Array(n);
  let CL = new Float64Array(1024), CU = new Float64Array(1024);
  let logAbs = 0, sign = 1;
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], l = superPtr[s + 1], nc = l - f;
    const r0 = rowPtr[s], nr = rowPtr[s + 1] - r0;
    const off = blockPtr[s];
    Lx.fill(0, off, off + nr * nc);
    Ux.fill(0, off, off + nr * nc);
    for (let t = 0; t < nr; t++) rel[rowIdx[r0 + t]] = t;
    for (let j = f; j < l; j++) {
      const col = off + (j - f) * nr;
      const o = perm[j];
      const dsrc = diagonalSource[o];
      const dv = (addDiagonal ? addDiagonal[o] : 0) + (dsrc >= 0 ? scale * values[dsrc] : 0);
      Lx[col + (j - f)] = dv;
      let big = Math.abs(dv);
      for (let p = aColPtr[j]; p < aColPtr[j + 1]; p++) {
        // pattern entry at (perm[j], perm[i]), i = aColRow[p] > j: A_perm[i, j] is the transposed entry, A_perm[j, i] the entry itself
        const q = aColSrc[p], t = rel[aColRow[p]];
        const lo = sourceTransposed[q], up = sourceAt[q];
        if (lo >= 0) Lx[col + t] = scale * values[lo];
        if (up >= 0) { const v = scale * values[up]; Ux[col + t] = v; const av = Math.abs(v); if (av > big) big = av; }
      }
      rowScale[j] = big;
    }
    // updates from every earlier supernode d with rows in f .. l − 1
    let d = head[s];
    head[s] = -1;
    while (d !== -1) {
      const nextD = link[d];
      const rd0 = rowPtr[d], nrd = rowPtr[d + 1] - rd0, ncd = superPtr[d + 1] - superPtr[d];
      const offd = blockPtr[d];
      const p0 = pos[d];
      const p1 = rowsBefore(rowIdx, rd0, nrd, p0, l);
      const w = p1 - p0, m = nrd - p0;
      if (CL.length < m * w) { CL = new Float64Array(Math.max(m * w, 2 * CL.length)); CU = new Float64Array(CL.length); }
      CL.fill(0, 0, m * w);
      CU.fill(0, 0, m * w);
      // CL[r, c] = Σ_k L_d[r, k] U_d[k, c] (r ≥ c), CU[r, c] = Σ_k Uᵀ_d[r, k] L_d[c, k] (r > c); four, then two
      // columns of d at a time (each entry of CL and CU loaded and stored once per four multiply-adds)
      let k = 0;
      for (; k + 3 < ncd; k += 4) {
        const b0 = offd + k * nrd + p0, b1 = b0 + nrd, b2 = b1 + nrd, b3 = b2 + nrd;
        for (let c = 0; c < w; c++) {
          const u0 = Ux[b0 + c], u1 = Ux[b1 + c], u2 = Ux[b2 + c], u3 = Ux[b3 + c];
          const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
          const cc = c * m;
          CL[cc + c] += l0 * u0 + l1 * u1 + l2 * u2 + l3 * u3;
          for (let r = c + 1; r < m; r++) {
            CL[cc + r] += Lx[b0 + r] * u0 + Lx[b1 + r] * u1 + Lx[b2 + r] * u2 + Lx[b3 + r] * u3;
            CU[cc + r] += Ux[b0 + r] * l0 + Ux[b1 + r] * l1 + Ux[b2 + r] * l2 + Ux[b3 + r] * l3;
          }
        }
      }
      for (; k + 1 < ncd; k += 2) {
        const b0 = offd + k * nrd + p0, b1 = b0 + nrd;
        for (let c = 0; c < w; c++) {
          const u0 = Ux[b0 + c], u1 = Ux[b1 + c], l0 = Lx[b0 + c], l1 = Lx[b1 + c];
          const cc = c * m;
          CL[cc + c] += Lx[b0 + c] * u0 + Lx[b1 + c] * u1;
          for (let r = c + 1; r < m; r++) {
            CL[cc + r] += Lx[b0 + r] * u0 + Lx[b1 + r] * u1;
            CU[cc + r] += Ux[b0 + r] * l0 + Ux[b1 + r] * l1;
          }
        }
      }
      for (; k < ncd; k++) {
        const base = offd + k * nrd + p0;
        for (let c = 0; c < w; c++) {
          const u0 = Ux[base + c], l0 = Lx[base + c];
          const cc = c * m;
          CL[cc + c] += Lx[base + c] * u0;
          for (let r = c + 1; r < m; r++) {
            CL[cc + r] += Lx[base + r] * u0;
            CU[cc + r] += Ux[base + r] * l0;
          }
        }
      }
      for (let c = 0; c < w; c++) {
        const dst = off + (rowIdx[rd0 + p0 + c] - f) * nr;
        const cc = c * m;
        Lx[dst + rel[rowIdx[rd0 + p0 + c]]] -= CL[cc + c];
        for (let r = c + 1; r < m; r++) {
          const t = dst + rel[rowIdx[rd0 + p0 + r]];
          Lx[t] -= CL[cc + r];
          Ux[t] -= CU[cc + r];
        }
      }
      queueNext(d, p1, nrd, rowIdx, rd0, colToSuper, head, link, pos);
      d = nextD;
    }
    // dense LU of the panel, left-looking within it (Doolittle: unit L, U by rows stored as Uᵀ columns)
    for (let c = 0; c < nc; c++) {
      const colc = off + c * nr;
      for (let k = 0; k < c; k++) {
        const colk = off + k * nr;
        const ukc = Ux[colk + c]; // U[k, c]
        const lck = Lx[colk + c]; // L[c, k]
        if (ukc !== 0) for (let r = c; r < nr; r++) Lx[colc + r] -= Lx[colk + r] * ukc;
        if (lck !== 0) for (let r = c + 1; r < nr; r++) Ux[colc + r] -= Ux[colk + r] * lck;
      }
      const u = Lx[colc + c];
      const au = Math.abs(u);
      if (!(au > tol * rowScale[f + c]) || !Number.isFinite(u)) return null;
      logAbs += Math.log(au);
      if (u < 0) sign = -sign;
      const inv = 1 / u;
      for (let r = c + 1; r < nr; r++) Lx[colc + r] *= inv;
    }
    queueNext(s, nc, nr, rowIdx, r0, colToSuper, head, link, pos);
  }
  return { symbolic: sym, Lx, Ux, logAbsDeterminant: logAbs, sign };
}

/**
 * Solve A x = b (or Aᵀ x = b) with an LU factor (b and x in original order).
 * @param F factor ({@link sparseLUNumeric})
 * @param b right-hand side (length n)
 * @param transpose solve Aᵀ x = b instead (default false)
 * @example sparseLUSolve(sparseLUNumeric(sparseLUSymbolic(A), A.values)!, [3, 7]) // Float64Array [1, 1] (2 × 2 example above)
 */
export function sparseLUSolve(F: SparseLUFactor, b: ArrayLike<number>, transpose = false): Float64Array {
  const x = new Float64Array(F.symbolic.n);
  const perm = F.symbolic.supernodal.perm;
  for (let k = 0; k < x.length; k++) x[k] = b[perm[k]];
  sparseLUSolveBlock(F, x, 1, transpose);
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[perm[k]] = x[k];
  return out;
}

/**
 * Solve A X = B (or Aᵀ X = B) for m right-hand sides at once, in place, in the factor's permuted coordinates:
 * X[k * m + r] is row k (position k of the ordering) of right-hand side r.
 * @param F factor
 * @param X n × m row-major block (overwritten by the solution)
 * @param m number of right-hand sides (≥ 1)
 * @param transpose solve with Aᵀ (default false)
 * @throws `sparseLUSolveBlock: X must hold n × m = ... values, got ...`
 * @example
 * const X = new Float64Array([3, 6, 7, 14]); // b₁ = (3, 7), b₂ = (6, 14), interleaved (identity ordering)
 * sparseLUSolveBlock(sparseLUNumeric(sparseLUSymbolic(A), A.values)!, X, 2); // X = [1, 2, 1, 2] (2 × 2 example above)
 */
export function sparseLUSolveBlock(F: SparseLUFactor, X: Float64Array, m: number, transpose = false): void {
  const n = F.symbolic.n;
  if (!Number.isInteger(m) || m < 1 || X.length < n * m) throw new Error(`sparseLUSolveBlock: X must hold n × m = ${n * m} values, got ${X.length}`);
  // A = L U: forward with L (unit), backward with U (rows of U = columns of Uᵀ). Aᵀ = Uᵀ Lᵀ: forward with Uᵀ, backward with Lᵀ (unit).
  if (transpose) blockTriangularSolves(F.symbolic.supernodal, X, m, F.Ux, true, F.Lx, false, F.Lx);
  else blockTriangularSolves(F.symbolic.supernodal, X, m, F.Lx, false, F.Ux, true, F.Lx);
}

