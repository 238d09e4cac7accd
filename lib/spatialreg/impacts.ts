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
}

/** Simulated standard errors, z values and p-values of the impacts (mean / sd of the draws). */
export interface ImpactsInference {
  draws: number;
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
  /** Simulated inference when `simulations` > 0, else null. */
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
 * @param options method, Q, traces, probes, seed, simulations (see {@link ImpactsOptions})
 * @throws `impacts: defined for spatial lag models (spatialLag, spatialPanel with model "lag"); this fit has no lag term`;
 *   unknown option names
 * @example impacts(spatialLag(columbus, "CRIME ~ INC + HOVAL", colGal)).rows[0].direct // -1.1225156 (spatialreg 1.2-6 impacts: -1.12251557)
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
  checkOptionNames(options, ["method", "Q", "traces", "probes", "seed", "simulations"], "impacts");
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
  let factors: (r: number) => [number, number, number, number];
  if (method === "exact") {
    const spectrum = ld.spectrum;
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
      const tr = ld.inverseTraces?.(r) ?? inverseTraces(W, r, { probes: options.probes, seed: options.seed, symbolic: ld.details?.symbolic });
      return (n + r * tr.trB) / n; // tr(A) = n + ρ tr(AW)
    };
    const totalOf = (r: number, start?: Float64Array): number => {
      if (rowStochastic) return 1 / (1 - r);
      // mean of (I − ρW)⁻¹ v (v = 1, or W1 for Durbin terms) by the solver or a Neumann series
      const ones = start ?? new Float64Array(n).fill(1);
      let x: Float64Array;
      if (ld.solve) x = ld.solve(r, ones);
      else {
        x = Float64Array.from(ones);
        let term = Float64Array.from(ones);
        let nxt = new Float64Array(n);
        for (let q = 0; q < 100000; q++) {
          csrMatVec(W, term, nxt);
          let mx = 0;
          for (let i = 0; i < n; i++) { nxt[i] *= r; x[i] += nxt[i]; mx = Math.max(mx, Math.abs(nxt[i])); }
          const t = term; term = nxt; nxt = t;
          if (mx < 1e-17) break;
        }
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i];
      return s / n;
    };
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
      const tr = ld.inverseTraces?.(r) ?? inverseTraces(W, r, { probes: options.probes, seed: options.seed, symbolic: ld.details?.symbolic });
      return tr.trB / n; // tr((I − ρW)⁻¹W)
    };
    const w1 = durbin && !rowStochastic ? csrMatVec(W, new Float64Array(n).fill(1)) : null;
    factors = (r) => [directOf(r), totalOf(r), durbin ? directLagOf(r) : 0, w1 ? totalOf(r, w1) : totalOf(r)];
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
  const simulated = (options.simulations ?? 0) > 0;
  const seed = simulated ? resolveSeed(options.seed, "impacts") : null;
  const inference = simulated ? simulate(m, idx, factors, options.simulations!, seed!) : null;
  const label = method === "exact" ? "exact" : `trace (Q = ${options.Q ?? 30}, traces ${traceSource})`;
  const columns = inference
    ? ["term", "Direct", "Indirect", "Total", "SE direct", "SE indirect", "SE total", "p direct", "p indirect", "p total"]
    : ["term", "Direct", "Indirect", "Total"];
  const report: ReportParts = {
    title: "Impacts of the spatial lag model (LeSage & Pace 2009)",
    header: [["Method", label], ["rho", rho], ...(inference ? [["Simulation", `${inference.draws} draws of (rho, beta), seed ${seed}`] as [string, string]] : [])],
    statistics: [],
    table: {
      caption: "Average direct, indirect and total impacts",
      columns,
      rows: rows.map((r, i) => inference
        ? [r.term, r.direct, r.indirect, r.total, inference.directStdError[i], inference.indirectStdError[i], inference.totalStdError[i],
          inference.directPValue[i], inference.indirectPValue[i], inference.totalPValue[i]]
        : [r.term, r.direct, r.indirect, r.total]),
    },
    notes: inference ? [`Simulated standard errors (${inference.draws} draws of (rho, beta)); z = mean/sd of the draws, p two-sided normal.`] : [],
  };
  return makeResult<ImpactsResult>({ method, terms, direct, indirect, total, rows, traces, traceSource, inference, seed, report });
}

function simulate(m: LagImpactsInput, idx: number[], factors: (r: number) => [number, number, number, number], draws: number, seed: number): ImpactsInference {
  const lagOf = m.lagOf ?? m.names.map(() => -1);
  // (rho, beta) and their covariance: drop sigma2 (position 0) from the model's vcov
  const p = m.vcovNames.length - 1;
  const Sigma = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) Sigma[a * p + b] = m.V[(a + 1) * (p + 1) + (b + 1)];
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
    draws, directStdError: dSE, indirectStdError: iSE, totalStdError: tSE, directZ: dZ, indirectZ: iZ, totalZ: tZ,
    directPValue: dZ.map(normalTwoSided), indirectPValue: iZ.map(normalTwoSided), totalPValue: tZ.map(normalTwoSided),
  };
}
