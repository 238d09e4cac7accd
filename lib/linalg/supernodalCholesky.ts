/**
 * Supernodal sparse Cholesky factorization A = L L' of a symmetric positive-definite matrix with a fixed
 * pattern and changing values.
 *
 * Long name: left-looking supernodal Cholesky (Ng & Peyton 1993, "Block sparse Cholesky algorithms on
 * advanced uniprocessor computers", SIAM J. Sci. Comput. 14(5); Davis 2006, *Direct Methods for Sparse Linear
 * Systems*, ch. 9; the scheme of CHOLMOD's supernodal factorization, Chen, Davis, Hager & Rajamanickam 2008).
 * Consecutive columns of L with nested patterns (a chain of the elimination tree) are stored together as one
 * dense column-major block (a supernode; small ones are merged with a few explicit zeros, "relaxed"
 * amalgamation), so the inner loops run over contiguous memory: each supernode receives the updates of the
 * earlier supernodes that reach it as dense products, then a dense Cholesky of its diagonal block and a
 * triangular solve of the rows below. The ordering (default: nested dissection above
 * {@link MINIMUM_DEGREE_MAX_N} vertices, minimum degree below) and the symbolic analysis are computed once.
 * Everything is iterative (no recursion, no argument spreading), so any n the memory allows works.
 */
import type { SymmetricPattern, CholeskyFactor, CholeskySymbolic } from "./sparseCholesky";
import { minimumDegreeOrdering } from "./sparseCholesky";
import { nestedDissectionOrdering } from "./nestedDissection";

/** Largest n for which the default fill-reducing ordering is minimum degree; nested dissection above. */
export const MINIMUM_DEGREE_MAX_N = 2000;

/**
 * The default fill-reducing ordering: exact minimum degree for n ≤ {@link MINIMUM_DEGREE_MAX_N} (least fill on
 * small graphs), nested dissection above (O(|E| log n) time; minimum degree on the explicit elimination graph
 * grows to seconds at n = 40,000 and fills more on lattices).
 * @param pattern symmetric pattern (CSR, diagonal ignored)
 * @returns perm with perm[newPosition] = original index
 * @example fillReducingOrdering({ n: 3, rowPtr: new Int32Array([0, 2, 3, 4]), colIdx: new Int32Array([1, 2, 0, 0]) }) // Int32Array [1, 0, 2]
 */
export function fillReducingOrdering(pattern: SymmetricPattern): Int32Array {
  return pattern.n <= MINIMUM_DEGREE_MAX_N ? minimumDegreeOrdering(pattern) : nestedDissectionOrdering(pattern);
}

/**
 * Elimination tree and column counts of the Cholesky factor of a symmetric pattern in a given ordering (Liu 1986,
 * "A compact row storage scheme for Cholesky factors using elimination trees", ACM TOMS 12(2): the tree by path
 * compression; the counts from the row subtrees). O(nnz(L)) time, O(n) extra memory.
 * @param pattern symmetric pattern (CSR, diagonal entries optional and ignored)
 * @param perm ordering perm[new] = old
 * @param invPerm its inverse (computed when omitted)
 * @returns parent (−1 at roots) and colCount (non-zeros of each column of L, diagonal included), in permuted positions
 * @example eliminationTree({ n: 3, rowPtr: new Int32Array([0, 1, 2, 2]), colIdx: new Int32Array([1, 0]) }, new Int32Array([0, 1, 2])) // { parent: Int32Array [1, -1, -1], colCount: Int32Array [2, 1, 1] }
 */
