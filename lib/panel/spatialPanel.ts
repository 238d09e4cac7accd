/**
 * Spatial panel models with fixed effects by maximum likelihood: the spatial lag (SAR) and
 * spatial error (SEM) models of Elhorst (2014), *Spatial Econometrics: From Cross-Sectional
 * Data to Spatial Panels*, ch. 3, as R's splm `spml(model = "within")` (Millo & Piras 2012,
 * J. Stat. Softw. 47(1)); with `effects: "random"` the random-effects models of splm
 * `spml(model = "random")` (lib/panel/spatialPanelRE.ts).
 */
import type { DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { modelMatrix } from "../formula";
import type { SpatialWeights } from "../weights";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve, checkFullRank, inverseGeneral } from "../linalg";
import { panelIndex } from "./panelIndex";
import type { PanelEffects } from "./withinTransform";
import { logDeterminant, inverseTraces, type LogdetMethod, type ImpactsOptions, type ImpactsResult } from "../spatialreg";
import { brentMaximize } from "../optimize/brentMaximize";
import { impacts, type LagImpactsInput } from "../spatialreg/impacts";
import { coefficientRows, type Fit } from "../inference/fit";
import type { InformationInference } from "../inference/leastSquares";
import type { VarianceMatrix } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { panelOptions } from "./panelOptions";
import { spatialPanelRandom } from "./spatialPanelRE";
import { lagByPeriod, dotv } from "./periodLag";

/** Options of {@link spatialPanel}. */
export interface SpatialPanelOptions {
  /** Column of region ids; its values must be exactly `w.ids`. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  entity?: string;
  /** Column of periods. */
  time: string;
  /** "lag": y = ρWy + Xβ + effects + ε; "error": y = Xβ + effects + u, u = λWu + ε. */
  model: "lag" | "error";
  /**
   * Fixed effects "entity" (default), "time" or "twoways"; or "random": random region effects by ML as splm
   * `spml(model = "random")` — for the error model the Baltagi, Song & Koh (2003) errors, splm's default
   * `spatial.error = "b"` (see lib/panel/spatialPanelRE.ts).
   */
  effects?: PanelEffects | "random";
  /**
   * Lee & Yu (2010, J. Econometrics 154, 165–185) bias correction by their transformation
   * approach (default false, which is what splm's `spml(model = "within")` reports):
   * with entity effects the likelihood counts T − 1 periods, which leaves ρ/λ and β unchanged
   * and rescales σ² by T/(T − 1); with time or two-way effects it also removes the unit
   * eigenvalue of a row-standardized W and counts N − 1 regions, which changes ρ/λ and β
   * (needs row-standardized W). Standard errors use the same counts.
   */
  biasCorrection?: boolean;
  /**
   * ln|I − ρW| method of lib/spatialreg (default "auto": exact eigenvalues up to n = 1,000 regions and
   * sparse Cholesky beyond for weights similar to symmetric; for other weights exact eigenvalues up to
   * n = 400 and the Chebyshev approximation beyond). The summary says whether it was exact.
   */
  logdet?: LogdetMethod;
  /**
   * Random-effects error model only: "bsk" (default), u = (ι_T ⊗ I_N)μ + (I_T ⊗ B⁻¹)ε, the region effects not
   * spatially correlated (Baltagi, Song & Koh 2003; splm `spatial.error = "b"`); or "kkp",
   * u = (I_T ⊗ B⁻¹)(ι_T ⊗ μ + ε), both spatially correlated (Kapoor, Kelejian & Prucha 2007; splm `"kkp"`).
   */
  errorStructure?: "bsk" | "kkp";
  /** Spatial Durbin terms WX (by period): `true` for every regressor, or a list of regressor names; named `lag.x`. */
  durbin?: boolean | string[];
  /**
   * Fixed effects only: how the spatial lag Wy (and, in the error model, WX) enters the demeaned model.
   * "splm" (default): W applied to the demeaned y, as splm 1.6-5 `spml(model = "within")` does. "lsdv": Wy and WX
   * computed from the data and then demeaned like every other regressor — the maximum-likelihood estimator of the
   * model with region and/or period dummies (checked against R's lm with the dummies), as Elhorst's Matlab routines
   * (`sar_panel_FE`, `sem_panel_FE`) compute it, and with `biasCorrection` exactly Lee & Yu's (2010) transformation
   * approach. The two coincide with entity effects; with time or two-way effects and a row-standardized W they differ
   * (J·W·y ≠ W·J·y unless W is also column-stochastic): on Elhorst's cigarette panel (test/reference/cigarette.R)
   * the two-way SDM ρ is 0.22688 ("splm") and 0.22920 ("lsdv").
   */
  lagTransform?: "splm" | "lsdv";
}

