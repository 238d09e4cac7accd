import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import { coefficientPlotFigure, categoricalHeatmapFigure, lineChartFigure, residualDiagnosticsFigure, groupedBarFigure } from "../lib/plots";
import { normalQuantile, tQuantile } from "../lib/distributions";
import { expectClose } from "./tolerances";

// R 4.2 qnorm: test/reference/plots-normal-quantile.R
const qref = JSON.parse(fs.readFileSync("test/reference/plots-normal-quantile.json", "utf8"));
// R 4.2 qt: test/reference/plots-t-quantile.R
const tref = JSON.parse(fs.readFileSync("test/reference/plots-t-quantile.json", "utf8"));

const model = (rows: Array<[string, number, number]>) => ({
  coefficients: rows.map(([term, estimate, stdError]) => ({ term, estimate, stdError, statistic: estimate / stdError, pValue: 0.01 })),
});

describe("normalQuantile", () => {
  it("agrees with R's qnorm to Acklam's stated accuracy (1.15e-9 relative)", () => {
    qref.p.forEach((p: number, i: number) => expectClose(normalQuantile(p), qref.q[i], 1.2e-9, `q(${p})`, 1e-12));
  });
  it("refuses p outside (0, 1)", () => {
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\), got 1/);
  });
});

describe("tQuantile", () => {
  it("agrees with R's qt (json carries 15 significant digits)", () => {
    tref.p.forEach((p: number, i: number) => expectClose(tQuantile(p, tref.df[i]), tref.q[i], 1e-12, `qt(${p}, ${tref.df[i]})`, 1e-12));
  });
  it("is the normal quantile for infinite df and refuses bad p or df", () => {
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(() => tQuantile(0, 5)).toThrow(/tQuantile: p must be in \(0, 1\), got 0/);
    expect(() => tQuantile(0.9, 0)).toThrow(/tQuantile: df must be positive, got 0/);
  });
});

describe("coefficientPlotFigure", () => {
  const specs = Object.freeze([
    { label: "(1) baseline", model: model([["lnfin", 0.2, 0.05], ["lngov", 0.1, 0.02]]) },
    { label: "(2) 2014–2019", model: model([["lnfin", 0.1, 0.1]]) },
  ]);
  it("puts each specification's estimate at its label with a ± 1.959964·SE whisker", () => {
    const fig = coefficientPlotFigure(specs as never, { terms: "lnfin", title: "t", xLabel: "coef" });
    const t = fig.data[0] as { x: number[]; y: string[]; error_x: { array: number[] } };
    expect(t.x).toEqual([0.2, 0.1]);
    expect(t.y).toEqual(["(1) baseline", "(2) 2014–2019"]);
    expectClose(t.error_x.array[0], qref.q[7] * 0.05, 1e-8, "half-width");
  });
  it("uses the t critical value on the model's dfTest when its tests are t tests, so the whisker matches the p-value", () => {
    const tModel = { ...model([["lnfin", 0.36, 0.18]]), statisticName: "t", dfTest: 30 };
    const fig = coefficientPlotFigure([{ label: "West", model: tModel }, { label: "z model", model: { ...model([["lnfin", 0.36, 0.18]]), statisticName: "z", dfTest: 30 } }],
      { terms: "lnfin", title: "t", xLabel: "coef" });
    const t = fig.data[0] as { error_x: { array: number[] }; text: string[] };
    expectClose(t.error_x.array[0], tref.q[0] * 0.18, 1e-10, "t(30) half-width");
    expectClose(t.error_x.array[1], qref.q[7] * 0.18, 1e-8, "z half-width");
    expect(t.text[0]).toContain("t(30) critical value 2.042");
  });
  it("names the specification and the available terms when a term is missing, or leaves a gap if allowed", () => {
    expect(() => coefficientPlotFigure(specs as never, { terms: "lngov", title: "t", xLabel: "c" })).toThrow(/term "lngov" is not in specification "\(2\) 2014–2019" \(terms: lnfin\)/);
    const fig = coefficientPlotFigure(specs as never, { terms: "lngov", title: "t", xLabel: "c", allowMissing: true });
    expect((fig.data[0] as { x: Array<number | null> }).x).toEqual([0.1, null]);
  });
  it("refuses an empty list and a level outside (0, 1)", () => {
    expect(() => coefficientPlotFigure([], { terms: "x", title: "t", xLabel: "c" })).toThrow(/no specifications/);
    expect(() => coefficientPlotFigure(specs as never, { terms: "lnfin", title: "t", xLabel: "c", level: 1.2 })).toThrow(/level must be in \(0, 1\)/);
  });
});

describe("categoricalHeatmapFigure", () => {
  const data = Object.freeze({ p: ["吉林", "吉林", "北京"], year: [2020, 2019, 2019], cls: ["b", "a", "c"], D: [0.5, 0.4, 0.9] });
  it("places each level index in its row × year cell with years sorted and blank cells left null", () => {
    const fig = categoricalHeatmapFigure(data, { row: "p", column: "year", category: "cls", levels: ["a", "b", "c"], value: "D", title: "t", xLabel: "Year", yLabel: "Province", highlight: ["吉林"] });
    const h = fig.data[0] as { x: string[]; y: string[]; z: Array<Array<number | null>>; zmin: number; zmax: number };
    expect(h.x).toEqual(["2019", "2020"]);
    expect(h.y).toEqual(["▶ 吉林", "北京"]);
    expect(h.z).toEqual([[0, 1], [2, null]]);
    expect([h.zmin, h.zmax]).toEqual([-0.5, 2.5]);
  });
  it("refuses a category outside the levels and a duplicated cell", () => {
    expect(() => categoricalHeatmapFigure(data, { row: "p", column: "year", category: "cls", levels: ["a", "b"], title: "t", xLabel: "x", yLabel: "y" })).toThrow(/category "c" in row 2 is not one of the levels/);
    expect(() => categoricalHeatmapFigure({ p: ["x", "x"], year: [1, 1], cls: ["a", "a"] }, { row: "p", column: "year", category: "cls", levels: ["a"], title: "t", xLabel: "x", yLabel: "y" })).toThrow(/cell \(x, 1\) appears twice/);
  });
});

