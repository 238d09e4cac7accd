/**
 * The classification of the coupling coordination degree D as data: ten equal-width levels from
 * 极度失调 (extreme imbalance) to 优质协调 (high-quality coordination), the scale that goes back to
 * Liao Chongbin 廖重斌 (1999) "环境与经济协调发展的定量评判及其分类体系——以珠江三角洲城市群为例",
 * 热带地理 Tropical Geography 19(2): 171–177, and is used, with these labels, e.g. in Tian Shenzhen et al. (2021),
 * 地理学报 Acta Geographica Sinica 76(4): 781, Table 1. 集聚区范文篇3 classifies by "D and the comparison of U1 and U2"
 * (its Table 2, not reproduced in the text we hold).
 *
 * Published tables differ in which end of an interval is closed: [0.4, 0.5) versus (0.4, 0.5]. That is a field of the
 * table (`closed`), so a value exactly on a boundary is classified as the source does.
 */

/** One level of the scale. */
export interface CoordinationClass {
  /** 1 (lowest) … 10 (highest). */
  level: number;
  lower: number;
  upper: number;
  zh: string;
  en: string;
}

/** A complete scale over [0, 1]. */
export interface CoordinationClassTable {
  name: string;
  source: string;
  /**
   * "left": lower ≤ D < upper (the top class also takes D = 1);
   * "right": lower < D ≤ upper (the bottom class also takes D = 0).
   */
  closed: "left" | "right";
  classes: CoordinationClass[];
}

const LEVELS: Array<[string, string]> = [
  ["极度失调", "extreme imbalance"],
  ["严重失调", "severe imbalance"],
  ["中度失调", "moderate imbalance"],
  ["轻度失调", "mild imbalance"],
  ["濒临失调", "on the verge of imbalance"],
  ["勉强协调", "barely coordinated"],
  ["初级协调", "primary coordination"],
  ["中级协调", "intermediate coordination"],
  ["良好协调", "good coordination"],
  ["优质协调", "high-quality coordination"],
];

function tenLevels(): CoordinationClass[] {
  return Object.freeze(LEVELS.map(([zh, en], i) => Object.freeze({ level: i + 1, lower: i / 10, upper: (i + 1) / 10, zh, en }))) as CoordinationClass[];
}

/** Ten levels of width 0.1, intervals closed on the left: [0, 0.1), [0.1, 0.2), …, [0.9, 1]. The default. */
export const COORDINATION_CLASSES: CoordinationClassTable = Object.freeze({
  name: "ten levels, [lower, upper)",
  source: "levels and labels after Liao Chongbin (1999), Tropical Geography 19(2): 171–177; intervals closed on the left (our convention; studies differ)",
  closed: "left" as const,
  classes: tenLevels(),
});

/** The same ten levels closed on the right: [0, 0.1], (0.1, 0.2], …, (0.9, 1] (as in Tian Shenzhen et al. 2021, Table 1). */
export const COORDINATION_CLASSES_RIGHT_CLOSED: CoordinationClassTable = Object.freeze({
  name: "ten levels, (lower, upper]",
  source: "Tian Shenzhen et al. (2021), Acta Geographica Sinica 76(4): 781, Table 1; intervals closed on the right",
  closed: "right" as const,
  classes: tenLevels(),
});
