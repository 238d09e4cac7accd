/**
 * Wild cluster bootstrap for 2SLS with few clusters (e.g. 31 provinces): the restricted wild bootstrap-t of one
 * coefficient, with the reduced form bootstrapped too (WRE) or the regressors held fixed (WCR).
 */
import { checkOptionNames } from "../core/options";
import { cholesky, cholInverse, cholSolve, crossprod } from "../linalg";
import type { ReportParts } from "../inference/fit";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { makeResult } from "../report/modelSummary";
import type { IvResult } from "./iv";
import { scoreGrouping, smallSampleFactor } from "./ivVariance";

/** Options of {@link wildClusterBootstrap}. */
export interface WildClusterBootstrapOptions {
  /** Cluster column (default: the fit's `{ cluster }` spec). */
  cluster?: string;
  /** Bootstrap draws (default 999). With Rademacher weights and 2^G ≤ draws, all 2^G sign patterns are enumerated instead. */
  draws?: number;
  /** "rademacher" (±1, default) or "webb" (±√(1/2), ±1, ±√(3/2); Webb 2023, Can. J. Econ. 56). */
  weights?: "rademacher" | "webb";
  /** "WRE" (default): both the structural and the reduced-form equations bootstrapped (Davidson & MacKinnon 2010); "WCR": the regressors held fixed. */
  method?: "WRE" | "WCR";
  /** Hypothesized value of the coefficient (default 0). */
  null?: number;
  /** Seed of the weights (lib/random's rule: default 1). */
  seed?: number;
}

