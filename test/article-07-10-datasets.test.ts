import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { root, haveArticles, allArticles, articleText, table, transcribedCsvFiles, expectVerbatim, expectReadmeNamesEveryFile } from "./helpers/articles";

// The transcribed datasets of articles 7–10 (policy notebooks 07–10): every sentence must occur verbatim in its article,
// every printed figure in its sentence, and every comparison must follow the reading the notebooks state
// (以上 = at least, ≥; 超过 / 超 / 超越 = more than, >).
const folders = ["article-07-county-growth", "article-08-city-zone-ranks", "article-09-city-service-clusters", "article-10-county-service-clusters"];

/** The printed wording without our annotation in parentheses, e.g. "7万平方米 (no comparison word; …)" → "7万平方米". */
const printed = (s: string) => s.replace(/\s*\((no comparison word|read as)[^)]*\)\s*$/, "");

describe.skipIf(!haveArticles)("transcribed datasets of articles 7–10", () => {
  const all = allArticles();
  for (const folder of folders) {
    const dir = path.join(root, "datasets", folder);
    const n = Number(folder.slice("article-".length, "article-".length + 2));
    for (const file of transcribedCsvFiles(dir)) {
      it(`${folder}/${file}: every sentence occurs verbatim in article ${n}, and every printed figure in its sentence`, () => {
        const rows = table(path.join(dir, file));
        expect(rows.length).toBeGreaterThan(0);
        const text = articleText(all, n);
        for (const r of rows) {
          expect(Number(r.article), file).toBe(n);
          expectVerbatim(text, r, file);
          if (r.value_as_stated !== undefined) expect(r.sentence.includes(printed(r.value_as_stated)), r.value_as_stated).toBe(true);
        }
      });
    }
    it(`${folder}: has a README naming every file, and labels the illustrative ones`, () => {
      expectReadmeNamesEveryFile(dir);
    });
  }

  it("certification thresholds follow the comparison words: 以上 → ≥, 超过/超 → >, none → ≥ and annotated", () => {
    for (const folder of ["article-09-city-service-clusters", "article-10-county-service-clusters"]) {
      for (const r of table(path.join(root, "datasets", folder, "criteria.csv"))) {
        const words = printed(r.value_as_stated);
        if (words.includes("以上")) expect(r.comparison, words).toBe(">=");
        else if (/^超/.test(words)) expect(r.comparison, words).toBe(">");
        else {
          expect(r.comparison, words).toBe(">=");
          expect(r.value_as_stated, words).toMatch(/no comparison word/);
        }
      }
    }
  });

  it("article 10's thresholds are the printed numbers in base units (read off the text by eye)", () => {
    // 1.4万平方米 = 14000 m²; 超过5.6亿元 = 560000000 元; 7千万元 = 70000000 元; 3500万元 = 35000000 元; 2万人 = 20000
    const rows = table(path.join(root, "datasets", "article-10-county-service-clusters", "criteria.csv"));
    const at = (type: string, crit: string) => Number(rows.find((r) => r.zone_type === type && r.criterion === crit)!.threshold);
    expect(at("cbd", "building_area_m2")).toBe(14000);
    expect(at("cbd", "annual_revenue_cny")).toBe(560000000);
    expect(at("tech_incubator", "annual_revenue_cny")).toBe(70000000);
    expect(at("creative_park", "annual_revenue_cny")).toBe(35000000);
    expect(at("education", "students")).toBe(20000);
    expect(rows.length).toBe(22);
  });

  it("article 8's ranks are those printed (13, 36, 44, 95; fell 5, 9, 4, 82)", () => {
    const rows = table(path.join(root, "datasets", "article-08-city-zone-ranks", "ranks.csv"));
    expect(rows.map((r) => Number(r.rank_2010h1))).toEqual([13, 36, 44, 95]);
    expect(rows.map((r) => Number(r.rank_fall_since_end_2009))).toEqual([5, 9, 4, 82]);
    expect(rows.map((r) => r.zone_zh)).toEqual(["金山", "鹤淇", "黎阳", "宝山"]);
  });
});
