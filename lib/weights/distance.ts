import { SpatialWeights } from "./SpatialWeights";

/** How point coordinates are to be read. */
export type Coordinates = "lonlat" | "projected";

/** Points: one [x, y] (or [lon, lat]) pair per region. */
export type PointsInput = ArrayLike<readonly [number, number] | ArrayLike<number>>;

/** WGS-84 equatorial radius (km) and flattening, used by {@link ellipsoidDistanceKm}. */
const WGS84_A = 6378.137;
const WGS84_F = 1 / 298.257223563;

/**
 * Distance in km between two [lon, lat] points (degrees) on the WGS-84 ellipsoid, by Andoyer's
 * approximation as given in Meeus (1991, *Astronomical Algorithms*, ch. 11) — the formula spdep's C
 * function `gcdist` uses for `knearneigh` / `dnearneigh` with `longlat = TRUE` (error ~ tens of metres at
 * most; ~50 ppm). Identical points are 0 km apart.
 * @example ellipsoidDistanceKm([116.40, 39.90], [121.47, 31.23]) // 1065.6204002284248
 */
export function ellipsoidDistanceKm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const lon1 = a[0], lat1 = a[1], lon2 = b[0], lat2 = b[1];
  if (Math.abs(lat1 - lat2) < 2.220446049250313e-16 && Math.abs((lon1 - lon2) % 360) < 2.220446049250313e-16) return 0;
  const rad = Math.PI / 180;
  const F = ((lat1 + lat2) * rad) / 2;
  const G = ((lat1 - lat2) * rad) / 2;
  const L = ((lon1 - lon2) * rad) / 2;
  const sinG2 = Math.sin(G) ** 2, cosG2 = Math.cos(G) ** 2;
  const sinF2 = Math.sin(F) ** 2, cosF2 = Math.cos(F) ** 2;
  const sinL2 = Math.sin(L) ** 2, cosL2 = Math.cos(L) ** 2;
  const S = sinG2 * cosL2 + cosF2 * sinL2;
  const C = cosG2 * cosL2 + sinF2 * sinL2;
  const w = Math.atan(Math.sqrt(S / C));
  const R = Math.sqrt(S * C) / w;
  const D = 2 * w * WGS84_A;
  const H1 = (3 * R - 1) / (2 * C);
  const H2 = (3 * R + 1) / (2 * S);
  return D * (1 + WGS84_F * H1 * sinF2 * cosG2 - WGS84_F * H2 * cosF2 * sinG2);
}

function readPoints(points: PointsInput, fn: string, coordinates: Coordinates): { x: Float64Array; y: Float64Array } {
  const n = points.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (!p || p.length < 2 || typeof p[0] !== "number" || typeof p[1] !== "number" || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new Error(`${fn}: point ${i} is not a pair of finite numbers`);
    }
    x[i] = p[0];
    y[i] = p[1];
    if (coordinates === "lonlat" && (Math.abs(p[1]) > 90 || Math.abs(p[0]) > 360)) {
      throw new Error(`${fn}: point ${i} (${p[0]}, ${p[1]}) is not a longitude/latitude pair; use { coordinates: "projected" }`);
    }
  }
  return { x, y };
}

function idsFor(n: number, ids: ArrayLike<string | number> | undefined, fn: string): string[] {
  if (ids === undefined) return Array.from({ length: n }, (_, i) => String(i + 1));
  if (ids.length !== n) throw new Error(`${fn}: ${n} points but ${ids.length} ids`);
  return Array.from(ids, String);
}

function checkCoordinates(c: unknown, fn: string): Coordinates {
  if (c === undefined) return "projected";
  if (c !== "lonlat" && c !== "projected") {
    throw new Error(`${fn}: coordinates must be "lonlat" (km on the WGS-84 ellipsoid) or "projected" (Euclidean), got ${JSON.stringify(c)}`);
  }
  return c;
}

/** Options of {@link knn}. */
export interface KnnOptions {
  /** Region ids in point order (default "1".."n"). */
  ids?: ArrayLike<string | number>;
  /**
   * "lonlat": [lon, lat] in degrees, distances in km on the WGS-84 ellipsoid; "projected" (default, as spdep
   * for a coordinate matrix): Euclidean. Pass "lonlat" for longitude/latitude points.
   */
  coordinates?: Coordinates;
}

