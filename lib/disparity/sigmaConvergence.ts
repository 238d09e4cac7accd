import { checkOptionNames } from "../core/options";
import { numericColumn } from "../core/data";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/**
 * Coefficient of variation σ / μ, numeric core. Unweighted: σ is the sample standard deviation (divisor n − 1,
 * as R's `sd`). Weighted (Williamson 1965): σ² = Σ (w_i / W)(y_i − μ)², μ = Σ w y / W (no small-sample correction).
 * @example coefficientOfVariation(Float64Array.from([1, 2, 3])) // 0.5
 */
export function coefficientOfVariation(y: Float64Array, w?: Float64Array): number {
  const d = dispersion(y, w);
  return d.sd / d.mean;
}

/** Mean and standard deviation (divisor n − 1 unweighted; weighted: divisor W = Σ w). */
function dispersion(y: Float64Array, w?: Float64Array): { mean: number; sd: number } {
  const n = y.length;
  if (!w) {
    let m = 0;
    for (let i = 0; i < n; i++) m += y[i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i] - m) ** 2;
    return { mean: m, sd: Math.sqrt(ss / (n - 1)) };
  }
  let W = 0, S = 0;
  for (let i = 0; i < n; i++) { W += w[i]; S += w[i] * y[i]; }
  const m = S / W;
  let v = 0;
  for (let i = 0; i < n; i++) v += (w[i] / W) * (y[i] - m) ** 2;
  return { mean: m, sd: Math.sqrt(v) };
}

/** Options of {@link sigmaConvergence}. */
export interface SigmaConvergenceOptions {
  /** The column measured (e.g. GDP per capita), > 0. */
  value: string;
  /** The period column. */
  time: string;
  /** Optional population weight column (weighted CV, weighted σ of logs; divisor W). */
  weight?: string;
}

/** The result of {@link sigmaConvergence}. */
export interface SigmaConvergenceResult {
  /** Periods in ascending order. */
  times: number[];
  /** Units per period. */
  counts: number[];
  /** σ_t: standard deviation of ln(value) per period (divisor n − 1 unweighted, W weighted). */
  sigma: Float64Array;
  /** CV_t: coefficient of variation of value per period (see {@link coefficientOfVariation}). */
  cv: Float64Array;
  /** Least-squares slope of σ_t on t (negative: σ-convergence) and of CV_t on t. */
  sigmaTrend: number;
  cvTrend: number;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

function slope(t: number[], v: Float64Array): number {
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (t[i] - mt) * (v[i] - mv); sxx += (t[i] - mt) ** 2; }
  return sxy / sxx;
}

/**
 * σ-convergence (σ收敛): the dispersion of ln(value) and the coefficient of variation, period by period, and their
 * linear trends. Falling dispersion is σ-convergence (Barro & Sala-i-Martin 1992; Sala-i-Martin 1996).
 *
 * Source: Sala-i-Martin, X. (1996) "The classical approach to convergence analysis", *Economic Journal* 106, 1019–1036;
 * as REAT's `sigmaconv` (standard deviation of logs per period).
 * @param data long table, one row per unit × period
 * @param options `value`, `time`, optional `weight`
 * @throws `sigmaConvergence: column "gdppc" has a non-positive value (row 3: 0)`; `sigmaConvergence: period 2005 has 1 unit; need at least 2`;
 *   `sigmaConvergence: need at least 2 periods`
 * @example sigmaConvergence({ y: [1, 3, 2, 2.5], t: [1, 1, 2, 2] }, { value: "y", time: "t" }).sigmaTrend < 0 // true
 */
export function sigmaConvergence(data: DataInput, options: SigmaConvergenceOptions): SigmaConvergenceResult {
  const fn = "sigmaConvergence";
  checkOptionNames(options, ["value", "time", "weight"], fn);
  if (!options || typeof options.value !== "string" || typeof options.time !== "string") throw new Error(`${fn}: options "value" and "time" are required`);
  const y = numericColumn(data, options.value, fn);
  const t = numericColumn(data, options.time, fn);
  const w = options.weight ? numericColumn(data, options.weight, fn) : undefined;
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) throw new Error(`${fn}: column "${options.value}" has a non-positive value (row ${i}: ${y[i]}); σ is taken on logs`);
    if (w && !(w[i] >= 0)) throw new Error(`${fn}: weight column "${options.weight}" has a negative value (row ${i}: ${w[i]})`);
  }
  const times = [...new Set(Array.from(t))].sort((a, b) => a - b);
  if (times.length < 2) throw new Error(`${fn}: need at least 2 periods, got ${times.length}`);
  const sigma = new Float64Array(times.length), cv = new Float64Array(times.length);
  const counts: number[] = [];
  times.forEach((tt, k) => {
    const rows = [];
    for (let i = 0; i < t.length; i++) if (t[i] === tt) rows.push(i);
    if (rows.length < 2) throw new Error(`${fn}: period ${tt} has ${rows.length} unit; need at least 2`);
    counts.push(rows.length);
    const yy = Float64Array.from(rows, (i) => y[i]);
    const ww = w ? Float64Array.from(rows, (i) => w[i]) : undefined;
    cv[k] = coefficientOfVariation(yy, ww);
    sigma[k] = dispersion(yy.map(Math.log), ww).sd;
  });
  const sigmaTrend = slope(times, sigma), cvTrend = slope(times, cv);
  const report: ReportParts = {
    title: "Sigma convergence",
    header: [["Variable", options.value], ["Weighting", options.weight ? `population-weighted ("${options.weight}")` : "unweighted"], ["Periods", `${times[0]}–${times[times.length - 1]} (${times.length})`]],
    statistics: [["Trend of sigma (per period)", sigmaTrend], ["Trend of CV (per period)", cvTrend]],
    table: { caption: "Dispersion by period", columns: ["time", "n", "sigma (sd of log)", "CV"], rows: times.map((tt, k) => [String(tt), counts[k], sigma[k], cv[k]]) },
  };
  return makeResult<SigmaConvergenceResult>({ times, counts, sigma, cv, sigmaTrend, cvTrend, variable: options.value, report });
}
