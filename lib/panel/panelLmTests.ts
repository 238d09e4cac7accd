/**
 * Lagrange multiplier tests for spatial lag and spatial error dependence on a panel: LM lag,
 * LM error, their robust forms and SARMA, computed on the residuals of pooled OLS or of the
 * within (fixed-effects) regression with the block-diagonal weights I_T ⊗ W.
 *
 * Long name: panel LM and robust LM tests for spatial dependence (Anselin, Le Gallo & Jayet 2008,
 * "Spatial panel econometrics", in Mátyás & Sevestre eds., *The Econometrics of Panel Data*, ch. 19;
 * Elhorst 2014, *Spatial Econometrics: From Cross-Sectional Data to Spatial Panels*, §3.3 and his
 * LM-test routine; Debarsy & Ertur 2010, Reg. Sci. Urban Econ. 40, 453–470), as R splm's `slmtest`
 * (Millo & Piras 2012, J. Stat. Softw. 47(1)).
 */
import type { CoefficientRow, DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { modelMatrix } from "../formula";
import { checkFullRank } from "../linalg";
import { SpatialWeights } from "../weights/SpatialWeights";
import { ols } from "../regression/ols";
import { lmTests, type LmTest } from "../spatialreg";
import { prepareWeights } from "../spatialreg/weightsInput";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { formatPValue } from "../report/format";
import { panelOptions } from "./panelOptions";
import { tTwoSided } from "../distributions/cdf";
import { panelIndex } from "./panelIndex";
import { withinTransform } from "./withinTransform";

/** Which effects are removed before the LM tests: none (pooled OLS), or fixed effects by the within transformation. */
export type PanelLmEffects = "none" | "entity" | "time" | "twoways";

/** Options of {@link panelLmTests}. */
export interface PanelLmTestsOptions {
  /** Column of region ids; its values must be exactly `w.ids`. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  entity?: string;
  /** Column of periods. */
  time: string;
  /**
   * "none": pooled OLS with an intercept (splm `slmtest(model = "pooling")`); "entity", "time",
   * "twoways": the within regression of the fixed-effects model (splm `slmtest(model = "within",
   * effect = "individual" | "time" | "twoways")`). Required: the choice changes the answer.
   */
  effects: PanelLmEffects;
  /** Keep regions without neighbours as zero rows of W (default false: islands are an error), as spdep's `zero.policy`. */
  zeroPolicy?: boolean;
}

/** Anselin's decision between the spatial lag and the spatial error model. */
export interface PanelLmDecision {
  /** "lag", "error", or "none" (neither LM test rejects: keep the non-spatial model). */
  model: "lag" | "error" | "none";
  /** The rule that applied, in words, with the p-values. */
  reason: string;
  alpha: number;
}

/** Result of {@link panelLmTests}. */
export interface PanelLmTestsResult {
  method: string;
  formula: string;
  dependent: string;
  effects: PanelLmEffects;
  /** LM test for a spatially lagged dependent variable (1 df). splm `slmtest(test = "lml")`, spdep LMlag. */
  lmLag: LmTest;
  /** LM test for spatial error dependence (1 df). splm "lme", spdep LMerr. */
  lmError: LmTest;
  /** Robust LM lag, robust to local error dependence (Anselin, Bera, Florax & Yoon 1996). splm "rlml". */
  robustLmLag: LmTest;
  /** Robust LM error, robust to a local lag. splm "rlme". */
  robustLmError: LmTest;
  /** Joint lag-and-error test (2 df) = robust LM lag + LM error. spdep SARMA. */
  sarma: LmTest;
  /** Number of observations N·T. */
  n: number;
  /** Number of regions N. */
  entities: number;
  /** Number of periods T. */
  periods: number;
  /** σ² = e'e/(N·T) used by the tests (no degrees-of-freedom correction, as Elhorst and splm). */
  sigma2: number;
  /** Style of the N × N weights used ("W" after row-standardizing binary weights). */
  weightsStyle: string;
  /**
   * The auxiliary regression whose residuals are tested (pooled OLS or within), with classical
   * standard errors on N·T − (absorbed effects) − k degrees of freedom, as plm reports it.
   */
  coefficients: CoefficientRow[];
  dfResidual: number;
  /**
   * Anselin's decision rule (Anselin 2005, *Exploring Spatial Data with GeoDa: A Workbook*, §23;
   * Elhorst 2010, Spatial Economic Analysis 5(1), 9–28): if neither LM lag nor LM error rejects at
   * `alpha`, keep the non-spatial model; if exactly one rejects, that model; if both reject, the
   * model whose robust test rejects; if both robust tests reject (or neither), the one with the
   * larger robust statistic.
   * @param alpha significance level (default 0.05)
   */
  decision(alpha?: number): PanelLmDecision;
  /** What the shared summary prints (lib/report). */
  report: ReportParts;
  statisticName: "t";
  summary(): string;
  toHTML(): string;
}

const EFFECTS: readonly PanelLmEffects[] = ["none", "entity", "time", "twoways"];

function effectsWords(e: PanelLmEffects): string {
  return e === "none" ? "pooled OLS (no effects)" : e === "entity" ? "within, entity (region) fixed effects"
    : e === "time" ? "within, time fixed effects" : "within, two-way fixed effects";
}

/**
 * LM, robust LM and SARMA tests for spatial dependence in a balanced panel regression.
 *
 * Method: the model y = Xβ (+ fixed effects) + ε is fitted by pooled OLS (`effects: "none"`, with
 * the formula's intercept) or by the within estimator (the effects removed by the within
 * transformation, x − x̄ᵢ, x − x̄ₜ, or x − x̄ᵢ − x̄ₜ + x̄ on the balanced panel; the intercept is
 * absorbed). With e its residuals stacked period by period, 𝐖 = I_T ⊗ W, σ² = e'e/(NT),
 * T_W = tr(W'W + WW) and J = [(𝐖Xβ)'M(𝐖Xβ) + T·T_W·σ²]/σ² (M the residual maker of the
 * transformed X):
 * LM lag = (e'𝐖y/σ²)²/J; LM error = (e'𝐖e/σ²)²/(T·T_W);
 * robust LM lag = (e'𝐖y/σ² − e'𝐖e/σ²)²/(J − T·T_W);
 * robust LM error = (e'𝐖e/σ² − (T·T_W/J)·e'𝐖y/σ²)²/(T·T_W·(1 − T·T_W/J)); SARMA = robust LM lag + LM error.
 * This is the variant of Anselin, Le Gallo & Jayet (2008), Elhorst (2014, §3.3) and splm's
 * `slmtest`: σ² divides by NT with no correction for the N (or T, N + T − 1) absorbed effects or the
 * k slopes, and the trace term is T·tr(W'W + WW) because tr over I_T ⊗ W adds T identical blocks.
 * The statistics are computed by lib/spatialreg's cross-section `lmTests` applied to the stacked
 * (transformed) regression and the block-diagonal weights, which is exactly this formula.
 * Binary weights are row-standardized first. χ² p-values (1 df; SARMA 2 df).
 * @param data danfo DataFrame or object of columns, one row per region and period
 * @param formula `"y ~ x1 + x2"` (`log()`, `I()`, interactions as in `ols`)
 * @param w spatial weights whose ids are the entity values
 * @param options `{ entity, time, effects, zeroPolicy? }`, see {@link PanelLmTestsOptions}
 * @throws `panelLmTests: the panel is unbalanced: entity "7" has no row for period "2013" (...)`;
 *   `panelLmTests: ids in data but not in weights: ...`; islands without `zeroPolicy`;
 *   `panelLmTests: regressor "x" is absorbed by the entity fixed effects ...`; duplicate entity–period
 *   rows, missing values, collinear regressors, an unknown `effects`
 * @example
 * // simulated Columbus panel of test/reference/panel-lm-tests.R (spdep lm.LMtests on I_T ⊗ W: LMlag 195.683218622391)
 * const t = panelLmTests(sim, "y ~ x1 + x2", w, { entity: "region", time: "year", effects: "entity" });
 * t.lmLag.statistic          // 195.68321862...
 * t.robustLmError.pValue     // 0.0076243...
 * t.decision().model         // "lag"
 */
export function panelLmTests(data: DataInput, formula: string, w: SpatialWeights, options: PanelLmTestsOptions): PanelLmTestsResult {
  const fn = "panelLmTests";
  const opts = panelOptions(options, ["effects", "zeroPolicy"], fn);
  const effects = opts.effects;
  if (!EFFECTS.includes(effects)) {
    throw new Error(`${fn}: effects must be "none", "entity", "time" or "twoways" (got ${JSON.stringify(effects)})`);
  }
  const zeroPolicy = opts.zeroPolicy ?? false;
  const pw = prepareWeights(w, fn, zeroPolicy); // islands (unless zeroPolicy); "B" → row-standardized
  const W = pw.weights;

  const ix = panelIndex(rawColumn(data, opts.id, fn), rawColumn(data, opts.time, fn), opts, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  const perm = W.alignment(ix.entityLevels, fn); // perm[i] = entity code of region i of W
  if (!ix.balanced) throw new Error(`${fn}: ${firstMissing(ix, W, perm)}`);
  if (T < 2 && (effects === "entity" || effects === "twoways")) {
    throw new Error(`${fn}: the panel has one period ("${ix.timeLevels[0]}"); ${effects === "entity" ? "entity" : "two-way"} fixed effects need at least two`);
  }
  if (N < 2 && (effects === "time" || effects === "twoways")) {
    throw new Error(`${fn}: the panel has one region; time fixed effects need at least two`);
  }

  const mm = modelMatrix(data, formula, { fn });
  const NT = N * T;
  const keep: number[] = [];
  for (let j = 0; j < mm.k; j++) if (effects === "none" || mm.columnNames[j] !== "(Intercept)") keep.push(j);
  const k = keep.length;
  if (k === 0) {
    throw new Error(`${fn}: the formula has no regressors${effects === "none" ? "" : " besides the intercept, which the fixed effects absorb"}`);
  }
  const names = keep.map((j) => mm.columnNames[j]);
  const hasIntercept = effects === "none" && mm.intercept;

  // period-major order, regions in w.ids order within a period (the order of I_T ⊗ W)
  const regionOf = new Int32Array(N);
  for (let i = 0; i < N; i++) regionOf[perm[i]] = i;
  const pos = new Int32Array(NT);
  for (let r = 0; r < NT; r++) pos[r] = ix.time[r] * N + regionOf[ix.entity[r]];
  const arrange = (v: Float64Array) => { const o = new Float64Array(NT); for (let r = 0; r < NT; r++) o[pos[r]] = v[r]; return o; };

  const within = effects === "none" ? null : withinTransform(ix, effects);
  const transform = (v: Float64Array) => arrange(within ? within.apply(v) : v);
  const yt = transform(mm.y);
  const xt = new Float64Array(NT * k);
  for (let c = 0; c < k; c++) {
    const raw = mm.X.subarray(keep[c] * NT, keep[c] * NT + NT);
    const d = transform(Float64Array.from(raw));
    if (within) {
      let mean = 0; for (let i = 0; i < NT; i++) mean += raw[i]; mean /= NT;
      let ssRaw = 0, ssD = 0;
      for (let i = 0; i < NT; i++) { const dv = raw[i] - mean; ssRaw += dv * dv; ssD += d[i] * d[i]; }
      if (ssD <= 1e-20 * Math.max(ssRaw, 1e-300) || ssD < 1e-300) {
        const what = effects === "entity" ? ["entity", "within regions"] : effects === "time" ? ["time", "across regions within periods"] : ["two-way", "beyond region and period components"];
        throw new Error(`${fn}: regressor "${names[c]}" is absorbed by the ${what[0]} fixed effects (it does not vary ${what[1]}); remove it`);
      }
    }
    xt.set(d, c * NT);
  }
  checkFullRank(xt, NT, k, names, fn);

  // the stacked regression, fitted by lib/regression's ols (columns renamed v1..vk)
  const cols: Record<string, Float64Array> = { y: yt };
  const terms: string[] = [];
  for (let c = 0; c < k; c++) {
    if (hasIntercept && names[c] === "(Intercept)") continue;
    cols[`v${c + 1}`] = xt.subarray(c * NT, c * NT + NT);
    terms.push(`v${c + 1}`);
  }
  const model = ols(cols, `y ~ ${terms.length ? terms.join(" + ") : "1"}${hasIntercept ? "" : " - 1"}`);

  // I_T ⊗ W as SpatialWeights over the N·T observations
  const nb: number[][] = new Array(NT);
  const wt: number[][] = new Array(NT);
  const ids: string[] = new Array(NT);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      nb[t * N + i] = W.neighbors[i].map((j) => t * N + j);
      wt[t * N + i] = W.weights[i].slice();
      ids[t * N + i] = `${W.ids[i]}\u0000${ix.timeLevels[t]}`;
    }
  }
  const block = new SpatialWeights(ids, nb, wt, W.style);
  const lm = lmTests(model, block, { zeroPolicy });

  // auxiliary regression rows as plm reports them (classical vcov on NT − absorbed − k df)
  let ee = 0;
  for (let i = 0; i < NT; i++) ee += model.residuals[i] * model.residuals[i];
  const absorbed = within ? within.absorbed : 0;
  const dfResidual = NT - absorbed - k;
  if (dfResidual <= 0) throw new Error(`${fn}: ${NT} observations leave no residual degrees of freedom after ${absorbed} absorbed effects and ${k} coefficients`);
  const s2df = ee / dfResidual;
  // ols orders its columns as the formula: intercept (if any) first, then v1..vk in order = names order
  const coefficients: CoefficientRow[] = names.map((term, c) => {
    const est = model.estimates[c];
    const se = Math.sqrt(s2df * model.xtxInverse[c * k + c]);
    const stat = est / se;
    return { term, estimate: est, stdError: se, statistic: stat, pValue: tTwoSided(stat, dfResidual) };
  });

  const method = `LM tests for spatial dependence on a panel (${effectsWords(effects)}, weights I_T ⊗ W)`;
  const tests = [
    { name: "LM lag", statistic: lm.lmLag.statistic, df: 1, pValue: lm.lmLag.pValue },
    { name: "LM error", statistic: lm.lmError.statistic, df: 1, pValue: lm.lmError.pValue },
    { name: "Robust LM lag", statistic: lm.robustLmLag.statistic, df: 1, pValue: lm.robustLmLag.pValue },
    { name: "Robust LM error", statistic: lm.robustLmError.statistic, df: 1, pValue: lm.robustLmError.pValue },
    { name: "SARMA", statistic: lm.sarma.statistic, df: 2, pValue: lm.sarma.pValue },
  ];
  const decision = (alpha = 0.05): PanelLmDecision => decide(lm, alpha, fn);
  const d = decision();
  return makeResult<PanelLmTestsResult>({
    method, formula, dependent: mm.responseName, effects,
    lmLag: lm.lmLag, lmError: lm.lmError, robustLmLag: lm.robustLmLag, robustLmError: lm.robustLmError, sarma: lm.sarma,
    n: NT, entities: N, periods: T, sigma2: ee / NT, weightsStyle: pw.style,
    coefficients, dfResidual, statisticName: "t",
    decision,
    report: {
      title: method,
      header: [
        ["Dependent variable", mm.responseName],
        ["Formula", formula],
        ["Panel", `${N} regions (${opts.id}) × ${T} periods (${opts.time}), n = ${NT}, balanced`],
        ["Effects", effectsWords(effects)],
        ["Weights", `I_T ⊗ W, W style "${pw.style}"${pw.islands.length ? `, ${pw.islands.length} island(s) kept as zero rows` : ""}`],
        ["Auxiliary regression", `${effects === "none" ? "pooled OLS" : "within OLS"}, classical standard errors, df ${dfResidual}`],
      ],
      statistics: [["sigma² = e'e/(NT) used by the tests", ee / NT], ["Decision at 5% (Anselin)", d.model === "none" ? "no spatial model" : `spatial ${d.model} model`]],
      tests,
      notes: [
        "Tests as Anselin, Le Gallo & Jayet (2008), Elhorst (2014, §3.3) and splm slmtest: sigma² = e'e/(NT), trace term T·tr(W'W + WW).",
        d.reason,
      ],
    },
  });
}

