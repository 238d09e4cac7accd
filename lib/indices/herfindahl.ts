import { DataFrame } from "danfojs-node";
import { idColumn, numericColumn, rawColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";
import { timeGroups } from "./longTable";

/** Options of {@link herfindahl}. */
export interface HerfindahlOptions {
  /** Column with the sizes (output, employment, revenue); ≥ 0. */
  value: string;
  /** Optional grouping column: one index per group (e.g. "sector", with one row per region). */
  group?: string;
  /** Optional time column: one index per group and period. */
  time?: string;
}

/**
 * Herfindahl–Hirschman index, pure numeric core: H = Σ (x_i / Σx)² (0–1 scale).
 * Source: Hirschman (1964), *American Economic Review* 54(5): 761.
 * @throws never (Σx = 0 gives NaN; the wrapper {@link herfindahl} refuses it)
 * @example herfindahlCore([50, 30, 20]) // 0.38
 */
export function herfindahlCore(x: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i];
  let h = 0;
  for (let i = 0; i < x.length; i++) h += (x[i] / total) ** 2;
  return h;
}

/**
 * Herfindahl–Hirschman index (赫芬达尔指数, HHI) of the shares of `value` within each group (and period):
 * H = Σ_i s_i² with s_i = x_i / Σ x, on the 0–1 scale (multiply by 10,000 for the antitrust "points" scale).
 * Also the normalized index H* = (H − 1/n)/(1 − 1/n), 0 for equal shares and 1 for one unit holding all
 * (n = number of rows in the group; H* is not defined for n = 1 and is returned as null). For the geographic
 * concentration of a sector, group by sector with one row per region; for a region's diversity, group by
 * region with one row per sector.
 *
 * Source: Hirschman, A. O. (1964) "The paternity of an index", *American Economic Review* 54(5): 761;
 * Herfindahl, O. C. (1950) *Concentration in the Steel Industry*, PhD thesis, Columbia University.
 *
 * @param data danfo DataFrame or object of columns
 * @param options `value`, optional `group` and `time`
 * @returns danfo DataFrame with the group and time columns under the caller's names (when given), then `n`, `hhi`, `hhiNormalized`
 * @throws on absent, missing, non-numeric or negative values, or a group whose values sum to 0
 * @example
 * herfindahl({ v: [50, 30, 20] }, { value: "v" }).column("hhi").values // [0.38]
 */
export function herfindahl(data: DataInput, options: HerfindahlOptions): DataFrame {
  const fn = "herfindahl";
  if (options === undefined || options.value === undefined) throw new Error(`${fn}: option "value" is required`);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const x = numericColumn(data, options.value, fn);
  for (let i = 0; i < n; i++) if (x[i] < 0) throw new Error(`${fn}: column "${options.value}" has a negative value (${x[i]}) at row ${i}`);
  const groups = options.group === undefined ? null : idColumn(data, options.group, fn);
  const groupRaw = options.group === undefined ? null : rawColumn(data, options.group, fn);
  const times = timeGroups(fn, data, options.time, n);
  const keyOf = (i: number) => `${groups ? groups[i] : ""}\u0000${times.index[i]}`;
  const order: string[] = [];
  const members = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (!members.has(k)) { members.set(k, []); order.push(k); }
    members.get(k)!.push(i);
  }
  const outGroup: unknown[] = [];
  const outTime: unknown[] = [];
  const outN: number[] = [];
  const outH: number[] = [];
  const outHs: (number | null)[] = [];
  for (const k of order) {
    const rows = members.get(k)!;
    const vals = rows.map((i) => x[i]);
    const first = rows[0];
    const where = `${groups ? ` for ${options.group} "${groups[first]}"` : ""}${options.time ? ` at ${options.time} ${times.keys[times.index[first]]}` : ""}`;
    if (vals.reduce((a, b) => a + b, 0) === 0) throw new Error(`${fn}: values sum to 0${where}: shares are undefined`);
    const h = herfindahlCore(vals);
    const m = rows.length;
    if (groupRaw) outGroup.push(groupRaw[first]);
    if (options.time !== undefined) outTime.push(times.raw[times.index[first]]);
    outN.push(m);
    outH.push(h);
    outHs.push(m > 1 ? (h - 1 / m) / (1 - 1 / m) : null);
  }
  const frame: Record<string, unknown[]> = {};
  if (groups) frame[options.group as string] = outGroup;
  if (options.time !== undefined) frame[options.time] = outTime;
  frame.n = outN;
  frame.hhi = outH;
  frame.hhiNormalized = outHs;
  return new DataFrame(frame);
}
