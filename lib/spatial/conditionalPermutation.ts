/**
 * Conditional randomization shared by the local statistics of lib/spatial (localG, localGeary, localMoranBV):
 * region i keeps its own value, and its k_i neighbours' values are replaced by a sample without replacement from
 * the other n − 1 regions (Anselin 1995, "Local indicators of spatial association — LISA", *Geographical
 * Analysis* 27(2)), by a partial Fisher–Yates shuffle of one shared index pool in which a draw of i is redrawn.
 */
import { rng } from "../random/rng";
import { runTasks, type RunTasksOptions, type ThreadData } from "../core/threads";

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
  /** Tasks (ranges of regions) run by worker threads ({@link sharedConditionalPermutation} only). */
  workerTasks?: number;
}

/** Region i's summaries from R replicates: `larger` of them ≥ the observed value, sum s, sum of squares ss (NaN throughout for a region without neighbours). */
function summarize(out: ConditionalPermutationResult, i: number, observed: number, larger: number, s: number, ss: number, R: number): void {
  const mu = s / R;
  const vs = R > 1 ? (ss - R * mu * mu) / (R - 1) : 0;
  out.pSim[i] = (Math.min(larger, R - larger) + 1) / (R + 1);
  out.upper[i] = larger / R;
  out.meanSim[i] = mu;
  out.varianceSim[i] = vs;
  out.zSim[i] = (observed - mu) / Math.sqrt(vs);
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
    if (k === 0) { summarize(out, i, NaN, NaN, NaN, NaN, R); continue; }
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
    summarize(out, i, observed[i], larger, s, ss, R);
  }
  return out;
}

/** Regions above which `permutationDraws: "auto"` uses the shared draws of {@link sharedConditionalPermutation}. */
export const SHARED_DRAWS_ABOVE = 100_000;

/** How the conditional permutations are drawn: per region, or one shared set of draws (esda's `crand`). */
export type PermutationDraws = "per-region" | "shared";

/**
 * Resolve the `permutationDraws` option: `"auto"` (default) is "per-region" up to {@link SHARED_DRAWS_ABOVE}
 * regions and "shared" above.
 * @throws `fn: permutationDraws must be "auto", "per-region" or "shared", got "x"`
 * @example resolvePermutationDraws(undefined, 49, "localMoran") // "per-region"
 */
export function resolvePermutationDraws(option: unknown, n: number, fn: string): PermutationDraws {
  const o = option ?? "auto";
  if (o === "per-region" || o === "shared") return o;
  if (o === "auto") return n > SHARED_DRAWS_ABOVE ? "shared" : "per-region";
  throw new Error(`${fn}: permutationDraws must be "auto", "per-region" or "shared", got ${JSON.stringify(option)}`);
}

/**
 * Conditional randomization with one shared set of draws for every region, as PySAL esda's `crand` does:
 * R random orderings of 0..n−2, truncated to k_max = max k_i, are drawn once; region i maps index u to
 * u + (u ≥ i), so its k_i picks are a sample without replacement from the other n − 1 regions. For a statistic
 * linear in the neighbours' slot values, stat_i = scale_i · Σ_t w_it · v[pick_t], the slot values are kept
 * up to date while i runs from 0 to n − 1 (each (replicate, slot) changes once, when i passes its index), so a
 * region costs R·k_i multiply-adds on a contiguous R × k_max block: linear in n, no n × R matrix.
 * Draws are shared across regions (their p-values are not independent — as in esda), so the numbers differ from
 * {@link conditionalPermutation}'s within Monte Carlo error.
 * @param rowPtr CSR row pointers of the weights
 * @param slotWeights CSR values w_it (slot t of row i)
 * @param v the value that enters each slot (z for local Moran)
 * @param scale the factor of region i (z_i / m2 for local Moran)
 * @param observed the observed statistic per region
 * @param R replicates
 * @param seed generator seed
 * @param threads threads (lib/core/threads; default 1): regions are cut into ranges of 4,096 that start from their own
 *   slot values, so the result is the same on any number of threads
 * @param fn the calling function's name, for errors
 * @param chunk regions per task (default 4,096; the result does not depend on it)
 * @param runOptions options of lib/core/threads' runTasks (tests: `{ callerTakesTasks: false }`)
 * @throws `localMoran: a worker thread failed: …` (see lib/core/threads)
 * @example sharedConditionalPermutation(Int32Array.from([0, 1, 2]), Float64Array.from([1, 1]), Float64Array.from([1, -1]), Float64Array.from([1, 1]), Float64Array.from([0, 0]), 9, 1).pSim.length // 2
 */