/** Result of {@link wildClusterBootstrap}. */
export interface WildClusterBootstrapResult {
  term: string;
  null: number;
  estimate: number;
  /** (β̂ − null) / se, se cluster-robust with the spec's convention. */
  t: number;
  /** Symmetric bootstrap p-value: share of draws with |t*| ≥ |t|. */
  pValue: number;
  /** The bootstrap t statistics, on the scale of `t`. */
  bootstrapT: Float64Array;
  draws: number;
  /** Whether all 2^G Rademacher sign patterns were used (the exact bootstrap distribution). */
  enumerated: boolean;
  clusters: number;
  weights: "rademacher" | "webb";
  method: "WRE" | "WCR";
  seed: number | null;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/**
 * Restricted wild cluster bootstrap-t for one coefficient of a 2SLS fit.
 *
 * Long name: wild restricted efficient (WRE) bootstrap of Davidson & MacKinnon (2010, "Wild bootstrap tests for IV
 * regression", J. Bus. Econ. Stat. 28, 128–144), clustered as Cameron, Gelbach & Miller (2008, "Bootstrap-based
 * improvements for inference with clustered errors", Rev. Econ. Stat. 90, 414–427) and Stata's `boottest`
 * (Roodman, MacKinnon, Nielsen & Webb 2019). Under H0: β_term = null the structural equation is estimated by 2SLS with
 * the coefficient imposed (residuals ũ₁); each endogenous regressor is regressed on the instruments and ũ₁ (π̃,
 * ũ₂ = x − Wπ̃). A draw multiplies ũ₁ and ũ₂ by one weight per cluster, rebuilds x* = Wπ̃ + ũ₂·w and
 * y* = null·x*_term + (other regressors)·γ̃ + ũ₁·w, re-absorbs the fixed effects, re-estimates 2SLS and forms the
 * cluster-robust t*. "WCR" keeps the regressors fixed and bootstraps y only (the restricted wild cluster bootstrap
 * of CGM 2008 applied to the 2SLS t). p = share of |t*| ≥ |t|. With Rademacher weights and 2^G ≤ draws every sign
 * pattern is used once, so the p-value is the exact bootstrap p (no seed involved).
 * @param fit an {@link iv} fit
 * @param term the coefficient tested (endogenous or exogenous)
 * @param options `cluster`, `draws`, `weights`, `method`, `null`, `seed`
 * @throws `wildClusterBootstrap: unknown term "x" (terms: …)`; `wildClusterBootstrap: give options.cluster (the fit's
 *   vcov is not clustered)`; `wildClusterBootstrap: clustered inference needs at least 2 clusters; column "c" has 1`;
 *   bad draws, weights, method
 * @example
 * // plm::Crime, 8 counties, county FE, lprbarr ~ ltaxpc + lmix: all 256 sign patterns, R by hand p = 0.8984375
 * wildClusterBootstrap(iv(crime8, "lcrmrte ~ lprbconv | lprbarr ~ ltaxpc + lmix", { id: "county", time: "year",
 *   vcov: { cluster: "county" } }), "lprbarr").pValue // 0.8984375
 */
export function wildClusterBootstrap(fit: IvResult, term: string, options: WildClusterBootstrapOptions = {}): WildClusterBootstrapResult {
  const fn = "wildClusterBootstrap";
  if (!fit || fit.kind !== "iv" || !fit.design) throw new Error(`${fn}: needs an iv() fit`);
  checkOptionNames(options, ["cluster", "draws", "weights", "method", "null", "seed"], fn);
  const names = fit.coefficientNames;
  const j = names.indexOf(term);
  if (j < 0) throw new Error(`${fn}: unknown term ${JSON.stringify(term)} (terms: ${names.join(", ")})`);
  const spec = fit.vcovSpec;
  const column = options.cluster ?? (typeof spec === "object" && spec !== null && "cluster" in spec && typeof spec.cluster === "string" ? spec.cluster : undefined);
  if (column === undefined) throw new Error(`${fn}: give options.cluster (the fit's vcov is not clustered by one column)`);
  const draws = options.draws ?? 999;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`${fn}: draws must be a positive integer (got ${draws})`);
  const weights = options.weights ?? "rademacher";
  if (weights !== "rademacher" && weights !== "webb") throw new Error(`${fn}: weights must be "rademacher" or "webb" (got ${JSON.stringify(weights)})`);
  const method = options.method ?? "WRE";
  if (method !== "WRE" && method !== "WCR") throw new Error(`${fn}: method must be "WRE" or "WCR" (got ${JSON.stringify(method)})`);
  const beta0 = options.null ?? 0;
  if (typeof beta0 !== "number" || !Number.isFinite(beta0)) throw new Error(`${fn}: null must be a finite number (got ${String(beta0)})`);
  const d = fit.design;
  const grouping = scoreGrouping(d, { cluster: column }, fn);
  if (grouping.kind !== "cluster") throw new Error(`${fn}: internal: not a cluster grouping`);
  const { codes, G } = grouping;
  const { n, kx, ke, kz } = d;
  const k = kx + ke, kw = kx + kz;
  const W = new Float64Array(n * kw);
  W.set(d.exogenous, 0); W.set(d.instruments, kx * n);
  const LW = cholesky(crossprod(W, n, kw), kw, fn);
  const project = (x: Float64Array): Float64Array => {
    const pi = cholSolve(LW, Array.from({ length: kw }, (_, a) => { let s = 0; for (let i = 0; i < n; i++) s += W[a * n + i] * x[i]; return s; }), kw);
    const out = new Float64Array(n);
    for (let a = 0; a < kw; a++) { const p = pi[a]; for (let i = 0; i < n; i++) out[i] += W[a * n + i] * p; }
    return out;
  };
  const col = (M: Float64Array, c: number) => M.subarray(c * n, c * n + n);
  const exoCols = Array.from({ length: kx }, (_, c) => col(d.exogenous, c));
  const endCols = Array.from({ length: ke }, (_, e) => col(d.endogenous, e));
  // 2SLS t statistic of column j (raw cluster sandwich, no small-sample factor) for given y and endogenous columns
  const tStat = (y: Float64Array, endo: Float64Array[], endoHat: Float64Array[]): number => {
    const X = [...exoCols, ...endo], Xh = [...exoCols, ...endoHat];
    const XhM = new Float64Array(n * k);
    Xh.forEach((c, a) => XhM.set(c, a * n));
    const B = cholInverse(cholesky(crossprod(XhM, n, k), k, fn), k);
    const xy = Xh.map((c) => { let s = 0; for (let i = 0; i < n; i++) s += c[i] * y[i]; return s; });
    const b = Array.from({ length: k }, (_, a) => { let s = 0; for (let c = 0; c < k; c++) s += B[a * k + c] * xy[c]; return s; });
    const u = Float64Array.from(y);
    X.forEach((c, a) => { const ba = b[a]; for (let i = 0; i < n; i++) u[i] -= c[i] * ba; });
    // influence of β_j: (B_j· x̂_i) u_i, summed by cluster
    const h = new Float64Array(n);
    Xh.forEach((c, a) => { const w = B[j * k + a]; for (let i = 0; i < n; i++) h[i] += w * c[i]; });
    const s = new Float64Array(G);
    for (let i = 0; i < n; i++) s[codes[i]] += h[i] * u[i];
    let v = 0;
    for (let g = 0; g < G; g++) v += s[g] * s[g];
    return (b[j] - beta0) / Math.sqrt(v);
  };
  const endHat = endCols.map(project);
  const tRaw = tStat(d.y, endCols, endHat);
  if (!Number.isFinite(tRaw)) throw new Error(`${fn}: the t statistic of ${JSON.stringify(term)} is undefined (zero cluster-robust variance: the residuals vanish or one cluster carries all the variation)`);
  const XhFull = new Float64Array(n * k);
  [...exoCols, ...endHat].forEach((c, a) => XhFull.set(c, a * n));
  const factor = smallSampleFactor(d, XhFull, k, d.y, { cluster: column }, grouping, fn);
  const scale = 1 / Math.sqrt(factor);