/**
 * k-nearest-neighbour weights (binary, asymmetric in general), as spdep's `knn2nb(knearneigh(x, k))`.
 * Ties: neighbours are ranked by distance, and among equal distances the point that comes first in the
 * input wins — the rule of spdep's C `knearneigh` (which also treats distances within a relative 1e-4
 * (1e-8 for lon/lat) of the k-th as equal only to keep the candidate list, not to change this order).
 * lon/lat distances are ellipsoidal (see {@link ellipsoidDistanceKm}), as spdep with `longlat = TRUE` on a
 * coordinate matrix.
 * @param points one [x, y] or [lon, lat] per region
 * @param k number of neighbours, 1 ≤ k < n
 * @throws `knn: k must be an integer in 1..n-1 (n = 49), got 60`, an unknown `coordinates` value, bad points,
 *   identical points (their order would be arbitrary), lon/lat out of range with "lonlat"
 * @example weights.knn([[0, 0], [1, 0], [3, 0]], 1, { coordinates: "projected" }).neighbors // [[1], [0], [1]]
 */
export function knn(points: PointsInput, k: number, options: KnnOptions = {}): SpatialWeights {
  const fn = "knn";
  const coordinates = checkCoordinates(options?.coordinates, fn);
  const { x, y } = readPoints(points, fn, coordinates);
  const n = x.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new Error(`${fn}: k must be an integer in 1..n-1 (n = ${n}), got ${k}`);
  const ids = idsFor(n, options.ids, fn);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${x[i]},${y[i]}`;
    const prev = seen.get(key);
    if (prev !== undefined) throw new Error(`${fn}: points ${prev} ("${ids[prev]}") and ${i} ("${ids[i]}") are identical`);
    seen.set(key, i);
  }
  const lonlat = coordinates === "lonlat";
  const nb: number[][] = lonlat ? knnBruteForce(x, y, k, true) : knnGrid(x, y, k);
  return new SpatialWeights(ids, nb);
}

/** Keeps the k best (distance, index) pairs, ranked by distance and then by index (spdep's order). */
function insertBest(best: number[], bestD: number[], k: number, j: number, dj: number): void {
  const m = best.length;
  if (m === k) {
    const dl = bestD[k - 1], jl = best[k - 1];
    if (!(dj < dl || (dj === dl && j < jl))) return;
  }
  let t = m === k ? k - 1 : m;
  while (t > 0 && (bestD[t - 1] > dj || (bestD[t - 1] === dj && best[t - 1] > j))) {
    if (t < k) { best[t] = best[t - 1]; bestD[t] = bestD[t - 1]; }
    t--;
  }
  best[t] = j; bestD[t] = dj;
}

/** k nearest neighbours by comparing every pair (lon/lat distances, or the brute-force check). */
function knnBruteForce(x: Float64Array, y: Float64Array, k: number, lonlat: boolean): number[][] {
  const n = x.length;
  const nb: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const best: number[] = [], bestD: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dj = lonlat ? ellipsoidDistanceKm([x[i], y[i]], [x[j], y[j]]) : Math.hypot(x[i] - x[j], y[i] - y[j]);
      insertBest(best, bestD, k, j, dj);
    }
    nb[i] = best;
  }
  return nb;
}

/**
 * k nearest neighbours for Euclidean coordinates from a uniform grid of cells (about two points per cell): the
 * cells around a point are visited ring by ring until the k-th distance found is below the distance every
 * unvisited cell keeps from the point, so the result (ties included) is the one of comparing every pair, at
 * O(n k) cost for evenly spread points instead of O(n²).
 */
function knnGrid(x: Float64Array, y: Float64Array, k: number): number[][] {
  const n = x.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) { x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]); y0 = Math.min(y0, y[i]); y1 = Math.max(y1, y[i]); }
  const spanX = x1 - x0, spanY = y1 - y0;
  const area = Math.max(spanX, 1e-300) * Math.max(spanY, 1e-300);
  let cell = Math.sqrt((2 * area) / n);
  if (!(cell > 0) || !Number.isFinite(cell) || spanX === 0 || spanY === 0) cell = Math.max(spanX, spanY) / Math.max(1, Math.ceil(n / 2));
  if (!(cell > 0) || !Number.isFinite(cell)) return knnBruteForce(x, y, k, false);
  const nx = Math.min(Math.floor(spanX / cell) + 1, 1 << 15), ny = Math.min(Math.floor(spanY / cell) + 1, 1 << 15);
  const cellX = spanX / nx || cell, cellY = spanY / ny || cell;
  const cx = new Int32Array(n), cy = new Int32Array(n);
  const start = new Int32Array(nx * ny + 1);
  for (let i = 0; i < n; i++) {
    cx[i] = Math.min(nx - 1, Math.floor((x[i] - x0) / cellX));
    cy[i] = Math.min(ny - 1, Math.floor((y[i] - y0) / cellY));
    start[cy[i] * nx + cx[i] + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[cy[i] * nx + cx[i]]++] = i;
  const step = Math.min(cellX, cellY);
  const nb: number[][] = new Array(n);
  const best: number[] = [], bestD: number[] = [];
  const visit = (i: number, gx: number, gy: number) => {
    if (gx < 0 || gy < 0 || gx >= nx || gy >= ny) return;
    const c = gy * nx + gx;
    for (let p = start[c]; p < start[c + 1]; p++) {
      const j = members[p];
      if (j !== i) insertBest(best, bestD, k, j, Math.hypot(x[i] - x[j], y[i] - y[j]));
    }
  };
  const maxRing = Math.max(nx, ny);
  for (let i = 0; i < n; i++) {
    best.length = 0; bestD.length = 0;
    const gx = cx[i], gy = cy[i];
    for (let r = 0; r <= maxRing; r++) {
      if (r === 0) visit(i, gx, gy);
      else {
        for (let t = -r; t <= r; t++) { visit(i, gx + t, gy - r); visit(i, gx + t, gy + r); }
        for (let t = -r + 1; t <= r - 1; t++) { visit(i, gx - r, gy + t); visit(i, gx + r, gy + t); }
      }
      // every point outside rings 0..r is at least r cell widths away (the point lies in its home cell)
      if (best.length === k && bestD[k - 1] < r * step * (1 - 1e-9)) break;
    }
    nb[i] = best.slice();
  }
  return nb;
}

/** Options of {@link distanceBand}. */
export interface DistanceBandOptions {
  ids?: ArrayLike<string | number>;
  /** "lonlat" (km on the WGS-84 ellipsoid) or "projected" (default; Euclidean, coordinate units). */
  coordinates?: Coordinates;
  /** Lower bound: only neighbours at distance ≥ this (default 0), as spdep's `d1`. */
  lower?: number;
  /** Weight links by d^(−inversePower) instead of 1 (style "custom"); e.g. 1 for inverse distance. */
  inversePower?: number;
}

/**
 * Distance-band weights: j is a neighbour of i when lower ≤ d(i, j) ≤ threshold (spdep `dnearneigh(x, d1, d2)`
 * with its default bounds "GE", "LE"). Binary by default; with `inversePower` p the weights are d^(−p).
 * Regions with nothing inside the band are islands.
 * @param points one [x, y] or [lon, lat] per region
 * @param threshold the upper distance (km for lon/lat)
 * @throws a non-positive threshold, an unknown `coordinates` value, identical points with `inversePower` (distance 0)
 * @example weights.distanceBand([[0, 0], [1, 0], [3, 0]], 1.5, { coordinates: "projected" }).neighbors // [[1], [0], []]
 */
export function distanceBand(points: PointsInput, threshold: number, options: DistanceBandOptions = {}): SpatialWeights {
  const fn = "distanceBand";
  const coordinates = checkCoordinates(options?.coordinates, fn);
  const { x, y } = readPoints(points, fn, coordinates);
  const n = x.length;
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new Error(`${fn}: threshold must be a positive number, got ${threshold}`);
  const lower = options.lower ?? 0;
  if (!(lower >= 0) || lower >= threshold) throw new Error(`${fn}: lower must be in [0, threshold), got ${lower}`);
  const p = options.inversePower;
  if (p !== undefined && !(p > 0 && Number.isFinite(p))) throw new Error(`${fn}: inversePower must be a positive number, got ${p}`);
  const ids = idsFor(n, options.ids, fn);
  const lonlat = coordinates === "lonlat";
  const nb: number[][] = Array.from({ length: n }, () => []);
  const wt: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dij = lonlat ? ellipsoidDistanceKm([x[i], y[i]], [x[j], y[j]]) : Math.hypot(x[i] - x[j], y[i] - y[j]);
      if (dij >= lower && dij <= threshold) {
        if (p !== undefined && dij === 0) throw new Error(`${fn}: points "${ids[i]}" and "${ids[j]}" are identical; inverse distance is infinite`);
        nb[i].push(j);
        wt[i].push(p === undefined ? 1 : dij ** -p);
      }
    }
  }
  return new SpatialWeights(ids, nb, wt, p === undefined ? "B" : "custom");
}
