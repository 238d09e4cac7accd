/**
 * Sparse Cholesky factorization of symmetric positive-definite matrices with a fixed pattern
 * and changing values — the workhorse of the sparse log-determinant ln|I − ρS| (Pace & Barry 1997;
 * Bivand, Hauke & Kossowski 2013). A fill-reducing minimum-degree ordering (Tinney & Walker 1967;
 * George & Liu 1989) and the symbolic analysis (elimination tree, row patterns of L; Liu 1990,
 * Davis 2006 "Direct Methods for Sparse Linear Systems" ch. 4) are computed once; each numeric
 * factorization is then an up-looking Cholesky over the stored patterns.
 */

/** Symmetric sparse pattern: row i's neighbours (excluding the diagonal) are colIdx[rowPtr[i] .. rowPtr[i+1]). */
export interface SymmetricPattern {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
}

/**
 * Minimum-degree ordering of a symmetric graph (exact degrees on the explicit elimination graph,
 * ties broken by the lower index).
 * @param pattern symmetric adjacency (no diagonal); an entry (i, j) must also appear as (j, i)
 * @returns perm with perm[newPosition] = original index
 * @example minimumDegreeOrdering({ n: 3, rowPtr: new Int32Array([0, 2, 3, 4]), colIdx: new Int32Array([1, 2, 0, 0]) }) // Int32Array [1, 0, 2]
 */
export function minimumDegreeOrdering(pattern: SymmetricPattern): Int32Array {
  const { n, rowPtr, colIdx } = pattern;
  // explicit elimination graph as plain arrays (deduplicated with a marker array; no Sets, little garbage)
  const adj: number[][] = new Array(n);
  const mark = new Int32Array(n).fill(-1);
  {
    const lists: number[][] = new Array(n);
    for (let i = 0; i < n; i++) lists[i] = [];
    for (let i = 0; i < n; i++) {
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        const j = colIdx[p];
        if (j !== i) { lists[i].push(j); lists[j].push(i); }
      }
    }
    for (let i = 0; i < n; i++) {
      const out: number[] = [];
      for (const j of lists[i]) if (mark[j] !== i) { mark[j] = i; out.push(j); }
      adj[i] = out;
    }
    mark.fill(-1);
  }
  // binary heap of (degree, node) with lazy deletion
  let heapDeg = new Int32Array(Math.max(16, 2 * n));
  let heapNode = new Int32Array(Math.max(16, 2 * n));
  let size = 0;
  const push = (d: number, v: number) => {
    if (size === heapDeg.length) {
      const nd = new Int32Array(size * 2); nd.set(heapDeg); heapDeg = nd;
      const nn = new Int32Array(size * 2); nn.set(heapNode); heapNode = nn;
    }
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapDeg[parent] < d || (heapDeg[parent] === d && heapNode[parent] < v)) break;
      heapDeg[i] = heapDeg[parent]; heapNode[i] = heapNode[parent]; i = parent;
    }
    heapDeg[i] = d; heapNode[i] = v;
  };
  const pop = (): number => {
    const v = heapNode[0];
    const d = heapDeg[--size], x = heapNode[size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (heapDeg[c + 1] < heapDeg[c] || (heapDeg[c + 1] === heapDeg[c] && heapNode[c + 1] < heapNode[c]))) c++;
      if (heapDeg[c] > d || (heapDeg[c] === d && heapNode[c] > x)) break;
      heapDeg[i] = heapDeg[c]; heapNode[i] = heapNode[c]; i = c;
    }
    heapDeg[i] = d; heapNode[i] = x;
    return v;
  };
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) { degree[i] = adj[i].length; push(degree[i], i); }
  const done = new Uint8Array(n);
  const perm = new Int32Array(n);
  let pos = 0;
  let stamp = 0;
  while (pos < n) {
    const topDeg = heapDeg[0];
    const v = pop();
    if (done[v] || degree[v] !== topDeg) continue; // stale entry
    done[v] = 1;
    perm[pos++] = v;
    const nbrs = adj[v];
    // each neighbour u of v: adj(u) ← (adj(u) ∪ nbrs) \ {u, v}
    for (let a = 0; a < nbrs.length; a++) {
      const u = nbrs[a];
      const su = adj[u];
      stamp++;
      mark[u] = stamp;
      mark[v] = stamp;
      let w = 0;
      for (let q = 0; q < su.length; q++) { const x = su[q]; if (mark[x] !== stamp) { mark[x] = stamp; su[w++] = x; } }
      su.length = w;
      for (let b = 0; b < nbrs.length; b++) { const x = nbrs[b]; if (mark[x] !== stamp) { mark[x] = stamp; su.push(x); } }
    }
    adj[v] = [];
    for (const u of nbrs) {
      const d = adj[u].length;
      if (d !== degree[u]) { degree[u] = d; push(d, u); }
    }
  }
  return perm;
}

