/**
 * lib/display: inline Plotly figures (each output stands alone; the page provides plotly.js),
 * HTML tables, the choropleth builder, and the no-kernel behaviour (nothing displayed, no error).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import * as dfd from "danfojs-node";
import {
  choroplethFigure,
  displayRaw,
  figureHTML,
  formatCell,
  escapeMarkdown,
  inKernel,
  md,
  PLOTLY_ASSET_PATH,
  show,
  showMarkdown,
  showTable,
  tableHTML,
  type Figure,
} from "../lib/display";
import { loadGeoJSON } from "../lib/data";
import { NO_DATA_COLOR, regionMapFigure } from "../lib/plots";
import { hasChromium, launchChromium, offlinePage } from "./helpers/chromium";
import { plotlyPageScript } from "../scripts/jupyter-assets.mjs";

const root = path.resolve(__dirname, "..");
const plotlyFile = path.join(root, "node_modules", "plotly.js-dist-min", "plotly.min.js");

/** The base64 strings passed to W.unzip("…") in an output, decoded. */
function unzipped(html: string): string[] {
  return [...html.matchAll(/W\.unzip\("([A-Za-z0-9+/=]+)"\)/g)].map((m) => zlib.gunzipSync(Buffer.from(m[1], "base64")).toString("utf8"));
}

const scatter = (): Figure => ({ data: [{ type: "scatter", x: [2019, 2020], y: [1, 2], name: "a" }], layout: { title: { text: "t" } } });

describe("figures", () => {
  it("no figure output carries plotly.js: every output is small and stands alone", () => {
    const first = figureHTML(scatter());
    const second = figureHTML(scatter());
    expect(first.length).toBeLessThan(6000);
    expect(second.length).toBeLessThan(6000);
    expect(first).not.toContain(fs.readFileSync(plotlyFile, "utf8").slice(0, 2000));
    expect(unzipped(first)).toEqual([]);
    // Same markup apart from the element id: the second does not depend on the first.
    expect(second.replace(/wbfig-[\w-]+/g, "ID")).toBe(first.replace(/wbfig-[\w-]+/g, "ID"));
  });

  it("a figure looks for plotly.js on the page: window.Plotly, the exported page's copy, or the live Notebook's nbextensions asset", () => {
    const html = figureHTML(scatter());
    expect(html).toContain("window.__wbPlotly");
    expect(html).toContain(`"${PLOTLY_ASSET_PATH}"`);
    expect(PLOTLY_ASSET_PATH).toBe("nbextensions/agglomeration-workbench/plotly.min.js");
    expect(html).toContain('getAttribute("data-base-url")');
  });

  it("the figure's <div> holds a visible placeholder with its title (tags dropped, text escaped) for when its script does not run", () => {
    const html = figureHTML({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { title: { text: "GDP <b>&</b> <img src=x onerror=alert(1)>" } } });
    expect(figureHTML({ data: [], layout: { title: { text: 'a "<" b' } } })).toContain("Plotly figure “a &quot;&lt;&quot; b”");
    const div = /<div id="wbfig-[^"]+" class="wb-plotly"[^>]*>(.*?)<\/div>\n<script/s.exec(html)?.[1] ?? "";
    expect(div).toContain("not drawn");
    expect(div).toContain("File → Trust Notebook");
    expect(div).toContain("Plotly figure “GDP &amp;”: not drawn");
    expect(div).not.toContain("<img");
  });

  it("show() outside a kernel displays nothing, returns nothing and does not throw", () => {
    expect(inKernel()).toBe(false);
    expect(displayRaw("text/html", "<b>x</b>")).toBe(false);
    expect(show(scatter())).toBeUndefined();
    expect(showTable([{ a: 1 }])).toBeUndefined();
    expect(showMarkdown("**x**")).toBeUndefined();
  });

  it("figure data are embedded as JSON with '<' escaped, so text cannot close the script", () => {
    const html = figureHTML({ data: [{ type: "bar", x: ["</script><script>alert(1)</script>"], y: [1] }] });
    expect((html.match(/<\/script>/g) ?? []).length).toBe((html.match(/<script/g) ?? []).length);
    expect(html).toContain("\\u003c/script>");
  });

  it("a figure too large to inline is sent compressed and decodes to the same spec", () => {
    const y = Array.from({ length: 20000 }, (_, i) => Math.sin(i) * 1000);
    const html = figureHTML({ data: [{ type: "scatter", y }], layout: { height: 300 } });
    const specs = unzipped(html).map((s) => JSON.parse(s));
    expect(specs.length).toBe(1);
    expect(specs[0].data[0].y).toEqual(y);
    expect(specs[0].layout.height).toBe(300);
  });

  it("a GeoJSON object is sent once per output (shared by its traces and frames) and by every output that uses it", () => {
    // A hand-written Plotly choropleth trace over the GeoJSON (lib's map builder draws polygons itself).
    const fc = loadGeoJSON("china-provinces");
    const geoFigure = (z: number): Figure => ({ data: [{ type: "choropleth", geojson: fc, featureidkey: "properties.adcode", locations: ["220000"], z: [z] }] });
    const fig = geoFigure(1);
    const framed = { ...fig, frames: [1, 2, 3].map((k) => ({ name: String(k), data: fig.data })) };
    const a = figureHTML(framed);
    const b = figureHTML(geoFigure(2));
    expect((a.match(/W\.geo\["[0-9a-f]{16}"\]=/g) ?? []).length).toBe(1);
    expect((b.match(/W\.geo\["[0-9a-f]{16}"\]=/g) ?? []).length).toBe(1);
    expect(a.length).toBeLessThan(b.length * 1.2); // three frames do not triple the GeoJSON
  });

  it("rejects something that is not a figure, naming show", () => {
    expect(() => figureHTML({} as Figure)).toThrow(/show: expected a Plotly figure/);
  });
});

