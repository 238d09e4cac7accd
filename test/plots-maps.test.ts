import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as dfd from "danfojs-node";
import { regionMapFigure, lisaClusterMapFigure, simplifyPath, ringArea, colorAt, plotlyColorscale, LISA_COLORS, NO_DATA_COLOR, type RegionValues } from "../lib/plots";

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
  it("interpolates between uneven stops of a hand-written scale and reverses a scale", () => {
    const stops: Array<[number, string]> = [[0, "#000000"], [0.25, "#fff"], [1, "rgb(0, 0, 0)"]];
    expect(colorAt(stops, 0.125)).toBe("rgb(128,128,128)"); // halfway from black (0) to white (0.25): 127.5 rounds to 128
    expect(colorAt(stops, 0.25)).toBe("rgb(255,255,255)");
    expect(colorAt(stops, 0.625)).toBe("rgb(128,128,128)"); // halfway from white (0.25) to black (1)
    expect(plotlyColorscale(stops, true)).toEqual([[0, "rgb(0, 0, 0)"], [0.75, "#fff"], [1, "#000000"]]);
    expect(() => plotlyColorscale([[0, "blue"], [1, "#000"]])).toThrow(/colorscale: stop 0 has colour "blue"/);
    expect(() => plotlyColorscale([[0.2, "#fff"], [1, "#000"]])).toThrow(/colorscale: stops must run from position 0 to position 1/);
    expect(() => plotlyColorscale([[0, "#fff"], [0.6, "#777"], [0.3, "#777"], [1, "#000"]])).toThrow(/stop 2 is at 0.3 after 0.6/);
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

describe("regionMapFigure with values by id, hover digits, colour options and omitted regions", () => {
  const opts = { title: "t", valueLabel: "v", tolerance: 0 } as const;
  type Region = { name: string; text: string; fillcolor: string };
  const region = (fig: { data: Array<Record<string, unknown>> }, name: string) => fig.data.find((t) => t.name === name) as Region;

  it("values by id (object, Map, { ids, values } arrays or Series, records) give the same figure as the table form", () => {
    const table = regionMapFigure(grid, { adcode: ["A", "B", "C"], lq: [0, 2, 4] }, { ...opts, id: "adcode", value: "lq" });
    const forms: RegionValues[] = [
      { A: 0, B: 2, C: 4 },
      new Map([["A", 0], ["B", 2], ["C", 4]]),
      { ids: ["A", "B", "C"], values: [0, 2, 4] },
      { ids: new dfd.Series(["A", "B", "C"]), values: new dfd.Series([0, 2, 4]) },
      [{ id: "A", value: 0 }, { id: "B", value: 2 }, { id: "C", value: 4 }],
    ];
    for (const values of forms) expect(regionMapFigure(grid, values, opts)).toEqual(table);
    expect(region(table, "Delta").fillcolor).toBe(NO_DATA_COLOR);
    expect(region(regionMapFigure(grid, { A: 1, B: null, C: NaN }, opts), "Beta").text).toBe("Beta<br>v: no data");
  });

  it("hover text shows `digits` decimal places by default and `significantDigits` through formatNumber", () => {
    const values = { A: 1234.5678, B: 0.0123456 };
    const fixed = regionMapFigure(grid, values, opts);
    expect(region(fixed, "Alpha").text).toBe("Alpha<br>v: 1234.568");
    expect(region(fixed, "Beta").text).toBe("Beta<br>v: 0.012");
    const significant = regionMapFigure(grid, values, { ...opts, significantDigits: 4 });
    expect(region(significant, "Alpha").text).toBe("Alpha<br>v: 1235");
    expect(region(significant, "Beta").text).toBe("Beta<br>v: 0.01235");
    expect(() => regionMapFigure(grid, values, { ...opts, significantDigits: 0 })).toThrow(/formatNumber: digits must be an integer/);
  });

  it("colours by a hand-written stop list, a reversed scale and a range fixed at one end", () => {
    const values = { A: 0, B: 1, C: 4, D: 0.5 }; // range 0–4: B at 0.25, D at 0.125
    const custom = regionMapFigure(grid, values, { ...opts, colorscale: [[0, "#000000"], [0.25, "#ffffff"], [1, "#000000"]] });
    expect(region(custom, "Beta").fillcolor).toBe("rgb(255,255,255)");
    expect(region(custom, "Delta").fillcolor).toBe("rgb(128,128,128)");
    expect(region(custom, "Gamma").fillcolor).toBe("rgb(0,0,0)");
    const reversed = regionMapFigure(grid, values, { ...opts, reversescale: true });
    expect(region(reversed, "Alpha").fillcolor).toBe(colorAt("YlGnBu", 1)); // lowest value, darkest colour
    const bar = reversed.data[reversed.data.length - 1] as { marker: { colorscale: Array<[number, string]> } };
    expect(bar.marker.colorscale[0]).toEqual([0, "#081d58"]);
    const upTo8 = regionMapFigure(grid, values, { ...opts, range: [undefined, 8] }); // range 0–8: C at 0.5
    expect(region(upTo8, "Gamma").fillcolor).toBe(colorAt("YlGnBu", 0.5));
    expect(() => regionMapFigure(grid, values, { ...opts, range: [5, 1] })).toThrow(/range must be \[min, max\] with min <= max \(got \[5, 1\]\)/);
  });

  it('missing: "omit" leaves out regions without a value and fits the axes to the rest; height sets the figure height', () => {
    const fig = regionMapFigure(grid, { A: 1, B: 2, C: null }, { ...opts, missing: "omit", height: 400 });
    expect(fig.data.map((t) => t.name)).toEqual(["Alpha", "Beta", undefined]); // two regions and the colour bar
    // A and B span x 0–2, y 0–1; the axes pad each side by 2% of the span
    expect((fig.layout.xaxis as { range: number[] }).range).toEqual([-0.04, 2.04]);
    expect((fig.layout.yaxis as { range: number[] }).range).toEqual([-0.02, 1.02]);
    expect(fig.layout.height).toBe(400);
    expect(regionMapFigure(grid, { A: 1 }, opts).layout.height).toBe(520);
  });

  it("refuses half a column pair, table-only options with values by id, bad values and unequal lengths, naming the problem", () => {
    expect(() => regionMapFigure(grid, { adcode: ["A"], lq: [1] }, { ...opts, id: "adcode" })).toThrow(/regionMapFigure: give both id and value columns, or neither/);
    expect(() => regionMapFigure(grid, { A: 1 }, { ...opts, frame: "year" })).toThrow(/frame and label are columns of a data table/);
    expect(() => regionMapFigure(grid, { A: "x" } as unknown as Record<string, number>, opts)).toThrow(/regionMapFigure: value for id "A" is not numeric \("x"\)/);
    expect(() => regionMapFigure(grid, { ids: ["A", "B"], values: [1] }, opts)).toThrow(/regionMapFigure: 2 ids but 1 values/);
    expect(() => regionMapFigure(grid, { Z: 1 }, opts)).toThrow(/ids not in the GeoJSON \(property "adcode"\): Z/);
    expect(() => regionMapFigure(grid, { A: 1 }, { ...opts, missing: "drop" as "omit" })).toThrow(/missing must be "grey" or "omit"/);
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
