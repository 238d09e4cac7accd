/**
 * Panel structure: which entity and which period each row belongs to, validated.
 *
 * Long name: panel index (plm's `pdim` / `index`, Croissant & Millo 2008, "Panel data
 * econometrics in R: the plm package", J. Stat. Softw. 27(2)).
 */
import { isMissing } from "../core/data";

/** The entity × period structure of a panel (rows in the caller's order). */
export interface PanelIndex {
  /** Entity code of each row, 0..entities-1 (codes follow the sorted entity levels). */
  entity: Int32Array;
  /** Period code of each row, 0..periods-1 (codes follow the sorted period levels). */
  time: Int32Array;
  /** Entity labels, sorted (numbers numerically, text lexicographically). */
  entityLevels: string[];
  /** Period labels, sorted (numbers numerically, text lexicographically). */
  timeLevels: string[];
  /** Number of observations per entity (T_i). */
  countsByEntity: Int32Array;
  /** Number of observations per period (N_t). */
  countsByTime: Int32Array;
  /** Whether every entity is observed in every period. */
  balanced: boolean;
  /** Number of rows. */
  n: number;
}

function idType(values: ArrayLike<unknown>, name: string, fn: string): "number" | "string" {
  let firstNum = -1;
  let firstStr = -1;
  const missing: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) { missing.push(i); continue; }
    if (typeof v === "number" || typeof v === "bigint") { if (firstNum < 0) firstNum = i; }
    else if (typeof v === "string") { if (firstStr < 0) firstStr = i; }
    else throw new Error(`${fn}: ${name} has a value that is neither a number nor a string (row ${i} is ${JSON.stringify(v)})`);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", ..." : "");
    throw new Error(`${fn}: ${name} has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (row${missing.length > 1 ? "s" : ""} ${shown})`);
  }
  if (firstNum >= 0 && firstStr >= 0) {
    throw new Error(`${fn}: ${name} mixes numbers and text (row ${firstNum} is ${JSON.stringify(values[firstNum])}, row ${firstStr} is ${JSON.stringify(values[firstStr])}); convert it to one type first`);
  }
  return firstStr >= 0 ? "string" : "number";
}

function encode(values: ArrayLike<unknown>, name: string, fn: string): { codes: Int32Array; levels: string[] } {
  const type = idType(values, name, fn);
  const n = values.length;
  if (type === "number") {
    // fast path: integer ids in a modest range map through a typed array (no string keys)
    let min = Infinity, max = -Infinity, integer = true;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (!Number.isInteger(v)) { integer = false; break; }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (integer && max - min < 50_000_000) {
      const span = max - min + 1;
      const code = new Int32Array(span).fill(-1);
      for (let i = 0; i < n; i++) code[(values[i] as number) - min] = 0;
      const levels: string[] = [];
      for (let j = 0; j < span; j++) if (code[j] === 0) { code[j] = levels.length; levels.push(String(j + min)); }
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = code[(values[i] as number) - min];
      return { codes, levels };
    }
  }
  const keys = new Map<string, number>();
  const firstValue: unknown[] = [];
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = String(values[i]);
    let c = keys.get(key);
    if (c === undefined) { c = keys.size; keys.set(key, c); firstValue.push(values[i]); }
    raw[i] = c;
  }
  const order = Array.from({ length: keys.size }, (_, j) => j);
  if (type === "number") order.sort((a, b) => Number(firstValue[a]) - Number(firstValue[b]));
  else order.sort((a, b) => (String(firstValue[a]) < String(firstValue[b]) ? -1 : String(firstValue[a]) > String(firstValue[b]) ? 1 : 0));
  const rank = new Int32Array(keys.size);
  order.forEach((old, pos) => { rank[old] = pos; });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = rank[raw[i]];
  const levels = order.map((j) => String(firstValue[j]));
  return { codes, levels };
}

/**
 * Encode and validate the entity and period identifiers of a panel.
 *
 * Ids may be numbers or strings but not both in one column; missing ids are an error; an
 * entity–period pair that occurs twice is an error naming the first duplicate.
 * @param entityValues entity id of each row
 * @param timeValues period id of each row
 * @param names column names used in messages
 * @param fn calling function's name used in messages
 * @throws `panelFE: duplicate entity–time row: entity "3", time "1950" appears in rows 12 and 40`;
 *   `panelFE: entity column "firm" mixes numbers and text (...)`; missing-id errors
 * @example
 * const ix = panelIndex([1, 1, 2, 2], [2000, 2001, 2000, 2001], { entity: "id", time: "year" }, "demo");
 * ix.entityLevels // ["1", "2"]
 * ix.balanced     // true
 */
export function panelIndex(entityValues: ArrayLike<unknown>, timeValues: ArrayLike<unknown>,
  names: { entity: string; time: string }, fn: string): PanelIndex {
  const n = entityValues.length;
  if (timeValues.length !== n) throw new Error(`${fn}: entity and time columns differ in length (${n} vs ${timeValues.length})`);
  if (n === 0) throw new Error(`${fn}: the data have no rows`);
  const e = encode(entityValues, `entity column "${names.entity}"`, fn);
  const t = encode(timeValues, `time column "${names.time}"`, fn);
  const N = e.levels.length;
  const T = t.levels.length;
  const countsByEntity = new Int32Array(N);
  const countsByTime = new Int32Array(T);
  for (let i = 0; i < n; i++) { countsByEntity[e.codes[i]]++; countsByTime[t.codes[i]]++; }
  // duplicates: first row (in data order) whose (entity, time) pair was seen before
  const seen = N * T <= 50_000_000 ? new Int32Array(N * T).fill(-1) : null;
  const seenMap = seen ? null : new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = e.codes[i] * T + t.codes[i];
    const prev = seen ? seen[key] : (seenMap!.get(key) ?? -1);
    if (prev >= 0) {
      throw new Error(`${fn}: duplicate entity–time row: entity "${e.levels[e.codes[i]]}", time "${t.levels[t.codes[i]]}" appears in rows ${prev} and ${i}`);
    }
    if (seen) seen[key] = i; else seenMap!.set(key, i);
  }
  return {
    entity: e.codes, time: t.codes, entityLevels: e.levels, timeLevels: t.levels,
    countsByEntity, countsByTime, balanced: n === N * T, n,
  };
}
