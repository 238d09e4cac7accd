/**
 * How far two panel variables move together, in levels and in what a fixed-effects model uses: the Pearson
 * correlation of the raw values and of the within deviations (unit means, period means or both removed).
 *
 * Long name: within (fixed-effects) correlation of two panel variables. The within deviations are those of
 * `withinTransform` (Baltagi 2021, *Econometric Analysis of Panel Data*, §2.2, §3.2), i.e. the residuals of a
 * regression on unit and/or period dummies; their correlation is the partial correlation given the dummies.
 */
import type { DataInput } from "../core/types";
import { numericColumn, rawColumn } from "../core/data";
import { panelOptions } from "./panelOptions";
import { panelIndex } from "./panelIndex";
import { withinTransform, type PanelEffects } from "./withinTransform";

/** Options of {@link withinDeviations} and {@link withinCorrelation}. */
export interface WithinOptions {
  /** Unit column (e.g. `"adcode"`). */
  id?: string;
  /** Deprecated name of `id`. */
  entity?: string;
  /** Period column (e.g. `"year"`). */
  time: string;
  /** Which means to remove: `"entity"`, `"time"` or `"twoways"` (default). */
  effects?: PanelEffects;
}

function prepare(data: DataInput, options: WithinOptions, fn: string) {
  const o = panelOptions(options, ["effects"], fn);
  const effects = o.effects ?? "twoways";
  if (effects !== "entity" && effects !== "time" && effects !== "twoways") {
    throw new Error(`${fn}: effects must be "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  }
  const ix = panelIndex(rawColumn(data, o.id, fn), rawColumn(data, o.time, fn), { entity: o.id, time: o.time }, fn);
  return withinTransform(ix, effects);
}

/**
 * A column's within deviations: the column with unit means, period means or both removed (the variation a
 * two-way fixed-effects model uses). On a balanced panel, two-way: x − x̄ᵢ − x̄ₜ + x̄; unbalanced panels exactly.
 * @param data table with the unit, period and value columns
 * @param column the numeric column
 * @param options `id`, `time`, `effects` (default `"twoways"`)
 * @throws `withinDeviations: column "x" has 1 missing value (row 3)` (and the column/option errors of `panelIndex`)
 * @example
 * withinDeviations({ id: [1, 1, 2, 2], t: [1, 2, 1, 2], x: [1, 3, 2, 8] }, "x", { id: "id", time: "t" })
 * // [1, -1, -1, 1]
 */
export function withinDeviations(data: DataInput, column: string, options: WithinOptions): number[] {
  const fn = "withinDeviations";
  const x = numericColumn(data, column, fn);
  return Array.from(prepare(data, options, fn).apply(x));
}

/** What {@link withinCorrelation} returns. */
export interface WithinCorrelationResult {
  /** Pearson correlation of the two columns as they are. */
  levels: number;
  /** Pearson correlation of their within deviations. */
  within: number;
  /** Which means were removed. */
  effects: PanelEffects;
  /** Number of rows. */
  n: number;
}

/**
 * Pearson correlation of two equal-length series (also panelRE's R², its square).
 * @example pearsonCorrelation([1, 2, 3], [2, 4, 7]) // 0.9933992677987828
 */
export function pearsonCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const da = a[i] - ma, db = b[i] - mb; sab += da * db; saa += da * da; sbb += db * db; }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Correlation of two panel variables in levels and after removing unit and/or period means.
 * @param data table with the unit, period and both value columns
 * @param x first numeric column
 * @param y second numeric column
 * @param options `id`, `time`, `effects` (default `"twoways"`)
 * @throws `withinCorrelation: column "x" has 2 missing values (rows 0, 5)`;
 *   `withinCorrelation: column "x" does not vary within units and periods (its within deviations are all zero)`
 * @example
 * withinCorrelation({ id: [1, 1, 2, 2], t: [1, 2, 1, 2], x: [1, 3, 2, 8], y: [1, 2, 3, 5] }, "x", "y", { id: "id", time: "t" })
 * // { levels: 0.9103, within: 1, effects: "twoways", n: 4 }  (levels 0.91025898…)
 */
export function withinCorrelation(data: DataInput, x: string, y: string, options: WithinOptions): WithinCorrelationResult {
  const fn = "withinCorrelation";
  const a = numericColumn(data, x, fn), b = numericColumn(data, y, fn);
  const w = prepare(data, options, fn);
  const da = w.apply(a), db = w.apply(b);
  for (const [name, d] of [[x, da], [y, db]] as const) {
    let ss = 0, sx = 0;
    for (let i = 0; i < d.length; i++) ss += d[i] * d[i];
    const src = name === x ? a : b;
    for (let i = 0; i < src.length; i++) sx += src[i] * src[i];
    if (!(ss > 1e-24 * Math.max(sx, 1))) throw new Error(`${fn}: column "${name}" does not vary within units and periods (its within deviations are all zero)`);
  }
  return { levels: pearsonCorrelation(a, b), within: pearsonCorrelation(da, db), effects: w.effects, n: a.length };
}
