/**
 * Policy evaluation on a panel: the two-way fixed-effects difference-in-differences and event study, with a
 * pre-trend test and a permutation placebo — the "policy zone" section of agglomeration papers.
 */
import type { DataInput } from "../core/types";
import { columnNames, isMissing, rawColumn, rowCount } from "../core/data";
import { checkOptionNames } from "../core/options";
import { tQuantile } from "../distributions/tQuantile";
import type { ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { panelFE, type PanelFEResult } from "./panelFE";
import { waldTest, type WaldResult } from "./waldTest";

/** Options shared by {@link eventStudy} and {@link did}. */
export interface PolicyPanelOptions {
  /** Unit column. */
  id: string;
  /** Period column (numeric: event time is period − adoption period). */
  time: string;
  /** Column with each unit's adoption period (the first treated period); missing (null, NaN, "") for never-treated units. */
  treatment: string;
  /** Variance of the estimates (default `{ cluster: id }`, Stata convention, as the DID literature reports). */
  vcov?: VcovSpec;
}

/** Options of {@link eventStudy}. */
export interface EventStudyOptions extends PolicyPanelOptions {
  /** Event-time window [lo, hi] (default [-4, 4]); with `bin` the endpoints collect everything beyond them. */
  window?: [number, number];
  /** The omitted event time (default -1, the period before adoption). */
  reference?: number;
  /** Bin the endpoints (k ≤ lo and k ≥ hi; default true). Without binning, treated observations outside the window are dropped. */
  bin?: boolean;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

/** One event-time coefficient. */
export interface EventCoefficient {
  eventTime: number;
  term: string;
  estimate: number;
  stdError: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** Result of {@link eventStudy}: the two-way FE fit with the event-time dummies, and its event-time view. */
export interface EventStudyResult extends Omit<PanelFEResult, "kind"> {
  kind: "eventStudy";
  window: [number, number];
  reference: number;
  level: number;
  /** Event-time coefficients under the fit's current variance (the reference period as a 0 row). */
  readonly events: EventCoefficient[];
  /** Joint test that every lead (k < reference) is zero: F under the fit's variance. */
  readonly preTrend: WaldResult;
}

/** Result of {@link did}. */
export interface DidResult extends Omit<PanelFEResult, "kind"> {
  kind: "did";
  /** The TWFE DID coefficient of `treated_post` (its row of `coefficients`). */
  readonly att: { estimate: number; stdError: number; pValue: number };
  /** Permutation placebo (when asked): adoption periods reassigned across units at random, seeded. */
  placebo: { permutations: number; seed: number; pValue: number; estimates: Float64Array } | null;
}

/**
 * A new result on the fit's prototype with the fit's fields except `kind` and `report`, and the fit's report as a
 * function: how {@link eventStudy}, {@link did} and `sunAbraham` add their views to a `panelFE` fit.
 * @param fit the two-way fixed-effects fit
 * @returns the new object (to define `kind`, `report` and the views on) and the fit's report getter
 * @example const { out, baseReport } = extendFit<EventStudyResult>(panelFE(d, "y ~ x", { id: "i", time: "t", effects: "twoways" }));
 */
export function extendFit<R>(fit: PanelFEResult): { out: R; baseReport: (self: unknown) => ReportParts } {
  const out = Object.create(Object.getPrototypeOf(fit)) as R;
  const base = Object.getOwnPropertyDescriptors(fit);
  const rep = base.report;
  delete (base as Record<string, unknown>).report;
  delete (base as Record<string, unknown>).kind;
  Object.defineProperties(out, base);
  return { out, baseReport: (self) => (rep.get ? rep.get.call(self) : rep.value) as ReportParts };
}

function leadLag(k: number): string {
  return k < 0 ? `lead_${-k}` : `lag_${k}`;
}

interface Prepared { columns: Record<string, ArrayLike<unknown>>; eventTime: (number | null)[]; adoption: (number | null)[]; n: number }

function prepare(data: DataInput, options: PolicyPanelOptions, fn: string): Prepared {
  for (const o of ["id", "time", "treatment"] as const) {
    if (typeof options?.[o] !== "string") throw new Error(`${fn}: options { id, time, treatment } are required (column names)`);
  }
  const n = rowCount(data, fn);
  const time = rawColumn(data, options.time, fn);
  const adopt = rawColumn(data, options.treatment, fn);
  const eventTime: (number | null)[] = new Array(n);
  const adoption: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (typeof t !== "number" || !Number.isFinite(t)) throw new Error(`${fn}: column "${options.time}" must be numeric (row ${i} is ${JSON.stringify(t)}): event time is period − adoption period`);
    const g = adopt[i];
    if (isMissing(g)) { eventTime[i] = null; adoption[i] = null; continue; }
    if (typeof g !== "number" || !Number.isFinite(g)) throw new Error(`${fn}: column "${options.treatment}" must hold adoption periods (numbers) or missing values for never-treated units (row ${i} is ${JSON.stringify(g)})`);
    eventTime[i] = t - g;
    adoption[i] = g;
  }
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const c of columnNames(data)) columns[c] = rawColumn(data, c, fn);
  return { columns, eventTime, adoption, n };
}

/**
 * Two-way fixed-effects event study: y_it = Σ_{k ≠ ref} δ_k D^k_it + x_it'β + α_i + λ_t + ε_it, with D^k the
 * indicator that treated unit i is k periods from its adoption (endpoints binned), the reference period omitted.
 *
 * Long name: event-study (dynamic difference-in-differences) regression with two-way fixed effects (Angrist &
 * Pischke 2009, §5.2; the binned specification of Schmidheiny & Siegloch 2023, J. Applied Econometrics 38), as
 * `plm(y ~ x + D..., model = "within", effect = "twoways")` or fixest `feols(y ~ i(rel, ref = -1) | id + year)`.
 * The coefficients are the fit's (any VcovSpec; default clustered by unit); `events` and `preTrend` are computed from the
 * fit's current variance, so `withVcov(es, spec)` updates them. With staggered adoption and heterogeneous effects, TWFE
 * coefficients mix cohorts with possibly negative weights (Sun & Abraham 2021): read them with that in mind.
 * @param data long panel (danfo DataFrame or object of columns)
 * @param formula `"y ~ x1 + x2"` (controls; `"y ~ 1"` for none)
 * @param options `id`, `time`, `treatment` (adoption-period column), `window`, `reference`, `bin`, `level`, `vcov`
 * @throws `eventStudy: options { id, time, treatment } are required`; a non-numeric time or adoption column; a window
 *   that does not contain the reference period; no treated unit; a generated column name already in the data
 * @example
 * const es = eventStudy(panel, "y ~ x", { id: "unit", time: "year", treatment: "adoption" });
 * es.events.map((e) => e.eventTime) // [-4, -3, -2, -1, 0, 1, 2, 3, 4]; es.preTrend.pValue
 */
export function eventStudy(data: DataInput, formula: string, options: EventStudyOptions): EventStudyResult {
  const fn = "eventStudy";
  checkOptionNames(options, ["id", "time", "treatment", "vcov", "window", "reference", "bin", "level"], fn);
  const p = prepare(data, options, fn);
  const [lo, hi] = options.window ?? [-4, 4];
  const ref = options.reference ?? -1;
  const bin = options.bin ?? true;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo < ref && ref <= hi)) {
    throw new Error(`${fn}: window must be integers [lo, hi] with lo < reference (${ref}) ≤ hi (got [${lo}, ${hi}])`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1) (got ${level})`);
  if (p.adoption.every((g) => g === null)) throw new Error(`${fn}: no unit is ever treated (column "${options.treatment}" is all missing)`);
  const ks: number[] = [];
  for (let k = lo; k <= hi; k++) if (k !== ref) ks.push(k);
  const keep: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const e = p.eventTime[i];
    if (!bin && e !== null && (e < lo || e > hi)) continue;
    keep.push(i);
  }
  const columns: Record<string, unknown[]> = {};
  for (const [c, v] of Object.entries(p.columns)) columns[c] = keep.map((i) => v[i]);
  for (const k of ks) {
    const name = leadLag(k);
    if (name in columns) throw new Error(`${fn}: the data already have a column "${name}", which the event-time dummies use`);
    columns[name] = keep.map((i) => {
      const e = p.eventTime[i];
      if (e === null) return 0;
      const hit = bin && k === lo ? e <= lo : bin && k === hi ? e >= hi : e === k;
      return hit ? 1 : 0;
    });
  }
  const terms = ks.map(leadLag);
  const rhs = formula.split("~")[1]?.trim();
  if (rhs === undefined) throw new Error(`${fn}: formula must read "y ~ controls" (or "y ~ 1")`);
  const full = `${formula.split("~")[0].trim()} ~ ${rhs === "1" ? "" : `${rhs} + `}${terms.join(" + ")}`;
  const fit = panelFE(columns, full, { id: options.id, time: options.time, effects: "twoways", vcov: options.vcov ?? { cluster: options.id } });
  const { out: es, baseReport } = extendFit<EventStudyResult>(fit);
  const leads = terms.filter((_, j) => ks[j] < ref);
  Object.defineProperties(es, {
    kind: { value: "eventStudy", enumerable: true },
    window: { value: [lo, hi], enumerable: true },
    reference: { value: ref, enumerable: true },
    level: { value: level, enumerable: true },
    events: {
      enumerable: true,
      get(this: EventStudyResult): EventCoefficient[] {
        const q = tQuantile(1 - (1 - level) / 2, this.dfTest);
        const rows = ks.map((k, j) => {
          const c = this.coefficients.find((r) => r.term === terms[j])!;
          return { eventTime: k, term: terms[j], estimate: c.estimate, stdError: c.stdError, lower: c.estimate - q * c.stdError, upper: c.estimate + q * c.stdError, pValue: c.pValue };
        });
        const at = rows.findIndex((r) => r.eventTime > ref);
        rows.splice(at < 0 ? rows.length : at, 0, { eventTime: ref, term: "(reference)", estimate: 0, stdError: 0, lower: 0, upper: 0, pValue: 1 });
        return rows;
      },
    },
    preTrend: {
      enumerable: true,
      get(this: EventStudyResult): WaldResult {
        if (leads.length === 0) throw new Error(`${fn}: the window has no lead before the reference period, so there is no pre-trend to test`);
        return waldTest(this, leads);
      },
    },
    report: {
      enumerable: true,
      get(this: EventStudyResult): ReportParts {
        const r = baseReport(this);
        const pt = leads.length > 0 ? this.preTrend : null;
        return {
          ...r,
          title: `Event study, two-way fixed effects (window [${lo}, ${hi}]${bin ? ", binned endpoints" : ""}, reference ${ref})`,
          tests: [...(r.tests ?? []), ...(pt ? [{ name: `Pre-trend: leads ${leads.join(", ")} = 0 (${pt.distribution})`, statistic: pt.statistic, df: pt.distribution === "F" ? `${pt.df1} and ${pt.df2}` : pt.df1, pValue: pt.pValue }] : [])],
          notes: [...(r.notes ?? []), "lead_k / lag_k: k periods before / after adoption; with staggered adoption TWFE weights can be negative (Sun & Abraham 2021)."],
        };
      },
    },
  });
  return es;
}

/**
 * Two-way fixed-effects difference-in-differences: y_it = τ·treated_post_it + x_it'β + α_i + λ_t + ε_it, with
 * treated_post = 1[unit i adopted by period t]; optionally a permutation placebo that reassigns the adoption periods
 * across units at random (seeded) and reports the share of placebo |τ| at least as large as the estimate.
 *
 * Long name: TWFE difference-in-differences with a randomization-inference placebo (Angrist & Pischke 2009, ch. 5;
 * placebo as in Chetty, Looney & Kroft 2009 and the "随机分配处理组" robustness checks of Chinese policy studies).
 * @param data long panel
 * @param formula `"y ~ controls"` (or `"y ~ 1"`)
 * @param options `id`, `time`, `treatment`, `vcov`, `placebo: { permutations, seed }`
 * @throws as {@link eventStudy}; `did: the data already have a column "treated_post"`
 * @example did(panel, "y ~ x", { id: "unit", time: "year", treatment: "adoption", placebo: { permutations: 199 } }).att.estimate
 */
export function did(data: DataInput, formula: string, options: PolicyPanelOptions & { placebo?: { permutations: number; seed?: number } }): DidResult {
  const fn = "did";
  checkOptionNames(options, ["id", "time", "treatment", "vcov", "placebo"], fn);
  const p = prepare(data, options, fn);
  if (p.adoption.every((g) => g === null)) throw new Error(`${fn}: no unit is ever treated (column "${options.treatment}" is all missing)`);
  if ("treated_post" in p.columns) throw new Error(`${fn}: the data already have a column "treated_post", which the DID regressor uses`);
  const time = rawColumn(data, options.time, fn) as ArrayLike<number>;
  const lhs = formula.split("~")[0].trim(), rhs = formula.split("~")[1]?.trim();
  if (rhs === undefined) throw new Error(`${fn}: formula must read "y ~ controls" (or "y ~ 1")`);
  const full = `${lhs} ~ ${rhs === "1" ? "" : `${rhs} + `}treated_post`;
  const vcov = options.vcov ?? { cluster: options.id };
  const fitWith = (adoption: (number | null)[]) => {
    const cols: Record<string, ArrayLike<unknown>> = { ...p.columns, treated_post: adoption.map((g, i) => (g !== null && time[i] >= g ? 1 : 0)) };
    return panelFE(cols, full, { id: options.id, time: options.time, effects: "twoways", vcov });
  };
  const fit = fitWith(p.adoption);
  let placebo: DidResult["placebo"] = null;
  if (options.placebo) {
    const R = options.placebo.permutations;
    if (!Number.isInteger(R) || R < 1) throw new Error(`${fn}: placebo.permutations must be a positive integer (got ${R})`);
    const seed = resolveSeed(options.placebo.seed, fn);
    const g = rng(seed);
    // one adoption period per unit, shuffled across units
    const ids = rawColumn(data, options.id, fn);
    const units = [...new Set(Array.from(ids, String))];
    const adoptionOf = new Map<string, number | null>();
    for (let i = 0; i < p.n; i++) {
      const u = String(ids[i]), a = p.adoption[i];
      if (adoptionOf.has(u) && adoptionOf.get(u) !== a) throw new Error(`${fn}: unit "${u}" has more than one adoption period in column "${options.treatment}"`);
      adoptionOf.set(u, a);
    }
    const pool = units.map((u) => adoptionOf.get(u) ?? null);
    const obs = Math.abs(fit.coef("treated_post").estimate);
    const estimates = new Float64Array(R);
    let atLeast = 0;
    for (let r = 0; r < R; r++) {
      const perm = pool.slice();
      g.shuffle(perm);
      const byUnit = new Map(units.map((u, j) => [u, perm[j]]));
      const b = fitWith(Array.from(ids, (u) => byUnit.get(String(u)) ?? null)).coef("treated_post").estimate;
      estimates[r] = b;
      if (Math.abs(b) >= obs) atLeast++;
    }
    placebo = { permutations: R, seed, pValue: (1 + atLeast) / (1 + R), estimates };
  }
  const { out, baseReport } = extendFit<DidResult>(fit);
  Object.defineProperties(out, {
    kind: { value: "did", enumerable: true },
    placebo: { value: placebo, enumerable: true },
    att: {
      enumerable: true,
      get(this: DidResult) { const c = this.coef("treated_post"); return { estimate: c.estimate, stdError: c.stdError, pValue: c.pValue }; },
    },
    report: {
      enumerable: true,
      get(this: DidResult): ReportParts {
        const r = baseReport(this);
        return {
          ...r,
          title: "Difference-in-differences, two-way fixed effects",
          statistics: [...r.statistics, ...(placebo ? [[`placebo p-value (${placebo.permutations} permutations, seed ${placebo.seed})`, placebo.pValue] as [string, number]] : [])],
        };
      },
    },
  });
  return out;
}
