/**
 * Hansen's (1999) fixed-effects panel threshold regression (门槛效应): regime-dependent slopes split by a threshold
 * variable, thresholds by least squares on a grid, sequential threshold tests with bootstrap p-values, likelihood-ratio
 * confidence sets — on balanced and unbalanced panels.
 */
import type { DataInput } from "../core/types";
import { columnNames, numericColumn, rawColumn } from "../core/data";
import { checkOptionNames } from "../core/options";
import { cholesky, cholSolve, qrDecompose, qrQty, qrCoef } from "../linalg";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import type { VcovSpec } from "../inference/vcovSpec";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { panelDesign } from "./panelDesign";
import { panelFE, type PanelFEResult } from "./panelFE";
import { panelIndex } from "./panelIndex";
import { withinTransform } from "./withinTransform";

/** Options of {@link panelThreshold}. */
export interface PanelThresholdOptions {
  /** Unit column. */
  id: string;
  /** Period column. */
  time: string;
  /** Threshold variable q (column). */
  threshold: string;
  /** Regressor(s) whose slope changes across regimes (columns); the formula's terms are the regime-independent controls. */
  regime: string | string[];
  /** Number of thresholds, 1 to 3 (default 1). */
  thresholds?: number;
  /**
   * Trimming share, one number for every threshold or one per threshold (as Stata `xthreg`'s `trim(0.01 0.01 0.05)` and
   * Hansen's `_trim_1`…`_trim_3`; default 0.05). The first sets the range of the candidate grid; the m-th is the
   * minimum share of observations in each regime when the m-th threshold is searched (`gridMethod: "hansen"`: the
   * number of grid points, `grid` × trim, excluded on each side of an already estimated threshold).
   */
  trim?: number | number[];
  /**
   * Grid size: at most this many candidates (default 300, as xthreg); Hansen (1999) uses 400 quantiles. An array gives
   * the candidates themselves (sorted and deduplicated; `gridMethod` and the first trim's range do not apply).
   */
  grid?: number | number[];
  /**
   * How the candidates are chosen. `"observations"` (default): the distinct values of q between its trim and 1 − trim
   * sample quantiles, thinned to `grid` evenly spaced ones. `"hansen"`: Hansen's THRESH_P.PRG, the distinct values u_1 <
   * … < u_K of q at positions ⌊(trim + j/grid)·K⌋, j = 0 … grid·(1 − 2·trim); later thresholds skip the grid·trim_m
   * candidates on each side of an estimated one instead of a regime-size rule.
   */
  gridMethod?: "observations" | "hansen";
  /** Regime 1 is q < γ (as Hansen's GAUSS code and xthreg) instead of q ≤ γ (Hansen 1999, eq. 1; default false). */
  strict?: boolean;
  /**
   * Least squares on the within-demeaned data with each unit's last period deleted, as Hansen (1999, §2: "with one time
   * period deleted") and his code do (default false: all demeaned rows, as xthreg and plm). The candidate search, the
   * tests, the confidence sets and `leastSquares` follow it; `fit` is always the ordinary within regression.
   */
  deleteLastPeriod?: boolean;
  /** Bootstrap replications for each threshold test (default 300; 0 for none). */
  bootstrap?: number;
  /**
   * Re-estimate the earlier thresholds in each bootstrap replication, one at a time, as Hansen's THRESH_P.PRG does
   * (default false: they are held at their estimates, the null model's thresholds).
   */
  reestimate?: boolean;
  /** Seed of the bootstrap (lib/random's seed rule: default 1). */
  seed?: number;
  /** Confidence level of the LR confidence sets (default 0.95). */
  level?: number;
  /** Variance of the final regression's coefficients (default clustered by `id`, Stata convention). */
  vcov?: VcovSpec;
}

/** One sequential threshold test: H0 m − 1 thresholds vs H1 m thresholds. */
export interface ThresholdTest {
  thresholds: number;
  /** F_m = (S_{m−1} − S_m) / σ̂²_m, σ̂²_m = S_m / (n − N). */
  statistic: number;
  pValue: number | null;
  /** Bootstrap critical values at 10%, 5%, 1% (null without bootstrap). */
  critical: { p10: number; p5: number; p1: number } | null;
  /** Residual sum of squares with m thresholds (before the refinement of the double-threshold model, as Hansen's F_2). */
  rss: number;
}

