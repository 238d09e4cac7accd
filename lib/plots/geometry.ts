import type { PlotFeature, PlotFeatureCollection } from "./types";

/**
 * Polygon geometry for map figures drawn as filled Plotly scatter traces on plain x/y axes
 * (longitude, latitude). Drawing polygons ourselves instead of using Plotly's `choropleth`
 * trace keeps exported pages offline: a `geo` subplot fetches a base-map topojson from
 * cdn.plot.ly whenever a trace has a `locationmode`, which choropleth traces always have.
 */

/** A ring: closed list of [lon, lat] points. */
export type Ring = Array<[number, number]>;

/** Options controlling how much geometry a map figure embeds. */
export interface SimplifyOptions {
  /** Douglas–Peucker tolerance in degrees (0 keeps every vertex). */
  tolerance?: number;
  /** Rings (islands) with an area below this many square degrees are dropped, except each feature's largest ring. */
  minArea?: number;
  /** Decimal places kept in the coordinates written into the figure. */
  decimals?: number;
}

function perpendicularDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  const tc = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + tc * dx), p[1] - (a[1] + tc * dy));
}

/**
 * Douglas–Peucker line simplification (Douglas & Peucker 1973), iterative.
 * Keeps the first and last point and every point farther than `tolerance` from the
 * simplified line.
 * @param points the path
 * @param tolerance maximum allowed deviation, in the units of the points
 * @example simplifyPath([[0,0],[1,0.01],[2,0]], 0.1) // [[0,0],[2,0]]
 */
export function simplifyPath(points: ReadonlyArray<[number, number]>, tolerance: number): Array<[number, number]> {
  const n = points.length;
  if (n <= 2 || tolerance <= 0) return points.map((p) => [p[0], p[1]] as [number, number]);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length > 0) {
    const [s, e] = stack.pop() as [number, number];
    let maxD = -1;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpendicularDistance(points[i], points[s], points[e]);
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (idx >= 0 && maxD > tolerance) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push([points[i][0], points[i][1]]);
  return out;
}

/** Absolute area of a ring by the shoelace formula (square degrees). */
export function ringArea(ring: ReadonlyArray<[number, number]>): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  }
  return Math.abs(a) / 2;
}

function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length < 5 || tolerance <= 0) return ring.slice();
  // split the closed ring at its point farthest from the start, so both halves are open paths
  let far = 1;
  let best = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]);
    if (d > best) { best = d; far = i; }
  }
  const first = simplifyPath(ring.slice(0, far + 1), tolerance);
  const second = simplifyPath(ring.slice(far), tolerance);
  const out = first.concat(second.slice(1));
  return out.length >= 4 ? out : ring.slice();
}

/**
 * The outer and inner rings of a Polygon or MultiPolygon feature, simplified.
 * @throws `regionMap: feature "x" has geometry type "Point" (only Polygon and MultiPolygon can be mapped)`
 */
export function featureRings(feature: PlotFeature, label: string, options: SimplifyOptions = {}, fn = "map"): Ring[] {
  const { tolerance = 0, minArea = 0 } = options;
  const g = feature.geometry;
  if (!g) throw new Error(`${fn}: feature "${label}" has no geometry`);
  let polygons: Ring[][];
  if (g.type === "Polygon") polygons = [g.coordinates as Ring[]];
  else if (g.type === "MultiPolygon") polygons = g.coordinates as Ring[][];
  else throw new Error(`${fn}: feature "${label}" has geometry type "${g.type}" (only Polygon and MultiPolygon can be mapped)`);
  const rings: Ring[] = [];
  for (const poly of polygons) for (const r of poly) rings.push(r.map((p) => [Number(p[0]), Number(p[1])] as [number, number]));
  if (rings.length === 0) return rings;
  const areas = rings.map(ringArea);
  const largest = areas.indexOf(Math.max(...areas));
  const out: Ring[] = [];
  rings.forEach((r, i) => {
    if (i !== largest && areas[i] < minArea) return;
    out.push(simplifyRing(r, tolerance));
  });
  return out;
}

/**
 * Rings as one Plotly x/y path with `null` between rings (Plotly's `fill: "toself"` closes
 * and fills each segment separately).
 */
