/**
 * Internal: read a long region × sector [× time] table into complete per-period matrices, with the checks
 * every agglomeration measure needs (no duplicates, no absent pairs, no negative or missing values).
 */
import { DataFrame } from "danfojs-node";
import { idColumn, numericColumn, rawColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";

/** Column names of a long region × sector table. Outputs keep these names (no renaming). */
export interface LongTableColumns {
  /** Column naming the unit (region); the output's unit column has this name. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  region?: string;
  /** Column naming the sector (industry); the output's sector column has this name. */
  sector: string;
  value: string;
  time?: string;
}

/** One period of a long table: cells[r * sectors.length + s]. */
export interface LongPeriod {
  /** The period as a string ("" without a time column). */
  key: string;
  /** The period as given in the data (undefined without a time column). */
  raw: unknown;
  regions: string[];
  sectors: string[];
  /** Region identifiers as given in the data (numbers stay numbers), parallel to `regions`. */
  regionValues: unknown[];
  /** Sector identifiers as given in the data, parallel to `sectors`. */
  sectorValues: unknown[];
  cells: Float64Array;
}

/**
 * The unit column of an index's options: `id`, or the deprecated `region`.
 * @throws `fn: options { id, … } are required`; `fn: options id ("a") and region ("b") name different columns; use id`
 */
export function unitColumnName(options: { id?: string; region?: string } | undefined, fn: string): string {
  const id = options?.id, region = options?.region;
  if (id !== undefined && region !== undefined && id !== region) throw new Error(`${fn}: options id ("${id}") and region ("${region}") name different columns; use id`);
  const name = id ?? region;
  if (typeof name !== "string") throw new Error(`${fn}: option id (the unit column's name) is required`);
  return name;
}

/** Split rows by an optional time column, keeping first-appearance order. */
export function timeGroups(fn: string, data: DataInput, time: string | undefined, n: number): { keys: string[]; raw: unknown[]; index: number[] } {
  if (time === undefined) return { keys: [""], raw: [undefined], index: new Array(n).fill(0) };
  const col = rawColumn(data, time, fn);
  const ids = idColumn(data, time, fn);
  const keys: string[] = [];
  const raw: unknown[] = [];
  const pos = new Map<string, number>();
  const index = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let g = pos.get(ids[i]);
    if (g === undefined) { g = keys.length; pos.set(ids[i], g); keys.push(ids[i]); raw.push(col[i]); }
    index[i] = g;
  }
  return { keys, raw, index };
}

/**
 * Read and validate a long table.
 * @throws on absent columns, missing/non-numeric/negative values, a region × sector pair twice in a period,
 *   an absent pair, or an empty table
 */
export function readLongTable(fn: string, data: DataInput, cols: LongTableColumns): LongPeriod[] {
  if (cols === undefined || cols.sector === undefined || cols.value === undefined) {
    throw new Error(`${fn}: options { id, sector, value } are required`);
  }
  const unit = unitColumnName(cols, fn);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const region = idColumn(data, unit, fn);
  const sector = idColumn(data, cols.sector, fn);
  const regionRaw = rawColumn(data, unit, fn);
  const sectorRaw = rawColumn(data, cols.sector, fn);
  const value = numericColumn(data, cols.value, fn);
  for (let i = 0; i < n; i++) {
    if (value[i] < 0) throw new Error(`${fn}: column "${cols.value}" has a negative value (${value[i]}) at row ${i} (region "${region[i]}", sector "${sector[i]}")`);
  }
  const groups = timeGroups(fn, data, cols.time, n);
  const periods: LongPeriod[] = [];
  for (let g = 0; g < groups.keys.length; g++) {
    const at = cols.time === undefined ? "" : ` at ${cols.time} ${groups.keys[g]}`;
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (groups.index[i] === g) rows.push(i);
    const regions: string[] = [];
    const sectors: string[] = [];
    const regionValues: unknown[] = [];
    const sectorValues: unknown[] = [];
    const rPos = new Map<string, number>();
    const sPos = new Map<string, number>();
    for (const i of rows) {
      if (!rPos.has(region[i])) { rPos.set(region[i], regions.length); regions.push(region[i]); regionValues.push(regionRaw[i]); }
      if (!sPos.has(sector[i])) { sPos.set(sector[i], sectors.length); sectors.push(sector[i]); sectorValues.push(sectorRaw[i]); }
    }
    const ns = sectors.length;
    const cells = new Float64Array(regions.length * ns);
    const filled = new Int32Array(regions.length * ns).fill(-1);
    for (const i of rows) {
      const k = rPos.get(region[i])! * ns + sPos.get(sector[i])!;
      if (filled[k] >= 0) throw new Error(`${fn}: region "${region[i]}" and sector "${sector[i]}" appear twice${at} (rows ${filled[k]} and ${i})`);
      filled[k] = i;
      cells[k] = value[i];
    }
    for (let r = 0; r < regions.length; r++) {
      for (let s = 0; s < ns; s++) {
        if (filled[r * ns + s] < 0) {
          throw new Error(`${fn}: region "${regions[r]}" has no row for sector "${sectors[s]}"${at}; give every region × sector pair (a 0 as a row with value 0)`);
        }
      }
    }
    periods.push({ key: groups.keys[g], raw: groups.raw[g], regions, sectors, regionValues, sectorValues, cells });
  }
  return periods;
}

