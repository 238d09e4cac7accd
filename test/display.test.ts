/**
 * lib/display: inline Plotly figures (each output stands alone; the page provides plotly.js),
 * HTML tables, the choropleth builder, and the no-kernel behaviour (nothing displayed, no error).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
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
    const fc = loadGeoJSON("china-provinces");
    const fig = choroplethFigure(fc, { "220000": 1 });
    const framed = { ...fig, frames: [1, 2, 3].map((k) => ({ name: String(k), data: fig.data })) };
    const a = figureHTML(framed);
    const b = figureHTML(choroplethFigure(fc, { "220000": 2 }));
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

describe("choroplethFigure", () => {
  // Two unit squares: A written counter-clockwise (RFC 7946 order), B clockwise.
  const fc = Object.freeze({
    type: "FeatureCollection",
    features: Object.freeze([
      Object.freeze({ type: "Feature", properties: Object.freeze({ adcode: "A", name: "Alpha" }), geometry: Object.freeze({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) }),
      Object.freeze({ type: "Feature", properties: Object.freeze({ adcode: "B", name: "Beta" }), geometry: Object.freeze({ type: "Polygon", coordinates: [[[2, 0], [2, 1], [3, 1], [3, 0], [2, 0]]] }) }),
    ]),
  });
  const signedArea = (ring: number[][]) => ring.slice(0, -1).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0) / 2;

  it("maps values by id with names in the hover text; regions without a value are a grey 'no data' trace", () => {
    const fig = choroplethFigure(fc, { A: 1.23456 }, { valueLabel: "LQ", digits: 3 });
    expect(fig.data.length).toBe(2);
    const [grey, main] = fig.data as Array<Record<string, unknown>>;
    expect(grey.locations).toEqual(["B"]);
    expect(grey.text).toEqual(["Beta: no data"]);
    expect(main.locations).toEqual(["A"]);
    expect(main.z).toEqual([1.23456]);
    expect(main.text).toEqual(["Alpha: 1.23"]);
    expect(main.featureidkey).toBe("properties.id");
    expect((fig.layout as Record<string, any>).geo.fitbounds).toBe("locations");
  });

  it("orients every exterior ring clockwise (d3-geo) without modifying the input", () => {
    const fig = choroplethFigure(fc, { A: 1, B: 2 });
    const geo = (fig.data[0] as { geojson: { features: Array<{ geometry: { coordinates: number[][][] } }> } }).geojson;
    for (const f of geo.features) expect(signedArea(f.geometry.coordinates[0])).toBeLessThan(0);
    expect(signedArea(fc.features[0].geometry.coordinates[0] as number[][])).toBeGreaterThan(0);
  });

  it("accepts {ids, values} (arrays or danfo Series), a Map and records", () => {
    const a = choroplethFigure(fc, { ids: ["A", "B"], values: [1, 2] });
    const b = choroplethFigure(fc, new Map([["A", 1], ["B", 2]]));
    const c = choroplethFigure(fc, [{ id: "A", value: 1 }, { id: "B", value: 2 }]);
    const d = choroplethFigure(fc, { ids: new dfd.Series(["A", "B"]), values: new dfd.Series([1, 2]) });
    for (const f of [a, b, c, d]) expect((f.data[0] as Record<string, unknown>).z).toEqual([1, 2]);
  });

  it("an id not in the map, a duplicated id or a non-numeric value is an error naming it", () => {
    expect(() => choroplethFigure(fc, { A: 1, Z: 2 })).toThrow(/choroplethFigure: 1 id\(s\) not in the map \(idField "adcode"\): Z/);
    expect(() => choroplethFigure(fc, { ids: ["A", "A"], values: [1, 2] })).toThrow(/id "A" has more than one value/);
    expect(() => choroplethFigure(fc, { ids: ["A"], values: ["x"] })).toThrow(/value for id "A" is not a number/);
    expect(() => choroplethFigure(fc, { A: 1 }, { highlight: ["Q"] })).toThrow(/highlight id\(s\) not in the map: Q/);
  });

  it("highlighted regions get an outline-only trace on top", () => {
    const fig = choroplethFigure(fc, { A: 1, B: 2 }, { highlight: ["B"] });
    const top = fig.data[fig.data.length - 1] as Record<string, any>;
    expect(top.locations).toEqual(["B"]);
    expect(top.marker.line.width).toBeGreaterThan(1);
    expect(top.hoverinfo).toBe("skip");
  });

  it("works on the 34 features of the China provinces GeoJSON from datasets/", () => {
    const provinces = loadGeoJSON("china-provinces");
    const ids = provinces.features.map((f) => String(f.properties?.adcode));
    const fig = choroplethFigure(provinces, { ids, values: ids.map((_, i) => i) });
    expect((fig.data[0] as Record<string, unknown>).locations).toEqual(ids);
    expect((fig.data[0] as { geojson: { features: unknown[] } }).geojson.features.length).toBe(34);
  });
});

// Debian chromium is installed by `npm test`'s setup; a bare `vitest run` without it skips this block.
describe.skipIf(!fs.existsSync("/usr/bin/chromium"))("in a browser, offline", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a page of figure outputs (line chart, choropleth, compressed figure) renders every figure with no network request", async () => {
    const provinces = loadGeoJSON("china-provinces");
    const ids = provinces.features.map((f) => String(f.properties?.adcode));
    const outputs = [
      figureHTML(scatter()),
      figureHTML(choroplethFigure(provinces, { ids, values: ids.map((_, i) => i) }, { highlight: ["220000"] })),
      figureHTML({ data: [{ type: "scatter", mode: "markers", y: Array.from({ length: 8000 }, (_, i) => (i * 7919) % 1000) }] }),
    ];
    const file = path.join(root, "build", "tmp", "display-test.html");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8">${plotlyPageScript()}</head><body>${outputs.join("\n")}</body></html>`);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("requestfailed", (r) => problems.push(`failed ${r.url()}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) problems.push(`request ${r.url()}`);
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.querySelectorAll(".plot-container svg").length >= 3, null, { timeout: 60_000 });
    const counts = await page.evaluate(() => ({
      containers: document.querySelectorAll(".wb-plotly .plot-container").length,
      choroplethPaths: document.querySelectorAll(".choroplethlocation").length,
    }));
    await context.close();
    expect(problems).toEqual([]);
    expect(counts.containers).toBe(3);
    // 34 regions + the highlighted one drawn again as an outline.
    expect(counts.choroplethPaths).toBe(35);
  });
});
