import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import { regionMapFigure, lisaClusterMapFigure, simplifyPath, ringArea, colorAt, plotlyColorscale, LISA_COLORS, NO_DATA_COLOR } from "../lib/plots";

// A hand-made 2×2 grid of unit squares (ids A–D), so every expected number is worked by hand.
const square = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];
const grid = Object.freeze({
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { adcode: "A", name: "Alpha" }, geometry: { type: "Polygon", coordinates: square(0, 0) } },
    { type: "Feature", properties: { adcode: "B", name: "Beta" }, geometry: { type: "Polygon", coordinates: square(1, 0) } },
    { type: "Feature", properties: { adcode: "C", name: "Gamma" }, geometry: { type: "MultiPolygon", coordinates: [square(0, 1), [[[5, 5], [5.01, 5], [5.01, 5.01], [5, 5]]]] } },
    { type: "Feature", properties: { adcode: "D", name: "Delta" }, geometry: { type: "Polygon", coordinates: square(1, 1) } },
  ],
});
const panel = Object.freeze({
  adcode: ["A", "B", "C", "A", "B", "C"],
  year: [2019, 2019, 2019, 2018, 2018, 2018],
  lq: [1, 2, 3, 0, NaN, 4],
});

describe("geometry helpers", () => {
  it("Douglas–Peucker drops a vertex closer than the tolerance and keeps one farther away", () => {
    expect(simplifyPath([[0, 0], [1, 0.01], [2, 0]], 0.1)).toEqual([[0, 0], [2, 0]]);
    expect(simplifyPath([[0, 0], [1, 0.5], [2, 0]], 0.1)).toEqual([[0, 0], [1, 0.5], [2, 0]]);
  });
  it("computes the shoelace area of a unit square as 1", () => {
    expect(ringArea(square(3, 4)[0] as Array<[number, number]>)).toBe(1);
  });
  it("interpolates colours linearly in RGB between ColorBrewer stops", () => {
    expect(colorAt("YlGnBu", 0)).toBe("rgb(255,255,217)"); // #ffffd9
    expect(colorAt("YlGnBu", 1)).toBe("rgb(8,29,88)"); // #081d58
    // halfway between stop 0 (#ffffd9) and stop 1 (#edf8b1) at t = 1/16: (255+237)/2, (255+248)/2, (217+177)/2
    expect(colorAt("YlGnBu", 1 / 16)).toBe("rgb(246,252,197)");
    expect(() => plotlyColorscale("Nope")).toThrow(/unknown scale "Nope"/);
  });
});

