/**
 * Hansen's (1999) fixed-effects panel threshold regression (门槛效应): regime-dependent slopes split by a threshold
 * variable, thresholds by least squares on a grid, sequential threshold tests with bootstrap p-values, likelihood-ratio
 * confidence sets — on balanced and unbalanced panels.
 */
import type { DataInput } from "../core/types";
import { columnNames, numericColumn, rawColumn } from "../core/data";
import { checkOptionNames } from "../core/options";
import { cholesky, cholSolve, crossprod, crossprodXy } from "../linalg";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import type { VcovSpec } from "../inference/vcovSpec";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { panelDesign } from "./panelDesign";
import { panelFE, type PanelFEResult } from "./panelFE";
import { panelIndex } from "./panelIndex";
import { withinTransform } from "./withinTransform";

/** Options of {@link panelThreshold}. */
export interface PanelThresholdOptions {
  /** Unit column. */
  id: string;
  /** Period column. */
  time: string;
  /** Threshold variable q (column). */
  threshold: string;
  /** Regressor(s) whose slope changes across regimes (columns); the formula's terms are the regime-independent controls. */
  regime: string | string[];
  /** Number of thresholds, 1 to 3 (default 1). */
  thresholds?: number;
  /** Share of observations each regime must keep (default 0.05; Hansen 1999 uses 1%–5%). */
  trim?: number;
  /** Candidate thresholds: the distinct values of q within the trimmed range, thinned to at most `grid` quantiles (default 300, as xthreg). */
  grid?: number;
  /** Bootstrap replications for each threshold test (default 300; 0 for none). */
  bootstrap?: number;
  /** Seed of the bootstrap (lib/random's seed rule: default 1). */
  seed?: number;
  /** Confidence level of the LR confidence sets (default 0.95). */
  level?: number;
  /** Variance of the final regression's coefficients (default clustered by `id`, Stata convention). */
  vcov?: VcovSpec;
}

/** One sequential threshold test: H0 m − 1 thresholds vs H1 m thresholds. */
export interface ThresholdTest {
  thresholds: number;
  /** F_m = (S_{m−1} − S_m) / σ̂²_m. */
  statistic: number;
  pValue: number | null;
  /** Bootstrap critical values at 10%, 5%, 1% (null without bootstrap). */
  critical: { p10: number; p5: number; p1: number } | null;
  /** Residual sum of squares with m thresholds. */
  rss: number;
}

