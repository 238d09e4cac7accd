import { toFloat64, valuesOf } from "../core/data";
import type { ColumnLike } from "../core/types";
import { COORDINATION_CLASSES, type CoordinationClassTable } from "./coordinationClasses";
import { fmt } from "./internal";

/** Names of the two subsystems, used to word the lagging type. */
export interface SubsystemNames {
  u1: { zh: string; en: string };
  u2: { zh: string; en: string };
}

/** Options of {@link classifyCoordination}. */
export interface ClassifyCoordinationOptions {
  /** The class table; default {@link COORDINATION_CLASSES} (ten levels, closed on the left). */
  classes?: CoordinationClassTable;
  /**
   * |U1 − U2| at or below which the pair counts as synchronous (同步型). Default 0: only exactly equal
   * scores are synchronous. Studies that use a band (e.g. 0.1) must say so; pass it here.
   */
  syncTolerance?: number;
  /** Subsystem names; default U1 = 金融 finance, U2 = 经济 economy (集聚区范文篇3). */
  names?: SubsystemNames;
}

/** One classified row. */
export interface CoordinationClassification {
  D: number;
  /** 1 … 10 (or the table's levels). */
  level: number;
  /** Chinese label of the level, e.g. 勉强协调. */
  levelZh: string;
  /** English label of the level, e.g. "barely coordinated". */
  levelEn: string;
  /** Which subsystem lags: "u1" when U1 < U2, "u2" when U1 > U2, "none" when synchronous. */
  lagging: "u1" | "u2" | "none";
  /** e.g. 金融滞后型 (U1 lags), 经济滞后型 (U2 lags), 同步型. */
  typeZh: string;
  /** e.g. "finance lagging", "economy lagging", "synchronous". */
  typeEn: string;
  /** Combined label, e.g. 勉强协调·金融滞后型. */
  labelZh: string;
  /** Combined label, e.g. "barely coordinated, finance lagging". */
  labelEn: string;
}

/** Distance within which D is treated as lying exactly on a class boundary (floating-point noise of √(C·T)). */
export const BOUNDARY_SNAP = 1e-12;

function checkTable(fn: string, table: CoordinationClassTable): void {
  const cls = table?.classes;
  if (!Array.isArray(cls) || cls.length === 0) throw new Error(`${fn}: the class table has no classes`);
  if (table.closed !== "left" && table.closed !== "right") throw new Error(`${fn}: the class table's "closed" must be "left" or "right"`);
  if (cls[0].lower !== 0 || cls[cls.length - 1].upper !== 1) throw new Error(`${fn}: the class table must cover [0, 1] (it covers [${cls[0].lower}, ${cls[cls.length - 1].upper}])`);
  for (let i = 0; i < cls.length; i++) {
    if (!(cls[i].upper > cls[i].lower)) throw new Error(`${fn}: class "${cls[i].zh}" has upper ≤ lower`);
    if (i > 0 && Math.abs(cls[i].lower - cls[i - 1].upper) > BOUNDARY_SNAP) {
      throw new Error(`${fn}: the class table has a gap or overlap between "${cls[i - 1].zh}" and "${cls[i].zh}"`);
    }
  }
}

/** Pure core: index of the class containing d (d in [0, 1]). */
export function classIndex(d: number, table: CoordinationClassTable): number {
  const cls = table.classes;
  // snap to a boundary within BOUNDARY_SNAP
  for (const c of cls) {
    if (Math.abs(d - c.lower) <= BOUNDARY_SNAP) { d = c.lower; break; }
    if (Math.abs(d - c.upper) <= BOUNDARY_SNAP) { d = c.upper; break; }
  }
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i];
    if (table.closed === "left") {
      if ((d >= c.lower && d < c.upper) || (i === cls.length - 1 && d === c.upper)) return i;
    } else if ((d > c.lower && d <= c.upper) || (i === 0 && d === c.lower)) {
      return i;
    }
  }
  return -1;
}

