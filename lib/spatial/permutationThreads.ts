/**
 * The permutation distribution of Moran's I in blocks of seeded streams, on several threads.
 *
 * Each permutation is a full Fisher–Yates shuffle of the n centred values and one pass over the upper triangle
 * of W + W' (I_k = f · Σ_i z_i Σ_{j>i} (w_ij + w_ji) z_j). At n = 1,000,000 that is about 10 ms per
 * permutation on one core, so for large n the R permutations are cut into blocks of {@link PERMUTATION_BLOCK};
 * block b starts from the data order and shuffles with its own generator state `rngStreamState(seed, b)`.
 * The blocks do not depend on one another, so threads can take them in any order and the result (every
 * permuted I, in order) is the same on 1 thread or 8.
 *
 * Geary's C uses the same blocks with Σ v_ij (z_i − z_j)² ({@link upperSquaredDifferences}) in place of the cross product.
 * The blocks run through lib/core/threads (`runTasks`): worker threads run the source text of the block kernel,
 * {@link shuffleFloat64State} and the statistic (self-contained functions for this reason) over
 * SharedArrayBuffers, and the call stays synchronous.
 */
import { rng, rngStreamState, shuffleFloat64State } from "../random/rng";
import { runTasks, type RunTasksOptions, type ThreadData } from "../core/threads";

/** Permutations per stream (block) in the blocked scheme. */
export const PERMUTATION_BLOCK = 64;

/** Number of regions from which `moran` draws its permutations in blocks of streams (and may use threads). */
export const BLOCKED_PERMUTATIONS_MIN_N = 100_000;

/** The upper triangle of W + W' in compressed rows: row i holds (j, w_ij + w_ji) for j > i. */
export interface UpperTriangle {
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

/**
 * z'Wz from the upper triangle of W + W': Σ_i z_i Σ_{j>i} v_ij z_j. Self-contained (its source also runs in
 * worker threads).
 *
 * Long name: quadratic form over a compressed upper triangle.
 * @example upperCross(Int32Array.of(0, 1, 1), Int32Array.of(1), Float64Array.of(2), Float64Array.of(1, 3)) // 6
 */
export function upperCross(rowPtr: Int32Array, cols: Int32Array, vals: Float64Array, z: Float64Array): number {
  const n = rowPtr.length - 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1];
    let t = 0;
    for (let k = rowPtr[i]; k < end; k++) t += vals[k] * z[cols[k]];
    s += z[i] * t;
  }
  return s;
}

/**
 * Σ_ij w_ij (z_i − z_j)² from the upper triangle of W + W': Σ_i Σ_{j>i} v_ij (z_i − z_j)² (Geary's numerator).
 * Self-contained (its source also runs in worker threads).
 *
 * Long name: sum of weighted squared differences over a compressed upper triangle.
 * @example upperSquaredDifferences(Int32Array.of(0, 1, 1), Int32Array.of(1), Float64Array.of(2), Float64Array.of(1, 3)) // 8
 */
export function upperSquaredDifferences(rowPtr: Int32Array, cols: Int32Array, vals: Float64Array, z: Float64Array): number {
  const n = rowPtr.length - 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1];
    const zi = z[i];
    for (let k = rowPtr[i]; k < end; k++) {
      const dz = zi - z[cols[k]];
      s += vals[k] * dz * dz;
    }
  }
  return s;
}

/**
 * The upper triangle of W + W' from the weights' rows (an entry for every linked pair, one-way links
 * included), columns ascending within each row.
 *
 * Long name: symmetrized upper triangle of a weights matrix.
 * @param n number of regions
 * @param neighbors neighbours of each region (0-based, ascending)
 * @param weights the weights, aligned with `neighbors`
 * @example upperTriangle(2, [[1], [0]], [[0.5], [1]]).vals // Float64Array [1.5]
 */
export function upperTriangle(n: number, neighbors: readonly ArrayLike<number>[], weights: readonly ArrayLike<number>[]): UpperTriangle {
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const nb = neighbors[i];
    for (let k = 0; k < nb.length; k++) {
      const j = nb[k];
      if (j === i) continue;
      count[Math.min(i, j) + 1]++;
    }
  }
  // a pair linked both ways is counted twice: room for both halves, merged below
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + count[i + 1];
  const cols = new Int32Array(start[n]);
  const vals = new Float64Array(start[n]);
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) {
    const nb = neighbors[i];
    const wt = weights[i];
    for (let k = 0; k < nb.length; k++) {
      const j = nb[k];
      if (j === i) continue;
      const r = Math.min(i, j);
      const p = fill[r]++;
      cols[p] = Math.max(i, j);
      vals[p] = wt[k];
    }
  }
  // sort each row by column and add the two halves of a pair (compacting in place: out ≤ a)
  const rowPtr = new Int32Array(n + 1);
  let out = 0;
  for (let r = 0; r < n; r++) {
    const a = start[r], b = start[r + 1];
    for (let p = a + 1; p < b; p++) { // insertion sort by column (rows are short; stable)
      const c = cols[p], v = vals[p];
      let q = p - 1;
      while (q >= a && cols[q] > c) { cols[q + 1] = cols[q]; vals[q + 1] = vals[q]; q--; }
      cols[q + 1] = c;
      vals[q + 1] = v;
    }
    rowPtr[r] = out;
    for (let p = a; p < b; p++) {
      if (out > rowPtr[r] && cols[out - 1] === cols[p]) vals[out - 1] += vals[p];
      else { cols[out] = cols[p]; vals[out] = vals[p]; out++; }
    }
  }
  rowPtr[n] = out;
  return { rowPtr, cols: cols.slice(0, out), vals: vals.slice(0, out) };
}

