import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { weights } from "../lib/weights";

// R 4.2.2, spdep 1.2-7, sf 1.0-9: poly2nb on the GeoJSON files written and re-read by test/reference/weights-poly2nb.R
type Case = { file: string; idField: string; ids: string[]; geometryType: string; queen: number[][]; rook: number[][]; queenLinks: number; rookLinks: number };
const ref = JSON.parse(readFileSync(join(__dirname, "reference/weights-poly2nb.json"), "utf8")) as { snap: number; columbus: Case; nc: Case };
const load = (c: Case) => JSON.parse(readFileSync(join(__dirname, "..", c.file), "utf8"));

describe("weights.fromGeoJSON equals spdep poly2nb", () => {
  for (const name of ["columbus", "nc"] as const) {
    const c = ref[name];
    const fc = Object.freeze(load(c));
    it(`${name} (${c.geometryType}): queen contiguity, ${c.queenLinks} links`, () => {
      const w = weights.fromGeoJSON(fc, { contiguity: "queen", idField: c.idField });
      expect(w.ids).toEqual(c.ids);
      expect(w.neighbors).toEqual(c.queen);
      expect(w.nLinks).toBe(c.queenLinks);
      expect(w.isSymmetric()).toBe(true);
    });
    it(`${name} (${c.geometryType}): rook contiguity, ${c.rookLinks} links`, () => {
      const w = weights.fromGeoJSON(fc, { contiguity: "rook", idField: c.idField });
      expect(w.neighbors).toEqual(c.rook);
      expect(w.nLinks).toBe(c.rookLinks);
    });
  }
  it("uses spdep's default snap, sqrt(.Machine$double.eps)", () => {
    expect(Math.abs(weights.DEFAULT_SNAP - ref.snap)).toBeLessThan(1e-20);
  });
});

// Synthetic unit squares (hand-made, not data): test/reference/weights-toy-polygons.geojson.
//  A = [0,1]², B = [1,2]x[0,1] (edge with A), C = [1,2]x[1,2] (corner (1,1) with A, edge with B, corner (2,1) with D),
//  D = MultiPolygon [5,6]² + [2,3]x[0,1] (edge with B), E = [10,11]² (island),
//  F = MultiPolygon [20,21]² + [3,4]x[1,2] whose ring STARTS at (3,1), its only contact with D.
// Expected lists come from poly2nb on the same file (weights-poly2nb.R). F–D is a rook link in spdep although they
// touch at one corner: F's ring start (3,1) is also its closing vertex, so spdep counts two coincident points.
const toyRef = (ref as unknown as { toy: { ids: string[]; queen: number[][]; rook: number[][] } }).toy;
const toy = JSON.parse(readFileSync(join(__dirname, "reference/weights-toy-polygons.geojson"), "utf8"));
const sq = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];

describe("fromGeoJSON on hand-made polygons", () => {
  it("queen links corner-touching polygons; rook needs two shared points (as poly2nb)", () => {
    const q = weights.fromGeoJSON(toy, { contiguity: "queen", idField: "code" });
    expect(q.ids).toEqual(toyRef.ids);
    expect(q.neighbors).toEqual(toyRef.queen);
    const r = weights.fromGeoJSON(toy, { contiguity: "rook", idField: "code" });
    expect(r.neighbors).toEqual(toyRef.rook);
    // worked by hand: A–C touch only at (1,1): queen yes, rook no
    expect(q.neighbors[0]).toContain(2);
    expect(r.neighbors[0]).not.toContain(2);
  });
  it("handles MultiPolygon parts and records islands", () => {
    const q = weights.fromGeoJSON(toy, { idField: "code" });
    expect(q.neighbors[3]).toEqual([1, 2, 5]);
    expect(q.islands).toEqual(["E"]);
  });
  it("links vertices within snap and not beyond it", () => {
    const shifted = { features: [toy.features[0], { properties: { code: "B" }, geometry: { type: "Polygon", coordinates: sq(1 + 1e-9, 0) } }] };
    expect(weights.fromGeoJSON(shifted, { idField: "code" }).neighbors).toEqual([[1], [0]]);
    expect(weights.fromGeoJSON(shifted, { idField: "code", snap: 1e-10 }).neighbors).toEqual([[], []]);
  });
  it("brute force: the sweep agrees with comparing every vertex pair on the NC counties", () => {
    const fc = load(ref.nc);
    const w = weights.fromGeoJSON(fc, { contiguity: "queen", idField: "FIPS" });
    // brute force over feature pairs with exact vertex equality (the file's vertices are shared exactly)
    const sets = fc.features.map((f: { geometry: { coordinates: number[][][][] } }) =>
      new Set(f.geometry.coordinates.flat(1).flat(1).map((p: number[]) => `${p[0]},${p[1]}`)));
    let checked = 0;
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) {
      let shared = false;
      for (const p of sets[i]) if (sets[j].has(p)) { shared = true; break; }
      expect(w.neighbors[i].includes(j)).toBe(shared);
      checked++;
    }
    expect(checked).toBe(4950);
  });
});

describe("fromGeoJSON at n = 3,025", () => {
  it("a 55 x 55 lattice of unit squares (synthetic) gives the 8 (queen) and 4 (rook) lattice neighbours", () => {
    const side = 55;
    const features = [];
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      features.push({ properties: { id: `${r}-${c}` }, geometry: { type: "Polygon", coordinates: sq(c, r) } });
    }
    const fc = { type: "FeatureCollection", features };
    const q = weights.fromGeoJSON(fc, { contiguity: "queen", idField: "id" });
    const rk = weights.fromGeoJSON(fc, { contiguity: "rook", idField: "id" });
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      const i = r * side + c;
      const qe: number[] = [];
      const re: number[] = [];
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        if ((dr === 0 && dc === 0) || r + dr < 0 || r + dr >= side || c + dc < 0 || c + dc >= side) continue;
        const j = (r + dr) * side + (c + dc);
        qe.push(j);
        if (dr === 0 || dc === 0) re.push(j);
      }
      expect(q.neighbors[i]).toEqual(qe.sort((a, b) => a - b));
      expect(rk.neighbors[i]).toEqual(re.sort((a, b) => a - b));
    }
  });
});

describe("fromGeoJSON bad input", () => {
  it("names a feature without the id property", () => {
    expect(() => weights.fromGeoJSON(toy, { idField: "adcode" })).toThrow('fromGeoJSON: feature 0 has no property "adcode"');
  });
  it("refuses points and missing geometry", () => {
    expect(() => weights.fromGeoJSON({ features: [{ properties: { c: "x" }, geometry: { type: "Point", coordinates: [0, 0] } }] }, { idField: "c" }))
      .toThrow('fromGeoJSON: feature "x" is a Point; only Polygon and MultiPolygon are supported');
    expect(() => weights.fromGeoJSON({ features: [{ properties: { c: "x" }, geometry: null }] }, { idField: "c" })).toThrow('fromGeoJSON: feature 0 ("x") has no geometry');
  });
  it("refuses duplicate ids and a bad contiguity name", () => {
    const dup = { features: [toy.features[0], { ...toy.features[1], properties: { code: "A" } }] };
    expect(() => weights.fromGeoJSON(dup, { idField: "code" })).toThrow('SpatialWeights: duplicate id "A"');
    expect(() => weights.fromGeoJSON(toy, { contiguity: "bishop" as never })).toThrow('fromGeoJSON: contiguity must be "queen" or "rook"');
  });
});
