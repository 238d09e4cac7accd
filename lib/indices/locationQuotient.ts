import { DataFrame } from "danfojs-node";
import { idColumn, numericColumn, rawColumn, rowCount } from "../core/data";
import { readLongTable, margins, timeGroups, unitColumnName } from "./longTable";
import type { DataInput } from "../core/types";
import { fmt } from "./internal";

/** Options of {@link locationQuotient} (long data: one row per region × sector [× time]). */
export interface LocationQuotientOptions {
  /** Column naming the unit (region); the output keeps this name. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  region?: string;
  /** Column naming the sector (industry). */
  sector: string;
  /** Column with the activity measure (output, value added, employment); must be ≥ 0. */
  value: string;
  /** Optional time column: quotients are computed separately within each period. */
  time?: string;
}

/** Options of {@link locationQuotientWide} (wide data: one row per region [× time]). */
export interface LocationQuotientWideOptions {
  /** Column naming the unit (region); the output keeps this name. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  region?: string;
  /** Optional time column: reference totals are summed within each period. */
  time?: string;
  /** The activity of interest: one column, or several summed row by row (e.g. ["loans", "deposits"]). */
  numerator: string | string[];
  /** The size measure it is compared with (e.g. "gdp"): one column, or several summed. */
  denominator: string | string[];
  /**
   * Reference totals from outside the table, e.g. national totals (which differ from the sum of the provinces):
   * period → { numerator, denominator }, keyed by the period as a string (`"2019"`), or by `""` without `time`.
   * Default: the sums over the regions in the table.
   */
  reference?: Record<string, { numerator: number; denominator: number }>;
}

/**
 * Location quotient, pure numeric core: LQ for one period of a complete region × sector table stored row-major,
 * values[r * nSectors + s], computed as x_rs · X / (X_r · X_s) (one division, fewer rounding steps than the ratio
 * of shares). No validation: the wrapper {@link locationQuotient} checks the input.
 * Source: Isard, W. (1960) *Methods of Regional Analysis*, MIT Press, ch. 7.
 * @throws never; zero totals give NaN or Infinity (the wrapper refuses them first)
 * @example
 * locationQuotientCore(Float64Array.from([30, 70, 10, 90]), 2, 2) // Float64Array [1.5, 0.875, 0.5, 1.125]
 */
export function locationQuotientCore(values: Float64Array, nRegions: number, nSectors: number): Float64Array {
  const regionTotal = new Float64Array(nRegions);
  const sectorTotal = new Float64Array(nSectors);
  let grand = 0;
  for (let r = 0; r < nRegions; r++) {
    for (let s = 0; s < nSectors; s++) {
      const v = values[r * nSectors + s];
      regionTotal[r] += v;
      sectorTotal[s] += v;
      grand += v;
    }
  }
  const out = new Float64Array(nRegions * nSectors);
  for (let r = 0; r < nRegions; r++) {
    for (let s = 0; s < nSectors; s++) {
      out[r * nSectors + s] = (values[r * nSectors + s] * grand) / (regionTotal[r] * sectorTotal[s]);
    }
  }
  return out;
}

/**
 * Location quotient (区位熵, LQ) on long data: for region r and sector s in one period,
 * LQ_rs = (x_rs / Σ_s x_rs) / (Σ_r x_rs / Σ_r Σ_s x_rs).
 * The reference economy is the sum of the regions in the table (per period), and a region's total is
 * the sum of its sectors in the table: so the table must hold every region × sector pair (a zero is a
 * row with value 0, never an absent row), and the sectors should cover the whole economy.
 * LQ > 1 means the sector's share in the region exceeds its share in the reference economy.
 *
 * Source: Isard, W. (1960) *Methods of Regional Analysis*, MIT Press, ch. 7; the article (集聚区范文篇3)
 * writes it FA_m = (Q'_m / Q_m) / (Q' / Q).
 *
 * @param data danfo DataFrame or object of columns
 * @param options column names: `region`, `sector`, `value`, optional `time`
 * @returns a danfo DataFrame with columns `region`, `sector`, (`time`,) `lq`, in the order of first appearance
 *   (time, then region, then sector); identifiers keep their type (a numeric adcode stays a number)
 * @throws when a column is absent, a value is missing, non-numeric or negative; when a region × sector pair
 *   appears twice in one period or is absent; when a region's or a sector's total is 0 in a period
 * @example
 * locationQuotient({ region: ["A", "A", "B", "B"], sector: ["fin", "oth", "fin", "oth"], value: [30, 70, 10, 90] },
 *   { region: "region", sector: "sector", value: "value" }).column("lq").values
 * // [1.5, 0.875, 0.5, 1.125]
 */
export function locationQuotient(data: DataInput, options: LocationQuotientOptions): DataFrame {
  const fn = "locationQuotient";
  const periods = readLongTable(fn, data, options);
  const outRegion: unknown[] = [];
  const outSector: unknown[] = [];
  const outTime: unknown[] = [];
  const outLq: number[] = [];
  for (const p of periods) {
    const at = options.time === undefined ? "" : ` at ${options.time} ${p.key}`;
    margins(fn, p, at, { regions: true, sectors: true });
    const nr = p.regions.length;
    const ns = p.sectors.length;
    const lq = locationQuotientCore(p.cells, nr, ns);
    for (let r = 0; r < nr; r++) {
      for (let s = 0; s < ns; s++) {
        outRegion.push(p.regionValues[r]);
        outSector.push(p.sectorValues[s]);
        if (options.time !== undefined) outTime.push(p.raw);
        outLq.push(lq[r * ns + s]);
      }
    }
  }
  const frame: Record<string, unknown[]> = { [unitColumnName(options, fn)]: outRegion, [options.sector]: outSector };
  if (options.time !== undefined) frame[options.time] = outTime;
  frame.lq = outLq;
  return new DataFrame(frame);
}

