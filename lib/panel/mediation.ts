/**
 * Mechanism (mediation) analysis: the three regressions of the causal-steps approach, the Sobel, Aroian and Goodman
 * tests of the indirect effect, and a cluster bootstrap that re-absorbs the fixed effects in every draw.
 */
import type { DataInput } from "../core/types";
import { columnNames, rawColumn, rowCount } from "../core/data";
import { checkOptionNames } from "../core/options";
import { checkData, underName } from "../core/validate";
import { normalQuantile } from "../distributions/normalQuantile";
import { normalTwoSided, normalUpper } from "../distributions/cdf";
import type { ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { ols } from "../regression/ols";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { makeResult } from "../report/modelSummary";
import { formatNumber } from "../report/format";
import { panelFE } from "./panelFE";
import type { PanelEffects } from "./withinTransform";

/** Options of {@link mediation}. */
export interface MediationOptions {
  /** Outcome column. */
  y: string;
  /** Treatment (core explanatory) column. */
  x: string;
  /** Mediator column. */
  m: string;
  /** Control terms (formula terms, e.g. ["lnpop", "factor(region)"]). */
  controls?: string[];
  /** Unit column: with it the three regressions absorb fixed effects (panelFE); without it they are OLS with an intercept. */
  id?: string;
  /** Period column (needed with `id`). */
  time?: string;
  /** Fixed effects with `id` (default "entity"). */
  effects?: PanelEffects;
  /** Variance of the three regressions (default "iid"; e.g. `{ cluster: "province" }`). */
  vcov?: VcovSpec;
  /** Bootstrap draws of the indirect effect (default 0: none); resampling units (`id`) or rows (no `id`). */
  bootstrap?: number;
  /** Seed of the bootstrap (lib/random's seed rule: default 1). */
  seed?: number;
  /** Level of the bootstrap intervals (default 0.95). */
  level?: number;
}

/** A z test of the indirect effect. */
export interface MediationTest { name: string; statistic: number; pValue: number }

/** Result of {@link mediation}. */
export interface MediationResult {
  /** Total effect c (y ~ x), direct effect c' and mediator effect b (y ~ x + m), path a (m ~ x), with standard errors. */
  total: { estimate: number; stdError: number };
  direct: { estimate: number; stdError: number };
  a: { estimate: number; stdError: number };
  b: { estimate: number; stdError: number };
  /** a·b (with linear least squares on one sample, c − c' = a·b exactly). */
  indirect: number;
  /** Share of the total effect that goes through the mediator, a·b / c. */
  proportionMediated: number;
  sobel: MediationTest;
  aroian: MediationTest;
  goodman: MediationTest | null;
  /** Bootstrap of a·b (null without `bootstrap`): standard error, percentile and bias-corrected intervals. */
  bootstrap: null | { draws: number; seed: number; level: number; stdError: number; percentile: [number, number]; biasCorrected: [number, number]; resampling: string };
  vcovType: string;
  n: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mediation analysis by the causal-steps regressions with the product-of-coefficients test.
 *
 * Long name: mediating-effect test (中介效应检验) — Baron & Kenny (1986) steps, Sobel (1982) z, Aroian's and Goodman's
 * variants, and the bootstrap interval of a·b recommended by Preacher & Hayes (2008) and 温忠麟 & 叶宝娟 (2014, 心理科学进展
 * 22(5)); with fixed effects each regression is a `panelFE` fit, and the cluster bootstrap resamples whole units and
 * re-absorbs their effects (a unit drawn twice counts as two units).
 * @param data table or long panel
 * @param options `y`, `x`, `m`, `controls`, `id`, `time`, `effects`, `vcov`, `bootstrap`, `seed`, `level`
 * @returns the paths with standard errors under `vcov`, the tests, and the bootstrap intervals
 * @throws `mediation: options y, x and m are required (column names)`; `mediation: options id and time go together`;
 *   the estimators' errors (missing values, absorbed regressors) under their names
 * @example
 * // plm::Grunfeld (a numerical check): a 0.257216, b 0.310065, Sobel z 5.33225 (plm within + the textbook formula)
 * mediation(grunfeld, { y: "inv", x: "value", m: "capital", id: "firm", time: "year" }).sobel.statistic // 5.3322458...
 */
export function mediation(data: DataInput, options: MediationOptions): MediationResult {
  return underName("mediation", () => mediationBody(data, options));
}

function mediationBody(data: DataInput, options: MediationOptions): MediationResult {
  const fn = "mediation";
  checkData(data, fn);
  checkOptionNames(options, ["y", "x", "m", "controls", "id", "time", "effects", "vcov", "bootstrap", "seed", "level"], fn);
  const { y, x, m } = options ?? ({} as MediationOptions);
  if (typeof y !== "string" || typeof x !== "string" || typeof m !== "string") throw new Error(`${fn}: options y, x and m are required (column names)`);
  if ((options.id === undefined) !== (options.time === undefined)) throw new Error(`${fn}: options id and time go together (the unit and period columns of a panel)`);
  const controls = options.controls ?? [];
  const ctl = controls.length ? ` + ${controls.join(" + ")}` : "";
  const vcov = options.vcov ?? "iid";
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1) (got ${level})`);
  const fitOne = (d: DataInput, f: string, id?: string) =>
    options.id === undefined ? ols(d, f, { vcov }) : panelFE(d, f, { id: id ?? options.id, time: options.time as string, effects: options.effects ?? "entity", vcov });
  const paths = (d: DataInput, id?: string) => {
    const mc = fitOne(d, `${y} ~ ${x}${ctl}`, id), ma = fitOne(d, `${m} ~ ${x}${ctl}`, id), mb = fitOne(d, `${y} ~ ${x} + ${m}${ctl}`, id);
    return { c: mc.coef(x), a: ma.coef(x), b: mb.coef(m), cPrime: mb.coef(x), vcovType: mb.vcovType, n: mb.n };
  };
  const p = paths(data);
  const a = p.a.estimate, sa = p.a.stdError, b = p.b.estimate, sb = p.b.stdError;
  const ab = a * b;
  const z = (v: number): MediationTest["statistic"] => ab / Math.sqrt(v);
  const base = b * b * sa * sa + a * a * sb * sb;
  const sobel = { name: "Sobel", statistic: z(base), pValue: normalTwoSided(z(base)) };
  const aroian = { name: "Aroian", statistic: z(base + sa * sa * sb * sb), pValue: normalTwoSided(z(base + sa * sa * sb * sb)) };
  const gv = base - sa * sa * sb * sb;
  const goodman = gv > 0 ? { name: "Goodman", statistic: z(gv), pValue: normalTwoSided(z(gv)) } : null;

  let boot: MediationResult["bootstrap"] = null;
  const R = options.bootstrap ?? 0;
  if (!Number.isInteger(R) || R < 0) throw new Error(`${fn}: bootstrap must be a non-negative integer (got ${R})`);
  if (R > 0) {
    const seed = resolveSeed(options.seed, fn);
    const g = rng(seed);
    const n = rowCount(data, fn);
    const names = columnNames(data);
    const cols = Object.fromEntries(names.map((c) => [c, rawColumn(data, c, fn)]));
    // clusters: rows of each unit (or each row alone)
    const groups: number[][] = [];
    if (options.id !== undefined) {
      const ids = rawColumn(data, options.id, fn);
      const at = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const key = String(ids[i]);
        let gi = at.get(key);
        if (gi === undefined) { gi = groups.length; at.set(key, gi); groups.push([]); }
        groups[gi].push(i);
      }
    } else for (let i = 0; i < n; i++) groups.push([i]);
    const G = groups.length;
    const draws = new Float64Array(R);
    const bootId = "__mediation_unit";
    if (names.includes(bootId)) throw new Error(`${fn}: the data have a column "${bootId}", which the bootstrap uses`);
    for (let r = 0; r < R; r++) {
      const rows: number[] = [];
      const unit: number[] = [];
      for (let j = 0; j < G; j++) {
        const pick = groups[g.below(G)];
        for (const i of pick) { rows.push(i); unit.push(j); }
      }
      const d: Record<string, unknown[]> = {};
      for (const c of names) d[c] = rows.map((i) => cols[c][i]);
      d[bootId] = unit; // a unit drawn twice is two units: its fixed effect is absorbed once per copy
      const q = paths(d, options.id === undefined ? undefined : bootId);
      draws[r] = q.a.estimate * q.b.estimate;
    }
    const sorted = Float64Array.from(draws).sort();
    let mean = 0;
    for (const v of draws) mean += v;
    mean /= R;
    let ss = 0;
    for (const v of draws) ss += (v - mean) ** 2;
    const alpha = 1 - level;
    let below = 0;
    for (const v of draws) if (v < ab) below++;
    const share = Math.min(Math.max(below / R, 0.5 / R), 1 - 0.5 / R);
    const z0 = normalQuantile(share);
    const phi = (t: number) => 1 - normalUpper(t);
    const zl = normalQuantile(alpha / 2), zu = normalQuantile(1 - alpha / 2);
    boot = {
      draws: R, seed, level, stdError: Math.sqrt(ss / (R - 1)),
      percentile: [quantile7(sorted, alpha / 2), quantile7(sorted, 1 - alpha / 2)],
      biasCorrected: [quantile7(sorted, phi(2 * z0 + zl)), quantile7(sorted, phi(2 * z0 + zu))],
      resampling: options.id === undefined ? "rows" : `units (${options.id}), fixed effects re-absorbed in each draw`,
    };
  }
  const row = (r: { estimate: number; stdError: number }) => ({ estimate: r.estimate, stdError: r.stdError });
  const tests = [sobel, aroian, ...(goodman ? [goodman] : [])];
  return makeResult<MediationResult>({
    total: row(p.c), direct: row(p.cPrime), a: row(p.a), b: row(p.b), indirect: ab, proportionMediated: ab / p.c.estimate,
    sobel, aroian, goodman, bootstrap: boot, vcovType: p.vcovType, n: p.n,
    report: {
      title: "Mediation analysis (causal steps, product of coefficients)",
      header: [
        ["Outcome, treatment, mediator", `${y}, ${x}, ${m}`], ["Controls", controls.length ? controls.join(", ") : "none"],
        ["Estimator", options.id === undefined ? "OLS" : `panelFE, ${options.effects ?? "entity"} effects (${options.id}, ${options.time})`],
        ["Observations", p.n], ["Standard errors", p.vcovType],
      ],
      statistics: [
        ["total effect c", p.c.estimate], ["direct effect c'", p.cPrime.estimate], ["path a (m ~ x)", a], ["path b (y ~ m | x)", b],
        ["indirect effect a·b", ab], ["proportion mediated a·b / c", ab / p.c.estimate],
        ...(boot ? [[`bootstrap SE of a·b (${boot.draws} draws, seed ${boot.seed})`, boot.stdError], [`percentile ${level * 100}% interval`, `[${boot.percentile.map((v) => formatNumber(v, 4)).join(", ")}]`], [`bias-corrected ${level * 100}% interval`, `[${boot.biasCorrected.map((v) => formatNumber(v, 4)).join(", ")}]`]] as [string, string | number][] : []),
      ],
      tests: tests.map((t) => ({ name: `${t.name} z (H0: a·b = 0)`, statistic: t.statistic, df: "normal", pValue: t.pValue })),
      notes: boot ? [`Bootstrap resampling: ${boot.resampling}.`] : [],
    },
  });
}
