/**
 * Decoder for the compressed map format bundled with ECharts ≤ 4.9 (`"UTF8Encoding": true`),
 * written from the format description in shared/data/PROVENANCE.md §1: every ring is a string
 * read two characters at a time; each pair gives a zig-zag-encoded delta (x, y) to the previous
 * point, starting from the ring's `encodeOffsets`; points are divided by `UTF8Scale` (default 1024).
 */

/** A GeoJSON position: [longitude, latitude] in degrees. */
export type Position = [number, number];

/** A GeoJSON Polygon or MultiPolygon geometry. */
export type PolygonGeometry =
  | { type: "Polygon"; coordinates: Position[][] }
  | { type: "MultiPolygon"; coordinates: Position[][][] };

/** A GeoJSON Feature with polygonal geometry. */
export interface GeoFeature<P = Record<string, unknown>> {
  type: "Feature";
  id?: string;
  properties: P;
  geometry: PolygonGeometry;
}

/** A GeoJSON FeatureCollection. */
export interface FeatureCollection<P = Record<string, unknown>> {
  type: "FeatureCollection";
  features: GeoFeature<P>[];
}

interface EChartsFeature {
  id?: string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
}

/**
 * Decode one encoded ring into integer grid points (units of 1/scale degree).
 * @param encoded the ring string
 * @param offset the ring's `encodeOffsets` start point [x, y]
 * @returns the points as integers, not yet divided by the scale; the ring is not closed
 * @throws `decodeEChartsRing: ring string has odd length 7`
 * @example decodeEChartsRing("@@BB", [100, 200]) // [[100, 200], [101, 201]]
 */
export function decodeEChartsRing(encoded: string, offset: readonly [number, number]): Position[] {
  if (encoded.length % 2 !== 0) throw new Error(`decodeEChartsRing: ring string has odd length ${encoded.length}`);
  let prevX = offset[0];
  let prevY = offset[1];
  const out: Position[] = [];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x, y]);
  }
  return out;
}

function ringToDegrees(points: Position[], scale: number, close: boolean): Position[] {
  const ring: Position[] = points.map(([x, y]) => [x / scale, y / scale]);
  if (close) {
    const [fx, fy] = ring[0];
    const [lx, ly] = ring[ring.length - 1];
    if (fx !== lx || fy !== ly) ring.push([fx, fy]);
  }
  return ring;
}

function asOffset(v: unknown, where: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" || typeof v[1] !== "number") {
    throw new Error(`decodeEChartsGeo: bad encodeOffsets entry at ${where}`);
  }
  return [v[0], v[1]];
}

/**
 * Decode an ECharts 4 map JSON (`UTF8Encoding: true`) into plain GeoJSON.
 * Rings are closed (first point repeated at the end, as GeoJSON requires); properties are
 * passed through unchanged and the feature `id` is kept.
 * @param map the parsed map JSON (e.g. `echarts/map/json/china.json`)
 * @param options `close` (default true) closes rings
 * @returns a FeatureCollection in longitude/latitude degrees, resolution 1/scale degree
 * @throws `decodeEChartsGeo: feature 3 (吉林) has geometry type "Point"` for non-polygon features;
 *   `decodeEChartsGeo: map is not UTF8-encoded` when the flag is missing
 * @example decodeEChartsGeo(require("echarts/map/json/china.json")).features.length // 34
 */
export function decodeEChartsGeo(map: unknown, options: { close?: boolean } = {}): FeatureCollection {
  const close = options.close ?? true;
  const m = map as { UTF8Encoding?: boolean; UTF8Scale?: number; features?: EChartsFeature[] };
  if (!m || !Array.isArray(m.features)) throw new Error("decodeEChartsGeo: input has no features array");
  if (m.UTF8Encoding !== true) throw new Error("decodeEChartsGeo: map is not UTF8-encoded");
  const scale = m.UTF8Scale ?? 1024;
  const features: GeoFeature[] = m.features.map((f, k) => {
    const label = `feature ${k} (${String(f.properties?.name ?? f.id)})`;
    const g = f.geometry;
    if (g.type === "Polygon") {
      const rings = g.coordinates as string[];
      const offs = g.encodeOffsets as unknown[];
      const coordinates = rings.map((r, j) => ringToDegrees(decodeEChartsRing(r, asOffset(offs[j], `${label} ring ${j}`)), scale, close));
      return { type: "Feature", id: f.id, properties: { ...f.properties }, geometry: { type: "Polygon", coordinates } };
    }
    if (g.type === "MultiPolygon") {
      const polys = g.coordinates as string[][];
      const offs = g.encodeOffsets as unknown[][];
      const coordinates = polys.map((p, i) =>
        p.map((r, j) => ringToDegrees(decodeEChartsRing(r, asOffset(offs[i][j], `${label} polygon ${i} ring ${j}`)), scale, close)));
      return { type: "Feature", id: f.id, properties: { ...f.properties }, geometry: { type: "MultiPolygon", coordinates } };
    }
    throw new Error(`decodeEChartsGeo: ${label} has geometry type "${g.type}"`);
  });
  return { type: "FeatureCollection", features };
}
