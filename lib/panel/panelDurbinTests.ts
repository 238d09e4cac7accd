/**
 * Elhorst's tests of the spatial Durbin panel model against its restrictions: does the SDM with fixed effects
 * simplify to the spatial lag (θ = 0) or to the spatial error model (θ + ρβ = 0)?
 */
import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights";
import { chiSquaredUpper } from "../distributions/cdf";
import { durbinWaldStatistics, durbinDecision } from "../spatialreg/durbinWald";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { panelOptions } from "./panelOptions";
import type { PanelEffects } from "./withinTransform";
import type { LogdetMethod } from "../spatialreg";
import { spatialPanel, type SpatialPanelResult } from "./spatialPanel";
import { underName } from "../core/validate";

/** Options of {@link panelDurbinTests}: those of `spatialPanel` with fixed effects, and `alpha`. */
export interface PanelDurbinTestsOptions {
  /** Column of region ids; its values must be exactly `w.ids`. */
  id?: string;
  /** @deprecated the old name of `id`. */
  entity?: string;
  /** Column of periods. */
  time: string;
  /** Fixed effects "entity" (default), "time" or "twoways" (random effects have no Durbin terms here). */
  effects?: PanelEffects;
  /** Lee–Yu bias correction of every model (see `spatialPanel`; default false). */
  biasCorrection?: boolean;
  /** ln|I − ρW| method (see `spatialPanel`). */
  logdet?: LogdetMethod;
  /** How Wy and WX enter the demeaned model, "splm" (default) or "lsdv" (Elhorst's routines); see `spatialPanel`. */
  lagTransform?: "splm" | "lsdv";
  /** Significance level of the decision (default 0.05). */
  alpha?: number;
}

/** A named chi-squared test. */
export interface PanelDurbinTest { name: string; statistic: number; df: number; pValue: number }

