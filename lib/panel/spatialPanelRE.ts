/**
 * Spatial panel models with random (individual) effects by maximum likelihood, as R's splm
 * `spml(model = "random")` (Millo & Piras 2012, J. Stat. Softw. 47(1)): the spatial lag model with random
 * effects (splm `spreml(errors = "re", lag = TRUE)`, its `sarREmod`; Elhorst 2014, §3.4) and the spatial
 * error model with random effects of Baltagi, Song & Koh (2003, J. Econometrics 117, 123–150), splm's
 * default `spatial.error = "b"` (`spreml(errors = "semre")`, its `semREmod`), or of Kapoor, Kelejian &
 * Prucha (2007, J. Econometrics 140, 97–130), `spatial.error = "kkp"` (`sem2REmod`). Reached through
 * `spatialPanel(..., { effects: "random" })`.
 */
import type { DataInput } from "../core/types";
import { rawColumn } from "../core/data";
import { modelMatrix } from "../formula";
import type { SpatialWeights } from "../weights";
import { crossprod, crossprodXy, cholesky, cholSolve, cholInverse, checkFullRank, inverseGeneral } from "../linalg";
import { panelIndex } from "./panelIndex";
import { logDeterminant, type ImpactsOptions } from "../spatialreg";
import { impacts, type LagImpactsInput } from "../spatialreg/impacts";
import { brentMaximize } from "../optimize/brentMaximize";
import { numericalHessian, numericalGradient } from "../optimize/numericalDerivatives";
import { coefficientRows } from "../inference/fit";
import type { InformationInference } from "../inference/leastSquares";
import type { VarianceMatrix } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { panelOptions, type NormalizedPanelOptions } from "./panelOptions";
import type { SpatialPanelOptions, SpatialPanelResult } from "./spatialPanel";
import { lagByPeriod, dotv } from "./periodLag";

/** Bounds of splm's optimizer (`nlminb`) on phi and on the spatial coefficient. */
const PHI_LOWER = 1e-8;
const PHI_UPPER = { lag: 1e8, error: 1e9 } as const;
const SPATIAL_BOUND = 0.999;
/** Largest N for the Baltagi–Song–Koh error model's dense N × N factorizations. */
const DENSE_LIMIT = 2000;

/**
 * Nested Brent maximization of a concentrated log-likelihood ll(φ, λ): for each λ the best log φ on [uLo, uHi],
 * then the best λ on [sLo, sHi] (the error models' start before the Newton steps).
 */
function nestedMaximum(ll: (phi: number, lam: number) => number, uLo: number, uHi: number, sLo: number, sHi: number): { phi: number; s: number } {
  const inner = (lam: number) => {
    const u = brentMaximize((uu) => ll(Math.exp(uu), lam), uLo, uHi, 1e-12).x;
    return { phi: Math.exp(u), ll: ll(Math.exp(u), lam) };
  };
  const lam = brentMaximize((s) => inner(s).ll, sLo, sHi, 1e-12).x;
  return { phi: inner(lam).phi, s: lam };
}

/** Unit means over the periods of a period-major vector (index t·N + i). */
function unitMeans(v: Float64Array, N: number, T: number): Float64Array {
  const m = new Float64Array(N);
  for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) m[i] += v[t * N + i];
  for (let i = 0; i < N; i++) m[i] /= T;
  return m;
}

