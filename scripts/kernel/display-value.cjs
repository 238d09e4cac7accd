/**
 * The `execute_result` MIME bundle for the last value of a cell, in the project's tslab kernel
 * (scripts/tslab-kernel.cjs): short text forms instead of Node's object dump.
 *
 *   - danfo DataFrame: `DataFrame: 49 rows × 5 columns`, the first rows as an aligned table;
 *   - danfo Series: `Series "x": 49 values (float32)` and the first values;
 *   - Plotly figure ({ data: [traces], layout }): `Plotly figure: 2 traces (scatter, bar), title "…"`
 *     with a pointer to `show(figure)` (this kernel does not draw figures itself);
 *   - a fitted model or test result of lib/ (`report` parts and `summary()`): its title and
 *     coefficients on a few lines, plus its `toHTML()` as `text/html`;
 *   - anything with its own `toHTML()` and a `toString()` (e.g. `regTable`): both;
 *   - anything else: `util.inspect` with small depth/array/string limits, capped in lines and
 *     characters, where nested DataFrames, figures and lib results print as one-line forms.
 * Plain CommonJS with no dependency beyond Node; unit-tested in test/kernel-display-value.test.ts.
 */
"use strict";
const util = require("util");

const MAX_LINES = 40;
const MAX_CHARS = 4000;
const HEAD_ROWS = 5;
const MAX_COLUMNS = 8;
const CELL_WIDTH = 14;

const isObject = (v) => v !== null && typeof v === "object";

function isDataFrame(v) {
  return isObject(v) && v.$isSeries === false && Array.isArray(v.shape) && Array.isArray(v.columns) && Array.isArray(v.values);
}

function isSeries(v) {
  return isObject(v) && v.$isSeries === true && Array.isArray(v.shape) && Array.isArray(v.values);
}

function isFigure(v) {
  if (!isObject(v) || !Array.isArray(v.data) || v.data.length === 0 || !v.data.every(isObject)) return false;
  if ("layout" in v && v.layout !== undefined && !isObject(v.layout)) return false;
  const keys = Object.keys(v);
  return keys.every((k) => ["data", "layout", "config", "frames"].includes(k));
}

function isLibResult(v) {
  return isObject(v) && isObject(v.report) && typeof v.report.title === "string" && typeof v.summary === "function";
}

function hasOwnToString(v) {
  return isObject(v) && typeof v.toString === "function" && v.toString !== Object.prototype.toString && v.toString !== Array.prototype.toString;
}

/** A number with 6 significant digits and no trailing zeros; other values as text. */
function formatScalar(v) {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
    const s = v.toPrecision(6);
    return s.includes("e") ? s.replace(/\.?0+e/, "e") : s.replace(/\.?0+$/, "");
  }
  if (v === null || v === undefined) return String(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

const clip = (s, width = CELL_WIDTH) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);

function alignedTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  return all.map((r) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join("  ")
      .trimEnd(),
  );
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function dataFrameText(df) {
  const [nRows, nCols] = df.shape;
  const columns = df.columns.map(String);
  const shown = columns.slice(0, MAX_COLUMNS);
  const index = Array.isArray(df.index) ? df.index : [];
  const values = df.values;
  const out = [`DataFrame: ${plural(nRows, "row")} × ${plural(nCols, "column")}`];
  if (nRows > 0 && shown.length > 0) {
    const rows = values.slice(0, HEAD_ROWS).map((row, i) => [clip(formatScalar(index[i] ?? i)), ...shown.map((_, j) => clip(formatScalar(row[j])))]);
    out.push(...alignedTable(["", ...shown.map((c) => clip(c))], rows));
  }
  if (nRows > HEAD_ROWS) out.push(`… ${plural(nRows - HEAD_ROWS, "more row")}`);
  if (columns.length > shown.length) {
    const rest = columns.slice(shown.length);
    out.push(`… ${plural(rest.length, "more column")}: ${clip(rest.join(", "), 200)}`);
  }
  return out.join("\n");
}

function seriesText(s) {
  const n = s.shape[0];
  const name = Array.isArray(s.columns) && s.columns.length ? ` "${s.columns[0]}"` : "";
  const dtype = Array.isArray(s.dtypes) && s.dtypes.length ? ` (${s.dtypes[0]})` : "";
  const head = s.values
    .slice(0, HEAD_ROWS)
    .map((v) => clip(formatScalar(v)))
    .join(", ");
  return `Series${name}: ${plural(n, "value")}${dtype}${n > 0 ? `\n[${head}${n > HEAD_ROWS ? ", …" : ""}]` : ""}`;
}

