import { checkOptionNames } from "../core/options";
import type { CSR } from "../linalg/csr";
import { csrMatVec } from "../linalg/csr";
import type { LogDeterminant } from "./logDeterminant";
import { inverseTraces, powerTraces } from "./traces";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";
import { cholesky } from "../linalg/cholesky";
import { normalTwoSided } from "../distributions/cdf";
import { rng } from "../random/rng";

/** Options of `impacts()`. */
export interface ImpactsOptions {
  /**
   * "exact": tr((I − ρW)⁻¹)/n and mean row sum of (I − ρW)⁻¹ (eigenvalues, sparse solves or dense);
   * "trace": truncated power series with traces tr(W^q), q < Q (LeSage & Pace 2009, §4.2), as spatialreg
   * `impacts(..., tr = trW(W))`. Default: "exact" for n ≤ 10,000, "trace" above.
   */
  method?: "exact" | "trace";
  /** Number of power-series terms for "trace" (default 30, spatialreg's default). */
  Q?: number;
  /** How tr(W^q) is obtained for "trace": from the eigenvalues when known ("exact"), else Monte Carlo ("mc"). */
  traces?: "exact" | "mc";
  /** Monte Carlo probes and seed for traces (default 50, 1). */
  probes?: number;
  seed?: number;
  /**
   * Simulated inference (LeSage & Pace 2009, §2.7; spatialreg `impacts(..., R = )`): number of draws of
   * (ρ, β) from their asymptotic normal distribution; 0 (default) for none. Uses `seed` (default 1).
   */
  simulations?: number;
  /**
   * Standard errors of the impacts: "delta" (analytical, delta method: sqrt(g'Vg) with g the gradient of each
   * impact in (ρ, β, θ) and V the fit's asymptotic covariance of those parameters) or "simulation" (draws as
   * `simulations`, default {@link DEFAULT_IMPACT_SIMULATIONS} draws). Default: "simulation" when `simulations` > 0,
   * else none.
   */
  inference?: "delta" | "simulation";
}

/** Draws of `inference: "simulation"` when `simulations` is not given (spatialreg examples use R = 1000). */
export const DEFAULT_IMPACT_SIMULATIONS = 1000;

/** Gradients of the impacts in the model's (ρ, coefficients), one row per term (delta method only). */
export interface ImpactsGradient {
  /** "rho" and the coefficient names, in the order of each gradient vector. */
  parameters: string[];
  direct: Float64Array[];
  indirect: Float64Array[];
  total: Float64Array[];
}

/**
 * Standard errors, z values and p-values of the impacts: by the delta method (z = impact / SE), or simulated
 * (z = mean / sd of the draws, as spatialreg).
 */
export interface ImpactsInference {
  method: "delta" | "simulation";
  /** Number of draws (0 for the delta method). */
  draws: number;
  /** The gradients the delta-method standard errors use (null for simulation). */
  gradient: ImpactsGradient | null;
  directStdError: Float64Array;
  indirectStdError: Float64Array;
  totalStdError: Float64Array;
  directZ: Float64Array;
  indirectZ: Float64Array;
  totalZ: Float64Array;
  directPValue: Float64Array;
  indirectPValue: Float64Array;
  totalPValue: Float64Array;
}

/** One row of an impacts table. */
export interface ImpactRow { term: string; direct: number; indirect: number; total: number }

