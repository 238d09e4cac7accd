import { SpatialWeights } from "../weights/SpatialWeights";
import { checkOptionNames } from "../core/options";
import { idColumn, isMissing, valuesOf } from "../core/data";
import { weightsConstants } from "./input";
import { normalPValue, type MoranAlternative } from "./moran";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/** Options of {@link joinCounts}. */
export interface JoinCountsOptions {
  /** With the table form: the id column aligning rows to `w.ids`. */
  id?: string;
  /** Alternative (default "greater": more same-category joins than chance, as spdep `joincount.test`). */
  alternative?: MoranAlternative;
}

/** One category's same-colour join count test. */
export interface JoinCountRow {
  category: string;
  /** Units in the category. */
  count: number;
  /** Same-category joins ½ Σ_ij w_ij x_i x_j (x the category's indicator). */
  joins: number;
  expected: number;
  variance: number;
  z: number;
  pValue: number;
}

/** The result of {@link joinCounts}. */
export interface JoinCountsResult {
  /** One row per category, categories sorted as strings. */
  tests: JoinCountRow[];
  n: number;
  alternative: MoranAlternative;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Same-colour join count tests for a categorical map under non-free sampling (randomization without replacement;
 * Cliff & Ord 1981, *Spatial Processes*, ch. 2), as spdep's `joincount.test(sampling = "nonfree")`:
 * with n_r units of category r, E = S0 n_r(n_r − 1) / (2 n (n − 1)) and the variance of Cliff & Ord (1981, eq. 2.37).
 *
 * @param values category labels in `w.ids` order (or the table form `joinCounts(df, "column", w, { id })`)
 * @param w spatial weights (usually binary, style "B")
 * @param options alternative ("greater"), id
 * @throws `joinCounts: column "class" has 2 missing values (rows 3, 7)`; `joinCounts: need at least 4 regions`;
 *   `joinCounts: 2 regions have no neighbours` (islands are refused)
 * @example joinCounts(highLow, w).tests.find((t) => t.category === "high")!.joins // 52 (spdep joincount.test, Columbus CRIME above median)
 */
export function joinCounts(values: ArrayLike<unknown>, w: SpatialWeights, options?: JoinCountsOptions): JoinCountsResult;
/** Join counts of a table column, rows aligned by `options.id`. */
export function joinCounts(data: DataInput, column: string, w: SpatialWeights, options?: JoinCountsOptions): JoinCountsResult;
export function joinCounts(a: unknown, b: unknown, c?: unknown, d?: unknown): JoinCountsResult {
  const fn = "joinCounts";
  let labels: string[];
  let w: SpatialWeights;
  let options: JoinCountsOptions;
  let variable = "values";
  if (typeof b === "string") {
    if (!(c instanceof SpatialWeights)) throw new Error(`${fn}: the third argument must be a SpatialWeights`);
    w = c; options = (d ?? {}) as JoinCountsOptions; variable = b;
    checkOptionNames(options, ["id", "alternative"], fn);
    const raw = idColumn(a as DataInput, b, fn);
    if (options.id !== undefined) {
      const perm = w.alignment(idColumn(a as DataInput, options.id, fn), fn);
      labels = Array.from({ length: w.n }, (_, i) => raw[perm[i]]);
    } else {
      if (raw.length !== w.n) throw new Error(`${fn}: column "${b}" has ${raw.length} rows but the weights have ${w.n} regions (give { id } to align by id)`);
      labels = raw;
    }
  } else {
    if (!(b instanceof SpatialWeights)) throw new Error(`${fn}: the second argument must be a SpatialWeights`);
    w = b; options = (c ?? {}) as JoinCountsOptions;
    checkOptionNames(options, ["id", "alternative"], fn);
    const raw = valuesOf(a as ArrayLike<unknown>);
    if (raw.length !== w.n) throw new Error(`${fn}: ${raw.length} values but the weights have ${w.n} regions`);
    const missing: number[] = [];
    labels = Array.from(raw, (v, i) => { if (isMissing(v)) missing.push(i); return String(v); });
    if (missing.length > 0) throw new Error(`${fn}: values have ${missing.length} missing (rows ${missing.slice(0, 5).join(", ")})`);
  }
  const alternative = options.alternative ?? "greater";
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  const n = w.n;
  if (n < 4) throw new Error(`${fn}: need at least 4 regions, got ${n}`);
  if (w.islands.length > 0) throw new Error(`${fn}: ${w.islands.length} region(s) have no neighbours (${w.islands.slice(0, 10).join(", ")}); link them first`);
  const { S0, S1, S2 } = weightsConstants(w);
  const cats = [...new Set(labels)].sort();
  const n1 = n - 1, n2 = n - 2, n3 = n - 3;
  const tests: JoinCountRow[] = cats.map((cat) => {
    let joins = 0, count = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== cat) continue;
      count++;
      const nb = w.neighbors[i];
      for (let k = 0; k < nb.length; k++) if (labels[nb[k]] === cat) joins += w.weights[i][k];
    }
    joins *= 0.5;
    const m = count;
    const expected = (S0 * m * (m - 1)) / (2 * n * n1);
    const v = (S1 * m * (m - 1)) / (n * n1) + ((S2 - 2 * S1) * m * (m - 1) * (m - 2)) / (n * n1 * n2) +
      ((S0 * S0 + S1 - S2) * m * (m - 1) * (m - 2) * (m - 3)) / (n * n1 * n2 * n3);
    const variance = 0.25 * v - expected * expected;
    const z = (joins - expected) / Math.sqrt(variance);
    return { category: cat, count, joins, expected, variance, z, pValue: Number.isFinite(z) ? normalPValue(z, alternative) : NaN };
  });
  const report: ReportParts = {
    title: "Join count tests (non-free sampling)",
    header: [["Variable", variable], ["n", n], ["Weights style", w.style], ["Alternative", alternative]],
    statistics: [],
    table: { caption: "Same-category joins", columns: ["category", "units", "joins", "expected", "variance", "z", "p-value"],
      rows: tests.map((t) => [t.category, t.count, t.joins, t.expected, t.variance, t.z, t.pValue]) },
  };
  return makeResult<JoinCountsResult>({ tests, n, alternative, variable, report });
}
