/**
 * Two-period difference-in-differences with covariates on a panel (Sant'Anna & Zhao 2020): outcome regression,
 * inverse probability weighting and the doubly robust estimator, each with its influence function — the cell
 * estimator of the Callaway–Sant'Anna ATT(g, t) with covariates.
 */
import { inverseSPD, solveSPD } from "../linalg/cholesky";

/** How the covariates enter: doubly robust (default of R did), outcome regression, or standardized IPW. */
export type DrdidMethod = "dr" | "reg" | "ipw";

/** Logistic regression by Newton–Raphson (no regularization); X column-major n × p. Returns fitted probabilities. */
function logitFit(X: Float64Array, D: Uint8Array, n: number, p: number, fn: string): Float64Array {
  let beta = new Float64Array(p);
  const prob = new Float64Array(n);
  for (let iter = 0; iter < 100; iter++) {
    const H = new Float64Array(p * p), g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let a = 0; a < p; a++) eta += X[a * n + i] * beta[a];
      const pr = 1 / (1 + Math.exp(-eta));
      prob[i] = pr;
      const w = pr * (1 - pr), r = D[i] - pr;
      for (let a = 0; a < p; a++) {
        g[a] += X[a * n + i] * r;
        for (let b = 0; b <= a; b++) H[a * p + b] += w * X[a * n + i] * X[b * n + i];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) H[b * p + a] = H[a * p + b];
    const step = solveSPD(H, g, p, `${fn} (propensity score)`);
    let change = 0;
    const next = new Float64Array(p);
    for (let a = 0; a < p; a++) { next[a] = beta[a] + step[a]; change = Math.max(change, Math.abs(step[a]) / (1 + Math.abs(beta[a]))); }
    beta = next;
    if (change < 1e-13) break;
    if (iter === 99) throw new Error(`${fn}: the propensity-score logit did not converge in 100 Newton steps (separation?)`);
  }
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let a = 0; a < p; a++) eta += X[a * n + i] * beta[a];
    prob[i] = 1 / (1 + Math.exp(-eta));
  }
  return prob;
}

/**
 * The ATT of a two-period panel with covariates, and its influence function (mean zero; the SE is sqrt(Σψ²)/n).
 *
 * Long name: Sant'Anna & Zhao (2020, J. Econometrics 219) DID estimators for panel data, as R DRDID
 * `drdid_panel` ("dr": logit propensity score and OLS outcome regression on the comparison units),
 * `reg_did_panel` ("reg") and `std_ipw_did_panel` ("ipw", normalized weights); comparison units with a
 * propensity score ≥ 0.995 are trimmed in "dr" and "ipw", as DRDID does.
 * @param dy outcome change Y_post − Y_pre, length n
 * @param D 1 for treated units, 0 for comparison units
 * @param X covariates with an intercept column, column-major n × p
 * @param n units
 * @param p columns of X
 * @param method "dr", "reg" or "ipw"
 * @param fn the calling function, for errors
 * @throws `fn: matrix is not positive definite` when the comparison units' covariates are collinear; `fn: the propensity-score logit did not converge`
 * @example
 * // intercept only: every method gives the difference of mean changes, 1.5 − 0.5
 * drdidPanel(new Float64Array([1, 2, 0, 1]), new Uint8Array([1, 1, 0, 0]), new Float64Array([1, 1, 1, 1]), 4, 1, "dr", "demo").att // 1
 */