/**
 * The random-effects branch of {@link spatialPanel} (`effects: "random"`).
 *
 * Model: y = ρ(I_T ⊗ W)y + Xβ + u (lag) or y = Xβ + u (error), with u = (ι_T ⊗ I_N)μ + ε for the lag model and
 * u = (ι_T ⊗ I_N)μ + (I_T ⊗ B⁻¹)ε, B = I − λW, for the error model (Baltagi, Song & Koh 2003; with
 * `errorStructure: "kkp"` u = (I_T ⊗ B⁻¹)(ι_T ⊗ μ + ε), Kapoor, Kelejian & Prucha 2007); μ ~ N(0, σ²_μ),
 * ε ~ N(0, σ²), φ = σ²_μ/σ². Method as splm 1.6-5 `sarREmod` / `semREmod`: β and σ² are concentrated out by
 * GLS, and the log-likelihood in (φ, ρ) — for the lag model T·ln|I − ρW| − (N/2)·ln(1 + Tφ) − (NT/2)·ln σ̂²,
 * for the error model T·ln|B| − ½·ln|I + Tφ B'B| − (NT/2)·ln σ̂² (KKP: T·ln|B| − (N/2)·ln(1 + Tφ) − (NT/2)·ln σ̂²)
 * (plus −(NT/2)(ln 2π + 1)) — is maximized on
 * splm's box φ ∈ [1e-8, 1e8] (1e9 for the error model), ρ, λ ∈ [−0.999, 0.999] (within the log-determinant's
 * interval), by nested Brent searches (ln φ inside for the error model, ρ inside for the lag model). The lag
 * model's GLS is quasi-demeaning, z − (1 − 1/√(1 + Tφ)) z̄ᵢ; the error model's needs (I + Tφ B'B)⁻¹, a dense
 * N × N Cholesky factorization per evaluation (as splm, which is dense throughout), so it suits N up to about
 * 1,000 and is refused above 2,000; the KKP model's is B(z − (1 − 1/√(1 + Tφ)) z̄ᵢ) by period, sparse. Standard errors as splm reports them: σ²(X'Σ⁻¹X)⁻¹ for β (the β block alone, not coupled with
 * ρ), and the inverse of the negative Hessian of the concentrated log-likelihood for (φ, ρ) — splm takes it
 * by `nlme::fdHess` (finite differences), this by Richardson extrapolation (lib/optimize `numericalHessian`),
 * which is more accurate; the two differ by about 1e-4 relatively. `.impacts()` of the lag model as splm's
 * `impacts.splm` for random effects: simulated draws use the block-diagonal covariance of (ρ, β) above.
 */