/** Direct, indirect and total impacts of each regressor in a spatial lag model. */
export interface ImpactsResult {
  method: "exact" | "trace";
  terms: string[];
  direct: Float64Array;
  indirect: Float64Array;
  total: Float64Array;
  rows: ImpactRow[];
  /** Traces tr(W^q), q = 1..Q−1, when the trace method was used. */
  traces: Float64Array | null;
  /** "exact" or "mc" for the traces used. */
  traceSource: string | null;
  /** Delta-method (`inference: "delta"`) or simulated (`simulations` > 0) inference, else null. */
  inference: ImpactsInference | null;
  /** Seed of the simulation draws (null without simulations). */
  seed: number | null;
  /** What the shared summary prints (lib/report): one table row per regressor. */
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** @internal inputs from a fitted lag model. */
export interface LagImpactsInput {
  rho: number;
  beta: Float64Array;
  names: string[];
  W: CSR;
  ld: LogDeterminant;
  V: Float64Array;
  vcovNames: string[];
  n: number;
  /** Spatial Durbin models: for each coefficient, the index of its lag term θ (WX) in `beta`, or −1. */
  lagOf?: number[];
}


/**
 * Direct, indirect and total impacts of any fitted spatial lag model of lib/ (spatialLag, spatialPanel with
 * model "lag"), read from the data the fit carries (`impactsInput`: rho, beta, W, the log-determinant, the
 * covariance) — one shared function, as spatialreg's `impacts()` S3 method. `fit.impacts(options)` calls it.
 *
 * Long name: impact measures of a spatial autoregressive model (LeSage & Pace 2009, ch. 2).
 * @param fit a spatial lag fit
 * Standard errors by the delta method (`inference: "delta"`; the gradient of each impact in (ρ, β, θ), with exact
 * derivatives of the traces, d tr(S)/dρ = tr(SWS), or of the same truncated power series for "trace") or by
 * simulation (`simulations: 1000`, as spatialreg `impacts(R = 1000)`); SAC and GNS fits use their (ρ, β, θ) block.
 * @param fit a spatial lag fit
 * @param options method, Q, traces, probes, seed, simulations, inference (see {@link ImpactsOptions})
 * @throws `impacts: defined for spatial lag models (spatialLag, spatialPanel with model "lag"); this fit has no lag term`;
 *   `impacts: inference must be "delta" or "simulation", got "bootstrap"`;
 *   `impacts: simulations (1000) is for inference "simulation"; the delta method draws nothing`; unknown option names
 * @example impacts(spatialLag(columbus, "CRIME ~ INC + HOVAL", colGal)).rows[0].direct // -1.1225156 (spatialreg 1.2-6 impacts: -1.12251557)
 * @example impacts(sdm, { inference: "delta" }).inference.directStdError[0] // 0.3248286 (Columbus SDM, INC; test/reference/impacts-delta.R: 0.3248286)
 */
export function impacts(fit: { impactsInput?: LagImpactsInput | null }, options: ImpactsOptions = {}): ImpactsResult {
  const input = fit?.impactsInput;
  if (!input) throw new Error('impacts: defined for spatial lag models (spatialLag, spatialPanel with model "lag"); this fit has no lag term');
  return lagImpacts(input, options);
}

/**
 * Impacts of a spatial lag model (LeSage & Pace 2009, ch. 2): for regressor r, S_r = (I − ρW)⁻¹β_r;
 * direct = tr(S_r)/n, total = 1'S_r 1/n, indirect = total − direct. The intercept is skipped.
 */
export function lagImpacts(m: LagImpactsInput, options: ImpactsOptions = {}): ImpactsResult {
  checkOptionNames(options, ["method", "Q", "traces", "probes", "seed", "simulations", "inference"], "impacts");
  const mode = inferenceMode(options);
  const { rho, beta, names, W, ld, n } = m;
  const method = options.method ?? (n <= 10000 ? "exact" : "trace");
  let traces: Float64Array | null = null;
  let traceSource: string | null = null;
  let rowStochastic = true;
  for (let i = 0; i < n && rowStochastic; i++) {
    let sum = 0;
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) sum += W.values[p];
    if (Math.abs(sum - 1) > 1e-12) rowStochastic = false;
  }
  const lagOf = m.lagOf ?? names.map(() => -1);
  const durbin = lagOf.some((j) => j >= 0);
  // [direct factor tr(S)/n, total factor 1'S1/n, for Durbin terms tr(SW)/n, and their total factor 1'SW1/n],
  // S = (I − ρW)⁻¹; the last equals the total factor when W is row-stochastic
  let factors: (r: number) => Factors;
  // their derivatives in ρ (delta method): d tr(S)/dρ = tr(SWS), d tr(SW)/dρ = tr(SWSW), d 1'Sv/dρ = 1'SWSv
  let derivatives: (r: number) => Factors;
  if (method === "exact") {
    const spectrum = ld.spectrum;
    const tracesAt = (r: number) => ld.inverseTraces?.(r) ?? inverseTraces(W, r, { probes: options.probes, seed: options.seed, symbolic: ld.details?.symbolic });
    const directOf = (r: number): number => {
      if (spectrum) {
        const { real, imag } = spectrum;
        let s = 0;
        for (let i = 0; i < real.length; i++) {
          const a = 1 - r * real[i], b = imag ? -r * imag[i] : 0;
          s += a / (a * a + b * b); // Re 1/(a + ib)
        }
        return s / n;
      }
      return (n + r * tracesAt(r).trB) / n; // tr(A) = n + ρ tr(AW)
    };
    // (I − ρW)⁻¹ v by the solver or a Neumann series
    const solve = (r: number, v: Float64Array): Float64Array => {
      if (ld.solve) return ld.solve(r, v);
      const x = Float64Array.from(v);
      let term = Float64Array.from(v);
      let nxt = new Float64Array(n);
      for (let q = 0; q < 100000; q++) {
        csrMatVec(W, term, nxt);
        let mx = 0;
        for (let i = 0; i < n; i++) { nxt[i] *= r; x[i] += nxt[i]; mx = Math.max(mx, Math.abs(nxt[i])); }
        const t = term; term = nxt; nxt = t;
        if (mx < 1e-17) break;
      }
      return x;
    };
    const mean = (x: Float64Array) => { let s = 0; for (let i = 0; i < n; i++) s += x[i]; return s / n; };
    const ones = new Float64Array(n).fill(1);
    const totalOf = (r: number, start?: Float64Array): number => (rowStochastic ? 1 / (1 - r) : mean(solve(r, start ?? ones)));
    // d/dρ 1'(I − ρW)⁻¹v/n = 1'SWSv/n: two solves
    const totalDerivativeOf = (r: number, start?: Float64Array): number => (rowStochastic ? 1 / ((1 - r) * (1 - r)) : mean(solve(r, csrMatVec(W, solve(r, start ?? ones)))));
    const directLagOf = (r: number): number => {
      if (spectrum) {
        const { real, imag } = spectrum;
        let s = 0;
        for (let i = 0; i < real.length; i++) {
          const a = 1 - r * real[i], b = imag ? -r * imag[i] : 0, lr = real[i], li = imag ? imag[i] : 0;
          s += (lr * a + li * b) / (a * a + b * b); // Re λ/(1 − ρλ)
        }
        return s / n;
      }
      return tracesAt(r).trB / n; // tr((I − ρW)⁻¹W)
    };
    const w1 = durbin && !rowStochastic ? csrMatVec(W, ones) : null;
    factors = (r) => [directOf(r), totalOf(r), durbin ? directLagOf(r) : 0, w1 ? totalOf(r, w1) : totalOf(r)];
    derivatives = (r) => {
      let dDirect: number, dDirectLag: number;
      if (spectrum) {
        // Re λ/(1 − ρλ)² and Re λ²/(1 − ρλ)²
        const { real, imag } = spectrum;
        let s1 = 0, s2 = 0;
        for (let i = 0; i < real.length; i++) {
          const a = 1 - r * real[i], b = imag ? -r * imag[i] : 0, lr = real[i], li = imag ? imag[i] : 0;
          const m2 = (a * a + b * b) ** 2, u = (a * a - b * b) / m2, v = (-2 * a * b) / m2; // 1/(a + ib)² = u + iv
          s1 += lr * u - li * v;
          s2 += (lr * lr - li * li) * u - 2 * lr * li * v;
        }
        dDirect = s1 / n; dDirectLag = s2 / n;
      } else {
        // tr(S) = n + ρ tr(SW): d/dρ = tr(SW) + ρ tr(SWSW); d tr(SW)/dρ = tr(SWSW)
        const tr = tracesAt(r);
        dDirect = (tr.trB + r * tr.trBB) / n; dDirectLag = tr.trBB / n;
      }
      const dTotal = totalDerivativeOf(r);
      return [dDirect, dTotal, durbin ? dDirectLag : 0, w1 ? totalDerivativeOf(r, w1) : dTotal];
    };
  } else {
    const Q = options.Q ?? 30;
    const useExact = (options.traces ?? (ld.spectrum ? "exact" : "mc")) === "exact";
    if (useExact && !ld.spectrum) throw new Error(`impacts: exact traces need the eigenvalues (fit with logdet "eigen")`);
    const pt = powerTraces(W, Q - 1, { eigen: useExact ? ld.spectrum : null, probes: options.probes, seed: options.seed });
    const tr = pt.traces;
    traces = tr;
    traceSource = pt.source;
    factors = (r) => {
      // tr(SW)/n = Σ_q ρ^q tr(W^(q+1))/n, truncated at the same Q
      let d = 1, t = 1, rq = 1, dw = tr[0] / n;
      for (let q = 1; q < Q; q++) { rq *= r; d += (rq * tr[q - 1]) / n; t += rq; if (q < tr.length) dw += (rq * tr[q]) / n; }
      // totals by the power series Σρ^q, as spatialreg's trace impacts (exact for row-stochastic W)
      return [d, t, dw, t];
    };
    // derivatives of the same truncated series: Σ q ρ^(q−1) c_q
    derivatives = (r) => {
      let d = 0, t = 0, dw = 0, rq1 = 1; // rq1 = ρ^(q−1)
      for (let q = 1; q < Q; q++) {
        d += (q * rq1 * tr[q - 1]) / n; t += q * rq1; if (q < tr.length) dw += (q * rq1 * tr[q]) / n;
        rq1 *= r;
      }
      return [d, t, dw, t];
    };
  }
  const [directFactor, totalFactor, directLagFactor, totalLagFactor] = factors(rho);
  const isLag = new Set(lagOf.filter((j) => j >= 0));
  const idx = names.map((nm, j) => (nm === "(Intercept)" || isLag.has(j) ? -1 : j)).filter((j) => j >= 0);
  const terms = idx.map((j) => names[j]);
  const thetaOf = (b: ArrayLike<number>, j: number) => (lagOf[j] >= 0 ? b[lagOf[j]] : 0);
  const direct = Float64Array.from(idx, (j) => beta[j] * directFactor + thetaOf(beta, j) * directLagFactor);
  const total = Float64Array.from(idx, (j) => beta[j] * totalFactor + thetaOf(beta, j) * totalLagFactor);
  const indirect = Float64Array.from(total, (t, i) => t - direct[i]);
  const rows = terms.map((term, i) => ({ term, direct: direct[i], indirect: indirect[i], total: total[i] }));
  const simulated = mode === "simulation";
  const draws = options.simulations ?? DEFAULT_IMPACT_SIMULATIONS;
  const seed = simulated ? resolveSeed(options.seed, "impacts") : null;
  const inference = simulated ? simulate(m, idx, factors, draws, seed!)
    : mode === "delta" ? deltaMethod(m, idx, [directFactor, totalFactor, directLagFactor, totalLagFactor], derivatives(rho), { direct, indirect, total }) : null;
  const label = method === "exact" ? "exact" : `trace (Q = ${options.Q ?? 30}, traces ${traceSource})`;
  const columns = inference
    ? ["term", "Direct", "Indirect", "Total", "SE direct", "SE indirect", "SE total", "p direct", "p indirect", "p total"]
    : ["term", "Direct", "Indirect", "Total"];
  const inferenceHeader: [string, string][] = !inference ? []
    : inference.method === "simulation" ? [["Simulation", `${inference.draws} draws of (rho, beta), seed ${seed}`]]
      : [["Standard errors", "delta method"]];
  const report: ReportParts = {
    title: "Impacts of the spatial lag model (LeSage & Pace 2009)",
    header: [["Method", label], ["rho", rho], ...inferenceHeader],
    statistics: [],
    table: {
      caption: "Average direct, indirect and total impacts",
      columns,
      rows: rows.map((r, i) => inference
        ? [r.term, r.direct, r.indirect, r.total, inference.directStdError[i], inference.indirectStdError[i], inference.totalStdError[i],
          inference.directPValue[i], inference.indirectPValue[i], inference.totalPValue[i]]
        : [r.term, r.direct, r.indirect, r.total]),
    },
    notes: !inference ? []
      : inference.method === "simulation" ? [`Simulated standard errors (${inference.draws} draws of (rho, beta)); z = mean/sd of the draws, p two-sided normal.`]
        : ["Delta-method standard errors: sqrt(g'Vg), g the gradient of each impact in (rho, beta, theta), V their asymptotic covariance; z = impact/SE, p two-sided normal."],
  };
  return makeResult<ImpactsResult>({ method, terms, direct, indirect, total, rows, traces, traceSource, inference, seed, report });
}

