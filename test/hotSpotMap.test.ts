import { describe, expect, it } from "vitest";
import { hotSpotMapFigure, HOT_SPOT_COLORS, NO_DATA_COLOR } from "../lib/plots";

const square = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];
const grid = Object.freeze({
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { adcode: "A", name: "Alpha" }, geometry: { type: "Polygon", coordinates: square(0, 0) } },
    { type: "Feature", properties: { adcode: "B", name: "Beta" }, geometry: { type: "Polygon", coordinates: square(1, 0) } },
    { type: "Feature", properties: { adcode: "C", name: "Gamma" }, geometry: { type: "Polygon", coordinates: square(0, 1) } },
  ],
});

describe("hotSpotMapFigure", () => {
  it("colours hot, cold and not-significant regions and marks regions without a label as no data", () => {
    const fig = hotSpotMapFigure(grid as never, { ids: ["A", "B"], hotSpot: ["hot", "cold"], z: [2.5, -2.1], pValue: [0.01, 0.03], title: "Gi*", tolerance: 0 });
    const byName = (n: string) => fig.data.find((t) => String(t.text).startsWith(n))!;
    expect(byName("Alpha").fillcolor).toBe(HOT_SPOT_COLORS.hot);
    expect(byName("Beta").fillcolor).toBe(HOT_SPOT_COLORS.cold);
    expect(byName("Gamma").fillcolor).toBe(NO_DATA_COLOR);
    expect(String(byName("Alpha").text)).toContain("z: 2.500");
  });
  it("refuses unknown labels, unknown ids and length mismatches", () => {
    expect(() => hotSpotMapFigure(grid as never, { ids: ["A"], hotSpot: ["warm"], title: "x" })).toThrow(/hotSpotMapFigure: unknown label "warm" for region "A"/);
    expect(() => hotSpotMapFigure(grid as never, { ids: ["Z"], hotSpot: ["ns"], title: "x" })).toThrow(/ids not in the GeoJSON \(property "adcode"\): Z/);
    expect(() => hotSpotMapFigure(grid as never, { ids: ["A", "B"], hotSpot: ["ns"], title: "x" })).toThrow(/2 ids but 1 labels/);
  });
});
