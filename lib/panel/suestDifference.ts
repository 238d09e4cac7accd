/**
 * Seemingly-unrelated-estimation Wald test of the difference of coefficients between two separately estimated
 * group models (Stata `suest` style): the two models' scores stacked and clustered together.
 */
import type { DataInput } from "../core/types";
import { idColumn } from "../core/data";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import { chiSquaredUpper, normalTwoSided } from "../distributions/cdf";
import { inverseGeneral } from "../linalg";
import type { Fit, ReportParts } from "../inference/fit";
import type { LeastSquaresInference } from "../inference/leastSquares";
import { groupCodes } from "../inference/sandwich";
import { ols } from "../regression/ols";
import { makeResult } from "../report/modelSummary";
import { panelFE } from "./panelFE";
import { takeRows } from "./sample";
import type { PanelEffects } from "./withinTransform";

/** Options of {@link suestDifference}. */
export interface SuestDifferenceOptions {
  /** Column with exactly two values; differences are (second in sorted order) − (first). */
  group: string;
  /** Unit column: each group's model absorbs fixed effects (panelFE); without it, OLS with an intercept. */
  id?: string;
  /** Period column (with `id`). */
  time?: string;
  /** Absorbed effects with `id` (default "entity"), estimated separately in each group. */
  effects?: PanelEffects;
  /** Cluster column of the stacked scores (default `id`; without both, each row is its own cluster: heteroskedasticity-robust). */
  cluster?: string;
  /** Coefficients compared (default all slopes common to both models). */
  terms?: string[];
}

