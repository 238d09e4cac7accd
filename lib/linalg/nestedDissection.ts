/**
 * Nested dissection ordering of a symmetric sparse pattern, for sparse Cholesky factorization.
 *
 * Long name: automatic nested dissection by level-structure separators (George 1973, "Nested dissection of
 * a regular finite element mesh", SIAM J. Numer. Anal. 10(2); George & Liu 1981, *Computer Solution of Large
 * Sparse Positive Definite Systems*, ch. 8). Each subgraph is split by the middle level of a breadth-first
 * level structure rooted at a pseudo-peripheral node (George & Liu 1979); the two halves are ordered first
 * and the separator last, down to leaves of at most `leafSize` vertices, which keep their breadth-first
 * (Cuthill–McKee) order. Disconnected subgraphs are split into their components first.
 * Iterative (an explicit stack of subgraphs, no recursion), O(|E| log n) time and O(n + |E|) memory.
 * On a k × k rook lattice the factor has O(n log n) non-zeros, against O(n^1.5) for a band or profile order.
 */
import type { SymmetricPattern } from "./sparseCholesky";

/** Options of {@link nestedDissectionOrdering}. */
export interface NestedDissectionOptions {
  /** Subgraphs of at most this many vertices are not split further (default 64). */
  leafSize?: number;
}

/**
 * Nested dissection ordering (level-structure separators, iterative).
 * @param pattern symmetric adjacency (CSR; diagonal entries ignored); an entry (i, j) must also appear as (j, i)
 * @param options `leafSize` (default 64)
 * @returns perm with perm[newPosition] = original index
 * @throws `nestedDissectionOrdering: leafSize must be an integer ≥ 1, got 0`
 * @example
 * // path 0 – 1 – 2 with leafSize 1: the middle vertex is the separator, ordered last
 * nestedDissectionOrdering({ n: 3, rowPtr: new Int32Array([0, 1, 3, 4]), colIdx: new Int32Array([1, 0, 2, 1]) }, { leafSize: 1 }) // Int32Array [0, 2, 1]
 */
export function nestedDissectionOrdering(pattern: SymmetricPattern, options: NestedDissectionOptions = {}): Int32Array {
  const { n, rowPtr, colIdx } = pattern;
  const leafSize = options.leafSize ?? 64;
  if (!Number.isInteger(leafSize) || leafSize < 1) throw new Error(`nestedDissectionOrdering: leafSize must be an integer ≥ 1, got ${leafSize}`);
  // verts[start .. start + size) holds the vertices of one subgraph; the final order is verts itself
  const verts = new Int32Array(n);
  for (let i = 0; i < n; i++) verts[i] = i;
  const label = new Int32Array(n); // subgraph id of each vertex (−1 once placed in a separator or leaf)
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const scratch = new Int32Array(n);
  // stack of subgraphs: (start, size, id)
  let stackStart = new Int32Array(64), stackSize = new Int32Array(64), stackId = new Int32Array(64);
  let top = 0;
  let nextId = 1;
  const push = (start: number, size: number, id: number) => {
    if (top === stackStart.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      stackStart = grow(stackStart); stackSize = grow(stackSize); stackId = grow(stackId);
    }
    stackStart[top] = start; stackSize[top] = size; stackId[top] = id; top++;
  };
  if (n > 0) push(0, n, 0);

  // breadth-first search inside subgraph `id` from `root`; fills queue[0 .. count) and level[]; returns count
  let depth = 0;
  const bfs = (root: number, id: number): number => {
    let head = 0, tail = 0;
    queue[tail++] = root;
    level[root] = 0;
    label[root] = -2 - id; // visited marker for this search (restored below)
    depth = 0;
    while (head < tail) {
      const v = queue[head++];
      const lv = level[v];
      if (lv > depth) depth = lv;
      for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) {
        const u = colIdx[p];
        if (label[u] === id) { label[u] = -2 - id; level[u] = lv + 1; queue[tail++] = u; }
      }
    }
    for (let q = 0; q < tail; q++) label[queue[q]] = id;
    return tail;
  };
  const degreeIn = (v: number, id: number): number => {
    let d = 0;
    for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) if (label[colIdx[p]] === id) d++;
    return d;
  };

  while (top > 0) {
    top--;
    const start = stackStart[top], size = stackSize[top], id = stackId[top];
    // pseudo-peripheral root (George & Liu 1979): restart from a least-degree node of the last level while the depth grows
    let root = verts[start];
    const count = bfs(root, id);
    if (count === size && size > leafSize) {
      for (let iter = 0; iter < 8; iter++) {
        const d0 = depth;
        let best = -1, bestDeg = Infinity;
        for (let q = count - 1; q >= 0 && level[queue[q]] === d0; q--) {
          const dg = degreeIn(queue[q], id);
          if (dg < bestDeg) { bestDeg = dg; best = queue[q]; }
        }
        if (best < 0 || best === root) break;
        const prevRoot = root;
        root = best;
        bfs(root, id);
        if (depth <= d0) { if (depth < d0) { root = prevRoot; bfs(root, id); } break; }
      }
    }
    if (count < size) {
      // disconnected: the component of the root, then the rest, as two subgraphs
      const idA = nextId++, idB = nextId++;
      for (let q = 0; q < count; q++) label[queue[q]] = idA;
      let a = start, b = 0;
      for (let q = start; q < start + size; q++) {
        const v = verts[q];
        if (label[v] === idA) verts[a++] = v; else { label[v] = idB; scratch[b++] = v; }
      }
      verts.set(scratch.subarray(0, b), a);
      push(start + count, size - count, idB);
      push(start, count, idA);
      continue;
    }
    if (size <= leafSize || depth < 2) {
      // leaf (or too shallow to split): breadth-first order from the root
      for (let q = 0; q < count; q++) { verts[start + q] = queue[q]; label[queue[q]] = -1; }
      continue;
    }
    // level sizes; the separator is the level holding the median vertex, restricted to 1 .. depth − 1
    const levelCount = new Int32Array(depth + 1);
    for (let q = 0; q < count; q++) levelCount[level[queue[q]]]++;
    let m = 0, acc = 0;
    while (m < depth && acc + levelCount[m] <= (size >> 1)) { acc += levelCount[m]; m++; }
    if (m < 1) m = 1;
    if (m > depth - 1) m = depth - 1;
    // separator: vertices of level m with a neighbour in level m + 1 (the others join the first half)
    let na = 0, nb = 0, ns = 0;
    const sepStart = start + size; // separator is written backwards from the end
    for (let q = 0; q < count; q++) {
      const v = queue[q];
      const lv = level[v];
      let side: number; // 0 first half, 1 second half, 2 separator
      if (lv < m) side = 0;
      else if (lv > m) side = 1;
      else {
        side = 0;
        for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) { const u = colIdx[p]; if (label[u] === id && level[u] === m + 1) { side = 2; break; } }
      }
      if (side === 0) verts[start + na++] = v;
      else if (side === 1) scratch[nb++] = v;
      else { ns++; verts[sepStart - ns] = v; }
    }
    verts.set(scratch.subarray(0, nb), start + na);
    // separator vertices in ascending level-structure order (they were written backwards)
    verts.subarray(sepStart - ns, sepStart).reverse();
    for (let q = sepStart - ns; q < sepStart; q++) label[verts[q]] = -1;
    const idA = nextId++, idB = nextId++;
    for (let q = start; q < start + na; q++) label[verts[q]] = idA;
    for (let q = start + na; q < start + na + nb; q++) label[verts[q]] = idB;
    if (nb > 0) push(start + na, nb, idB);
    if (na > 0) push(start, na, idA);
  }
  return verts;
}
