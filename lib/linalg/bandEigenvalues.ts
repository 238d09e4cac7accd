import { tridiagonalEigenvalues } from "./symmetricEigenvalues";
import type { SymmetricPattern } from "./sparseCholesky";

/**
 * Reverse Cuthill–McKee ordering (Cuthill & McKee 1969; George 1971): breadth-first search from a
 * pseudo-peripheral node of each connected component, neighbours by increasing degree, reversed.
 * It narrows the band of a sparse symmetric matrix.
 * @param pattern symmetric adjacency (CSR, no diagonal needed)
 * @returns perm with perm[newPosition] = original index
 * @example reverseCuthillMcKee({ n: 3, rowPtr: new Int32Array([0, 1, 3, 4]), colIdx: new Int32Array([1, 0, 2, 1]) }) // a path: Int32Array [2, 1, 0]
 */
export function reverseCuthillMcKee(pattern: SymmetricPattern): Int32Array {
  const { n, rowPtr, colIdx } = pattern;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = rowPtr[i + 1] - rowPtr[i];
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  let pos = 0;
  const level = new Int32Array(n);
  const bfs = (start: number, mark: Uint8Array, out: Int32Array | null): { last: number; depth: number; count: number } => {
    let head = 0, tail = 0;
    const q = out ?? new Int32Array(n);
    q[tail++] = start; mark[start] = 1; level[start] = 0;
    let last = start;
    while (head < tail) {
      const v = q[head++];
      last = v;
      const nb: number[] = [];
      for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) { const u = colIdx[p]; if (u !== v && !mark[u]) { mark[u] = 1; nb.push(u); } }
      nb.sort((a, b) => deg[a] - deg[b] || a - b);
      for (const u of nb) { level[u] = level[v] + 1; q[tail++] = u; }
    }
    return { last, depth: level[last], count: tail };
  };
  for (let s = 0; s < n; s++) {
    if (visited[s]) continue;
    // pseudo-peripheral node: repeat BFS from the farthest node while the depth grows
    let start = s;
    let tmpMark = new Uint8Array(n);
    let r = bfs(start, tmpMark, null);
    for (let it = 0; it < 5; it++) {
      tmpMark = new Uint8Array(n);
      const r2 = bfs(r.last, tmpMark, null);
      if (r2.depth <= r.depth) break;
      start = r.last;
      r = r2;
    }
    const compOrder = new Int32Array(n);
    const rc = bfs(start, visited, compOrder);
    for (let i = 0; i < rc.count; i++) order[pos++] = compOrder[i];
  }
  order.reverse();
  return order;
}

/** Half-bandwidth max |i − j| over the links of a pattern under an ordering. */
export function bandwidth(pattern: SymmetricPattern, perm: Int32Array): number {
  const inv = new Int32Array(pattern.n);
  for (let k = 0; k < pattern.n; k++) inv[perm[k]] = k;
  let b = 0;
  for (let i = 0; i < pattern.n; i++) {
    for (let p = pattern.rowPtr[i]; p < pattern.rowPtr[i + 1]; p++) b = Math.max(b, Math.abs(inv[i] - inv[pattern.colIdx[p]]));
  }
  return b;
}

/**
 * Eigenvalues of a sparse symmetric matrix through a narrow band: reverse Cuthill–McKee ordering,
 * then reduction of the band to tridiagonal form by Givens rotations with bulge chasing
 * (Rutishauser 1963; Schwarz 1968 — the method of LAPACK dsbtrd), then implicit QL.
 * Cost O(b n²) for half-bandwidth b instead of O(n³) for the dense reduction.
 * @param n dimension
 * @param rowPtr CSR row pointers of the symmetric matrix (diagonal entries may be present)
 * @param colIdx CSR columns
 * @param values CSR values
 * @returns eigenvalues ascending, and the bandwidth used
 * @example bandSymmetricEigenvalues(2, new Int32Array([0, 1, 2]), new Int32Array([1, 0]), new Float64Array([1, 1])).values // Float64Array [-0.9999999999999998, 0.9999999999999998]
 */