/** Symbolic factorization: ordering, the permuted lower pattern of A, and the pattern of L. */
export interface CholeskySymbolic {
  n: number;
  /** perm[k] = original index of the row/column in position k. */
  perm: Int32Array;
  /** invPerm[original] = position. */
  invPerm: Int32Array;
  /** Row k of the permuted A, entries strictly left of the diagonal: positions aLowerIdx[aLowerPtr[k] ..], original CSR entry index aLowerSrc. */
  aLowerPtr: Int32Array;
  aLowerIdx: Int32Array;
  aLowerSrc: Int32Array;
  /** Pattern of row k of L (strictly lower), in the order the up-looking solve needs. */
  lRowPtr: Int32Array;
  lRowIdx: Int32Array;
  /** Column pointers of L (column j stores the diagonal first, then rows below). */
  lColPtr: Int32Array;
  /** Number of non-zeros of L including the diagonal. */
  nnzL: number;
}

/**
 * Symbolic analysis for a symmetric pattern: minimum-degree ordering, elimination tree and row patterns of L.
 * @param pattern symmetric pattern (CSR, diagonal entries optional and ignored)
 * @param perm optional ordering (perm[new] = old); default minimum degree
 * @example choleskySymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) }).nnzL // 3
 */
export function choleskySymbolic(pattern: SymmetricPattern, perm?: Int32Array): CholeskySymbolic {
  const { n, rowPtr, colIdx } = pattern;
  const P = perm ?? minimumDegreeOrdering(pattern);
  const invPerm = new Int32Array(n);
  for (let k = 0; k < n; k++) invPerm[P[k]] = k;
  // lower part of permuted A by rows: for new row k (old row P[k]) the entries with new column < k
  const aLowerPtr = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const i = P[k];
    let c = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) if (invPerm[colIdx[p]] < k) c++;
    aLowerPtr[k + 1] = aLowerPtr[k] + c;
  }
  const aLowerIdx = new Int32Array(aLowerPtr[n]);
  const aLowerSrc = new Int32Array(aLowerPtr[n]);
  for (let k = 0; k < n; k++) {
    const i = P[k];
    let q = aLowerPtr[k];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = invPerm[colIdx[p]];
      if (j < k) { aLowerIdx[q] = j; aLowerSrc[q] = p; q++; }
    }
  }
  // elimination tree (Liu), path compression through ancestor
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    for (let p = aLowerPtr[k]; p < aLowerPtr[k + 1]; p++) {
      let i = aLowerIdx[p];
      while (i !== -1 && i < k) {
        const next = ancestor[i];
        ancestor[i] = k;
        if (next === -1) parent[i] = k;
        i = next;
      }
    }
  }
  // row patterns by ereach
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const colCount = new Int32Array(n).fill(1);
  const rowPats: Int32Array[] = new Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    let top = n;
    mark[k] = k;
    for (let p = aLowerPtr[k]; p < aLowerPtr[k + 1]; p++) {
      let i = aLowerIdx[p];
      let len = 0;
      while (mark[i] !== k) { stack[len++] = i; mark[i] = k; i = parent[i]; }
      while (len > 0) stack[--top] = stack[--len];
    }
    const pat = stack.slice(top, n);
    rowPats[k] = pat;
    total += pat.length;
    for (let q = 0; q < pat.length; q++) colCount[pat[q]]++;
  }
  const lRowPtr = new Int32Array(n + 1);
  const lRowIdx = new Int32Array(total);
  for (let k = 0; k < n; k++) { lRowIdx.set(rowPats[k], lRowPtr[k]); lRowPtr[k + 1] = lRowPtr[k] + rowPats[k].length; }
  const lColPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) lColPtr[j + 1] = lColPtr[j] + colCount[j];
  return { n, perm: P, invPerm, aLowerPtr, aLowerIdx, aLowerSrc, lRowPtr, lRowIdx, lColPtr, nnzL: lColPtr[n] };
}

