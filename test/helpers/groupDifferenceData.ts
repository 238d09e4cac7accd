/** plm::Grunfeld with the size groups of test/reference/group-difference.R, as frozen columns. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const gdRef = JSON.parse(readFileSync(join(__dirname, "../reference/group-difference.json"), "utf8"));
const cols: Record<string, unknown[]> = {};
for (const k of Object.keys(gdRef.data[0])) cols[k] = Object.freeze(gdRef.data.map((r: Record<string, unknown>) => r[k])) as unknown[];
export const grunfeld = Object.freeze(cols);