export function eliminationTree(pattern: SymmetricPattern, perm: Int32Array, invPerm?: Int32Array): { parent: Int32Array; colCount: Int32Array } {
  const { n, rowPtr, colIdx } = pattern;
  if (!invPerm) { invPerm = new Int32Array(n); for (let k = 0; k < n; k++) invPerm[perm[k]] = k; }
  // elimination tree from the rows of the lower triangle (row k: columns j < k), path compression
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const o = perm[k];
    for (let p = rowPtr[o]; p < rowPtr[o + 1]; p++) {
      let i = invPerm[colIdx[p]];
      while (i !== -1 && i < k) {
        const next = ancestor[i];
        ancestor[i] = k;
        if (next === -1) parent[i] = k;
        i = next;
      }
    }
  }
  // column counts: row k of L is the union of the tree paths from the entries of row k of A up to k
  const colCount = new Int32Array(n).fill(1);
  const mark = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    const o = perm[k];
    for (let p = rowPtr[o]; p < rowPtr[o + 1]; p++) {
      let i = invPerm[colIdx[p]];
      if (i >= k) continue;
      while (mark[i] !== k) { mark[i] = k; colCount[i]++; i = parent[i]; }
    }
  }
  return { parent, colCount };
}

/** Symbolic supernodal analysis (ordering, elimination tree, supernodes and their row sets). */
export interface SupernodalSymbolic {
  n: number;
  /** perm[k] = original index of the row/column in position k; invPerm its inverse. */
  perm: Int32Array;
  invPerm: Int32Array;
  /** Elimination tree of the permuted matrix (−1 at roots). */
  parent: Int32Array;
  /** Non-zeros of each column of L (diagonal included), before amalgamation. */
  colCount: Int32Array;
  /** Number of supernodes; supernode s holds columns superPtr[s] .. superPtr[s+1) − 1. */
  nsuper: number;
  superPtr: Int32Array;
  /** Supernode of each column. */
  colToSuper: Int32Array;
  /** Rows of supernode s: rowIdx[rowPtr[s] .. rowPtr[s+1]), ascending, starting with its own columns. */
  rowPtr: Int32Array;
  rowIdx: Int32Array;
  /** Offset of supernode s's dense column-major block (rows × columns) in the value array. */
  blockPtr: Int32Array;
  /** Stored values (blocks, including the unused upper part of diagonal blocks and relaxed zeros). */
  storedEntries: number;
  /** Non-zeros of L in the exact (unrelaxed) pattern: Σ colCount. */
  nnzL: number;
  /** Entries of A strictly below the diagonal by permuted column: rows aColRow[aColPtr[j] ..], source CSR entry aColSrc. */
  aColPtr: Int32Array;
  aColRow: Int32Array;
  aColSrc: Int32Array;
}

/** Options of {@link supernodalSymbolic}. */
export interface SupernodalOptions {
  /** Ordering perm[new] = old (default {@link fillReducingOrdering}). */
  perm?: Int32Array;
  /** Merge small supernodes (default true); false keeps the fundamental supernodes (exact pattern). */
  relax?: boolean;
}

/**
 * Symbolic analysis for the supernodal factorization: ordering, elimination tree (Liu 1986), column counts
 * (row subtrees), fundamental supernodes with relaxed amalgamation, and the row set of each supernode.
 * @param pattern symmetric pattern (CSR, diagonal entries optional and ignored)
 * @param options `perm` (default {@link fillReducingOrdering}), `relax` (default true)
 * @throws `supernodalSymbolic: perm must be a permutation of 0..n−1` for a bad ordering
 * @example supernodalSymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) }).nnzL // 3
 */
