import type { GeoFeature, Position } from "./echartsGeo";

/**
 * Planar area-weighted centroid of a Polygon/MultiPolygon in its own coordinates (degrees here),
 * holes subtracted — the centroid GEOS (`sf::st_centroid` with s2 off) computes. Used to pick the
 * nearest neighbour of an island province (海南).
 * @param feature a GeoJSON polygonal feature
 * @returns [x, y] (longitude, latitude)
 * @throws `featureCentroid: feature 460000 has zero area`
 * @example featureCentroid(loadGeoJSON("china-provinces").features.find((f) => f.id === "460000")!)
 * // [109.7551207…, 19.1861165…]
 */
export function featureCentroid(feature: GeoFeature): Position {
  const polys = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let a = 0, cx = 0, cy = 0;
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      // shoelace over the ring; holes (k > 0) count with the opposite orientation of the outer ring
      let ra = 0, rx = 0, ry = 0;
      const [x0, y0] = ring[0];
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        const cross = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
        ra += cross;
        rx += cross * (x1 + x2 - 2 * x0);
        ry += cross * (y1 + y2 - 2 * y0);
      }
      const area = Math.abs(ra) / 2;
      if (area === 0) return;
      const s = k === 0 ? 1 : -1; // a hole removes its area and moment
      a += s * area;
      cx += s * area * (rx / (3 * ra) + x0);
      cy += s * area * (ry / (3 * ra) + y0);
    });
  }
  if (a === 0) throw new Error(`featureCentroid: feature ${String(feature.id ?? feature.properties.adcode)} has zero area`);
  return [cx / a, cy / a];
}