export function drdidPanel(dy: Float64Array, D: Uint8Array, X: Float64Array, n: number, p: number, method: DrdidMethod, fn: string): { att: number; influence: Float64Array } {
  const col = (a: number, i: number) => X[a * n + i];
  // OLS of Δy on X among the comparison units, and its asymptotic linear representation
  const XpX = new Float64Array(p * p), Xy = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (D[i]) continue;
    for (let a = 0; a < p; a++) {
      Xy[a] += col(a, i) * dy[i];
      for (let b = 0; b < p; b++) XpX[a * p + b] += col(a, i) * col(b, i);
    }
  }
  const needOls = method !== "ipw";
  const beta = needOls ? solveSPD(XpX, Xy, p, `${fn} (outcome regression)`) : new Float64Array(p);
  const od = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) od[i] += col(a, i) * beta[a];
  const XpXinvN = needOls ? inverseSPD(XpX.map((v) => v / n), p, `${fn} (outcome regression)`) : new Float64Array(p * p);
  /** ψ_i contribution of the OLS estimation, projected on M: (1−D_i)(Δy_i − od_i) x_i' (X'X/n)⁻¹ M. */
  const olsTerm = (M: Float64Array) => {
    const v = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v[a] += XpXinvN[a * p + b] * M[b];
    return (i: number) => {
      if (D[i]) return 0;
      let s = 0;
      for (let a = 0; a < p; a++) s += col(a, i) * v[a];
      return (dy[i] - od[i]) * s;
    };
  };
  const colMeans = (w: (i: number) => number) => {
    const m = new Float64Array(p);
    for (let i = 0; i < n; i++) { const wi = w(i); if (wi !== 0) for (let a = 0; a < p; a++) m[a] += wi * col(a, i); }
    for (let a = 0; a < p; a++) m[a] /= n;
    return m;
  };
  const mean = (f: (i: number) => number) => { let s = 0; for (let i = 0; i < n; i++) s += f(i); return s / n; };
  const inf = new Float64Array(n);
  if (method === "reg") {
    const mD = mean((i) => D[i]);
    const etaT = mean((i) => D[i] * dy[i]) / mD, etaC = mean((i) => D[i] * od[i]) / mD;
    const o = olsTerm(colMeans((i) => D[i]));
    for (let i = 0; i < n; i++) inf[i] = (D[i] * dy[i] - D[i] * etaT) / mD - (D[i] * od[i] - D[i] * etaC + o(i)) / mD;
    return { att: etaT - etaC, influence: inf };
  }
  // propensity score and its asymptotic linear representation (score × (X'WX/n)⁻¹)
  const ps = logitFit(X, D, n, p, fn);
  for (let i = 0; i < n; i++) ps[i] = Math.min(ps[i], 1 - 1e-6);
  const XWX = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const w = ps[i] * (1 - ps[i]);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) XWX[a * p + b] += w * col(a, i) * col(b, i);
  }
  const Hn = inverseSPD(XWX, p, `${fn} (propensity score)`).map((v) => v * n);
  const psTerm = (M: Float64Array) => {
    const v = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v[a] += Hn[a * p + b] * M[b];
    return (i: number) => { let s = 0; for (let a = 0; a < p; a++) s += col(a, i) * v[a]; return (D[i] - ps[i]) * s; };
  };
  const trim = (i: number) => (D[i] === 1 || ps[i] < 0.995 ? 1 : 0);
  const wT = (i: number) => trim(i) * D[i];
  const wC = (i: number) => (trim(i) * ps[i] * (1 - D[i])) / (1 - ps[i]);
  const mT = mean(wT), mC = mean(wC);
  const r = method === "dr" ? (i: number) => dy[i] - od[i] : (i: number) => dy[i];
  const etaT = mean((i) => wT(i) * r(i)) / mT, etaC = mean((i) => wC(i) * r(i)) / mC;
  const ps2 = psTerm(colMeans((i) => wC(i) * (r(i) - etaC)));
  if (method === "ipw") {
    for (let i = 0; i < n; i++) inf[i] = (wT(i) * r(i) - wT(i) * etaT) / mT - (wC(i) * r(i) - wC(i) * etaC + ps2(i)) / mC;
  } else {
    const o1 = olsTerm(colMeans(wT)), o3 = olsTerm(colMeans(wC));
    for (let i = 0; i < n; i++) {
      const infTreat = (wT(i) * r(i) - wT(i) * etaT - o1(i)) / mT;
      const infCont = (wC(i) * r(i) - wC(i) * etaC + ps2(i) - o3(i)) / mC;
      inf[i] = infTreat - infCont;
    }
  }
  return { att: etaT - etaC, influence: inf };
}