export function supernodalSymbolic(pattern: SymmetricPattern, options: SupernodalOptions = {}): SupernodalSymbolic {
  const { n, rowPtr, colIdx } = pattern;
  const perm = options.perm ?? fillReducingOrdering(pattern);
  const relax = options.relax ?? true;
  const invPerm = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const o = perm[k];
    if (!(o >= 0 && o < n) || invPerm[o] !== -1) throw new Error("supernodalSymbolic: perm must be a permutation of 0..n−1");
    invPerm[o] = k;
  }
  // A's strictly-lower entries by permuted column j (rows i > j), from the rows of the original CSR
  const aColPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const o = perm[j];
    let c = 0;
    for (let p = rowPtr[o]; p < rowPtr[o + 1]; p++) if (invPerm[colIdx[p]] > j) c++;
    aColPtr[j + 1] = aColPtr[j] + c;
  }
  const aColRow = new Int32Array(aColPtr[n]);
  const aColSrc = new Int32Array(aColPtr[n]);
  for (let j = 0; j < n; j++) {
    const o = perm[j];
    let q = aColPtr[j];
    for (let p = rowPtr[o]; p < rowPtr[o + 1]; p++) {
      const i = invPerm[colIdx[p]];
      if (i > j) { aColRow[q] = i; aColSrc[q] = p; q++; }
    }
  }
  const { parent, colCount } = eliminationTree(pattern, perm, invPerm);
  const mark = new Int32Array(n).fill(-1);
  let nnzL = 0;
  for (let j = 0; j < n; j++) nnzL += colCount[j];
  // supernodes: j joins the supernode of j − 1 when j is the parent of j − 1 and either the pattern is nested
  // exactly (fundamental) or, with relax, the block stays small and mostly non-zero
  const superStarts: number[] = [];
  let first = 0, exactCount = 0;
  for (let j = 0; j < n; j++) {
    let join = false;
    if (j > 0 && parent[j - 1] === j) {
      if (colCount[j - 1] === colCount[j] + 1) join = true;
      else if (relax) {
        const width = j - first + 1;
        // rows of the merged block ≥ colCount[first] (its first column); stored ≈ rows·width − width(width−1)/2
        const rows = Math.max(colCount[first], colCount[j] + (j - first));
        const stored = rows * width - (width * (width - 1)) / 2;
        const real = exactCount + colCount[j];
        const zeros = stored - real;
        join = (width <= 4 && zeros <= 2 * real) || (width <= 16 && zeros <= 0.5 * real) || (width <= 64 && zeros <= 0.1 * real);
      }
    }
    if (!join) { superStarts.push(j); first = j; exactCount = 0; }
    exactCount += colCount[j];
  }
  const nsuper = superStarts.length;
  const superPtr = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) superPtr[s] = superStarts[s];
  superPtr[nsuper] = n;
  const colToSuper = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) for (let j = superPtr[s]; j < superPtr[s + 1]; j++) colToSuper[j] = s;
  // row sets: own columns, then A's rows below, then the rows below of every child supernode (those whose
  // first row past their own columns falls in this supernode)
  const srowPtr = new Int32Array(nsuper + 1);
  let rows = new Int32Array(Math.max(16, Math.min(2 ** 30, nnzL + n)));
  let used = 0;
  const childHead = new Int32Array(nsuper).fill(-1);
  const childNext = new Int32Array(nsuper).fill(-1);
  mark.fill(-1);
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], l = superPtr[s + 1];
    const begin = used;
    const ensure = (extra: number) => {
      if (used + extra > rows.length) {
        const bigger = new Int32Array(Math.max(rows.length * 2, used + extra));
        bigger.set(rows.subarray(0, used));
        rows = bigger;
      }
    };
    ensure(l - f);
    for (let j = f; j < l; j++) { rows[used++] = j; mark[j] = s; }
    for (let j = f; j < l; j++) {
      ensure(aColPtr[j + 1] - aColPtr[j]);
      for (let p = aColPtr[j]; p < aColPtr[j + 1]; p++) { const i = aColRow[p]; if (mark[i] !== s) { mark[i] = s; rows[used++] = i; } }
    }
    for (let d = childHead[s]; d !== -1; d = childNext[d]) {
      const r0 = srowPtr[d], r1 = srowPtr[d + 1];
      ensure(r1 - r0);
      for (let p = r0; p < r1; p++) { const i = rows[p]; if (i >= l && mark[i] !== s) { mark[i] = s; rows[used++] = i; } }
    }
    rows.subarray(begin + (l - f), used).sort();
    srowPtr[s + 1] = used;
    if (used - begin > l - f) {
      const t = colToSuper[rows[begin + (l - f)]];
      childNext[s] = childHead[t];
      childHead[t] = s;
    }
  }
  const rowIdx = rows.slice(0, used);
  // 32-bit offsets keep the index arithmetic of the hot loops in small integers (2^31 values = 16 GiB)
  const blockPtr = new Int32Array(nsuper + 1);
  let total = 0;
  for (let s = 0; s < nsuper; s++) {
    total += (srowPtr[s + 1] - srowPtr[s]) * (superPtr[s + 1] - superPtr[s]);
    if (total > 2147483647) throw new Error(`supernodalSymbolic: the factor needs more than 2^31 stored values (${total}+); n = ${n} is too large for this pattern and ordering`);
    blockPtr[s + 1] = total;
  }
  return {
    n, perm, invPerm, parent, colCount, nsuper, superPtr, colToSuper, rowPtr: srowPtr, rowIdx, blockPtr,
    storedEntries: blockPtr[nsuper], nnzL, aColPtr, aColRow, aColSrc,
  };
}