function summedColumn(fn: string, data: DataInput, cols: string | string[], role: string): { values: Float64Array; label: string } {
  const list = Array.isArray(cols) ? cols : [cols];
  if (list.length === 0) throw new Error(`${fn}: option "${role}" names no column`);
  const n = rowCount(data, fn);
  const out = new Float64Array(n);
  for (const c of list) {
    const v = numericColumn(data, c, fn);
    for (let i = 0; i < n; i++) {
      if (v[i] < 0) throw new Error(`${fn}: column "${c}" has a negative value (${fmt(v[i])}) at row ${i}`);
      out[i] += v[i];
    }
  }
  return { values: out, label: list.join(" + ") };
}

/**
 * Location quotient on wide data (one row per region [× time]): the ratio of a region's
 * numerator-to-denominator ratio to the same ratio of the sum over all regions in the table (per period),
 * LQ_i = (N_i / D_i) / (Σ_j N_j / Σ_j D_j). With several numerator columns their row sums are used, e.g. the
 * financial-depth quotient ((loans + deposits)_i / GDP_i) / (Σ(loans + deposits) / Σ GDP), the proxy used for
 * financial agglomeration when financial value added is not published (as in 集聚区范文篇3's FA_m with
 * Q'_m replaced by loans + deposits).
 *
 * Source: Isard, W. (1960) *Methods of Regional Analysis*, MIT Press, ch. 7.
 *
 * @param data danfo DataFrame or object of columns
 * @param options `region`, optional `time`, `numerator` (column or columns, summed), `denominator` (column or columns,
 *   summed), optional `reference` totals per period
 * @returns danfo DataFrame with columns `region`, (`time`,) `ratio` (N_i / D_i), `lq`, in row order
 * @throws when a column is absent, a value is missing, non-numeric or negative; when a region appears twice in
 *   one period; when a denominator is 0; when the numerator sums to 0 over all regions of a period; when
 *   `reference` lacks a period or holds a value that is not a positive number
 * @example
 * locationQuotientWide({ region: ["A", "B"], loans: [30, 10], deposits: [30, 30], gdp: [100, 100] },
 *   { region: "region", numerator: ["loans", "deposits"], denominator: "gdp" }).column("lq").values
 * // [1.2, 0.8]
 */
export function locationQuotientWide(data: DataInput, options: LocationQuotientWideOptions): DataFrame {
  const fn = "locationQuotientWide";
  if (options === undefined || options.numerator === undefined || options.denominator === undefined) {
    throw new Error(`${fn}: options { id, numerator, denominator } are required`);
  }
  const unit = unitColumnName(options, fn);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const region = idColumn(data, unit, fn);
  const num = summedColumn(fn, data, options.numerator, "numerator");
  const den = summedColumn(fn, data, options.denominator, "denominator");
  const groups = timeGroups(fn, data, options.time, n);
  const at = (g: number) => (options.time === undefined ? "" : ` at ${options.time} ${groups.keys[g]}`);
  const numSum = new Float64Array(groups.keys.length);
  const denSum = new Float64Array(groups.keys.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = groups.index[i];
    const key = `${g}\u0000${region[i]}`;
    const prev = seen.get(key);
    if (prev !== undefined) throw new Error(`${fn}: region "${region[i]}" appears twice${at(g)} (rows ${prev} and ${i})`);
    seen.set(key, i);
    if (den.values[i] === 0) throw new Error(`${fn}: denominator (${den.label}) is 0 for region "${region[i]}"${at(g)} (row ${i})`);
    numSum[g] += num.values[i];
    denSum[g] += den.values[i];
  }
  for (let g = 0; g < groups.keys.length; g++) {
    if (options.reference !== undefined) {
      const ref = options.reference[groups.keys[g]];
      if (ref === undefined || !Object.hasOwn(options.reference, groups.keys[g])) {
        throw new Error(`${fn}: no reference totals for ${options.time === undefined ? "the table (key \"\")" : `${options.time} ${groups.keys[g]}`}`);
      }
      for (const k of ["numerator", "denominator"] as const) {
        const v = ref[k];
        if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new Error(`${fn}: reference ${k}${at(g)} must be a finite number > 0 (got ${v})`);
      }
      numSum[g] = ref.numerator;
      denSum[g] = ref.denominator;
    }
    if (numSum[g] === 0) throw new Error(`${fn}: numerator (${num.label}) sums to 0 over all regions${at(g)}: the LQ is 0/0`);
  }
  const ratio: number[] = new Array(n);
  const lq: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const g = groups.index[i];
    ratio[i] = num.values[i] / den.values[i];
    lq[i] = ratio[i] / (numSum[g] / denSum[g]);
  }
  const frame: Record<string, unknown[]> = { [unit]: Array.from(rawColumn(data, unit, fn)) };
  if (options.time !== undefined) frame[options.time] = Array.from(rawColumn(data, options.time, fn));
  frame.ratio = ratio;
  frame.lq = lq;
  return new DataFrame(frame);
}