describe("md: Markdown with escaped values", () => {
  const hostile = ['J<script>alert(1)</script>', 'Q"onmouseover="alert(2)"x', "T</table>", "I<img src=x onerror=alert(4)>"];

  it("keeps the template's own Markdown and escapes every interpolated value", () => {
    const m = md`**Moran's I** = ${0.1234} for ${hostile[0]} and $\\rho$`;
    expect(String(m)).toBe("**Moran's I** = 0.1234 for J&lt;script&gt;alert(1)&lt;/script&gt; and $\\rho$");
  });

  it("no value can open a tag or an attribute, or start emphasis, code, a link, a table cell or math", () => {
    for (const v of hostile) {
      const text = md`${v}`.text;
      expect(text).not.toMatch(/[<>"]/);
    }
    expect(escapeMarkdown("a_b *c* `d` [e](javascript:x) | $x$ ~f~ \\")).toBe("a\\_b \\*c\\* \\`d\\` \\[e\\](javascript:x) \\| \\$x\\$ \\~f\\~ \\\\");
    expect(escapeMarkdown("line\n# heading")).toBe("line # heading");
  });

  it("numbers print as String(x), arrays as escaped items joined by ', ', nested md as its Markdown", () => {
    expect(md`${[1, "<b>"]}`.text).toBe("1, &lt;b&gt;");
    expect(md`${-0.5} ${12n}`.text).toBe("-0.5 12");
    expect(md`a ${md`**${"<i>"}**`} b`.text).toBe("a **&lt;i&gt;** b");
  });
});

describe("tables", () => {
  it("formatCell: integers as they are, other numbers to significant digits, missing values empty", () => {
    expect(formatCell(3.14159265, 4)).toBe("3.142");
    expect(formatCell(1234567, 3)).toBe("1234567");
    expect(formatCell(0.5)).toBe("0.5");
    expect(formatCell(1.5e-7, 3)).toBe("1.5e-07");
    expect(formatCell(NaN)).toBe("");
    expect(formatCell(null)).toBe("");
    expect(formatCell(-Infinity)).toBe("-Inf");
    expect(formatCell("吉林")).toBe("吉林");
  });

  it("an array of records becomes a table with the union of keys as columns, values escaped", () => {
    const html = tableHTML(Object.freeze([{ province: "吉林", lq: 1.2345678 }, { province: "<b>", extra: 2 }]), { digits: 3 });
    expect(html).toContain("<th style=\"text-align:left\">province</th>");
    expect(html).toContain(">1.23</td>");
    expect(html).toContain("&lt;b&gt;");
    expect(html).toContain(">extra</th>");
  });

  it("a danfo DataFrame shows its index, columns and values", () => {
    const df = new dfd.DataFrame({ adcode: ["110000", "220000"], gdp: [36102.6, 12311.3] });
    const html = tableHTML(df);
    expect(html).toContain(">adcode</th>");
    expect(html).toContain(">220000</td>");
    expect(html).toContain(">12311.3</td>");
    expect(html).toMatch(/<tr><th style="text-align:left">1<\/th>/);
  });

  it("a danfo Series shows as one column", () => {
    const html = tableHTML(new dfd.Series([1.5, 2.5], { index: ["a", "b"] }));
    expect(html).toMatch(/<th style="text-align:left">b<\/th><td style="text-align:right">2.5<\/td>/);
  });

  it("an object of equal-length columns is a table; unequal lengths are an error naming the columns", () => {
    expect(tableHTML({ x: [1, 2], y: new Float64Array([3, 4]) })).toContain(">4</td>");
    expect(() => tableHTML({ x: [1, 2], y: [3] })).toThrow(/showTable: columns have different lengths \("x" has 2, "y" has 1\)/);
  });

  it("anything with toHTML() (every lib result) renders through it", () => {
    const result = { toHTML: () => "<table><tr><td>model</td></tr></table>", summary: () => "model" };
    expect(tableHTML(result)).toBe("<table><tr><td>model</td></tr></table>");
  });

  it("long tables show the first and last rows and say how many were left out", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ i }));
    const html = tableHTML(rows, { maxRows: 10 });
    expect(html).toContain(">0</td>");
    expect(html).toContain(">99</td>");
    expect(html).not.toContain(">50</td>");
    expect(html).toContain("… 90 more rows …");
    expect(html).toContain("100 rows × 1 columns");
  });

  it("something that is not tabular is an error naming showTable", () => {
    expect(() => tableHTML(42)).toThrow(/showTable: cannot show a number as a table/);
  });
});