  // restricted structural estimate: y − null·x_j on the other regressors by 2SLS
  const all = [...exoCols, ...endCols];
  const xj = all[j];
  const others = all.filter((_, a) => a !== j);
  const othersHat = [...exoCols, ...endHat].filter((_, a) => a !== j);
  const yr = Float64Array.from(d.y, (v, i) => v - beta0 * xj[i]);
  const kr = k - 1;
  let gamma: number[] = [];
  const u1 = Float64Array.from(yr);
  if (kr > 0) {
    const XhR = new Float64Array(n * kr);
    othersHat.forEach((c, a) => XhR.set(c, a * n));
    const LR = cholesky(crossprod(XhR, n, kr), kr, fn);
    gamma = Array.from(cholSolve(LR, othersHat.map((c) => { let s = 0; for (let i = 0; i < n; i++) s += c[i] * yr[i]; return s; }), kr));
    others.forEach((c, a) => { const g = gamma[a]; for (let i = 0; i < n; i++) u1[i] -= c[i] * g; });
  }
  // WRE: reduced forms x_e = Wπ + δ ũ₁ + error, ũ₂ = x_e − Wπ̃
  const fitted = new Array<Float64Array>(ke), u2 = new Array<Float64Array>(ke);
  if (method === "WRE") {
    const Wu = new Float64Array(n * (kw + 1));
    Wu.set(W, 0); Wu.set(u1, kw * n);
    // ũ₁ in the span of the instruments (e.g. zero) adds nothing to the reduced form: then π̃ is the first stage
    let kr1 = kw + 1;
    let Lu: Float64Array;
    try { Lu = cholesky(crossprod(Wu, n, kw + 1), kw + 1, fn); } catch { kr1 = kw; Lu = LW; }
    for (let e = 0; e < ke; e++) {
      const x = endCols[e];
      const coef = cholSolve(Lu, Array.from({ length: kr1 }, (_, a) => { let s = 0; for (let i = 0; i < n; i++) s += Wu[a * n + i] * x[i]; return s; }), kr1);
      const f = new Float64Array(n);
      for (let a = 0; a < kw; a++) { const c = coef[a]; for (let i = 0; i < n; i++) f[i] += W[a * n + i] * c; }
      fitted[e] = f;
      u2[e] = Float64Array.from(x, (v, i) => v - f[i]);
    }
  }
  const enumerate = weights === "rademacher" && G <= 30 && 2 ** G <= draws;
  const B = enumerate ? 2 ** G : draws;
  const seed = enumerate ? null : resolveSeed(options.seed, fn);
  const g = seed === null ? null : rng(seed);
  const w = new Float64Array(G);
  const tStar = new Float64Array(B);
  const ys = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    if (enumerate) for (let c = 0; c < G; c++) w[c] = (b >>> c) & 1 ? 1 : -1;
    else if (weights === "rademacher") for (let c = 0; c < G; c++) w[c] = (g as NonNullable<typeof g>).next() < 0.5 ? -1 : 1;
    else for (let c = 0; c < G; c++) w[c] = WEBB[(g as NonNullable<typeof g>).below(6)];
    let endoStar = endCols;
    if (method === "WRE") endoStar = endCols.map((_, e) => d.absorb(Float64Array.from(fitted[e], (v, i) => v + u2[e][i] * w[codes[i]])));
    const allStar = [...exoCols, ...endoStar];
    const othersStar = allStar.filter((_, a) => a !== j);
    const xjStar = allStar[j];
    for (let i = 0; i < n; i++) ys[i] = beta0 * xjStar[i] + u1[i] * w[codes[i]];
    othersStar.forEach((c, a) => { const gm = gamma[a]; for (let i = 0; i < n; i++) ys[i] += c[i] * gm; });
    const yStar = d.absorb(ys);
    tStar[b] = tStat(yStar, endoStar, method === "WRE" ? endoStar.map(project) : endHat) * scale;
  }
  const t = tRaw * scale;
  let hits = 0;
  for (let b = 0; b < B; b++) if (Math.abs(tStar[b]) >= Math.abs(t) * (1 - 1e-10)) hits++;
  const pValue = hits / B;
  const estimate = fit.estimates[j];
  const notes = [
    `H0: ${term} = ${beta0}; ${method === "WRE" ? "wild restricted efficient bootstrap (Davidson & MacKinnon 2010): structural and reduced-form residuals share each cluster's weight" : "restricted wild cluster bootstrap with the regressors held fixed (y* only)"}; symmetric p-value.`,
    enumerate ? `All 2^${G} = ${B} Rademacher sign patterns enumerated: the exact bootstrap distribution (no seed).` : `${B} draws of ${weights} weights, seed ${seed}.`,
  ];
  if (weights === "rademacher" && G <= 11) notes.push(`With ${G} clusters Rademacher weights give at most 2^${G} = ${2 ** G} distinct bootstrap samples; Webb weights resolve the p-value more finely.`);
  return makeResult<WildClusterBootstrapResult>({
    term, null: beta0, estimate, t, pValue, bootstrapT: tStar, draws: B, enumerated: enumerate, clusters: G, weights, method, seed,
    report: {
      title: `Wild cluster bootstrap-t (${method}) for ${term}`,
      header: [["Coefficient", term], ["Estimate", estimate], ["Clusters", `${column} (${G})`], ["Weights", weights], ["Draws", B]],
      statistics: [["t (cluster-robust)", t], ["bootstrap p-value (symmetric)", pValue]],
      tests: [],
      notes,
    },
  });
}

