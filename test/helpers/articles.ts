/**
 * Shared by the article-dataset tests (test/article-01-02-04-05-figures, test/article-07-10-datasets): where the
 * ten source articles are, how to cut one article out of the file, how to read a transcribed CSV as rows of
 * strings, and the checks every transcribed dataset must pass (sentences verbatim, README names every file).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { parseCsv } from "../../lib/data/csv";

/** The repository root. */
export const root = path.resolve(__dirname, "..", "..");

/** The ten articles (../shared/articles beside the repository, or under AGGLO_SHARED_DIR when set). */
export const articlesFile = process.env.AGGLO_SHARED_DIR
  ? path.join(process.env.AGGLO_SHARED_DIR, "articles", "agglomeration-zones-10-articles.txt")
  : path.resolve(root, "..", "shared", "articles", "agglomeration-zones-10-articles.txt");

/** Whether the articles file is present (the tests that read it are skipped otherwise). */
export const haveArticles = existsSync(articlesFile);

/** The whole articles file, or "" when it is absent. */
export function allArticles(): string {
  return haveArticles ? readFileSync(articlesFile, "utf8") : "";
}

/** The text of article n (集聚区范文篇n up to the next heading), cut out of the whole file `all`. */
export function articleText(all: string, n: number): string {
  const start = all.indexOf(`集聚区范文篇${n}\n`);
  const next = n < 10 ? all.indexOf(`集聚区范文篇${n + 1}\n`) : all.length;
  return all.slice(start, next);
}

/** A CSV file as one object per row keyed by the header (blank lines skipped; every value a string). */
export function table(file: string): Record<string, string>[] {
  const rows = parseCsv(readFileSync(file, "utf8"));
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== "");
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The transcribed (non-illustrative) CSV files of a dataset folder, by name. */
export function transcribedCsvFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".csv") && !f.startsWith("illustrative-"));
}

/** Assert that a transcribed row's `sentence` occurs verbatim in the article text and its `as_written` (if any) in the sentence. */
export function expectVerbatim(text: string, r: Record<string, string>, where: string): void {
  expect(text.includes(r.sentence), `${where}: sentence not in the article: ${r.sentence.slice(0, 60)}`).toBe(true);
  if (r.as_written !== undefined) expect(r.sentence.includes(r.as_written), `${where}: as_written "${r.as_written}" not in its sentence`).toBe(true);
}

/** Assert that a dataset folder's README.md names every CSV file and, when there are illustrative files, says ILLUSTRATIVE. */
export function expectReadmeNamesEveryFile(dir: string): void {
  const readme = readFileSync(path.join(dir, "README.md"), "utf8");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv"))) expect(readme.includes(f), f).toBe(true);
  if (readdirSync(dir).some((x) => x.startsWith("illustrative-"))) expect(readme).toMatch(/ILLUSTRATIVE/);
}
