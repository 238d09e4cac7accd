/**
 * The within transformation: subtract entity means, period means, or both (two-way).
 *
 * Long name: within (fixed-effects) transformation, Baltagi (2021), *Econometric Analysis of
 * Panel Data*, 6th ed., §2.2 (one-way), §3.2 (two-way), §9.3 (unbalanced two-way).
 *
 * Two-way effects on an unbalanced panel are absorbed EXACTLY, not by iterating: the entity
 * means are removed first, and the period effects are then the least-squares solution of the
 * T × T normal equations (D_t' M_e D_t) γ = D_t' M_e x, where M_e removes entity means and D_t
 * holds period dummies (the Frisch–Waugh–Lovell theorem; Wansbeek & Kapteyn 1989, J. Econometrics
 * 41, 341–361). The system is factored once by a rank-revealing (pivoted) Cholesky, so a panel whose
 * entity–period graph splits into several connected groups is handled too (the rank tells how many
 * effects are really absorbed). On a balanced panel this equals x − x̄_i − x̄_t + x̄.
 */
import type { PanelIndex } from "./panelIndex";
import { pivotedCholesky } from "../linalg/pivotedCholesky";

/** Which fixed effects a within transformation removes. */
export type PanelEffects = "entity" | "time" | "twoways";

/** A prepared within transformation for one panel index. */
export interface WithinTransform {
  /** Returns a new array: `x` with the fixed effects removed (x is not modified). */
  apply(x: Float64Array): Float64Array;
  /** Number of linearly independent absorbed effects (N, T, or N + T − components). */
  absorbed: number;
  effects: PanelEffects;
}

function groupMeans(x: Float64Array, codes: Int32Array, counts: Int32Array): Float64Array {
  const m = new Float64Array(counts.length);
  for (let i = 0; i < x.length; i++) m[codes[i]] += x[i];
  for (let g = 0; g < m.length; g++) m[g] /= counts[g];
  return m;
}

function removeMeans(x: Float64Array, codes: Int32Array, counts: Int32Array): Float64Array {
  const m = groupMeans(x, codes, counts);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] - m[codes[i]];
  return out;
}

function solveLower(L: Float64Array, r: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < r; i++) {
    let s = x[i];
    for (let c = 0; c < i; c++) s -= L[i * r + c] * x[c];
    x[i] = s / L[i * r + i];
  }
  for (let i = r - 1; i >= 0; i--) {
    let s = x[i];
    for (let c = i + 1; c < r; c++) s -= L[c * r + i] * x[c];
    x[i] = s / L[i * r + i];
  }
  return x;
}

/**
 * Prepare the within transformation of a panel.
 * @param ix validated panel index
 * @param effects "entity", "time" or "twoways"
 * @example
 * const ix = panelIndex([1, 1, 2, 2], [1, 2, 1, 2], { entity: "i", time: "t" }, "demo");
 * withinTransform(ix, "entity").apply(new Float64Array([1, 3, 2, 6])) // Float64Array [-1, 1, -2, 2]
 */
export function withinTransform(ix: PanelIndex, effects: PanelEffects): WithinTransform {
  const N = ix.entityLevels.length;
  const T = ix.timeLevels.length;
  if (effects === "entity") {
    return { effects, absorbed: N, apply: (x) => removeMeans(x, ix.entity, ix.countsByEntity) };
  }
  if (effects === "time") {
    return { effects, absorbed: T, apply: (x) => removeMeans(x, ix.time, ix.countsByTime) };
  }
  const n = ix.n;
  if (ix.balanced) {
    // balanced: x − x̄_i − x̄_t + x̄ exactly
    return {
      effects, absorbed: N + T - 1, apply: (x) => {
        const mi = new Float64Array(N), mt = new Float64Array(T);
        let m = 0;
        for (let i = 0; i < n; i++) { const v = x[i]; mi[ix.entity[i]] += v; mt[ix.time[i]] += v; m += v; }
        for (let g = 0; g < N; g++) mi[g] /= T;
        for (let t = 0; t < T; t++) mt[t] /= N;
        m /= n;
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = x[i] - mi[ix.entity[i]] - mt[ix.time[i]] + m;
        return out;
      },
    };
  }
  // two-way, unbalanced: A = D_t' M_e D_t  (T × T)
  const A = new Float64Array(T * T);
  for (let t = 0; t < T; t++) A[t * T + t] = ix.countsByTime[t];
  // periods of each entity
  const start = new Int32Array(N + 1);
  for (let i = 0; i < n; i++) start[ix.entity[i] + 1]++;
  for (let g = 0; g < N; g++) start[g + 1] += start[g];
  const fill = start.slice(0, N);
  const periods = new Int32Array(n);
  for (let i = 0; i < n; i++) periods[fill[ix.entity[i]]++] = ix.time[i];
  for (let g = 0; g < N; g++) {
    const a = start[g], b = start[g + 1];
    const inv = 1 / (b - a);
    for (let p = a; p < b; p++) {
      const s = periods[p];
      for (let q = a; q < b; q++) A[s * T + periods[q]] -= inv;
    }
  }
  const { perm, rank, L } = pivotedCholesky(A, T);
  const absorbed = N + rank;
  const apply = (x: Float64Array): Float64Array => {
    const r = removeMeans(x, ix.entity, ix.countsByEntity);
    const b = new Float64Array(T);
    for (let i = 0; i < n; i++) b[ix.time[i]] += r[i];
    const bp = new Float64Array(rank);
    for (let j = 0; j < rank; j++) bp[j] = b[perm[j]];
    const gp = solveLower(L, rank, bp);
    const gamma = new Float64Array(T);
    for (let j = 0; j < rank; j++) gamma[perm[j]] = gp[j];
    // M_e D_t gamma = gamma_t - mean of gamma over the entity's periods
    const gbar = new Float64Array(N);
    for (let i = 0; i < n; i++) gbar[ix.entity[i]] += gamma[ix.time[i]];
    for (let g = 0; g < N; g++) gbar[g] /= ix.countsByEntity[g];
    for (let i = 0; i < n; i++) r[i] -= gamma[ix.time[i]] - gbar[ix.entity[i]];
    return r;
  };
  return { effects, absorbed, apply };
}
