import { idColumn, numericColumn, rawColumn, rowCount, columnNames } from "../core/data";
import type { DataInput } from "../core/types";

/** One figure an article prints, as transcribed in `datasets/article-NN-…/figures.csv`. */
export interface ArticleFigure {
  article: number;
  figureId: string;
  value: number;
  unit: string;
  /** The figure exactly as printed (a substring of `sentence`). */
  asWritten: string;
  /** The verbatim sentence of the article the figure comes from. */
  sentence: string;
}

/**
 * Look up one transcribed article figure by its id, from a table with the columns of the article-figure datasets
 * (`article, figure_id, value, unit, as_written, sentence`). Notebooks use it so that every number they quote is read
 * from `datasets/` by name, never typed in.
 *
 * @param figures danfo DataFrame or object of columns (an article's `figures.csv`)
 * @param figureId the `figure_id` wanted
 * @returns the figure with its value, unit, printed form and sentence
 * @throws when a column is missing, the id is absent (the message lists the ids present) or appears twice,
 *   or its value is missing or non-numeric
 * @example
 * articleFigure({ article: [5], figure_id: ["planned_area"], value: [30], unit: ["km2"], as_written: ["30平方公里"],
 *   sentence: ["…总规划面积30平方公里。"] }, "planned_area").value
 * // 30
 */
export function articleFigure(figures: DataInput, figureId: string): ArticleFigure {
  const fn = "articleFigure";
  const n = rowCount(figures, fn);
  const ids = idColumn(figures, "figure_id", fn);
  const hits: number[] = [];
  for (let i = 0; i < n; i++) if (ids[i] === figureId) hits.push(i);
  if (hits.length === 0) throw new Error(`${fn}: no figure "${figureId}" (ids present: ${ids.join(", ")})`);
  if (hits.length > 1) throw new Error(`${fn}: figure "${figureId}" appears ${hits.length} times (rows ${hits.join(", ")})`);
  const i = hits[0];
  const value = numericColumn(figures, "value", fn)[i];
  const text = (name: string) => String(rawColumn(figures, name, fn)[i] ?? "");
  const article = columnNames(figures).includes("article") ? Number(rawColumn(figures, "article", fn)[i]) : NaN;
  return { article, figureId, value, unit: text("unit"), asWritten: text("as_written"), sentence: text("sentence") };
}

/**
 * The value of one transcribed article figure (shorthand for `articleFigure(figures, id).value`).
 * @param figures an article's figures table
 * @param figureId the `figure_id` wanted
 * @returns the value as printed, in the row's `unit`
 * @throws as {@link articleFigure}
 * @example
 * figureValue({ figure_id: ["projects_count"], value: [21], unit: ["count"], as_written: ["工业项目21个"], sentence: ["…工业项目21个…"] },
 *   "projects_count") // 21
 */
export function figureValue(figures: DataInput, figureId: string): number {
  return articleFigure(figures, figureId).value;
}
