import { describe, it, expect } from "vitest";
import { jilinCityWeights, YANBIAN } from "../lib/data/jilinCityWeights";
import { jilinWeights } from "../lib/data";

describe("jilinCityWeights (the eight cities with statistics, without 延边)", () => {
  it("equals the nine-unit weights with 延边's row and column removed (brute force against jilinWeights)", () => {
    const w8 = jilinCityWeights();
    const w9 = jilinWeights({ contiguity: "queen" });
    expect(w8.ids).toEqual(w9.ids.filter((id) => id !== YANBIAN));
    for (const id of w8.ids) {
      const nb9 = w9.neighbors[w9.indexOf(id)].map((j) => w9.ids[j]).filter((x) => x !== YANBIAN).sort();
      expect(w8.neighbors[w8.indexOf(id)].map((j) => w8.ids[j]).sort(), id).toEqual(nb9);
    }
  });

  it("loses exactly 延边's links to 吉林市 and 白山市 (PROVENANCE.md §6.1)", () => {
    const w9 = jilinWeights({ contiguity: "queen" });
    expect(w9.neighbors[w9.indexOf(YANBIAN)].map((j) => w9.ids[j]).sort()).toEqual(["220200", "220600"]);
    const w8 = jilinCityWeights();
    expect(w8.cardinalities()[w8.indexOf("220200")]).toBe(5);
    expect(w8.cardinalities()[w8.indexOf("220600")]).toBe(2);
    expect(() => jilinCityWeights({ contiguity: "bishop" as "queen" })).toThrow(/jilinCityWeights: contiguity must be "queen" or "rook", got "bishop"/);
  });
});