/** The first missing entity–period pair (regions in `w.ids` order, periods sorted), in words. */
function firstMissing(ix: ReturnType<typeof panelIndex>, w: SpatialWeights, perm: Int32Array): string {
  const N = ix.entityLevels.length, T = ix.timeLevels.length;
  const present = new Uint8Array(N * T);
  for (let r = 0; r < ix.n; r++) present[ix.entity[r] * T + ix.time[r]] = 1;
  let missing = 0;
  for (let p = 0; p < N * T; p++) if (!present[p]) missing++;
  for (let i = 0; i < w.n; i++) {
    const e = perm[i];
    for (let t = 0; t < T; t++) {
      if (!present[e * T + t]) {
        return `the panel is unbalanced: entity "${ix.entityLevels[e]}" has no row for period "${ix.timeLevels[t]}" ` +
          `(${ix.n} rows for ${N} regions × ${T} periods, ${missing} missing); the LM tests with I_T ⊗ W need every region in every period`;
      }
    }
  }
  return "the panel is unbalanced"; // unreachable: n < N·T with no duplicates means a pair is missing
}

function fmtP(p: number): string {
  return formatPValue(p, 3);
}

function decide(lm: { lmLag: LmTest; lmError: LmTest; robustLmLag: LmTest; robustLmError: LmTest }, alpha: number, fn: string): PanelLmDecision {
  if (!(typeof alpha === "number" && alpha > 0 && alpha < 1)) throw new Error(`${fn}: decision(alpha): alpha must be a number in (0, 1) (got ${String(alpha)})`);
  const lag = lm.lmLag.pValue < alpha, err = lm.lmError.pValue < alpha;
  const pl = `LM lag p = ${fmtP(lm.lmLag.pValue)}`, pe = `LM error p = ${fmtP(lm.lmError.pValue)}`;
  if (!lag && !err) return { model: "none", alpha, reason: `Neither LM test rejects at ${alpha} (${pl}, ${pe}): keep the non-spatial model.` };
  if (lag && !err) return { model: "lag", alpha, reason: `Only LM lag rejects at ${alpha} (${pl}, ${pe}): spatial lag model.` };
  if (!lag && err) return { model: "error", alpha, reason: `Only LM error rejects at ${alpha} (${pl}, ${pe}): spatial error model.` };
  const rl = lm.robustLmLag.pValue < alpha, re = lm.robustLmError.pValue < alpha;
  const rpl = `robust LM lag p = ${fmtP(lm.robustLmLag.pValue)}`, rpe = `robust LM error p = ${fmtP(lm.robustLmError.pValue)}`;
  if (rl && !re) return { model: "lag", alpha, reason: `Both LM tests reject at ${alpha}; only the robust LM lag does (${rpl}, ${rpe}): spatial lag model.` };
  if (!rl && re) return { model: "error", alpha, reason: `Both LM tests reject at ${alpha}; only the robust LM error does (${rpl}, ${rpe}): spatial error model.` };
  const model = lm.robustLmLag.statistic >= lm.robustLmError.statistic ? "lag" : "error";
  return {
    model, alpha,
    reason: `Both LM tests reject at ${alpha} and ${rl ? "both" : "neither"} robust test${rl ? "s do" : " does"} (${rpl}, ${rpe}): the larger robust statistic points to the spatial ${model} model` +
      (rl ? " (both kinds of dependence may be present; consider a model with both, e.g. SARAR)." : "."),
  };
}
