/**
 * Shared fixture of the concentration / specialization tests (hoover, locationalGini, krugmanSpecialization,
 * herfindahl, ellisonGlaeser): the reference JSON, the frozen long region × sector × year table it holds, and a
 * reader that groups one output column by year.
 *
 * Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.
 */
import type { DataFrame } from "danfojs-node";
import ref from "../reference/indices-concentration.json";

export { ref };

/** Tolerance against the base-R reference (same closed-form arithmetic, so agreement to rounding). */
export const TOL = 1e-12;

/** The long table as stored in the reference JSON (one row per region × sector × year). */
export const L = ref.long as { region: string[]; sector: string[]; year: number[]; value: number[] };

/** A frozen copy of the long table, so a function that mutates its input fails loudly. */
export const input = Object.freeze({
  region: Object.freeze([...L.region]),
  sector: Object.freeze([...L.sector]),
  year: Object.freeze([...L.year]),
  value: Object.freeze([...L.value]),
}) as unknown as Record<string, unknown[]>;

/** Column options of the long-table measures, with `time`. */
export const cols = { id: "region", sector: "sector", value: "value", time: "year" };

/** The R results of one year, sectors and regions in table order. */
export type YearRef = { sectors: string[]; regions: string[]; hoover: number[]; gini: number[]; hhi: number[]; hhiNormalized: number[]; krugmanRest: number[]; krugmanAll: number[] };

/** R results keyed by year ("2015", …). */
export const years = ref.byYear as Record<string, YearRef>;

/** Values of column `value` of an output frame, grouped by its `year` column (the input's time column; key: the year as a string). */
export function byYear(df: DataFrame, value: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const t = df.column("year").values as number[];
  const v = df.column(value).values as number[];
  t.forEach((y, i) => { const k = String(y); if (!out.has(k)) out.set(k, []); out.get(k)!.push(v[i]); });
  return out;
}