/** Result of {@link spatialPanel}. */
export interface SpatialPanelResult extends Fit {
  kind: "spatialPanel";
  model: "lag" | "error";
  effects: PanelEffects | "random";
  /** Random effects only: φ = σ²_μ/σ², the variance ratio of the region effect (splm's `errcomp["phi"]`). */
  phi?: number;
  /** Random effects only: its standard error (inverse Hessian of the concentrated log-likelihood). */
  phiStdError?: number;
  /** Random effects only: σ²_μ = φσ², the variance of the region effect (splm's `sigma2$id`). */
  sigma2Mu?: number;
  /** Spatial autoregressive coefficient of the lag model (splm calls it "lambda"). */
  rho?: number;
  rhoStdError?: number;
  /** Spatial error coefficient of the error model (splm calls it "rho"). */
  lambda?: number;
  lambdaStdError?: number;
  /** Maximized log-likelihood (Gaussian, with σ² = SSE / (effective N·T)). */
  logLik: number;
  /** Variance of the idiosyncratic error (with random effects splm's `sigma2$idios`). */
  sigma2: number;
  entities: number;
  periods: number;
  biasCorrection: boolean;
  /**
   * Residuals of the transformed model, period-major in `w.ids` order (index t·N + i); with random effects the
   * composite errors y − ρWy − Xβ (lag) or y − Xβ (error).
   */
  residuals: Float64Array;
  /**
   * Average direct, indirect and total impacts of the lag model (LeSage & Pace 2009, ch. 2), by
   * lib/spatialreg's `impacts` machinery: exact, or trace-based for large n; `{ simulations: 1000 }`
   * adds simulated standard errors from the full ML covariance of (ρ, β).
   */
  impacts(options?: ImpactsOptions): ImpactsResult;
  /** What lib/spatialreg's `impacts(fit)` reads (null for the error model). */
  impactsInput: LagImpactsInput | null;
}

function demeanBalanced(v: Float64Array, N: number, T: number, effects: PanelEffects): Float64Array {
  const out = new Float64Array(N * T);
  const mi = new Float64Array(N), mt = new Float64Array(T);
  let m = 0;
  for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) { const x = v[t * N + i]; mi[i] += x; mt[t] += x; m += x; }
  for (let i = 0; i < N; i++) mi[i] /= T;
  for (let t = 0; t < T; t++) mt[t] /= N;
  m /= N * T;
  for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) {
    const x = v[t * N + i];
    out[t * N + i] = effects === "entity" ? x - mi[i] : effects === "time" ? x - mt[t] : x - mi[i] - mt[t] + m;
  }
  return out;
}

