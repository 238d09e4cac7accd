import type { CSR } from "./sparse";
import { csrMatVec } from "./sparse";
import type { LogDeterminant } from "./logDeterminant";
import { inverseTraces } from "./inverseTraces";
import { formatSignificant, escapeHtml } from "../report/format";

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
}

/**
 * Traces tr(W^q), q = 1..m: exact from eigenvalues, or Hutchinson Monte Carlo estimates with
 * Rademacher probes (tr(W) and tr(W²) always exact).
 */
export function powerTraces(W: CSR, m: number, options: { eigen?: { real: Float64Array; imag: Float64Array | null } | null; probes?: number; seed?: number } = {}): { traces: Float64Array; source: "exact" | "mc" } {
  const out = new Float64Array(m);
  const eig = options.eigen;
  if (eig) {
    const { real, imag } = eig;
    for (let i = 0; i < real.length; i++) {
      let pr = 1, pi = 0;
      const a = real[i], b = imag ? imag[i] : 0;
      for (let q = 0; q < m; q++) {
        const nr = pr * a - pi * b;
        pi = pr * b + pi * a;
        pr = nr;
        out[q] += pr;
      }
    }
    return { traces: out, source: "exact" };
  }
  const n = W.n;
  const probes = options.probes ?? 50;
  let s = ((options.seed ?? 1) * 2654435761) >>> 0 || 1;
  const z = new Float64Array(n);
  let v = new Float64Array(n);
  let next = new Float64Array(n);
  for (let r = 0; r < probes; r++) {
    for (let i = 0; i < n; i++) { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; z[i] = s & 1 ? 1 : -1; }
    v.set(z);
    for (let q = 0; q < m; q++) {
      csrMatVec(W, v, next);
      let t = 0;
      for (let i = 0; i < n; i++) t += z[i] * next[i];
      out[q] += t / probes;
      const tmp = v; v = next; next = tmp;
    }
  }
  // exact first two traces
  let t1 = 0, t2 = 0;
  for (let i = 0; i < n; i++) {
    for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) {
      const j = W.colIdx[p];
      if (j === i) t1 += W.values[p];
      for (let q = W.rowPtr[j]; q < W.rowPtr[j + 1]; q++) if (W.colIdx[q] === i) t2 += W.values[p] * W.values[q];
    }
  }
  if (m >= 1) out[0] = t1;
  if (m >= 2) out[1] = t2;
  return { traces: out, source: "mc" };
}

/**
 * Impacts of a spatial lag model (LeSage & Pace 2009, ch. 2): for regressor r, S_r = (I − ρW)⁻¹β_r;
 * direct = tr(S_r)/n, total = 1'S_r 1/n, indirect = total − direct. The intercept is skipped.
 */
export function lagImpacts(m: LagImpactsInput, options: ImpactsOptions = {}): ImpactsResult {
  const { rho, beta, names, W, ld, n } = m;
  const method = options.method ?? (n <= 10000 ? "exact" : "trace");
  let directFactor: number, totalFactor: number;
  let traces: Float64Array | null = null;
  let traceSource: string | null = null;
  if (method === "exact") {
    if (ld.spectrum) {
      const { real, imag } = ld.spectrum;
      let s = 0;
      for (let i = 0; i < real.length; i++) {
        const a = 1 - rho * real[i], b = imag ? -rho * imag[i] : 0;
        s += a / (a * a + b * b); // Re 1/(a + ib)
      }
      directFactor = s / n;
    } else {
      const tr = inverseTraces(W, rho, { probes: options.probes, seed: options.seed, symbolic: ld.details?.symbolic });
      directFactor = (n + rho * tr.trB) / n; // tr(A) = n + ρ tr(AW)
    }
    // total: mean of (I − ρW)⁻¹ 1 by a Neumann series / solver
    const ones = new Float64Array(n).fill(1);
    let x: Float64Array;
    if (ld.solve) x = ld.solve(rho, ones);
    else {
      x = Float64Array.from(ones);
      let term = Float64Array.from(ones);
      let nxt = new Float64Array(n);
      for (let q = 0; q < 100000; q++) {
        csrMatVec(W, term, nxt);
        let mx = 0;
        for (let i = 0; i < n; i++) { nxt[i] *= rho; x[i] += nxt[i]; mx = Math.max(mx, Math.abs(nxt[i])); }
        const t = term; term = nxt; nxt = t;
        if (mx < 1e-17) break;
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i];
    totalFactor = s / n;
  } else {
    const Q = options.Q ?? 30;
    const useExact = (options.traces ?? (ld.spectrum ? "exact" : "mc")) === "exact";
    if (useExact && !ld.spectrum) throw new Error(`impacts: exact traces need the eigenvalues (fit with logdet "eigen")`);
    const pt = powerTraces(W, Q - 1, { eigen: useExact ? ld.spectrum : null, probes: options.probes, seed: options.seed });
    traces = pt.traces;
    traceSource = pt.source;
    let d = 1, t = 1, rq = 1;
    for (let q = 1; q < Q; q++) { rq *= rho; d += (rq * traces[q - 1]) / n; t += rq; }
    directFactor = d;
    totalFactor = t;
  }
  const idx = names.map((nm, j) => (nm === "(Intercept)" ? -1 : j)).filter((j) => j >= 0);
  const terms = idx.map((j) => names[j]);
  const direct = Float64Array.from(idx, (j) => beta[j] * directFactor);
  const total = Float64Array.from(idx, (j) => beta[j] * totalFactor);
  const indirect = Float64Array.from(total, (t, i) => t - direct[i]);
  const rows = terms.map((term, i) => ({ term, direct: direct[i], indirect: indirect[i], total: total[i] }));
  const label = method === "exact" ? "exact" : `trace (Q = ${options.Q ?? 30}, traces ${traceSource})`;
  return {
    method, terms, direct, indirect, total, rows, traces, traceSource,
    summary: () => {
      const w = Math.max(4, ...terms.map((t) => t.length));
      const head = `Impacts of the spatial lag model (${label}), rho = ${formatSignificant(rho)}`;
      const cols = `${"".padEnd(w)} ${"Direct".padStart(12)} ${"Indirect".padStart(12)} ${"Total".padStart(12)}`;
      return [head, cols, ...rows.map((r) => `${r.term.padEnd(w)} ${formatSignificant(r.direct).padStart(12)} ${formatSignificant(r.indirect).padStart(12)} ${formatSignificant(r.total).padStart(12)}`)].join("\n");
    },
    toHTML: () => {
      const td = 'style="padding:2px 8px;text-align:right"';
      const body = rows.map((r) => `<tr><td style="padding:2px 8px">${escapeHtml(r.term)}</td><td ${td}>${formatSignificant(r.direct)}</td><td ${td}>${formatSignificant(r.indirect)}</td><td ${td}>${formatSignificant(r.total)}</td></tr>`).join("");
      return `<div class="model-summary" style="font-family:sans-serif;font-size:13px"><div style="font-weight:bold">${escapeHtml(`Impacts (${label})`)}</div>` +
        `<table style="border-collapse:collapse"><thead><tr><th></th><th ${td}>Direct</th><th ${td}>Indirect</th><th ${td}>Total</th></tr></thead><tbody>${body}</tbody></table></div>`;
    },
  };
}