/**
 * Classify coupling coordination degrees into levels (极度失调 … 优质协调) and the U1/U2 comparison type
 * (which subsystem lags: with the default names, U1 < U2 is 金融滞后型 "finance lagging", U1 > U2 is 经济滞后型
 * "economy lagging", equal is 同步型 "synchronous"), as 集聚区范文篇3 does with its Table 2.
 * The class boundaries are data ({@link COORDINATION_CLASSES}, {@link COORDINATION_CLASSES_RIGHT_CLOSED},
 * or your own table); a D within 1e-12 of a boundary is treated as lying on it.
 *
 * Source: after Liao Chongbin 廖重斌 (1999), 热带地理 Tropical Geography 19(2): 171–177 (ten-level scale and
 * lagging types); 集聚区范文篇3 §2.1.2 (classification by D and the comparison of U1 and U2).
 *
 * @param D coupling coordination degrees in [0, 1] (array, typed array or danfo Series)
 * @param u1 subsystem-1 scores, same length
 * @param u2 subsystem-2 scores, same length
 * @param options `classes`, `syncTolerance`, `names`
 * @returns one {@link CoordinationClassification} per row (input order); `new DataFrame(result)` makes a table
 * @throws on missing or non-numeric values, unequal lengths, D outside [0, 1], a negative tolerance, or a class
 *   table that does not tile [0, 1]
 * @example
 * classifyCoordination([0.5], [0.3], [0.6])[0]
 * // { D: 0.5, level: 6, levelZh: "勉强协调", levelEn: "barely coordinated", lagging: "u1",
 * //   typeZh: "金融滞后型", typeEn: "finance lagging", labelZh: "勉强协调·金融滞后型",
 * //   labelEn: "barely coordinated, finance lagging" }
 */
export function classifyCoordination(D: ColumnLike | number, u1: ColumnLike | number, u2: ColumnLike | number, options: ClassifyCoordinationOptions = {}): CoordinationClassification[] {
  const fn = "classifyCoordination";
  const wrap = (x: ColumnLike | number) => (typeof x === "number" ? [x] : valuesOf(x));
  const d = toFloat64(wrap(D), "D", fn);
  const a = toFloat64(wrap(u1), "u1", fn);
  const b = toFloat64(wrap(u2), "u2", fn);
  if (a.length !== d.length || b.length !== d.length) throw new Error(`${fn}: D, u1 and u2 have ${d.length}, ${a.length} and ${b.length} values`);
  const table = options.classes ?? COORDINATION_CLASSES;
  checkTable(fn, table);
  const tol = options.syncTolerance ?? 0;
  if (!(typeof tol === "number" && Number.isFinite(tol) && tol >= 0)) throw new Error(`${fn}: syncTolerance must be a finite number ≥ 0`);
  const names = options.names ?? { u1: { zh: "金融", en: "finance" }, u2: { zh: "经济", en: "economy" } };
  const out: CoordinationClassification[] = [];
  for (let i = 0; i < d.length; i++) {
    if (d[i] < -BOUNDARY_SNAP || d[i] > 1 + BOUNDARY_SNAP) throw new Error(`${fn}: D is ${fmt(d[i])} at row ${i}, outside [0, 1]`);
    const k = classIndex(Math.min(1, Math.max(0, d[i])), table);
    const c = table.classes[k];
    const diff = a[i] - b[i];
    const lagging: "u1" | "u2" | "none" = Math.abs(diff) <= tol ? "none" : diff < 0 ? "u1" : "u2";
    const typeZh = lagging === "none" ? "同步型" : `${names[lagging].zh}滞后型`;
    const typeEn = lagging === "none" ? "synchronous" : `${names[lagging].en} lagging`;
    out.push({
      D: d[i], level: c.level, levelZh: c.zh, levelEn: c.en, lagging, typeZh, typeEn,
      labelZh: `${c.zh}·${typeZh}`, labelEn: `${c.en}, ${typeEn}`,
    });
  }
  return out;
}
