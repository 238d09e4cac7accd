/**
 * Goodman-Bacon (2021) decomposition of the two-way fixed-effects difference-in-differences coefficient into the
 * 2×2 comparisons of timing groups, with their weights.
 */
import type { DataInput } from "../core/types";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { staggeredPanel, type UnbalancedPolicy } from "./staggeredPanel";

/** Options of {@link baconDecomposition}. */
export interface BaconDecompositionOptions {
  /** Outcome column. */
  y: string;
  /** Unit column. */
  id: string;
  /** Period column (numeric). */
  time: string;
  /** Adoption-period column; missing for never-treated units; adoption at or before the first period = always treated. */
  treatment: string;
  /** Units missing some period: "error" (default; bacondecomp refuses unbalanced panels) or "balance" (decompose the TWFE of the balanced sub-panel). */
  unbalanced?: UnbalancedPolicy;
}

/** The kind of a 2×2 comparison, in bacondecomp's words. */
export type BaconComparison = "Treated vs Untreated" | "Earlier vs Later Treated" | "Later vs Earlier Treated" | "Later vs Always Treated";

/** One 2×2 comparison: the timing group treated in it, its comparison group, the 2×2 DID and its weight. */
export interface BaconRow {
  /** Adoption period of the group whose treatment switches on in the comparison. */
  treated: number;
  /** Adoption period of the comparison group (null: never treated; the first period: always treated). */
  control: number | null;
  type: BaconComparison;
  estimate: number;
  weight: number;
}

/** Result of {@link baconDecomposition}. */
export interface BaconDecompositionResult {
  rows: BaconRow[];
  /** Weight and weighted-average estimate by comparison type. */
  byType: { type: BaconComparison; weight: number; estimate: number }[];
  /** Σ weight × estimate: the TWFE DID coefficient of the (balanced) panel. */
  twfe: number;
  units: { used: number; droppedUnbalanced: string[] };
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Goodman-Bacon decomposition: with a binary, absorbing treatment on a balanced panel and no covariates, the TWFE
 * coefficient of y_it = τ D_it + α_i + λ_t + ε_it is Σ s_kl β̂_kl over the 2×2 DID estimates β̂_kl of timing group k
 * against comparison group l — never-treated units, later-treated units before they are treated ("Earlier vs
 * Later"), earlier-treated units after they are treated ("Later vs Earlier", the comparisons that make TWFE fail
 * with dynamic effects), always-treated units — with weights s_kl ∝ (subsample size)² × variance of the treatment
 * in the 2×2 subsample, summing to one.
 *
 * Long name: Goodman-Bacon (2021, J. Econometrics 225) "Difference-in-differences with variation in treatment
 * timing", Theorem 1; R bacondecomp 0.1.1 `bacon(y ~ D, data, id_var, time_var)` (uncontrolled case; the weights
 * and 2×2 estimates as that function computes them).
 * @param data long panel
 * @param options `y`, `id`, `time`, `treatment` (adoption period), `unbalanced`
 * @throws `baconDecomposition: no unit is treated during the panel (column "effyear")`; the panel reader's errors
 *   (missing values, treatment timing varying within a unit, unbalanced panel)
 * @example
 * // the SYNTHETIC panel test/fixtures/staggered/synthetic-staggered-bacon.csv (50 units × 2000-2010)
 * const b = baconDecomposition(panel, { y: "y", id: "state", time: "year", treatment: "effyear" });
 * b.twfe // 0.0783 (= TWFE coefficient of post); b.byType[0] // { type: "Treated vs Untreated", weight: 0.870, estimate: 0.0895 }
 */
export function baconDecomposition(data: DataInput, options: BaconDecompositionOptions): BaconDecompositionResult {
  return underName("baconDecomposition", () => baconDecompositionBody(data, options));
}

