/**
 * Spatial weights: who neighbours whom, and with what weight.
 *
 * The data structure follows spdep's `nb` + `listw` pair (Bivand, Pebesma & Gómez-Rubio 2013,
 * *Applied Spatial Data Analysis with R*, ch. 9): a list of neighbour indices per region and a
 * parallel list of weights. Indices are 0-based and sorted ascending; a region with no neighbour
 * is an *island* and is listed in `islands` by id.
 */

/** How the weights were produced: binary ("B"), row-standardized ("W"), or anything else ("custom"). */
export type WeightsStyle = "B" | "W" | "custom";

/** Compressed sparse row form of a weights matrix (row i's entries are colIdx/values[rowPtr[i] .. rowPtr[i+1])). */
export interface WeightsCSR {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

function freezeRows<T>(rows: T[][]): T[][] {
  for (const r of rows) Object.freeze(r);
  return Object.freeze(rows) as T[][];
}

/**
 * Spatial weights (the W of spatial econometrics) over `n` regions.
 *
 * Instances are immutable: `ids`, `neighbors`, `weights` and `islands` are frozen, and every
 * transformation (`standardize`, `reorder`, `subset`, `withLinks`, `nearestForIslands`) returns a new object.
 * Also: `lag(x)` (W·x), `toCSR()` (cached), `toDense()`, `isSymmetric()`, `indexOf(id)`, `alignment(dataIds, fn)`
 * (the data row of each region, or an error naming the ids missing on either side), `cardinalities()`, `nLinks`.
 *
 * @throws `SpatialWeights: duplicate id "x" (positions 3 and 7)`, `SpatialWeights: region "x" lists itself
 *   as a neighbour`, `SpatialWeights: region "x" has neighbour index 52 outside 0..48`, and errors for
 *   repeated neighbours or weights that are not finite.
 * @example
 * const w = new SpatialWeights(["a", "b", "c"], [[1], [0, 2], [1]]);
 * w.n;                        // 3
 * w.standardize("W").weights; // [[1], [0.5, 0.5], [1]]
 */
export class SpatialWeights {
  /** Region identifiers, in the order of the rows of W. */
  readonly ids: string[];
  /** Number of regions. */
  readonly n: number;
  /** `neighbors[i]`: 0-based indices of region i's neighbours, sorted ascending. */
  readonly neighbors: number[][];
  /** `weights[i][k]`: weight of neighbour `neighbors[i][k]` in row i. */
  readonly weights: number[][];
  /** Ids of regions with no neighbour. */
  readonly islands: string[];
  /** "B" binary, "W" row-standardized, "custom" otherwise (distance weights, user matrices). */
  readonly style: WeightsStyle;
  /** How the weights were built, one step per entry (set by the builders of lib/weights; kept by `standardize`). */
  provenance: string[] = [];

  private csrCache: WeightsCSR | null = null;
  private indexCache: Map<string, number> | null = null;

