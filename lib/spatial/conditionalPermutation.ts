/**
 * Conditional randomization shared by the local statistics of lib/spatial (localG, localGeary, localMoranBV):
 * region i keeps its own value, and its k_i neighbours' values are replaced by a sample without replacement from
 * the other n − 1 regions (Anselin 1995, "Local indicators of spatial association — LISA", *Geographical
 * Analysis* 27(2)), by a partial Fisher–Yates shuffle of one shared index pool in which a draw of i is redrawn.
 */
import { rng } from "../random/rng";

/** Permutation summaries per region. */
export interface ConditionalPermutationResult {
  /** Folded pseudo p-value (min(#≥, #<) + 1) / (R + 1), as localMoran and esda's `p_sim`. */
  pSim: Float64Array;
  /** Share of replicates ≥ the observed value (for the direction of a significant region). */
  upper: Float64Array;
  meanSim: Float64Array;
  varianceSim: Float64Array;
  /** (observed − mean) / sd of the replicates. */
  zSim: Float64Array;
}

/**
 * Run R conditional permutations for every region.
 * @param rowPtr CSR row pointers of the (neighbour) weights
 * @param observed the observed local statistic per region
 * @param R replicates per region
 * @param seed generator seed
 * @param stat the statistic of region i with neighbour slot t holding region picks[t] (t = 0..k_i − 1)
 * @example conditionalPermutation(Int32Array.from([0, 1, 2]), Float64Array.from([0, 0]), 9, 1, () => 0).pSim[0] // 0.1
 */
export function conditionalPermutation(rowPtr: Int32Array, observed: Float64Array, R: number, seed: number,
  stat: (i: number, picks: Int32Array, k: number) => number): ConditionalPermutationResult {
  const n = rowPtr.length - 1;
  const r = rng(seed);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const out: ConditionalPermutationResult = {
    pSim: new Float64Array(n), upper: new Float64Array(n), meanSim: new Float64Array(n), varianceSim: new Float64Array(n), zSim: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const k = rowPtr[i + 1] - rowPtr[i];
    if (k === 0) { out.pSim[i] = NaN; out.upper[i] = NaN; out.meanSim[i] = NaN; out.varianceSim[i] = NaN; out.zSim[i] = NaN; continue; }
    let larger = 0, s = 0, ss = 0;
    for (let rep = 0; rep < R; rep++) {
      for (let t = 0; t < k; t++) {
        let j = t + r.below(n - t);
        while (pool[j] === i) j = t + r.below(n - t);
        const pick = pool[j];
        pool[j] = pool[t];
        pool[t] = pick;
      }
      const v = stat(i, pool, k);
      if (v >= observed[i]) larger++;
      s += v;
      ss += v * v;
    }
    const mu = s / R;
    const vs = R > 1 ? (ss - R * mu * mu) / (R - 1) : 0;
    out.pSim[i] = (Math.min(larger, R - larger) + 1) / (R + 1);
    out.upper[i] = larger / R;
    out.meanSim[i] = mu;
    out.varianceSim[i] = vs;
    out.zSim[i] = (observed[i] - mu) / Math.sqrt(vs);
  }
  return out;
}
