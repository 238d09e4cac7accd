/**
 * Callaway & Sant'Anna (2021) group-time average treatment effects ATT(g, t) for staggered adoption, with their
 * simple, dynamic (event-time), group and calendar aggregations and influence-function standard errors.
 */
import type { DataInput } from "../core/types";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import { normalTwoSided } from "../distributions/cdf";
import { normalQuantile } from "../distributions/normalQuantile";
import type { Fit, ReportParts } from "../inference/fit";
import type { InformationInference } from "../inference/leastSquares";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { formatNumber } from "../report/format";
import { makeFit } from "../report/modelSummary";
import { drdidPanel, type DrdidMethod } from "./drdidPanel";
import { staggeredPanel, type UnbalancedPolicy } from "./staggeredPanel";

/** Options of {@link callawaySantAnna}. */
export interface CallawaySantAnnaOptions {
  /** Outcome column. */
  y: string;
  /** Unit column. */
  id: string;
  /** Period column (numeric). */
  time: string;
  /** Adoption-period column (first treated period); missing for never-treated units (adoption after the last period counts as never treated). */
  treatment: string;
  /** Comparison units: "never" (never-treated, default) or "notYet" (never-treated and not yet treated at max(t, base period)). */
  control?: "never" | "notYet";
  /** Covariates of conditional parallel trends (numeric columns; values at the base period of each cell, as did). */
  covariates?: string[];
  /** With covariates: "dr" (doubly robust, default, as did), "reg" (outcome regression) or "ipw" (normalized IPW). */
  method?: DrdidMethod;
  /** Base period: "varying" (default; t − 1 before adoption, g − 1 − anticipation after) or "universal" (g − 1 − anticipation for every t). */
  basePeriod?: "varying" | "universal";
  /** Periods of anticipation δ (default 0): the base period is g − 1 − δ and not-yet-treated comparisons must adopt after t + δ. */
  anticipation?: number;
  /** Units missing some period: "error" (default) or "balance" (drop them, as did's `att_gt(panel = TRUE)`). */
  unbalanced?: UnbalancedPolicy;
  /** Multiplier bootstrap of the standard errors (Rademacher weights, as did), seeded; default: analytic influence-function SEs. */
  bootstrap?: { replications: number; seed?: number };
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

/** One row of an aggregation: a cohort, an event time or a period, its ATT, standard error and pointwise interval. */
export interface AggregateRow {
  /** Cohort (group), event time e = t − g (dynamic), or period (calendar). */
  key: number;
  estimate: number;
  stdError: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** An aggregation of the ATT(g, t): the overall average and (except "simple") its components. */
export interface Aggregation {
  type: "simple" | "dynamic" | "group" | "calendar";
  overall: { estimate: number; stdError: number; lower: number; upper: number; pValue: number };
  rows: AggregateRow[];
  /** With `bootstrap`: the sup-t critical value of a uniform band over the rows (estimate ± c·SE), as did's `cband`; else null. */
  criticalValue: number | null;
}

/** One group-time effect. */
export interface GroupTimeEffect {
  group: number;
  period: number;
  /** Base period of the long difference (g − 1 − anticipation after adoption; t − 1 before it with the "varying" base). */
  base: number;
  /** The universal base period's own cell (ATT 0 by construction, no variance; not a coefficient of the fit). */
  reference: boolean;
  estimate: number;
  stdError: number;
  /** Treated and comparison units used. */
  nTreated: number;
  nControl: number;
}

/** Result of {@link callawaySantAnna}. */
export interface CallawaySantAnnaResult extends Fit {
  kind: "callawaySantAnna";
  control: "never" | "notYet";
  level: number;
  /** ATT(g, t) in did's order (cohort, then period). */
  groupTime: GroupTimeEffect[];
  simple: Aggregation;
  dynamic: Aggregation;
  group: Aggregation;
  calendar: Aggregation;
  /** Units: all used, and dropped (treated in the first period; unbalanced with `unbalanced: "balance"`). */
  units: { used: number; droppedAlwaysTreated: string[]; droppedUnbalanced: string[] };
  /** Influence functions of the ATT(g, t), unit-major n × cells (scaled as did: the SE is sqrt(Σψ²)/n). */
  influence: Float64Array;
  bootstrap: { replications: number; seed: number } | null;
  /** With `bootstrap`: the sup-t critical value of a uniform band over all ATT(g, t) (did's `att_gt(cband = TRUE)`); else null. */
  groupTimeCriticalValue: number | null;
}

const term = (g: number, t: number) => `ATT(${g},${t})`;

/**
 * Group-time average treatment effects ATT(g, t) of Callaway & Sant'Anna (2021); under unconditional parallel trends
 * ATT(g, t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], with base period b = g − 1 for t ≥ g and b = t − 1 before
 * adoption ("varying" base; "universal": b = g − 1 throughout; with anticipation δ, g − 1 − δ), C the never-treated units or the not-yet-treated ones (adoption after max(t, b), other
 * cohorts). Aggregations as did's `aggte`: simple (cohort-size weighted post-treatment cells), dynamic (by event time
 * e = t − g; overall = mean over e ≥ 0), group (mean over a cohort's post periods; overall weighted by cohort size),
 * calendar (by period; overall = mean). Standard errors from the influence functions, including the estimation of
 * the cohort-share weights; with `bootstrap`, the multiplier bootstrap (Rademacher weights; SE from the interquartile
 * range as did's `mboot`).
 *
 * Long name: Callaway–Sant'Anna difference-in-differences with multiple periods (J. Econometrics 225, 2021), R did
 * 2.1.2 `att_gt(xformla = ~1 or ~x, est_method, base_period, anticipation, bstrap = FALSE)` and `aggte(bstrap = FALSE, cband = FALSE)`.
 * Units adopting in the first period are dropped (no pre-period), as did does; with `control: "notYet"` and no
 * never-treated units, periods from the last cohort's adoption on are dropped and that cohort is only a comparison
 * group, as did does. With `covariates` (conditional parallel trends), each cell is estimated by Sant'Anna & Zhao's
 * (2020) doubly robust, outcome-regression or IPW estimator on the units of the cell (`drdidPanel`, as did's
 * `est_method`), covariates taken at the cell's base period (did's `panel2cs2`). One deliberate difference from did 2.1.2: the overall SE of the group
 * aggregation uses the weight influence function of each cohort g (did indexes it by cell, see
 * test/reference/staggered-did.R); every other number agrees with did.
 * The coefficients of the fit are the ATT(g, t) with their joint influence-function variance, so `waldTest(fit,
 * pre-period terms)` is the joint pre-trend test.
 * @param data long panel
 * @param options `y`, `id`, `time`, `treatment`, `control`, `covariates`, `method`, `basePeriod`, `anticipation`,
 *   `unbalanced`, `bootstrap`, `level`
 * @throws `callawaySantAnna: control "never" needs never-treated units (column "first.treat" has none); use control: "notYet"`;
 *   `callawaySantAnna: ATT(2004,2005) has standard error 0: the changes of "y" … do not vary`; `callawaySantAnna:
 *   ATT(g,t): covariates … are collinear …`; `callawaySantAnna: data must be a DataFrame or an object of columns`;
 *   `callawaySantAnna: no cohort adopts after the first period`; the errors of the panel reader (missing values, timing
 *   varying within a unit, unbalanced panel)
 * @example
 * // sim: the SYNTHETIC panel test/fixtures/staggered/synthetic-staggered-cs.csv (500 units, 2003-2007); it codes
 * // never-treated units as first.treat = 0, as R did does; lib wants a missing adoption period
 * const data = { ...sim, adoption: sim["first.treat"].map((g) => (g === 0 ? null : g)) };
 * const cs = callawaySantAnna(data, { y: "y", id: "unit", time: "year", treatment: "adoption" });
 * cs.coef("ATT(2004,2004)").estimate // -0.0162 (as did's att_gt); cs.simple.overall.estimate // -0.0189
 */
export function callawaySantAnna(data: DataInput, options: CallawaySantAnnaOptions): CallawaySantAnnaResult {
  return underName("callawaySantAnna", () => callawaySantAnnaBody(data, options));
}

function callawaySantAnnaBody(data: DataInput, options: CallawaySantAnnaOptions): CallawaySantAnnaResult {
  const fn = "callawaySantAnna";
  checkData(data, fn);
  checkOptionNames(options, ["y", "id", "time", "treatment", "control", "covariates", "method", "basePeriod", "anticipation", "unbalanced", "bootstrap", "level"], fn);
  const basePeriod = options.basePeriod ?? "varying";
  if (basePeriod !== "varying" && basePeriod !== "universal") throw new Error(`${fn}: basePeriod must be "varying" or "universal" (got ${JSON.stringify(basePeriod)})`);
  const delta = options.anticipation ?? 0;
  if (!(Number.isInteger(delta) && delta >= 0)) throw new Error(`${fn}: anticipation must be a non-negative integer number of periods (got ${delta})`);
  const method = options.method ?? "dr";
  if (method !== "dr" && method !== "reg" && method !== "ipw") throw new Error(`${fn}: method must be "dr", "reg" or "ipw" (got ${JSON.stringify(method)})`);
  const covariates = options.covariates ?? [];
  const control = options.control ?? "never";
  if (control !== "never" && control !== "notYet") throw new Error(`${fn}: control must be "never" or "notYet" (got ${JSON.stringify(control)})`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1) (got ${level})`);
  const panel = staggeredPanel(data, options, fn);
  let periods = panel.periods;
  const T0 = periods.length;
  // drop units treated in the first period (no pre-treatment period), as did does
  const keep: number[] = [], always: string[] = [];
  for (let u = 0; u < panel.units.length; u++) {
    if (panel.adoption[u] <= periods[0]) always.push(panel.units[u]);
    else keep.push(u);
  }
  const n = keep.length;
  const G = Float64Array.from(keep, (u) => panel.adoption[u]);
  let cohorts = [...new Set(G)].filter((g) => Number.isFinite(g)).sort((a, b) => a - b);
  if (cohorts.length === 0) throw new Error(`${fn}: no cohort adopts after the first period (column "${options.treatment}")`);
  let lastCohortOnlyControl: number | null = null;
  if (!G.some((g) => g === Infinity)) {
    if (control === "never") {
      const hint = always.length > 0 ? ` (${always.length} units adopted by the first period and were dropped as always treated; if 0 codes never-treated units, as in R did, set it to missing)` : "";
      throw new Error(`${fn}: control "never" needs never-treated units (column "${options.treatment}" has none); use control: "notYet"${hint}`);
    }
    // as did: periods from the last cohort's adoption on are dropped, and that cohort is only a comparison group
    lastCohortOnlyControl = cohorts[cohorts.length - 1];
    periods = periods.filter((p) => p < lastCohortOnlyControl! - delta);
    cohorts = cohorts.slice(0, -1);
    if (cohorts.length === 0 || periods.length < 2) throw new Error(`${fn}: without never-treated units, control "notYet" needs two cohorts and a period before the last one adopts`);
  }
  // cohorts need a pre-anticipation period (did: g > first period + anticipation)
  cohorts = cohorts.filter((g) => g > periods[0] + delta);
  if (cohorts.length === 0) throw new Error(`${fn}: no cohort adopts after the first period + anticipation (${delta})`);
  const T = periods.length;
  const Y = new Float64Array(n * T);
  keep.forEach((u, r) => { for (let j = 0; j < T; j++) Y[r * T + j] = panel.y[u * T0 + j]; });
  const Xc = panel.x.map((m) => {
    const out = new Float64Array(n * T);
    keep.forEach((u, r) => { for (let j = 0; j < T; j++) out[r * T + j] = m[u * T0 + j]; });
    return out;
  });
  const p = covariates.length + 1;
  const cells: GroupTimeEffect[] = [];
  const psi: Float64Array[] = [];
  const skipped: string[] = [];
  for (const g of cohorts) {
    const gBase = periods.filter((p) => p + delta < g).length - 1; // index of the last period before g − anticipation
    for (let j = basePeriod === "universal" ? 0 : 1; j < T; j++) {
      const t = periods[j];
      const b = basePeriod === "universal" || t >= g ? gBase : j - 1;
      if (b === j) {
        psi.push(new Float64Array(n));
        cells.push({ group: g, period: t, base: t, reference: true, estimate: 0, stdError: 0, nTreated: 0, nControl: 0 });
        continue;
      }
      const bound = Math.max(t, periods[b]) + delta;
      const treatedIdx: number[] = [], controlIdx: number[] = [];
      for (let i = 0; i < n; i++) {
        if (G[i] === g) treatedIdx.push(i);
        else if (G[i] === Infinity || (control === "notYet" && G[i] > bound)) controlIdx.push(i);
      }
      if (controlIdx.length === 0) { skipped.push(term(g, t)); continue; }
      const dy = (i: number) => Y[i * T + j] - Y[i * T + b];
      const n1 = treatedIdx.length + controlIdx.length, scale = n / n1;
      const f = new Float64Array(n);
      let estimate: number;
      if (covariates.length === 0) {
        // unconditional: difference of mean changes; every method reduces to it
        let m1 = 0, m0 = 0;
        for (const i of treatedIdx) m1 += dy(i);
        for (const i of controlIdx) m0 += dy(i);
        m1 /= treatedIdx.length; m0 /= controlIdx.length;
        const share = treatedIdx.length / n1;
        for (const i of treatedIdx) f[i] = (scale * (dy(i) - m1)) / share;
        for (const i of controlIdx) f[i] = (-scale * (dy(i) - m0)) / (1 - share);
        estimate = m1 - m0;
      } else {
        const rowsUsed = [...treatedIdx, ...controlIdx];
        const D = Uint8Array.from(rowsUsed, (i) => (G[i] === g ? 1 : 0));
        const X = new Float64Array(n1 * p);
        rowsUsed.forEach((i, r) => {
          X[r] = 1;
          Xc.forEach((m, c) => { X[(c + 1) * n1 + r] = m[i * T + b]; });
        });
        let out: { att: number; influence: Float64Array };
        try {
          out = drdidPanel(Float64Array.from(rowsUsed, dy), D, X, n1, p, method, "drdidPanel");
        } catch (e) {
          const what = String((e as Error).message).includes("propensity") ? "the propensity-score logit" : "the outcome regression on the comparison units";
          throw new Error(`${fn}: ATT(${g},${t}): covariates ${covariates.join(", ")} are collinear with the intercept or each other, or do not vary, among the units of the cell (${what} cannot be fitted: ${(e as Error).message})`, { cause: e });
        }
        rowsUsed.forEach((i, r) => { f[i] = scale * out.influence[r]; });
        estimate = out.att;
      }
      psi.push(f);
      cells.push({ group: g, period: t, base: periods[b], reference: false, estimate, stdError: Number.NaN, nTreated: treatedIdx.length, nControl: controlIdx.length });
    }
  }
  const K = cells.length;
  // standard errors: analytic sqrt(Σψ²)/n, or the multiplier bootstrap
  let seInfluence: (f: Float64Array) => number = (f) => { let s = 0; for (let i = 0; i < n; i++) s += f[i] * f[i]; return Math.sqrt(s) / n; };
  let bootstrap: CallawaySantAnnaResult["bootstrap"] = null;
  let criticalValue: (fs: Float64Array[]) => number | null = () => null;
  if (options.bootstrap !== undefined) {
    const B = options.bootstrap.replications;
    if (!Number.isInteger(B) || B < 2) throw new Error(`${fn}: bootstrap.replications must be an integer ≥ 2 (got ${B})`);
    const seed = resolveSeed(options.bootstrap.seed, fn);
    const r = rng(seed);
    // Rademacher weights (±1 with probability 1/2), as did's BMisc::multiplier_bootstrap
    const V = new Float64Array(B * n);
    for (let k = 0; k < B * n; k++) V[k] = r.next() < 0.5 ? -1 : 1;
    const zq = normalQuantile(0.75) - normalQuantile(0.25);
    const q = (sorted: Float64Array, pr: number) => sorted[Math.max(0, Math.ceil(pr * B) - 1)]; // type-1 quantile, as did's mboot
    const drawsOf = (f: Float64Array) => {
      const draws = new Float64Array(B);
      for (let rep = 0; rep < B; rep++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += V[rep * n + i] * f[i];
        draws[rep] = s / n;
      }
      return draws;
    };
    seInfluence = (f) => {
      const sorted = drawsOf(f).sort();
      return (q(sorted, 0.75) - q(sorted, 0.25)) / zq;
    };
    // sup-t: the level quantile of max_k |draw_k| / SE_k over the non-degenerate columns, as did's mboot
    criticalValue = (fs) => {
      const cols = fs.map(drawsOf).filter((d) => d.some((v) => Math.abs(v) > 1e-12));
      if (cols.length === 0) return null;
      const se = cols.map((d) => { const sorted = Float64Array.from(d).sort(); return (q(sorted, 0.75) - q(sorted, 0.25)) / zq; });
      const bT = new Float64Array(B);
      for (let rep = 0; rep < B; rep++) { let m = 0; cols.forEach((d, k) => { m = Math.max(m, Math.abs(d[rep]) / se[k]); }); bT[rep] = m; }
      return q(bT.sort(), level);
    };
    bootstrap = { replications: B, seed };
  }
  cells.forEach((c, k) => { c.stdError = seInfluence(psi[k]); });
  if (cells.some((c) => !Number.isFinite(c.stdError) || !Number.isFinite(c.estimate))) {
    throw new Error(`${fn}: the ATT(g,t) or their standard errors overflow (outcome "${options.y}" of magnitude ${formatNumber(Math.max(...Array.from(panel.y, Math.abs)))}); rescale the outcome`);
  }
  const flat = cells.find((c, k) => !c.reference && psi[k].every((v) => v === 0));
  if (flat) {
    throw new Error(`${fn}: ATT(${flat.group},${flat.period}) has standard error 0: the changes of "${options.y}" from ${flat.base} to ${flat.period} do not vary within the cohort and its comparison units (constant outcome?), so there is no inference`);
  }
  // cohort shares among all units (did's pg), and the weight influence function of did's `wif`
  const share = new Map(cohorts.map((g) => [g, G.reduce((s, x) => s + (x === g ? 1 : 0), 0) / n]));
  const zc = normalQuantile(1 - (1 - level) / 2);
  const summarize = (est: number, f: Float64Array) => {
    const se = seInfluence(f);
    // a reference row (universal base) has no variance: estimate 0, p-value 1
    return { estimate: est, stdError: se, lower: est - zc * se, upper: est + zc * se, pValue: se > 0 ? normalTwoSided(est / se) : 1 };
  };
  /** Weighted combination Σ w_k ATT_k with the influence function Σ w_k ψ_k (+ the weight estimation term when weights are cohort shares). */
  const combine = (idx: number[], withWif: boolean): [number, Float64Array] => {
    const pg = idx.map((k) => share.get(cells[k].group)!);
    const S = pg.reduce((a, b) => a + b, 0);
    const f = new Float64Array(n);
    let est = 0;
    idx.forEach((k, a) => {
      const w = pg[a] / S;
      est += w * cells[k].estimate;
      const pk = psi[k];
      for (let i = 0; i < n; i++) f[i] += w * pk[i];
    });
    if (withWif) addWif(f, idx.map((k) => cells[k].group), pg, idx.map((k) => cells[k].estimate));
    return [est, f];
  };
  /** did's wif(): ψ_i += Σ_k att_k (1{G_i = g_k} − p_k)/S − (Σ_k (1{G_i = g_k} − p_k)) Σ_k p_k att_k / S². */
  const addWif = (f: Float64Array, groups: number[], pg: number[], att: number[]) => {
    const S = pg.reduce((a, b) => a + b, 0);
    let pa = 0;
    for (let a = 0; a < groups.length; a++) pa += pg[a] * att[a];
    for (let i = 0; i < n; i++) {
      let s1 = 0, s2 = 0;
      for (let a = 0; a < groups.length; a++) {
        const d = (G[i] === groups[a] ? 1 : 0) - pg[a];
        s1 += d * att[a];
        s2 += d;
      }
      f[i] += s1 / S - (s2 * pa) / (S * S);
    }
  };
  const mean = (parts: [number, Float64Array][]): [number, Float64Array] => {
    const f = new Float64Array(n);
    let est = 0;
    for (const [e, g] of parts) { est += e / parts.length; for (let i = 0; i < n; i++) f[i] += g[i] / parts.length; }
    return [est, f];
  };
  const post = cells.map((_, k) => k).filter((k) => cells[k].period >= cells[k].group);
  const simple: Aggregation = { type: "simple", overall: summarize(...combine(post, true)), rows: [], criticalValue: null };
  // dynamic
  const eseq = [...new Set(cells.map((c) => c.period - c.group))].sort((a, b) => a - b);
  const dyn = eseq.map((e) => combine(cells.map((_, k) => k).filter((k) => cells[k].period - cells[k].group === e), true));
  const dynamic: Aggregation = {
    type: "dynamic",
    overall: summarize(...mean(dyn.filter((_, a) => eseq[a] >= 0))),
    rows: dyn.map(([e, f], a) => ({ key: eseq[a], ...summarize(e, f) })),
    criticalValue: criticalValue(dyn.map(([, f]) => f)),
  };
  // group
  const grp = cohorts.map((g) => mean(post.filter((k) => cells[k].group === g).map((k) => [cells[k].estimate, psi[k]] as [number, Float64Array])));
  const groupOverall = ((): [number, Float64Array] => {
    const pg = cohorts.map((g) => share.get(g)!);
    const S = pg.reduce((a, b) => a + b, 0);
    const f = new Float64Array(n);
    let est = 0;
    grp.forEach(([e, gf], a) => { est += (pg[a] / S) * e; for (let i = 0; i < n; i++) f[i] += (pg[a] / S) * gf[i]; });
    addWif(f, cohorts, pg, grp.map(([e]) => e));
    return [est, f];
  })();
  const group: Aggregation = {
    type: "group", overall: summarize(...groupOverall), rows: grp.map(([e, f], a) => ({ key: cohorts[a], ...summarize(e, f) })), criticalValue: criticalValue(grp.map(([, f]) => f)),
  };
  // calendar
  const calPeriods = [...new Set(cells.map((c) => c.period))].filter((t) => t >= cohorts[0]).sort((a, b) => a - b);
  const cal = calPeriods.map((t) => combine(post.filter((k) => cells[k].period === t), true));
  const calendar: Aggregation = {
    type: "calendar", overall: summarize(...mean(cal)), rows: cal.map(([e, f], a) => ({ key: calPeriods[a], ...summarize(e, f) })), criticalValue: criticalValue(cal.map(([, f]) => f)),
  };
  // the fit: ATT(g, t) (reference cells of the universal base excluded) with their joint variance Ψ'Ψ/n²
  // (bootstrap: the diagonal rescaled to the bootstrap SEs)
  const fitCells = cells.map((_, k) => k).filter((k) => !cells[k].reference);
  const Kf = fitCells.length;
  const names = fitCells.map((k) => term(cells[k].group, cells[k].period));
  const cov = new Float64Array(Kf * Kf);
  for (let a = 0; a < Kf; a++) for (let b = 0; b <= a; b++) {
    let s = 0;
    const fa = psi[fitCells[a]], fb = psi[fitCells[b]];
    for (let i = 0; i < n; i++) s += fa[i] * fb[i];
    cov[a * Kf + b] = cov[b * Kf + a] = s / (n * n);
  }
  if (bootstrap) {
    const d = Float64Array.from({ length: Kf }, (_, a) => Math.sqrt(cov[a * Kf + a]));
    for (let a = 0; a < Kf; a++) for (let b = 0; b < Kf; b++) {
      const r = d[a] > 0 && d[b] > 0 ? cov[a * Kf + b] / (d[a] * d[b]) : 0;
      cov[a * Kf + b] = r * cells[fitCells[a]].stdError * cells[fitCells[b]].stdError;
    }
  }
  const influence = new Float64Array(n * K);
  for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) influence[i * K + k] = psi[k][i];
  const label = bootstrap ? `multiplier bootstrap (Rademacher weights, ${bootstrap.replications} draws, seed ${bootstrap.seed})` : "influence function (analytic)";
  const inference: InformationInference = { type: "information", covariance: cov, names, label, fn };
  const estimates = Float64Array.from(fitCells, (k) => cells[k].estimate);
  const coefficients = fitCells.map((k, a) => {
    const c = cells[k], z = c.estimate / c.stdError;
    return { term: names[a], estimate: c.estimate, stdError: c.stdError, statistic: z, pValue: normalTwoSided(z) };
  });
  const report: ReportParts = {
    title: `Callaway–Sant'Anna group-time ATT (${control === "never" ? "never-treated" : "not-yet-treated"} comparison units, ${covariates.length === 0 ? "unconditional parallel trends" : `parallel trends given ${covariates.join(", ")}, ${{ dr: "doubly robust", reg: "outcome regression", ipw: "inverse probability weighting" }[method]}`})`,
    header: [
      ["Outcome", options.y],
      ["Units", n],
      ["Periods", `${periods[0]}–${periods[T - 1]} (${T})`],
      ["Cohorts", cohorts.join(", ")],
      ...(covariates.length > 0 ? [["Covariates", `${covariates.join(", ")} (${method})`] as [string, string]] : []),
    ],
    statistics: [
      ["Simple ATT", simple.overall.estimate], ["  standard error", simple.overall.stdError],
      ["Dynamic ATT (mean over e ≥ 0)", dynamic.overall.estimate], ["  standard error", dynamic.overall.stdError],
      ["Group ATT", group.overall.estimate], ["  standard error", group.overall.stdError],
      ["Calendar ATT", calendar.overall.estimate], ["  standard error", calendar.overall.stdError],
    ],
    notes: [
      basePeriod === "varying"
        ? `ATT(g,t): cohort g (first treated period) in period t; base period g − 1${delta > 0 ? ` − ${delta} (anticipation)` : ""} after adoption, t − 1 before it; pre-adoption cells are placebo effects.`
        : `ATT(g,t): cohort g (first treated period) in period t; universal base period g − 1${delta > 0 ? ` − ${delta} (anticipation)` : ""} (its own cell is 0 by construction and not a coefficient).`,
      ...(always.length > 0 ? [`${always.length} unit(s) treated in the first period dropped (no pre-treatment period).`] : []),
      ...(panel.droppedUnbalanced.length > 0 ? [`${panel.droppedUnbalanced.length} unit(s) missing some period dropped (unbalanced: "balance").`] : []),
      ...(lastCohortOnlyControl !== null ? [`No never-treated units: periods from ${lastCohortOnlyControl} on dropped; cohort ${lastCohortOnlyControl} serves only as a comparison group (as did).`] : []),
      ...(skipped.length > 0 ? [`No comparison units for ${skipped.join(", ")}: not estimated.`] : []),
    ],
    table: {
      caption: `Dynamic aggregation (event time e = t − g), ${Math.round(level * 100)}% pointwise intervals${dynamic.criticalValue !== null ? `; uniform band: estimate ± ${formatNumber(dynamic.criticalValue)} × SE` : ""}`,
      columns: ["e", "ATT", "Std. error", "Lower", "Upper"],
      rows: dynamic.rows.map((r) => [String(r.key), r.estimate, r.stdError, r.lower, r.upper]),
    },
  };
  return makeFit<CallawaySantAnnaResult>({
    kind: "callawaySantAnna",
    method: "Callaway–Sant'Anna group-time ATT",
    dependent: options.y,
    formula: `${options.y} ~ ATT(g,t)`,
    coefficients,
    coefficientNames: names,
    estimates,
    inference,
    variance: { names, values: cov, label, dfTest: null },
    vcovSpec: "iid",
    vcovType: label,
    dfTest: null,
    statisticName: "z",
    n: n * T,
    k: Kf,
    fit: { simpleATT: simple.overall.estimate },
    control,
    level,
    groupTime: cells,
    simple,
    dynamic,
    group,
    calendar,
    units: { used: n, droppedAlwaysTreated: always, droppedUnbalanced: panel.droppedUnbalanced.map((d) => d.unit) },
    influence,
    bootstrap,
    groupTimeCriticalValue: criticalValue(psi),
    report,
  });
}
