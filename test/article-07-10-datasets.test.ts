import { readdirSync, readFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../lib/data/csv";

// The transcribed datasets of articles 7–10 (policy notebooks 07–10): every sentence must occur verbatim in its article,
// every printed figure in its sentence, and every comparison must follow the reading the notebooks state
// (以上 = at least, ≥; 超过 / 超 / 超越 = more than, >).
const root = path.resolve(__dirname, "..");
const articlesFile = process.env.AGGLO_SHARED_DIR
  ? path.join(process.env.AGGLO_SHARED_DIR, "articles", "agglomeration-zones-10-articles.txt")
  : path.resolve(root, "..", "shared", "articles", "agglomeration-zones-10-articles.txt");
const folders = ["article-07-county-growth", "article-08-city-zone-ranks", "article-09-city-service-clusters", "article-10-county-service-clusters"];

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

/** The printed wording without our annotation in parentheses, e.g. "7万平方米 (no comparison word; …)" → "7万平方米". */
const printed = (s: string) => s.replace(/\s*\((no comparison word|read as)[^)]*\)\s*$/, "");

describe.skipIf(!existsSync(articlesFile))("transcribed datasets of articles 7–10", () => {
  const all = existsSync(articlesFile) ? readFileSync(articlesFile, "utf8") : "";
  for (const folder of folders) {
    const dir = path.join(root, "datasets", folder);
    const n = Number(folder.slice("article-".length, "article-".length + 2));
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv") && !f.startsWith("illustrative-"))) {
      it(`${folder}/${file}: every sentence occurs verbatim in article ${n}, and every printed figure in its sentence`, () => {
        const rows = table(path.join(dir, file));
        expect(rows.length).toBeGreaterThan(0);
        const text = articleText(all, n);
        for (const r of rows) {
          expect(Number(r.article), file).toBe(n);
          expect(text.includes(r.sentence), `${file}: ${r.sentence.slice(0, 40)}`).toBe(true);
          if (r.as_written !== undefined) expect(r.sentence.includes(r.as_written), r.as_written).toBe(true);
          if (r.value_as_stated !== undefined) expect(r.sentence.includes(printed(r.value_as_stated)), r.value_as_stated).toBe(true);
        }
      });
    }
    it(`${folder}: has a README naming every file, and labels the illustrative ones`, () => {
      const readme = readFileSync(path.join(dir, "README.md"), "utf8");
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv"))) expect(readme.includes(f), f).toBe(true);
      if (readdirSync(dir).some((x) => x.startsWith("illustrative-"))) expect(readme).toMatch(/ILLUSTRATIVE/);
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
