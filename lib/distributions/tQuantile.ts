import { tTwoSided } from "./cdf";
import { normalQuantile } from "./normalQuantile";

/**
 * Student t quantile F⁻¹(p; df), by bisection on lib/regression's two-sided t tail
 * (`tTwoSided`, a regularized incomplete beta), to about 1e-12 relative; `df = Infinity`
 * gives the normal quantile. Used for confidence-interval whiskers of models whose tests are
 * t tests (e.g. clustered panel models with G − 1 degrees of freedom), so that a whisker
 * crosses zero exactly when the table's two-sided p-value exceeds 1 − level.
 * @param p probability in (0, 1)
 * @param df degrees of freedom (> 0, or Infinity)
 * @throws `tQuantile: p must be in (0, 1), got 1`; `tQuantile: df must be positive, got 0`
 * @example tQuantile(0.975, 30) // 2.0422724563012373 (R: qt(0.975, 30) = 2.042272456301238)
 */
export function tQuantile(p: number, df: number): number {
  const fn = "tQuantile";
  if (!(p > 0 && p < 1)) throw new Error(`${fn}: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new Error(`${fn}: df must be positive, got ${df}`);
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const tail = 2 * (upper ? 1 - p : p); // two-sided tail probability of |T| > t
  let lo = 0;
  let hi = 1;
  while (tTwoSided(hi, df) > tail) { lo = hi; hi *= 2; if (hi > 1e300) break; }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (tTwoSided(mid, df) > tail) lo = mid; else hi = mid;
    if (hi - lo <= 1e-15 * hi) break;
  }
  const t = 0.5 * (lo + hi);
  return upper ? t : -t;
}