function figureOneLine(fig) {
  const counts = new Map();
  for (const t of fig.data) {
    const type = typeof t.type === "string" ? t.type : "scatter";
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const types = [...counts].map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(", ");
  const title = fig.layout && fig.layout.title;
  const titleText = typeof title === "string" ? title : isObject(title) && typeof title.text === "string" ? title.text : "";
  return `Plotly figure: ${plural(fig.data.length, "trace")} (${types})${titleText ? `, title "${clip(titleText, 80)}"` : ""}`;
}

function libResultText(r) {
  const rows = [...(r.report.spatialRows ?? []), ...(Array.isArray(r.coefficients) ? r.coefficients : [])].filter(
    (c) => isObject(c) && typeof c.term === "string" && typeof c.estimate === "number",
  );
  const out = [r.report.title];
  if (rows.length) {
    const shown = rows.slice(0, 10);
    out.push(
      ...alignedTable(
        ["term", "estimate", "std. error"],
        shown.map((c) => [clip(c.term, 24), formatScalar(c.estimate), typeof c.stdError === "number" ? formatScalar(c.stdError) : ""]),
      ),
    );
    if (rows.length > shown.length) out.push(`… ${plural(rows.length - shown.length, "more term")}`);
  }
  out.push("(.summary() prints the full summary)");
  return out.join("\n");
}

/** One-line form of a value that has a short form (for nesting inside other values), else null. */
function oneLine(v) {
  if (isDataFrame(v)) return `DataFrame(${v.shape[0]} × ${v.shape[1]})`;
  if (isSeries(v)) return `Series(${v.shape[0]})`;
  if (isFigure(v)) return `[${figureOneLine(v)}]`;
  if (isLibResult(v)) return `[${v.report.title}]`;
  return null;
}

/** A copy of plain objects and arrays down to `depth` in which values with a one-line form print as it. */
function withShortForms(v, depth, seen = new Set()) {
  const short = oneLine(v);
  if (short !== null) return { [util.inspect.custom]: () => short };
  if (!isObject(v) || depth <= 0 || seen.has(v)) return v;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    seen.add(v);
    const copy = v.slice(0, 101).map((x) => withShortForms(x, depth - 1, seen));
    if (v.length > 101) copy.length = v.length; // inspect still says how many more items there are
    return copy;
  }
  if (proto !== Object.prototype && proto !== null) return v;
  seen.add(v);
  const copy = {};
  for (const [k, x] of Object.entries(v)) copy[k] = withShortForms(x, depth - 1, seen);
  return copy;
}

/** Cap a text at MAX_LINES lines and MAX_CHARS characters, saying what was left out. */
function capText(text) {
  let lines = text.split("\n");
  let note = "";
  if (lines.length > MAX_LINES) {
    note = `… (${lines.length - MAX_LINES} more lines)`;
    lines = lines.slice(0, MAX_LINES);
  }
  let out = lines.join("\n");
  if (out.length > MAX_CHARS) {
    note = `… (${text.length - MAX_CHARS} more characters)`;
    out = out.slice(0, MAX_CHARS);
  }
  return note ? `${out}\n${note}` : out;
}

function inspectText(v) {
  return util.inspect(withShortForms(v, 3), { depth: 2, maxArrayLength: 20, maxStringLength: 500, breakLength: 100, compact: 3 });
}

/**
 * The MIME bundle of a cell's last value: always `text/plain` (short), plus `text/html` for values
 * that render themselves (`toHTML()`).
 */
function mimeBundle(value) {
  if (isDataFrame(value)) return { "text/plain": dataFrameText(value) };
  if (isSeries(value)) return { "text/plain": seriesText(value) };
  if (isFigure(value)) return { "text/plain": `${figureOneLine(value)}\n(show(figure) draws it)` };
  const data = {};
  if (isLibResult(value)) data["text/plain"] = libResultText(value);
  else if (isObject(value) && typeof value.toHTML === "function" && hasOwnToString(value)) data["text/plain"] = capText(String(value.toString()));
  else data["text/plain"] = capText(inspectText(value));
  if (isObject(value) && typeof value.toHTML === "function") {
    try {
      const html = value.toHTML();
      if (typeof html === "string" && html) data["text/html"] = html;
    } catch {
      /* the text form is enough */
    }
  }
  return data;
}

module.exports = { mimeBundle, formatScalar };