type Factors = [number, number, number, number];

/** Which inference the options ask for, with the errors of contradictory options. */
function inferenceMode(options: ImpactsOptions): "delta" | "simulation" | null {
  const inf = options.inference;
  if (inf !== undefined && inf !== "delta" && inf !== "simulation") {
    throw new Error(`impacts: inference must be "delta" or "simulation", got ${JSON.stringify(inf)}`);
  }
  const sims = options.simulations;
  if (sims !== undefined && !(Number.isInteger(sims) && sims >= 0)) throw new Error(`impacts: simulations must be a non-negative integer, got ${String(sims)}`);
  if (inf === "delta") {
    if ((sims ?? 0) > 0) throw new Error(`impacts: simulations (${sims}) is for inference "simulation"; the delta method draws nothing`);
    return "delta";
  }
  if (inf === "simulation") {
    if (sims === 0) throw new Error(`impacts: inference "simulation" needs simulations > 0 (default ${DEFAULT_IMPACT_SIMULATIONS})`);
    return "simulation";
  }
  return (sims ?? 0) > 0 ? "simulation" : null;
}

/** (ρ, coefficients) and their covariance: the model's vcov without sigma2 (position 0). */
function parameterCovariance(m: LagImpactsInput): { p: number; Sigma: Float64Array } {
  const p = m.vcovNames.length - 1;
  const Sigma = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) Sigma[a * p + b] = m.V[(a + 1) * (p + 1) + (b + 1)];
  return { p, Sigma };
}