  /**
   * @param ids region identifiers (unique; numbers are converted to strings)
   * @param neighbors 0-based neighbour indices per region (any order; they are sorted)
   * @param weights weights parallel to `neighbors`; default 1 for every link (binary)
   * @param style the style tag; default "B" when `weights` is omitted, else "custom"
   */
  constructor(ids: ArrayLike<string | number>, neighbors: ArrayLike<ArrayLike<number>>, weights?: ArrayLike<ArrayLike<number>>, style?: WeightsStyle) {
    const n = ids.length;
    if (neighbors.length !== n) {
      throw new Error(`SpatialWeights: ${n} ids but ${neighbors.length} neighbour lists`);
    }
    if (weights !== undefined && weights.length !== n) {
      throw new Error(`SpatialWeights: ${n} ids but ${weights.length} weight lists`);
    }
    const idList: string[] = new Array(n);
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const id = String(ids[i]);
      const prev = seen.get(id);
      if (prev !== undefined) throw new Error(`SpatialWeights: duplicate id "${id}" (positions ${prev} and ${i})`);
      seen.set(id, i);
      idList[i] = id;
    }
    const nbOut: number[][] = new Array(n);
    const wOut: number[][] = new Array(n);
    const islands: string[] = [];
    for (let i = 0; i < n; i++) {
      const nb = neighbors[i];
      const wt = weights?.[i];
      if (wt !== undefined && wt.length !== nb.length) {
        throw new Error(`SpatialWeights: region "${idList[i]}" has ${nb.length} neighbours but ${wt.length} weights`);
      }
      const order: number[] = [];
      for (let k = 0; k < nb.length; k++) {
        const j = nb[k];
        if (!Number.isInteger(j) || j < 0 || j >= n) {
          throw new Error(`SpatialWeights: region "${idList[i]}" has neighbour index ${j} outside 0..${n - 1}`);
        }
        if (j === i) throw new Error(`SpatialWeights: region "${idList[i]}" lists itself as a neighbour`);
        const v = wt === undefined ? 1 : wt[k];
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new Error(`SpatialWeights: region "${idList[i]}" has a non-finite weight for neighbour "${idList[j]}"`);
        }
        order.push(k);
      }
      order.sort((a, b) => nb[a] - nb[b]);
      const rowNb: number[] = new Array(order.length);
      const rowW: number[] = new Array(order.length);
      for (let k = 0; k < order.length; k++) {
        rowNb[k] = nb[order[k]];
        rowW[k] = wt === undefined ? 1 : wt[order[k]];
        if (k > 0 && rowNb[k] === rowNb[k - 1]) {
          throw new Error(`SpatialWeights: region "${idList[i]}" lists neighbour "${idList[rowNb[k]]}" twice`);
        }
      }
      nbOut[i] = rowNb;
      wOut[i] = rowW;
      if (rowNb.length === 0) islands.push(idList[i]);
    }
    this.ids = Object.freeze(idList) as string[];
    this.n = n;
    this.neighbors = freezeRows(nbOut);
    this.weights = freezeRows(wOut);
    this.islands = Object.freeze(islands) as string[];
    this.style = style ?? (weights === undefined ? "B" : "custom");
    this.indexCache = seen;
  }

  /** Number of neighbours of each region. */
  cardinalities(): number[] {
    return this.neighbors.map((r) => r.length);
  }

  /** Total number of (directed) links, the number of non-zero entries of W. */
  get nLinks(): number {
    let s = 0;
    for (const r of this.neighbors) s += r.length;
    return s;
  }

  /**
   * Position of a region by id.
   * @returns the 0-based row index, or -1 when the id is unknown
   * @example new SpatialWeights(["a", "b"], [[1], [0]]).indexOf("b") // 1
   */
  indexOf(id: string | number): number {
    if (this.indexCache === null) {
      this.indexCache = new Map(this.ids.map((x, i) => [x, i]));
    }
    const i = this.indexCache.get(String(id));
    return i === undefined ? -1 : i;
  }

  /**
   * Spatial lag W·x: `out[i] = Σ_j w_ij x_j` (0 for an island).
   * @param x one number per region, in `ids` order
   * @throws `SpatialWeights.lag: 3 values but the weights have 4 regions`
   * @example new SpatialWeights(["a","b","c"], [[1],[0,2],[1]]).standardize("W").lag([1, 2, 3]) // Float64Array [2, 2, 2]
   */
  lag(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.n) throw new Error(`SpatialWeights.lag: ${x.length} values but the weights have ${this.n} regions`);
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const nb = this.neighbors[i];
      const wt = this.weights[i];
      let s = 0;
      for (let k = 0; k < nb.length; k++) s += wt[k] * x[nb[k]];
      out[i] = s;
    }
    return out;
  }

  /**
   * Re-weight the same neighbour structure (spdep `nb2listw` styles "W" and "B").
   * "W": each row divided by its sum (row-standardization); an island's row stays empty (zero).
   * "B": every link weight 1.
   * @returns a new SpatialWeights; this one is unchanged
   * @throws `SpatialWeights.standardize: row "x" sums to 0; cannot row-standardize` when a non-island row's
   *   weights sum to zero
   * @example new SpatialWeights(["a","b","c"], [[1],[0,2],[1]]).standardize("W").weights // [[1],[0.5,0.5],[1]]
   */
  standardize(style: "W" | "B"): SpatialWeights {
    if (style === "B") {
      const b = new SpatialWeights(this.ids, this.neighbors, this.neighbors.map((r) => r.map(() => 1)), "B");
      b.provenance = [...this.provenance, "binary (every link 1)"];
      return b;
    }
    if (style !== "W") throw new Error(`SpatialWeights.standardize: style must be "W" or "B", got ${JSON.stringify(style)}`);
    const w = this.weights.map((row, i) => {
      if (row.length === 0) return [];
      let s = 0;
      for (const v of row) s += v;
      if (s === 0) throw new Error(`SpatialWeights.standardize: row "${this.ids[i]}" sums to 0; cannot row-standardize`);
      return row.map((v) => v / s);
    });
    const out = new SpatialWeights(this.ids, this.neighbors, w, "W");
    out.provenance = [...this.provenance, "row-standardized (style W)"];
    return out;
  }

  /**
   * Compressed sparse row form (computed once and cached; do not mutate the arrays).
   * @example new SpatialWeights(["a","b"], [[1],[0]]).toCSR().rowPtr // Int32Array [0, 1, 2]
   */
  toCSR(): WeightsCSR {
    if (this.csrCache) return this.csrCache;
    const n = this.n;
    const rowPtr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + this.neighbors[i].length;
    const nnz = rowPtr[n];
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    for (let i = 0; i < n; i++) {
      const nb = this.neighbors[i];
      const wt = this.weights[i];
      const off = rowPtr[i];
      for (let k = 0; k < nb.length; k++) {
        colIdx[off + k] = nb[k];
        values[off + k] = wt[k];
      }
    }
    this.csrCache = Object.freeze({ n, rowPtr, colIdx, values });
    return this.csrCache;
  }

  /**
   * Dense n×n matrix, row-major (`W[i*n + j]`). Memory is 8n² bytes: for n = 3,000 that is 72 MB.
   * @example new SpatialWeights(["a","b"], [[1],[0]]).toDense() // Float64Array [0, 1, 1, 0]
   */
  toDense(): Float64Array {
    const n = this.n;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const nb = this.neighbors[i];
      const wt = this.weights[i];
      for (let k = 0; k < nb.length; k++) out[i * n + nb[k]] = wt[k];
    }
    return out;
  }

  /**
   * Whether W equals its transpose. With `{ structure: true }` only the neighbour relation is compared
   * (a row-standardized W of a symmetric contiguity is structurally but not numerically symmetric).
   * @param options.tolerance relative tolerance for the weight comparison (default 1e-12)
   * @example new SpatialWeights(["a","b","c"], [[1],[0,2],[1]]).standardize("W").isSymmetric() // false
   */
  isSymmetric(options: { structure?: boolean; tolerance?: number } = {}): boolean {
    const tol = options.tolerance ?? 1e-12;
    for (let i = 0; i < this.n; i++) {
      const nb = this.neighbors[i];
      for (let k = 0; k < nb.length; k++) {
        const j = nb[k];
        const pos = binarySearch(this.neighbors[j], i);
        if (pos < 0) return false;
        if (!options.structure) {
          const a = this.weights[i][k];
          const b = this.weights[j][pos];
          if (Math.abs(a - b) > tol * Math.max(Math.abs(a), Math.abs(b))) return false;
        }
      }
    }
    return true;
  }

  /**
   * For data whose rows are identified by `dataIds`, the row of the data that belongs to each region
   * of W: `perm[i]` is the data row of region `ids[i]`. Used by wrappers (`moran(df, "y", w, { id })`).
   * @param dataIds the id of each data row
   * @param fn the calling function's name used in errors
   * @throws `moran: ids in data but not in weights: 京, 沪; ids in weights but not in data: 琼` when the
   *   two sets differ, and `moran: id "京" appears twice in the data (rows 0 and 5)` for duplicates
   * @example new SpatialWeights(["a","b"], [[1],[0]]).alignment(["b","a"], "moran") // Int32Array [1, 0]
   */
  alignment(dataIds: ArrayLike<string | number>, fn = "SpatialWeights.alignment"): Int32Array {
    // fast path: the data rows are already in the order of the weights (the ids are unique, so no duplicates either)
    if (dataIds.length === this.n) {
      let r = 0;
      while (r < this.n && String(dataIds[r]) === this.ids[r]) r++;
      if (r === this.n) {
        const identity = new Int32Array(this.n);
        for (let i = 0; i < this.n; i++) identity[i] = i;
        return identity;
      }
    }
    const seen = new Map<string, number>();
    const extra: string[] = [];
    for (let r = 0; r < dataIds.length; r++) {
      const id = String(dataIds[r]);
      const prev = seen.get(id);
      if (prev !== undefined) throw new Error(`${fn}: id "${id}" appears twice in the data (rows ${prev} and ${r})`);
      seen.set(id, r);
      if (this.indexOf(id) < 0) extra.push(id);
    }
    const perm = new Int32Array(this.n);
    const missing: string[] = [];
    for (let i = 0; i < this.n; i++) {
      const r = seen.get(this.ids[i]);
      if (r === undefined) missing.push(this.ids[i]);
      else perm[i] = r;
    }
    if (extra.length > 0 || missing.length > 0) {
      const parts: string[] = [];
      if (extra.length > 0) parts.push(`ids in data but not in weights: ${listIds(extra)}`);
      if (missing.length > 0) parts.push(`ids in weights but not in data: ${listIds(missing)}`);
      throw new Error(`${fn}: ${parts.join("; ")}`);
    }
    return perm;
  }

  /**
   * The same weights with the regions in the order `ids` (a permutation of `this.ids`).
   * @throws as {@link alignment} when `ids` is not a permutation of the weights' ids
   * @example new SpatialWeights(["a","b","c"], [[1],[0,2],[1]]).reorder(["c","b","a"]).neighbors // [[1],[0,2],[1]]
   */
  reorder(ids: ArrayLike<string | number>): SpatialWeights {
    // perm[i] = new position of old region i
    const perm = this.alignment(ids, "SpatialWeights.reorder");
    const n = this.n;
    const nb: number[][] = new Array(n);
    const wt: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      nb[perm[i]] = this.neighbors[i].map((j) => perm[j]);
      wt[perm[i]] = this.weights[i].slice();
    }
    return new SpatialWeights(Array.from(ids, String), nb, wt, this.style);
  }

  /**
   * The weights restricted to some regions (e.g. those with data), as spdep's `subset.listw`: links to dropped
   * regions are removed, regions keep this object's order. A "W" object is row-standardized again over the
   * remaining links; "B" and "custom" weights keep their values. Regions left without neighbours become islands.
   * @param keep ids of the regions to keep (any order; duplicates are an error)
   * @throws `SpatialWeights.subset: unknown id "x"`, `SpatialWeights.subset: id "x" given twice`
   * @example new SpatialWeights(["a","b","c"], [[1],[0,2],[1]]).subset(["a","b"]).neighbors // [[1],[0]]
   */
  subset(keep: ArrayLike<string | number>): SpatialWeights {
    const newIndex = new Int32Array(this.n).fill(-1);
    for (let p = 0; p < keep.length; p++) {
      const i = this.indexOf(keep[p]);
      if (i < 0) throw new Error(`SpatialWeights.subset: unknown id "${keep[p]}"`);
      if (newIndex[i] >= 0) throw new Error(`SpatialWeights.subset: id "${keep[p]}" given twice`);
      newIndex[i] = 0;
    }
    let m = 0;
    for (let i = 0; i < this.n; i++) if (newIndex[i] >= 0) newIndex[i] = m++;
    const base = this.style === "W" ? this.standardize("B") : this;
    const ids: string[] = [];
    const nb: number[][] = [];
    const wt: number[][] = [];
    for (let i = 0; i < this.n; i++) {
      if (newIndex[i] < 0) continue;
      ids.push(this.ids[i]);
      const rowNb: number[] = [];
      const rowW: number[] = [];
      base.neighbors[i].forEach((j, k) => {
        if (newIndex[j] >= 0) { rowNb.push(newIndex[j]); rowW.push(base.weights[i][k]); }
      });
      nb.push(rowNb);
      wt.push(rowW);
    }
    const out = new SpatialWeights(ids, nb, wt, base.style);
    return this.style === "W" ? out.standardize("W") : out;
  }

  /**
   * Add links explicitly, in both directions (e.g. link 海南 to 广东: `w.withLinks([["460000", "440000"]])`).
   * The links are added to the binary structure; a "W" object is then row-standardized again, a "B" one
   * stays binary. For "custom" weights give the weight of the new links with `{ weight }`.
   * Links that already exist are left as they are.
   * @throws `SpatialWeights.withLinks: unknown id "x"`, a self-link, or "custom" weights without `weight`
   * @example new SpatialWeights(["a","b","c"], [[1],[0],[]]).withLinks([["c","a"]]).neighbors // [[1,2],[0],[0]]
   */
  withLinks(pairs: ArrayLike<readonly [string | number, string | number]>, options: { weight?: number } = {}): SpatialWeights {
    if (this.style === "custom" && options.weight === undefined) {
      throw new Error(`SpatialWeights.withLinks: these weights are "custom"; give the new links' weight with { weight }`);
    }
    const w = options.weight ?? 1;
    const base = this.style === "custom" ? this : this.standardize("B");
    const nb = base.neighbors.map((r) => r.slice());
    const wt = base.weights.map((r) => r.slice());
    const add = (i: number, j: number) => {
      if (nb[i].includes(j)) return;
      nb[i].push(j);
      wt[i].push(w);
    };
    for (let p = 0; p < pairs.length; p++) {
      const [a, b] = pairs[p];
      const i = this.indexOf(a);
      const j = this.indexOf(b);
      if (i < 0) throw new Error(`SpatialWeights.withLinks: unknown id "${a}"`);
      if (j < 0) throw new Error(`SpatialWeights.withLinks: unknown id "${b}"`);
      if (i === j) throw new Error(`SpatialWeights.withLinks: cannot link "${a}" to itself`);
      add(i, j);
      add(j, i);
    }
    const out = new SpatialWeights(this.ids, nb, wt, this.style === "custom" ? "custom" : "B");
    return this.style === "W" ? out.standardize("W") : out;
  }

  /**
   * Link every island to its nearest region (and back), by the distance between the given points
   * (e.g. polygon centroids): the usual fix for an island province such as 海南.
   * @param points one [x, y] per region in `ids` order, or an object keyed by id
   * @param options.coordinates "lonlat" (great-circle distance; default) or "projected" (Euclidean)
   * @returns new weights (this object when there are no islands); ties go to the lower row index
   * @throws when there is only one region, or a point is missing or not finite
   * @example w.nearestForIslands(centroids).islands // []
   */
  nearestForIslands(points: ArrayLike<readonly [number, number]> | Record<string, readonly [number, number]>,
    options: { coordinates?: "lonlat" | "projected" } = {}): SpatialWeights {
    if (this.islands.length === 0) return this;
    if (this.n < 2) throw new Error(`SpatialWeights.nearestForIslands: need at least 2 regions`);
    const pts = pointsInOrder(this, points, "SpatialWeights.nearestForIslands");
    const lonlat = (options.coordinates ?? "lonlat") === "lonlat";
    const pairs: [string, string][] = [];
    for (const id of this.islands) {
      const i = this.indexOf(id);
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < this.n; j++) {
        if (j === i) continue;
        const d = lonlat ? greatCircleKm(pts[i], pts[j]) : Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
        if (d < bestD) { bestD = d; best = j; }
      }
      pairs.push([id, this.ids[best]]);
    }
    return this.withLinks(pairs, this.style === "custom" ? { weight: 1 } : {});
  }
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, 10).join(", ");
  return ids.length > 10 ? `${shown}, ... (${ids.length} in all)` : shown;
}

function binarySearch(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arr[mid];
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Mean Earth radius in km used by {@link greatCircleKm} (6371 km, the IUGG mean radius). */
export const EARTH_RADIUS_KM = 6371;

/**
 * Great-circle distance in km between two [lon, lat] points in degrees (haversine formula).
 * @example greatCircleKm([0, 0], [0, 1]) // 111.19492664455873
 */
export function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

function pointsInOrder(w: SpatialWeights, points: ArrayLike<readonly [number, number]> | Record<string, readonly [number, number]>, fn: string): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = new Array(w.n);
  const isArrayLike = Array.isArray(points) || (typeof (points as ArrayLike<unknown>).length === "number");
  for (let i = 0; i < w.n; i++) {
    const p = isArrayLike ? (points as ArrayLike<readonly [number, number]>)[i] : (points as Record<string, readonly [number, number]>)[w.ids[i]];
    if (p === undefined || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new Error(`${fn}: no finite point for region "${w.ids[i]}"`);
    }
    out[i] = p;
  }
  return out;
}