/** Result of {@link panelDurbinTests}. */
export interface PanelDurbinTestsResult {
  sar: SpatialPanelResult;
  sem: SpatialPanelResult;
  sdm: SpatialPanelResult;
  sdem: SpatialPanelResult;
  /** LR SDM vs SAR (θ = 0), LR SDM vs SEM (θ = −ρβ), LR SDEM vs SEM (θ = 0), each with k df. */
  lr: { sdmVsSar: PanelDurbinTest; sdmVsSem: PanelDurbinTest; sdemVsSem: PanelDurbinTest };
  /** Wald θ = 0 and Wald θ + ρβ = 0 (delta method) on the SDM's covariance of (ρ, β, θ). */
  wald: { theta: PanelDurbinTest; commonFactor: PanelDurbinTest };
  /** The model the tests point to at `alpha`, in words (Elhorst 2014, §3.5). */
  decision: string;
  caveats: string[];
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

function chi2(name: string, statistic: number, df: number): PanelDurbinTest {
  return { name, statistic, df, pValue: chiSquaredUpper(statistic, df) };
}

/**
 * LR and Wald tests of the spatial Durbin panel model with fixed effects against the spatial lag and the spatial
 * error model.
 *
 * Long name: specification tests of the spatial Durbin panel model (Elhorst 2014, *Spatial Econometrics: From
 * Cross-Sectional Data to Spatial Panels*, §3.5 and Table 3.3; his Matlab routines' Wald and LR tests): fits the
 * SAR, SEM, SDM (`durbin: true`) and SDEM panels of {@link spatialPanel} with the same effects, then
 * H0: θ = 0 (SDM → SAR) by Wald on the SDM's information-matrix covariance and by LR against the SAR, and
 * H0: θ + ρβ = 0 (SDM → SEM, the common-factor hypothesis) by the delta-method Wald test and by LR against the
 * SEM; and LR SDEM vs SEM. The covariance is the (ρ, β, θ) block of the inverse information matrix in
 * (σ², ρ, β, θ), as splm reports it and as Elhorst's routines use it. Decision as Elhorst's: if both hypotheses are
 * rejected (Wald and LR), the SDM; if only θ = 0 is not rejected (and the robust LM tests pointed to the lag), the
 * SAR; if only the common factor is not, the SEM; otherwise a message saying neither simplification is rejected.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"` (every regressor gets its W lag)
 * @param w spatial weights whose ids are the region values
 * @param options see {@link PanelDurbinTestsOptions}
 * @throws `panelDurbinTests: effects "random" ...`; `panelDurbinTests: alpha must be in (0, 1)`; spatialPanel's errors
 * @example
 * // Elhorst's cigarette demand, two-way effects (test/reference/cigarette.R, splm 1.6-5): Wald θ = 0 15.32
 * panelDurbinTests(cig, "logc ~ logp + logy", w46, { id: "state", time: "year", effects: "twoways" }).wald.theta.statistic
 */
export function panelDurbinTests(data: DataInput, formula: string, w: SpatialWeights, options: PanelDurbinTestsOptions): PanelDurbinTestsResult {
  // errors of the models fitted inside carry this function's name: "panelDurbinTests: spatialLag: column …"
  return underName("panelDurbinTests", () => panelDurbinTestsBody(data, formula, w, options));
}

function panelDurbinTestsBody(data: DataInput, formula: string, w: SpatialWeights, options: PanelDurbinTestsOptions): PanelDurbinTestsResult {
  const fn = "panelDurbinTests";
  const opts = panelOptions(options, ["effects", "biasCorrection", "logdet", "lagTransform", "alpha"], fn);
  const effects = opts.effects ?? "entity";
  if ((effects as string) === "random") throw new Error(`${fn}: effects "random" is not available: the random-effects spatial panels have no Durbin terms here; use "entity", "time" or "twoways"`);
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1) (got ${alpha})`);
  const base = { id: opts.id, time: opts.time, effects, biasCorrection: opts.biasCorrection, logdet: opts.logdet, lagTransform: opts.lagTransform };
  const sar = spatialPanel(data, formula, w, { ...base, model: "lag" });
  const sem = spatialPanel(data, formula, w, { ...base, model: "error" });
  const sdm = spatialPanel(data, formula, w, { ...base, model: "lag", durbin: true });
  const sdem = spatialPanel(data, formula, w, { ...base, model: "error", durbin: true });
  const thetaNames = sdm.coefficientNames.filter((nm) => nm.startsWith("lag."));
  const q = thetaNames.length;
  const lr = {
    sdmVsSar: chi2("LR SDM vs SAR (θ = 0)", 2 * (sdm.logLik - sar.logLik), q),
    sdmVsSem: chi2("LR SDM vs SEM (θ + ρβ = 0)", 2 * (sdm.logLik - sem.logLik), q),
    sdemVsSem: chi2("LR SDEM vs SEM (θ = 0)", 2 * (sdem.logLik - sem.logLik), q),
  };
  const { names, values: V } = sdm.variance;
  const est = (nm: string) => {
    const i = names.indexOf(nm);
    if (i < 0) throw new Error(`${fn}: the SDM covariance has no row for "${nm}"`);
    return sdm.estimates[i];
  };
  const wald = durbinWaldStatistics(V, names, est, thetaNames, fn);
  const theta = chi2("Wald θ = 0", wald.theta, q);
  const commonFactor = chi2("Wald θ + ρβ = 0 (common factor)", wald.commonFactor, q);
  const rejTheta = lr.sdmVsSar.pValue < alpha && theta.pValue < alpha;
  const rejCf = lr.sdmVsSem.pValue < alpha && commonFactor.pValue < alpha;
  const decision = durbinDecision(rejTheta, rejCf, alpha, sar.logLik, sem.logLik);
  const caveats = [
    "the SDM and the SDEM are not nested: compare them by their fit or their impacts, not by an LR test",
    "LR and Wald tests can disagree in small samples; the decision requires both to reject",
    "the tests are conditional on W and on the fixed effects chosen (Elhorst 2014, §3.6.2 chooses two-way effects by LR tests first)",
  ];
  const tests = [lr.sdmVsSar, theta, lr.sdmVsSem, commonFactor, lr.sdemVsSem];
  return makeResult<PanelDurbinTestsResult>({
    sar, sem, sdm, sdem, lr, wald: { theta, commonFactor }, decision, caveats,
    report: {
      title: "Specification tests of the spatial Durbin panel model (Elhorst)",
      header: [["Formula", formula], ["Panel", `${sdm.entities} regions × ${sdm.periods} periods`],
        ["Effects", sdm.method.replace(/^.*panel model, /, "")], ["Durbin terms", thetaNames.join(", ")]],
      statistics: [["log-likelihood SAR", sar.logLik], ["log-likelihood SEM", sem.logLik], ["log-likelihood SDM", sdm.logLik],
        ["log-likelihood SDEM", sdem.logLik], [`Decision at ${alpha}`, decision]],
      notes: caveats.map((c) => `Caveat: ${c}.`),
      tests: tests.map((t) => ({ name: t.name, statistic: t.statistic, df: t.df, pValue: t.pValue })),
    },
  });
}