/**
 * Fit a spatial lag or spatial error panel model with fixed effects by maximum likelihood.
 *
 * Method (Elhorst 2014, §3.3; splm `spfeml`): the variables are within-transformed, the
 * likelihood is concentrated in the spatial coefficient, T·ln|I − ρW| − (NT/2)·ln SSE(ρ), and
 * maximized by Brent's method on (1/λ_min, 1/λ_max) with ln|I − ρW| from lib/spatialreg (eigenvalues
 * or sparse Cholesky), then refined as the root of the derivative when the spectrum is known.
 * Standard errors as splm 1.6-5 reports them: the inverse of the analytical information matrix
 * in (σ², ρ, β) (Elhorst 2014, eq. 3.20; for the error model its (σ², λ) block and
 * σ²(X*'X*)⁻¹ for β), with σ² = SSE/(NT) and tr(G), tr(G²), tr(G'G) from lib/spatialreg's
 * `inverseTraces` (exact). Needs a balanced panel; rows are matched to `w` by the entity
 * column. z tests (asymptotic). With `effects: "random"`, the random-effects models of splm
 * `spml(model = "random")` (lib/panel/spatialPanelRE.ts): the formula keeps its intercept, the
 * coefficients are phi, then rho or lambda, then β, and `phi`, `sigma2Mu` are reported.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"`; an intercept is absorbed by the effects
 * @param w spatial weights whose ids are the entity values (row-standardized, or symmetric)
 * @param options see {@link SpatialPanelOptions}
 * @throws `spatialPanel: ids in data but not in weights: ...` when entities and `w.ids` differ;
 *   `spatialPanel: the panel is unbalanced ...`; absorbed regressors, missing values, duplicate rows;
 *   with effects "random": `spatialPanel: the Lee–Yu bias correction applies to fixed effects, not to effects "random"`,
 *   `spatialPanel: durbin terms are not available with effects "random" ...`; errorStructure misuse; the Baltagi–Song–Koh
 *   random-effects error model with N > 2,000 regions (dense); `spatialPanel: lagTransform must be "splm" or "lsdv" ...`,
 *   `spatialPanel: lagTransform applies to fixed effects, not to effects "random"`
 * @example
 * // splm 1.6-5 on the simulated Columbus panel (../shared/reference): lambda 0.4936559, x1 0.9808250
 * const m = spatialPanel(df, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" });
 * m.rho // 0.49365586...
 * // random effects, splm 1.6-5 spml(model = "random") on Produc/usaww (test/reference/spatial-panel-re.R): phi 21.31751, lambda 0.1616145
 * const re = spatialPanel(p, "lgsp ~ lpcap + lpc + lemp + unemp", w, { id: "state", time: "year", model: "lag", effects: "random" });
 * [re.phi, re.rho] // [21.3174761..., 0.1616145425...] (our log-likelihood is 3.5e-11 above splm's)
 */
