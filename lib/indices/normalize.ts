import { DataFrame } from "danfojs-node";
import type { DataInput } from "../core/types";
import { rawColumn, rowCount } from "../core/data";
import { readColumns, resolveDirections, type DirectionSpec, type Direction } from "./internal";

/** Normalization methods: min–max (range), z-score, and vector (Euclidean norm, as in TOPSIS). */
export type NormalizeMethod = "minmax" | "zscore" | "vector";

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** Default "minmax". */
  method?: NormalizeMethod;
  /** "+" (larger is better) or "-" (smaller is better), for all columns or per column. Required. */
  direction: DirectionSpec;
  /**
   * A constant added after normalization (e.g. 0.0001 or 0.01, as many entropy-weight studies do to avoid
   * ln 0 and zero subsystem scores). Default 0. Must be ≥ 0 and finite.
   */
  shift?: number;
  /**
   * What to do with a column whose values are all equal (zero range / zero variance): "error" (default)
   * refuses it, "zero" maps it to 0 (+ shift) — such an indicator carries no information.
   */
  constant?: "error" | "zero";
  /** Columns copied unchanged in front of the normalized ones (e.g. ["province", "year"]). */
  keep?: string[];
}

/**
 * Normalization, pure numeric core: normalize one column into `out`.
 * minmax: "+" (x − min)/(max − min), "-" (max − x)/(max − min); zscore: "+" (x − mean)/sd, "-" (mean − x)/sd with the
 * sample standard deviation (n − 1, as R's `scale()`); vector: x / √Σx² ("+" only).
 * Returns false when the column is constant (range, sd or norm 0) and leaves `out` untouched.
 * Source: Hwang & Yoon (1981) *Multiple Attribute Decision Making*, Springer, §2.3; R `base::scale`.
 * @throws never (no validation: see {@link normalize})
 * @example
 * const out = new Float64Array(3);
 * normalizeCore(Float64Array.from([1, 2, 4]), "minmax", "-", out) // true; out = [1, 0.6666666666666666, 0]
 */
export function normalizeCore(x: Float64Array, method: NormalizeMethod, direction: Direction, out: Float64Array): boolean {
  const n = x.length;
  // every method is scale-invariant: bring values near ±1.8e308 (whose range or squares overflow) or near 1e-308 (whose
  // squares underflow) into range by an exact power of two first
  let maxAbs = 0;
  for (let i = 0; i < n; i++) { const a = Math.abs(x[i]); if (a > maxAbs) maxAbs = a; }
  if (maxAbs > 1e150 || (maxAbs > 0 && maxAbs < 1e-150)) {
    const factor = maxAbs > 1 ? 2 ** -600 : 2 ** 600;
    return normalizeCore(Float64Array.from(x, (v) => v * factor), method, direction, out);
  }
  if (method === "minmax") {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) { if (x[i] < min) min = x[i]; if (x[i] > max) max = x[i]; }
    const range = max - min;
    if (!(range > 0)) return false;
    for (let i = 0; i < n; i++) out[i] = direction === "+" ? (x[i] - min) / range : (max - x[i]) / range;
    return true;
  }
  if (method === "zscore") {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    if (!(sd > 0)) return false;
    for (let i = 0; i < n; i++) out[i] = direction === "+" ? (x[i] - mean) / sd : (mean - x[i]) / sd;
    return true;
  }
  let ss = 0;
  for (let i = 0; i < n; i++) ss += x[i] * x[i];
  const norm = Math.sqrt(ss);
  if (!(norm > 0)) return false;
  for (let i = 0; i < n; i++) out[i] = x[i] / norm;
  return true;
}