/** Result of {@link panelThreshold}. */
export interface PanelThresholdResult {
  /** Estimated thresholds, ascending. */
  gamma: number[];
  /** LR confidence set of each threshold at `level`: [lower, upper] of {γ: LR(γ) ≤ −2 ln(1 − √level)} (Hansen 2000). */
  confidence: [number, number][];
  level: number;
  tests: ThresholdTest[];
  /** The fit with unit fixed effects (Hansen 1999: one-way, as the search) and the regime columns (`x_r1`, `x_r2`, …), under `vcov`; for year effects put `factor(year)` in the formula. */
  fit: PanelFEResult;
  /**
   * The least-squares regression of the search at the final thresholds (with `deleteLastPeriod`, Hansen's): controls then
   * regime columns; `se` from σ² = rss / (rows − N − k) and `seWhite` the heteroskedasticity-consistent HC0 errors, as
   * Hansen's Table 5 and THRESH_P.PRG print them. Without `deleteLastPeriod` the estimates equal `fit`'s.
   */
  leastSquares: { names: string[]; estimate: number[]; se: number[]; seWhite: number[]; rss: number; rows: number };
  /** The LR curve of the last threshold searched: candidate γ and LR(γ). */
  lrCurve: { gamma: number[]; lr: number[] };
  /** Number of candidate thresholds of the first search. */
  candidates: number;
  bootstrap: number;
  seed: number | null;
  n: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** Within-demeaned pieces, exact least squares at given thresholds, and a fast sweep over candidates. */
function setup(data: DataInput, formula: string, o: PanelThresholdOptions, fn: string) {
  const ix = panelIndex(rawColumn(data, o.id, fn), rawColumn(data, o.time, fn), { entity: o.id, time: o.time }, fn);
  const wt = withinTransform(ix, "entity");
  const n = ix.n;
  const N = ix.entityLevels.length;
  const controls = formula.split("~")[1]?.trim() === "1" ? null : panelDesign(data, formula, fn);
  const y = controls ? controls.y : numericColumn(data, formula.split("~")[0].trim(), fn);
  const q = numericColumn(data, o.threshold, fn);
  const regimeCols = Array.isArray(o.regime) ? o.regime : [o.regime];
  const xs = regimeCols.map((c) => numericColumn(data, c, fn));
  const kc = controls ? controls.k : 0;
  const kr = xs.length;
  const Z: Float64Array[] = [];
  for (let c = 0; c < kc; c++) Z.push(wt.apply(controls!.X.subarray(c * n, c * n + n)));
  const yd = wt.apply(y);
  const strict = o.strict === true;
  const below = (v: number, g: number) => (strict ? v < g : v <= g);
  const unit = ix.entity;
  const T = ix.countsByEntity;
  // each unit's last period (largest time code) and the rows kept by the least squares
  const last = new Int32Array(N).fill(-1);
  for (let i = 0; i < n; i++) { const u = unit[i]; if (last[u] < 0 || ix.time[i] > ix.time[last[u]]) last[u] = i; }
  const del = o.deleteLastPeriod === true;
  const keep = new Uint8Array(n).fill(1);
  if (del) for (let u = 0; u < N; u++) keep[last[u]] = 0;
  const rows = del ? n - N : n;
  const keptIdx = Int32Array.from({ length: n }, (_, i) => i).filter((i) => keep[i] === 1);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => q[a] - q[b]);
  const sortedQ = Float64Array.from(order, (i) => q[i]);
  /** Number of observations with q below γ (under the `strict` rule). */
  const countBelow = (g: number) => {
    let lo = 0, hi = n;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (below(sortedQ[mid], g)) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const regimeNames = (m: number) => regimeCols.flatMap((rc) => Array.from({ length: m + 1 }, (_, s) => `${rc}_r${s + 1}`));
  /** Demeaned regime columns x_r·1(regime s) for sorted thresholds g. */
  const regimeColumns = (g: number[]) => {
    const out: Float64Array[] = [];
    const col = new Float64Array(n);
    for (const x of xs) for (let s = 0; s <= g.length; s++) {
      for (let i = 0; i < n; i++) {
        const inLow = s === 0 || !below(q[i], g[s - 1]);
        const inHigh = s === g.length || below(q[i], g[s]);
        col[i] = inLow && inHigh ? x[i] : 0;
      }
      out.push(wt.apply(col));
    }
    return out;
  };

  /** Exact least squares (Householder QR on the kept rows) at thresholds g: rss, coefficients, residuals (0 on deleted rows). */
  const exact = (gammas: number[], yy: Float64Array = yd, withSe = false) => {
    const g = [...gammas].sort((a, b) => a - b);
    const cols = [...Z, ...regimeColumns(g)];
    const k = cols.length;
    const X = new Float64Array(rows * k);
    for (let c = 0; c < k; c++) for (let r = 0; r < rows; r++) X[c * rows + r] = cols[c][keptIdx[r]];
    const yk = Float64Array.from(keptIdx, (i) => yy[i]);
    const qr = qrDecompose(X, rows, k);
    if (qr.rank < k) throw new Error(`${fn}: the regressors are collinear with thresholds [${g.join(", ")}] (rank ${qr.rank} of ${k}); is a regime empty or a regime variable constant within units?`);
    const qty = qrQty(qr, yk);
    let rss = 0;
    for (let r = k; r < rows; r++) rss += qty[r] * qty[r];
    const b = qrCoef(qr, yk);
    const resid = new Float64Array(n);
    const ek = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let f = 0;
      for (let c = 0; c < k; c++) f += X[c * rows + r] * b[c];
      ek[r] = yk[r] - f;
      resid[keptIdx[r]] = ek[r];
    }
    let se: number[] = [], seWhite: number[] = [];
    if (withSe) {
      // (X'X)^{-1} = P R^{-1} R^{-T} P' from the pivoted QR
      const { R, pivot } = qr;
      const Ri = new Float64Array(k * k); // upper-triangular inverse, row-major
      for (let j = 0; j < k; j++) {
        Ri[j * k + j] = 1 / R[j * k + j];
        for (let i = j - 1; i >= 0; i--) {
          let s = 0;
          for (let l = i + 1; l <= j; l++) s += R[i * k + l] * Ri[l * k + j];
          Ri[i * k + j] = -s / R[i * k + i];
        }
      }
      const sigma2 = rss / (rows - N - k);
      const seP = new Float64Array(k), whiteP = new Float64Array(k);
      // row j of R^{-1} gives the j-th pivoted coefficient's sensitivity to Q'y; HC0 needs X R^{-1}
      const XRi = new Float64Array(rows * k);
      for (let c = 0; c < k; c++) for (let j = 0; j < k; j++) {
        const v = Ri[j * k + c];
        if (v !== 0) { const col = pivot[j]; for (let r = 0; r < rows; r++) XRi[c * rows + r] += X[col * rows + r] * v; }
      }
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let l = j; l < k; l++) s += Ri[j * k + l] * Ri[j * k + l];
        seP[j] = Math.sqrt(s * sigma2);
        // HC0: e_j' R^{-1} (Q1' diag(e²) Q1) R^{-T} e_j with Q1 = X R^{-1}
        let w = 0;
        for (let r = 0; r < rows; r++) {
          let t = 0;
          for (let c = 0; c < k; c++) t += Ri[j * k + c] * XRi[c * rows + r];
          w += t * t * ek[r] * ek[r];
        }
        whiteP[j] = Math.sqrt(w);
      }
      se = new Array(k); seWhite = new Array(k);
      for (let j = 0; j < k; j++) { se[pivot[j]] = seP[j]; seWhite[pivot[j]] = whiteP[j]; }
    }
    return { rss, coef: Array.from(b), resid, se, seWhite, names: [...(controls ? controls.names : []), ...regimeNames(g.length)] };
  };

  /**
   * Candidate sweep with `fixed` thresholds held: the residual sum of squares at each candidate γ (ascending), by
   * Frisch–Waugh on the fixed columns and cumulative cross-products over the observations sorted by q (O(n + G·k³)).
   */
  const sweeper = (fixed: number[]) => {
    const F: Float64Array[] = [...Z];
    for (const x of xs) F.push(wt.apply(x));
    const tmp = new Float64Array(n);
    for (const g of fixed) for (const x of xs) {
      for (let i = 0; i < n; i++) tmp[i] = below(q[i], g) ? x[i] : 0;
      F.push(wt.apply(tmp));
    }
    const nf = F.length;
    const G = new Float64Array(nf * nf);
    for (let a = 0; a < nf; a++) for (let b = a; b < nf; b++) {
      let s = 0;
      const fa = F[a], fb = F[b];
      for (let i = 0; i < n; i++) if (keep[i]) s += fa[i] * fb[i];
      G[a * nf + b] = s; G[b * nf + a] = s;
    }
    // Jacobi-scaled Cholesky of F'PF
    const dsc = Float64Array.from({ length: nf }, (_, a) => 1 / Math.sqrt(G[a * nf + a]));
    const Gs = G.map((v, idx) => v * dsc[Math.floor(idx / nf)] * dsc[idx % nf]);
    const L = cholesky(Gs, nf, fn);
    const solveG = (b: ArrayLike<number>) => { const z = cholSolve(L, Array.from(b, (v, a) => v * dsc[a]), nf); for (let a = 0; a < nf; a++) z[a] *= dsc[a]; return z; };
    const Flast = F.map((f) => Float64Array.from(last, (i) => f[i]));
    /** Null-model fit on the fixed columns: exact residual sum of squares and coefficients. */
    const nullFit = (yy: Float64Array) => {
      const Fy = new Float64Array(nf);
      for (let a = 0; a < nf; a++) { let s = 0; const fa = F[a]; for (let i = 0; i < n; i++) if (keep[i]) s += fa[i] * yy[i]; Fy[a] = s; }
      const beta = solveG(Fy);
      let rss = 0;
      for (let i = 0; i < n; i++) if (keep[i]) { let f = yy[i]; for (let a = 0; a < nf; a++) f -= F[a][i] * beta[a]; rss += f * f; }
      return { rss, beta };
    };
    /** rss at each admissible candidate (Infinity where `ok[j]` is false or the regimes are collinear). */
    const sweep = (cands: number[], ok: boolean[], yy: Float64Array, nf0: { rss: number; beta: Float64Array }) => {
      const out = new Float64Array(cands.length).fill(Infinity);
      const A = new Float64Array(kr * nf), Ay = new Float64Array(kr), B = new Float64Array(kr * kr), Q = new Float64Array(kr * kr);
      const Lq = new Float64Array(kr * kr), Lf = new Float64Array(kr * nf), Ly = new Float64Array(kr);
      const sU = new Float64Array(N * kr), ell = new Float64Array(N * kr), lastIn = new Uint8Array(N);
      const old = new Float64Array(kr), oldL = new Float64Array(kr);
      const ylast = Float64Array.from(last, (i) => yy[i]);
      let p = 0;
      const H = new Float64Array(kr * kr), h = new Float64Array(kr), gv = new Float64Array(nf * kr);
      for (let j = 0; j < cands.length; j++) {
        const gam = cands[j];
        while (p < n && below(q[order[p]], gam)) {
          const i = order[p++], u = unit[i], Tu = T[u];
          for (let r = 0; r < kr; r++) {
            const xr = xs[r][i];
            for (let a = 0; a < nf; a++) A[r * nf + a] += xr * F[a][i];
            Ay[r] += xr * yy[i];
            for (let r2 = 0; r2 < kr; r2++) B[r * kr + r2] += xr * xs[r2][i];
            old[r] = sU[u * kr + r];
            sU[u * kr + r] += xr;
          }
          for (let r = 0; r < kr; r++) for (let r2 = 0; r2 < kr; r2++) Q[r * kr + r2] += (sU[u * kr + r] * sU[u * kr + r2] - old[r] * old[r2]) / Tu;
          if (del) {
            if (i === last[u]) lastIn[u] = 1;
            for (let r = 0; r < kr; r++) {
              oldL[r] = ell[u * kr + r];
              ell[u * kr + r] = (lastIn[u] ? xs[r][last[u]] : 0) - sU[u * kr + r] / Tu;
            }
            for (let r = 0; r < kr; r++) {
              const dl = ell[u * kr + r] - oldL[r];
              for (let a = 0; a < nf; a++) Lf[r * nf + a] += dl * Flast[a][u];
              Ly[r] += dl * ylast[u];
              for (let r2 = 0; r2 < kr; r2++) Lq[r * kr + r2] += ell[u * kr + r] * ell[u * kr + r2] - oldL[r] * oldL[r2];
            }
          }
        }
        if (!ok[j]) continue;
        // g_r = F'P c_r, h_r = c_r'M y, H = C'MC (M: residual maker of the fixed columns)
        for (let r = 0; r < kr; r++) {
          const g = new Float64Array(nf);
          for (let a = 0; a < nf; a++) g[a] = A[r * nf + a] - (del ? Lf[r * nf + a] : 0);
          const Gg = solveG(g);
          gv.set(Gg, r * nf);
          let gb = 0;
          for (let a = 0; a < nf; a++) gb += g[a] * nf0.beta[a];
          h[r] = Ay[r] - (del ? Ly[r] : 0) - gb;
          for (let r2 = 0; r2 <= r; r2++) {
            let gGg = 0;
            for (let a = 0; a < nf; a++) gGg += (A[r2 * nf + a] - (del ? Lf[r2 * nf + a] : 0)) * Gg[a];
            const cc = B[r * kr + r2] - Q[r * kr + r2] - (del ? Lq[r * kr + r2] : 0);
            H[r * kr + r2] = cc - gGg; H[r2 * kr + r] = cc - gGg;
          }
        }
        let okH = true;
        for (let r = 0; r < kr; r++) {
          const cc = B[r * kr + r] - Q[r * kr + r] - (del ? Lq[r * kr + r] : 0);
          if (!(H[r * kr + r] > 1e-10 * cc)) okH = false;
        }
        if (!okH) continue;
        let red: number;
        if (kr === 1) red = (h[0] * h[0]) / H[0];
        else {
          try { const z = cholSolve(cholesky(H, kr, fn), h, kr); red = 0; for (let r = 0; r < kr; r++) red += h[r] * z[r]; } catch { continue; }
        }
        out[j] = nf0.rss - red;
      }
      return out;
    };
    return { nullFit, sweep };
  };
  return { ix, wt, n, N, q, yd, rows, keep, last, unit, exact, sweeper, countBelow, below, regimeCols };
}