/** Result of {@link panelThreshold}. */
export interface PanelThresholdResult {
  /** Estimated thresholds, ascending. */
  gamma: number[];
  /** LR confidence set of each threshold at `level`: [lower, upper] of {γ: LR(γ) ≤ −2 ln(1 − √level)} (Hansen 2000). */
  confidence: [number, number][];
  level: number;
  tests: ThresholdTest[];
  /** The two-way-FE fit with the regime columns (`x_r1`, `x_r2`, …), under `vcov`. */
  fit: PanelFEResult;
  /** The LR curve of the last threshold searched: candidate γ and LR(γ). */
  lrCurve: { gamma: number[]; lr: number[] };
  bootstrap: number;
  seed: number | null;
  n: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** Within-transformed design pieces and an SSR evaluator for given thresholds. */
function setup(data: DataInput, formula: string, o: PanelThresholdOptions, fn: string) {
  const ix = panelIndex(rawColumn(data, o.id, fn), rawColumn(data, o.time, fn), { entity: o.id, time: o.time }, fn);
  const wt = withinTransform(ix, "entity");
  const n = ix.n;
  const controls = formula.split("~")[1]?.trim() === "1" ? null : panelDesign(data, formula, fn);
  const y = controls ? controls.y : numericColumn(data, formula.split("~")[0].trim(), fn);
  const q = numericColumn(data, o.threshold, fn);
  const regimes = (Array.isArray(o.regime) ? o.regime : [o.regime]).map((c) => numericColumn(data, c, fn));
  const kc = controls ? controls.k : 0;
  const Xc = new Float64Array(n * kc);
  for (let c = 0; c < kc; c++) Xc.set(wt.apply(controls!.X.subarray(c * n, c * n + n)), c * n);
  const yd = wt.apply(y);
  const kr = regimes.length;
  const ssr = (gammas: number[], yy: Float64Array = yd): { rss: number; resid: Float64Array } => {
    const g = [...gammas].sort((a, b) => a - b);
    const nreg = g.length + 1;
    const k = kc + kr * nreg;
    const X = new Float64Array(n * k);
    X.set(Xc, 0);
    const col = new Float64Array(n);
    for (let r = 0; r < kr; r++) for (let s = 0; s < nreg; s++) {
      const lo = s === 0 ? -Infinity : g[s - 1], hi = s === nreg - 1 ? Infinity : g[s];
      for (let i = 0; i < n; i++) col[i] = q[i] > lo && q[i] <= hi ? regimes[r][i] : 0;
      X.set(wt.apply(col), (kc + r * nreg + s) * n);
    }
    const L = cholesky(crossprod(X, n, k), k, fn);
    const b = cholSolve(L, crossprodXy(X, yy, n, k), k);
    const resid = Float64Array.from(yy);
    for (let c = 0; c < k; c++) { const v = b[c]; if (v !== 0) for (let i = 0; i < n; i++) resid[i] -= X[c * n + i] * v; }
    let rss = 0;
    for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
    return { rss, resid };
  };
  return { ix, wt, n, q, yd, ssr, N: ix.entityLevels.length };
}

/**
 * Fixed-effects panel threshold regression.
 *
 * Long name: panel threshold model (Hansen 1999, J. Econometrics 93, 345–368; Wang 2015, Stata Journal 15(1) `xthreg`).
 * y_it = μ_i + x_it'β_1 1(q_it ≤ γ_1) + x_it'β_2 1(γ_1 < q_it ≤ γ_2) + … + z_it'δ + ε_it, with μ_i absorbed by the
 * within transformation. Each γ minimizes the residual sum of squares over the candidate grid (the sequential
 * estimator: γ_2 given γ_1, then γ_1 refined given γ_2, as Hansen's §3.3); F_m = (S_{m−1} − S_m)/σ̂², σ̂² = S_m/(n − N).
 * Bootstrap p-values resample each unit's residual vector of the (m − 1)-threshold model, with replacement among units
 * observed the same number of periods (Hansen's scheme; stratified so that unbalanced panels work), seeded. Confidence
 * sets are the γ with LR(γ) = (S(γ) − S(γ̂))/σ̂² ≤ −2 ln(1 − √level). The final model is `panelFE` with the regime
 * columns `x_r1`, `x_r2`, … and the chosen `vcov`.
 * @param data long panel
 * @param formula `"y ~ controls"` (or `"y ~ 1"`): the regime-independent part
 * @param options `id`, `time`, `threshold`, `regime`, `thresholds`, `trim`, `grid`, `bootstrap`, `seed`, `level`, `vcov`
 * @throws missing options; thresholds outside 1–3; a trim that leaves no candidate; a regime column also in the formula
 * @example panelThreshold(panel, "inva ~ cfa", { id: "cusip", time: "year", threshold: "debta", regime: "vala" }).gamma
 */
export function panelThreshold(data: DataInput, formula: string, options: PanelThresholdOptions): PanelThresholdResult {
  const fn = "panelThreshold";
  checkOptionNames(options, ["id", "time", "threshold", "regime", "thresholds", "trim", "grid", "bootstrap", "seed", "level", "vcov"], fn);
  for (const k of ["id", "time", "threshold"] as const) if (typeof options?.[k] !== "string") throw new Error(`${fn}: options { id, time, threshold, regime } are required (column names)`);
  const regimeCols = Array.isArray(options.regime) ? options.regime : [options.regime];
  if (regimeCols.length === 0 || !regimeCols.every((c) => typeof c === "string")) throw new Error(`${fn}: regime must name one or more columns`);
  const m = options.thresholds ?? 1;
  if (![1, 2, 3].includes(m)) throw new Error(`${fn}: thresholds must be 1, 2 or 3 (got ${m})`);
  const trim = options.trim ?? 0.05;
  if (!(trim > 0 && trim < 0.25)) throw new Error(`${fn}: trim must be in (0, 0.25) (got ${trim})`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1) (got ${level})`);
  const B = options.bootstrap ?? 300;
  if (!Number.isInteger(B) || B < 0) throw new Error(`${fn}: bootstrap must be a non-negative integer (got ${B})`);
  const rhs = formula.split("~")[1] ?? "";
  for (const c of regimeCols) if (new RegExp(`(^|[^\\w.])${c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\w.]|$)`).test(rhs)) throw new Error(`${fn}: regime variable "${c}" is also in the formula; list it only in regime`);
  const S = setup(data, formula, options, fn);
  const { n, q, N } = S;

  // candidate thresholds: distinct q within the trimmed quantiles, thinned to `grid` quantiles
  const sorted = Float64Array.from(q).sort();
  const lo = sorted[Math.floor(trim * n)], hi = sorted[Math.ceil((1 - trim) * n) - 1];
  let cand = [...new Set(Array.from(sorted).filter((v) => v >= lo && v <= hi))];
  const grid = options.grid ?? 300;
  if (cand.length > grid) cand = Array.from({ length: grid }, (_, j) => cand[Math.round((j * (cand.length - 1)) / (grid - 1))]);
  if (cand.length === 0) throw new Error(`${fn}: no candidate threshold remains after trimming ${trim} of "${options.threshold}" on each side`);
  const minObs = Math.ceil(trim * n);
  const regimeSizesOk = (g: number[]) => {
    const s = [...g].sort((a, b) => a - b);
    const counts = new Array(s.length + 1).fill(0);
    for (let i = 0; i < n; i++) { let r = 0; while (r < s.length && q[i] > s[r]) r++; counts[r]++; }
    return counts.every((c) => c >= minObs);
  };
  const search = (fixed: number[], yy?: Float64Array) => {
    let best = Infinity, arg = NaN;
    const curve: { gamma: number[]; rss: number[] } = { gamma: [], rss: [] };
    for (const g of cand) {
      if (fixed.includes(g) || !regimeSizesOk([...fixed, g])) continue;
      const r = S.ssr([...fixed, g], yy).rss;
      curve.gamma.push(g); curve.rss.push(r);
      if (r < best) { best = r; arg = g; }
    }
    if (!Number.isFinite(arg)) throw new Error(`${fn}: no admissible threshold (each regime needs ${minObs} observations)`);
    return { gamma: arg, rss: best, curve };
  };

  const df = n - N;
  const rss0 = S.ssr([]).rss;
  const gammas: number[] = [];
  const tests: ThresholdTest[] = [];
  const seed = B > 0 ? resolveSeed(options.seed, fn) : null;
  const g = seed === null ? null : rng(seed);
  // units by number of periods, for the stratified residual bootstrap
  const rowsOf: number[][] = Array.from({ length: N }, () => []);
  for (let i = 0; i < n; i++) rowsOf[S.ix.entity[i]].push(i);
  const strata = new Map<number, number[]>();
  rowsOf.forEach((rows, u) => { const t = rows.length; if (!strata.has(t)) strata.set(t, []); strata.get(t)!.push(u); });
  let prevRss = rss0, lastCurve = { gamma: [] as number[], rss: [] as number[] }, lastRss = rss0;
  for (let step = 1; step <= m; step++) {
    const nullResid = S.ssr(gammas).resid;
    const s = search(gammas);
    let newGammas = [...gammas, s.gamma];
    let rss = s.rss;
    lastCurve = s.curve;
    // refinement (Hansen §3.3): re-estimate each earlier threshold given the others
    if (newGammas.length > 1) {
      for (let j = 0; j < newGammas.length - 1; j++) {
        const others = newGammas.filter((_, k) => k !== j);
        const r = search(others);
        newGammas = [...others, r.gamma];
        rss = r.rss;
      }
    }
    const sigma2 = rss / df;
    const F = (prevRss - rss) / sigma2;
    let pValue: number | null = null, critical: ThresholdTest["critical"] = null;
    if (g) {
      const stats = new Float64Array(B);
      const ystar = new Float64Array(n);
      for (let b = 0; b < B; b++) {
        for (const [, units] of strata) for (const u of units) {
          const v = units[g.below(units.length)];
          const from = rowsOf[v], to = rowsOf[u];
          for (let t = 0; t < to.length; t++) ystar[to[t]] = nullResid[from[t]];
        }
        const yb = S.wt.apply(ystar);
        const r0 = S.ssr(gammas, yb).rss;
        const r1 = search(gammas, yb).rss;
        stats[b] = (r0 - r1) / (r1 / df);
      }
      let ge = 0;
      for (const v of stats) if (v >= F) ge++;
      pValue = ge / B;
      const srt = Float64Array.from(stats).sort();
      const qt = (p: number) => srt[Math.min(B - 1, Math.max(0, Math.ceil(p * B) - 1))];
      critical = { p10: qt(0.9), p5: qt(0.95), p1: qt(0.99) };
    }
    tests.push({ thresholds: step, statistic: F, pValue, critical, rss });
    gammas.splice(0, gammas.length, ...newGammas);
    prevRss = rss;
    lastRss = rss;
  }
  gammas.sort((a, b) => a - b);
  const sigma2 = lastRss / df;
  const c = -2 * Math.log(1 - Math.sqrt(level));
  // confidence set of each threshold: LR over the grid with the others fixed
  const confidence = gammas.map((gj, j) => {
    const others = gammas.filter((_, k) => k !== j);
    const s = search(others);
    const inside = s.curve.gamma.filter((_, t) => (s.curve.rss[t] - s.rss) / sigma2 <= c);
    return [Math.min(...inside, gj), Math.max(...inside, gj)] as [number, number];
  });

  // the final regression: regime columns built explicitly, panelFE with the chosen vcov
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const cn of columnNames(data)) cols[cn] = rawColumn(data, cn, fn);
  const regimeNames: string[] = [];
  const cuts = [-Infinity, ...gammas, Infinity];
  regimeCols.forEach((rc) => {
    const x = numericColumn(data, rc, fn);
    for (let s = 0; s + 1 < cuts.length; s++) {
      const name = `${rc}_r${s + 1}`;
      if (name in cols) throw new Error(`${fn}: the data already have a column "${name}", which the regime terms use`);
      cols[name] = Array.from(x, (v, i) => (q[i] > cuts[s] && q[i] <= cuts[s + 1] ? v : 0));
      regimeNames.push(name);
    }
  });
  const lhs = formula.split("~")[0].trim();
  const ctl = rhs.trim() === "1" ? "" : ` + ${rhs.trim()}`;
  const fit = panelFE(cols, `${lhs} ~ ${regimeNames.join(" + ")}${ctl}`, { id: options.id, time: options.time, effects: "entity", vcov: options.vcov ?? { cluster: options.id } });
  const lrCurve = { gamma: lastCurve.gamma, lr: lastCurve.rss.map((r) => (r - Math.min(...lastCurve.rss)) / sigma2) };
  return makeResult<PanelThresholdResult>({
    gamma: gammas, confidence, level, tests, fit, lrCurve, bootstrap: B, seed, n,
    report: {
      title: `Panel threshold regression (Hansen 1999), ${m} threshold${m > 1 ? "s" : ""}`,
      header: [["Formula", formula], ["Threshold variable", options.threshold], ["Regime-dependent", regimeCols.join(", ")],
        ["Observations", n], ["Units", N], ["Candidates", `${cand.length} (trim ${trim})`], ["Bootstrap", B > 0 ? `${B} replications per test, seed ${seed}` : "none"]],
      statistics: gammas.map((v, j) => [`gamma ${j + 1} (${level * 100}% LR set [${confidence[j][0]}, ${confidence[j][1]}])`, v] as [string, number]),
      tests: tests.map((t) => ({ name: `F test of ${t.thresholds - 1} vs ${t.thresholds} threshold${t.thresholds > 1 ? "s" : ""} (bootstrap p)`, statistic: t.statistic, df: "bootstrap", pValue: t.pValue ?? NaN })),
      notes: ["The regime coefficients are in `fit` (panelFE with the regime columns `x_r1`, `x_r2`, …): `result.fit.summary()`."],
    },
  });
}