export function ringsToPath(rings: Ring[], decimals = 4): { x: Array<number | null>; y: Array<number | null> } {
  const f = Math.pow(10, decimals);
  const x: Array<number | null> = [];
  const y: Array<number | null> = [];
  rings.forEach((r, i) => {
    if (i > 0) { x.push(null); y.push(null); }
    for (const p of r) { x.push(Math.round(p[0] * f) / f); y.push(Math.round(p[1] * f) / f); }
  });
  return { x, y };
}

/** The identifier of a feature: `properties[idField]`, else `feature.id`, as a string. */
export function featureId(feature: PlotFeature, idField: string): string | undefined {
  const v = feature.properties?.[idField] ?? feature.id;
  return v === undefined || v === null ? undefined : String(v);
}

/** Bounding box of a set of rings: [minLon, minLat, maxLon, maxLat]. */
export function ringsBounds(all: Ring[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of all) for (const p of r) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}

/** One drawable region: id, display name and its simplified rings. */
export interface MapRegion {
  id: string;
  name: string;
  rings: Ring[];
}

/**
 * Default simplification for a map: Douglas–Peucker tolerance of 1/1500 of the bounding
 * box's diagonal (≈0.05° for China, ≈0.006° for Jilin's prefectures) and enough decimals
 * to resolve half of it — invisible at the size a notebook shows a map, and it keeps a
 * 34-province figure near 85 kB.
 */
export function defaultSimplification(bounds: [number, number, number, number]): { tolerance: number; decimals: number } {
  const diag = Math.hypot(bounds[2] - bounds[0], bounds[3] - bounds[1]);
  const tolerance = diag / 1500;
  const decimals = Math.max(2, Math.min(6, Math.ceil(-Math.log10(tolerance / 2))));
  return { tolerance, decimals };
}

/**
 * The regions of a feature collection keyed by id, with duplicates refused, simplified
 * (default: {@link defaultSimplification}). The display name is `properties[nameField]`;
 * without `nameField` the first of `name`, `name_zh`, `name_en` present, else the id.
 * @throws `fn: GeoJSON has no features`; `fn: feature 3 has no "adcode" property and no id`;
 *   `fn: id "220100" appears in more than one feature`
 */
export function mapRegions(geojson: PlotFeatureCollection, idField: string, nameField: string | undefined, options: SimplifyOptions, fn: string): { regions: MapRegion[]; decimals: number; bounds: [number, number, number, number] } {
  if (!geojson || !Array.isArray(geojson.features) || geojson.features.length === 0) {
    throw new Error(`${fn}: GeoJSON has no features`);
  }
  const seen = new Set<string>();
  const raw = geojson.features.map((feature, i) => {
    const id = featureId(feature, idField);
    if (id === undefined) throw new Error(`${fn}: feature ${i} has no "${idField}" property and no id`);
    if (seen.has(id)) throw new Error(`${fn}: id "${id}" appears in more than one feature`);
    seen.add(id);
    const props = feature.properties ?? {};
    const field = nameField ?? ["name", "name_zh", "name_en"].find((f) => props[f] !== undefined && props[f] !== null);
    const nm = field ? props[field] : undefined;
    const name = nm === undefined || nm === null ? id : String(nm);
    return { id, name, rings: featureRings(feature, id, { minArea: options.minArea, tolerance: 0 }, fn) };
  });
  const bounds = ringsBounds(raw.flatMap((r) => r.rings));
  const dflt = defaultSimplification(bounds);
  const tolerance = options.tolerance ?? dflt.tolerance;
  const decimals = options.decimals ?? (options.tolerance === undefined ? dflt.decimals : 4);
  const regions = raw.map((r) => ({ ...r, rings: r.rings.map((ring) => simplifyRing(ring, tolerance)) }));
  return { regions, decimals, bounds };
}

/** Axis settings for a lon/lat map on cartesian axes: hidden axes, aspect corrected by cos(latitude). */
export function mapAxes(bounds: [number, number, number, number]): { xaxis: Record<string, unknown>; yaxis: Record<string, unknown> } {
  const midLat = (bounds[1] + bounds[3]) / 2;
  const padX = (bounds[2] - bounds[0]) * 0.02;
  const padY = (bounds[3] - bounds[1]) * 0.02;
  return {
    xaxis: { visible: false, range: [bounds[0] - padX, bounds[2] + padX], fixedrange: false },
    yaxis: {
      visible: false,
      range: [bounds[1] - padY, bounds[3] + padY],
      scaleanchor: "x",
      scaleratio: 1 / Math.cos((midLat * Math.PI) / 180),
    },
  };
}
