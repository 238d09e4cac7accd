/**
 * Fisher permutation test of a group difference in one coefficient: the group labels are permuted across units and
 * the interaction model refitted.
 */
import type { DataInput } from "../core/types";
import { idColumn } from "../core/data";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import type { ReportParts } from "../inference/fit";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { makeResult } from "../report/modelSummary";
import { groupInteraction, type GroupDifferenceOptions } from "./groupInteraction";

/** Options of {@link groupPermutationTest}. */
export interface GroupPermutationOptions extends Omit<GroupDifferenceOptions, "vcov"> {
  /** The slope whose group difference is tested. */
  term: string;
  /** Random permutations (default 999); when the number of distinct assignments is at most this, all are enumerated. */
  permutations?: number;
  /** Seed (lib/random's rule: default 1). */
  seed?: number;
}

/** Result of {@link groupPermutationTest}. */
export interface GroupPermutationResult {
  term: string;
  /** Observed difference b(second group) − b(first group). */
  statistic: number;
  /** Two-sided p: enumerated, share of |d*| ≥ |d|; random, (1 + #{|d*| ≥ |d|}) / (permutations + 1). */
  pValue: number;
  /** The permutation differences. */
  distribution: Float64Array;
  permutations: number;
  enumerated: boolean;
  /** Units whose labels are permuted (units with `id`, else rows). */
  units: number;
  groups: [string, string];
  seed: number | null;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/**
 * Permutation test that a slope differs between two groups.
 *
 * Long name: Fisher (1935) / Pitman (1937) randomization test of a group difference in a regression coefficient —
 * the "Fisher permutation test" (费舍尔组合检验) of Chinese grouped-regression studies (连玉君 & 廖俊平 2017, 郑州航空工业
 * 管理学院学报 35(6)): the statistic is the interaction coefficient d = b₂ − b₁ of the model with every listed slope
 * interacted (`chowTest`'s model); the group labels are reassigned at random across units (a unit keeps one label,
 * the group sizes are kept), the model refitted, and p is the share of permuted |d*| at least |d|. When the number of
 * distinct assignments C(units, second-group units) is at most `permutations`, all are enumerated (exact p, no seed).
 * @param data table or long panel
 * @param formula `"y ~ x1 + x2"`
 * @param options `group`, `term`, `id`, `time`, `effects`, `terms`, `permutations`, `seed`
 * @throws `groupPermutationTest: option term is required …`; `groupPermutationTest: group "g" varies within unit "3";
 *   labels are permuted across units`; the interaction model's errors
 * @example
 * // plm::Grunfeld, firms 1–5 vs 6–10, firm effects: all 252 assignments, R p = 0.690476… (group-difference.R)
 * groupPermutationTest(grunfeld, "inv ~ value + capital", { group: "size", term: "value", id: "firm", time: "year" }).pValue // 0.6904761…
 */
export function groupPermutationTest(data: DataInput, formula: string, options: GroupPermutationOptions): GroupPermutationResult {
  const fn = "groupPermutationTest";
  return underName(fn, () => {
    checkData(data, fn);
    checkOptionNames(options, ["group", "id", "time", "effects", "terms", "term", "permutations", "seed"], fn);
    if (!options || typeof options.term !== "string") throw new Error(`${fn}: option term is required (the slope whose difference is tested)`);
    const permutations = options.permutations ?? 999;
    if (!Number.isInteger(permutations) || permutations < 1) throw new Error(`${fn}: permutations must be a positive integer (got ${permutations})`);
    const gi = groupInteraction(data, formula, options, fn);
    if (!gi.interacted.includes(options.term)) throw new Error(`${fn}: term ${JSON.stringify(options.term)} is not among the interacted slopes (${gi.interacted.join(", ")})`);
    const at = gi.interacted.indexOf(options.term);
    const n = gi.n;
    // units and their labels
    const unitOf = new Int32Array(n);
    let unitLabel: number[] = [];
    if (options.id !== undefined) {
      const ids = idColumn(data, options.id, fn);
      const map = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        let u = map.get(ids[i]);
        if (u === undefined) { u = map.size; map.set(ids[i], u); unitLabel.push(gi.indicator[i]); }
        else if (unitLabel[u] !== gi.indicator[i]) throw new Error(`${fn}: group "${options.group}" varies within unit "${ids[i]}"; labels are permuted across units, so each unit needs one group`);
        unitOf[i] = u;
      }
    } else {
      for (let i = 0; i < n; i++) unitOf[i] = i;
      unitLabel = Array.from(gi.indicator);
    }
    const U = unitLabel.length;
    const m = unitLabel.reduce((s, v) => s + v, 0);
    if (m === 0 || m === U) throw new Error(`${fn}: both groups need at least one unit`);
    const statisticOf = (labelsByUnit: ArrayLike<number>): number => {
      const D = Float64Array.from(unitOf, (u) => labelsByUnit[u]);
      const fit = gi.fit(D);
      return fit.coef(gi.differenceNames(D)[gi.differenceNames(D).length - gi.interacted.length + at]).estimate;
    };
    const d0 = statisticOf(unitLabel);
    const total = binomial(U, m);
    const enumerate = total <= permutations;
    const seed = enumerate ? null : resolveSeed(options.seed, fn);
    const B = enumerate ? total : permutations;
    const dist = new Float64Array(B);
    if (enumerate) {
      // all m-subsets of the U units, in lexicographic order
      const pick = Array.from({ length: m }, (_, i) => i);
      const lab = new Float64Array(U);
      for (let b = 0; b < B; b++) {
        lab.fill(0);
        for (const p of pick) lab[p] = 1;
        dist[b] = statisticOf(lab);
        let i = m - 1;
        while (i >= 0 && pick[i] === U - m + i) i--;
        if (i < 0) break;
        pick[i]++;
        for (let j = i + 1; j < m; j++) pick[j] = pick[j - 1] + 1;
      }
    } else {
      const g = rng(seed as number);
      const lab = Float64Array.from(unitLabel);
      for (let b = 0; b < B; b++) { g.shuffle(lab); dist[b] = statisticOf(lab); }
    }
    let hits = 0;
    for (let b = 0; b < B; b++) if (Math.abs(dist[b]) >= Math.abs(d0) * (1 - 1e-10)) hits++;
    const pValue = enumerate ? hits / B : (1 + hits) / (B + 1);
    return makeResult<GroupPermutationResult>({
      term: options.term, statistic: d0, pValue, distribution: dist, permutations: B, enumerated: enumerate, units: U, groups: gi.levels, seed,
      report: {
        title: `Permutation test of a group difference: ${options.term}, ${options.group} = ${gi.levels[1]} vs ${gi.levels[0]}`,
        header: [["Formula", formula], ["Units permuted", `${U} ${options.id === undefined ? "rows" : `units (${options.id})`}, ${m} in ${gi.levels[1]}`], ["Permutations", enumerate ? `all ${B} assignments` : `${B} random, seed ${seed}`]],
        statistics: [[`difference ${gi.levels[1]} − ${gi.levels[0]}`, d0], ["permutation p-value (two-sided)", pValue]],
        tests: [],
        notes: [enumerate ? "Every assignment of the labels enumerated: the exact permutation distribution." : "p = (1 + #{|d*| ≥ |d|}) / (permutations + 1)."],
      },
    });
  });
}
