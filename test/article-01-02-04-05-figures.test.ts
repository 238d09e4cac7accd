import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { root, haveArticles, allArticles, articleText, table, transcribedCsvFiles, expectVerbatim, expectReadmeNamesEveryFile } from "./helpers/articles";
import { articleFigure, checkClaim, checkClaims, figureValue } from "../lib/policy";

const folders = ["article-01-nansha-shipping", "article-02-cluster-zone-concept", "article-04-service-zones", "article-05-county-industrial-park"];

describe.skipIf(!haveArticles)("article-figure datasets of articles 1, 2, 4, 5", () => {
  const all = allArticles();
  for (const folder of folders) {
    const dir = path.join(root, "datasets", folder);
    for (const file of transcribedCsvFiles(dir)) {
      it(`${folder}/${file}: every sentence occurs verbatim in its article, and every printed figure in its sentence`, () => {
        const rows = table(path.join(dir, file));
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          const text = articleText(all, Number(r.article));
          expect(folder.startsWith(`article-0${r.article}-`)).toBe(true);
          expectVerbatim(text, r, `${file} ${r.figure_id}`);
          if (r.heading !== undefined) expect(text.includes(r.heading), r.heading).toBe(true);
          if (r.value !== undefined) expect(Number.isFinite(Number(r.value)), r.figure_id).toBe(true);
        }
      });
    }
    it(`${folder}: has a README naming every file`, () => {
      expectReadmeNamesEveryFile(dir);
    });
  }
  it("figures whose printed form is a plain Arabic number carry that number as value (article 5 ledger)", () => {
    const rows = table(path.join(root, "datasets", "article-05-county-industrial-park", "figures.csv"));
    const byId = Object.fromEntries(rows.map((r) => [r.figure_id, r]));
    // values read off the article text by eye: 总规划面积30平方公里; 工业项目21个; 固定资产总投资达7.8亿元; 计划占地750亩; 16500平方米
    expect(Number(byId.planned_area.value)).toBe(30);
    expect(Number(byId.projects_count.value)).toBe(21);
    expect(Number(byId.projects_total_fixed_investment.value)).toBe(7.8);
    expect(Number(byId.standard_factory_land_plan.value)).toBe(750);
    expect(Number(byId.standard_factory_floor_area_government.value)).toBe(16500);
    for (const r of rows) {
      const digits = r.as_written.match(/\d+(\.\d+)?/g);
      if (digits && digits.length === 1) expect(Number(digits[0]), r.figure_id).toBe(Number(r.value));
    }
  });
});

describe("articleFigure / figureValue", () => {
  const figs = Object.freeze({ article: [5, 5], figure_id: ["a", "b"], value: [30, 21], unit: ["km2", "count"], as_written: ["30平方公里", "21个"], sentence: ["s1", "s2"] });
  it("returns the named figure with its unit and printed form", () => {
    expect(figureValue(figs, "b")).toBe(21);
    expect(articleFigure(figs, "a")).toMatchObject({ article: 5, value: 30, unit: "km2", asWritten: "30平方公里" });
  });
  it("names the missing id and lists the ids present; rejects a duplicate id", () => {
    expect(() => figureValue(figs, "zz")).toThrow(/articleFigure: no figure "zz" \(ids present: a, b\)/);
    expect(() => figureValue({ ...figs, figure_id: ["a", "a"] }, "a")).toThrow(/appears 2 times/);
  });
});

describe("checkClaim (notebook prose guards)", () => {
  it("confirms a true claim and throws with the claim's text on a false one or a non-boolean", () => {
    expect(checkClaim(2 > 1, "two exceeds one")).toBe("✓ two exceeds one");
    expect(() => checkClaim(1 > 2, "one exceeds two")).toThrow("claim no longer holds: one exceeds two");
    expect(() => checkClaim(Number.NaN as unknown as boolean, "nan")).toThrow(/not a boolean/);
    expect(checkClaims([[true, "a"], [true, "b"]])).toBe("✓ a\n✓ b");
    expect(() => checkClaims([[true, "a"], [false, "b"]])).toThrow("claim no longer holds: b");
  });
});
