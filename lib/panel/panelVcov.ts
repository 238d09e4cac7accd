/**
 * Variance estimators for linear panel models fitted on within-transformed data: classical,
 * heteroskedasticity-robust (White), one- and two-way cluster-robust (Liang & Zeger 1986;
 * Arellano 1987; Cameron, Gelbach & Miller 2011), and Driscoll & Kraay (1998).
 *
 * Every estimator is B·M·B with B = (X̃'X̃)⁻¹ (X̃ the transformed regressors) and a "meat" M
 * built from scores x̃_i û_i; they differ in how the scores are grouped and in the
 * small-sample factor, which is named in `label` so a reader knows which convention was used.
 */

/** How standard errors are computed (see `panelFE`). */
export type PanelVcovSpec =
  | "classical"
  | "robust"
  | { cluster: string | string[]; convention?: "stata" | "plm" }
  | { driscollKraay: number | null };

/** A computed variance matrix with its name and the degrees of freedom used for t tests. */
export interface PanelVcovResult {
  /** k × k, row-major. */
  vcov: Float64Array;
  /** Human-readable name of the estimator and its small-sample convention. */
  label: string;
  /** Degrees of freedom of the reference t distribution. */
  dfTest: number;
  /** Number of clusters (when clustered). */
  clusters?: number | [number, number];
  /** Extra detail for the summary (e.g. the small-sample factor). */
  detail?: string;
  /** Driscoll–Kraay lag actually used. */
  maxlag?: number;
}

/** Inputs shared by the estimators. */
export interface ScoreInputs {
  /** Transformed regressors, column-major n × k. */
  X: Float64Array;
  /** Residuals of the transformed regression. */
  resid: Float64Array;
  /** (X'X)^{-1}, row-major k × k. */
  bread: Float64Array;
  n: number;
  k: number;
}

/** B M B for row-major k × k B and M. */
export function sandwich(B: Float64Array, M: Float64Array, k: number, scale = 1): Float64Array {
  const BM = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) {
    const b = B[i * k + l];
    if (b === 0) continue;
    for (let j = 0; j < k; j++) BM[i * k + j] += b * M[l * k + j];
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) {
    const v = BM[i * k + l];
    if (v === 0) continue;
    for (let j = 0; j < k; j++) out[i * k + j] += v * B[l * k + j];
  }
  for (let i = 0; i < k * k; i++) out[i] *= scale;
  // symmetrize
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) {
    const v = 0.5 * (out[i * k + j] + out[j * k + i]);
    out[i * k + j] = v; out[j * k + i] = v;
  }
  return out;
}

/** Per-group score sums s_g = Σ_{i∈g} x_i u_i (G × k, row-major). */
export function groupScores(inp: ScoreInputs, codes: Int32Array, G: number): Float64Array {
  const { X, resid, n, k } = inp;
  const S = new Float64Array(G * k);
  for (let j = 0; j < k; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) S[codes[i] * k + j] += X[off + i] * resid[i];
  }
  return S;
}

/** Σ_g s_g s_g' for row-major G × k scores. */
export function outerSum(S: Float64Array, G: number, k: number): Float64Array {
  const M = new Float64Array(k * k);
  for (let g = 0; g < G; g++) {
    const o = g * k;
    for (let a = 0; a < k; a++) {
      const sa = S[o + a];
      if (sa === 0) continue;
      for (let b = 0; b <= a; b++) M[a * k + b] += sa * S[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) M[b * k + a] = M[a * k + b];
  return M;
}

/** White meat Σ_i x_i x_i' u_i². */
export function whiteMeat(inp: ScoreInputs): Float64Array {
  const { X, resid, n, k } = inp;
  const M = new Float64Array(k * k);
  const u2 = new Float64Array(n);
  for (let i = 0; i < n; i++) u2[i] = resid[i] * resid[i];
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
    let s = 0;
    const oa = a * n, ob = b * n;
    for (let i = 0; i < n; i++) s += X[oa + i] * X[ob + i] * u2[i];
    M[a * k + b] = s; M[b * k + a] = s;
  }
  return M;
}

/**
 * Driscoll–Kraay meat: Σ_{l=-L..L} w_l Σ_t h_t h_{t−l}', h_t = Σ_{i in period t} x_i u_i,
 * Bartlett weights w_l = 1 − l/(L+1), periods in their sorted order (as plm's `vcovSCC`).
 */
export function driscollKraayMeat(inp: ScoreInputs, time: Int32Array, T: number, maxlag: number): Float64Array {
  const { k } = inp;
  const H = groupScores(inp, time, T);
  const M = outerSum(H, T, k);
  for (let l = 1; l <= maxlag; l++) {
    const w = 1 - l / (maxlag + 1);
    for (let t = l; t < T; t++) {
      const o = t * k, ol = (t - l) * k;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
        const v = w * H[o + a] * H[ol + b];
        M[a * k + b] += v;
        M[b * k + a] += v;
      }
    }
  }
  return M;
}
