import type { DataInput } from "../core/types";
import { isMissing, rawColumn } from "../core/data";

/** Options of {@link numbers}. */
export interface NumbersOptions {
  /** What a missing cell (null, undefined, NaN, "") becomes: `"error"` (default) throws naming the rows; `"NaN"` keeps it as NaN. */
  missing?: "error" | "NaN";
}

function rowsList(rows: number[]): string {
  return rows.slice(0, 5).join(", ") + (rows.length > 5 ? ", ..." : "");
}

/**
 * One column of a table as a plain `number[]`, checked: the typed read notebooks use instead of
 * `df.column("x").values as number[]`.
 *
 * Long name: numeric column accessor for notebooks.
 * @param data danfo DataFrame (as `loadDataset` returns) or object of columns
 * @param column the column's name
 * @param options `missing` ("error" by default, or "NaN")
 * @throws `numbers: no column "x" (columns: …)`; `numbers: column "x" is not numeric (row 3 is "abc")`;
 *   `numbers: column "x" has 2 missing values (rows 4, 9)` unless `{ missing: "NaN" }`
 * @example
 * numbers({ gdp: [1.5, 2, 3] }, "gdp")                       // [1.5, 2, 3]
 * numbers({ fdi: [1, null] }, "fdi", { missing: "NaN" })     // [1, NaN]
 */
export function numbers(data: DataInput, column: string, options: NumbersOptions = {}): number[] {
  const fn = "numbers";
  const missingRule = options.missing ?? "error";
  if (missingRule !== "error" && missingRule !== "NaN") throw new Error(`${fn}: missing must be "error" or "NaN" (got ${JSON.stringify(missingRule)})`);
  const raw = rawColumn(data, column, fn);
  const out: number[] = new Array(raw.length);
  const missing: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isMissing(v)) { missing.push(i); out[i] = NaN; continue; }
    if (typeof v !== "number") throw new Error(`${fn}: column "${column}" is not numeric (row ${i} is ${JSON.stringify(v)})`);
    out[i] = v;
  }
  if (missing.length > 0 && missingRule === "error") {
    throw new Error(`${fn}: column "${column}" has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (row${missing.length > 1 ? "s" : ""} ${rowsList(missing)}); pass { missing: "NaN" } to keep them as NaN`);
  }
  return out;
}

/**
 * One column of a table as a plain `string[]` (numbers are converted with `String`), checked: the typed read
 * notebooks use instead of `df.column("x").values as string[]`.
 *
 * Long name: text column accessor for notebooks.
 * @param data danfo DataFrame or object of columns
 * @param column the column's name
 * @throws `strings: no column "x" (columns: …)`; `strings: column "x" has 1 missing value (row 4)`
 * @example strings({ adcode: [220100, "220200"] }, "adcode") // ["220100", "220200"]
 */
export function strings(data: DataInput, column: string): string[] {
  const fn = "strings";
  const raw = rawColumn(data, column, fn);
  const out: string[] = new Array(raw.length);
  const missing: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isMissing(v)) { missing.push(i); continue; }
    out[i] = String(v);
  }
  if (missing.length > 0) {
    throw new Error(`${fn}: column "${column}" has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (row${missing.length > 1 ? "s" : ""} ${rowsList(missing)})`);
  }
  return out;
}