/** A numeric supernodal factor: the dense blocks of L. */
export interface SupernodalFactor {
  symbolic: SupernodalSymbolic;
  /** Block values (column-major per supernode, offsets symbolic.blockPtr). */
  Lx: Float64Array;
}

/**
 * Numeric supernodal Cholesky of A = diag + offdiag on the pattern of the symbolic analysis.
 * @param sym symbolic analysis ({@link supernodalSymbolic})
 * @param diagonal diagonal of A in original order (length n)
 * @param offValues off-diagonal values aligned with the pattern's colIdx (original CSR order; A symmetric)
 * @param work optional factor of the same analysis whose storage is reused
 * @returns the factor, or null when A is not positive definite
 * @throws nothing: a matrix that is not positive definite gives null
 * @example
 * const sym = supernodalSymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) });
 * supernodalLogDeterminant(supernodalNumeric(sym, [2, 2], [1, 1])!) // ln 3 = 1.0986122886681098
 */
export function supernodalNumeric(sym: SupernodalSymbolic, diagonal: ArrayLike<number>, offValues: ArrayLike<number>, work?: SupernodalFactor): SupernodalFactor | null {
  const { n, perm, nsuper, superPtr, colToSuper, rowPtr, rowIdx, blockPtr, aColPtr, aColRow, aColSrc } = sym;
  const Lx = work && work.symbolic === sym ? work.Lx : new Float64Array(sym.storedEntries);
  const rel = new Int32Array(n);
  const head = new Int32Array(nsuper).fill(-1);
  const link = new Int32Array(nsuper);
  const pos = new Int32Array(nsuper);
  let C = new Float64Array(1024);
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], l = superPtr[s + 1], nc = l - f;
    const r0 = rowPtr[s], nr = rowPtr[s + 1] - r0;
    const off = blockPtr[s];
    Lx.fill(0, off, off + nr * nc);
    for (let t = 0; t < nr; t++) rel[rowIdx[r0 + t]] = t;
    for (let j = f; j < l; j++) {
      const col = off + (j - f) * nr;
      Lx[col + (j - f)] = diagonal[perm[j]];
      for (let p = aColPtr[j]; p < aColPtr[j + 1]; p++) Lx[col + rel[aColRow[p]]] = offValues[aColSrc[p]];
    }
    // updates from every earlier supernode d with rows in f .. l − 1 (linked lists by the next row of d to use)
    let d = head[s];
    head[s] = -1;
    while (d !== -1) {
      const nextD = link[d];
      const rd0 = rowPtr[d], nrd = rowPtr[d + 1] - rd0, ncd = superPtr[d + 1] - superPtr[d];
      const offd = blockPtr[d];
      const p0 = pos[d];
      const p1 = rowsBefore(rowIdx, rd0, nrd, p0, l);
      const w = p1 - p0, m = nrd - p0;
      if (C.length < m * w) C = new Float64Array(Math.max(m * w, 2 * C.length));
      updateProducts(Lx, offd, nrd, ncd, p0, w, m, C);
      scatterUpdate(Lx, off, nr, f, rowIdx, rd0 + p0, w, m, rel, C);
      queueNext(d, p1, nrd, rowIdx, rd0, colToSuper, head, link, pos);
      d = nextD;
    }
    if (!panelCholesky(Lx, off, nr, nc)) return null;
    queueNext(s, nc, nr, rowIdx, r0, colToSuper, head, link, pos);
  }
  return { symbolic: sym, Lx };
}

