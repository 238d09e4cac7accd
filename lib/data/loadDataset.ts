import * as fs from "node:fs";
import { DataFrame } from "danfojs-node";
import { parseCsv } from "./csv";
import { describe } from "../core/validate";
import { datasetsPath } from "./paths";
import type { FeatureCollection } from "./echartsGeo";

/**
 * Loading of the files under `datasets/` (written by `npm run datasets` or, for the
 * `article-*` folders, by the notebook authors) with typed columns.
 *
 * Typing rules, the same for every CSV:
 * - `adcode` and any column ending in `_id` or `_code` are strings, as are columns whose non-empty cells are
 *   mostly not decimal numbers; empty cells of string columns are `null`.
 * - `year` is an integer column (dtype `int32`).
 * - every other column (most non-empty cells decimal numbers) is numeric and strict: a cell that is not a decimal
 *   number (`abc`, `3;9`, `0x1`) or overflows (`1e999`) is an error naming the file, column, row and value. Values are JavaScript
 *   numbers (float64), empty cells are `NaN`. dtype is `int32` when the column has no empty cell
 *   and only integers, otherwise `float32` (danfo's label — the stored values keep full float64
 *   precision).
 */

/** A column as loaded: numbers (NaN = empty) or strings (null = empty). */
export type LoadedColumn = number[] | (string | null)[];

/** Column name → values, in file order. */
export type LoadedColumns = Record<string, LoadedColumn>;

/** A dataset folder and its files. */
export interface DatasetInfo {
  /** folder name under datasets/ (e.g. "china-provinces") */
  name: string;
  /** file stems of the CSVs in the folder (e.g. ["derived", "panel"]) */
  files: string[];
  /** GeoJSON file stems (e.g. ["china-provinces", "jilin-prefectures"]) */
  geojson: string[];
  /** the file `loadDataset(name)` returns without `file` (null when the folder needs an explicit `file`) */
  defaultFile: string | null;
  /** the folder README's title (its first "# " line), or "" */
  title: string;
}

/** Default file per dataset folder (folders with a single CSV default to it). */
const DEFAULT_FILES: Record<string, string> = {
  "china-provinces": "panel+derived",
  "china-major-cities": "gdp",
  ports: "container-throughput",
  regions: "regions",
};

const STRING_COLUMN = /^(adcode|.*_id|.*_code)$/;

interface ParsedTable {
  columns: string[];
  values: LoadedColumn[];
  dtypes: string[];
}

const cache = new Map<string, { mtimeMs: number; table: ParsedTable }>();

