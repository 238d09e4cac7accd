import { SpatialWeights } from "./SpatialWeights";

/** A GeoJSON FeatureCollection of Polygon / MultiPolygon features (only what is read here). */
export interface PolygonFeatureCollection {
  type?: string;
  features: ArrayLike<{
    id?: string | number;
    properties?: Record<string, unknown> | null;
    geometry: { type: string; coordinates: unknown } | null;
  }>;
}

/** Options of {@link fromGeoJSON}. */
export interface ContiguityOptions {
  /** "queen": at least one shared boundary point; "rook": at least two (spdep `poly2nb(queen = FALSE)`). Default "queen". */
  contiguity?: "queen" | "rook";
  /** Property holding the region id; default: the feature's `id`, else "1".."n" as spdep's row names. */
  idField?: string;
  /** Two vertices closer than this (Euclidean, in coordinate units) count as one point. Default √(machine ε) ≈ 1.49e-8, spdep's default. */
  snap?: number;
}

/** spdep's default snap, `sqrt(.Machine$double.eps)`. */
export const DEFAULT_SNAP = Math.sqrt(2.220446049250313e-16);

function ringsOf(geom: { type: string; coordinates: unknown }, fn: string, id: string): number[][][] {
  const bad = () => new Error(`${fn}: feature "${id}" has malformed ${geom.type} coordinates`);
  // RFC 7946 §3.1.6: a linear ring has at least four positions and its last equals its first; an unclosed ring
  // would lose the edge between its last and first vertices (and with it a shared border), so it is refused
  let count = 0;
  const ring = (r: unknown): number[][] => {
    count++;
    if (!Array.isArray(r)) throw bad();
    for (const p of r) {
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw bad();
    }
    const pts = r as number[][];
    if (pts.length < 4) throw new Error(`${fn}: feature "${id}" ring ${count} has ${pts.length} positions; a GeoJSON linear ring needs at least 4 (the first repeated at the end)`);
    const a = pts[0], b = pts[pts.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) {
      throw new Error(`${fn}: feature "${id}" ring ${count} is not closed (first position [${a[0]}, ${a[1]}], last [${b[0]}, ${b[1]}]); GeoJSON rings end with their first position`);
    }
    return pts;
  };
  const empty = () => new Error(`${fn}: feature "${id}" has a ${geom.type} with no coordinates (empty geometry)`);
  if (geom.type === "Polygon") {
    if (!Array.isArray(geom.coordinates)) throw bad();
    if (geom.coordinates.length === 0) throw empty();
    return (geom.coordinates as unknown[]).map(ring);
  }
  if (geom.type === "MultiPolygon") {
    if (!Array.isArray(geom.coordinates)) throw bad();
    if (geom.coordinates.length === 0) throw empty();
    const out: number[][][] = [];
    for (const poly of geom.coordinates as unknown[]) {
      if (!Array.isArray(poly)) throw bad();
      if (poly.length === 0) throw empty();
      for (const r of poly) out.push(ring(r));
    }
    return out;
  }
  throw new Error(`${fn}: feature "${id}" is a ${geom.type}; only Polygon and MultiPolygon are supported`);
}