export function spatialPanelRandom(data: DataInput, formula: string, w: SpatialWeights, options: SpatialPanelOptions, opts: NormalizedPanelOptions<SpatialPanelOptions>): SpatialPanelResult {
  const fn = "spatialPanel";
  const model = options.model;
  const { N, T, NT, k, names, mm, y, X, Wcsr, jac, sLo, sHi, uLo, uHi, gls, nested, kkp } = setup(data, formula, w, options, opts, fn);

  // Brent on function values pins the maximizer down to about √(ε|ℓ|/ℓ''); Newton steps on the Richardson gradient
  // and Hessian then reach the stationary point (to ~1e-10), accepted only while they stay inside the box
  const opt = nested();
  let phi = opt.phi, spatial = opt.s;
  const llOf = (p: Float64Array) => gls(p[0], p[1]).ll;
  for (let it = 0; it < 3; it++) {
    const g = numericalGradient(llOf, [phi, spatial]);
    const Hn = numericalHessian(llOf, [phi, spatial]);
    const det = Hn[0] * Hn[3] - Hn[1] * Hn[2];
    if (!(Hn[0] < 0 && det > 0)) break;
    const dPhi = -(Hn[3] * g[0] - Hn[1] * g[1]) / det, dS = -(-Hn[2] * g[0] + Hn[0] * g[1]) / det;
    const np = phi + dPhi, ns = spatial + dS;
    if (!(np > PHI_LOWER && np < PHI_UPPER[model] && ns > sLo && ns < sHi)) break;
    if (gls(np, ns).ll < gls(phi, spatial).ll - 1e-9 * Math.abs(gls(phi, spatial).ll)) break;
    phi = np; spatial = ns;
    if (Math.abs(dPhi) <= 1e-12 * phi && Math.abs(dS) <= 1e-12) break;
  }
  const fitted = gls(phi, spatial);
  const sigma2 = fitted.Q / NT;
  const logLik = fitted.ll;
  const H = numericalHessian(llOf, [phi, spatial]);
  const negH = Float64Array.from(H, (v) => -v);
  const Vps = inverseGeneral(negH, 2, fn);
  const coef = fitted.beta;
  const vcovBeta = fitted.XSX.map((v) => v * sigma2);
  const spatialName = model === "lag" ? "rho" : "lambda";
  const vcovNames = ["phi", spatialName, ...names];
  const q = k + 2;
  const V = new Float64Array(q * q);
  V[0] = Vps[0]; V[1] = Vps[1]; V[q] = Vps[2]; V[q + 1] = Vps[3];
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) V[(r + 2) * q + c + 2] = vcovBeta[r * k + c];
  const vcovType = "ML: σ²(X'Σ⁻¹X)⁻¹ for β, inverse Hessian of the concentrated log-likelihood for (φ, spatial) (as splm)";
  const variance: VarianceMatrix = { names: vcovNames, values: V, label: vcovType, dfTest: null };
  const inference: InformationInference = { type: "information", covariance: V, names: vcovNames, label: vcovType, fn };
  const estimates = Float64Array.from([phi, spatial, ...coef]);
  const coefficients = coefficientRows(vcovNames, estimates, variance);
  // composite residuals u = y − ρWy − Xβ (lag) or y − Xβ (error), period-major in w.ids order
  const residuals = new Float64Array(NT);
  const wy = model === "lag" ? lagByPeriod(Wcsr, y, N, T) : null;
  for (let i = 0; i < NT; i++) {
    let f = wy ? spatial * wy[i] : 0;
    for (let c = 0; c < k; c++) f += X[c * NT + i] * coef[c];
    residuals[i] = y[i] - f;
  }
  // impacts of the lag model: (ρ, β) with a block-diagonal covariance, var(ρ) from the Hessian and β's GLS block, as
  // splm's impacts.splm does for random effects (the σ² row, first, is not drawn)
  let impactsInput: LagImpactsInput | null = null;
  if (model === "lag") {
    const p = k + 2;
    const Vi = new Float64Array(p * p);
    Vi[p + 1] = Vps[3];
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) Vi[(r + 2) * p + c + 2] = vcovBeta[r * k + c];
    impactsInput = { rho: spatial, beta: coef, names, W: Wcsr, ld: jac, V: Vi, vcovNames: ["sigma2", "rho", ...names], n: N };
  }
  const nParams = k + 3;
  const aic = -2 * logLik + 2 * nParams;
  const notes = ["Tests are asymptotic (z); the test of phi = 0 is on the boundary of the parameter space and conservative."];
  if (Math.log(phi) - uLo < 1e-6 * (uHi - uLo)) notes.push("phi is at splm's lower bound 1e-8: the data show no individual-effect variance (the model is the pooled one).");
  if (sHi - Math.abs(spatial) < 1e-6) notes.push(`${spatialName} is at the bound ±0.999 of splm's optimizer.`);
  const method = `Spatial ${model === "lag" ? "lag (SAR)" : kkp ? "error (SEM, Kapoor–Kelejian–Prucha)" : "error (SEM, Baltagi–Song–Koh)"} panel model, random (region) effects (ML)`;
  return makeFit<SpatialPanelResult>({
    kind: "spatialPanel",
    method,
    dependent: mm.responseName,
    formula,
    coefficients,
    coefficientNames: vcovNames,
    estimates,
    inference, variance, vcovSpec: "iid", dfTest: null,
    n: NT,
    k,
    vcovType,
    statisticName: "z",
    fit: { logLik, aic, sigma2 },
    fixedEffects: { entity: null, time: null },
    model, effects: "random", logLik, sigma2, entities: N, periods: T, biasCorrection: false, residuals,
    phi, phiStdError: Math.sqrt(Vps[0]), sigma2Mu: phi * sigma2,
    ...(model === "lag" ? { rho: spatial, rhoStdError: Math.sqrt(Vps[3]) } : { lambda: spatial, lambdaStdError: Math.sqrt(Vps[3]) }),
    report: {
      title: method,
      header: [
        ["Dependent variable", mm.responseName], ["Formula", formula],
        ["Panel", `${N} regions (${opts.id}), ${T} periods (${opts.time}), n = ${NT}`],
        ["Effects", `random region effects μ ~ N(0, σ²_μ)${kkp ? ", spatially correlated as ε (u = (I_T ⊗ B⁻¹)(ι_T ⊗ μ + ε))" : ""}; phi = σ²_μ / σ²`],
        ["Log-determinant", `${jac.method} (${jac.method === "chebyshev" || jac.method === "mc" ? "approximate" : "exact"}; lib/spatialreg logDeterminant)`],
      ],
      statistics: [["log-likelihood", logLik], ["sigma² (idiosyncratic)", sigma2], ["sigma²_mu (region effect)", phi * sigma2], ["AIC", aic]],
      notes,
    },
    impactsInput,
    impacts(this: SpatialPanelResult, impactOptions?: ImpactsOptions) {
      if (!this.impactsInput) throw new Error(`${fn}: impacts are defined for the spatial lag model only (the error model's effects are its slopes)`);
      return impacts(this, impactOptions);
    },
  });
}