/**
 * Left-looking traversal, shared by the supernodal Cholesky, LU and tangent factorizations: the position, from p0 on,
 * of the first row ≥ l in the row list of a supernode's block (rowIdx[rd0 .. rd0 + nrd]), so rows p0 .. that position
 * are the ones that update columns below l.
 */
export function rowsBefore(rowIdx: Int32Array, rd0: number, nrd: number, p0: number, l: number): number {
  let p1 = p0;
  while (p1 < nrd && rowIdx[rd0 + p1] < l) p1++;
  return p1;
}

/**
 * Left-looking traversal: supernode d has used its rows before position p1 (of nrd, listed at rowIdx[rd0 ..]); if any
 * are left, queue it on the list (head/link) of the supernode that holds its next row, from which it is taken when
 * that supernode is factored.
 */
export function queueNext(d: number, p1: number, nrd: number, rowIdx: Int32Array, rd0: number, colToSuper: Int32Array, head: Int32Array, link: Int32Array, pos: Int32Array): void {
  pos[d] = p1;
  if (p1 < nrd) { const t = colToSuper[rowIdx[rd0 + p1]]; link[d] = head[t]; head[t] = d; }
}

/** C = L_d[p0 .., :] · L_d[p0 .. p0 + w, :]' (lower part, column-major m × w) for the source supernode block at offd (nrd rows, ncd columns). */
function updateProducts(Lx: Float64Array, offd: number, nrd: number, ncd: number, p0: number, w: number, m: number, C: Float64Array): void {
  C.fill(0, 0, m * w);
  // C = L_d[p0.., :] · L_d[p0..p1, :]' (lower part), four columns of L_d at a time (each entry of C is
  // loaded and stored once per four multiply-adds)
  let k = 0;
  for (; k + 3 < ncd; k += 4) {
    const b0 = offd + k * nrd + p0, b1 = b0 + nrd, b2 = b1 + nrd, b3 = b2 + nrd;
    let c = 0;
    // four, then two columns of C at a time (each row of L_d loaded once for all); every entry's sum is formed as below
    for (; c + 3 < w; c += 4) {
      const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
      const h0 = Lx[b0 + c + 1], h1 = Lx[b1 + c + 1], h2 = Lx[b2 + c + 1], h3 = Lx[b3 + c + 1];
      const g0 = Lx[b0 + c + 2], g1 = Lx[b1 + c + 2], g2 = Lx[b2 + c + 2], g3 = Lx[b3 + c + 2];
      const f0 = Lx[b0 + c + 3], f1 = Lx[b1 + c + 3], f2 = Lx[b2 + c + 3], f3 = Lx[b3 + c + 3];
      const cc = c * m, ch = cc + m, cg = ch + m, cf = cg + m;
      for (let r = c; r < c + 3; r++) {
        const x0 = Lx[b0 + r], x1 = Lx[b1 + r], x2 = Lx[b2 + r], x3 = Lx[b3 + r];
        C[cc + r] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        if (r >= c + 1) C[ch + r] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
        if (r >= c + 2) C[cg + r] += x0 * g0 + x1 * g1 + x2 * g2 + x3 * g3;
      }
      for (let r = c + 3; r < m; r++) {
        const x0 = Lx[b0 + r], x1 = Lx[b1 + r], x2 = Lx[b2 + r], x3 = Lx[b3 + r];
        C[cc + r] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        C[ch + r] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
        C[cg + r] += x0 * g0 + x1 * g1 + x2 * g2 + x3 * g3;
        C[cf + r] += x0 * f0 + x1 * f1 + x2 * f2 + x3 * f3;
      }
    }
    for (; c + 1 < w; c += 2) {
      const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
      const h0 = Lx[b0 + c + 1], h1 = Lx[b1 + c + 1], h2 = Lx[b2 + c + 1], h3 = Lx[b3 + c + 1];
      const cc = c * m, ch = cc + m;
      C[cc + c] += Lx[b0 + c] * l0 + Lx[b1 + c] * l1 + Lx[b2 + c] * l2 + Lx[b3 + c] * l3;
      for (let r = c + 1; r < m; r++) {
        const x0 = Lx[b0 + r], x1 = Lx[b1 + r], x2 = Lx[b2 + r], x3 = Lx[b3 + r];
        C[cc + r] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        C[ch + r] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
      }
    }
    for (; c < w; c++) {
      const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
      const cc = c * m;
      for (let r = c; r < m; r++) C[cc + r] += Lx[b0 + r] * l0 + Lx[b1 + r] * l1 + Lx[b2 + r] * l2 + Lx[b3 + r] * l3;
    }
  }
  for (; k < ncd; k++) {
    const base = offd + k * nrd + p0;
    for (let c = 0; c < w; c++) {
      const lck = Lx[base + c];
      if (lck === 0) continue;
      const cc = c * m;
      for (let r = c; r < m; r++) C[cc + r] += Lx[base + r] * lck;
    }
  }
}

