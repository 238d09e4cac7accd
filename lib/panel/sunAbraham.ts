/**
 * Sun & Abraham (2021) interaction-weighted event study: cohort × relative-period interactions in a two-way
 * fixed-effects regression, aggregated to event-time effects and an ATT with cohort-share weights.
 */
import type { DataInput } from "../core/types";
import { columnNames, isMissing, rawColumn, rowCount } from "../core/data";
import { checkOptionNames } from "../core/options";
import { checkData, checkFormula, underName } from "../core/validate";
import { normalTwoSided, tTwoSided } from "../distributions/cdf";
import type { ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { extendFit } from "./eventStudy";
import { panelFE, type PanelFEResult } from "./panelFE";

/** Options of {@link sunAbraham}. */
export interface SunAbrahamOptions {
  /** Unit column. */
  id: string;
  /** Period column (numeric). */
  time: string;
  /** Adoption-period column; missing (or after the last period) for never-treated units. */
  treatment: string;
  /** Control cohort: "never" (never-treated units, default) or "lastTreated" (the last-adopting cohort, periods from its adoption on dropped). */
  control?: "never" | "lastTreated";
  /** The omitted relative period of every cohort (default -1). */
  reference?: number;
  /** Variance (default `{ cluster: id }`, Stata convention, as fixest's default clustering by the first fixed effect). */
  vcov?: VcovSpec;
}

/** One aggregated event-time effect (or the ATT). */
export interface SunAbrahamEffect {
  /** Relative period k = t − g (NaN for the ATT row). */
  eventTime: number;
  estimate: number;
  stdError: number;
  statistic: number;
  pValue: number;
  /** The interaction terms combined and their weights (observation shares of the cohorts at k). */
  terms: string[];
  weights: number[];
}

/** Result of {@link sunAbraham}: the TWFE fit with cohort × period interactions and its interaction-weighted views. */
export interface SunAbrahamResult extends Omit<PanelFEResult, "kind" | "withVcov"> {
  kind: "sunAbraham";
  control: "never" | "lastTreated";
  reference: number;
  cohorts: number[];
  /** Event-time effects Σ_c w_c,k β_c,k under the fit's current variance. */
  readonly events: SunAbrahamEffect[];
  /** The ATT: all post-adoption interactions (k ≥ 0) weighted by their observation counts. */
  readonly att: SunAbrahamEffect;
  /** Units dropped as always treated (adopted by the first period, as fixest sets them to NA). */
  droppedAlwaysTreated: string[];
  /** The same result under another variance (the event-time views follow it). */
  withVcov(spec: VcovSpec): SunAbrahamResult;
}

const rel = (k: number) => (k < 0 ? `lead_${-k}` : `lag_${k}`);

/**
 * Sun–Abraham interaction-weighted estimator: y_it = Σ_c Σ_{k ≠ ref} δ_c,k 1[G_i = c]·1[t − c = k] + x_it'β + α_i
 * + λ_t + ε_it with never-treated (or last-treated) units as the only units without interactions; the event-time
 * effect is ν_k = Σ_c w_c,k δ_c,k with w_c,k the share of cohort c among the observations at relative period k, and
 * its variance w'V w (delta method, V the interaction block of the fit's variance).
 *
 * Long name: Sun & Abraham (2021, J. Econometrics 225) "Estimating dynamic treatment effects in event studies with
 * heterogeneous treatment effects", as fixest `feols(y ~ x + sunab(cohort, period) | id + period)` with
 * `summary(est)` (period aggregation) and `summary(est, agg = "ATT")`. Unbalanced panels are used as they are (the
 * two-way effects are absorbed exactly). With `control: "lastTreated"`, periods from the last cohort's adoption on
 * are dropped and that cohort gets no interactions (Sun & Abraham §4.1).
 * @param data long panel
 * @param formula `"y ~ controls"` (or `"y ~ 1"`)
 * @param options `id`, `time`, `treatment`, `control`, `reference`, `vcov`
 * @throws `sunAbraham: control "never" needs never-treated units (column "year_treated" has none); use control: "lastTreated"`;
 *   `sunAbraham: unit "7" has two adoption periods in column "year_treated"`; a non-numeric time or adoption column;
 *   `sunAbraham: the data already have a column "cohort_2_lag_0"`
 * @example
 * // the SYNTHETIC panel test/fixtures/staggered/synthetic-staggered-sunab.csv (95 units × 10 years, never = 10000)
 * const sa = sunAbraham(panel, "y ~ x1", { id: "id", time: "year", treatment: "year_treated" });
 * sa.events.find((e) => e.eventTime === 0)!.estimate // -1.1445 (fixest year::0); sa.att.estimate // -2.2379
 */
export function sunAbraham(data: DataInput, formula: string, options: SunAbrahamOptions): SunAbrahamResult {
  return underName("sunAbraham", () => sunAbrahamBody(data, formula, options));
}

function sunAbrahamBody(data: DataInput, formula: string, options: SunAbrahamOptions): SunAbrahamResult {
  const fn = "sunAbraham";
  checkData(data, fn);
  checkFormula(formula, fn);
  checkOptionNames(options, ["id", "time", "treatment", "control", "reference", "vcov"], fn);
  for (const o of ["id", "time", "treatment"] as const) {
    if (typeof options?.[o] !== "string") throw new Error(`${fn}: options { id, time, treatment } are required (column names)`);
  }
  const control = options.control ?? "never";
  if (control !== "never" && control !== "lastTreated") throw new Error(`${fn}: control must be "never" or "lastTreated" (got ${JSON.stringify(control)})`);
  const ref = options.reference ?? -1;
  if (!Number.isInteger(ref)) throw new Error(`${fn}: reference must be an integer relative period (got ${ref})`);
  const n = rowCount(data, fn);
  const ids = rawColumn(data, options.id, fn), time = rawColumn(data, options.time, fn), adopt = rawColumn(data, options.treatment, fn);
  const t = new Float64Array(n), g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ti = time[i];
    if (typeof ti !== "number" || !Number.isFinite(ti)) throw new Error(`${fn}: column "${options.time}" must be numeric (row ${i} is ${JSON.stringify(ti)})`);
    t[i] = ti;
    const gi = adopt[i];
    if (isMissing(gi)) g[i] = Infinity;
    else if (typeof gi !== "number" || !Number.isFinite(gi)) throw new Error(`${fn}: column "${options.treatment}" must hold adoption periods (numbers) or missing values for never-treated units (row ${i} is ${JSON.stringify(gi)})`);
    else g[i] = gi;
  }
  const byUnit = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const u = String(ids[i]), prev = byUnit.get(u);
    if (prev === undefined) byUnit.set(u, g[i]);
    else if (prev !== g[i]) throw new Error(`${fn}: unit "${u}" has two adoption periods in column "${options.treatment}" (${prev === Infinity ? "missing" : prev} and ${g[i] === Infinity ? "missing" : g[i]}): treatment timing must be constant within a unit`);
  }
  let last = -Infinity, first = Infinity;
  for (let i = 0; i < n; i++) { last = Math.max(last, t[i]); first = Math.min(first, t[i]); }
  for (let i = 0; i < n; i++) if (g[i] > last) g[i] = Infinity; // adoption after the sample: never treated in it
  const keep = new Uint8Array(n).fill(1);
  let lastCohort: number | null = null;
  if (control === "lastTreated") {
    const finite = [...new Set(g)].filter((x) => Number.isFinite(x) && x > first);
    if (finite.length < 2) throw new Error(`${fn}: control "lastTreated" needs at least two treated cohorts (column "${options.treatment}")`);
    lastCohort = Math.max(...finite);
    for (let i = 0; i < n; i++) {
      if (t[i] >= lastCohort) keep[i] = 0;
      if (g[i] === lastCohort) g[i] = Infinity;
    }
  } else if (!g.some((x) => x === Infinity)) {
    throw new Error(`${fn}: control "never" needs never-treated units (column "${options.treatment}" has none); use control: "lastTreated"`);
  }
  const always = new Set<string>();
  for (let i = 0; i < n; i++) if (g[i] <= first) { keep[i] = 0; always.add(String(ids[i])); }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) rows.push(i);
  // the interaction dummies that have observations
  const cells = new Map<string, { cohort: number; k: number; count: number }>();
  for (const i of rows) {
    if (!Number.isFinite(g[i])) continue;
    const k = t[i] - g[i];
    if (k === ref) continue;
    const name = `cohort_${g[i]}_${rel(k)}`;
    const c = cells.get(name);
    if (c) c.count++;
    else cells.set(name, { cohort: g[i], k, count: 1 });
  }
  const terms = [...cells.keys()].sort((a, b) => {
    const x = cells.get(a)!, y = cells.get(b)!;
    return x.k - y.k || x.cohort - y.cohort;
  });
  const columns: Record<string, unknown[]> = {};
  for (const c of columnNames(data)) { const v = rawColumn(data, c, fn); columns[c] = rows.map((i) => v[i]); }
  for (const name of terms) {
    if (name in columns) throw new Error(`${fn}: the data already have a column "${name}", which the interaction dummies use`);
    const { cohort, k } = cells.get(name)!;
    columns[name] = rows.map((i) => (g[i] === cohort && t[i] - g[i] === k ? 1 : 0));
  }
  const parts = formula.split("~");
  const rhs = parts[1]?.trim();
  if (rhs === undefined) throw new Error(`${fn}: formula must read "y ~ controls" (or "y ~ 1")`);
  const full = `${parts[0].trim()} ~ ${rhs === "1" ? "" : `${rhs} + `}${terms.join(" + ")}`;
  const fit = panelFE(columns, full, { id: options.id, time: options.time, effects: "twoways", vcov: options.vcov ?? { cluster: options.id } });
  const { out, baseReport } = extendFit<SunAbrahamResult>(fit);
  const combineTerms = (self: SunAbrahamResult, names: string[], eventTime: number): SunAbrahamEffect => {
    const counts = names.map((nm) => cells.get(nm)!.count);
    const total = counts.reduce((a, b) => a + b, 0);
    const w = counts.map((c) => c / total);
    const V = self.variance, p = V.names.length, ix = names.map((nm) => V.names.indexOf(nm));
    let est = 0, v = 0;
    names.forEach((nm, a) => {
      est += w[a] * self.estimates[self.coefficientNames.indexOf(nm)];
      for (let b = 0; b < names.length; b++) v += w[a] * w[b] * V.values[ix[a] * p + ix[b]];
    });
    const se = Math.sqrt(v), stat = est / se;
    return { eventTime, estimate: est, stdError: se, statistic: stat, pValue: V.dfTest === null ? normalTwoSided(stat) : tTwoSided(stat, V.dfTest), terms: names, weights: w };
  };
  const ks = [...new Set(terms.map((nm) => cells.get(nm)!.k))].sort((a, b) => a - b);
  const cohorts = [...new Set(terms.map((nm) => cells.get(nm)!.cohort))].sort((a, b) => a - b);
  Object.defineProperties(out, {
    kind: { value: "sunAbraham", enumerable: true },
    control: { value: control, enumerable: true },
    reference: { value: ref, enumerable: true },
    cohorts: { value: cohorts, enumerable: true },
    droppedAlwaysTreated: { value: [...always], enumerable: true },
    events: {
      enumerable: true,
      get(this: SunAbrahamResult): SunAbrahamEffect[] {
        return ks.map((k) => combineTerms(this, terms.filter((nm) => cells.get(nm)!.k === k), k));
      },
    },
    att: {
      enumerable: true,
      get(this: SunAbrahamResult): SunAbrahamEffect {
        return combineTerms(this, terms.filter((nm) => cells.get(nm)!.k >= 0), Number.NaN);
      },
    },
    report: {
      enumerable: true,
      get(this: SunAbrahamResult): ReportParts {
        const r = baseReport(this);
        const a = this.att;
        return {
          ...r,
          title: `Sun–Abraham interaction-weighted event study (${control === "never" ? "never-treated" : `last-treated cohort ${lastCohort}`} control, reference period ${ref})`,
          statistics: [...r.statistics, ["ATT (k ≥ 0, observation-share weights)", a.estimate], ["  standard error", a.stdError]],
          notes: [
            ...(r.notes ?? []),
            "cohort_c_lead_k / cohort_c_lag_k: cohort c (first treated period), k periods before / after adoption.",
            ...(always.size > 0 ? [`${always.size} always-treated unit(s) dropped.`] : []),
          ],
          table: {
            caption: "Event-time effects (cohort-share weighted interactions)",
            columns: ["k", "Estimate", "Std. error", this.statisticName, "p-value"],
            rows: this.events.map((e) => [String(e.eventTime), e.estimate, e.stdError, e.statistic, e.pValue]),
          },
        };
      },
    },
  });
  return out;
}