/** GLS at (φ, spatial): β, the quadratic form Q = e'Σ⁻¹e (σ̂² = Q/NT), (X'Σ⁻¹X)⁻¹ and the concentrated log-likelihood. */
interface GlsStep { beta: Float64Array; Q: number; XSX: Float64Array; ll: number }

function setup(data: DataInput, formula: string, w: SpatialWeights, options: SpatialPanelOptions, opts: NormalizedPanelOptions<SpatialPanelOptions>, fn: string) {
  const model = options.model;
  const structure = options.errorStructure ?? "bsk";
  if (structure !== "bsk" && structure !== "kkp") throw new Error(`${fn}: errorStructure must be "bsk" or "kkp" (got ${JSON.stringify(structure)})`);
  if (structure === "kkp" && model !== "error") throw new Error(`${fn}: errorStructure "kkp" is a spatial error model; use it with model "error"`);
  const kkp = structure === "kkp";
  if (options.biasCorrection) throw new Error(`${fn}: the Lee–Yu bias correction applies to fixed effects, not to effects "random"`);
  if (options.durbin !== undefined && options.durbin !== false) throw new Error(`${fn}: durbin terms are not available with effects "random" (splm's spml(model = "random") has none)`);
  const ix = panelIndex(rawColumn(data, opts.id, fn), rawColumn(data, opts.time, fn), opts, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  const perm = w.alignment(ix.entityLevels, fn);
  if (!ix.balanced) {
    throw new Error(`${fn}: the panel is unbalanced (${ix.n} rows for ${N} regions × ${T} periods); ML spatial panel models need every region in every period (as splm)`);
  }
  if (T < 2) throw new Error(`${fn}: the panel has one period ("${ix.timeLevels[0]}"); random effects need at least two`);
  if (w.islands.length > 0) throw new Error(`${fn}: weights have regions without neighbours (${w.islands.slice(0, 5).join(", ")}); remove them or give them neighbours`);
  const regionOf = new Int32Array(N);
  for (let i = 0; i < N; i++) regionOf[perm[i]] = i;

  const mm = modelMatrix(data, formula, { fn });
  const k = mm.k;
  if (k === 0) throw new Error(`${fn}: the formula has no regressors`);
  const names = mm.columnNames.slice();
  const NT = N * T;
  const pos = new Int32Array(NT);
  for (let r = 0; r < NT; r++) pos[r] = ix.time[r] * N + regionOf[ix.entity[r]];
  const arrange = (v: ArrayLike<number>) => { const o = new Float64Array(NT); for (let r = 0; r < NT; r++) o[pos[r]] = v[r]; return o; };
  const y = arrange(mm.y);
  const X = new Float64Array(NT * k);
  for (let c = 0; c < k; c++) X.set(arrange(mm.X.subarray(c * NT, c * NT + NT)), c * NT);
  checkFullRank(X, NT, k, names, fn);

  const Wcsr = w.toCSR();
  const jac = logDeterminant(Wcsr, options.logdet ?? "auto", fn);
  const sLo = Math.max(-SPATIAL_BOUND, jac.interval[0] + 1e-9 * (jac.interval[1] - jac.interval[0]));
  const sHi = Math.min(SPATIAL_BOUND, jac.interval[1] - 1e-9 * (jac.interval[1] - jac.interval[0]));
  const uLo = Math.log(PHI_LOWER), uHi = Math.log(PHI_UPPER[model]);
  const constant = -(NT / 2) * (Math.log(2 * Math.PI) + 1);

  // GLS at (phi, spatial): returns beta, the GLS quadratic form Q = e'Σ⁻¹e (σ̂² = Q/NT), (X'Σ⁻¹X)⁻¹ and the log-likelihood
  let gls: (phi: number, s: number) => GlsStep;
  let nested: () => { phi: number; s: number };

  if (model === "lag") {
    const wy = lagByPeriod(Wcsr, y, N, T);
    const cols = [...Array.from({ length: k }, (_, c) => X.subarray(c * NT, c * NT + NT)), y, wy];
    const means = cols.map((v) => unitMeans(v, N, T));
    const transform = (phi: number) => {
      const q = 1 - 1 / Math.sqrt(1 + T * phi);
      return cols.map((v, c) => {
        const m = means[c], o = new Float64Array(NT);
        for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) o[t * N + i] = v[t * N + i] - q * m[i];
        return o;
      });
    };
    // for fixed phi: OLS of y* and (Wy)* on X*, residuals e0, e1; Q(ρ) = ‖e0 − ρ e1‖²
    const atPhi = (phi: number) => {
      const tz = transform(phi);
      const Xs = new Float64Array(NT * k);
      for (let c = 0; c < k; c++) Xs.set(tz[c], c * NT);
      const XSX = crossprod(Xs, NT, k);
      const L = cholesky(XSX, k, fn);
      const b0 = cholSolve(L, crossprodXy(Xs, tz[k], NT, k), k), b1 = cholSolve(L, crossprodXy(Xs, tz[k + 1], NT, k), k);
      const e0 = Float64Array.from(tz[k]), e1 = Float64Array.from(tz[k + 1]);
      for (let c = 0; c < k; c++) for (let i = 0; i < NT; i++) { e0[i] -= Xs[c * NT + i] * b0[c]; e1[i] -= Xs[c * NT + i] * b1[c]; }
      return { L, b0, b1, e00: dotv(e0, e0), e01: dotv(e0, e1), e11: dotv(e1, e1), e0, e1 };
    };
    const llAt = (phi: number, s: number, a: ReturnType<typeof atPhi>) => {
      const e = new Float64Array(NT);
      for (let i = 0; i < NT; i++) e[i] = a.e0[i] - s * a.e1[i];
      const Q = dotv(e, e);
      return { Q, ll: constant + T * jac.logdet(s) - (N / 2) * Math.log(1 + T * phi) - (NT / 2) * Math.log(Q / NT) };
    };
    gls = (phi, s) => {
      const a = atPhi(phi);
      const beta = new Float64Array(k);
      for (let c = 0; c < k; c++) beta[c] = a.b0[c] - s * a.b1[c];
      const { Q, ll } = llAt(phi, s, a);
      return { beta, Q, XSX: cholInverse(a.L, k), ll };
    };
    nested = () => {
      const inner = (phi: number) => {
        const a = atPhi(phi);
        const prof = (s: number) => T * jac.logdet(s) - (NT / 2) * Math.log(a.e00 - 2 * s * a.e01 + s * s * a.e11);
        const s = brentMaximize(prof, sLo, sHi, 1e-12).x;
        return { s, ll: llAt(phi, s, a).ll };
      };
      const u = brentMaximize((uu) => inner(Math.exp(uu)).ll, uLo, uHi, 1e-12).x;
      return { phi: Math.exp(u), s: inner(Math.exp(u)).s };
    };
  } else if (kkp) {
    // Kapoor–Kelejian–Prucha: Σ⁻¹ = (θ²J̄_T + E_T) ⊗ B'B, so the GLS transform is B(z − (1 − θ) z̄ᵢ) by period
    const cols = [...Array.from({ length: k }, (_, c) => X.subarray(c * NT, c * NT + NT)), y];
    const wcols = cols.map((v) => lagByPeriod(Wcsr, v, N, T));
    const means = cols.map((v) => unitMeans(v, N, T)), wmeans = wcols.map((v) => unitMeans(v, N, T));
    gls = (phi, lam) => {
      const q = 1 - 1 / Math.sqrt(1 + T * phi);
      const tz = cols.map((v, c) => {
        const wv = wcols[c], m = means[c], wm = wmeans[c], o = new Float64Array(NT);
        for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) { const r = t * N + i; o[r] = v[r] - lam * wv[r] - q * (m[i] - lam * wm[i]); }
        return o;
      });
      const Xs = new Float64Array(NT * k);
      for (let c = 0; c < k; c++) Xs.set(tz[c], c * NT);
      const L = cholesky(crossprod(Xs, NT, k), k, fn);
      const beta = cholSolve(L, crossprodXy(Xs, tz[k], NT, k), k);
      const e = Float64Array.from(tz[k]);
      for (let c = 0; c < k; c++) for (let i = 0; i < NT; i++) e[i] -= Xs[c * NT + i] * beta[c];
      const Q = dotv(e, e);
      const ll = constant + T * jac.logdet(lam) - (N / 2) * Math.log(1 + T * phi) - (NT / 2) * Math.log(Q / NT);
      return { beta, Q, XSX: cholInverse(L, k), ll };
    };
    nested = () => nestedMaximum((phi, lam) => gls(phi, lam).ll, uLo, uHi, sLo, sHi);
  } else {
    if (N > DENSE_LIMIT) {
      throw new Error(`${fn}: the Baltagi–Song–Koh random-effects error model needs a dense N × N factorization per likelihood evaluation (as splm), too slow for N = ${N} > ${DENSE_LIMIT} regions; use errorStructure "kkp" (sparse) or fixed effects`);
    }
    // deviations from unit means and their spatial lags; unit means (N × (k + 1), the last column y)
    const cols = [...Array.from({ length: k }, (_, c) => X.subarray(c * NT, c * NT + NT)), y];
    const means = cols.map((v) => unitMeans(v, N, T));
    const dev = cols.map((v, c) => { const o = new Float64Array(NT); for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) o[t * N + i] = v[t * N + i] - means[c][i]; return o; });
    const wdev = dev.map((v) => lagByPeriod(Wcsr, v, N, T));
    // dense W + W' and W'W for B'B = I − λ(W + W') + λ²W'W
    const Wd = w.toDense();
    const S1 = new Float64Array(N * N), S2 = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) S1[i * N + j] = Wd[i * N + j] + Wd[j * N + i];
    for (let r = 0; r < N; r++) for (let i = 0; i < N; i++) { const wri = Wd[r * N + i]; if (wri !== 0) for (let j = 0; j < N; j++) S2[i * N + j] += wri * Wd[r * N + j]; }
    const applyC = (lam: number, v: Float64Array) => {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) { let s = v[i]; for (let j = 0; j < N; j++) s += (lam * lam * S2[i * N + j] - lam * S1[i * N + j]) * v[j]; o[i] = s; }
      return o;
    };
    gls = (phi, lam) => {
      const M = new Float64Array(N * N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) M[i * N + j] = T * phi * ((i === j ? 1 : 0) - lam * S1[i * N + j] + lam * lam * S2[i * N + j]) + (i === j ? 1 : 0);
      const L = cholesky(M, N, fn);
      let ldM = 0;
      for (let i = 0; i < N; i++) ldM += 2 * Math.log(L[i * N + i]);
      // between part: T Z̄' (I + Tφ B'B)⁻¹ B'B Z̄; within part: ‖(I_T ⊗ B) Z̃‖²
      const Ainv = means.map((m) => cholSolve(L, applyC(lam, m), N));
      const wz = dev.map((v, c) => { const o = new Float64Array(NT); const wv = wdev[c]; for (let i = 0; i < NT; i++) o[i] = v[i] - lam * wv[i]; return o; });
      const G = new Float64Array(k * k), g = new Float64Array(k);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b <= a; b++) { G[a * k + b] = G[b * k + a] = T * dotv(means[a], Ainv[b]) + dotv(wz[a], wz[b]); }
        g[a] = T * dotv(means[a], Ainv[k]) + dotv(wz[a], wz[k]);
      }
      const LG = cholesky(G, k, fn);
      const beta = cholSolve(LG, g, k);
      // Q directly from the residuals (no cancellation of levels)
      const eb = Float64Array.from(means[k]);
      for (let c = 0; c < k; c++) for (let i = 0; i < N; i++) eb[i] -= means[c][i] * beta[c];
      const ew = Float64Array.from(wz[k]);
      for (let c = 0; c < k; c++) for (let i = 0; i < NT; i++) ew[i] -= wz[c][i] * beta[c];
      const Q = T * dotv(eb, cholSolve(L, applyC(lam, eb), N)) + dotv(ew, ew);
      const ll = constant + T * jac.logdet(lam) - 0.5 * ldM - (NT / 2) * Math.log(Q / NT);
      return { beta, Q, XSX: cholInverse(LG, k), ll };
    };
    nested = () => nestedMaximum((phi, lam) => gls(phi, lam).ll, uLo, uHi, sLo, sHi);
  }

  return { N, T, NT, k, names, mm, y, X, Wcsr, jac, sLo, sHi, uLo, uHi, gls, nested, kkp };
}