/** A decimal number as written in our CSVs: no hex (`0x1`), no `Infinity`, no thousands separators. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function typeColumn(name: string, cells: string[], file: string): { values: LoadedColumn; dtype: string } {
  if (!STRING_COLUMN.test(name)) {
    // a column is numeric when most of its non-empty cells are decimal numbers; then every other non-empty cell
    // is an error naming the file, column, row and value (a stray "3;9" or "abc" must not turn it into text)
    let filled = 0, decimal = 0;
    for (const c of cells) { const s = c.trim(); if (s === "") continue; filled++; if (DECIMAL.test(s)) decimal++; }
    const numeric = filled > 0 && decimal * 2 > filled;
    if (numeric || name === "year") {
      let integer = true;
      let empty = false;
      const nums = new Array<number>(cells.length);
      for (let i = 0; i < cells.length; i++) {
        const s = cells[i].trim();
        if (s === "") { nums[i] = NaN; empty = true; continue; }
        const v = DECIMAL.test(s) ? Number(s) : NaN;
        if (!Number.isFinite(v)) {
          const why = DECIMAL.test(s) ? "overflows double precision" : "is not a decimal number";
          throw new Error(`loadDataset: ${file}: column "${name}" row ${i + 2} holds ${JSON.stringify(cells[i])}, which ${why} (the column is numeric)`);
        }
        if (!Number.isInteger(v)) integer = false;
        nums[i] = v;
      }
      if (name === "year") {
        if (!integer || empty) throw new Error(`loadDataset: ${file}: column "year" must hold whole years in every row`);
        return { values: nums, dtype: "int32" };
      }
      return { values: nums, dtype: integer && !empty ? "int32" : "float32" };
    }
  }
  return { values: cells.map((c) => (c === "" ? null : c)), dtype: "string" };
}

function readTable(file: string): ParsedTable {
  const stat = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.table;
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") throw new Error(`loadDataset: ${file} is empty (no header, no rows)`);
  const [header, ...rows] = parseCsv(text);
  const body = rows.filter((r) => !(r.length === 1 && r[0] === ""));
  if (body.length === 0) throw new Error(`loadDataset: ${file} has a header (${header.join(", ")}) but no data rows`);
  header.forEach((h, j) => {
    if (h.trim() === "") throw new Error(`loadDataset: ${file}: header cell ${j + 1} is empty; every column needs a name`);
    const first = header.indexOf(h);
    if (first !== j) throw new Error(`loadDataset: ${file}: column "${h}" appears twice in the header (columns ${first + 1} and ${j + 1})`);
  });
  body.forEach((r, i) => {
    if (r.length !== header.length) throw new Error(`loadDataset: ${file}: row ${i + 2} has ${r.length} cells, header has ${header.length}`);
  });
  const values: LoadedColumn[] = [];
  const dtypes: string[] = [];
  header.forEach((name, j) => {
    const t = typeColumn(name, body.map((r) => r[j]), file);
    values.push(t.values);
    dtypes.push(t.dtype);
  });
  const table = { columns: header, values, dtypes };
  cache.set(file, { mtimeMs: stat.mtimeMs, table });
  return table;
}

function folderFiles(name: string): { csv: string[]; geojson: string[] } {
  const dir = datasetsPath(name);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    const known = listDatasets().map((d) => d.name).join(", ");
    throw new Error(`loadDataset: no dataset "${name}" (datasets: ${known})`);
  }
  const entries = fs.readdirSync(dir).sort();
  return {
    csv: entries.filter((f) => f.endsWith(".csv")).map((f) => f.slice(0, -4)),
    geojson: entries.filter((f) => f.endsWith(".geojson")).map((f) => f.slice(0, -8)),
  };
}

function defaultFileOf(name: string, csv: string[]): string | null {
  if (DEFAULT_FILES[name]) return DEFAULT_FILES[name];
  return csv.length === 1 ? csv[0] : null;
}

function resolveTable(name: string, file: string | undefined): ParsedTable {
  if (typeof name !== "string" || name === "") {
    throw new Error(`loadDataset: name must be a dataset folder name such as "china-provinces" (got ${describe(name)}); datasets: ${listDatasets().map((d) => d.name).join(", ")}`);
  }
  if (file !== undefined && typeof file !== "string") throw new Error(`loadDataset: option "file" must be a string (got ${describe(file)})`);
  const { csv } = folderFiles(name);
  const chosen = file ?? defaultFileOf(name, csv);
  if (chosen === null) throw new Error(`loadDataset: dataset "${name}" has several files, pass { file } (files: ${csv.join(", ")})`);
  if (name === "china-provinces" && chosen === "panel+derived") {
    const panel = readTable(datasetsPath(name, "panel.csv"));
    const derived = readTable(datasetsPath(name, "derived.csv"));
    const [pa, pyr] = [panel.values[panel.columns.indexOf("adcode")], panel.values[panel.columns.indexOf("year")]];
    const [da, dyr] = [derived.values[0], derived.values[1]];
    if (pa.length !== da.length || pa.some((v, i) => v !== da[i] || pyr[i] !== dyr[i])) {
      throw new Error("loadDataset: china-provinces derived.csv rows do not align with panel.csv (run npm run datasets)");
    }
    return {
      columns: [...panel.columns, ...derived.columns.slice(2)],
      values: [...panel.values, ...derived.values.slice(2)],
      dtypes: [...panel.dtypes, ...derived.dtypes.slice(2)],
    };
  }
  if (!csv.includes(chosen)) throw new Error(`loadDataset: dataset "${name}" has no file "${chosen}" (files: ${csv.join(", ")})`);
  return readTable(datasetsPath(name, `${chosen}.csv`));
}

/**
 * The columns of a dataset file as plain arrays (no DataFrame), typed by the module's rules.
 * Each call returns fresh arrays (safe to mutate).
 * @param name dataset folder, e.g. "china-provinces"
 * @param options `file`: CSV stem inside the folder; for china-provinces "panel+derived" (default),
 *   "panel" (source variables only) or "derived"
 * @throws `loadDataset: no dataset "x" (datasets: …)`; `loadDataset: dataset "ports" has no file "y" (files: …)`
 * @example loadColumns("regions").name_en.slice(0, 2) // ["Beijing", "Tianjin"]
 */
