import { SpatialWeights } from "../weights/SpatialWeights";
import { rng as makeRng, type Rng } from "../random/rng";
import { moran } from "../spatial/moran";
import { ols } from "../regression/ols";
import { lmTests, type LmTestsResult } from "../spatialreg/lmTests";

/**
 * A Monte Carlo study of what global Moran's I and the LM-based choice between the spatial
 * lag model (SLM) and the spatial error model (SEM) can tell on a given map — written for
 * the nine prefecture-level units of Jilin (n = 9), where 集聚区范文篇3 draws both conclusions.
 * Everything here is SIMULATED data from a stated, known data-generating process (DGP).
 */

/** The spatial process of a scenario. */
export type SpatialProcess = "lag" | "error";

/** One scenario: the process and its spatial parameter (ρ for "lag", λ for "error"). */
export interface SimulationScenario {
  process: SpatialProcess;
  parameter: number;
}

/** Options of {@link simulateSpatialProcess}. */
export interface SpatialProcessOptions {
  process: SpatialProcess;
  /** ρ (lag) or λ (error), strictly inside (−1, 1) for row-standardized weights. */
  parameter: number;
  /** The regressor x (length n, in `w.ids` order); the DGP has an intercept and this one regressor. */
  x: ArrayLike<number>;
  /** [intercept, slope] (default [1, 1]). */
  beta?: [number, number];
  /** Standard deviation of the innovations ε ~ N(0, σ²) (default 1). */
  sigma?: number;
}

function rowStandardized(w: SpatialWeights, fn: string): { n: number; dense: Float64Array } {
  if (!(w instanceof SpatialWeights)) throw new Error(`${fn}: w must be a SpatialWeights (lib/weights)`);
  if (w.islands.length > 0) throw new Error(`${fn}: regions without neighbours (islands): ${w.islands.join(", ")}`);
  const ws = w.standardize("W");
  return { n: ws.n, dense: ws.toDense() };
}

/**
 * (I − aW)⁻¹ for a dense n × n W (row-major) by Gauss–Jordan elimination with partial pivoting.
 * @throws `fn: I − 0.999·W is singular` when a pivot vanishes
 */
export function spatialInverse(dense: ArrayLike<number>, n: number, a: number, fn = "spatialInverse"): Float64Array {
  const m = new Float64Array(n * 2 * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * 2 * n + j] = (i === j ? 1 : 0) - a * dense[i * n + j];
    m[i * 2 * n + n + i] = 1;
  }
  const w2 = 2 * n;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * w2 + c]) > Math.abs(m[p * w2 + c])) p = r;
    if (Math.abs(m[p * w2 + c]) < 1e-12) throw new Error(`${fn}: I − ${a}·W is singular`);
    if (p !== c) for (let j = 0; j < w2; j++) { const t = m[c * w2 + j]; m[c * w2 + j] = m[p * w2 + j]; m[p * w2 + j] = t; }
    const piv = m[c * w2 + c];
    for (let j = 0; j < w2; j++) m[c * w2 + j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * w2 + c];
      if (f === 0) continue;
      for (let j = 0; j < w2; j++) m[r * w2 + j] -= f * m[c * w2 + j];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv[i * n + j] = m[i * w2 + n + j];
  return inv;
}

function checkParameter(fn: string, process: unknown, parameter: unknown): void {
  if (process !== "lag" && process !== "error") throw new Error(`${fn}: process must be "lag" or "error", got ${JSON.stringify(process)}`);
  if (typeof parameter !== "number" || !(Math.abs(parameter) < 1)) {
    throw new Error(`${fn}: the spatial parameter must be a number strictly between −1 and 1 (row-standardized weights), got ${String(parameter)}`);
  }
}

function draw(inv: Float64Array, n: number, process: SpatialProcess, x: Float64Array, beta: [number, number], sigma: number, r: Rng, y: Float64Array, eps: Float64Array): void {
  for (let i = 0; i < n; i++) eps[i] = sigma * r.normal();
  for (let i = 0; i < n; i++) {
    let s = 0;
    if (process === "lag") {
      for (let j = 0; j < n; j++) s += inv[i * n + j] * (beta[0] + beta[1] * x[j] + eps[j]);
      y[i] = s;
    } else {
      for (let j = 0; j < n; j++) s += inv[i * n + j] * eps[j];
      y[i] = beta[0] + beta[1] * x[i] + s;
    }
  }
}

