/** One year-over-year growth rate of {@link yearOverYearGrowth}. */
export interface GrowthRate {
  /** The later year of the pair (the year the growth is reported for). */
  year: number;
  /** Growth from the previous year, V_t / V_{t−1} − 1 (0.079 = 7.9%). */
  growth: number;
}

/**
 * Year-over-year growth rates (同比增长率, 环比年增长率) of a yearly series of levels:
 * g_t = V_t / V_{t−1} − 1 for every pair of consecutive years. The years must be consecutive integers: a gap
 * (2012 → 2014) would silently turn a two-year change into a "yearly" rate, so it is an error (use `cagr` from
 * `lib/indices` for a rate over several years).
 *
 * Source: the definition of a growth rate as a ratio of levels, e.g. OECD *Glossary of Statistical Terms*,
 * "growth rates"; NBS reports 增长率 on the same definition (for current-price levels: nominal growth).
 *
 * @param levels the levels V_t, one per year, > 0 and finite (volumes, current-price GDP …)
 * @param years the years of the levels, strictly increasing consecutive integers, same length as `levels`
 * @param name what the series is (used in error messages), default "series"
 * @returns one `{ year, growth }` per year after the first, in order
 * @throws when the lengths differ or are < 2, a level is missing, non-finite or ≤ 0 (the message names the year),
 *   or the years are not consecutive integers (the message names the gap)
 * @example
 * yearOverYearGrowth([100, 110, 99], [2016, 2017, 2018])
 * // [{ year: 2017, growth: 0.10000000000000009 }, { year: 2018, growth: -0.09999999999999998 }]
 */
export function yearOverYearGrowth(levels: ArrayLike<number>, years: ArrayLike<number>, name = "series"): GrowthRate[] {
  const fn = "yearOverYearGrowth";
  if (levels === undefined || years === undefined) throw new Error(`${fn}: arguments (levels, years) are required`);
  if (levels.length !== years.length) throw new Error(`${fn}: ${name} has ${levels.length} levels but ${years.length} years`);
  if (levels.length < 2) throw new Error(`${fn}: ${name} needs at least two years (got ${levels.length})`);
  for (let i = 0; i < years.length; i++) {
    const y = years[i];
    if (typeof y !== "number" || !Number.isInteger(y)) throw new Error(`${fn}: ${name}: year at position ${i} is ${String(y)}, not an integer`);
    if (i > 0 && y !== years[i - 1] + 1) {
      throw new Error(`${fn}: ${name}: years ${years[i - 1]} and ${y} are not consecutive; a yearly rate needs consecutive years (use cagr for a multi-year rate)`);
    }
    const v = levels[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: ${name}: level in ${y} is missing or not finite (${String(v)})`);
    if (v <= 0) throw new Error(`${fn}: ${name}: level in ${y} is ${v}; growth rates need positive levels`);
  }
  const out: GrowthRate[] = [];
  for (let i = 1; i < levels.length; i++) out.push({ year: years[i], growth: levels[i] / levels[i - 1] - 1 });
  return out;
}
