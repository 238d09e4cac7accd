/**
 * Kleibergen–Paap rk statistics for IV fits: the rk Wald F of weak identification that ivreg2 / ivreghdfe report
 * with robust or clustered errors, and the rk Wald χ² of underidentification, H0: rank(Π) = K − 1.
 */
import { checkOptionNames } from "../core/options";
import { chiSquaredUpper } from "../distributions/cdf";
import { cholesky, cholInverse, cholSolve, crossprod, inverseGeneral } from "../linalg";
import { symmetricEigen } from "../linalg/symmetricEigen";
import type { ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeResult } from "../report/modelSummary";
import type { IvResult } from "./iv";
import { partialOut, scoreGrouping, smallSampleFactor } from "./ivVariance";

/** Options of {@link kleibergenPaap}. */
export interface KleibergenPaapOptions {
  /** Variance of the first-stage coefficients: "iid", "HC0", "HC1"/"robust" or `{ cluster, convention? }` (default: the fit's). */
  vcov?: VcovSpec;
}

/** Result of {@link kleibergenPaap}. */
export interface KleibergenPaapResult {
  /** rk Wald F = rk / L (L excluded instruments): compare with Stock–Yogo critical values or the rule of thumb 10. */
  statistic: number;
  /** The rk Wald statistic of H0: rank(Π) = K − 1, χ²(L − K + 1) under the null (the underidentification test). */
  rk: { statistic: number; df: number; pValue: number };
  /**
   * The rk LM statistic (ranktest's default; ivreg2's "Kleibergen-Paap rk LM" underidentification test): the score
   * covariance from the partialled regressors themselves, no small-sample factor; with "iid" it is Anderson's n·ρ².
   */
  lm: { statistic: number; df: number; pValue: number };
  /** Singular values of the normalized first-stage matrix Θ = FΠG⁻¹ (the canonical correlations of X and Z). */
  singularValues: number[];
  endogenous: string[];
  instruments: string[];
  vcovType: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Kleibergen–Paap rk Wald statistic for the first stage of a 2SLS fit.
 *
 * Long name: Kleibergen–Paap rk Wald test of reduced rank (Kleibergen & Paap 2006, "Generalized reduced rank tests
 * using the singular value decomposition", J. Econometrics 133, 97–126), as Stata's `ranktest` inside `ivreg2` /
 * `ivreghdfe` ("Kleibergen-Paap rk Wald F statistic"). The exogenous regressors (and absorbed effects) are partialled
 * out of the K endogenous regressors X and the L excluded instruments Z; Π̂ = (Z'Z)⁻¹Z'X; Θ̂ = F Π̂ G⁻¹ with F'F = Z'Z,
 * G'G = X'X (Cholesky); from the SVD Θ̂ = USV', λ = (B ⊗ A') vec Θ̂ with A spanning the last L − K + 1 left and B the
 * last right singular vector; rk = λ' [(B ⊗ A') V(vec Θ̂) (B ⊗ A')']⁻¹ λ with V(vec Π̂) the multivariate first-stage
 * sandwich under `vcov` (the small-sample factor of that spec, as the fit's own standard errors). rk F = rk / L.
 * With K = 1 it equals the first-stage Wald F of the excluded instruments under the same spec (`fit.firstStage[0]`);
 * with "iid" (Σ̂ = V̂'V̂/(n − k − absorbed)) it is the Cragg–Donald Wald F, (n − k − absorbed)/L · ρ²/(1 − ρ²), ρ the
 * smallest canonical correlation. ivreg2 / ivreghdfe print rkF = χ²/(N − 1)·(N − #instruments)·(G − 1)/G / L with
 * χ² the factor-free clustered rk (`vcov: { cluster, convention: "HC0" }` here): the same number as this F under the
 * default cluster factor G/(G−1)·(N−1)/(N−K) when K = #instruments (a cross-section with a constant; with absorbed
 * effects it depends on how the effects are counted). The rk LM statistic
 * (`lm`) is the same quadratic form with the score covariance of z_i x_i' (the residuals under Π = 0) and no
 * small-sample factor, as `ranktest`'s LM; with "iid" it is Anderson's canonical-correlation LM n·ρ².
 * @param fit an {@link iv} fit
 * @param options `vcov` (default: the fit's spec)
 * @returns rk Wald F, the rk Wald and rk LM χ² tests of underidentification, the singular values
 * @throws `kleibergenPaap: needs an iv() fit`; `kleibergenPaap: vcov … is not available here`; too few clusters
 * @example
 * // plm::Crime, county FE, lprbarr ~ ltaxpc + lmix + lwcon, clustered by county (Stata convention): R by hand 7.45080007577575
 * kleibergenPaap(iv(crime, "lcrmrte ~ lprbconv + ldensity | lprbarr ~ ltaxpc + lmix + lwcon",
 *   { id: "county", time: "year", vcov: { cluster: "county" } })).statistic // 7.4508000757…
 */
export function kleibergenPaap(fit: IvResult, options: KleibergenPaapOptions = {}): KleibergenPaapResult {
  const fn = "kleibergenPaap";
  if (!fit || fit.kind !== "iv" || !fit.design) throw new Error(`${fn}: needs an iv() fit`);
  checkOptionNames(options, ["vcov"], fn);
  const spec = options.vcov ?? fit.vcovSpec;
  const d = fit.design;
  const { n, kx, ke: K, kz: L } = d;
  const grouping = scoreGrouping(d, spec, fn);
  const X = partialOut(d.endogenous, K, d.exogenous, kx, n, fn);
  const Z = partialOut(d.instruments, L, d.exogenous, kx, n, fn);
  const ZZ = crossprod(Z, n, L), XX = crossprod(X, n, K);
  const LZ = cholesky(ZZ, L, fn), LX = cholesky(XX, K, fn);
  const ZZi = cholInverse(LZ, L);
  // Π (L × K, row-major) and the first-stage residuals V (n × K, column-major)
  const Pi = new Float64Array(L * K);
  const V = Float64Array.from(X);
  for (let e = 0; e < K; e++) {
    const zx = new Float64Array(L);
    for (let j = 0; j < L; j++) { let s = 0; for (let i = 0; i < n; i++) s += Z[j * n + i] * X[e * n + i]; zx[j] = s; }
    const pe = cholSolve(LZ, zx, L);
    for (let j = 0; j < L; j++) { Pi[j * K + e] = pe[j]; for (let i = 0; i < n; i++) V[e * n + i] -= Z[j * n + i] * pe[j]; }
  }
  // Var(vec Π), vec stacking columns: index e·L + j; the scores z_i e_i' use the residuals V (Wald) or X itself (LM)
  const p = L * K;
  const kw = kx + L;
  const clusterSandwich = (E: Float64Array, c: number): Float64Array => {
    const G = grouping.kind === "cluster" ? grouping.G : n;
    const H = new Float64Array(G * p);
    for (let i = 0; i < n; i++) {
      const g = grouping.kind === "cluster" ? grouping.codes[i] : i;
      for (let e = 0; e < K; e++) { const v = E[e * n + i]; for (let j = 0; j < L; j++) H[g * p + e * L + j] += Z[j * n + i] * v; }
    }
    const meat = new Float64Array(p * p);
    for (let g = 0; g < G; g++) for (let a = 0; a < p; a++) { const ha = H[g * p + a]; if (ha !== 0) for (let b = 0; b < p; b++) meat[a * p + b] += ha * H[g * p + b]; }
    // c · (I_K ⊗ (Z'Z)⁻¹) meat (I_K ⊗ (Z'Z)⁻¹)
    const BM = new Float64Array(p * p), out = new Float64Array(p * p);
    for (let e = 0; e < K; e++) for (let j = 0; j < L; j++) for (let b = 0; b < p; b++) {
      let s = 0;
      for (let l = 0; l < L; l++) s += ZZi[j * L + l] * meat[(e * L + l) * p + b];
      BM[(e * L + j) * p + b] = s;
    }
    for (let a = 0; a < p; a++) for (let f = 0; f < K; f++) for (let l = 0; l < L; l++) {
      let s = 0;
      for (let j = 0; j < L; j++) s += BM[a * p + f * L + j] * ZZi[j * L + l];
      out[a * p + f * L + l] = c * s;
    }
    return out;
  };
  let VPi: Float64Array;
  if (grouping.kind === "iid") {
    VPi = new Float64Array(p * p);
    const df = n - kw - d.base.absorbed;
    for (let e = 0; e < K; e++) for (let f = 0; f < K; f++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += V[e * n + i] * V[f * n + i];
      const sig = s / df;
      for (let j = 0; j < L; j++) for (let l = 0; l < L; l++) VPi[(e * L + j) * p + f * L + l] = sig * ZZi[j * L + l];
    }
  } else {
    const W = new Float64Array(n * kw);
    W.set(d.exogenous, 0); W.set(d.instruments, kx * n);
    VPi = clusterSandwich(V, smallSampleFactor(d, W, kw, d.endogenous.subarray(0, n), spec, grouping, fn));
  }
  // Θ = F Π G⁻¹ with F = LZ', G = LX'
  const Ginv = inverseGeneral(transpose(LX, K), K, fn);
  const FPi = new Float64Array(L * K);
  for (let a = 0; a < L; a++) for (let e = 0; e < K; e++) { let s = 0; for (let j = a; j < L; j++) s += LZ[j * L + a] * Pi[j * K + e]; FPi[a * K + e] = s; }
  const Theta = new Float64Array(L * K);
  for (let a = 0; a < L; a++) for (let e = 0; e < K; e++) { let s = 0; for (let f = 0; f < K; f++) s += FPi[a * K + f] * Ginv[f * K + e]; Theta[a * K + e] = s; }
  // T = G⁻ᵀ ⊗ F: T[(e,j),(f,l)] = Ginv[f,e] · F[j,l], F[j,l] = LZ[l,j]
  const T = new Float64Array(p * p);
  for (let e = 0; e < K; e++) for (let f = 0; f < K; f++) {
    const gfe = Ginv[f * K + e];
    if (gfe !== 0) for (let j = 0; j < L; j++) for (let l = j; l < L; l++) T[(e * L + j) * p + f * L + l] = gfe * LZ[l * L + j];
  }
  const VTh = conj(T, VPi, p);
  // LM (ranktest's default): iid gives Var(vec Θ) = I/n (Anderson's canonical-correlation LM); otherwise the sandwich of z_i x_i', no factor
  const VThLM = grouping.kind === "iid" ? Float64Array.from({ length: p * p }, (_, a) => (a % (p + 1) === 0 ? 1 / n : 0)) : conj(T, clusterSandwich(X, 1), p);
  // singular vectors: left from ΘΘ', right from Θ'Θ
  const TT = new Float64Array(L * L), TtT = new Float64Array(K * K);
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) { let s = 0; for (let e = 0; e < K; e++) s += Theta[a * K + e] * Theta[b * K + e]; TT[a * L + b] = s; }
  for (let e = 0; e < K; e++) for (let f = 0; f < K; f++) { let s = 0; for (let a = 0; a < L; a++) s += Theta[a * K + e] * Theta[a * K + f]; TtT[e * K + f] = s; }
  const left = symmetricEigen(TT, L, fn), right = symmetricEigen(TtT, K, fn);
  const m = L - K + 1;
  const vK = Array.from({ length: K }, (_, e) => right.vectors[e * K + K - 1]);
  // C = vK' ⊗ A' (m × p), A = left singular vectors K..L; λ = C vec Θ; Ω = C V(vec Θ) C'
  const C = new Float64Array(m * p);
  for (let r = 0; r < m; r++) for (let e = 0; e < K; e++) for (let j = 0; j < L; j++) C[r * p + e * L + j] = vK[e] * left.vectors[j * L + K - 1 + r];
  const vecTheta = new Float64Array(p);
  for (let e = 0; e < K; e++) for (let j = 0; j < L; j++) vecTheta[e * L + j] = Theta[j * K + e];
  const lambda = new Float64Array(m);
  for (let r = 0; r < m; r++) { let s = 0; for (let a = 0; a < p; a++) s += C[r * p + a] * vecTheta[a]; lambda[r] = s; }
  const quadratic = (VT: Float64Array): number => {
    const Omega = new Float64Array(m * m);
    for (let r = 0; r < m; r++) for (let q = 0; q < m; q++) {
      let s = 0;
      for (let a = 0; a < p; a++) { const cra = C[r * p + a]; if (cra !== 0) for (let b = 0; b < p; b++) s += cra * VT[a * p + b] * C[q * p + b]; }
      Omega[r * m + q] = s;
    }
    const Oi = inverseGeneral(Omega, m, fn);
    let out = 0;
    for (let r = 0; r < m; r++) for (let q = 0; q < m; q++) out += lambda[r] * Oi[r * m + q] * lambda[q];
    return out;
  };
  const rk = quadratic(VTh), rkLM = quadratic(VThLM);
  const singularValues = Array.from({ length: K }, (_, e) => Math.sqrt(Math.max(right.values[e], 0)));
  const vcovType = grouping.kind === "iid" ? "classical (Cragg–Donald form)" : grouping.kind === "robust" ? `heteroskedasticity-robust (${String(spec)})` : `cluster-robust by ${grouping.column} (${grouping.G} clusters)`;
  const statistic = rk / L;
  const rkTest = { statistic: rk, df: m, pValue: chiSquaredUpper(rk, m) };
  const lmTest = { statistic: rkLM, df: m, pValue: chiSquaredUpper(rkLM, m) };
  return makeResult<KleibergenPaapResult>({
    statistic, rk: rkTest, lm: lmTest, singularValues, endogenous: fit.endogenous, instruments: fit.instruments, vcovType,
    report: {
      title: "Kleibergen–Paap rk statistics (weak identification and underidentification)",
      header: [["Endogenous", fit.endogenous.join(", ")], ["Excluded instruments", fit.instruments.join(", ")], ["First-stage variance", vcovType]],
      statistics: [["rk Wald F", statistic], ["smallest canonical correlation", singularValues[K - 1]]],
      tests: [
        { name: "rk LM (underidentification)", statistic: rkLM, df: m, pValue: lmTest.pValue },
        { name: "rk Wald (underidentification)", statistic: rk, df: m, pValue: rkTest.pValue },
      ],
      notes: ["Weak identification: compare the rk Wald F with Stock–Yogo critical values (derived for iid errors) or the rule of thumb 10; the rk test's H0 is rank(Π) = K − 1 (underidentified)."],
    },
  });
}

function transpose(A: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[j * k + i] = A[i * k + j];
  return out;
}

/** T A T' for square p × p row-major matrices. */
function conj(T: Float64Array, A: Float64Array, p: number): Float64Array {
  const TA = new Float64Array(p * p), out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let l = 0; l < p; l++) { const t = T[i * p + l]; if (t !== 0) for (let j = 0; j < p; j++) TA[i * p + j] += t * A[l * p + j]; }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) { let s = 0; for (let l = 0; l < p; l++) s += TA[i * p + l] * T[j * p + l]; out[i * p + j] = s; }
  return out;
}