/** Subtracts the update C (rows rowIdx[q0 ..], lower part) from the block of the supernode at off (first column f, nr rows; rel maps rows to block rows). */
function scatterUpdate(Lx: Float64Array, off: number, nr: number, f: number, rowIdx: Int32Array, q0: number, w: number, m: number, rel: Int32Array, C: Float64Array): void {
  for (let c = 0; c < w; c++) {
    const dst = off + (rowIdx[q0 + c] - f) * nr;
    const cc = c * m;
    for (let r = c; r < m; r++) Lx[dst + rel[rowIdx[q0 + r]]] -= C[cc + r];
  }
}

/** Dense Cholesky of a supernode's panel (nr × nc at off: the diagonal block and the rows below), left-looking within the panel; false when not positive definite. */
function panelCholesky(Lx: Float64Array, off: number, nr: number, nc: number): boolean {
  let c = 0;
  // columns c and c + 1 together over the blocks of four earlier columns they share (k + 3 < c), each row of those
  // columns loaded once for both; then each column goes on alone, so every entry is summed as in the one-column loop
  for (; c + 1 < nc; c += 2) {
    const colc = off + c * nr, cold = colc + nr;
    let k = 0;
    for (; k + 3 < c; k += 4) {
      const a0 = off + k * nr, a1 = a0 + nr, a2 = a1 + nr, a3 = a2 + nr;
      const l0 = Lx[a0 + c], l1 = Lx[a1 + c], l2 = Lx[a2 + c], l3 = Lx[a3 + c];
      const h0 = Lx[a0 + c + 1], h1 = Lx[a1 + c + 1], h2 = Lx[a2 + c + 1], h3 = Lx[a3 + c + 1];
      Lx[colc + c] -= Lx[a0 + c] * l0 + Lx[a1 + c] * l1 + Lx[a2 + c] * l2 + Lx[a3 + c] * l3;
      for (let r = c + 1; r < nr; r++) {
        const x0 = Lx[a0 + r], x1 = Lx[a1 + r], x2 = Lx[a2 + r], x3 = Lx[a3 + r];
        Lx[colc + r] -= x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        Lx[cold + r] -= x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
      }
    }
    if (!panelColumnFrom(Lx, off, nr, c, k)) return false;
    if (!panelColumnFrom(Lx, off, nr, c + 1, k)) return false;
  }
  if (c < nc && !panelColumnFrom(Lx, off, nr, c, 0)) return false;
  return true;
}