/** A numeric sparse Cholesky factor L (column storage, diagonal first in each column). */
export interface CholeskyFactor {
  symbolic: CholeskySymbolic;
  /** Row indices of L by column. */
  Li: Int32Array;
  Lx: Float64Array;
}

/**
 * Numeric up-looking Cholesky of A = diag + offdiag (pattern of the symbolic analysis).
 * @param sym symbolic analysis
 * @param diagonal diagonal of A in original order (length n)
 * @param offValues off-diagonal values aligned with the pattern's colIdx (original CSR order)
 * @param work optional reusable factor (same symbolic) to avoid reallocation
 * @returns the factor, or null when A is not positive definite
 */
export function choleskyNumeric(sym: CholeskySymbolic, diagonal: ArrayLike<number>, offValues: ArrayLike<number>, work?: CholeskyFactor): CholeskyFactor | null {
  const { n, perm, aLowerPtr, aLowerIdx, aLowerSrc, lRowPtr, lRowIdx, lColPtr } = sym;
  const Li = work ? work.Li : new Int32Array(sym.nnzL);
  const Lx = work ? work.Lx : new Float64Array(sym.nnzL);
  const next = new Int32Array(n);
  for (let j = 0; j < n; j++) next[j] = lColPtr[j] + 1;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let p = aLowerPtr[k]; p < aLowerPtr[k + 1]; p++) x[aLowerIdx[p]] = offValues[aLowerSrc[p]];
    let d = diagonal[perm[k]];
    for (let q = lRowPtr[k]; q < lRowPtr[k + 1]; q++) {
      const i = lRowIdx[q];
      const lki = x[i] / Lx[lColPtr[i]];
      x[i] = 0;
      const end = next[i];
      for (let p = lColPtr[i] + 1; p < end; p++) x[Li[p]] -= Lx[p] * lki;
      d -= lki * lki;
      const p = next[i]++;
      Li[p] = k;
      Lx[p] = lki;
    }
    if (!(d > 0)) return null;
    Li[lColPtr[k]] = k;
    Lx[lColPtr[k]] = Math.sqrt(d);
  }
  return { symbolic: sym, Li, Lx };
}

/** ln det A = 2 Σ ln L_kk. */
export function choleskyLogDeterminant(L: CholeskyFactor): number {
  const { n, lColPtr } = L.symbolic;
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.log(L.Lx[lColPtr[k]]);
  return 2 * s;
}

/**
 * Solve A x = b with a sparse Cholesky factor (b in original order; returns x in original order).
 */
export function choleskySolve(L: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { n, perm, lColPtr } = L.symbolic;
  const { Li, Lx } = L;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[k] = b[perm[k]];
  // L y = x (column oriented)
  for (let j = 0; j < n; j++) {
    const xj = (x[j] /= Lx[lColPtr[j]]);
    for (let p = lColPtr[j] + 1; p < lColPtr[j + 1]; p++) x[Li[p]] -= Lx[p] * xj;
  }
  // L' z = y
  for (let j = n - 1; j >= 0; j--) {
    let s = x[j];
    for (let p = lColPtr[j] + 1; p < lColPtr[j + 1]; p++) s -= Lx[p] * x[Li[p]];
    x[j] = s / Lx[lColPtr[j]];
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[perm[k]] = x[k];
  return out;
}
