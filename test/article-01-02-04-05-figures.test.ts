import { readdirSync, readFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../lib/data/csv";
import { articleFigure, checkClaim, checkClaims, figureValue } from "../lib/policy";

const root = path.resolve(__dirname, "..");
const articlesFile = process.env.AGGLO_SHARED_DIR
  ? path.join(process.env.AGGLO_SHARED_DIR, "articles", "agglomeration-zones-10-articles.txt")
  : path.resolve(root, "..", "shared", "articles", "agglomeration-zones-10-articles.txt");
const folders = ["article-01-nansha-shipping", "article-02-cluster-zone-concept", "article-04-service-zones", "article-05-county-industrial-park"];

function articleText(all: string, n: number): string {
  const start = all.indexOf(`集聚区范文篇${n}\n`);
  const next = n < 10 ? all.indexOf(`集聚区范文篇${n + 1}\n`) : all.length;
  return all.slice(start, next);
}

function table(file: string): Record<string, string>[] {
  const rows = parseCsv(readFileSync(file, "utf8"));
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== "");
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe.skipIf(!existsSync(articlesFile))("article-figure datasets of articles 1, 2, 4, 5", () => {
  const all = existsSync(articlesFile) ? readFileSync(articlesFile, "utf8") : "";
  for (const folder of folders) {
    const dir = path.join(root, "datasets", folder);
    const files = readdirSync(dir).filter((f) => f.endsWith(".csv") && !f.startsWith("illustrative-"));
    for (const file of files) {
      it(`${folder}/${file}: every sentence occurs verbatim in its article, and every printed figure in its sentence`, () => {
        const rows = table(path.join(dir, file));
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          const text = articleText(all, Number(r.article));
          expect(folder.startsWith(`article-0${r.article}-`)).toBe(true);
          expect(text.includes(r.sentence), `${file} row ${JSON.stringify(r).slice(0, 80)}`).toBe(true);
          if (r.as_written !== undefined) expect(r.sentence.includes(r.as_written), r.figure_id).toBe(true);
          if (r.heading !== undefined) expect(text.includes(r.heading), r.heading).toBe(true);
          if (r.value !== undefined) expect(Number.isFinite(Number(r.value)), r.figure_id).toBe(true);
        }
      });
    }
    it(`${folder}: has a README naming every file`, () => {
      const readme = readFileSync(path.join(dir, "README.md"), "utf8");
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv"))) expect(readme.includes(f), f).toBe(true);
      for (const f of readdirSync(dir).filter((x) => x.startsWith("illustrative-"))) expect(readme).toMatch(/ILLUSTRATIVE/);
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
