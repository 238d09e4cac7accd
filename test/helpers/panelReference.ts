/**
 * Shared by the panel tests (panel-fe, panel-re, panel-re-effects, panel-wald, panel-lm-tests, hausman,
 * hausman-regression, spatial-panel): reading the committed reference results and data, and frozen copies of
 * data so a function that mutates its input fails loudly.
 */
import * as fs from "fs";
import * as path from "path";

/** test/reference: the R scripts and the JSON / CSV / GAL files they wrote. */
export const referenceDir = path.join(__dirname, "..", "reference");

/** ../shared/reference beside the repository (splm reference values); may be absent. */
export const sharedReferenceDir = path.join(__dirname, "..", "..", "..", "shared", "reference");

/** Parse a JSON reference file of test/reference, e.g. readReference("plm-within.json"). */
export function readReference(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(referenceDir, file), "utf8"));
}

/** Read an all-numeric CSV written by R's write.csv (header quoted or not) into columns of numbers. */
export function readNumericCsv(file: string): Record<string, number[]> {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const hdr = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  const d: Record<string, number[]> = {};
  hdr.forEach((h) => (d[h] = []));
  for (const l of lines.slice(1)) l.split(",").forEach((v, j) => d[hdr[j]].push(Number(v)));
  return d;
}

/** A copy of a column table with every column and the table itself frozen. */
export function frozenColumns<T extends Record<string, readonly unknown[]>>(d: T): T {
  const out: Record<string, readonly unknown[]> = {};
  for (const [k, v] of Object.entries(d)) out[k] = Object.freeze([...v]);
  return Object.freeze(out) as T;
}

/**
 * Formulas of the panels in plm-within.json, as fitted by test/reference/plm-within.R
 * (grunfeld, grunfeld_u: inv ~ value + capital; empluk: log(emp) ~ log(wage) + log(capital)).
 */
export const PLM_WITHIN_FORMULA: Readonly<Record<string, string>> = Object.freeze({
  grunfeld: "inv ~ value + capital",
  grunfeld_u: "inv ~ value + capital",
  empluk: "log(emp) ~ log(wage) + log(capital)",
});
