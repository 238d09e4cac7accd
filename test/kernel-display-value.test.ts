/**
 * scripts/kernel/display-value.cjs: the execute_result of a cell's last value in the project kernel —
 * short text forms for danfo frames, Plotly figures and lib results instead of Node's object dump.
 * (The kernel itself is checked end to end by test/kernel-conformance.py.)
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import { ols } from "../lib";

const requireCjs = createRequire(__filename);
const { mimeBundle, formatScalar } = requireCjs("../scripts/kernel/display-value.cjs") as {
  mimeBundle: (value: unknown) => Record<string, string>;
  formatScalar: (value: unknown) => string;
};

const letters = "abcdefghijkl".split("");

describe("execute_result MIME bundle of a cell's last value", () => {
  it("a DataFrame is its shape, its first five rows and what was left out, not its internals", () => {
    const columns: Record<string, unknown[]> = { region: letters.slice(0, 7) };
    for (let j = 0; j < 9; j++) columns[`v${j}`] = [1, 2, 3, 4, 5, 6, 7].map((x) => x * (j + 1) + 0.5);
    const df = new dfd.DataFrame(columns);
    const text = mimeBundle(df)["text/plain"];
    const lines = text.split("\n");
    expect(lines[0]).toBe("DataFrame: 7 rows × 10 columns");
    expect(lines[1].trim().split(/\s+/)).toEqual(["region", "v0", "v1", "v2", "v3", "v4", "v5", "v6"]);
    expect(lines[2].trim().split(/\s+/)).toEqual(["0", "a", "1.5", "2.5", "3.5", "4.5", "5.5", "6.5", "7.5"]);
    expect(lines).toHaveLength(1 + 1 + 5 + 2);
    expect(lines[7]).toBe("… 2 more rows");
    expect(lines[8]).toBe("… 2 more columns: v7, v8");
    expect(text).not.toMatch(/\$data|\$config/);
    expect(Object.keys(mimeBundle(df))).toEqual(["text/plain"]);
  });

  it("a Series is its name, length, dtype and first values", () => {
    const s = new dfd.Series([0.25, 0.5, 0.75, 1, 1.25, 1.5], { columns: ["share"] });
    expect(mimeBundle(s)["text/plain"]).toBe('Series "share": 6 values (float32)\n[0.25, 0.5, 0.75, 1, 1.25, …]');
  });

  it("a Plotly figure is one line naming its traces and title, with a pointer to show()", () => {
    const fig = {
      data: [
        { type: "bar", x: [1], y: [2] },
        { x: [1], y: [3] },
        { type: "bar", x: [2], y: [1] },
      ],
      layout: { title: { text: "GDP by zone" } },
    };
    expect(mimeBundle(fig)["text/plain"]).toBe('Plotly figure: 3 traces (bar ×2, scatter), title "GDP by zone"\n(show(figure) draws it)');
    expect(mimeBundle({ data: [{ type: "pie" }], layout: { title: "T" } })["text/plain"]).toMatch(/^Plotly figure: 1 trace \(pie\), title "T"/);
  });

  it("a lib fit is its title and coefficient rows as text, and its own toHTML() as HTML", () => {
    const fit = ols({ y: [1, 3, 2, 5, 4, 6], x: [1, 2, 3, 4, 5, 6] }, "y ~ x");
    const data = mimeBundle(fit);
    const lines = data["text/plain"].split("\n");
    expect(lines[0]).toBe(fit.report.title);
    const xRow = lines
      .find((l) => l.trim().startsWith("x "))!
      .trim()
      .split(/\s+/);
    expect(xRow).toEqual(["x", formatScalar(fit.coef("x").estimate), formatScalar(fit.coef("x").stdError)]);
    expect(lines[lines.length - 1]).toBe("(.summary() prints the full summary)");
    expect(data["text/html"]).toBe(fit.toHTML());
    expect(data["text/plain"]).not.toMatch(/report:|inference:/);
  });

  it("values nested in plain objects print in their one-line forms", () => {
    const df = new dfd.DataFrame({ a: [1, 2, 3] });
    const input = Object.freeze({ df, figure: { data: [{ type: "bar" }] }, n: 3 });
    const text = mimeBundle(input)["text/plain"];
    expect(text).toContain("df: DataFrame(3 × 1)");
    expect(text).toContain("figure: [Plotly figure: 1 trace (bar)]");
    expect(text).not.toContain("$data");
    expect(input.df).toBe(df); // the value itself is not changed
  });

  it("a large value is capped: 20 array items, 40 lines, and says what was left out", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ i, label: `row ${i}`, nested: { a: { b: { c: i } } } }));
    const text = mimeBundle(rows)["text/plain"];
    expect(text).toContain("... 4980 more items");
    expect(text.length).toBeLessThan(4200);
    const long = { toHTML: () => "<table></table>", toString: () => Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n") };
    const lines = mimeBundle(long)["text/plain"].split("\n");
    expect(lines).toHaveLength(41);
    expect(lines[39]).toBe("line 39");
    expect(lines[40]).toBe("… (60 more lines)");
    expect(mimeBundle(long)["text/html"]).toBe("<table></table>");
  });

  it("scalars print as Node prints them (strings quoted)", () => {
    expect(mimeBundle(3)["text/plain"]).toBe("3");
    expect(mimeBundle("ab")["text/plain"]).toBe("'ab'");
    expect(mimeBundle([2, 4, 6])["text/plain"]).toBe("[ 2, 4, 6 ]");
  });

  it("formatScalar gives six significant digits without trailing zeros", () => {
    expect(formatScalar(1 / 3)).toBe("0.333333");
    expect(formatScalar(2.5)).toBe("2.5");
    expect(formatScalar(1234567.891)).toBe("1.23457e+6");
    expect(formatScalar(42)).toBe("42");
    expect(formatScalar(Number.NaN)).toBe("NaN");
  });
});