export function spatialPanel(data: DataInput, formula: string, w: SpatialWeights, options: SpatialPanelOptions): SpatialPanelResult {
  const fn = "spatialPanel";
  const opts = panelOptions(options, ["model", "effects", "biasCorrection", "logdet", "durbin", "errorStructure", "lagTransform"], fn);
  const model = options.model;
  if (model !== "lag" && model !== "error") throw new Error(`${fn}: model must be "lag" or "error" (got ${JSON.stringify(model)})`);
  const effectsOption = options.effects ?? "entity";
  if (!["entity", "time", "twoways", "random"].includes(effectsOption)) throw new Error(`${fn}: effects must be "entity", "time", "twoways" or "random" (got ${JSON.stringify(effectsOption)})`);
  if (!w || !Array.isArray(w.ids) || typeof w.toCSR !== "function") throw new Error(`${fn}: w must be a SpatialWeights object`);
  if (effectsOption === "random" && options.lagTransform !== undefined) throw new Error(`${fn}: lagTransform applies to fixed effects, not to effects "random"`);
  if (effectsOption === "random") return spatialPanelRandom(data, formula, w, options, opts);
  if (options.errorStructure !== undefined) throw new Error(`${fn}: errorStructure applies to effects "random" (the fixed effects are removed, not modelled)`);
  if (options.lagTransform !== undefined && options.lagTransform !== "splm" && options.lagTransform !== "lsdv") {
    throw new Error(`${fn}: lagTransform must be "splm" or "lsdv" (got ${JSON.stringify(options.lagTransform)})`);
  }
  const effects: PanelEffects = effectsOption;
  const bc = options.biasCorrection ?? false;
  const lsdv = options.lagTransform === "lsdv" && effects !== "entity"; // identical with entity effects

  const ix = panelIndex(rawColumn(data, opts.id, fn), rawColumn(data, opts.time, fn), opts, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  const perm = w.alignment(ix.entityLevels, fn); // perm[i] = entity code of region i
  if (!ix.balanced) {
    throw new Error(`${fn}: the panel is unbalanced (${ix.n} rows for ${N} regions × ${T} periods); ML spatial panel models need every region in every period (as splm)`);
  }
  if (T < 2 && effects !== "time") throw new Error(`${fn}: the panel has one period ("${ix.timeLevels[0]}"); entity fixed effects need at least two`);
  if (w.islands.length > 0) throw new Error(`${fn}: weights have regions without neighbours (${w.islands.slice(0, 5).join(", ")}); remove them or give them neighbours`);
  const regionOf = new Int32Array(N);
  for (let i = 0; i < N; i++) regionOf[perm[i]] = i;

  const mm = modelMatrix(data, formula, { fn });
  const keep: number[] = [];
  for (let j = 0; j < mm.k; j++) if (mm.columnNames[j] !== "(Intercept)") keep.push(j);
  if (keep.length === 0) throw new Error(`${fn}: the formula has no regressors besides the intercept, which the fixed effects absorb`);
  const baseNames = keep.map((j) => mm.columnNames[j]);
  const NT = N * T;
  const pos = new Int32Array(NT);
  for (let r = 0; r < NT; r++) pos[r] = ix.time[r] * N + regionOf[ix.entity[r]];
  const arrange = (v: Float64Array) => { const o = new Float64Array(NT); for (let r = 0; r < NT; r++) o[pos[r]] = v[r]; return o; };
  // spatial Durbin terms: W x period by period, named lag.x
  const baseRaw = keep.map((j) => arrange(mm.X.subarray(j * NT, j * NT + NT)));
  const durbinCols = opts.durbin === undefined || opts.durbin === false ? []
    : opts.durbin === true ? baseNames.map((_, c) => c)
      : Array.isArray(opts.durbin) ? opts.durbin.map((nm) => {
        const c = baseNames.indexOf(nm);
        if (c < 0) throw new Error(`${fn}: durbin term "${nm}" is not a regressor of the model (regressors: ${baseNames.join(", ")})`);
        return c;
      })
        : (() => { throw new Error(`${fn}: durbin must be true or a list of regressor names (got ${JSON.stringify(opts.durbin)})`); })();
  const wCSR = w.toCSR();
  const raws = [...baseRaw, ...durbinCols.map((c) => lagByPeriod(wCSR, baseRaw[c], N, T))];
  const names = [...baseNames, ...durbinCols.map((c) => `lag.${baseNames[c]}`)];
  const lagOf = names.map((_, c) => { const d = durbinCols.indexOf(c); return d >= 0 ? baseNames.length + d : -1; });
  const k = raws.length;

  const yt = demeanBalanced(arrange(mm.y), N, T, effects);
  const xt = new Float64Array(NT * k);
  for (let c = 0; c < k; c++) {
    const raw = raws[c];
    const d = demeanBalanced(raw, N, T, effects);
    let mean = 0; for (let i = 0; i < NT; i++) mean += raw[i]; mean /= NT;
    let ssRaw = 0, ssD = 0;
    for (let i = 0; i < NT; i++) { { const dv = raw[i] - mean; ssRaw += dv * dv; } ssD += d[i] * d[i]; }
    if (ssD <= 1e-20 * Math.max(ssRaw, 1e-300) || ssD < 1e-300) {
      throw new Error(`${fn}: regressor "${names[c]}" is absorbed by the ${effects === "entity" ? "entity" : effects === "time" ? "time" : "two-way"} fixed effects (it does not vary ${effects === "entity" ? "within regions" : effects === "time" ? "across regions within periods" : "beyond entity and period components"}); remove it`);
    }
    xt.set(d, c * NT);
  }
  checkFullRank(xt, NT, k, names, fn);

  const Wcsr = w.toCSR();
  const jac = logDeterminant(Wcsr, options.logdet ?? "auto", fn);
  // tr(G), tr(G²) along the way from the spectrum when it is real (for the derivative polish)
  const ev = jac.spectrum && !jac.spectrum.imag ? jac.spectrum.real : null;
  const specTrG = ev ? (r: number) => { let t = 0; for (let i = 0; i < ev.length; i++) t += ev[i] / (1 - r * ev[i]); return t; } : null;
  // effective counts (Lee–Yu transformation approach when biasCorrection)
  const dropsTime = bc && (effects === "entity" || effects === "twoways");
  const dropsSpace = bc && (effects === "time" || effects === "twoways");
  if (dropsSpace && w.style !== "W") {
    throw new Error(`${fn}: the Lee–Yu bias correction with time effects needs row-standardized weights (w.standardize("W"))`);
  }
  const Tf = T - (dropsTime ? 1 : 0);
  const Nf = N - (dropsSpace ? 1 : 0);
  const M = Nf * Tf;
  const ld = (r: number) => jac.logdet(r) - (dropsSpace ? Math.log(1 - r) : 0);
  const trG = specTrG ? (r: number) => specTrG(r) - (dropsSpace ? 1 / (1 - r) : 0) : null;
  let tracesCache: { rho: number; trB: number; trBB: number; trBtB: number } | null = null;
  const tracesAt = (r: number) => {
    if (!tracesCache || tracesCache.rho !== r) tracesCache = { rho: r, ...(jac.inverseTraces?.(r) ?? inverseTraces(Wcsr, r)) };
    const adj1 = dropsSpace ? 1 / (1 - r) : 0, adj2 = dropsSpace ? 1 / ((1 - r) * (1 - r)) : 0;
    return { trG: tracesCache.trB - adj1, trG2: tracesCache.trBB - adj2, trGtG: tracesCache.trBtB };
  };
  const [lo, hi] = jac.interval;
  const span = hi - lo;
  const a = lo + 1e-9 * span, b = hi - 1e-9 * span;

  // splm: W (J y); lsdv: J (W y), the regressor Wy demeaned like the others (see SpatialPanelOptions.lagTransform)
  const wyt = lsdv ? demeanBalanced(lagByPeriod(wCSR, arrange(mm.y), N, T), N, T, effects) : lagByPeriod(wCSR, yt, N, T);
  const XtX = crossprod(xt, NT, k);
  let coef: Float64Array, spatial: number, sse: number, resid: Float64Array, varSpatial: number, vcovBeta: Float64Array;
  let fullInformationInverse: Float64Array | null = null;

  if (model === "lag") {
    const L = cholesky(XtX, k, fn);
    const b0 = cholSolve(L, crossprodXy(xt, yt, NT, k), k);
    const b1 = cholSolve(L, crossprodXy(xt, wyt, NT, k), k);
    const e0 = new Float64Array(NT), e1 = new Float64Array(NT);
    for (let i = 0; i < NT; i++) {
      let f0 = 0, f1 = 0;
      for (let c = 0; c < k; c++) { f0 += xt[c * NT + i] * b0[c]; f1 += xt[c * NT + i] * b1[c]; }
      e0[i] = yt[i] - f0; e1[i] = wyt[i] - f1;
    }
    const e00 = dotv(e0, e0), e11 = dotv(e1, e1), e01 = dotv(e0, e1);
    // less a constant (SSE relative to SSE(0)), so that rounding of values of order M does not defeat Brent's parabolic steps
    const conc = (r: number) => Tf * ld(r) - (M / 2) * Math.log((e00 - 2 * r * e01 + r * r * e11) / e00);
    const bx = brentMaximize(conc, a, b).x;
    spatial = trG ? polishRoot((r: number) => -Tf * trG(r) + M * (e01 - r * e11) / (e00 - 2 * r * e01 + r * r * e11), bx, a, b) : bx;
    coef = new Float64Array(k);
    for (let c = 0; c < k; c++) coef[c] = b0[c] - spatial * b1[c];
    resid = new Float64Array(NT);
    for (let i = 0; i < NT; i++) resid[i] = e0[i] - spatial * e1[i];
    sse = dotv(resid, resid);
    // information matrix in (σ², ρ, β) at the optimum, as splm's splaglm (Hess = FALSE)
    const s2 = sse / M;
    const solver = inverseApplier(w, spatial, fn, jac.solve);
    const tr = tracesAt(spatial);
    const trGtG = tr.trGtG, tg = tr.trG, tg2 = tr.trG2;
    const adjG = dropsSpace ? solver.colSumNorm2() / N : 0; // tr(G'G) − tr(F'G'F F'GF) = ‖G'1‖²/N (Lee–Yu transformation)
    // G xt (per period) for the β-ρ block
    const Gx = new Float64Array(NT * k);
    for (let c = 0; c < k; c++) Gx.set(applyByPeriod(solver.applyG, xt.subarray(c * NT, c * NT + NT), N, T), c * NT);
    const Gxb = new Float64Array(NT);
    for (let c = 0; c < k; c++) for (let i = 0; i < NT; i++) Gxb[i] += Gx[c * NT + i] * coef[c];
    const GxbT = dropsSpace ? demeanBalanced(Gxb, N, T, "time") : Gxb; // F_N' projection of the transformation approach
    const p = k + 2;
    const I = new Float64Array(p * p);
    I[0] = M / (2 * s2 * s2);
    I[1] = I[p] = (Tf * tg) / s2;
    I[p + 1] = Tf * (tg2 + trGtG - adjG) + dotv(GxbT, GxbT) / s2;
    const XGxb = crossprodXy(xt, Gxb, NT, k);
    for (let c = 0; c < k; c++) { I[p + 2 + c] = XGxb[c] / s2; I[(2 + c) * p + 1] = I[p + 2 + c]; }
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) I[(r + 2) * p + c + 2] = XtX[r * k + c] / s2;
    const Iinv = inverseGeneral(I, p, fn);
    fullInformationInverse = Iinv;
    varSpatial = Iinv[p + 1];
    vcovBeta = new Float64Array(k * k);
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) vcovBeta[r * k + c] = Iinv[(r + 2) * p + c + 2];
  } else {
    const wxt = new Float64Array(NT * k);
    for (let c = 0; c < k; c++) {
      wxt.set(lsdv ? demeanBalanced(lagByPeriod(wCSR, raws[c], N, T), N, T, effects) : lagByPeriod(wCSR, xt.subarray(c * NT, c * NT + NT), N, T), c * NT);
    }
    const fitAt = (lam: number) => {
      const ys = new Float64Array(NT);
      for (let i = 0; i < NT; i++) ys[i] = yt[i] - lam * wyt[i];
      const xs = new Float64Array(NT * k);
      for (let i = 0; i < NT * k; i++) xs[i] = xt[i] - lam * wxt[i];
      const Ls = cholesky(crossprod(xs, NT, k), k, fn);
      const bs = cholSolve(Ls, crossprodXy(xs, ys, NT, k), k);
      const e = new Float64Array(NT);
      for (let i = 0; i < NT; i++) {
        let f = 0;
        for (let c = 0; c < k; c++) f += xs[c * NT + i] * bs[c];
        e[i] = ys[i] - f;
      }
      return { bs, e, xs, Ls, sse: dotv(e, e) };
    };
    const sse0 = fitAt(0).sse;
    const conc = (lam: number) => Tf * ld(lam) - (M / 2) * Math.log(fitAt(lam).sse / sse0);
    // derivative by the envelope theorem: d SSE/dλ = −2 e'Wu with u = yt − xt β(λ)
    const dconc = (lam: number) => {
      const fl = fitAt(lam);
      let eWu = 0;
      for (let i = 0; i < NT; i++) {
        let wu = wyt[i];
        for (let c = 0; c < k; c++) wu -= wxt[c * NT + i] * fl.bs[c];
        eWu += fl.e[i] * wu;
      }
      return -Tf * trG!(lam) + M * eWu / fl.sse;
    };
    const bx = brentMaximize(conc, a, b).x;
    spatial = trG ? polishRoot(dconc, bx, a, b) : bx;
    const f = fitAt(spatial);
    coef = f.bs; resid = f.e; sse = f.sse;
    // information matrix in (σ², λ, β) at the optimum, as splm's sperrorlm (Hess = FALSE)
    const s2 = sse / M;
    const solver = inverseApplier(w, spatial, fn, jac.solve);
    const adjG = dropsSpace ? solver.colSumNorm2() / N : 0;
    const tr = tracesAt(spatial);
    const i11 = M / (2 * s2 * s2), i12 = (Tf * tr.trG) / s2, i22 = Tf * (tr.trG2 + tr.trGtG - adjG);
    varSpatial = i11 / (i11 * i22 - i12 * i12);
    vcovBeta = cholInverse(f.Ls, k).map((v) => v * s2);
  }
  const sigma2 = sse / M;
  const logLik = -(M / 2) * (Math.log(2 * Math.PI * sigma2) + 1) + Tf * ld(spatial);
  const spatialSE = Math.sqrt(varSpatial);
  const spatialName = model === "lag" ? "rho" : "lambda";
  // the variance store over (spatial parameter, β): the lag model's from the full inverse information (its
  // σ² row dropped), the error model's block-diagonal between λ and β, as splm reports them
  const vcovNames = [spatialName, ...names];
  const q = k + 1;
  const V = new Float64Array(q * q);
  if (fullInformationInverse) {
    const p = k + 2;
    for (let r = 0; r < q; r++) for (let c = 0; c < q; c++) V[r * q + c] = fullInformationInverse[(r + 1) * p + c + 1];
  } else {
    V[0] = varSpatial;
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) V[(r + 1) * q + c + 1] = vcovBeta[r * k + c];
  }
  const vcovType = "ML information matrix (as splm)";
  const variance: VarianceMatrix = { names: vcovNames, values: V, label: vcovType, dfTest: null };
  const inference: InformationInference = { type: "information", covariance: V, names: vcovNames, label: vcovType, fn };
  const coefficients = coefficientRows(vcovNames, [spatial, ...coef], variance);
  const nParams = k + 2;
  const aic = -2 * logLik + 2 * nParams;
  const effWords = effects === "entity" ? "entity (region) fixed effects" : effects === "time" ? "time fixed effects" : "two-way fixed effects";
  const method = `Spatial ${model === "lag" ? (durbinCols.length ? "Durbin (SDM)" : "lag (SAR)") : (durbinCols.length ? "Durbin error (SDEM)" : "error (SEM)")} panel model, ${effWords} (ML${bc ? ", Lee–Yu bias-corrected" : ""})`;
  return makeFit<SpatialPanelResult>({
    kind: "spatialPanel",
    method,
    dependent: mm.responseName,
    formula,
    coefficients,
    coefficientNames: vcovNames,
    estimates: Float64Array.from([spatial, ...coef]),
    inference, variance, vcovSpec: "iid", dfTest: null,
    n: NT,
    k,
    vcovType,
    statisticName: "z",
    fit: { logLik, aic, sigma2 },
    fixedEffects: {
      entity: effects === "time" ? null : opts.id,
      time: effects === "entity" ? null : opts.time,
    },
    model, effects, logLik, sigma2, entities: N, periods: T, biasCorrection: bc, residuals: resid,
    ...(model === "lag" ? { rho: spatial, rhoStdError: spatialSE } : { lambda: spatial, lambdaStdError: spatialSE }),
    report: {
      title: method,
      header: [
        ["Dependent variable", mm.responseName], ["Formula", formula],
        ["Panel", `${N} regions (${opts.id}), ${T} periods (${opts.time}), n = ${NT}`],
        ["Effects", effWords + (bc ? "; Lee–Yu (2010) bias correction (transformation approach)" : "") + (lsdv ? "; spatial lags demeaned like the regressors (lagTransform \"lsdv\")" : "")],
        ["Log-determinant", `${jac.method} (${jac.method === "chebyshev" || jac.method === "mc" ? "approximate" : "exact"}; lib/spatialreg logDeterminant)`],
        ["Spatial parameter", `${spatialName}; its standard error from the information matrix, slopes from its β block (as splm)`],
      ],
      statistics: [["log-likelihood", logLik], ["sigma²", sigma2], ["AIC", aic]],
      notes: ["Tests are asymptotic (z)."],
    },
    impactsInput: model === "lag" && fullInformationInverse
      ? { rho: spatial, beta: coef, names, W: Wcsr, ld: jac, V: fullInformationInverse, vcovNames: ["sigma2", "rho", ...names], n: N, lagOf }
      : null,
    impacts(this: SpatialPanelResult, impactOptions?: ImpactsOptions) {
      if (!this.impactsInput) throw new Error(`${fn}: impacts are defined for the spatial lag model only (the error model's effects are its slopes)`);
      return impacts(this, impactOptions);
    },
  });
}