/**
 * Fixed-effects panel threshold regression.
 *
 * Long name: panel threshold model (Hansen 1999, J. Econometrics 93, 345–368; Wang 2015, Stata Journal 15(1) `xthreg`).
 * y_it = μ_i + x_it'β_1 1(q_it ≤ γ_1) + x_it'β_2 1(γ_1 < q_it ≤ γ_2) + … + z_it'δ + ε_it, with μ_i absorbed by the
 * within transformation. Each γ minimizes the residual sum of squares over the candidate grid, sequentially (Hansen §3.3
 * and §4: γ_2 given γ_1, then γ_1 refined given γ_2; γ_3 given both); F_m = (S_{m−1} − S_m)/σ̂², σ̂² = S_m/(n − N),
 * with S_2 the sum of squares before the refinement, as Hansen's F_2. Bootstrap p-values resample each unit's residual
 * vector of the (m − 1)-threshold model (thresholds held at their estimates, or re-estimated in each replication with
 * `reestimate`), with replacement among units observed the
 * same number of periods (Hansen's scheme; stratified so that unbalanced panels work), seeded. Confidence sets are the γ
 * with LR(γ) = (S(γ) − S(γ̂))/σ̂² ≤ −2 ln(1 − √level), the other thresholds held. `gridMethod: "hansen"`, `strict` and
 * `deleteLastPeriod` reproduce Hansen's published computation (test/panelThreshold.test.ts: his Tables 2, 3 and 5).
 * The final model is `panelFE` with the regime columns `x_r1`, `x_r2`, … and the chosen `vcov`.
 * @param data long panel
 * @param formula `"y ~ controls"` (or `"y ~ 1"`): the regime-independent part
 * @param options `id`, `time`, `threshold`, `regime`, `thresholds`, `trim`, `grid`, `gridMethod`, `strict`,
 *   `deleteLastPeriod`, `bootstrap`, `reestimate`, `seed`, `level`, `vcov`
 * @throws missing options; thresholds outside 1–3; a trim outside (0, 0.25) or a trim list of the wrong length; an
 *   unknown gridMethod; a trim that leaves no candidate; a regime column also in the formula
 * @example panelThreshold(invest, "i ~ q1 + q2 + q3 + d1 + qd1", { id: "firm", time: "year", threshold: "d1", regime: "c1",
 *   trim: 0.01, grid: 400, gridMethod: "hansen", strict: true, deleteLastPeriod: true, bootstrap: 0 }).gamma // [0.0157]
 */
