/**
 * Variance estimators for least-squares coefficients: classical, heteroskedasticity-consistent
 * (White 1980 HC0; HC1 with n/(n−k); HC3 of MacKinnon & White 1985) and cluster-robust
 * (Liang & Zeger 1986; small-sample factor G/(G−1)·(n−1)/(n−k) as Stata and R sandwich::vcovCL type "HC1").
 * Conventions follow R sandwich (Zeileis 2004, 2006; Zeileis, Köll & Graham 2020).
 */

/** Variance specification: a named type or clustering by a column. */
export type VcovSpec = "classical" | "HC0" | "HC1" | "HC3" | { cluster: string };

/** Inputs of {@link sandwichVcov}. */
export interface SandwichInput {
  /** Column-major n × k design. */
  X: Float64Array;
  residuals: Float64Array;
  /** (X'X)^{-1}, k × k. */
  xtxInverse: Float64Array;
  n: number;
  k: number;
}

/** Human-readable name of a variance specification. @example vcovLabel({ cluster: "state" }) // "cluster(state), HC1 small-sample (G/(G-1)·(n-1)/(n-k))" */
export function vcovLabel(spec: VcovSpec): string {
  if (typeof spec === "object") return `cluster(${spec.cluster}), HC1 small-sample (G/(G-1)·(n-1)/(n-k))`;
  return spec;
}

/** Bread (X'X)^{-1} · meat · (X'X)^{-1}. */
function sandwichProduct(bread: Float64Array, meat: Float64Array, k: number, scale: number): Float64Array {
  const tmp = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += bread[i * k + l] * meat[l * k + j];
    tmp[i * k + j] = s;
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += tmp[i * k + l] * bread[l * k + j];
    out[i * k + j] = s * scale;
  }
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) {
    const v = 0.5 * (out[i * k + j] + out[j * k + i]);
    out[i * k + j] = v; out[j * k + i] = v;
  }
  return out;
}

/**
 * Coefficient covariance matrix of a least-squares fit.
 *
 * Long name: sandwich variance estimator (classical, HC0, HC1, HC3, cluster-robust).
 * @param input design, residuals and (X'X)^{-1}
 * @param spec "classical" | "HC0" | "HC1" | "HC3" | { cluster } (then `clusters` gives each row's group)
 * @param clusters group label per row, required for a cluster spec
 * @param fn caller name for errors
 * @throws `fn: vcov "HC3" undefined: observation 4 has leverage 1`; `fn: clustered errors need at least 2 clusters`;
 *   `fn: unknown vcov "HC9" (use "classical", "HC0", "HC1", "HC3" or { cluster: "column" })`
 * @example sandwichVcov({ X, residuals, xtxInverse, n, k }, "HC1") // k × k Float64Array
 */
export function sandwichVcov(input: SandwichInput, spec: VcovSpec, clusters?: ArrayLike<unknown>, fn = "vcov"): Float64Array {
  const { X, residuals: e, xtxInverse: B, n, k } = input;
  if (spec === "classical") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += e[i] * e[i];
    const s2 = rss / (n - k);
    return B.map((v) => v * s2);
  }
  const meat = new Float64Array(k * k);
  if (typeof spec === "object" && spec !== null && typeof spec.cluster === "string") {
    if (!clusters || clusters.length !== n) throw new Error(`${fn}: clustered errors need the cluster column "${spec.cluster}" for all ${n} rows`);
    const groups = new Map<string, Float64Array>();
    for (let i = 0; i < n; i++) {
      const key = String(clusters[i]);
      let g = groups.get(key);
      if (!g) { g = new Float64Array(k); groups.set(key, g); }
      for (let j = 0; j < k; j++) g[j] += X[j * n + i] * e[i];
    }
    const G = groups.size;
    if (G < 2) throw new Error(`${fn}: clustered errors need at least 2 clusters; column "${spec.cluster}" has ${G}`);
    for (const g of groups.values()) {
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += g[a] * g[b];
    }
    return sandwichProduct(B, meat, k, (G / (G - 1)) * ((n - 1) / (n - k)));
  }
  let weightFn: (i: number) => number;
  if (spec === "HC0" || spec === "HC1") {
    weightFn = (i) => e[i] * e[i];
  } else if (spec === "HC3") {
    const xi = new Float64Array(k);
    weightFn = (i) => {
      for (let j = 0; j < k; j++) xi[j] = X[j * n + i];
      let h = 0;
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let b = 0; b < k; b++) s += B[a * k + b] * xi[b];
        h += xi[a] * s;
      }
      if (h >= 1 - 1e-12) throw new Error(`${fn}: vcov "HC3" undefined: observation ${i} has leverage 1`);
      return (e[i] * e[i]) / ((1 - h) * (1 - h));
    };
  } else {
    throw new Error(`${fn}: unknown vcov ${JSON.stringify(spec)} (use "classical", "HC0", "HC1", "HC3" or { cluster: "column" })`);
  }
  for (let i = 0; i < n; i++) {
    const w = weightFn(i);
    if (w === 0) continue;
    for (let a = 0; a < k; a++) {
      const xa = X[a * n + i] * w;
      if (xa === 0) continue;
      for (let b = a; b < k; b++) meat[a * k + b] += xa * X[b * n + i];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) meat[a * k + b] = meat[b * k + a];
  return sandwichProduct(B, meat, k, spec === "HC1" ? n / (n - k) : 1);
}
