import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { olsFit } from "../regression/olsCore";
import { inverseGeneral } from "../linalg/cholesky";
import { csrMatVec } from "../linalg/csr";
import { brentMaximize } from "../optimize/brentMaximize";
import { inverseTraces } from "./traces";
import { spatialData, SPATIAL_ML_TOL, type SpatialModelOptions } from "./spatialData";
import { impacts, type ImpactsOptions, type ImpactsResult, type LagImpactsInput } from "./impacts";
import { makeFit } from "../report/modelSummary";
import { underName } from "../core/validate";
import { checkNotExactFit } from "../regression/degenerate";
import { boundaryWarnings, mlResultFields, seKind, setupLogdet, solveIminusRhoW, type SpatialMLResult } from "./spatialML";

export type { SpatialMLResult, SpatialTest } from "./spatialML";

/** Result of {@link spatialLag}. */
export interface SpatialLagResult extends SpatialMLResult {
  method: "Spatial lag model (ML)";
  kind: "spatialLag";
  rho: number;
  rhoStdError: number;
  /** What `impacts(fit)` reads: rho, beta, W, the log-determinant and the covariance. */
  impactsInput: LagImpactsInput;
  /** Direct, indirect and total effects (LeSage & Pace 2009): the shared `impacts(this, options)`. */
  impacts(options?: ImpactsOptions): ImpactsResult;
}

/**
 * Spatial lag (spatial autoregressive, SAR) model y = ρWy + Xβ + ε by maximum likelihood.
 *
 * Long name: spatial lag model, ML (Ord 1975; Anselin 1988, ch. 6; as spatialreg `lagsarlm`).
 * ρ maximizes the concentrated log-likelihood
 * ln L(ρ) = ln|I − ρW| − n/2 ln(2π) − n/2 ln(SSE(ρ)/n) − n/2, SSE(ρ) = (e₀ − ρe_L)'(e₀ − ρe_L),
 * with e₀, e_L the OLS residuals of y and Wy on X, by Brent's method on (1/λmin, 1/λmax);
 * then β = β₀ − ρβ_L and σ² = SSE/n. Standard errors come from the inverse of the analytical
 * asymptotic information matrix of (σ², ρ, β) (Anselin 1988, eq. 6.21; spatialreg's default for
 * method "eigen"), with I_ρρ = tr(B'B) + tr(B²) + (BXβ)'(BXβ)/σ², B = (I − ρW)⁻¹W; the traces are
 * exact at any n: from the selected inverse of the sparse Cholesky factor of I − ρS and its derivatives
 * (weights similar to symmetric; reusing the log-determinant's symbolic analysis), or a dense inverse
 * (other weights). See `inverseTraces`.
 * With `vcov: "hessian"` (deprecated: `se: "hessian"`) the observed information (exact analytical Hessian: I_ρρ = tr(B²) + (Wy)'(Wy)/σ²,
 * I_ρβ = X'Wy/σ²) is inverted instead — what spatialreg's method "Matrix" approximates numerically.
 * If ρ ends at the bound of the interval, `warnings` says so (the fit is returned, not thrown).
 * @param data danfo DataFrame or object of columns
 * @param formula e.g. "CRIME ~ INC + HOVAL"
 * @param w spatial weights; binary weights are row-standardized
 * @param options id, logdet ("auto" | "eigen" | "dense" | "sparse"), zeroPolicy, interval, tol, vcov ("information" | "hessian"; `se` is its deprecated name)
 * @throws missing values, constant or collinear regressors, n ≤ k, ids that do not match the weights,
 *   islands without zeroPolicy, an unknown logdet method, an unknown se
 * @example
 * const m = spatialLag(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" });
 * m.rho        // 0.4038897 (spatialreg lagsarlm: 0.40389)
 * m.logLik     // -183.1683
 */
export function spatialLag(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions = {}): SpatialLagResult {
  return underName("spatialLag", () => spatialLagBody(data, formula, w, options ?? {}));
}

