/** The plm::Crime columns stored by test/reference/iv-diagnostics.R, as frozen columns, and its 8-county subset. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const ivRef = JSON.parse(readFileSync(join(__dirname, "../reference/iv-diagnostics.json"), "utf8"));

function columns(rows: Record<string, unknown>[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const k of Object.keys(rows[0])) out[k] = Object.freeze(rows.map((r) => r[k])) as unknown[];
  return Object.freeze(out);
}

export const crime = columns(ivRef.crime);
const keep = new Set<number>(ivRef.wild.counties);
export const crime8 = columns(ivRef.crime.filter((r: { county: number }) => keep.has(r.county)));
