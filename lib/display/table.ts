import { escapeHtml, formatNumber } from "../report/format";
import { displayRaw } from "./kernel";
import { checkOptionNames } from "../core/options";
import { checkOptionTypes, describe } from "../core/validate";

/**
 * HTML tables for notebooks: danfo DataFrames and Series, arrays of records, objects of
 * columns, and lib results (anything with `toHTML()`, e.g. every `ModelResult`).
 */

/** Options of {@link showTable} / {@link tableHTML}. */
export interface TableOptions {
  /** Rows shown before the table is cut to its first and last rows (default 40). */
  maxRows?: number;
  /** Significant digits for non-integer numbers (default 6). */
  digits?: number;
  /** Caption above the table. */
  caption?: string;
  /** Show the row index (DataFrame index, or 0-based position) as the first column (default: true for DataFrames, false otherwise). */
  index?: boolean;
}

const escapeHTML = escapeHtml;

/**
 * Format one cell: integers as they are, other numbers by lib/report's `formatNumber` to `digits` significant
 * digits, missing values (null, undefined, NaN) as an empty cell.
 * @example formatCell(3.14159265, 4) // "3.142"
 * @example formatCell(1234567, 3) // "1234567"
 * @example formatCell(1.5e-7, 3) // "1.5e-07"
 */
export function formatCell(value: unknown, digits = 6): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    return formatNumber(value, digits);
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

interface Tabular {
  columns: string[];
  rows: unknown[][];
  index?: unknown[];
}

type DanfoLike = { columns: string[]; values: unknown[]; index: unknown[]; shape: number[] };
type SeriesLike = { values: unknown[]; index: unknown[]; shape: number[] };

function isDanfoFrame(x: unknown): x is DanfoLike {
  const o = x as Record<string, unknown>;
  return (
    !!o && typeof o === "object" && Array.isArray(o.columns) && Array.isArray(o.values) && Array.isArray(o.index) &&
    Array.isArray(o.shape) && (o.values.length === 0 || Array.isArray(o.values[0]))
  );
}

function isDanfoSeries(x: unknown): x is SeriesLike {
  const o = x as Record<string, unknown>;
  return (
    !!o && typeof o === "object" && Array.isArray(o.values) && Array.isArray(o.index) && Array.isArray(o.shape) &&
    (o.values.length === 0 || !Array.isArray(o.values[0]))
  );
}