/**
 * One draw of SIMULATED data from a spatial lag or spatial error process:
 * lag (SAR): y = (I − ρW)⁻¹(β₀ + β₁x + ε); error (SEM): y = β₀ + β₁x + (I − λW)⁻¹ε; ε ~ N(0, σ²I),
 * W row-standardized from `w`.
 * @param w spatial weights (standardized to "W" inside)
 * @param options process, parameter, regressor x, beta (default [1, 1]), sigma (default 1)
 * @param random a seeded generator from `rng(seed)`
 * @returns `{ y, epsilon }` in `w.ids` order
 * @throws `simulateSpatialProcess: the spatial parameter must be a number strictly between −1 and 1 …`;
 *   `simulateSpatialProcess: x has 8 values but the weights have 9 regions`; islands
 * @example
 * const w = jilinWeights({ contiguity: "queen" });
 * simulateSpatialProcess(w, { process: "lag", parameter: 0.5, x: [0, 1, 2, 3, 4, 5, 6, 7, 8] }, rng(1)).y.length // 9
 */
export function simulateSpatialProcess(w: SpatialWeights, options: SpatialProcessOptions, random: Rng): { y: Float64Array; epsilon: Float64Array } {
  const fn = "simulateSpatialProcess";
  checkParameter(fn, options?.process, options?.parameter);
  const { n, dense } = rowStandardized(w, fn);
  if (!options.x || options.x.length !== n) throw new Error(`${fn}: x has ${options.x?.length ?? 0} values but the weights have ${n} regions`);
  const x = Float64Array.from(options.x);
  const beta = options.beta ?? [1, 1];
  const sigma = options.sigma ?? 1;
  if (!(sigma >= 0)) throw new Error(`${fn}: sigma must be ≥ 0, got ${sigma}`);
  const inv = spatialInverse(dense, n, options.parameter, fn);
  const y = new Float64Array(n);
  const eps = new Float64Array(n);
  draw(inv, n, options.process, x, beta, sigma, random, y, eps);
  return { y, epsilon: eps };
}

/** The model the LM decision rule picks. */
export type ModelChoice = "OLS" | "SLM" | "SEM";

/**
 * The LM decision rule (Anselin 2005, *Exploring Spatial Data with GeoDa*, §23; Florax, Folmer &
 * Rey 2003, the "classic" strategy): if neither LM-lag nor LM-error is significant at `alpha`, keep
 * OLS; if only one is, pick its model; if both are, pick the model whose robust test is
 * significant, and if both or neither robust test is, the one with the larger robust statistic.
 * (篇3 picks SEM because its LM-error tests are "more significant" than its LM-lag tests — the
 * same comparison.)
 * @param tests an `lmTests` result (or anything with the four tests)
 * @param alpha significance level in (0, 1)
 * @example chooseSpatialModel({ lmLag: { statistic: 5, pValue: 0.02 }, lmError: { statistic: 1, pValue: 0.3 },
 *   robustLmLag: { statistic: 4, pValue: 0.04 }, robustLmError: { statistic: 0.1, pValue: 0.8 } }, 0.05) // "SLM"
 */
export function chooseSpatialModel(tests: Pick<LmTestsResult, "lmLag" | "lmError" | "robustLmLag" | "robustLmError"> | { [k in "lmLag" | "lmError" | "robustLmLag" | "robustLmError"]: { statistic: number; pValue: number } }, alpha: number): ModelChoice {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`chooseSpatialModel: alpha must be in (0, 1), got ${alpha}`);
  const lag = tests.lmLag.pValue < alpha;
  const err = tests.lmError.pValue < alpha;
  if (!lag && !err) return "OLS";
  if (lag && !err) return "SLM";
  if (err && !lag) return "SEM";
  const rl = tests.robustLmLag.pValue < alpha;
  const re = tests.robustLmError.pValue < alpha;
  if (rl && !re) return "SLM";
  if (re && !rl) return "SEM";
  return tests.robustLmLag.statistic >= tests.robustLmError.statistic ? "SLM" : "SEM";
}

