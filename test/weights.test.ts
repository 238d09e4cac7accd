import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { weights, SpatialWeights, moran, localMoran, rng } from "../lib";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2, spdep 1.2-7: read.gal + nb2listw on /work/shared/reference/columbus.gal
// (made by test/reference/weights-columbus.R)
const ref = JSON.parse(readFileSync(join(__dirname, "reference/weights-columbus.json"), "utf8")) as {
  ids: string[]; neighbors0: number[][]; weightsW: number[][]; symmetric: boolean; nLinks: number; denseW: number[];
};
// The GAL file is the lead's shared copy of spData::col.gal.nb; a copy is committed next to the tests so the
// suite does not depend on /work/shared.
const galText = readFileSync(join(__dirname, "reference/weights-columbus.gal"), "utf8");

describe("weights.fromGAL on Columbus (spData col.gal.nb)", () => {
  const w = weights.fromGAL(galText);

  it("reads the same ids and neighbour lists as spdep read.gal", () => {
    expect(w.n).toBe(49);
    expect(w.ids).toEqual(ref.ids);
    expect(w.neighbors).toEqual(ref.neighbors0);
    expect(w.nLinks).toBe(ref.nLinks);
    expect(w.islands).toEqual([]);
    expect(w.style).toBe("B");
    expect(w.isSymmetric()).toBe(ref.symmetric);
  });

  it("row-standardizes like nb2listw(style = 'W') and returns a new object", () => {
    const ww = w.standardize("W");
    expect(ww).not.toBe(w);
    expect(ww.style).toBe("W");
    expect(w.style).toBe("B");
    for (let i = 0; i < w.n; i++) {
      expect(ww.weights[i].length).toBe(ref.weightsW[i].length);
      for (let k = 0; k < ww.weights[i].length; k++) expectClose(ww.weights[i][k], ref.weightsW[i][k], RTOL, `w[${i}][${k}]`);
      expect(w.weights[i].every((v) => v === 1)).toBe(true);
    }
    expect(ww.isSymmetric()).toBe(false);
    expect(ww.isSymmetric({ structure: true })).toBe(true);
    expect(ww.standardize("B").weights).toEqual(w.weights);
  });

  it("toDense matches listw2mat and toCSR holds the same entries (cached)", () => {
    const ww = w.standardize("W");
    const d = ww.toDense();
    expect(d.length).toBe(49 * 49);
    for (let i = 0; i < d.length; i++) expectClose(d[i], ref.denseW[i], RTOL, `dense[${i}]`);
    const csr = ww.toCSR();
    expect(ww.toCSR()).toBe(csr);
    // brute force: rebuild dense from CSR
    const back = new Float64Array(49 * 49);
    for (let i = 0; i < 49; i++) for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) back[i * 49 + csr.colIdx[p]] = csr.values[p];
    expect(Array.from(back)).toEqual(Array.from(d));
  });

  it("round-trips through toGAL", () => {
    const again = weights.fromGAL(weights.toGAL(w));
    expect(again.ids).toEqual(w.ids);
    expect(again.neighbors).toEqual(w.neighbors);
  });

  it("reads the GeoDa header form '0 n layer idfield'", () => {
    const body = galText.split("\n").slice(1).join("\n");
    const w2 = weights.fromGAL(`0 49 columbus POLYID\n${body}`);
    expect(w2.neighbors).toEqual(w.neighbors);
  });
});

describe("library exports", () => {
  it("exposes weights, SpatialWeights, moran, localMoran and rng from lib/index", () => {
    expect(typeof weights.fromGAL).toBe("function");
    expect(typeof weights.fromGeoJSON).toBe("function");
    expect(typeof SpatialWeights).toBe("function");
    expect(typeof moran).toBe("function");
    expect(typeof localMoran).toBe("function");
    expect(typeof rng(1).next).toBe("function");
  });
});

