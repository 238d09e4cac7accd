import { idColumn, isMissing, rawColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";

/**
 * The two employment series of `datasets/china-provinces` that split one total the same way in every province:
 * employment in urban units (城镇单位就业人员) and in private enterprises and the self-employed (私营企业和个体就业人员),
 * both in 10 000 persons. Type label → column.
 */
export const OWNERSHIP_EMPLOYMENT_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  "urban units": "urban_unit_employment_10k_persons",
  "private & self-employed": "private_and_individual_employment_10k_persons",
});

/** Options of {@link employmentByOwnership}. */
export interface EmploymentByOwnershipOptions {
  /** Column naming the region in the output (default "province_zh"; e.g. "adcode"). */
  region?: string;
  /**
   * Years wanted. Every province must have both series in each (an error names the gaps). Default: every year in which
   * all rows of that year have both series.
   */
  years?: readonly number[];
}

/** Long table of {@link employmentByOwnership}: one row per region × year × ownership type. */
export type OwnershipEmploymentTable = {
  region: string[];
  year: number[];
  type: string[];
  persons_10k: number[];
};

/**
 * Employment by ownership type (urban units vs private enterprises and the self-employed) as a long table, region ×
 * year × type — the only exhaustive same-unit split of a provincial total in `datasets/china-provinces`, which the
 * concentration measures (location quotient, Hoover, Krugman) and the shift-share decomposition need as "sectors".
 * It is a split by ownership, not by industry. Used by notebooks 02 and 04.
 *
 * @param provinces the china-provinces panel (DataFrame or object of columns) with `year`, the region column and the
 *   two employment columns of {@link OWNERSHIP_EMPLOYMENT_COLUMNS}
 * @param options `region` column (default "province_zh"), `years` (default: all years where both series are complete)
 * @returns `{ region, year, type, persons_10k }`, rows in data order, "urban units" before "private & self-employed"
 * @throws when a column is absent; when a year asked for is not in the data, or some row of it lacks a series (the
 *   message names the regions); when no year has both series complete
 * @example
 * employmentByOwnership({ province_zh: ["甲", "乙"], year: [2019, 2019], urban_unit_employment_10k_persons: [10, 20],
 *   private_and_individual_employment_10k_persons: [5, 30] })
 * // { region: ["甲", "甲", "乙", "乙"], year: [2019, 2019, 2019, 2019],
 * //   type: ["urban units", "private & self-employed", "urban units", "private & self-employed"], persons_10k: [10, 5, 20, 30] }
 */
export function employmentByOwnership(provinces: DataInput, options: EmploymentByOwnershipOptions = {}): OwnershipEmploymentTable {
  const fn = "employmentByOwnership";
  const regionName = options.region ?? "province_zh";
  const n = rowCount(provinces, fn);
  const region = idColumn(provinces, regionName, fn);
  const yearRaw = rawColumn(provinces, "year", fn);
  const types = Object.keys(OWNERSHIP_EMPLOYMENT_COLUMNS);
  const cols = types.map((t) => rawColumn(provinces, OWNERSHIP_EMPLOYMENT_COLUMNS[t], fn));
  const year = Array.from({ length: n }, (_, i) => Number(yearRaw[i]));
  const complete = (i: number) => cols.every((c) => !isMissing(c[i]) && typeof c[i] === "number" && Number.isFinite(c[i] as number));
  let wanted: number[];
  if (options.years !== undefined) {
    wanted = [...options.years];
    for (const y of wanted) {
      const rows = year.map((v, i) => (v === y ? i : -1)).filter((i) => i >= 0);
      if (rows.length === 0) throw new Error(`${fn}: no rows for year ${y}`);
      const gaps = rows.filter((i) => !complete(i)).map((i) => region[i]);
      if (gaps.length) throw new Error(`${fn}: in ${y}, ${gaps.length} region(s) lack an employment series: ${gaps.slice(0, 5).join(", ")}${gaps.length > 5 ? ", ..." : ""}`);
    }
  } else {
    const allYears = Array.from(new Set(year)).sort((a, b) => a - b);
    wanted = allYears.filter((y) => year.every((v, i) => v !== y || complete(i)));
    if (wanted.length === 0) throw new Error(`${fn}: no year has both employment series for every region`);
  }
  const keep = new Set(wanted);
  const out: OwnershipEmploymentTable = { region: [], year: [], type: [], persons_10k: [] };
  for (let i = 0; i < n; i++) {
    if (!keep.has(year[i])) continue;
    types.forEach((t, k) => { out.region.push(region[i]); out.year.push(year[i]); out.type.push(t); out.persons_10k.push(cols[k][i] as number); });
  }
  return out;
}