/** Options of {@link spatialTestSimulation}. */
export interface SpatialTestSimulationOptions {
  /** Scenarios to simulate, e.g. [{ process: "lag", parameter: 0 }, { process: "lag", parameter: 0.5 }]. */
  scenarios: SimulationScenario[];
  /** Draws per scenario (a few hundred give rates to about ±0.02–0.03). */
  draws: number;
  /** Seed of the generator ({@link rng}); the same seed gives the same study. */
  seed: number;
  /** Significance level of every test (default 0.05). */
  alpha?: number;
  /** Permutations of Moran's permutation test per draw (default 199; 0 skips it). */
  permutations?: number;
  /** [intercept, slope] of the DGP (default [1, 1]). */
  beta?: [number, number];
  /** σ of the innovations (default 1). */
  sigma?: number;
  /**
   * A fixed regressor (length n, `w.ids` order), kept across draws. Default: x ~ N(0, 1) drawn anew, independently
   * across regions, in every draw — then y is i.i.d. under ρ = 0 and Moran's test of y has its nominal size; with a
   * fixed x the test of y is conditional on x's own spatial pattern.
   */
  x?: ArrayLike<number>;
}

/** Rejection rates and model choices of one scenario. */
export interface SpatialTestSimulationRow {
  process: SpatialProcess;
  parameter: number;
  draws: number;
  /** Share of draws in which Moran's I of y rejects "no positive autocorrelation" at alpha (one-sided), per null distribution. */
  moranNormal: number;
  moranRandomization: number;
  /** NaN when permutations = 0. */
  moranPermutation: number;
  /** Shares of draws in which each LM test on the OLS residuals of y ~ x rejects at alpha. */
  lmLag: number;
  lmError: number;
  robustLmLag: number;
  robustLmError: number;
  /** Shares of draws in which the decision rule ({@link chooseSpatialModel}) picks each model. */
  chooseOLS: number;
  chooseSLM: number;
  chooseSEM: number;
  /** Mean of Moran's I over the draws (E[I] under no autocorrelation is −1/(n − 1)). */
  meanMoranI: number;
}

/** Result of {@link spatialTestSimulation}. */
export interface SpatialTestSimulationResult {
  rows: SpatialTestSimulationRow[];
  n: number;
  ids: string[];
  alpha: number;
  draws: number;
  permutations: number;
  seed: number;
  beta: [number, number];
  sigma: number;
  /** The fixed regressor used, in `ids` order, or null when x was drawn anew in every draw. */
  x: Float64Array | null;
  /** The DGP in words, for captions ("SIMULATION: …"). */
  dgp: string;
  /** Monte Carlo standard error of a rate p estimated from `draws` draws: √(p(1 − p)/draws). */
  monteCarloSE(p: number): number;
}

/**
 * Monte Carlo rejection rates of global Moran's I (normality, randomization and permutation
 * p-values) and of the LM tests, and the shares of draws in which the LM decision rule picks
 * OLS, SLM or SEM, for SIMULATED data from known spatial lag or error processes on the map of
 * `w`. Answers "with this many regions, how often do these tests see autocorrelation that is
 * there (power), and how often do they see it when it is not (size)?"
 *
 * Per draw: y from {@link simulateSpatialProcess}; `moran(y, w)`; `ols(y ~ x)`; `lmTests`;
 * {@link chooseSpatialModel}. The regressor is drawn anew in each draw unless a fixed `x` is given; innovations are N(0, σ²).
 * @param w spatial weights (standardized to "W" inside)
 * @param options scenarios, draws, seed, alpha, permutations, beta, sigma, x
 * @throws `spatialTestSimulation: draws must be a positive integer, got 0`; `…: alpha must be in (0, 1)`;
 *   `…: no scenarios`; an invalid process or parameter (naming it); islands
 * @example
 * const sim = spatialTestSimulation(jilinWeights({ contiguity: "queen" }), {
 *   scenarios: [{ process: "lag", parameter: 0 }, { process: "lag", parameter: 0.5 }], draws: 300, seed: 1 });
 * sim.rows[0].moranPermutation // close to 0.05 (the test's size)
 */