describe("regionMapFigure", () => {
  const fig = regionMapFigure(grid, panel, { id: "adcode", value: "lq", frame: "year", highlight: ["B"], title: "LQ", valueLabel: "LQ", tolerance: 0 });
  it("draws one filled polygon trace per feature plus a colour-bar trace, with no geo subplot (offline)", () => {
    expect(fig.data.length).toBe(5);
    for (const t of fig.data) { expect(t.type).toBe("scatter"); expect(t).not.toHaveProperty("locationmode"); }
    expect(fig.data.slice(0, 4).every((t) => t.fill === "toself")).toBe(true);
  });
  it("makes one frame per year in ascending order and starts on the last year", () => {
    expect(fig.frames!.map((f) => f.name)).toEqual(["2018", "2019"]);
    const slider = (fig.layout.sliders as Array<{ active: number; steps: Array<{ label: string }> }>)[0];
    expect(slider.active).toBe(1);
    expect(slider.steps.map((s) => s.label)).toEqual(["2018", "2019"]);
  });
  it("colours by one scale over all frames: min 0 → first stop, max 4 → last stop, 2 → middle", () => {
    const byName = (frameName: string, name: string) => {
      const fr = fig.frames!.find((f) => f.name === frameName)!;
      const k = fig.data.findIndex((t) => t.name === name);
      return fr.data[k] as { fillcolor: string; text: string };
    };
    expect(byName("2018", "Alpha").fillcolor).toBe(colorAt("YlGnBu", 0));
    expect(byName("2018", "Gamma").fillcolor).toBe(colorAt("YlGnBu", 1));
    expect(byName("2019", "Beta").fillcolor).toBe(colorAt("YlGnBu", 0.5));
    expect(byName("2019", "Beta").text).toContain("2.000");
  });
  it("draws regions without a row, or with a missing value in a frame, grey as 'no data'", () => {
    const fr2018 = fig.frames!.find((f) => f.name === "2018")!;
    const kB = fig.data.findIndex((t) => t.name === "Beta");
    const kD = fig.data.findIndex((t) => t.name === "Delta");
    expect((fr2018.data[kB] as { fillcolor: string }).fillcolor).toBe(NO_DATA_COLOR);
    expect((fr2018.data[kD] as { text: string }).text).toContain("no data");
  });
  it("outlines the highlighted region and draws it last", () => {
    const t = fig.data[3] as { name: string; line: { width: number } };
    expect(t.name).toBe("Beta");
    expect(t.line.width).toBeGreaterThan(2);
  });
  it("drops islands smaller than minArea but keeps each feature's largest ring", () => {
    const g = regionMapFigure(grid, panel, { id: "adcode", value: "lq", title: "t", valueLabel: "v", minArea: 0.01, tolerance: 0, frame: "year" });
    const c = g.data.find((t) => t.name === "Gamma") as { x: Array<number | null> };
    expect(c.x.includes(null)).toBe(false);
    const g2 = regionMapFigure(grid, panel, { id: "adcode", value: "lq", title: "t", valueLabel: "v", minArea: 0, tolerance: 0, frame: "year" });
    const c2 = g2.data.find((t) => t.name === "Gamma") as { x: Array<number | null> };
    expect(c2.x.filter((v) => v === null).length).toBe(1);
  });
  it("refuses unknown ids, duplicate region-years and non-numeric values with named errors", () => {
    expect(() => regionMapFigure(grid, { adcode: ["Z"], lq: [1] }, { id: "adcode", value: "lq", title: "t", valueLabel: "v" })).toThrow(/ids not in the GeoJSON \(property "adcode"\): Z/);
    expect(() => regionMapFigure(grid, { adcode: ["A", "A"], year: [1, 1], lq: [1, 2] }, { id: "adcode", value: "lq", frame: "year", title: "t", valueLabel: "v" })).toThrow(/region "A" appears twice in frame "1"/);
    expect(() => regionMapFigure(grid, { adcode: ["A"], lq: ["x"] }, { id: "adcode", value: "lq", title: "t", valueLabel: "v" })).toThrow(/column "lq" is not numeric/);
    expect(() => regionMapFigure(grid, { adcode: ["A"], lq: [1] }, { id: "adcode", value: "lq", title: "t", valueLabel: "v", highlight: ["Q"] })).toThrow(/highlight id "Q"/);
    expect(() => regionMapFigure({ features: [] }, { adcode: ["A"], lq: [1] }, { id: "adcode", value: "lq", title: "t", valueLabel: "v" })).toThrow(/no features/);
  });
  it("names regions by the first of name, name_zh, name_en present, else by id", () => {
    const geo = { features: [
      { properties: { adcode: "X", name_zh: "吉林省", name_en: "Jilin" }, geometry: { type: "Polygon", coordinates: square(0, 0) } },
      { properties: { adcode: "Y" }, geometry: { type: "Polygon", coordinates: square(1, 0) } },
    ] };
    const g = regionMapFigure(geo, { adcode: ["X", "Y"], v: [1, 2] }, { id: "adcode", value: "v", title: "t", valueLabel: "v" });
    expect(g.data.slice(0, 2).map((t) => t.name)).toEqual(["吉林省", "Y"]);
  });
  it("keeps the 34-feature China map under 100 kB of JSON at the default tolerance", () => {
    const path = "datasets/china-geo/china-provinces.geojson";
    if (!fs.existsSync(path)) return;
    const geo = JSON.parse(fs.readFileSync(path, "utf8"));
    const g = regionMapFigure(geo, { adcode: ["220000"], lq: [1] }, { id: "adcode", value: "lq", title: "t", valueLabel: "v" });
    expect(g.data.length).toBe(geo.features.length + 1);
    expect(JSON.stringify(g).length).toBeLessThan(100_000);
  });
});

describe("lisaClusterMapFigure", () => {
  it("colours each region by its cluster and shows one legend entry per cluster present", () => {
    const fig = lisaClusterMapFigure(grid, { ids: ["A", "B", "C"], cluster: ["HH", "ns", "HH"], pValue: [0.01, 0.4, 0.03], title: "LISA", tolerance: 0 });
    const by = (n: string) => fig.data.find((t) => t.name !== undefined && String(t.text).startsWith(n)) as { fillcolor: string; showlegend: boolean; text: string };
    expect(by("Alpha").fillcolor).toBe(LISA_COLORS.HH);
    expect(by("Beta").fillcolor).toBe(LISA_COLORS.ns);
    expect(by("Delta").fillcolor).toBe(NO_DATA_COLOR);
    expect(by("Alpha").text).toContain("p: 0.010");
    expect(fig.data.filter((t) => t.showlegend).length).toBe(3); // HH, ns, no data
  });
  it("refuses unknown labels, unknown ids and length mismatches with named errors", () => {
    expect(() => lisaClusterMapFigure(grid, { ids: ["A"], cluster: ["XX"], title: "t" })).toThrow(/unknown cluster label "XX" for region "A"/);
    expect(() => lisaClusterMapFigure(grid, { ids: ["Z"], cluster: ["HH"], title: "t" })).toThrow(/ids not in the GeoJSON.*Z/);
    expect(() => lisaClusterMapFigure(grid, { ids: ["A", "B"], cluster: ["HH"], title: "t" })).toThrow(/2 ids but 1 cluster labels/);
  });
});