/** What {@link spatialPanelRELogLik} returns. */
export interface SpatialPanelREAt {
  /** Concentrated log-likelihood at (φ, spatial coefficient). */
  logLik: number;
  /** GLS coefficients there, by name. */
  beta: Record<string, number>;
  /** σ̂² = e'Σ⁻¹e/(NT). */
  sigma2: number;
  /** Standard errors σ̂²(X'Σ⁻¹X)⁻¹ of β there, by name. */
  stdError: Record<string, number>;
}

/**
 * The random-effects spatial panel likelihood at given parameters: the concentrated log-likelihood, GLS β and
 * σ² of `spatialPanel(..., { effects: "random" })` (splm `sarREmod` / `semREmod`'s `ll.c` and final GLS step) at
 * a given φ and spatial coefficient — to compare with another program's estimates at its own optimum.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"`
 * @param w spatial weights whose ids are the region values
 * @param options as {@link spatialPanel} (model, id, time; effects is taken as "random")
 * @param phi variance ratio σ²_μ/σ²
 * @param spatial ρ of the lag model or λ of the error model
 * @throws as {@link spatialPanel}
 * @example
 * // splm 1.6-5 on Produc/usaww (test/reference/spatial-panel-re.R): logLik 1426.57670518143 at its phi, lambda
 * spatialPanelRELogLik(p, "lgsp ~ lpcap + lpc + lemp + unemp", w, { id: "state", time: "year", model: "lag" }, 21.317508155578, 0.161614536533676).logLik
 * // 1426.5767051814...
 */