/**
 * Refine a maximizer found by Brent's method as the root of the derivative (the concentrated
 * likelihood is flat at its maximum, so its values pin ρ down only to about √ε; its derivative
 * pins it down to about ε). Falls back to the Brent value if no sign change is found nearby.
 */
function polishRoot(df: (x: number) => number, x0: number, a: number, b: number): number {
  let delta = 1e-6 * (b - a);
  let lo = Math.max(a, x0 - delta), hi = Math.min(b, x0 + delta);
  let flo = df(lo), fhi = df(hi);
  for (let tries = 0; tries < 6 && flo * fhi > 0; tries++) {
    delta *= 10;
    lo = Math.max(a, x0 - delta); hi = Math.min(b, x0 + delta);
    flo = df(lo); fhi = df(hi);
  }
  if (!(flo > 0 && fhi < 0)) return x0;
  // Illinois (modified regula falsi)
  let side = 0;
  for (let it = 0; it < 200; it++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const fx = df(x);
    if (fx === 0 || hi - lo < 1e-15 * Math.max(1, Math.abs(x))) return x;
    if (fx > 0) { lo = x; flo = fx; if (side === 1) fhi /= 2; side = 1; }
    else { hi = x; fhi = fx; if (side === -1) flo /= 2; side = -1; }
  }
  return (lo + hi) / 2;
}