/**
 * Task b of the blocked permutations: permutations b·B … min(R, (b + 1)·B) − 1 from the data order with the
 * state words of stream b. Self-contained (it also runs in worker threads, see lib/core/threads).
 */
function permutationBlockKernel(b: number, d: ThreadData, h: Record<string, (...args: never[]) => unknown>): void {
  const z = d.z as Float64Array;
  if (d.zp === undefined) d.zp = new Float64Array(z.length);
  const zp = d.zp as Float64Array;
  zp.set(z);
  const states = d.states as Int32Array;
  const st = states.subarray(4 * b, 4 * b + 4);
  const out = d.out as Float64Array;
  const block = d.block as number;
  const f = d.f as number;
  const shuffle = h.shuffle as (a: Float64Array, s: Int32Array) => void;
  const stat = h.stat as (r: Int32Array, c: Int32Array, v: Float64Array, z: Float64Array) => number;
  const end = Math.min(d.permutations as number, (b + 1) * block);
  for (let k = b * block; k < end; k++) {
    shuffle(zp, st);
    out[k] = f * stat(d.rowPtr as Int32Array, d.cols as Int32Array, d.vals as Float64Array, zp);
  }
}

/**
 * The permuted values f · z_π'Wz_π (Moran) or f · Σ w_ij (z_π,i − z_π,j)² (Geary) of R permutations in blocks of
 * streams, on `threads` threads.
 *
 * Long name: blocked, multi-threaded permutation distribution of a quadratic form.
 * @param z the centred values (not modified)
 * @param upper the upper triangle of W + W' ({@link upperTriangle})
 * @param f the factor n / (S0 · z'z)
 * @param permutations R
 * @param seed the seed of the streams
 * @param threads threads to use, the calling one included (1 = no worker)
 * @param fn the calling function's name, for errors
 * @returns the R permuted values, and how many blocks the worker threads computed (the rest ran on the caller)
 * @param runOptions options of lib/core/threads' runTasks (tests: `{ callerTakesTasks: false }`)
 * @param statistic "cross" ({@link upperCross}, default) or "squaredDifferences" ({@link upperSquaredDifferences})
 * @throws `moran: a worker thread failed: …` (see lib/core/threads)
 * @example blockedPermutations(z, upperTriangle(n, nb, wt), f, 999, 1, 2, "moran").values // Float64Array(999)
 */
export function blockedPermutations(z: Float64Array, upper: UpperTriangle, f: number, permutations: number, seed: number,
  threads: number, fn: string, runOptions?: RunTasksOptions, statistic: "cross" | "squaredDifferences" = "cross"): { values: Float64Array; workerBlocks: number } {
  const blocks = Math.ceil(permutations / PERMUTATION_BLOCK);
  const states = new Int32Array(4 * blocks);
  for (let b = 0; b < blocks; b++) states.set(rngStreamState(seed, b), 4 * b);
  const out = new Float64Array(permutations);
  const stat = statistic === "cross" ? upperCross : upperSquaredDifferences;
  const workerBlocks = runTasks(permutationBlockKernel, { shuffle: shuffleFloat64State, stat },
    { z, rowPtr: upper.rowPtr, cols: upper.cols, vals: upper.vals, states, out, permutations, block: PERMUTATION_BLOCK, f },
    ["out"], blocks, threads, fn, runOptions);
  return { values: out, workerBlocks };
}

/**
 * The permutation distribution of a global statistic f · stat(z_π) (Moran's z'Wz or Geary's Σ w (z_i − z_j)²)
 * and its observed value through the same sum (so that a permutation equal to the data counts as a tie): below
 * {@link BLOCKED_PERMUTATIONS_MIN_N} regions one stream, `rng(seed).shuffle` of the centred values once per
 * permutation; from there up the blocks of {@link blockedPermutations} on `threads` threads.
 *
 * Long name: permutation distribution of a global spatial statistic.
 * @param z the centred values (not modified)
 * @param w the weights (rows aligned with z)
 * @param f the statistic's factor
 * @param permutations R
 * @param seed the seed
 * @param threads threads for the blocked scheme
 * @param fn the calling function's name, for errors
 * @param statistic "cross" (Moran) or "squaredDifferences" (Geary)
 * @returns observed value, the R permuted values and the scheme's words for the report ("" or " in blocks of 64 streams")
 * @example globalPermutations(z, w, f, 999, 1, 2, "moran", "cross").simulated.length // 999
 */
export function globalPermutations(z: Float64Array, w: { n: number; neighbors: readonly ArrayLike<number>[]; weights: readonly ArrayLike<number>[] },
  f: number, permutations: number, seed: number, threads: number, fn: string, statistic: "cross" | "squaredDifferences"):
  { observed: number; simulated: Float64Array; scheme: string } {
  const upper = upperTriangle(w.n, w.neighbors, w.weights);
  const stat = statistic === "cross" ? upperCross : upperSquaredDifferences;
  const observed = f * stat(upper.rowPtr, upper.cols, upper.vals, z);
  if (w.n >= BLOCKED_PERMUTATIONS_MIN_N) {
    const simulated = blockedPermutations(z, upper, f, permutations, seed, threads, fn, undefined, statistic).values;
    return { observed, simulated, scheme: ` in blocks of ${PERMUTATION_BLOCK} streams` };
  }
  const r = rng(seed);
  const zp = Float64Array.from(z);
  const simulated = new Float64Array(permutations);
  for (let k = 0; k < permutations; k++) {
    r.shuffle(zp);
    simulated[k] = f * stat(upper.rowPtr, upper.cols, upper.vals, zp);
  }
  return { observed, simulated, scheme: "" };
}
