/**
 * Number, p-value and significance formatting shared by every summary and table in `lib/`.
 */

/**
 * Significance stars: one star per cutoff the p-value is below (strictly).
 *
 * Long name: significance markers (economics convention * p < 0.1, ** p < 0.05, *** p < 0.01 by default).
 * @param p p-value
 * @param cutoffs thresholds in any order (default [0.1, 0.05, 0.01])
 * @returns "", "*", "**", ... ("" for NaN)
 * @throws when a cutoff is not in (0, 1]
 * @example stars(0.03)                      // "**"
 * stars(0.0004, [0.05, 0.01, 0.001])         // "***"
 */
export function stars(p: number, cutoffs: readonly number[] = [0.1, 0.05, 0.01]): string {
  for (const c of cutoffs) {
    if (!(c > 0 && c <= 1)) throw new Error(`stars: cutoffs must be in (0, 1], got ${c}`);
  }
  if (!Number.isFinite(p)) return "";
  let k = 0;
  for (const c of cutoffs) if (p < c) k++;
  return "*".repeat(k);
}

/** Legend line for {@link stars}. @example starsLegend() // "*** p < 0.01, ** p < 0.05, * p < 0.1" */
export function starsLegend(cutoffs: readonly number[] = [0.1, 0.05, 0.01]): string {
  const sorted = [...cutoffs].sort((a, b) => a - b);
  return sorted.map((c, i) => `${"*".repeat(sorted.length - i)} p < ${c}`).join(", ");
}

/**
 * Format a number for display with `digits` significant digits, switching to scientific notation for very
 * large or small magnitudes (like R's `format(x, digits = 6)` for a single value): the one number format of
 * every summary, table and caption in lib/.
 *
 * Long name: significant-digit number formatting.
 * @param x value (NaN, null and undefined print "NA"; ±Infinity "Inf"/"-Inf")
 * @param digits significant digits (default 6)
 * @throws `formatNumber: digits must be an integer from 1 to 21 (got 0)`
 * @example formatNumber(3.14159265)   // "3.14159"
 * formatNumber(0.000012345)           // "1.2345e-05"
 * formatNumber(123456789)             // "123456789"
 * formatNumber(0.5, 2)                // "0.5"
 */
export function formatNumber(x: number | null | undefined, digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) throw new Error(`formatNumber: digits must be an integer from 1 to 21 (got ${digits})`);
  if (x === null || x === undefined || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  x = x as number;
  if (x === 0) return "0";
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 10 ** 15) {
    const s = Number(x.toPrecision(digits));
    // avoid exponent for integers of more than `digits` digits
    if (ax >= 10 ** digits) return String(Math.round(x));
    return String(s);
  }
  const [mant, exp] = x.toExponential(digits - 1).split("e");
  const m = String(Number(mant));
  const e = Number(exp);
  return `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** @deprecated the same as {@link formatNumber}. */
export const formatSignificant = formatNumber;

/**
 * Format a p-value like R's `format.pval(p, digits = 4)`: values below `eps` print as "< 2.2e-16".
 * @example formatPValue(0.0123456) // "0.01235"
 * formatPValue(1e-20)              // "< 2.2e-16"
 */
export function formatPValue(p: number, digits = 4, eps = 2.220446049250313e-16): string {
  if (!Number.isFinite(p)) return "NA";
  if (p < eps) return "< 2.2e-16";
  return formatNumber(p, digits);
}

/**
 * Fixed decimals for a table column (like `toFixed`, but NaN prints "NA" and -0 prints "0").
 * @example formatFixed(2.5, 3) // "2.500"
 */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NA" : x > 0 ? "Inf" : "-Inf";
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Escape text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'` — the one HTML
 * escaper of lib/ (summaries, tables, figure captions, markdown with data).
 *
 * Long name: HTML text escaping.
 * @param s text (numbers and other values are converted with `String`)
 * @example escapeHtml('a<b & "c"') // "a&lt;b &amp; &quot;c&quot;"
 */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