/**
 * Delta-method inference (e.g. LeSage & Pace 2009, §5.6; Arbia, Bera, Doğan & Taşpınar 2020): for term j with
 * coefficient β_j and lag coefficient θ_j, direct = β_j a(ρ) + θ_j b(ρ) and total = β_j c(ρ) + θ_j e(ρ), so the
 * gradient in (ρ, β, θ) is (β_j a'(ρ) + θ_j b'(ρ), a, b) (total: c, e), indirect = total − direct; SE = sqrt(g'Vg).
 */
function deltaMethod(m: LagImpactsInput, idx: number[], f: Factors, df: Factors, est: { direct: Float64Array; indirect: Float64Array; total: Float64Array }): ImpactsInference {
  const lagOf = m.lagOf ?? m.names.map(() => -1);
  const { p, Sigma } = parameterCovariance(m);
  const [a, c, b, e] = f;
  const [da, dc, db, de] = df;
  const grads = { direct: [] as Float64Array[], indirect: [] as Float64Array[], total: [] as Float64Array[] };
  for (const j of idx) {
    const l = lagOf[j];
    const betaJ = m.beta[j], thetaJ = l >= 0 ? m.beta[l] : 0;
    const gd = new Float64Array(p), gt = new Float64Array(p);
    gd[0] = betaJ * da + thetaJ * db; gt[0] = betaJ * dc + thetaJ * de;
    gd[1 + j] = a; gt[1 + j] = c;
    if (l >= 0) { gd[1 + l] = b; gt[1 + l] = e; }
    grads.direct.push(gd); grads.total.push(gt); grads.indirect.push(Float64Array.from(gt, (v, q) => v - gd[q]));
  }
  const se = (g: Float64Array): number => {
    let s = 0;
    for (let u = 0; u < p; u++) { if (g[u] === 0) continue; let t = 0; for (let v = 0; v < p; v++) t += Sigma[u * p + v] * g[v]; s += g[u] * t; }
    return Math.sqrt(Math.max(0, s));
  };
  const dSE = Float64Array.from(grads.direct, se), iSE = Float64Array.from(grads.indirect, se), tSE = Float64Array.from(grads.total, se);
  const dZ = Float64Array.from(est.direct, (v, q) => v / dSE[q]);
  const iZ = Float64Array.from(est.indirect, (v, q) => v / iSE[q]);
  const tZ = Float64Array.from(est.total, (v, q) => v / tSE[q]);
  return {
    method: "delta", draws: 0, gradient: { parameters: ["rho", ...m.names], ...grads },
    directStdError: dSE, indirectStdError: iSE, totalStdError: tSE, directZ: dZ, indirectZ: iZ, totalZ: tZ,
    directPValue: dZ.map(normalTwoSided), indirectPValue: iZ.map(normalTwoSided), totalPValue: tZ.map(normalTwoSided),
  };
}