export function spatialPanelRELogLik(data: DataInput, formula: string, w: SpatialWeights, options: SpatialPanelOptions, phi: number, spatial: number): SpatialPanelREAt {
  const fn = "spatialPanelRELogLik";
  const opts = panelOptions(options, ["model", "effects", "biasCorrection", "logdet", "durbin", "errorStructure"], fn);
  if (options.model !== "lag" && options.model !== "error") throw new Error(`${fn}: model must be "lag" or "error" (got ${JSON.stringify(options.model)})`);
  if (!(phi > 0) || !Number.isFinite(phi)) throw new Error(`${fn}: phi must be a positive number (got ${phi})`);
  const st = setup(data, formula, w, options, opts, fn);
  if (!(spatial > st.jac.interval[0] && spatial < st.jac.interval[1])) throw new Error(`${fn}: the spatial coefficient ${spatial} is outside (${st.jac.interval[0]}, ${st.jac.interval[1]})`);
  const g = st.gls(phi, spatial);
  const sigma2 = g.Q / st.NT;
  return {
    logLik: g.ll, sigma2,
    beta: Object.fromEntries(st.names.map((nm, c) => [nm, g.beta[c]])),
    stdError: Object.fromEntries(st.names.map((nm, c) => [nm, Math.sqrt(sigma2 * g.XSX[c * st.k + c])])),
  };
}