function toTabular(x: unknown, fn: string): Tabular {
  if (isDanfoFrame(x)) {
    return { columns: x.columns.map(String), rows: (x.values as unknown[][]).map((r) => Array.from(r)), index: x.index };
  }
  if (isDanfoSeries(x)) {
    const cols = (x as { columns?: unknown }).columns;
    const name = Array.isArray(cols) && typeof cols[0] === "string" && cols[0] !== "0" ? cols[0] : "value";
    return { columns: [name], rows: x.values.map((v) => [v]), index: x.index };
  }
  if (Array.isArray(x)) {
    if (x.length === 0) return { columns: [], rows: [] };
    if (x.every((r) => r && typeof r === "object" && !Array.isArray(r))) {
      const cols: string[] = [];
      const seen = new Set<string>();
      for (const r of x as Record<string, unknown>[]) {
        for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
      }
      return { columns: cols, rows: (x as Record<string, unknown>[]).map((r) => cols.map((c) => r[c])) };
    }
    if (x.every((r) => Array.isArray(r))) {
      const width = Math.max(...(x as unknown[][]).map((r) => r.length));
      return { columns: Array.from({ length: width }, (_, i) => String(i)), rows: x as unknown[][] };
    }
    return { columns: ["value"], rows: x.map((v) => [v]) };
  }
  if (x && typeof x === "object") {
    const entries = Object.entries(x as Record<string, unknown>);
    const lengths = entries.map(([, v]) => (v && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number" ? (v as ArrayLike<unknown>).length : -1));
    if (entries.length && lengths.every((l) => l >= 0)) {
      const n = lengths[0];
      const bad = entries.find((_, i) => lengths[i] !== n);
      if (bad) throw new Error(`${fn}: columns have different lengths ("${entries[0][0]}" has ${n}, "${bad[0]}" has ${lengths[entries.indexOf(bad)]})`);
      const cols = entries.map(([k, v]) => [k, Array.from(v as ArrayLike<unknown>)] as const);
      return { columns: cols.map(([k]) => k), rows: Array.from({ length: n }, (_, i) => cols.map(([, v]) => v[i])) };
    }
    // A plain record: one row per key.
    return { columns: ["name", "value"], rows: entries.map(([k, v]) => [k, v]) };
  }
  throw new Error(`${fn}: cannot show a ${x === null ? "null" : typeof x} as a table (expected a DataFrame, Series, array of records, object of columns, or an object with toHTML())`);
}

/**
 * HTML for a table (no display): see {@link showTable}.
 * @throws Error when `x` is not tabular; `showTable: maxRows must be a whole number ≥ 1 (got -1)`;
 *   `showTable: digits must be a whole number from 1 to 17 (significant digits; got 200)`; an unknown option name
 * @example tableHTML([{ province: "吉林", lq: 1.2345678 }], { digits: 3 })
 * // '<table class="wb-table" …><thead><tr><th …>province</th><th …>lq</th></tr></thead>
 * //  <tbody><tr><td …>吉林</td><td style="text-align:right">1.23</td></tr></tbody></table>'
 */
export function tableHTML(x: unknown, options: TableOptions = {}): string {
  const fn = "showTable";
  options = options ?? {};
  checkOptionNames(options, ["maxRows", "digits", "caption", "index"], fn);
  checkOptionTypes(options, { caption: "string", index: "boolean" }, fn);
  if (options.maxRows !== undefined && !(Number.isInteger(options.maxRows) && options.maxRows >= 1)) {
    throw new Error(`${fn}: maxRows must be a whole number ≥ 1 (got ${describe(options.maxRows)})`);
  }
  // formatNumber rounds to significant digits; a double carries 17 at most
  if (options.digits !== undefined && !(Number.isInteger(options.digits) && options.digits >= 1 && options.digits <= 17)) {
    throw new Error(`${fn}: digits must be a whole number from 1 to 17 (significant digits; got ${describe(options.digits)})`);
  }
  if (x && typeof x === "object" && typeof (x as { toHTML?: unknown }).toHTML === "function" && !isDanfoFrame(x) && !isDanfoSeries(x)) {
    const inner = String((x as { toHTML(): unknown }).toHTML());
    return options.caption ? `<div class="wb-caption"><b>${escapeHTML(options.caption)}</b></div>\n${inner}` : inner;
  }
  const digits = options.digits ?? 6;
  const maxRows = options.maxRows ?? 40;
  const t = toTabular(x, fn);
  const showIndex = options.index ?? (t.index !== undefined && (isDanfoFrame(x) || isDanfoSeries(x)));
  const n = t.rows.length;
  let picks: Array<number | null>;
  if (n > maxRows) {
    const head = Math.ceil(maxRows / 2);
    const tail = Math.floor(maxRows / 2);
    picks = [...Array.from({ length: head }, (_, i) => i), null, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
  } else picks = Array.from({ length: n }, (_, i) => i);
  const numericCol = t.columns.map((_, j) => t.rows.some((r) => typeof r[j] === "number"));
  const th = (s: string, right: boolean) => `<th style="text-align:${right ? "right" : "left"}">${escapeHTML(s)}</th>`;
  const head = `<tr>${showIndex ? th("", false) : ""}${t.columns.map((c, j) => th(c, numericCol[j])).join("")}</tr>`;
  const width = t.columns.length + (showIndex ? 1 : 0);
  const body = picks
    .map((i) => {
      if (i === null) return `<tr><td colspan="${width}" style="text-align:center;color:#59636e">… ${n - maxRows} more rows …</td></tr>`;
      const idx = showIndex ? `<th style="text-align:left">${escapeHTML(formatCell(t.index ? t.index[i] : i, digits))}</th>` : "";
      const cells = t.rows[i]
        .map((v, j) => `<td style="text-align:${numericCol[j] ? "right" : "left"}">${escapeHTML(formatCell(v, digits))}</td>`)
        .join("");
      return `<tr>${idx}${cells}</tr>`;
    })
    .join("\n");
  const caption = options.caption ? `<caption style="caption-side:top;text-align:left;font-weight:600">${escapeHTML(options.caption)}</caption>` : "";
  const note = n > maxRows ? `<div style="color:#59636e;font-size:12px">${n} rows × ${t.columns.length} columns</div>` : "";
  return `<table class="wb-table" style="border-collapse:collapse">${caption}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table>${note}`;
}

/**
 * Show a table inline: a danfo DataFrame or Series, an array of records, an object of equal-length
 * columns, or any lib result with `toHTML()` (regression results, test results). Long tables
 * show their first and last rows. Outside a kernel nothing is displayed and nothing throws.
 * @throws Error when `x` is not tabular (message names `showTable` and what it accepts); maxRows not a whole
 *   number ≥ 1; digits not a whole number from 1 to 17; an unknown option
 * @example showTable(df.head(5))
 * @example showTable(ols(df, "y ~ x"))
 */
export function showTable(x: unknown, options: TableOptions = {}): void {
  displayRaw("text/html", tableHTML(x, options));
}