describe("lineChartFigure", () => {
  const data = Object.freeze({ g: ["A", "A", "B", "B"], year: [2001, 2000, 2000, 2001], y: [2, 1, 3, NaN] });
  it("draws one line per group sorted by x, highlighted groups last and coloured, missing values as gaps", () => {
    const fig = lineChartFigure(data, { x: "year", y: "y", group: "g", highlight: ["A"], title: "t", xLabel: "Year", yLabel: "y" });
    expect(fig.data.map((t) => t.name)).toEqual(["B", "A"]);
    expect((fig.data[1] as { x: number[]; y: number[] }).y).toEqual([1, 2]);
    expect((fig.data[0] as { y: Array<number | null> }).y).toEqual([3, null]);
    expect(fig.data[0].showlegend).toBe(false);
  });
  it("refuses a highlight group that does not exist", () => {
    expect(() => lineChartFigure(data, { x: "year", y: "y", group: "g", highlight: ["Z"], title: "t", xLabel: "x", yLabel: "y" })).toThrow(/highlight group "Z"/);
  });
});

describe("residualDiagnosticsFigure", () => {
  it("pairs sorted standardized residuals with normal quantiles at (i − 0.5)/n", () => {
    const fig = residualDiagnosticsFigure({ fitted: [1, 2, 3, 4], residuals: [0.5, -0.5, 1.5, -1.5], title: "t", yLabel: "y" });
    const qq = fig.data[1] as { x: number[]; y: number[] };
    expectClose(qq.x[3], normalQuantile(3.5 / 4), 1e-12, "q4");
    // residuals have mean 0 and sample sd sqrt(5/3): the largest standardized residual is 1.5 / sqrt(5/3)
    expectClose(qq.y[3], 1.5 / Math.sqrt(5 / 3), 1e-12, "max standardized residual");
  });
  it("refuses mismatched lengths and constant residuals", () => {
    expect(() => residualDiagnosticsFigure({ fitted: [1, 2], residuals: [1], title: "t", yLabel: "y" })).toThrow(/2 fitted values but 1 residuals/);
    expect(() => residualDiagnosticsFigure({ fitted: [1, 2], residuals: [1, 1], title: "t", yLabel: "y" })).toThrow(/residuals are constant/);
  });
});

describe("groupedBarFigure", () => {
  it("makes one bar trace per series with a dashed reference line", () => {
    const fig = groupedBarFigure({ categories: ["a", "b"], series: [{ name: "s", values: [0.1, 0.2] }], title: "t", xLabel: "x", yLabel: "y", reference: { y: 0.05, label: "5%" } });
    expect(fig.data[0].y).toEqual([0.1, 0.2]);
    expect((fig.layout.shapes as Array<{ y0: number }>)[0].y0).toBe(0.05);
    expect(() => groupedBarFigure({ categories: ["a"], series: [{ name: "s", values: [1, 2] }], title: "t", xLabel: "x", yLabel: "y" })).toThrow(/series "s" has 2 values for 1 categories/);
  });
  it("limits the reference line to the listed categories, one segment per run of adjacent categories", () => {
    const fig = groupedBarFigure({ categories: ["m", "lm", "ols", "w"], series: [{ name: "s", values: [0.1, 0.2, 0.9, 0.3] }], title: "t", xLabel: "x", yLabel: "y",
      reference: { y: 0.05, label: "5%", categories: ["w", "m", "lm"] } });
    const shapes = fig.layout.shapes as Array<{ xref: string; x0: number; x1: number }>;
    expect(shapes.map((sh) => [sh.xref, sh.x0, sh.x1])).toEqual([["x", -0.45, 1.45], ["x", 2.55, 3.45]]);
    expect(() => groupedBarFigure({ categories: ["a"], series: [{ name: "s", values: [1] }], title: "t", xLabel: "x", yLabel: "y", reference: { y: 0.05, label: "5%", categories: ["b"] } }))
      .toThrow(/reference category "b" is not a category \(categories: a\)/);
  });
  it("prints values above bars without error bars, and not on top of whiskers unless asked", () => {
    const plain = groupedBarFigure({ categories: ["a"], series: [{ name: "s", values: [0.1] }], title: "t", xLabel: "x", yLabel: "y" });
    expect((plain.data[0] as { texttemplate?: string }).texttemplate).toBe("%{y:.2f}");
    const withErrors = groupedBarFigure({ categories: ["a"], series: [{ name: "s", values: [0.1], errors: [0.02] }], title: "t", xLabel: "x", yLabel: "y" });
    const t = withErrors.data[0] as { texttemplate?: string; error_y: { array: number[] }; hovertemplate: string };
    expect(t.texttemplate).toBeUndefined();
    expect(t.error_y.array).toEqual([0.02]);
    expect(t.hovertemplate).toContain("± %{customdata:.2f}");
  });
});