export function sharedConditionalPermutation(rowPtr: Int32Array, slotWeights: Float64Array, v: Float64Array, scale: Float64Array,
  observed: Float64Array, R: number, seed: number, threads = 1, fn = "sharedConditionalPermutation", chunk = SHARED_DRAWS_CHUNK, runOptions?: RunTasksOptions): ConditionalPermutationResult {
  const n = rowPtr.length - 1;
  let kmax = 0;
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, rowPtr[i + 1] - rowPtr[i]);
  const out: ConditionalPermutationResult = {
    pSim: new Float64Array(n), upper: new Float64Array(n), meanSim: new Float64Array(n), varianceSim: new Float64Array(n), zSim: new Float64Array(n),
  };
  kmax = Math.min(kmax, n - 1);
  const m = n - 1;
  const ids = sharedDraws(m, kmax, R, seed);
  // (replicate, slot) entries by index, to switch them from v[u + 1] to v[u] once i passes u
  const start = new Int32Array(m + 1);
  for (let e = 0; e < ids.length; e++) start[ids[e] + 1]++;
  for (let u = 0; u < m; u++) start[u + 1] += start[u];
  const byIndex = new Int32Array(ids.length);
  const fill = start.slice(0, m);
  for (let e = 0; e < ids.length; e++) byIndex[fill[ids[e]]++] = e;
  const larger = new Float64Array(n);
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const tasks = Math.ceil(n / chunk);
  out.workerTasks = runTasks(sharedDrawsKernel, {}, { rowPtr, slotWeights, v, scale, observed, ids, start, byIndex, larger, sum, sumSq,
    n, R, kmax, chunk }, ["larger", "sum", "sumSq"], tasks, threads, fn, runOptions);
  for (let i = 0; i < n; i++) {
    if (rowPtr[i + 1] === rowPtr[i]) summarize(out, i, NaN, NaN, NaN, NaN, R);
    else summarize(out, i, observed[i], larger[i], sum[i], sumSq[i], R);
  }
  return out;
}

/** Regions per task of {@link sharedConditionalPermutation} (each task first sets its R × k_max slot values). */
export const SHARED_DRAWS_CHUNK = 4096;

/**
 * Regions task·chunk … of the shared draws: the slot values for the first region of the range (index u stands
 * for region u + 1 once the range starts at or before u, for region u before it), then as in the module comment.
 * Self-contained (it also runs in worker threads, see lib/core/threads); writes the count ≥ observed, the sum and
 * the sum of squares of the replicates per region.
 */
function sharedDrawsKernel(task: number, d: ThreadData): void {
  const n = d.n as number, R = d.R as number, kmax = d.kmax as number, chunk = d.chunk as number;
  const rowPtr = d.rowPtr as Int32Array, slotWeights = d.slotWeights as Float64Array, v = d.v as Float64Array;
  const scale = d.scale as Float64Array, observed = d.observed as Float64Array, ids = d.ids as Int32Array;
  const start = d.start as Int32Array, byIndex = d.byIndex as Int32Array;
  const larger = d.larger as Float64Array, sum = d.sum as Float64Array, sumSq = d.sumSq as Float64Array;
  if (d.slot === undefined) d.slot = new Float64Array(R * kmax);
  const slot = d.slot as Float64Array;
  const i0 = task * chunk;
  const i1 = Math.min(n, i0 + chunk);
  for (let e = 0; e < slot.length; e++) { const u = ids[e]; slot[e] = v[u >= i0 ? u + 1 : u]; }
  for (let i = i0; i < i1; i++) {
    if (i > i0) { const u = i - 1; for (let p = start[u]; p < start[u + 1]; p++) slot[byIndex[p]] = v[u]; }
    const k = rowPtr[i + 1] - rowPtr[i];
    if (k === 0) continue;
    const w0 = rowPtr[i];
    const a = scale[i];
    const obs = observed[i];
    let count = 0, s = 0, ss = 0;
    if (k === 4) { // rook lattices: the same sums, in the same order, without the inner loop
      const q0 = slotWeights[w0], q1 = slotWeights[w0 + 1], q2 = slotWeights[w0 + 2], q3 = slotWeights[w0 + 3];
      for (let rep = 0, base = 0; rep < R; rep++, base += kmax) {
        const stat = a * (q0 * slot[base] + q1 * slot[base + 1] + q2 * slot[base + 2] + q3 * slot[base + 3]);
        if (stat >= obs) count++;
        s += stat;
        ss += stat * stat;
      }
    } else {
      for (let rep = 0, base = 0; rep < R; rep++, base += kmax) {
        let lag = 0;
        for (let t = 0; t < k; t++) lag += slotWeights[w0 + t] * slot[base + t];
        const stat = a * lag;
        if (stat >= obs) count++;
        s += stat;
        ss += stat * stat;
      }
    }
    larger[i] = count;
    sum[i] = s;
    sumSq[i] = ss;
  }
}

/**
 * The draws of {@link sharedConditionalPermutation}: for each of R replicates, the first k of a uniform random
 * ordering of 0..m−1 (partial Fisher–Yates on one pool, undone after each replicate), row-major R × k.
 * @example sharedDraws(5, 2, 3, 1).length // 6
 */
export function sharedDraws(m: number, kmax: number, R: number, seed: number): Int32Array {
  const r = rng(seed);
  const ids = new Int32Array(R * kmax);
  const pool = new Int32Array(m);
  for (let j = 0; j < m; j++) pool[j] = j;
  const swappedWith = new Int32Array(kmax);
  for (let rep = 0; rep < R; rep++) {
    for (let t = 0; t < kmax; t++) {
      const j = t + r.below(m - t);
      swappedWith[t] = j;
      const pick = pool[j];
      pool[j] = pool[t];
      pool[t] = pick;
      ids[rep * kmax + t] = pick;
    }
    for (let t = kmax - 1; t >= 0; t--) { // undo the swaps, so that every replicate starts from the identity
      const j = swappedWith[t];
      const back = pool[t];
      pool[t] = pool[j];
      pool[j] = back;
    }
  }
  return ids;
}