/**
 * Contiguity weights from polygons, with the semantics of spdep's `poly2nb` (Bivand, Pebesma & Gómez-Rubio
 * 2013, *Applied Spatial Data Analysis with R*, 2nd ed., ch. 9).
 *
 * Every vertex of every ring (outer rings and holes, all parts of a MultiPolygon, the closing vertex included,
 * only the feature's very first vertex left out — exactly the point set spdep compares) is matched against the
 * vertices of the other features; two vertices match when they are within `snap` of each other. Regions are
 * queen neighbours when at least one pair of vertices matches and rook neighbours when at least two pairs do.
 * Like spdep, rook therefore means "at least two shared boundary points", which is a shared edge whenever
 * the two polygons are digitised with common vertices (the usual case for administrative boundaries); it is
 * not a geometric edge-overlap test. Matching sorts all vertices by x and sweeps a window of width `snap`,
 * O(N log N) in the number of vertices, instead of comparing every pair of polygons.
 *
 * Regions without a match are islands (listed in `islands`); link them with `withLinks` or
 * `nearestForIslands` before use.
 *
 * @param fc a FeatureCollection of Polygon / MultiPolygon features
 * @param options contiguity ("queen"), idField, snap
 * @returns binary weights (style "B") in feature order
 * @throws `fromGeoJSON: feature 3 has no property "adcode"`, `fromGeoJSON: feature "x" is a Point; only Polygon
 *   and MultiPolygon are supported`, `fromGeoJSON: feature 5 has no geometry`, duplicate ids, bad options
 * @example
 * const w = weights.fromGeoJSON(provinces, { contiguity: "queen", idField: "adcode" });
 * w.islands; // ["460000"] (海南 touches no other province)
 */
export function fromGeoJSON(fc: PolygonFeatureCollection, options: ContiguityOptions = {}): SpatialWeights {
  const fn = "fromGeoJSON";
  if (!fc || typeof fc !== "object" || !fc.features || typeof fc.features.length !== "number") {
    throw new Error(`${fn}: expected a GeoJSON FeatureCollection with a "features" array`);
  }
  const contiguity = options.contiguity ?? "queen";
  if (contiguity !== "queen" && contiguity !== "rook") throw new Error(`${fn}: contiguity must be "queen" or "rook", got ${JSON.stringify(contiguity)}`);
  const snap = Math.abs(options.snap ?? DEFAULT_SNAP);
  if (!Number.isFinite(snap)) throw new Error(`${fn}: snap must be a finite number`);
  const n = fc.features.length;
  const ids: string[] = new Array(n);
  const perFeature: number[][][][] = new Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const f = fc.features[i];
    let id: string;
    if (options.idField !== undefined) {
      const v = f.properties?.[options.idField];
      if (v === undefined || v === null || v === "") throw new Error(`${fn}: feature ${i} has no property "${options.idField}"`);
      id = String(v);
    } else {
      id = f.id !== undefined && f.id !== null ? String(f.id) : String(i + 1);
    }
    ids[i] = id;
    if (!f.geometry) throw new Error(`${fn}: feature ${i} ("${id}") has no geometry`);
    const rings = ringsOf(f.geometry, fn, id);
    perFeature[i] = rings;
    for (const r of rings) total += r.length;
  }
  // flatten: owner feature and coordinates, dropping each feature's first vertex (as spdep does)
  const xs = new Float64Array(total);
  const ys = new Float64Array(total);
  const owner = new Int32Array(total);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let first = true;
    for (const r of perFeature[i]) {
      for (const p of r) {
        if (first) { first = false; continue; }
        xs[m] = p[0];
        ys[m] = p[1];
        owner[m] = i;
        m++;
      }
    }
  }
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  // count matching vertex pairs per feature pair (i < j)
  const pairCount = new Map<number, number>();
  for (let a = 0; a < m; a++) {
    const p = order[a];
    const xp = xs[p];
    const yp = ys[p];
    const op = owner[p];
    for (let b = a + 1; b < m; b++) {
      const q = order[b];
      const dx = xs[q] - xp;
      if (dx > snap) break;
      const oq = owner[q];
      if (oq === op) continue;
      const dy = ys[q] - yp;
      if (Math.abs(dy) > snap) continue;
      if (Math.hypot(dx, dy) <= snap) {
        const key = op < oq ? op * n + oq : oq * n + op;
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
    }
  }
  const need = contiguity === "queen" ? 1 : 2;
  const nb: number[][] = Array.from({ length: n }, () => []);
  for (const [key, count] of pairCount) {
    if (count < need) continue;
    const i = Math.floor(key / n);
    const j = key - i * n;
    nb[i].push(j);
    nb[j].push(i);
  }
  return new SpatialWeights(ids, nb);
}