/** Row (region) and column (sector) totals and the grand total of one period; errors on zero totals when asked. */
export function margins(fn: string, p: LongPeriod, timeLabel: string, require: { regions?: boolean; sectors?: boolean }): { regionTotal: Float64Array; sectorTotal: Float64Array; grand: number } {
  const nr = p.regions.length;
  const ns = p.sectors.length;
  const regionTotal = new Float64Array(nr);
  const sectorTotal = new Float64Array(ns);
  let grand = 0;
  for (let r = 0; r < nr; r++) for (let s = 0; s < ns; s++) {
    const v = p.cells[r * ns + s];
    regionTotal[r] += v; sectorTotal[s] += v; grand += v;
  }
  if (require.regions) for (let r = 0; r < nr; r++) if (regionTotal[r] === 0) throw new Error(`${fn}: region "${p.regions[r]}" has total 0${timeLabel}: its shares are undefined`);
  if (require.sectors) for (let s = 0; s < ns; s++) if (sectorTotal[s] === 0) throw new Error(`${fn}: sector "${p.sectors[s]}" has total 0 over all regions${timeLabel}: its shares are undefined`);
  return { regionTotal, sectorTotal, grand };
}

/**
 * One number per sector (and period) from the sector's regional shares s_r = x_rs / X_s and the base shares
 * b_r = X_r / X (each region's share of all activity); the common frame of the localization measures (Hoover,
 * locational Gini). Validates through {@link readLongTable} and {@link margins} (a region or sector with total 0
 * is an error) and returns a DataFrame with columns named as the caller's sector (and time) columns, then `column`.
 * @throws as {@link readLongTable} and {@link margins}, with messages naming `fn`
 * @example
 * perSectorFromShares("demo", { r: ["A", "A", "B", "B"], s: ["x", "y", "x", "y"], v: [30, 70, 10, 90] },
 *   { region: "r", sector: "s", value: "v" }, "maxShare", (s) => Math.max(...s)).column("maxShare").values
 * // [0.75, 0.5625]
 */
export function perSectorFromShares(
  fn: string, data: DataInput, options: LongTableColumns, column: string,
  index: (sectorShares: Float64Array, baseShares: Float64Array) => number,
): DataFrame {
  const periods = readLongTable(fn, data, options);
  const sector: unknown[] = [];
  const time: unknown[] = [];
  const value: number[] = [];
  for (const p of periods) {
    const { regionTotal, sectorTotal, grand } = margins(fn, p, options.time === undefined ? "" : ` at ${options.time} ${p.key}`, { regions: true, sectors: true });
    const nr = p.regions.length;
    const ns = p.sectors.length;
    const b = Float64Array.from(regionTotal, (x) => x / grand);
    for (let j = 0; j < ns; j++) {
      const s = new Float64Array(nr);
      for (let r = 0; r < nr; r++) s[r] = p.cells[r * ns + j] / sectorTotal[j];
      sector.push(p.sectorValues[j]);
      if (options.time !== undefined) time.push(p.raw);
      value.push(index(s, b));
    }
  }
  const frame: Record<string, unknown[]> = { [options.sector]: sector };
  if (options.time !== undefined) frame[options.time] = time;
  frame[column] = value;
  return new DataFrame(frame);
}