describe("SpatialWeights basics", () => {
  const w = new SpatialWeights(["a", "b", "c", "d"], [[2, 1], [0], [0], []]);

  it("sorts neighbour indices and records islands by id", () => {
    expect(w.neighbors).toEqual([[1, 2], [0], [0], []]);
    expect(w.islands).toEqual(["d"]);
    expect(w.indexOf("c")).toBe(2);
    expect(w.indexOf("zz")).toBe(-1);
  });

  it("keeps an island's row empty (zero) when row-standardizing", () => {
    const ww = w.standardize("W");
    expect(ww.weights).toEqual([[0.5, 0.5], [1], [1], []]);
    expect(ww.islands).toEqual(["d"]);
  });

  it("is immutable: neighbour lists are frozen", () => {
    expect(Object.isFrozen(w.neighbors)).toBe(true);
    expect(Object.isFrozen(w.neighbors[0])).toBe(true);
    expect(Object.isFrozen(w.ids)).toBe(true);
  });

  it("gives the data-row permutation for data ids in another order", () => {
    const perm = w.alignment(["d", "c", "b", "a"], "moran");
    expect(Array.from(perm)).toEqual([3, 2, 1, 0]);
    // data already in the weights' order (the fast path) and one swap away from it (the general path)
    expect(Array.from(w.alignment(["a", "b", "c", "d"], "moran"))).toEqual([0, 1, 2, 3]);
    expect(Array.from(w.alignment(["a", "b", "d", "c"], "moran"))).toEqual([0, 1, 3, 2]);
  });

  it("names the ids missing on either side", () => {
    expect(() => w.alignment(["a", "b", "c", "京", "沪"], "moran")).toThrow(
      "moran: ids in data but not in weights: 京, 沪; ids in weights but not in data: d");
    expect(() => w.alignment(["a", "b", "c"], "moran")).toThrow("moran: ids in weights but not in data: d");
    expect(() => w.alignment(["a", "b", "c", "a"], "moran")).toThrow('moran: id "a" appears twice in the data (rows 0 and 3)');
  });

  it("reorders regions consistently (brute force via dense matrices)", () => {
    const w3 = new SpatialWeights(["a", "b", "c"], [[1], [0, 2], [1]], [[2], [3, 4], [5]]);
    const r = w3.reorder(["c", "a", "b"]);
    expect(r.ids).toEqual(["c", "a", "b"]);
    const D = w3.toDense();
    const R = r.toDense();
    const pos = (id: string, ww: SpatialWeights) => ww.indexOf(id);
    for (const x of w3.ids) for (const y of w3.ids) {
      expect(R[pos(x, r) * 3 + pos(y, r)]).toBe(D[pos(x, w3) * 3 + pos(y, w3)]);
    }
  });

  it("subset drops regions and their links, re-standardizing W like spdep subset.listw", () => {
    const w5 = new SpatialWeights(["a", "b", "c", "d"], [[1, 2], [0, 2], [0, 1, 3], [2]]).standardize("W");
    const sub = w5.subset(["d", "a", "b"]);
    expect(sub.ids).toEqual(["a", "b", "d"]);
    expect(sub.neighbors).toEqual([[1], [0], []]);
    expect(sub.weights).toEqual([[1], [1], []]);
    expect(sub.islands).toEqual(["d"]);
    expect(sub.style).toBe("W");
    expect(() => w5.subset(["a", "zz"])).toThrow('SpatialWeights.subset: unknown id "zz"');
    expect(() => w5.subset(["a", "a"])).toThrow('SpatialWeights.subset: id "a" given twice');
  });

  it("links an island explicitly in both directions", () => {
    const linked = w.withLinks([["d", "a"]]);
    expect(linked.islands).toEqual([]);
    expect(linked.neighbors).toEqual([[1, 2, 3], [0], [0], [0]]);
    expect(linked.isSymmetric()).toBe(true);
    const ww = w.standardize("W").withLinks([["d", "a"]]);
    expect(ww.style).toBe("W");
    expect(ww.weights[0]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(w.islands).toEqual(["d"]);
    expect(() => w.withLinks([["d", "x"]])).toThrow('SpatialWeights.withLinks: unknown id "x"');
  });

  it("links islands to the nearest region by great-circle distance", () => {
    // d at (110.3, 20.0) is nearer to c (113.3, 23.1) than to a (116.4, 39.9) or b (121.5, 31.2)
    const pts: [number, number][] = [[116.4, 39.9], [121.5, 31.2], [113.3, 23.1], [110.3, 20.0]];
    const linked = w.nearestForIslands(pts, { coordinates: "lonlat" });
    expect(linked.neighbors[3]).toEqual([2]);
    expect(linked.neighbors[2]).toEqual([0, 3]);
  });

  it("nearestForIslands with projected coordinates and points keyed by id", () => {
    const pts = { a: [0, 0], b: [10, 0], c: [0, 10], d: [9, 1] } as Record<string, [number, number]>;
    const linked = w.nearestForIslands(pts, { coordinates: "projected" });
    expect(linked.neighbors[3]).toEqual([1]);
    expect(() => w.nearestForIslands({ a: [0, 0] } as Record<string, [number, number]>)).toThrow('SpatialWeights.nearestForIslands: no finite point for region "b"');
  });

  it("withLinks on custom weights needs the new links' weight", () => {
    const c = new SpatialWeights(["a", "b", "c"], [[1], [0], []], [[0.5], [0.5], []]);
    expect(() => c.withLinks([["c", "a"]])).toThrow('these weights are "custom"; give the new links\' weight with { weight }');
    expect(c.withLinks([["c", "a"]], { weight: 0.2 }).weights).toEqual([[0.5, 0.2], [0.5], [0.2]]);
  });

  it("lag() equals the dense matrix-vector product (brute force)", () => {
    const ww = weights.fromGAL(galText).standardize("W");
    const x = Array.from({ length: 49 }, (_, i) => Math.cos(i));
    const d = ww.toDense();
    const lag = ww.lag(x);
    for (let i = 0; i < 49; i++) {
      let s = 0;
      for (let j = 0; j < 49; j++) s += d[i * 49 + j] * x[j];
      expectClose(lag[i], s, 1e-12, `lag[${i}]`);
    }
    expect(() => ww.lag([1, 2])).toThrow("SpatialWeights.lag: 2 values but the weights have 49 regions");
  });

  it("computes great-circle distances with the haversine formula", () => {
    // one degree of latitude on a sphere of radius 6371 km = 6371 * pi / 180
    expectClose(weights.greatCircleKm([0, 0], [0, 1]), 6371 * Math.PI / 180, 1e-12, "1 degree");
  });
});

describe("SpatialWeights bad input", () => {
  it("rejects duplicate ids", () => {
    expect(() => new SpatialWeights(["a", "b", "a"], [[1], [0], []])).toThrow('SpatialWeights: duplicate id "a" (positions 0 and 2)');
    expect(() => weights.fromGAL("2\n1 1\n1\n1 1\n1\n")).toThrow('fromGAL: duplicate region id "1"');
  });
  it("rejects self-links, out-of-range and repeated neighbours", () => {
    expect(() => new SpatialWeights(["a", "b"], [[0], []])).toThrow('region "a" lists itself');
    expect(() => new SpatialWeights(["a", "b"], [[5], []])).toThrow("outside 0..1");
    expect(() => new SpatialWeights(["a", "b", "c"], [[1, 1], [], []])).toThrow('lists neighbour "b" twice');
  });
  it("rejects GAL files whose counts disagree", () => {
    expect(() => weights.fromGAL("3\n1 1\n2\n2 1\n1\n")).toThrow("fromGAL: header says 3 regions but the file has 2");
    expect(() => weights.fromGAL("2\n1 2\n2\n2 1\n1\n")).toThrow('fromGAL: region "1" says 2 neighbours but lists 1');
    expect(() => weights.fromGAL("2\n1 1\n9\n2 1\n1\n")).toThrow('fromGAL: region "1" lists unknown neighbour "9"');
  });
  it("fromMatrix reads non-zero entries and rejects a non-zero diagonal", () => {
    const m = weights.fromMatrix([[0, 1, 0], [1, 0, 2], [0, 2, 0]], ["x", "y", "z"]);
    expect(m.neighbors).toEqual([[1], [0, 2], [1]]);
    expect(m.weights).toEqual([[1], [1, 2], [2]]);
    expect(m.style).toBe("custom");
    expect(weights.fromMatrix([[0, 1], [1, 0]]).style).toBe("B");
    expect(() => weights.fromMatrix([[1, 1], [1, 0]], ["x", "y"])).toThrow('fromMatrix: diagonal entry [0, 0] ("x") is 1');
    expect(() => weights.fromMatrix([[0, 1], [1]], ["x", "y"])).toThrow("fromMatrix: row 1 has 1 entries, expected 2");
  });
});
