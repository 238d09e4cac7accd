/**
 * Chow test of equal coefficients in two groups, in the interaction form (with absorbed fixed effects and any
 * variance spec of lib/inference).
 */
import type { CoefficientRow, DataInput } from "../core/types";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { differenceRows, groupInteraction, type GroupDifferenceOptions } from "./groupInteraction";
import { waldTest } from "./waldTest";

/** Result of {@link chowTest}. */
export interface ChowTestResult {
  /** F = W/q, or W for z-based variances. */
  statistic: number;
  distribution: "F" | "chisq";
  df1: number;
  df2: number;
  pValue: number;
  /** Group levels; the differences are levels[1] − levels[0]. */
  groups: [string, string];
  /** The differences (interaction coefficients) with standard errors under `vcov`. */
  differences: CoefficientRow[];
  vcovType: string;
  n: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Chow test of equal slopes across two groups.
 *
 * Long name: Chow (1960, Econometrica 28, 591–605) test of coefficient equality, in the dummy-interaction form
 * (Gujarati 1970; Wooldridge 2020, *Introductory Econometrics*, §7.4): y = Xβ + (D·X_s)δ [+ γD] + effects + u, H0: δ = 0
 * (and γ = 0 when D is not absorbed), Wald F under `vcov` — with "iid" and no effects it is the classical Chow F from
 * the pooled and separate residual sums of squares; with clustered errors it is robust to heteroskedasticity between
 * the groups (the classical F is not). With `id` the fixed effects are absorbed and common to both groups (unit
 * effects are group-specific anyway when the group is fixed within units; time effects are shared).
 * @param data table or long panel
 * @param formula `"y ~ x1 + x2"`
 * @param options `group` (two values), `id`, `time`, `effects`, `terms` (slopes allowed to differ), `vcov`
 * @throws `chowTest: group column "g" has 3 values …`; `chowTest: unknown term "x" …`; the estimator's errors (missing
 *   values, collinear interactions) under this name, with the interaction terms named `x:group[level]`
 * @example
 * // plm::Grunfeld, firms 1–5 vs 6–10, firm effects, iid: R lm + Wald F 6.43… on (2, 186) (group-difference.R)
 * chowTest(grunfeld, "inv ~ value + capital", { group: "size", id: "firm", time: "year" }).statistic // 6.43…
 */
export function chowTest(data: DataInput, formula: string, options: GroupDifferenceOptions): ChowTestResult {
  const fn = "chowTest";
  return underName(fn, () => {
    checkData(data, fn);
    checkOptionNames(options, ["group", "id", "time", "effects", "terms", "vcov"], fn);
    const gi = groupInteraction(data, formula, options, fn);
    const fit = gi.fit(gi.indicator);
    const internal = gi.differenceNames(gi.indicator), display = gi.displayNames(gi.indicator);
    const w = waldTest(fit, internal);
    const differences = differenceRows(fit, internal, display);
    return makeResult<ChowTestResult>({
      statistic: w.statistic, distribution: w.distribution, df1: w.df1, df2: w.df2, pValue: w.pValue, groups: gi.levels, differences, vcovType: w.vcovType, n: gi.n,
      report: {
        title: `Chow test of equal coefficients: ${options.group} = ${gi.levels[1]} vs ${gi.levels[0]}`,
        header: [["Formula", formula], ["Groups", `${gi.levels[0]} (D = 0), ${gi.levels[1]} (D = 1)`], ["Observations", gi.n], ["Effects", options.id === undefined ? "none (intercept)" : `${options.effects ?? "entity"}, absorbed, common to both groups`], ["Standard errors", w.vcovType]],
        statistics: differences.map((d) => [`${d.term} (difference)`, d.estimate] as [string, number]),
        tests: [{ name: w.distribution === "F" ? "Chow F" : "Chow Wald chi-squared", statistic: w.statistic, df: w.distribution === "F" ? `${w.df1} and ${w.df2}` : w.df1, pValue: w.pValue }],
        notes: [`H0: ${display.join(", ")} = 0 (the ${display.length === 1 ? "coefficient is" : "coefficients are"} equal in the two groups).`],
      },
    });
  });
}