/** Column c of the panel from earlier column k on (blocks of four while k + 3 < c, then one at a time), then its scaling; false when not positive definite. */
function panelColumnFrom(Lx: Float64Array, off: number, nr: number, c: number, k: number): boolean {
  const colc = off + c * nr;
  for (; k + 3 < c; k += 4) {
    const a0 = off + k * nr, a1 = a0 + nr, a2 = a1 + nr, a3 = a2 + nr;
    const l0 = Lx[a0 + c], l1 = Lx[a1 + c], l2 = Lx[a2 + c], l3 = Lx[a3 + c];
    for (let r = c; r < nr; r++) Lx[colc + r] -= Lx[a0 + r] * l0 + Lx[a1 + r] * l1 + Lx[a2 + r] * l2 + Lx[a3 + r] * l3;
  }
  for (; k < c; k++) {
    const colk = off + k * nr;
    const lck = Lx[colk + c];
    if (lck === 0) continue;
    for (let r = c; r < nr; r++) Lx[colc + r] -= Lx[colk + r] * lck;
  }
  const dv = Lx[colc + c];
  if (!(dv > 0)) return false;
  const dd = Math.sqrt(dv);
  Lx[colc + c] = dd;
  const inv = 1 / dd;
  for (let r = c + 1; r < nr; r++) Lx[colc + r] *= inv;
  return true;
}

/**
 * ln det A = 2 Σ ln L_kk from a supernodal factor.
 * @example supernodalLogDeterminant(supernodalNumeric(sym, [2, 2], [1, 1])!) // 1.0986122886681098 (2 × 2 example above)
 */
export function supernodalLogDeterminant(L: SupernodalFactor): number {
  const { nsuper, superPtr, rowPtr, blockPtr } = L.symbolic;
  let s2 = 0;
  for (let s = 0; s < nsuper; s++) {
    const nc = superPtr[s + 1] - superPtr[s], nr = rowPtr[s + 1] - rowPtr[s], off = blockPtr[s];
    for (let c = 0; c < nc; c++) s2 += Math.log(L.Lx[off + c * nr + c]);
  }
  return 2 * s2;
}

/**
 * Solve A x = b with a supernodal factor (b and x in original order).
 * @example supernodalSolve(supernodalNumeric(sym, [2, 2], [1, 1])!, [3, 3]) // Float64Array [1, 1] (2 × 2 example above)
 */
export function supernodalSolve(L: SupernodalFactor, b: ArrayLike<number>): Float64Array {
  const { n, perm, nsuper, superPtr, rowPtr, rowIdx, blockPtr } = L.symbolic;
  const Lx = L.Lx;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[k] = b[perm[k]];
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, off = blockPtr[s];
    for (let c = 0; c < nc; c++) {
      const col = off + c * nr;
      x[f + c] /= Lx[col + c];
      const xj = x[f + c];
      if (xj === 0) continue;
      for (let r = c + 1; r < nr; r++) x[rowIdx[r0 + r]] -= Lx[col + r] * xj;
    }
  }
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, off = blockPtr[s];
    for (let c = nc - 1; c >= 0; c--) {
      const col = off + c * nr;
      let t = x[f + c];
      for (let r = c + 1; r < nr; r++) t -= Lx[col + r] * x[rowIdx[r0 + r]];
      x[f + c] = t / Lx[col + c];
    }
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[perm[k]] = x[k];
  return out;
}

/**
 * The factor in the column format of `choleskyNumeric` (column j: diagonal first, then the rows below in
 * ascending order), for the selected inverse and the blocked solves; relaxed zeros are kept as entries.
 * The pattern is the supernodal one, closed under the Takahashi recurrence (the rows below column j of a
 * supernode are contained in the pattern of each of those rows' columns).
 * @example supernodalToColumns(supernodalNumeric(sym, [2, 2], [1, 1])!).Lx // Float64Array [1.4142135623730951, 0.7071067811865475, 1.224744871391589]
 */
export function supernodalToColumns(L: SupernodalFactor): CholeskyFactor {
  const sym = L.symbolic;
  const { n, perm, invPerm, nsuper, superPtr, rowPtr, rowIdx, blockPtr } = sym;
  const lColPtr = new Int32Array(n + 1);
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, nr = rowPtr[s + 1] - rowPtr[s];
    for (let c = 0; c < nc; c++) lColPtr[f + c + 1] = nr - c;
  }
  for (let j = 0; j < n; j++) lColPtr[j + 1] += lColPtr[j];
  const nnz = lColPtr[n];
  const Li = new Int32Array(nnz);
  const Lx = new Float64Array(nnz);
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, off = blockPtr[s];
    for (let c = 0; c < nc; c++) {
      const q = lColPtr[f + c];
      Li.set(rowIdx.subarray(r0 + c, r0 + nr), q);
      Lx.set(L.Lx.subarray(off + c * nr + c, off + (c + 1) * nr), q);
    }
  }
  // a minimal symbolic record for code that reads only n, perm, invPerm and lColPtr
  const symbolic = {
    n, perm, invPerm, lColPtr, nnzL: nnz,
    aLowerPtr: new Int32Array(0), aLowerIdx: new Int32Array(0), aLowerSrc: new Int32Array(0),
    lRowPtr: new Int32Array(0), lRowIdx: new Int32Array(0),
  } as CholeskySymbolic;
  return { symbolic, Li, Lx };
}