/** Result of {@link suestDifference}. */
export interface SuestDifferenceResult {
  /** Wald χ² of H0: all listed differences are zero. */
  statistic: number;
  df: number;
  pValue: number;
  groups: [string, string];
  /** Per coefficient: the two estimates, the difference, its standard error and z test. */
  differences: { term: string; first: number; second: number; difference: number; stdError: number; z: number; pValue: number }[];
  /** Covariance of the stacked coefficients (first group's terms, then the second's), row-major. */
  covariance: Float64Array;
  clusters: number;
  vcovType: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Wald test that coefficients differ between two separately estimated group models, from stacked scores.
 *
 * Long name: seemingly unrelated estimation (Weesie 1999, Stata Technical Bulletin 52, sg121; Stata `suest`) test of
 * cross-model coefficient equality. Each group's model is fitted on its own rows (its own fixed effects and slopes);
 * the influence rows ψ_i = (X̃'X̃)⁻¹ x̃_i û_i of both models are stacked (zero outside each model's rows), summed by
 * cluster, and V = G/(G−1) Σ_g h_g h_g' (n/(n−1) with row clusters), as `suest, vce(cluster)`. The difference
 * d = b₂ − b₁ has variance V₁₁ + V₂₂ − V₁₂ − V₂₁, nonzero cross terms arising when clusters (e.g. years, regions)
 * span both groups; W = d'V_d⁻¹d ~ χ²(q).
 * @param data table or long panel
 * @param formula `"y ~ x1 + x2"`
 * @param options `group`, `id`, `time`, `effects`, `cluster`, `terms`
 * @throws `suestDifference: group column "g" has 3 values …`; `suestDifference: unknown term "x" …`; the estimators'
 *   errors for either group (missing values, too few rows) under this name; `… needs at least 2 clusters`
 * @example
 * // plm::Grunfeld, firms 1–5 vs 6–10, firm effects, clustered by firm: R sandwich by hand χ² 17.2… (group-difference.R)
 * suestDifference(grunfeld, "inv ~ value + capital", { group: "size", id: "firm", time: "year" }).statistic // 17.2…
 */
export function suestDifference(data: DataInput, formula: string, options: SuestDifferenceOptions): SuestDifferenceResult {
  const fn = "suestDifference";
  return underName(fn, () => {
    checkData(data, fn);
    checkOptionNames(options, ["group", "id", "time", "effects", "cluster", "terms"], fn);
    if (!options || typeof options.group !== "string") throw new Error(`${fn}: option group is required (the column with the two groups)`);
    if ((options.id === undefined) !== (options.time === undefined)) throw new Error(`${fn}: options id and time go together (the unit and period columns of a panel)`);
    const labels = idColumn(data, options.group, fn);
    const levels = [...new Set(labels)].sort();
    if (levels.length !== 2) throw new Error(`${fn}: group column "${options.group}" has ${levels.length} value${levels.length === 1 ? "" : "s"} (${levels.slice(0, 5).join(", ")}); the test compares two groups`);
    const rows = levels.map((l) => labels.flatMap((v, i) => (v === l ? [i] : [])));
    const fitGroup = (r: number[], level: string): Fit => {
      const sub = takeRows(data, r, fn);
      try {
        return options.id === undefined ? ols(sub, formula) : panelFE(sub, formula, { id: options.id, time: options.time as string, effects: options.effects ?? "entity" });
      } catch (e) { throw new Error(`${fn}: group ${options.group} = ${level}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }); }
    };
    const fits = [fitGroup(rows[0], levels[0]), fitGroup(rows[1], levels[1])];
    const common = fits[0].coefficientNames.filter((t) => t !== "(Intercept)" && fits[1].coefficientNames.includes(t));
    const terms = options.terms ?? common;
    if (!Array.isArray(terms) || terms.length === 0) throw new Error(`${fn}: terms must be a non-empty list (coefficients in both models: ${common.join(", ")})`);
    for (const t of terms) if (!common.includes(t)) throw new Error(`${fn}: unknown term ${JSON.stringify(t)} (coefficients in both models: ${common.join(", ")})`);
    const q = terms.length, p = 2 * q;
    const clusterColumn = options.cluster ?? options.id;
    const n = labels.length;
    const { codes, G } = clusterColumn === undefined ? { codes: Int32Array.from({ length: n }, (_, i) => i), G: n } : groupCodes(idColumn(data, clusterColumn, fn));
    if (G < 2) throw new Error(`${fn}: clustered inference needs at least 2 clusters; column "${clusterColumn}" has ${G}`);
    const H = new Float64Array(G * p);
    fits.forEach((f, m) => {
      const inf = f.inference as LeastSquaresInference;
      const k = inf.k, nm = inf.n;
      const idx = terms.map((t) => f.coefficientNames.indexOf(t));
      for (let i = 0; i < nm; i++) {
        const g = codes[rows[m][i]], u = inf.residuals[i];
        for (let a = 0; a < q; a++) {
          let s = 0;
          for (let c = 0; c < k; c++) s += inf.bread[idx[a] * k + c] * inf.X[c * nm + i];
          H[g * p + m * q + a] += s * u;
        }
      }
    });
    const factor = G / (G - 1);
    const V = new Float64Array(p * p);
    for (let g = 0; g < G; g++) for (let a = 0; a < p; a++) { const h = H[g * p + a]; if (h !== 0) for (let b = 0; b < p; b++) V[a * p + b] += factor * h * H[g * p + b]; }
    const est = fits.map((f) => terms.map((t) => f.coef(t).estimate));
    const d = terms.map((_, a) => est[1][a] - est[0][a]);
    const Vd = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Vd[a * q + b] = V[a * p + b] + V[(q + a) * p + q + b] - V[a * p + q + b] - V[(q + a) * p + b];
    const Vi = inverseGeneral(Vd, q, fn);
    let W = 0;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W += d[a] * Vi[a * q + b] * d[b];
    const pValue = chiSquaredUpper(W, q);
    const differences = terms.map((t, a) => {
      const se = Math.sqrt(Vd[a * q + a]);
      return { term: t, first: est[0][a], second: est[1][a], difference: d[a], stdError: se, z: d[a] / se, pValue: normalTwoSided(d[a] / se) };
    });
    const vcovType = clusterColumn === undefined ? "heteroskedasticity-robust, stacked scores, n/(n−1) (suest)" : `cluster-robust by ${clusterColumn} (${G} clusters), stacked scores, G/(G−1) (suest)`;
    return makeResult<SuestDifferenceResult>({
      statistic: W, df: q, pValue, groups: [levels[0], levels[1]], differences, covariance: V, clusters: G, vcovType,
      report: {
        title: `Seemingly unrelated estimation: ${options.group} = ${levels[1]} vs ${levels[0]}`,
        header: [["Formula", formula], ["Models", `${levels[0]} (${rows[0].length} rows), ${levels[1]} (${rows[1].length} rows), estimated separately`], ["Variance", vcovType]],
        statistics: [],
        tests: [{ name: "Wald chi-squared (all differences)", statistic: W, df: q, pValue }],
        table: {
          caption: `Differences ${levels[1]} − ${levels[0]}`,
          columns: ["term", levels[0], levels[1], "difference", "std. error", "z", "p-value"],
          rows: differences.map((x) => [x.term, x.first, x.second, x.difference, x.stdError, x.z, x.pValue]),
        },
        notes: ["z and χ² from the joint covariance of the two models' coefficients (cross-model covariance from clusters spanning both groups)."],
      },
    });
  });
}
