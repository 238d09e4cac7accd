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
  const nb: number[][] = new Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      d[j] = j === i ? Infinity : lonlat ? ellipsoidDistanceKm([x[i], y[i]], [x[j], y[j]]) : Math.hypot(x[i] - x[j], y[i] - y[j]);
    }
    // partial selection of the k smallest (distance, index) pairs
    const best: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (best.length < k) {
        best.push(j);
        best.sort((a, b) => d[a] - d[b] || a - b);
      } else {
        const last = best[k - 1];
        if (d[j] < d[last] || (d[j] === d[last] && j < last)) {
          best[k - 1] = j;
          best.sort((a, b) => d[a] - d[b] || a - b);
        }
      }
    }
    nb[i] = best;
  }
  return new SpatialWeights(ids, nb);
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
