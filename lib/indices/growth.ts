import { fmt } from "./internal";

function checkPositive(fn: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${fn}: ${name} must be a finite number (got ${x})`);
  if (x <= 0) throw new Error(`${fn}: ${name} must be > 0 (got ${fmt(x)}); compound growth between a non-positive and a positive value is undefined`);
}

function resolveYears(fn: string, years: number | { from: number; to: number }): number {
  const n = typeof years === "number" ? years : (years?.to ?? NaN) - (years?.from ?? NaN);
  if (!Number.isFinite(n)) throw new Error(`${fn}: the number of years must be a finite number (or { from, to } years)`);
  if (n <= 0) throw new Error(`${fn}: the number of years must be > 0 (got ${fmt(n)})`);
  return n;
}

/**
 * Compound annual growth rate (年均复合增长率): the constant yearly rate that takes `start` to `end` in
 * `years` years, r = (end / start)^(1/years) − 1.
 *
 * Source: the compound-interest identity end = start·(1 + r)^years (e.g. OECD Glossary, "compound annual growth rate").
 *
 * @param start value at the start (> 0)
 * @param end value at the end (> 0)
 * @param years elapsed years (> 0, may be fractional), or `{ from, to }` calendar years
 * @returns the rate as a fraction (0.1 = 10% a year)
 * @throws when start or end is ≤ 0 or not finite, or years ≤ 0
 * @example
 * cagr(100, 200, 5)                   // 0.1486983549970351
 * cagr(100, 121, { from: 2010, to: 2012 }) // 0.10000000000000009
 */
export function cagr(start: number, end: number, years: number | { from: number; to: number }): number {
  const fn = "cagr";
  checkPositive(fn, "start", start);
  checkPositive(fn, "end", end);
  const n = resolveYears(fn, years);
  return Math.pow(end / start, 1 / n) - 1;
}

/**
 * Doubling time (翻番年数) at a constant growth rate: t = ln 2 / ln(1 + r), exactly (the "rule of 70",
 * 70 / (100 r), is its approximation for small r).
 *
 * Source: compound growth identity 2 = (1 + r)^t.
 *
 * @param rate yearly growth rate as a fraction (> 0; 0.1 = 10%)
 * @returns years to double (fractional)
 * @throws when rate ≤ 0 (the value never doubles) or is not finite
 * @example
 * yearsToDouble(0.1)  // 7.2725408973417185
 * yearsToDouble(0.12) // 6.116255374199705
 */
export function yearsToDouble(rate: number): number {
  const fn = "yearsToDouble";
  if (typeof rate !== "number" || !Number.isFinite(rate)) throw new Error(`${fn}: rate must be a finite number (got ${rate})`);
  if (rate <= 0) throw new Error(`${fn}: rate is ${fmt(rate)}; a value growing at a rate ≤ 0 never doubles`);
  return Math.LN2 / Math.log1p(rate);
}

/**
 * Required growth rate (目标所需年均增速): the constant yearly rate that takes `current` to `target` in the
 * given number of years, r = (target / current)^(1/years) − 1 — e.g. "double by 2012" from 2009 is
 * requiredRate(1, 2, { from: 2009, to: 2012 }) = 2^(1/3) − 1.
 *
 * Source: compound growth identity target = current·(1 + r)^years.
 *
 * @param current the value now (> 0)
 * @param target the value to reach (> 0)
 * @param years years available (> 0), or `{ from, to }` calendar years
 * @returns the rate as a fraction; negative when the target is below the current value
 * @throws when current or target is ≤ 0 or not finite, or years ≤ 0
 * @example
 * requiredRate(1, 2, { from: 2009, to: 2012 }) // 0.2599210498948732
 */
export function requiredRate(current: number, target: number, years: number | { from: number; to: number }): number {
  const fn = "requiredRate";
  checkPositive(fn, "current", current);
  checkPositive(fn, "target", target);
  const n = resolveYears(fn, years);
  return Math.pow(target / current, 1 / n) - 1;
}

/**
 * Value after compounding: value·(1 + rate)^years.
 * @param value starting value
 * @param rate yearly rate as a fraction (> −1)
 * @param years number of years (≥ 0)
 * @throws when an argument is not finite, rate ≤ −1 or years < 0
 * @example compound(100, 0.1, 2) // 121.00000000000001
 */
export function compound(value: number, rate: number, years: number): number {
  const fn = "compound";
  for (const [k, v] of [["value", value], ["rate", rate], ["years", years]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: ${k} must be a finite number (got ${v})`);
  }
  if (rate <= -1) throw new Error(`${fn}: rate must be > −1 (got ${fmt(rate)})`);
  if (years < 0) throw new Error(`${fn}: years must be ≥ 0 (got ${fmt(years)})`);
  return value * Math.pow(1 + rate, years);
}
