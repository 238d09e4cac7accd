/**
 * Elhorst's specific-to-general tests: does the spatial Durbin model simplify to the spatial lag or the spatial
 * error model?
 */
import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { chiSquaredUpper } from "../distributions/cdf";
import { durbinWaldStatistics, durbinDecision } from "./durbinWald";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { checkOptionNames } from "../core/options";
import { spatialLag, type SpatialLagResult } from "./spatialLag";
import { spatialError, type SpatialErrorResult } from "./spatialError";
import type { SpatialTest } from "./spatialML";
import type { SpatialModelOptions } from "./spatialData";
import { ols } from "../regression/ols";
import { lmTests, type LmTestsResult } from "./lmTests";
import { slx, type SlxResult } from "./slx";
import { underName } from "../core/validate";

/** A named chi-squared test. */
export interface DurbinTest extends SpatialTest { name: string }

/** Result of {@link durbinTests}. */
export interface DurbinTestsResult {
  sar: SpatialLagResult;
  sem: SpatialErrorResult;
  sdm: SpatialLagResult;
  sdem: SpatialErrorResult;
  /** The SLX model (OLS of y on X and WX), the restriction ρ = 0 of the SDM and λ = 0 of the SDEM. */
  slx: SlxResult;
  /** LM and robust LM tests for a lag and an error on the OLS residuals (step 1 of Elhorst's procedure). */
  lm: LmTestsResult;
  /**
   * LR SDM vs SAR (θ = 0), LR SDM vs SEM (θ = −ρβ, the common-factor restriction), LR SDEM vs SEM (θ = 0),
   * LR SDM vs SLX (ρ = 0) and LR SDEM vs SLX (λ = 0).
   */
  lr: { sdmVsSar: DurbinTest; sdmVsSem: DurbinTest; sdemVsSem: DurbinTest; sdmVsSlx: DurbinTest; sdemVsSlx: DurbinTest };
  /** AIC of the SDM and the SDEM, which are not nested (neither is a restriction of the other): the smaller fits better. */
  aic: { sdm: number; sdem: number };
  /** What the decision does not settle, in words. */
  caveats: string[];
  /** Wald θ = 0 and Wald θ + ρβ = 0 (delta method) in the SDM. */
  wald: { theta: DurbinTest; commonFactor: DurbinTest };
  /** The model the tests point to at `alpha`, in words (Elhorst 2010, Spatial Economic Analysis 5(1), 9–28). */
  decision: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

function test(name: string, statistic: number, df: number): DurbinTest {
  return { name, statistic, df, pValue: chiSquaredUpper(statistic, df) };
}

/**
 * LR and Wald tests of the spatial Durbin model against its restrictions.
 *
 * Long name: specification tests of the spatial Durbin model (LeSage & Pace 2009, §6.3; Elhorst 2010, 2014 §2.9),
 * as spatialreg `LR.Sarlm(sdm, sar)` and the Wald tests of H0: θ = 0 (SDM → SAR) and H0: θ + ρβ = 0 (SDM → SEM,
 * the common-factor hypothesis of Burridge 1981, by the delta method on the SDM's asymptotic covariance). Also the
 * first step, LM and robust LM tests on the OLS residuals (spdep `lm.RStests`), the LR tests of the SDM and the SDEM
 * against the SLX model (ρ = 0, λ = 0; spatialreg `LR.Sarlm(sdm, lmSLX(...))`), and the AIC of the non-nested SDM
 * and SDEM, with the caveats printed under the table. All models are fitted with the same options (`durbin` is set here). Decision: if both restrictions are rejected, the
 * SDM; if only θ = 0 is not rejected, the SAR; if only the common factor is not rejected, the SEM; if neither is
 * rejected, either simplification fits and the one with the larger log-likelihood is named.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"`
 * @param w spatial weights
 * @param options options of `spatialLag` (not `durbin`) and `alpha` (default 0.05)
 * @throws the estimators' errors; `durbinTests: durbin is set by the tests`
 * @example durbinTests(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" }).lr.sdmVsSar.statistic // 2.30433 (spatialreg LR.Sarlm)
 */
export function durbinTests(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions & { alpha?: number } = {}): DurbinTestsResult {
  // errors of the models fitted inside carry this function's name: "durbinTests: spatialLag: column …"
  return underName("durbinTests", () => durbinTestsBody(data, formula, w, options));
}

function durbinTestsBody(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions & { alpha?: number } = {}): DurbinTestsResult {
  const fn = "durbinTests";
  checkOptionNames(options, ["id", "logdet", "zeroPolicy", "interval", "vcov", "se", "tol", "alpha"], fn);
  const { alpha = 0.05, ...opts } = options;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1) (got ${alpha})`);
  const sar = spatialLag(data, formula, w, opts);
  const sem = spatialError(data, formula, w, opts);
  const sdm = spatialLag(data, formula, w, { ...opts, durbin: true });
  const sdem = spatialError(data, formula, w, { ...opts, durbin: true });
  const slxFit = slx(data, formula, w, { id: opts.id, zeroPolicy: opts.zeroPolicy });
  const lm = lmTests(ols(data, formula, { id: opts.id }), w, { zeroPolicy: opts.zeroPolicy });
  const thetaNames = sdm.coefficientNames.filter((nm) => nm.startsWith("lag."));
  const q = thetaNames.length;
  const lr = {
    sdmVsSar: test("LR SDM vs SAR (θ = 0)", 2 * (sdm.logLik - sar.logLik), q),
    sdmVsSem: test("LR SDM vs SEM (θ + ρβ = 0)", 2 * (sdm.logLik - sem.logLik), q),
    sdemVsSem: test("LR SDEM vs SEM (θ = 0)", 2 * (sdem.logLik - sem.logLik), q),
    sdmVsSlx: test("LR SDM vs SLX (ρ = 0)", 2 * (sdm.logLik - slxFit.logLik), 1),
    sdemVsSlx: test("LR SDEM vs SLX (λ = 0)", 2 * (sdem.logLik - slxFit.logLik), 1),
  };
  // parameters: coefficients (β and θ), the spatial parameter and σ² — as spatialreg's logLik df
  const aic = { sdm: -2 * sdm.logLik + 2 * (sdm.coefficientNames.length + 2), sdem: -2 * sdem.logLik + 2 * (sdem.coefficientNames.length + 2) };
  // Wald tests on the SDM's covariance over (sigma2, rho, beta)
  const est = (nm: string) => (nm === "rho" ? sdm.rho : sdm.estimates[sdm.coefficientNames.indexOf(nm)]);
  const wald = durbinWaldStatistics(sdm.vcov, sdm.vcovNames, est, thetaNames, fn);
  const theta = test("Wald θ = 0", wald.theta, q);
  const commonFactor = test("Wald θ + ρβ = 0 (common factor)", wald.commonFactor, q);
  const rejTheta = lr.sdmVsSar.pValue < alpha && theta.pValue < alpha;
  const rejCf = lr.sdmVsSem.pValue < alpha && commonFactor.pValue < alpha;
  const decision = durbinDecision(rejTheta, rejCf, alpha, sar.logLik, sem.logLik);
  const tests = [lm.lmLag, lm.lmError, lm.robustLmLag, lm.robustLmError].map((t, j) => ({ ...t, name: ["LM lag (OLS)", "LM error (OLS)", "robust LM lag (OLS)", "robust LM error (OLS)"][j] }))
    .concat([lr.sdmVsSar, lr.sdmVsSem, lr.sdemVsSem, lr.sdmVsSlx, lr.sdemVsSlx, theta, commonFactor]);
  const caveats = [
    "the SDM and the SDEM are not nested: compare them by AIC (or by their impacts), not by an LR test",
    "LR and Wald tests can disagree in small samples; the decision requires both to reject",
    "the tests are conditional on the weights matrix: repeat them under the alternatives (e.g. distance bands)",
    "an SDM chosen by these tests still rests on exogenous regressors and a correctly specified W",
  ];
  return makeResult<DurbinTestsResult>({
    sar, sem, sdm, sdem, slx: slxFit, lm, lr, aic, caveats, wald: { theta, commonFactor }, decision,
    report: {
      title: "Specification tests of the spatial Durbin model (Elhorst)",
      header: [["Formula", formula], ["Observations", sdm.n], ["Durbin terms", thetaNames.join(", ")]],
      statistics: [["log-likelihood SAR", sar.logLik], ["log-likelihood SEM", sem.logLik], ["log-likelihood SDM", sdm.logLik], ["log-likelihood SDEM", sdem.logLik], ["log-likelihood SLX", slxFit.logLik],
        ["AIC SDM", aic.sdm], ["AIC SDEM", aic.sdem], [`Decision at ${alpha}`, decision]],
      notes: caveats.map((c) => `Caveat: ${c}.`),
      tests: tests.map((t) => ({ name: t.name, statistic: t.statistic, df: t.df, pValue: t.pValue })),
    },
  });
}

/**
 * Elhorst's procedure as one call: {@link durbinTests} under the name the literature uses.
 * @example specificationTests(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" }).decision
 */
export const specificationTests = durbinTests;