export function loadColumns(name: string, options: { file?: string } = {}): LoadedColumns {
  const t = resolveTable(name, options?.file);
  return Object.fromEntries(t.columns.map((c, j) => [c, [...t.values[j]] as LoadedColumn]));
}

/**
 * Load a dataset file as a danfo DataFrame with typed columns (see the module's typing rules:
 * `adcode` string, `year` int32, numeric columns as numbers with NaN for empty cells, string
 * columns with null for empty cells).
 * @param name dataset folder under datasets/, e.g. "china-provinces", "regions", "ports",
 *   "china-major-cities", or an article folder such as "article-10-county-service-clusters"
 * @param options `file`: CSV stem inside the folder (required when a folder has several CSVs and no
 *   default); china-provinces: "panel+derived" (default: 775 rows, source and `_derived` columns),
 *   "panel", "derived"
 * @returns a new DataFrame (775 rows × 43 columns for the china-provinces default)
 * @throws `loadDataset: no dataset "x" (datasets: …)`; `loadDataset: dataset "article-08-city-zone-ranks"
 *   has several files, pass { file } (files: …)`; a name that is not a string; an empty file, a header without
 *   rows, an empty or duplicate header cell; a cell of a numeric column that is not a decimal number or overflows
 *   (`loadDataset: …/panel.csv: column "gdp" row 7 holds "3;9", which is not a decimal number (the column is numeric)`)
 * @example loadDataset("china-provinces").shape // [775, 43]
 */
export function loadDataset(name: string, options: { file?: string } = {}): DataFrame {
  const t = resolveTable(name, options?.file);
  const data: Record<string, LoadedColumn> = {};
  t.columns.forEach((c, j) => { data[c] = [...t.values[j]] as LoadedColumn; });
  return new DataFrame(data, { dtypes: [...t.dtypes] });
}

/**
 * Load a GeoJSON FeatureCollection from `datasets/china-geo/` (a fresh copy per call).
 * @param name "china-provinces" (34 features: 31 provinces with `in_panel: true`, plus 台湾, 香港,
 *   澳门 with `in_panel: false`) or "jilin-prefectures" (9 features)
 * @throws `loadGeoJSON: no GeoJSON "x" (available: china-provinces, jilin-prefectures)`
 * @example loadGeoJSON("jilin-prefectures").features.length // 9
 */
export function loadGeoJSON(name: string): FeatureCollection {
  const { geojson } = folderFiles("china-geo");
  if (!geojson.includes(name)) throw new Error(`loadGeoJSON: no GeoJSON "${name}" (available: ${geojson.join(", ")})`);
  return JSON.parse(fs.readFileSync(datasetsPath("china-geo", `${name}.geojson`), "utf8")) as FeatureCollection;
}

/**
 * The dataset folders under datasets/, with their files and default file.
 * @example listDatasets().map((d) => d.name) // ["article-01-nansha-shipping", …, "china-geo", "china-provinces", …]
 */
export function listDatasets(): DatasetInfo[] {
  const root = datasetsPath();
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root)
    .filter((d) => fs.statSync(datasetsPath(d)).isDirectory())
    .sort()
    .map((name) => {
      const entries = fs.readdirSync(datasetsPath(name)).sort();
      const files = entries.filter((f) => f.endsWith(".csv")).map((f) => f.slice(0, -4));
      const readme = datasetsPath(name, "README.md");
      let title = "";
      if (fs.existsSync(readme)) {
        const line = fs.readFileSync(readme, "utf8").split("\n").find((l) => l.startsWith("# "));
        title = line ? line.slice(2).trim() : "";
      }
      return {
        name,
        files,
        geojson: entries.filter((f) => f.endsWith(".geojson")).map((f) => f.slice(0, -8)),
        defaultFile: defaultFileOf(name, files),
        title,
      };
    });
}
