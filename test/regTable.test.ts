import { describe, it, expect } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { regTable } from "../lib/report";
import { panelFE } from "../lib/panel";
import type { ModelResult } from "../lib/core/types";

// Data: plm::Grunfeld, written by test/reference/plm-within.R
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "reference", "plm-within.json"), "utf8"));
const g = ref.data.grunfeld;

/** A hand-built result shaped like a cross-section ML model (illustrative numbers, not from any fit). */
function fakeML(): ModelResult {
  return {
    method: "Spatial lag model (ML)", dependent: "inv", formula: "inv ~ value",
    coefficients: [
      { term: "(Intercept)", estimate: 1.5, stdError: 0.5, statistic: 3, pValue: 0.0027 },
      { term: "value", estimate: 0.2, stdError: 0.1, statistic: 2, pValue: 0.0455 },
      { term: "capital", estimate: 0.05, stdError: 0.1, statistic: 0.5, pValue: 0.617 },
    ],
    n: 49, k: 3, vcovType: "ML (analytical Hessian)", statisticName: "z",
    fit: { logLik: -123.4567, r2: 0.5 },
    summary: () => "", toHTML: () => "",
  };
}

describe("regTable", () => {
  const m1 = panelFE(g, "inv ~ value", { entity: "firm", time: "year", vcov: { cluster: "firm" } });
  const m2 = panelFE(g, "inv ~ value + capital", { entity: "firm", time: "year", effects: "twoways", vcov: { cluster: "firm" } });

  it("prints estimates with stars and standard errors beneath, with FE rows, N and within R²", () => {
    const t = regTable([m1, m2], { labels: { value: "Market value" }, feLabels: { firm: "Firm FE", year: "Year FE" } });
    const rows = t.rows;
    const est = rows.find((r) => r.label === "Market value")!;
    const v2 = m2.coefficients[0];
    expect(est.cells[1]).toBe(`${v2.estimate.toFixed(3)}***`);
    const seRow = rows[rows.indexOf(est) + 1];
    expect(seRow.cells[1]).toBe(`(${v2.stdError.toFixed(3)})`);
    expect(rows.find((r) => r.label === "capital")!.cells[0]).toBe("");
    expect(rows.find((r) => r.label === "Firm FE")!.cells).toEqual(["Yes", "Yes"]);
    expect(rows.find((r) => r.label === "Year FE")!.cells).toEqual(["No", "Yes"]);
    expect(rows.find((r) => r.label === "N")!.cells).toEqual(["200", "200"]);
    expect(rows.find((r) => r.label === "R²")!.cells).toEqual([m1.r2Within.toFixed(3), m2.r2Within.toFixed(3)]);
    expect(t.notes).toContain("R² is the within R² for fixed-effects models.");
    expect(t.toText()).toContain("Firm FE");
  });

  it("assigns stars by strict cutoffs: p = 0.0455 gets ** and p = 0.05 gets *", () => {
    const m = fakeML();
    const m5 = { ...fakeML(), coefficients: [{ term: "value", estimate: 0.2, stdError: 0.1, statistic: 2, pValue: 0.05 }] };
    const t = regTable([m, m5]);
    const row = t.rows.find((r) => r.label === "value")!;
    expect(row.cells).toEqual(["0.200**", "0.200*"]);
    const t2 = regTable([m], { stars: [0.05, 0.01, 0.001] });
    expect(t2.rows.find((r) => r.label === "(Intercept)")!.cells).toEqual(["1.500**"]);
    expect(t2.notes[1]).toBe("*** p < 0.001, ** p < 0.01, * p < 0.05.");
  });

  it("keep, drop and order select and arrange terms; se: 'statistic' puts t/z in parentheses", () => {
    const m = fakeML();
    const t = regTable([m], { keep: [/^v/, "capital"], order: ["capital"], se: "statistic" });
    const coefLabels = t.rows.filter((r) => r.kind === "coef").map((r) => r.label);
    expect(coefLabels).toEqual(["capital", "value"]);
    expect(t.rows[1].cells).toEqual(["(0.500)"]);
    expect(t.notes[0]).toBe("z statistics in parentheses.");
    const t2 = regTable([m], { drop: ["(Intercept)"] });
    expect(t2.rows.filter((r) => r.kind === "coef").map((r) => r.label)).toEqual(["value", "capital"]);
  });

  it("works on a model without fixed effects and shows requested fit statistics", () => {
    const t = regTable([fakeML(), m2], { stats: { logLik: "Log-likelihood" }, modelNames: ["SLM", "FE"] });
    expect(t.modelNames).toEqual(["SLM", "FE"]);
    expect(t.rows.find((r) => r.label === "Log-likelihood")!.cells).toEqual(["-123.457", ""]);
    expect(t.rows.find((r) => r.label === "Firm FE")!.cells).toEqual(["No", "Yes"]);
    expect(t.rows.find((r) => r.label === "R²")!.cells).toEqual(["0.500", m2.r2Within.toFixed(3)]);
  });

  it("renders as plain text, HTML, Markdown and CSV", () => {
    const t = regTable([m1, m2]);
    expect(t.toString()).toBe(t.toText());
    expect(t.toHTML()).toMatch(/^<table class="lib-regtable">/);
    expect(t.toHTML()).toContain("<td>Firm FE</td>");
    const md = t.toMarkdown().split("\n");
    expect(md[0]).toBe("|  | (1) | (2) |");
    expect(md[1]).toBe("|:---|---:|---:|");
    const csv = t.toCSV().trim().split("\n");
    expect(csv[0]).toBe(",(1),(2)");
    expect(csv[1]).toBe("Dependent,inv,inv");
    expect(csv.some((l) => l.startsWith("Firm FE,Yes,Yes"))).toBe(true);
  });

  it("rejects bad input with clear errors", () => {
    expect(() => regTable([])).toThrow("regTable: no models given");
    expect(() => regTable([{} as ModelResult])).toThrow("regTable: model 1 is not a fitted model (no coefficients)");
    expect(() => regTable([fakeML()], { stars: [0.1, 5] })).toThrow("regTable: stars must be between 0 and 1 (got 5)");
    expect(() => regTable([fakeML()], { modelNames: ["a", "b"] })).toThrow("regTable: 2 model names for 1 models");
  });
});

describe("regTable with { impacts }", () => {
  it("adds direct, indirect and total rows for the models that have effects, with simulated SEs and stars", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { weights } = await import("../lib/weights");
    const { spatialLag } = await import("../lib/spatialreg");
    const { ols } = await import("../lib/regression");
    const { regTable } = await import("../lib/report");
    // Columbus (test/reference/spatialreg-columbus.R); effects values themselves are checked in impacts/spatialDurbin tests
    const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
    const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
    const sdm = spatialLag(ref.data, "CRIME ~ INC + HOVAL", w, { id: "id", durbin: true });
    const o = ols(ref.data, "CRIME ~ INC + HOVAL");
    const t = regTable([o, sdm], { impacts: { simulations: 200, seed: 1 } });
    const text = t.toText();
    for (const label of ["Direct: INC", "Indirect: HOVAL", "Total: INC"]) expect(text).toContain(label);
    const row = t.rows.find((r) => r.label === "Total: INC")!;
    expect(row.cells[0]).toBe("");
    expect(row.cells[1]).toBe(sdm.impacts().rows[0].total.toFixed(3) + row.cells[1].replace(/^[-\d.]+/, ""));
    expect(() => regTable([o], { impacts: {} })).toThrow("regTable: { impacts } was given but no model has direct and indirect effects");
  });
});