function simulate(m: LagImpactsInput, idx: number[], factors: (r: number) => Factors, draws: number, seed: number): ImpactsInference {
  const lagOf = m.lagOf ?? m.names.map(() => -1);
  const { p, Sigma } = parameterCovariance(m);
  const L = cholesky(Sigma, p, "impacts");
  const mu = [m.rho, ...Array.from(m.beta)];
  const g = rng(seed);
  const t = idx.length;
  const sum = { d: new Float64Array(t), i: new Float64Array(t), T: new Float64Array(t) };
  const sq = { d: new Float64Array(t), i: new Float64Array(t), T: new Float64Array(t) };
  const z = new Float64Array(p);
  const theta = new Float64Array(p);
  for (let r = 0; r < draws; r++) {
    for (let a = 0; a < p; a++) z[a] = g.normal();
    for (let a = 0; a < p; a++) { let s = mu[a]; for (let b = 0; b <= a; b++) s += L[a * p + b] * z[b]; theta[a] = s; }
    const [df, tf, dwf, twf] = factors(theta[0]);
    idx.forEach((j, q) => {
      const beta = theta[1 + j];
      const th = lagOf[j] >= 0 ? theta[1 + lagOf[j]] : 0;
      const d = beta * df + th * dwf, T = beta * tf + th * twf, ind = T - d;
      sum.d[q] += d; sum.i[q] += ind; sum.T[q] += T;
      sq.d[q] += d * d; sq.i[q] += ind * ind; sq.T[q] += T * T;
    });
  }
  const sd = (s: Float64Array, s2: Float64Array) => Float64Array.from(s, (v, q) => Math.sqrt(Math.max(0, (s2[q] - (v * v) / draws) / (draws - 1))));
  const mean = (s: Float64Array) => Float64Array.from(s, (v) => v / draws);
  const dSE = sd(sum.d, sq.d), iSE = sd(sum.i, sq.i), tSE = sd(sum.T, sq.T);
  const dZ = Float64Array.from(mean(sum.d), (v, q) => v / dSE[q]);
  const iZ = Float64Array.from(mean(sum.i), (v, q) => v / iSE[q]);
  const tZ = Float64Array.from(mean(sum.T), (v, q) => v / tSE[q]);
  return {
    method: "simulation", draws, gradient: null, directStdError: dSE, indirectStdError: iSE, totalStdError: tSE, directZ: dZ, indirectZ: iZ, totalZ: tZ,
    directPValue: dZ.map(normalTwoSided), indirectPValue: iZ.map(normalTwoSided), totalPValue: tZ.map(normalTwoSided),
  };
}