export function bandSymmetricEigenvalues(n: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, perm?: Int32Array): { values: Float64Array; bandwidth: number } {
  const P = perm ?? reverseCuthillMcKee({ n, rowPtr, colIdx });
  const inv = new Int32Array(n);
  for (let k = 0; k < n; k++) inv[P[k]] = k;
  let b = 0;
  for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) b = Math.max(b, Math.abs(inv[i] - inv[colIdx[p]]));
  const w = b + 2; // band plus one bulge diagonal
  // lower band storage: A(r, c), r >= c, r - c < w, at AB[c*w + (r - c)]
  const AB = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const r = inv[i], c = inv[colIdx[p]];
      if (r >= c) AB[c * w + (r - c)] += values[p];
    }
  }
  const get = (r: number, c: number): number => (r >= c ? AB[c * w + r - c] : AB[r * w + c - r]);
  /** Apply G = [[cs, sn], [−sn, cs]] to rows and columns p, p + 1 (A ← G A Gᵀ). */
  const rotate = (p: number, cs: number, sn: number) => {
    const q = p + 1;
    // x < p: A(p, x) at x*w + (p − x), A(q, x) right after it; within distance b of p (beyond is zero)
    const lo = Math.max(0, p - b);
    for (let x = lo, ip = lo * w + (p - lo); x < p; x++, ip += w - 1) {
      const a = AB[ip], bb = AB[ip + 1];
      AB[ip] = cs * a + sn * bb;
      AB[ip + 1] = cs * bb - sn * a;
    }
    // 2 × 2 block
    const pw = p * w, qw = q * w;
    const app = AB[pw], aqq = AB[qw], apq = AB[pw + 1];
    AB[pw] = cs * cs * app + 2 * cs * sn * apq + sn * sn * aqq;
    AB[qw] = sn * sn * app - 2 * cs * sn * apq + cs * cs * aqq;
    AB[pw + 1] = (cs * cs - sn * sn) * apq + cs * sn * (aqq - app);
    // x > q: A(x, p) at pw + (x − p), A(x, q) at qw + (x − q); the new A(p + w − 1 + 1, p) would leave the band
    const hi = Math.min(n - 1, p + w - 1);
    for (let ip = pw + 2, iq = qw + 1, x = q + 1; x <= hi; x++, ip++, iq++) {
      const a = AB[ip], bb = AB[iq];
      AB[ip] = cs * a + sn * bb;
      AB[iq] = cs * bb - sn * a;
    }
    if (p + w < n) {
      const iq = qw + w - 1;
      const bb = AB[iq];
      if (bb !== 0 && sn !== 0) throw new Error("bandSymmetricEigenvalues: band overflow");
      AB[iq] = cs * bb;
    }
  };
  const zero = (r: number, c: number) => {
    // zero A(r, c) by rotating rows r − 1, r using A(r − 1, c)
    const f = get(r - 1, c), g = get(r, c);
    if (g === 0) return;
    const h = Math.hypot(f, g);
    rotate(r - 1, f / h, g / h);
    AB[c * w + (r - c)] = 0; // exact zero
  };
  for (let k = 0; k + 2 < n; k++) {
    for (let i = Math.min(k + b, n - 1); i >= k + 2; i--) {
      if (get(i, k) === 0) continue;
      zero(i, k);
      // chase the bulge at (i − 1 + b + 1, i − 1) down the band
      let c0 = i - 1, r = i + b;
      while (r < n && get(r, c0) !== 0) {
        zero(r, c0);
        c0 = r - 1;
        r = r + b;
      }
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) { d[i] = AB[i * w]; if (i + 1 < n) e[i] = AB[i * w + 1]; }
  tridiagonalEigenvalues(d, e);
  return { values: d.sort(), bandwidth: b };
}