export function panelThreshold(data: DataInput, formula: string, options: PanelThresholdOptions): PanelThresholdResult {
  const fn = "panelThreshold";
  checkOptionNames(options, ["id", "time", "threshold", "regime", "thresholds", "trim", "grid", "gridMethod", "strict", "deleteLastPeriod", "bootstrap", "reestimate", "seed", "level", "vcov"], fn);
  for (const k of ["id", "time", "threshold"] as const) if (typeof options?.[k] !== "string") throw new Error(`${fn}: options { id, time, threshold, regime } are required (column names)`);
  const regimeCols = Array.isArray(options.regime) ? options.regime : [options.regime];
  if (regimeCols.length === 0 || !regimeCols.every((c) => typeof c === "string")) throw new Error(`${fn}: regime must name one or more columns`);
  const m = options.thresholds ?? 1;
  if (![1, 2, 3].includes(m)) throw new Error(`${fn}: thresholds must be 1, 2 or 3 (got ${m})`);
  const trimIn = options.trim ?? 0.05;
  const trims = Array.isArray(trimIn) ? trimIn : new Array(m).fill(trimIn);
  if (trims.length !== m) throw new Error(`${fn}: trim has ${trims.length} values; give one number or one per threshold (${m})`);
  for (const t of trims) if (!(t > 0 && t < 0.25)) throw new Error(`${fn}: trim must be in (0, 0.25) (got ${t})`);
  const method = options.gridMethod ?? "observations";
  if (method !== "observations" && method !== "hansen") throw new Error(`${fn}: gridMethod must be "observations" or "hansen" (got ${String(method)})`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1) (got ${level})`);
  const B = options.bootstrap ?? 300;
  if (!Number.isInteger(B) || B < 0) throw new Error(`${fn}: bootstrap must be a non-negative integer (got ${B})`);
  const gridIn = options.grid ?? 300;
  const gridList = typeof gridIn === "number" ? null : gridIn;
  if (gridList ? !Array.isArray(gridList) || gridList.length === 0 || !gridList.every((v) => typeof v === "number" && Number.isFinite(v)) : !Number.isInteger(gridIn) || (gridIn as number) < 2) {
    throw new Error(`${fn}: grid must be an integer of at least 2 or a non-empty array of finite candidate thresholds (got ${Array.isArray(gridIn) ? `[${gridIn.join(", ")}]` : String(gridIn)})`);
  }
  const grid = gridList ? gridList.length : (gridIn as number);
  const rhs = formula.split("~")[1] ?? "";
  for (const c of regimeCols) if (new RegExp(`(^|[^\\w.])${c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\w.]|$)`).test(rhs)) throw new Error(`${fn}: regime variable "${c}" is also in the formula; list it only in regime`);
  const S = setup(data, formula, options, fn);
  const { n, q, N } = S;

  // candidate thresholds, ascending
  const sorted = Float64Array.from(q).sort();
  const distinct = [...new Set(Array.from(sorted))];
  let cand: number[];
  if (gridList) cand = [...new Set(gridList)].sort((a, b) => a - b);
  else if (method === "hansen") {
    // THRESH_P.PRG: dd = unique(thresh); sq = seqa(trim, 1/qn, qn − 2·qn·trim + 1); qq1 = dd[floor(sq·rows(dd))]
    const count = Math.floor(grid - 2 * grid * trims[0] + 1 + 1e-9);
    cand = Array.from({ length: Math.max(count, 0) }, (_, j) => distinct[Math.min(distinct.length, Math.max(1, Math.floor((trims[0] + j * (1 / grid)) * distinct.length))) - 1]);
  } else {
    const lo = sorted[Math.floor(trims[0] * n)], hi = sorted[Math.ceil((1 - trims[0]) * n) - 1];
    cand = distinct.filter((v) => v >= lo && v <= hi);
    if (cand.length > grid) cand = Array.from({ length: grid }, (_, j) => cand[Math.round((j * (cand.length - 1)) / (grid - 1))]);
  }
  if (cand.length === 0) throw new Error(`${fn}: no candidate threshold remains after trimming ${trims[0]} of "${options.threshold}" on each side`);

  /** Which candidates may be the next threshold given the `fixed` ones. */
  const admissible = (fixed: number[], trim: number): boolean[] => {
    if (method === "hansen") {
      const qnt = grid * trim;
      const out = new Array(cand.length).fill(true);
      for (const r of fixed) {
        let nn = 0;
        for (const c of cand) if (c < r) nn++;
        for (let j = 0; j < cand.length; j++) if (j + 1 > nn - qnt && j + 1 <= nn + qnt) out[j] = false;
      }
      return out;
    }
    const minObs = Math.ceil(trim * n);
    return cand.map((g) => {
      if (fixed.includes(g)) return false;
      const cuts = [...fixed, g].sort((a, b) => a - b).map((v) => S.countBelow(v));
      let prev = 0;
      for (const c of [...cuts, n]) { if (c - prev < minObs) return false; prev = c; }
      return true;
    });
  };
  const search = (fixed: number[], trim: number) => {
    const sw = S.sweeper(fixed);
    const ok = admissible(fixed, trim);
    const rss = sw.sweep(cand, ok, S.yd, sw.nullFit(S.yd));
    let best = Infinity, arg = NaN;
    const curve = { gamma: [] as number[], rss: [] as number[] };
    for (let j = 0; j < cand.length; j++) {
      if (!Number.isFinite(rss[j])) continue;
      curve.gamma.push(cand[j]); curve.rss.push(rss[j]);
      if (rss[j] < best) { best = rss[j]; arg = cand[j]; }
    }
    if (!Number.isFinite(arg)) throw new Error(`${fn}: no admissible threshold (trim ${trim}${method === "hansen" ? "" : `: each regime needs ${Math.ceil(trim * n)} observations`})`);
    return { gamma: arg, rss: best, curve };
  };

  const df = n - N;
  const reestimate = options.reestimate === true;
  const gammas: number[] = [];
  const tests: ThresholdTest[] = [];
  const seed = B > 0 ? resolveSeed(options.seed, fn) : null;
  const g = seed === null ? null : rng(seed);
  // units by number of kept rows, for the stratified residual bootstrap
  const rowsOf: number[][] = Array.from({ length: N }, () => []);
  for (let i = 0; i < n; i++) if (S.keep[i]) rowsOf[S.ix.entity[i]].push(i);
  const strata = new Map<number, number[]>();
  rowsOf.forEach((r, u) => { const t = r.length; if (!strata.has(t)) strata.set(t, []); strata.get(t)!.push(u); });
  let prevRss = S.exact([]).rss;
  let lastCurve = { gamma: [] as number[], rss: [] as number[] };
  for (let step = 1; step <= m; step++) {
    const trim = trims[step - 1];
    const s = search(gammas, trim);
    lastCurve = s.curve;
    const rss = S.exact([...gammas, s.gamma]).rss;
    const F = (prevRss - rss) / (rss / df);
    let pValue: number | null = null, critical: ThresholdTest["critical"] = null;
    if (g) {
      const nullResid = S.exact(gammas).resid;
      // re-estimated thresholds need the null model's fitted values in y* (Hansen: yb = yp + e*); held ones do not (F is invariant)
      const fitted = reestimate ? Float64Array.from(S.yd, (v, i) => (S.keep[i] ? v - nullResid[i] : 0)) : null;
      const sw = S.sweeper(gammas);
      const ok = admissible(gammas, trim);
      const sw0 = S.sweeper([]), ok0 = admissible([], trim);
      const stats = new Float64Array(B);
      const ystar = new Float64Array(n);
      for (let b = 0; b < B; b++) {
        for (const [, units] of strata) for (const u of units) {
          const v = units[g.below(units.length)];
          const from = rowsOf[v], to = rowsOf[u];
          for (let t = 0; t < to.length; t++) ystar[to[t]] = nullResid[from[t]] + (fitted ? fitted[to[t]] : 0);
        }
        let yb: Float64Array;
        if (options.deleteLastPeriod) {
          // Hansen resamples the residuals of the kept rows; complete each unit's demeaned vector (last = −Σ kept)
          yb = ystar;
          for (let u = 0; u < N; u++) { let sum = 0; for (const i of rowsOf[u]) sum += yb[i]; yb[S.last[u]] = -sum; }
        } else yb = S.wt.apply(ystar);
        if (reestimate && step > 1) {
          // THRESH_P.PRG: the earlier thresholds searched again, one at a time, in each replication (this step's trim)
          const fixedB: number[] = [];
          let prev = sw0.nullFit(yb).rss, cur = prev;
          for (let jj = 1; jj <= step; jj++) {
            const swj = jj === 1 ? sw0 : S.sweeper(fixedB);
            const rj = swj.sweep(cand, jj === 1 ? ok0 : admissible(fixedB, trim), yb, swj.nullFit(yb));
            let min = Infinity, arg = NaN;
            for (let t = 0; t < rj.length; t++) if (rj[t] < min) { min = rj[t]; arg = cand[t]; }
            prev = cur; cur = min;
            fixedB.push(arg);
          }
          stats[b] = (prev - cur) / (cur / df);
          continue;
        }
        const nf0 = sw.nullFit(yb);
        const r1 = sw.sweep(cand, ok, yb, nf0);
        let min = Infinity;
        for (const v of r1) if (v < min) min = v;
        stats[b] = (nf0.rss - min) / (min / df);
      }
      let ge = 0;
      for (const v of stats) if (v >= F) ge++;
      pValue = ge / B;
      const srt = Float64Array.from(stats).sort();
      const qt = (p: number) => srt[Math.min(B - 1, Math.max(0, Math.ceil(p * B) - 1))];
      critical = { p10: qt(0.9), p5: qt(0.95), p1: qt(0.99) };
    }
    tests.push({ thresholds: step, statistic: F, pValue, critical, rss });
    let next = [...gammas, s.gamma];
    // refinement of the double-threshold model (Hansen §3.3): γ_1 again given γ_2
    if (step === 2) next = [s.gamma, search([s.gamma], trim).gamma];
    gammas.splice(0, gammas.length, ...next);
    prevRss = S.exact(gammas).rss;
  }
  gammas.sort((a, b) => a - b);
  const c = -2 * Math.log(1 - Math.sqrt(level));
  // confidence set of each threshold: LR over the grid with the others held, σ̂² from that curve's minimum (as Hansen)
  const confidence = gammas.map((gj, j) => {
    const s = search(gammas.filter((_, k) => k !== j), trims[m - 1]);
    const sigma2 = s.rss / df;
    const inside = s.curve.gamma.filter((_, t) => (s.curve.rss[t] - s.rss) / sigma2 <= c);
    return [Math.min(...inside, gj), Math.max(...inside, gj)] as [number, number];
  });
  const ls = S.exact(gammas, S.yd, true);
  const leastSquares = { names: ls.names, estimate: ls.coef, se: ls.se, seWhite: ls.seWhite, rss: ls.rss, rows: S.rows };

  // the final regression: regime columns built explicitly, panelFE with the chosen vcov
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const cn of columnNames(data)) cols[cn] = rawColumn(data, cn, fn);
  const regimeNames: string[] = [];
  regimeCols.forEach((rc) => {
    const x = numericColumn(data, rc, fn);
    for (let s = 0; s <= gammas.length; s++) {
      const name = `${rc}_r${s + 1}`;
      if (name in cols) throw new Error(`${fn}: the data already have a column "${name}", which the regime terms use`);
      cols[name] = Array.from(x, (v, i) => ((s === 0 || !S.below(q[i], gammas[s - 1])) && (s === gammas.length || S.below(q[i], gammas[s])) ? v : 0));
      regimeNames.push(name);
    }
  });
  const lhs = formula.split("~")[0].trim();
  const ctl = rhs.trim() === "1" ? "" : ` + ${rhs.trim()}`;
  const fit = panelFE(cols, `${lhs} ~ ${regimeNames.join(" + ")}${ctl}`, { id: options.id, time: options.time, effects: "entity", vcov: options.vcov ?? { cluster: options.id } });
  const curveMin = Math.min(...lastCurve.rss);
  const lrCurve = { gamma: lastCurve.gamma, lr: lastCurve.rss.map((r) => (r - curveMin) / (curveMin / df)) };
  const rule = options.strict ? "q < γ" : "q ≤ γ";
  return makeResult<PanelThresholdResult>({
    gamma: gammas, confidence, level, tests, fit, leastSquares, lrCurve, candidates: cand.length, bootstrap: B, seed, n,
    report: {
      title: `Panel threshold regression (Hansen 1999), ${m} threshold${m > 1 ? "s" : ""}`,
      header: [["Formula", formula], ["Threshold variable", `${options.threshold} (regime 1: ${rule})`], ["Regime-dependent", regimeCols.join(", ")],
        ["Observations", n], ["Units", N], ["Candidates", `${cand.length} (${method} grid, trim ${trims.join(", ")})`],
        ["Least squares", options.deleteLastPeriod ? `demeaned rows less each unit's last period (${S.rows})` : `all demeaned rows (${S.rows})`],
        ["Bootstrap", B > 0 ? `${B} replications per test, seed ${seed}${reestimate ? ", earlier thresholds re-estimated" : ""}` : "none"]],
      statistics: gammas.map((v, j) => [`gamma ${j + 1} (${level * 100}% LR set [${confidence[j][0]}, ${confidence[j][1]}])`, v] as [string, number]),
      tests: tests.map((t) => ({ name: `F test of ${t.thresholds - 1} vs ${t.thresholds} threshold${t.thresholds > 1 ? "s" : ""} (bootstrap p)`, statistic: t.statistic, df: "bootstrap", pValue: t.pValue ?? NaN })),
      notes: ["The regime coefficients are in `fit` (panelFE with the regime columns `x_r1`, `x_r2`, …): `result.fit.summary()`."],
    },
  });
}
