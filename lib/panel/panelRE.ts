/**
 * Random-effects (error-components) panel model by feasible GLS with the Swamy–Arora
 * variance components, as plm's `plm(model = "random", random.method = "swar")`.
 */
import type { CoefficientRow, DataInput, ModelResult } from "../core/types";
import { rawColumn } from "../core/data";
import { modelMatrix } from "../formula";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve, checkFullRank, inverseSPD } from "../linalg";
import { panelIndex } from "./panelIndex";
import { withinTransform } from "./withinTransform";
import type { PanelVcovSpec } from "./panelVcov";
import { panelVcov } from "./panelFE";
import { tTwoSided } from "./distributions";
import { panelSummaryText, panelSummaryHTML } from "./panelFormat";

/** Options of {@link panelRE}. */
export interface PanelREOptions {
  entity: string;
  time: string;
  /** "classical" (default), "robust", `{ cluster: column, convention }` or `{ driscollKraay: lag }` on the GLS-transformed data. */
  vcov?: PanelVcovSpec;
}

/** Result of {@link panelRE}. */
export interface PanelREResult extends ModelResult {
  /** Idiosyncratic variance σ²_ν (from the within regression). */
  sigma2Idiosyncratic: number;
  /** Individual-effect variance σ²_μ (from the between regression; 0 if its estimate was negative). */
  sigma2Entity: number;
  /** Quasi-demeaning weight θ_i = 1 − √(σ²_ν / (σ²_ν + T_i σ²_μ)), per entity in `entityLevels` order. */
  theta: number[];
  entities: number;
  periods: number;
  entityLevels: string[];
  dfResidual: number;
  /** Degrees of freedom of the t tests. */
  dfTest: number;
  vcov: number[][];
  residuals: Float64Array;
  index: { entity: string; time: string };
}

/**
 * Fit a one-way (entity) random-effects model by feasible GLS (Swamy & Arora 1972,
 * Econometrica 40, 311–323; for unbalanced panels the quadratic-form estimator of Baltagi &
 * Chang 1994, J. Econometrics 62, 67–89, as plm implements it).
 *
 * σ²_ν = RSS_within / (n − N − K_w) (K_w slopes that vary within entities); σ²_μ from the
 * between regression on the entity means repeated over each entity's rows: (RSS_B − (N − K − 1)σ²_ν)
 * / (n − tr[(Z̄'Z̄)⁻¹ Z_S'Z]); then OLS of y − θ_i ȳ_i on X − θ_i X̄_i. Time-invariant regressors
 * are allowed. A negative σ²_μ estimate is set to 0 (θ = 0: pooled OLS), said in the summary.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"` (must keep the intercept)
 * @param options `entity`, `time`, `vcov`
 * @throws formula without intercept; duplicate rows; missing values; fewer entities than K + 2
 * @example
 * // plm::Grunfeld inv ~ value + capital (R plm 2.6-2 random: value 0.109781152232484)
 * panelRE(grunfeld, "inv ~ value + capital", { entity: "firm", time: "year" }).coefficients[1].estimate // 0.10978115223248...
 */
