/**
 * The sandwich B·M·B and its "meats", shared by every least-squares variance estimator in lib/ (OLS, panel
 * within and random-effects GLS, the Mundlak regression): B = (X'X)⁻¹ of the (transformed) regressors and M built
 * from the scores x_i û_i — White (1980), HC3 (MacKinnon & White 1985), clusters (Liang & Zeger 1986; Arellano 1987;
 * Cameron, Gelbach & Miller 2011) and Driscoll & Kraay (1998). The estimators differ in how the scores are grouped
 * and in the small-sample factor (lib/inference/estimators.ts).
 */

/** Inputs shared by the meats: transformed regressors, residuals and bread. */
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

/**
 * The sandwich product B·M·B·scale, symmetrized.
 *
 * Long name: sandwich variance product.
 * @param B bread, row-major k × k
 * @param M meat, row-major k × k
 * @param k dimension
 * @param scale small-sample factor (default 1)
 * @example sandwich(new Float64Array([2]), new Float64Array([3]), 1) // Float64Array [12]
 */
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

/**
 * HC3 meat Σ_i x_i x_i' u_i² / (1 − h_i)², h_i = x_i' B x_i the leverage (MacKinnon & White 1985).
 * @throws `fn: vcov "HC3" undefined: observation 4 has leverage 1`
 */
export function hc3Meat(inp: ScoreInputs, fn: string): Float64Array {
  const { X, resid, bread: B, n, k } = inp;
  const M = new Float64Array(k * k);
  const xi = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) xi[j] = X[j * n + i];
    let h = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += B[a * k + b] * xi[b];
      h += xi[a] * s;
    }
    if (h >= 1 - 1e-12) throw new Error(`${fn}: vcov "HC3" undefined: observation ${i} has leverage 1`);
    const w = (resid[i] * resid[i]) / ((1 - h) * (1 - h));
    if (w === 0) continue;
    for (let a = 0; a < k; a++) {
      const xa = xi[a] * w;
      if (xa === 0) continue;
      for (let b = a; b < k; b++) M[a * k + b] += xa * xi[b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) M[a * k + b] = M[b * k + a];
  return M;
}

/** Integer codes of a label column (first-appearance order) and the number of groups. */
export function groupCodes(labels: ArrayLike<unknown>): { codes: Int32Array; G: number } {
  const map = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const key = String(labels[i]);
    let c = map.get(key);
    if (c === undefined) { c = map.size; map.set(key, c); }
    codes[i] = c;
  }
  return { codes, G: map.size };
}