function baconDecompositionBody(data: DataInput, options: BaconDecompositionOptions): BaconDecompositionResult {
  const fn = "baconDecomposition";
  checkData(data, fn);
  checkOptionNames(options, ["y", "id", "time", "treatment", "unbalanced"], fn);
  const panel = staggeredPanel(data, options, fn);
  const periods = panel.periods, T = periods.length, first = periods[0];
  const N = panel.units.length;
  const G = Float64Array.from(panel.adoption, (g) => (g <= first ? first : g)); // always treated: adopted by the first period
  const groups = [...new Set(G)].sort((a, b) => a - b);
  if (!groups.some((g) => g > first && Number.isFinite(g))) throw new Error(`${fn}: no unit is treated during the panel (column "${options.treatment}")`);
  const members = new Map(groups.map((g) => [g, [] as number[]]));
  for (let u = 0; u < N; u++) members.get(G[u])!.push(u);
  /** Mean outcome of group g over periods j in [lo, hi). */
  const meanY = (g: number, lo: number, hi: number) => {
    let s = 0, c = 0;
    for (const u of members.get(g)!) for (let j = lo; j < hi; j++) { s += panel.y[u * T + j]; c++; }
    return s / c;
  };
  const idx = (t: number) => { const j = periods.findIndex((p) => p >= t); return j < 0 ? T : j; };
  const rows: BaconRow[] = [];
  for (const k of groups) {
    if (!Number.isFinite(k) || k === first) continue;
    for (const l of groups) {
      if (l === k) continue;
      // the 2×2 window: all periods against never/always treated; before l for k < l; from l on for k > l
      const lo = Number.isFinite(l) && k > l ? idx(l) : 0;
      const hi = Number.isFinite(l) && k < l ? idx(l) : T;
      const switchAt = idx(k);
      const estimate = meanY(k, switchAt, hi) - meanY(k, lo, switchAt) - (meanY(l, switchAt, hi) - meanY(l, lo, switchAt));
      const nk = members.get(k)!.length * (hi - lo), nl = members.get(l)!.length * (hi - lo);
      const share = (g: number) => { let d = 0; for (let j = lo; j < hi; j++) if (periods[j] >= g) d++; return d / (hi - lo); };
      const Dk = share(k), Dl = share(l);
      let weight: number, type: BaconComparison;
      if (!Number.isFinite(l)) {
        const nku = nk / (nk + nl);
        weight = (nk + nl) ** 2 * nku * (1 - nku) * Dk * (1 - Dk);
        type = "Treated vs Untreated";
      } else if (k < l) {
        const nkl = nk / (nk + nl);
        weight = ((nk + nl) * (1 - Dl)) ** 2 * nkl * (1 - nkl) * ((Dk - Dl) / (1 - Dl)) * ((1 - Dk) / (1 - Dl));
        type = "Earlier vs Later Treated";
      } else {
        // bacondecomp: the earlier group l plays k of the paper, the later group k plays l
        const nkl = nl / (nk + nl);
        weight = ((nk + nl) * Dl) ** 2 * nkl * (1 - nkl) * (Dk / Dl) * ((Dl - Dk) / Dl);
        type = l === first ? "Later vs Always Treated" : "Later vs Earlier Treated";
      }
      rows.push({ treated: k, control: Number.isFinite(l) ? l : null, type, estimate, weight });
    }
  }
  const total = rows.reduce((s, r) => s + r.weight, 0);
  for (const r of rows) r.weight /= total;
  const types: BaconComparison[] = ["Treated vs Untreated", "Earlier vs Later Treated", "Later vs Earlier Treated", "Later vs Always Treated"];
  const byType = types.flatMap((type) => {
    const rs = rows.filter((r) => r.type === type);
    if (rs.length === 0) return [];
    const w = rs.reduce((s, r) => s + r.weight, 0);
    return [{ type, weight: w, estimate: rs.reduce((s, r) => s + r.weight * r.estimate, 0) / w }];
  });
  const twfe = rows.reduce((s, r) => s + r.weight * r.estimate, 0);
  const label = (g: number | null) => (g === null ? "never" : g === first ? "always" : String(g));
  const report: ReportParts = {
    title: "Goodman-Bacon decomposition of the two-way fixed-effects DID coefficient",
    header: [["Outcome", options.y], ["Units", N], ["Periods", `${first}–${periods[T - 1]} (${T})`], ["Timing groups", groups.map(label).join(", ")]],
    statistics: [["TWFE coefficient (Σ weight × 2×2 estimate)", twfe], ...byType.map((b) => [`${b.type}: weight`, b.weight] as [string, number])],
    tests: [],
    notes: [
      "Later vs Earlier Treated comparisons use already-treated units as controls: with effects that change over time they bias TWFE.",
      ...(panel.droppedUnbalanced.length > 0 ? [`${panel.droppedUnbalanced.length} unit(s) missing some period dropped (unbalanced: "balance").`] : []),
    ],
    table: {
      caption: "2×2 comparisons",
      columns: ["Treated", "Control", "Type", "Estimate", "Weight"],
      rows: rows.map((r) => [label(r.treated), label(r.control), r.type, r.estimate, r.weight]),
    },
  };
  return makeResult<BaconDecompositionResult>({ rows, byType, twfe, units: { used: N, droppedUnbalanced: panel.droppedUnbalanced.map((d) => d.unit) }, report });
}
