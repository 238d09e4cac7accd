/**
 * Classing continuous values into ordered states for the Markov chains of lib/dynamics: quantile breaks
 * (as mapclassify's `Quantiles`, used by giddy) and assignment by upper bounds.
 */

/**
 * Quantile breaks: the k − 1 inner quantiles at j/k (R `quantile` type 7, numpy's default linear rule).
 * @param values finite numbers
 * @param k number of classes (≥ 2)
 * @throws `quantileBreaks: k must be an integer ≥ 2, got 1`
 * @example quantileBreaks([1, 2, 3, 4, 5], 2) // [3]
 */
export function quantileBreaks(values: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`quantileBreaks: k must be an integer ≥ 2, got ${k}`);
  const s = Float64Array.from(values).sort();
  if (s.length === 0) throw new Error("quantileBreaks: no values");
  const out: number[] = [];
  for (let j = 1; j < k; j++) {
    const h = (s.length - 1) * (j / k);
    const lo = Math.floor(h), hi = Math.min(lo + 1, s.length - 1);
    out.push(s[lo] + (h - lo) * (s[hi] - s[lo]));
  }
  return out;
}

/**
 * The class of each value: the number of breaks strictly below it, so class j holds b_{j−1} < y ≤ b_j
 * (upper bounds inclusive, as mapclassify). Classes run 0..breaks.length.
 * @throws `classify: breaks must be increasing`
 * @example Array.from(classify([1, 3, 4], [3])) // [0, 0, 1]
 */
export function classify(values: ArrayLike<number>, breaks: readonly number[]): Int32Array {
  for (let j = 1; j < breaks.length; j++) if (!(breaks[j] > breaks[j - 1])) throw new Error(`classify: breaks must be increasing (${breaks.join(", ")})`);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = 0;
    while (c < breaks.length && values[i] > breaks[c]) c++;
    out[i] = c;
  }
  return out;
}