describe("choroplethFigure (deprecated alias of regionMapFigure)", () => {
  // Two unit squares, A written counter-clockwise (RFC 7946 order), B clockwise; frozen to catch mutation.
  const fc = Object.freeze({
    type: "FeatureCollection",
    features: Object.freeze([
      Object.freeze({ type: "Feature", properties: Object.freeze({ adcode: "A", name: "Alpha" }), geometry: Object.freeze({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) }),
      Object.freeze({ type: "Feature", properties: Object.freeze({ adcode: "B", name: "Beta" }), geometry: Object.freeze({ type: "Polygon", coordinates: [[[2, 0], [2, 1], [3, 1], [3, 0], [2, 0]]] }) }),
    ]),
  });
  type Region = { name: string; text: string; fillcolor: string; line: { width: number } };
  const region = (fig: Figure, name: string) => fig.data.find((t) => t.name === name) as Region;

  it("gives the same figure as regionMapFigure for the same input, its options renamed", () => {
    const alias = choroplethFigure(fc, { A: 1.23456, B: 0.5 }, { title: "t", valueLabel: "LQ", digits: 3, highlight: ["B"], zmin: 0, zmax: 2, colorscale: "Blues", height: 400, precision: 2 });
    const direct = regionMapFigure(fc, { A: 1.23456, B: 0.5 }, { title: "t", valueLabel: "LQ", significantDigits: 3, highlight: ["B"], range: [0, 2], colorscale: "Blues", height: 400, decimals: 2 });
    expect(alias).toEqual(direct);
    const provinces = loadGeoJSON("china-provinces");
    const ids = provinces.features.map((f) => String(f.properties?.adcode));
    const values = { ids, values: ids.map((_, i) => i / 7) };
    expect(choroplethFigure(provinces, values)).toEqual(regionMapFigure(provinces, values, { title: "", valueLabel: "value", significantDigits: 4 }));
  });

  it("maps values by id with names and 4 significant digits in the hover text; regions without a value are grey 'no data'", () => {
    const fig = choroplethFigure(fc, { A: 12.3456 }, { valueLabel: "LQ" });
    expect(fig.data.length).toBe(3); // two regions and the colour bar
    expect(region(fig, "Alpha").text).toBe("Alpha<br>LQ: 12.35");
    expect(region(fig, "Beta").text).toBe("Beta<br>LQ: no data");
    expect(region(fig, "Beta").fillcolor).toBe(NO_DATA_COLOR);
    for (const t of fig.data) expect(t.type).toBe("scatter"); // no geo subplot: nothing to download
    expect(fc.features[0].geometry.coordinates[0][1]).toEqual([1, 0]); // input not modified
  });

  it("accepts {ids, values} (arrays or danfo Series), a Map and records", () => {
    const a = choroplethFigure(fc, { ids: ["A", "B"], values: [1, 2] });
    const b = choroplethFigure(fc, new Map([["A", 1], ["B", 2]]));
    const c = choroplethFigure(fc, [{ id: "A", value: 1 }, { id: "B", value: 2 }]);
    const d = choroplethFigure(fc, { ids: new dfd.Series(["A", "B"]), values: new dfd.Series([1, 2]) });
    const e = choroplethFigure(fc, { A: 1, B: 2 });
    for (const f of [a, b, c, d]) expect(f).toEqual(e);
    expect(region(e, "Alpha").fillcolor).not.toBe(region(e, "Beta").fillcolor);
  });

  it("an id not in the map, a duplicated id, a non-numeric value or an unknown highlight is an error naming it", () => {
    expect(() => choroplethFigure(fc, { A: 1, Z: 2 })).toThrow(/regionMapFigure: ids not in the GeoJSON \(property "adcode"\): Z/);
    expect(() => choroplethFigure(fc, { ids: ["A", "A"], values: [1, 2] })).toThrow(/region "A" appears twice/);
    expect(() => choroplethFigure(fc, { ids: ["A"], values: ["x"] })).toThrow(/value for id "A" is not numeric \("x"\)/);
    expect(() => choroplethFigure(fc, { A: 1 }, { highlight: ["Q"] })).toThrow(/highlight id "Q" is not in the GeoJSON/);
  });

  it("highlighted regions are outlined and drawn last, above their neighbours", () => {
    const fig = choroplethFigure(fc, { A: 1, B: 2 }, { highlight: ["A"] });
    const regions = fig.data.filter((t) => t.fill === "toself") as Region[];
    expect(regions.map((t) => t.name)).toEqual(["Beta", "Alpha"]);
    expect(regions[1].line.width).toBeGreaterThan(2);
    expect(regions[0].line.width).toBeLessThan(1);
  });

  it("works on the 34 features of the China provinces GeoJSON from datasets/", () => {
    const provinces = loadGeoJSON("china-provinces");
    const ids = provinces.features.map((f) => String(f.properties?.adcode));
    const fig = choroplethFigure(provinces, { ids, values: ids.map((_, i) => i) });
    expect(fig.data.filter((t) => t.fill === "toself").length).toBe(34);
  });
});

// Debian chromium is installed by `npm test`'s setup; a bare `vitest run` without it skips this block.
describe.skipIf(!hasChromium)("in a browser, offline", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a page of figure outputs (line chart, region map, compressed figure) renders every figure with no other request", async () => {
    const provinces = loadGeoJSON("china-provinces");
    const ids = provinces.features.map((f) => String(f.properties?.adcode));
    const outputs = [
      figureHTML(scatter()),
      figureHTML(regionMapFigure(provinces, { ids, values: ids.map((_, i) => i) }, { title: "index", valueLabel: "index", highlight: ["220000"] })),
      figureHTML({ data: [{ type: "scatter", mode: "markers", y: Array.from({ length: 8000 }, (_, i) => (i * 7919) % 1000) }] }),
    ];
    const file = path.join(root, "build", "tmp", "display-test.html");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8">${plotlyPageScript()}</head><body>${outputs.join("\n")}</body></html>`);
    const problems: string[] = [];
    const { context, page } = await offlinePage(browser, { file }, { onBlocked: (url) => problems.push(`request ${url}`) });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText !== "net::ERR_BLOCKED_BY_CLIENT") problems.push(`failed ${r.url()}`);
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.querySelectorAll(".plot-container svg").length >= 3, null, { timeout: 60_000 });
    const counts = await page.evaluate(() => ({
      containers: document.querySelectorAll(".wb-plotly .plot-container").length,
      mapFills: document.querySelectorAll(".wb-plotly")[1].querySelectorAll(".scatterlayer path.js-fill").length,
      colorBars: document.querySelectorAll(".wb-plotly")[1].querySelectorAll(".colorbar").length,
    }));
    await context.close();
    expect(problems).toEqual([]);
    expect(counts.containers).toBe(3);
    expect(counts.mapFills).toBe(34); // one filled polygon per province of the GeoJSON
    expect(counts.colorBars).toBe(1);
  });
});