function spatialLagBody(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions): SpatialLagResult {
  const fn = "spatialLag";
  const seOpt = seKind(options, fn);
  const { mm, pw, lagOf, qr } = spatialData(data, formula, w, options, fn);
  const durbin = lagOf.some((j) => j >= 0);
  const { X, y, n, k, columnNames } = mm;
  const W = pw.csr;
  const Wy = csrMatVec(W, y);
  const fit0 = olsFit(X, y, n, k, qr);
  checkNotExactFit(fit0, n, k, "rho", fn);
  const fitL = olsFit(X, Wy, n, k, qr);
  let ea = 0, eb = 0, ec = 0;
  for (let i = 0; i < n; i++) {
    ea += fit0.residuals[i] * fit0.residuals[i];
    eb += fitL.residuals[i] * fit0.residuals[i];
    ec += fitL.residuals[i] * fitL.residuals[i];
  }
  const { ld, interval } = setupLogdet(W, options, fn);
  const c0 = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
  // the line search maximizes ln|I − ρW| − n/2 ln(SSE(ρ)/SSE(0)), the log-likelihood less a constant: values of
  // order ln|I − ρW| rather than n, so rounding does not defeat Brent's parabolic steps (with the constant the
  // search took up to twice the evaluations)
  const profile = (rho: number) => ld.logdet(rho) - 0.5 * n * Math.log((ea - 2 * rho * eb + rho * rho * ec) / ea);
  const opt = brentMaximize(profile, interval[0], interval[1], options.tol ?? SPATIAL_ML_TOL);
  const rho = opt.x;
  const logLik = opt.value + c0 - 0.5 * n * Math.log(ea / n);
  const warnings = boundaryWarnings("rho", rho, interval);

  const beta = new Float64Array(k);
  for (let j = 0; j < k; j++) beta[j] = fit0.coefficients[j] - rho * fitL.coefficients[j];
  const residuals = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) { const r = fit0.residuals[i] - rho * fitL.residuals[i]; residuals[i] = r; sse += r * r; }
  const sigma2 = sse / n;
  const fitted = Float64Array.from(y, (v, i) => v - residuals[i]);

  // analytical information matrix, order (sigma2, rho, beta)
  const Xb = new Float64Array(n);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) Xb[i] += X[j * n + i] * beta[j];
  // the traces first: the sparse method's exact traces leave the factor at ρ behind for the solve
  const tr = ld.inverseTraces?.(rho) ?? inverseTraces(W, rho, { symbolic: ld.details?.symbolic });
  const BXb = solveIminusRhoW(ld, W, rho, csrMatVec(W, Xb));
  const p = k + 2;
  const info = new Float64Array(p * p);
  const s2 = sigma2;
  info[0] = n / (2 * s2 * s2);
  info[1] = info[p] = tr.trB / s2;
  let bxbSq = 0;
  for (let i = 0; i < n; i++) bxbSq += BXb[i] * BXb[i];
  // expected information: I_ρρ = tr(B'B) + tr(B²) + (BXβ)'(BXβ)/σ², I_ρβ = X'BXβ/σ²;
  // observed (vcov: "hessian"): I_ρρ = tr(B²) + (Wy)'(Wy)/σ², I_ρβ = X'Wy/σ² (the others coincide at the estimates)
  let wySq = 0;
  for (let i = 0; i < n; i++) wySq += Wy[i] * Wy[i];
  info[p + 1] = seOpt.hessian ? tr.trBB + wySq / s2 : tr.trBtB + tr.trBB + bxbSq / s2;
  const cross = seOpt.hessian ? Wy : BXb;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[j * n + i] * cross[i];
    info[p + 2 + j] = info[(2 + j) * p + 1] = s / s2;
    for (let l = 0; l <= j; l++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += X[j * n + i] * X[l * n + i];
      info[(2 + j) * p + 2 + l] = info[(2 + l) * p + 2 + j] = t / s2;
    }
  }
  const V = inverseGeneral(info, p, fn);
  const rhoStdError = Math.sqrt(V[p + 1]);
  const vcovNames = ["sigma2", "rho", ...columnNames];
  return makeFit<SpatialLagResult>({
    method: "Spatial lag model (ML)",
    dependent: mm.responseName,
    formula,
    ...mlResultFields({
      kind: "spatialLag", title: durbin ? "Spatial Durbin model (SDM), maximum likelihood" : "Spatial lag model (SAR), maximum likelihood", formula, dependent: mm.responseName,
      names: columnNames, beta, parameter: rho, V, logLik, sigma2, rssOls: ea, n, k, vcovType: seOpt.vcovType, parameterName: "rho",
      weightsStyle: pw.style, logdetMethod: ld.method, traceMethod: tr.method, interval, warnings, fn,
    }),
    kind: "spatialLag",
    rho, rhoStdError,
    residuals, fitted,
    logdetMethod: ld.method, traceMethod: tr.method, interval, evaluations: opt.evaluations,
    ids: pw.ids, weightsStyle: pw.style, warnings,
    impactsInput: { rho, beta, names: columnNames, W, ld, V, vcovNames, n, lagOf },
    impacts(this: SpatialLagResult, io?: ImpactsOptions) { return impacts(this, io); },
  });
}
