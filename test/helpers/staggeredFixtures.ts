/**
 * The SYNTHETIC staggered-adoption panels generated (set.seed) by test/reference/staggered-did.R into
 * test/fixtures/staggered/, read into frozen column objects.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../lib/data/csv";

/** A CSV fixture as frozen columns: numeric cells as numbers, empty cells as null, other cells as strings. */
export function readFixture(name: string): Readonly<Record<string, readonly (number | string | null)[]>> {
  const rows = parseCsv(readFileSync(join(__dirname, "../fixtures/staggered", name), "utf8"));
  const [head, ...body] = rows;
  const out: Record<string, readonly (number | string | null)[]> = {};
  head.forEach((h, j) => {
    out[h] = Object.freeze(body.map((r) => {
      const v = r[j];
      if (v === "" || v === "NA") return null;
      const x = Number(v);
      return Number.isFinite(x) ? x : v;
    }));
  });
  return Object.freeze(out);
}

/** The reference values of test/reference/staggered-did.R. */
export const staggeredReference = JSON.parse(readFileSync(join(__dirname, "../reference/staggered-did.json"), "utf8"));
