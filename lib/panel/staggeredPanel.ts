/**
 * A staggered-adoption panel read once and checked: units, sorted periods, each unit's adoption period (constant
 * within the unit) and the outcome as a unit × period matrix — the input of the Callaway–Sant'Anna estimator and
 * the Goodman-Bacon decomposition.
 */
import type { DataInput } from "../core/types";
import { idColumn, isMissing, numericColumn, rawColumn, rowCount } from "../core/data";

/** What a panel with a unit missing some periods becomes: an error naming the unit, or the balanced sub-panel. */
export type UnbalancedPolicy = "error" | "balance";

/** A checked staggered-adoption panel (see {@link staggeredPanel}). */
export interface StaggeredPanel {
  /** Unit ids, in order of first appearance, after any balancing. */
  units: string[];
  /** Sorted distinct periods. */
  periods: number[];
  /** Each unit's adoption period; `Infinity` for never-treated units (missing adoption, or adoption after the last period). */
  adoption: Float64Array;
  /** Outcome, row-major units × periods. */
  y: Float64Array;
  /** Units dropped because they miss some period (`unbalanced: "balance"`), with the periods they miss. */
  droppedUnbalanced: { unit: string; missing: number[] }[];
  /** Covariates (when asked), each row-major units × periods, in the order of `options.covariates`. */
  x: Float64Array[];
}

/**
 * Read and check a staggered-adoption panel.
 *
 * Long name: staggered-adoption panel reader (the data checks of R did's `pre_process_did` and bacondecomp's `bacon`).
 * @param data long panel
 * @param options `y` (outcome column), `id`, `time` (numeric), `treatment` (adoption-period column; missing for
 *   never-treated units), `unbalanced` ("error", default, or "balance": drop units that miss a period, as did's
 *   `att_gt(panel = TRUE)` does), `covariates` (numeric columns, read into unit × period matrices)
 * @param fn the calling function's name, for errors
 * @throws `fn: column "y" has 2 missing values (rows 3, 7)`; `fn: column "year" must be numeric …`;
 *   `fn: unit "8001" has two adoption periods in column "first.treat" (2004 and 2006): treatment timing must be constant within a unit`;
 *   `fn: unit "8001" has 2 rows for period 2005`;
 *   `fn: the panel is unbalanced: unit "8001" has no row for period 2005 (… units miss some period); pass unbalanced: "balance" to drop them`
 * @example staggeredPanel({ y: [1, 2, 3, 5], id: ["a", "a", "b", "b"], t: [1, 2, 1, 2], g: [2, 2, null, null] }, { y: "y", id: "id", time: "t", treatment: "g" }, "demo").adoption // [2, Infinity]
 */
export function staggeredPanel(
  data: DataInput,
  options: { y: string; id: string; time: string; treatment: string; unbalanced?: UnbalancedPolicy; covariates?: readonly string[] },
  fn: string,
): StaggeredPanel {
  for (const o of ["y", "id", "time", "treatment"] as const) {
    if (typeof options?.[o] !== "string") throw new Error(`${fn}: options { y, id, time, treatment } are required (column names)`);
  }
  const policy = options.unbalanced ?? "error";
  if (policy !== "error" && policy !== "balance") throw new Error(`${fn}: unbalanced must be "error" or "balance" (got ${JSON.stringify(policy)})`);
  const n = rowCount(data, fn);
  const yAll = numericColumn(data, options.y, fn);
  const covariates = options.covariates ?? [];
  if (!Array.isArray(covariates) || covariates.some((c) => typeof c !== "string")) throw new Error(`${fn}: covariates must be an array of column names`);
  const xAll = covariates.map((c) => numericColumn(data, c, fn));
  const ids = idColumn(data, options.id, fn);
  const timeRaw = rawColumn(data, options.time, fn);
  const adoptRaw = rawColumn(data, options.treatment, fn);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = timeRaw[i];
    if (typeof t !== "number" || !Number.isFinite(t)) throw new Error(`${fn}: column "${options.time}" must be numeric (row ${i} is ${JSON.stringify(t)})`);
    time[i] = t;
  }
  const periods = [...new Set(time)].sort((a, b) => a - b);
  const last = periods[periods.length - 1];
  const unitIndex = new Map<string, number>();
  const unitsAll: string[] = [];
  const adoptAll: number[] = [];
  for (let i = 0; i < n; i++) {
    const g0 = adoptRaw[i];
    let g: number;
    if (isMissing(g0)) g = Infinity;
    else if (typeof g0 !== "number" || !Number.isFinite(g0)) throw new Error(`${fn}: column "${options.treatment}" must hold adoption periods (numbers) or missing values for never-treated units (row ${i} is ${JSON.stringify(g0)})`);
    else g = g0 > last ? Infinity : g0;
    let u = unitIndex.get(ids[i]);
    if (u === undefined) { u = unitsAll.length; unitIndex.set(ids[i], u); unitsAll.push(ids[i]); adoptAll.push(g); }
    else if (adoptAll[u] !== g) {
      const show = (v: unknown) => (isMissing(v) ? "missing" : String(v));
      const first = adoptAll[u] === Infinity ? "missing or after the last period" : String(adoptAll[u]);
      throw new Error(`${fn}: unit "${ids[i]}" has two adoption periods in column "${options.treatment}" (${first} and ${show(g0)}): treatment timing must be constant within a unit`);
    }
  }
  const T = periods.length, N = unitsAll.length;
  const periodIndex = new Map(periods.map((p, j) => [p, j]));
  const yMat = new Float64Array(N * T).fill(Number.NaN);
  const xMat = covariates.map(() => new Float64Array(N * T));
  const seen = new Uint8Array(N * T);
  for (let i = 0; i < n; i++) {
    const cell = unitIndex.get(ids[i])! * T + periodIndex.get(time[i])!;
    if (seen[cell]) throw new Error(`${fn}: unit "${ids[i]}" has 2 rows for period ${time[i]}`);
    seen[cell] = 1;
    yMat[cell] = yAll[i];
    xAll.forEach((x, c) => { xMat[c][cell] = x[i]; });
  }
  const dropped: { unit: string; missing: number[] }[] = [];
  const keep: number[] = [];
  for (let u = 0; u < N; u++) {
    const missing: number[] = [];
    for (let j = 0; j < T; j++) if (!seen[u * T + j]) missing.push(periods[j]);
    if (missing.length === 0) keep.push(u);
    else dropped.push({ unit: unitsAll[u], missing });
  }
  if (dropped.length > 0 && policy === "error") {
    const d = dropped[0];
    throw new Error(`${fn}: the panel is unbalanced: unit "${d.unit}" has no row for period${d.missing.length > 1 ? "s" : ""} ${d.missing.join(", ")} (${dropped.length} unit${dropped.length > 1 ? "s miss" : " misses"} some period); pass unbalanced: "balance" to drop such units`);
  }
  if (keep.length === 0) throw new Error(`${fn}: no unit is observed in every period`);
  const y = new Float64Array(keep.length * T);
  keep.forEach((u, r) => y.set(yMat.subarray(u * T, u * T + T), r * T));
  const x = xMat.map((m) => {
    const out = new Float64Array(keep.length * T);
    keep.forEach((u, r) => out.set(m.subarray(u * T, u * T + T), r * T));
    return out;
  });
  return { units: keep.map((u) => unitsAll[u]), periods, adoption: Float64Array.from(keep, (u) => adoptAll[u]), y, droppedUnbalanced: dropped, x };
}