export function panelRE(data: DataInput, formula: string, options: PanelREOptions): PanelREResult {
  const fn = "panelRE";
  if (!options || typeof options.entity !== "string" || typeof options.time !== "string") {
    throw new Error(`${fn}: options { entity, time } are required (the entity and period column names)`);
  }
  const ix = panelIndex(rawColumn(data, options.entity, fn), rawColumn(data, options.time, fn), options, fn);
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  const mm = modelMatrix(data, formula, { fn });
  if (!mm.intercept || mm.columnNames[0] !== "(Intercept)") throw new Error(`${fn}: the random-effects model needs an intercept; remove "- 1" from the formula`);
  const n = mm.n, p = mm.k, K = p - 1;
  if (N < K + 2) throw new Error(`${fn}: ${N} entities are too few for the between regression with ${K} regressors (need at least ${K + 2})`);
  checkFullRank(mm.X, n, p, mm.columnNames, fn);
  const cnt = ix.countsByEntity;

  // within regression on the slopes that vary within entities
  const wt = withinTransform(ix, "entity");
  const yw = wt.apply(mm.y);
  const cols: Float64Array[] = [];
  for (let c = 1; c < p; c++) {
    const col = mm.X.subarray(c * n, c * n + n);
    const d = wt.apply(col);
    let m = 0; for (let i = 0; i < n; i++) m += col[i]; m /= n;
    let ss = 0, sd = 0; for (let i = 0; i < n; i++) { ss += (col[i] - m) ** 2; sd += d[i] * d[i]; }
    if (sd > 1e-20 * Math.max(ss, 1e-300) && sd > 1e-300) cols.push(d);
  }
  const Kw = cols.length;
  let rssW = 0;
  if (Kw > 0) {
    const Xw = new Float64Array(n * Kw);
    cols.forEach((c, j) => Xw.set(c, j * n));
    const bw = solveLS(Xw, yw, n, Kw, fn);
    for (let i = 0; i < n; i++) { let f = 0; for (let c = 0; c < Kw; c++) f += Xw[c * n + i] * bw[c]; rssW += (yw[i] - f) ** 2; }
  } else {
    for (let i = 0; i < n; i++) rssW += yw[i] * yw[i];
  }
  if (n - N - Kw <= 0) {
    throw new Error(`${fn}: no within-entity degrees of freedom (n = ${n}, ${N} entities${T === 1 ? `, one period ("${ix.timeLevels[0]}")` : ""}); the idiosyncratic variance cannot be estimated`);
  }
  const sigmaNu = rssW / (n - N - Kw);

  // between regression on the n rows (entity means repeated)
  const means = (v: Float64Array) => {
    const s = new Float64Array(N);
    for (let i = 0; i < n; i++) s[ix.entity[i]] += v[i];
    for (let g = 0; g < N; g++) s[g] /= cnt[g];
    return s;
  };
  const ybar = means(mm.y);
  const Xbar: Float64Array[] = [];
  for (let c = 0; c < p; c++) Xbar.push(means(mm.X.subarray(c * n, c * n + n)));
  const ZB = new Float64Array(n * p);
  const yB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    yB[i] = ybar[ix.entity[i]];
    for (let c = 0; c < p; c++) ZB[c * n + i] = Xbar[c][ix.entity[i]];
  }
  const bB = solveLS(ZB, yB, n, p, fn);
  let rssB = 0;
  for (let i = 0; i < n; i++) { let f = 0; for (let c = 0; c < p; c++) f += ZB[c * n + i] * bB[c]; rssB += (yB[i] - f) ** 2; }
  // tr[(ZB'ZB)^{-1} Σ_i S_i S_i'], S_i = T_i · Z̄_i
  const ZBZB = crossprod(ZB, n, p);
  const SS = new Float64Array(p * p);
  for (let g = 0; g < N; g++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) SS[a * p + b] += cnt[g] * cnt[g] * Xbar[a][g] * Xbar[b][g];
  const inv = inverseSPD(ZBZB, p, fn);
  let tr = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) tr += inv[a * p + b] * SS[b * p + a];
  const mIdNu = N - K - 1;
  const mIdEta = n - tr;
  let sigmaMu = (rssB - mIdNu * sigmaNu) / mIdEta;
  const negative = sigmaMu < 0;
  if (negative) sigmaMu = 0;
  const theta = Array.from(cnt, (Ti) => 1 - Math.sqrt(sigmaNu / (sigmaNu + Ti * sigmaMu)));

  // GLS by quasi-demeaning
  const ys = new Float64Array(n);
  const Xs = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const g = ix.entity[i], th = theta[g];
    ys[i] = mm.y[i] - th * ybar[g];
    for (let c = 0; c < p; c++) Xs[c * n + i] = mm.X[c * n + i] - th * Xbar[c][g];
  }
  const L = cholesky(crossprod(Xs, n, p), p, fn);
  const beta = cholSolve(L, crossprodXy(Xs, ys, n, p), p);
  const bread = cholInverse(L, p);
  const resid = new Float64Array(n);
  const fitted = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let c = 0; c < p; c++) f += Xs[c * n + i] * beta[c];
    fitted[i] = f;
    resid[i] = ys[i] - f;
    rss += resid[i] * resid[i];
  }
  // R² as plm's summary reports it: squared correlation of the transformed response and fitted values
  const r2 = squaredCorrelation(ys, fitted);
  const dfResidual = n - p;
  const sigma2 = rss / dfResidual;
  const v = panelVcov(options.vcov ?? "classical", { X: Xs, resid, bread, n, k: p }, {
    data, ix, effects: "none", absorbed: 0, dfResidual, sigma2, fn,
  });
  const coefficients: CoefficientRow[] = mm.columnNames.map((term, c) => {
    const se = Math.sqrt(v.vcov[c * p + c]);
    const t = beta[c] / se;
    return { term, estimate: beta[c], stdError: se, statistic: t, pValue: tTwoSided(t, v.dfTest) };
  });
  const thetaMin = Math.min(...theta), thetaMax = Math.max(...theta);
  const parts = (): [[string, string][], [string, number][], string[]] => [[
    ["Panel", `${N} entities (${options.entity}), ${T} periods (${options.time}), ${ix.balanced ? "balanced" : "unbalanced"}, n = ${n}`],
    ["Variance components", `idiosyncratic ${sigmaNu.toPrecision(6)}, entity ${sigmaMu.toPrecision(6)}${negative ? " (negative estimate set to 0: pooled OLS)" : ""}`],
    ["theta", thetaMin === thetaMax ? thetaMin.toPrecision(6) : `${thetaMin.toPrecision(6)} to ${thetaMax.toPrecision(6)}`],
    ["Standard errors", v.label],
  ], [["R²", r2], ["sigma²", sigma2]], []];
  const result: PanelREResult = {
    method: "Panel random effects (Swamy–Arora), entity effects",
    dependent: mm.responseName,
    formula,
    coefficients,
    n, k: p,
    vcovType: v.label,
    statisticName: "t",
    fit: { r2, sigma2, sigma2Idiosyncratic: sigmaNu, sigma2Entity: sigmaMu },
    fixedEffects: { entity: null, time: null },
    sigma2Idiosyncratic: sigmaNu,
    sigma2Entity: sigmaMu,
    theta,
    entities: N, periods: T, entityLevels: ix.entityLevels,
    dfResidual,
    dfTest: v.dfTest,
    vcov: Array.from({ length: p }, (_, i) => Array.from(v.vcov.subarray(i * p, i * p + p))),
    residuals: resid,
    index: { entity: options.entity, time: options.time },
    summary: () => panelSummaryText(result, ...parts()),
    toHTML: () => panelSummaryHTML(result, ...parts()),
  };
  return result;
}

function solveLS(X: Float64Array, y: Float64Array, n: number, k: number, fn: string): Float64Array {
  return cholSolve(cholesky(crossprod(X, n, k), k, fn), crossprodXy(X, y, n, k), k);
}

function squaredCorrelation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const da = a[i] - ma, db = b[i] - mb; sab += da * db; saa += da * da; sbb += db * db; }
  return (sab * sab) / (saa * sbb);
}
