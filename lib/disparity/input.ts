/**
 * Shared input handling for the disparity measures (`dagumGini`, `theil`): one validated value column,
 * an optional group column and optional non-negative weights.
 */
import { idColumn, numericColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";

/** Values, weights and group codes read once and checked. */
export interface GroupedInput {
  y: Float64Array;
  /** Unit weights (all 1 without a weight column). */
  w: Float64Array;
  /** Group index of each row (all 0 without a group column). */
  g: Int32Array;
  /** Group labels in order of first appearance (["all"] without a group column). */
  groups: string[];
}

/**
 * Read `value`, `group` and `weight` from a table, refusing missing values, negative or zero-total weights,
 * and values outside the measure's domain (`positive`: > 0 for logs; `nonNegative`: ≥ 0).
 * @throws `theil: column "gdppc" has a non-positive value (row 3: 0); Theil indices take logs`
 */
export function groupedInput(fn: string, data: DataInput, value: string, group: string | undefined, weight: string | undefined,
  domain: "positive" | "nonNegative"): GroupedInput {
  if (typeof value !== "string") throw new Error(`${fn}: option "value" (the column to measure) is required`);
  rowCount(data, fn);
  const y = numericColumn(data, value, fn);
  const n = y.length;
  if (n < 2) throw new Error(`${fn}: need at least 2 rows, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (domain === "positive" && !(y[i] > 0)) throw new Error(`${fn}: column "${value}" has a non-positive value (row ${i}: ${y[i]}); the measure takes logs`);
    if (domain === "nonNegative" && y[i] < 0) throw new Error(`${fn}: column "${value}" has a negative value (row ${i}: ${y[i]})`);
  }
  let w: Float64Array;
  if (weight !== undefined) {
    w = numericColumn(data, weight, fn);
    for (let i = 0; i < n; i++) if (!(w[i] >= 0)) throw new Error(`${fn}: weight column "${weight}" has a negative value (row ${i}: ${w[i]})`);
  } else {
    w = new Float64Array(n).fill(1);
  }
  const g = new Int32Array(n);
  let groups = ["all"];
  if (group !== undefined) {
    const labels = idColumn(data, group, fn);
    const index = new Map<string, number>();
    groups = [];
    for (let i = 0; i < n; i++) {
      let k = index.get(labels[i]);
      if (k === undefined) { k = groups.length; index.set(labels[i], k); groups.push(labels[i]); }
      g[i] = k;
    }
  }
  const wg = new Float64Array(groups.length);
  const yg = new Float64Array(groups.length);
  for (let i = 0; i < n; i++) { wg[g[i]] += w[i]; yg[g[i]] += w[i] * y[i]; }
  for (let k = 0; k < groups.length; k++) {
    if (!(wg[k] > 0)) throw new Error(`${fn}: ${group === undefined ? "the weights sum" : `group "${groups[k]}" has weights summing`} to 0`);
    if (!(yg[k] > 0)) throw new Error(`${fn}: ${group === undefined ? "the values are" : `group "${groups[k]}" has values`} all 0; the measure divides by the mean`);
  }
  return { y, w, g, groups };
}