/** Validate the shared normalize options and return resolved settings. */
export function resolveNormalizeOptions(fn: string, columns: string[], options: Partial<NormalizeOptions> | undefined, defaultMethod: NormalizeMethod = "minmax"): { method: NormalizeMethod; directions: Direction[]; shift: number; constant: "error" | "zero" } {
  const method = options?.method ?? defaultMethod;
  if (method !== "minmax" && method !== "zscore" && method !== "vector") {
    throw new Error(`${fn}: unknown normalization method ${JSON.stringify(method)}; use "minmax", "zscore" or "vector"`);
  }
  const directions = resolveDirections(fn, columns, options?.direction);
  if (method === "vector") {
    const bad = columns.filter((_, j) => directions[j] === "-");
    if (bad.length > 0) {
      throw new Error(`${fn}: direction "-" is not defined for method "vector" (columns ${bad.join(", ")}); vector normalization keeps the sign and TOPSIS handles cost criteria at the ideal-solution step`);
    }
  }
  const shift = options?.shift ?? 0;
  if (typeof shift !== "number" || !Number.isFinite(shift) || shift < 0) throw new Error(`${fn}: shift must be a finite number ≥ 0 (got ${shift})`);
  const constant = options?.constant ?? "error";
  if (constant !== "error" && constant !== "zero") throw new Error(`${fn}: option "constant" must be "error" or "zero"`);
  return { method, directions, shift, constant };
}

/** Normalize validated columns; returns one Float64Array per column and the names of constant columns. */
export function normalizeColumns(fn: string, columns: string[], values: Float64Array[], settings: { method: NormalizeMethod; directions: Direction[]; shift: number; constant: "error" | "zero" }): { normalized: Float64Array[]; constantColumns: string[] } {
  const constantColumns: string[] = [];
  const normalized = values.map((x, j) => {
    const out = new Float64Array(x.length);
    const ok = normalizeCore(x, settings.method, settings.directions[j], out);
    if (!ok) {
      if (settings.constant === "error") {
        const what = settings.method === "minmax" ? "all its values are equal (range 0)" : settings.method === "zscore" ? "its standard deviation is 0" : "all its values are 0";
        throw new Error(`${fn}: column "${columns[j]}" cannot be normalized with "${settings.method}": ${what}; drop it or pass { constant: "zero" }`);
      }
      constantColumns.push(columns[j]);
      out.fill(0);
    }
    if (settings.shift !== 0) for (let i = 0; i < out.length; i++) out[i] += settings.shift;
    return out;
  });
  return { normalized, constantColumns };
}

/**
 * Normalize indicator columns (无量纲化 / 标准化) so they can be weighted and summed.
 * - `"minmax"` (range, default): benefit "+" (x − min)/(max − min), cost "-" (max − x)/(max − min), in [0, 1];
 * - `"zscore"`: (x − mean)/sd with the sample sd (n − 1, as R's `scale()`), sign flipped for "-";
 * - `"vector"`: x / √Σx² (Hwang & Yoon 1981, TOPSIS step 1), "+" only.
 * Then `shift` is added. Negative values are allowed (all three are affine or scale maps).
 *
 * Source: Hwang, C.-L. & Yoon, K. (1981) *Multiple Attribute Decision Making*, Springer, §2.3 (normalization);
 * R `base::scale` for the z-score.
 *
 * @param data danfo DataFrame or object of columns
 * @param columns the indicator columns
 * @param options `method`, `direction` (required), `shift`, `constant`, `keep`
 * @returns a danfo DataFrame with the `keep` columns (unchanged) and the normalized columns under their own
 *   names, rows in input order
 * @throws on absent, missing or non-numeric columns, a missing direction, direction "-" with "vector",
 *   a negative shift, or a constant column unless `constant: "zero"`
 * @example
 * normalize({ a: [1, 2, 3], b: [10, 20, 40] }, ["a", "b"], { direction: { a: "+", b: "-" } }).values
 * // [[0, 1], [0.5, 0.6666666666666666], [1, 0]]
 */
export function normalize(data: DataInput, columns: string[], options: NormalizeOptions): DataFrame {
  const fn = "normalize";
  const values = readColumns(fn, data, columns);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const settings = resolveNormalizeOptions(fn, columns, options);
  const { normalized } = normalizeColumns(fn, columns, values, settings);
  const frame: Record<string, unknown[]> = {};
  for (const k of options.keep ?? []) {
    if (columns.includes(k)) throw new Error(`${fn}: column "${k}" is both kept and normalized`);
    frame[k] = Array.from(rawColumn(data, k, fn));
  }
  columns.forEach((c, j) => { frame[c] = Array.from(normalized[j]); });
  return new DataFrame(frame);
}