export function spatialTestSimulation(w: SpatialWeights, options: SpatialTestSimulationOptions): SpatialTestSimulationResult {
  const fn = "spatialTestSimulation";
  const { n, dense } = rowStandardized(w, fn);
  const ws = w.standardize("W");
  const { scenarios, draws, seed } = options ?? ({} as SpatialTestSimulationOptions);
  if (!Array.isArray(scenarios) || scenarios.length === 0) throw new Error(`${fn}: no scenarios`);
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`${fn}: draws must be a positive integer, got ${String(draws)}`);
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  const permutations = options.permutations ?? 199;
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  const beta = options.beta ?? [1, 1];
  const sigma = options.sigma ?? 1;
  for (const s of scenarios) checkParameter(fn, s?.process, s?.parameter);
  const r = makeRng(seed);
  const fixedX = options.x !== undefined && options.x !== null;
  if (fixedX && options.x!.length !== n) throw new Error(`${fn}: x has ${options.x!.length} values but the weights have ${n} regions`);
  const x = fixedX ? Float64Array.from(options.x!) : new Float64Array(n);
  const ids = ws.ids.slice();
  const y = new Float64Array(n);
  const eps = new Float64Array(n);
  const data: Record<string, ArrayLike<unknown>> = { y, x, id: ids };
  const rows: SpatialTestSimulationRow[] = scenarios.map((sc) => {
    const inv = spatialInverse(dense, n, sc.parameter, fn);
    const count = { mn: 0, mr: 0, mp: 0, ll: 0, le: 0, rll: 0, rle: 0, OLS: 0, SLM: 0, SEM: 0 };
    let sumI = 0;
    for (let d = 0; d < draws; d++) {
      if (!fixedX) for (let i = 0; i < n; i++) x[i] = r.normal();
      draw(inv, n, sc.process, x, beta, sigma, r, y, eps);
      const m = moran(y, ws, { permutations, seed: r.nextUint32() | 0 });
      sumI += m.I;
      if (m.pNormal < alpha) count.mn++;
      if (m.pRandom < alpha) count.mr++;
      if (m.pSim !== null && m.pSim < alpha) count.mp++;
      const fit = ols(data, "y ~ x", { id: "id" });
      const t = lmTests(fit, ws);
      if (t.lmLag.pValue < alpha) count.ll++;
      if (t.lmError.pValue < alpha) count.le++;
      if (t.robustLmLag.pValue < alpha) count.rll++;
      if (t.robustLmError.pValue < alpha) count.rle++;
      count[chooseSpatialModel(t, alpha)]++;
    }
    return {
      process: sc.process, parameter: sc.parameter, draws,
      moranNormal: count.mn / draws, moranRandomization: count.mr / draws,
      moranPermutation: permutations > 0 ? count.mp / draws : NaN,
      lmLag: count.ll / draws, lmError: count.le / draws, robustLmLag: count.rll / draws, robustLmError: count.rle / draws,
      chooseOLS: count.OLS / draws, chooseSLM: count.SLM / draws, chooseSEM: count.SEM / draws,
      meanMoranI: sumI / draws,
    };
  });
  const dgp = `SIMULATION on ${n} regions: lag y = (I − ρW)⁻¹(${beta[0]} + ${beta[1]}·x + ε), error y = ${beta[0]} + ${beta[1]}·x + (I − λW)⁻¹ε, ` +
    `ε ~ N(0, ${sigma}²), ${fixedX ? "x fixed across draws" : "x ~ N(0, 1) drawn anew in every draw"}, W row-standardized; ${draws} draws per scenario, seed ${seed}, α = ${alpha}`;
  return {
    rows, n, ids, alpha, draws, permutations, seed, beta, sigma, x: fixedX ? x : null, dgp,
    monteCarloSE: (p: number) => Math.sqrt((p * (1 - p)) / draws),
  };
}