/**
 * Solve A X = B for m right-hand sides at once with a supernodal factor, in place, in the factor's permuted
 * coordinates: X[k * m + r] is row k (permuted position) of right-hand side r. Each entry of L is read once
 * per sweep for all m columns, so the solves run at memory speed rather than once per right-hand side.
 * @param L supernodal factor
 * @param X n × m row-major block (overwritten by the solution)
 * @param m number of right-hand sides (≥ 1)
 * @throws `supernodalSolveBlock: X must hold n × m = ... values, got ...`
 * @example
 * const X = new Float64Array([3, 6, 3, 6]); // b₁ = (3, 3), b₂ = (6, 6), interleaved
 * supernodalSolveBlock(supernodalNumeric(sym, [2, 2], [1, 1])!, X, 2); // X = [1, 2, 1, 2] (2 × 2 example above)
 */
export function supernodalSolveBlock(L: SupernodalFactor, X: Float64Array, m: number): void {
  const n = L.symbolic.n;
  if (!Number.isInteger(m) || m < 1 || X.length < n * m) throw new Error(`supernodalSolveBlock: X must hold n × m = ${n * m} values, got ${X.length}`);
  blockTriangularSolves(L.symbolic, X, m, L.Lx, true, L.Lx, true, L.Lx);
}


/**
 * @internal The two triangular sweeps over supernodal blocks for m right-hand sides in place (X row-major n × m,
 * permuted coordinates): a forward sweep with the strictly-lower block values `forward` (dividing by the diagonal
 * first when `forwardDivides`), then a backward sweep with the transposed strictly-lower values `backward`
 * (dividing after when `backwardDivides`); the diagonal is read from `diagonal`. Cholesky: L, L, both dividing;
 * LU: L (unit), Uᵀ (dividing); LU transposed: Uᵀ (dividing), L (unit).
 */
export function blockTriangularSolves(sym: SupernodalSymbolic, X: Float64Array, m: number, forward: Float64Array, forwardDivides: boolean, backward: Float64Array, backwardDivides: boolean, diagonal: Float64Array): void {
  const { nsuper, superPtr, rowPtr, rowIdx, blockPtr } = sym;
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, off = blockPtr[s];
    for (let c = 0; c < nc; c++) {
      const col = off + c * nr;
      const oj = (f + c) * m;
      if (forwardDivides) { const inv = 1 / diagonal[col + c]; for (let q = 0; q < m; q++) X[oj + q] *= inv; }
      for (let r = c + 1; r < nr; r++) {
        const v = forward[col + r];
        if (v === 0) continue;
        const oi = rowIdx[r0 + r] * m;
        for (let q = 0; q < m; q++) X[oi + q] -= v * X[oj + q];
      }
    }
  }
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = superPtr[s], nc = superPtr[s + 1] - f, r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, off = blockPtr[s];
    for (let c = nc - 1; c >= 0; c--) {
      const col = off + c * nr;
      const oj = (f + c) * m;
      for (let r = c + 1; r < nr; r++) {
        const v = backward[col + r];
        if (v === 0) continue;
        const oi = rowIdx[r0 + r] * m;
        for (let q = 0; q < m; q++) X[oj + q] -= v * X[oi + q];
      }
      if (backwardDivides) { const inv = 1 / diagonal[col + c]; for (let q = 0; q < m; q++) X[oj + q] *= inv; }
    }
  }
}