/** Solves with I − ρW: apply (I − ρW)⁻¹ and G = W(I − ρW)⁻¹ to vectors, and tr(G'G). */
function inverseApplier(w: SpatialWeights, rho: number, fn: string, solve?: (rho: number, b: ArrayLike<number>) => Float64Array): { applyG(v: Float64Array): Float64Array; colSumNorm2(): number } {
  const n = w.n;
  const { rowPtr, colIdx, values } = w.toCSR();
  const mulW = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * x[colIdx[p]];
      out[i] = s;
    }
  };
  let normInf = 0;
  for (let i = 0; i < n; i++) { let s = 0; for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += Math.abs(values[p]); normInf = Math.max(normInf, s); }
  const contraction = Math.abs(rho) * normInf;
  let applyInverse: (v: Float64Array) => Float64Array;
  if (solve) {
    applyInverse = (v) => solve(rho, v);
  } else if (contraction < 0.995) {
    // Neumann iteration x = v + ρ W x, a contraction in the max-norm
    applyInverse = (v) => {
      const x = Float64Array.from(v);
      const wx = new Float64Array(n);
      let vmax = 0;
      for (let i = 0; i < n; i++) vmax = Math.max(vmax, Math.abs(v[i]));
      for (let it = 0; it < 20000; it++) {
        mulW(x, wx);
        let diff = 0;
        for (let i = 0; i < n; i++) {
          const nx = v[i] + rho * wx[i];
          diff = Math.max(diff, Math.abs(nx - x[i]));
          x[i] = nx;
        }
        if (diff <= 1e-15 * Math.max(vmax, 1e-300) * (1 / (1 - contraction))) break;
      }
      return x;
    };
  } else {
    if (n > 4000) throw new Error(`${fn}: |rho|·‖W‖∞ ≥ 1 and n = ${n} is too large for a dense inverse; row-standardize W`);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      A[i * n + i] = 1;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) A[i * n + colIdx[p]] -= rho * values[p];
    }
    const inv = inverseGeneral(A, n, fn);
    applyInverse = (v) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += inv[i * n + j] * v[j]; out[i] = s; }
      return out;
    };
  }
  const applyG = (v: Float64Array) => { const a = applyInverse(v); const out = new Float64Array(n); mulW(a, out); return out; };
  /** ‖G'1‖² with G'1 = (I − ρW')⁻¹ W'1, by iteration on the transposed system. */
  const colSumNorm2 = () => {
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) b[colIdx[p]] += values[p];
    let x = Float64Array.from(b);
    for (let it = 0; it < 100000; it++) {
      const nx = Float64Array.from(b);
      for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) nx[colIdx[p]] += rho * values[p] * x[i];
      let diff = 0, mx = 0;
      for (let i = 0; i < n; i++) { diff = Math.max(diff, Math.abs(nx[i] - x[i])); mx = Math.max(mx, Math.abs(nx[i])); }
      x = nx;
      if (diff <= 1e-14 * mx) break;
      if (!Number.isFinite(diff)) throw new Error(`${fn}: iteration for the column sums of (I − ρW)⁻¹ diverged`);
    }
    return dotv(x, x);
  };
  return { applyG, colSumNorm2 };
}

function applyByPeriod(f: (v: Float64Array) => Float64Array, v: Float64Array, N: number, T: number): Float64Array {
  const out = new Float64Array(N * T);
  for (let t = 0; t < T; t++) out.set(f(v.subarray(t * N, t * N + N)), t * N);
  return out;
}
