import { locationQuotientWide } from "../indices/locationQuotient";

/**
 * Derived variables of the provincial panel (datasets/china-provinces/derived.csv), computed
 * here — never typed in — and labelled `_derived` in their column names.
 *
 * Financial value added (金融业增加值) exists only for 2014–2022 (NBS API, PROVENANCE.md §6.2, 4th-census
 * vintage): its share and location quotient use GDP of the same vintage. For the longer window the
 * financial-depth proxy's location quotient uses the stock of RMB loans plus
 * deposits of financial institutions (存贷款余额) relative to GDP, a financial-depth measure
 * long used for Chinese provinces (see datasets/china-provinces/README.md for the literature).
 */

/** The panel columns the derivation reads (one entry per province-year, NaN = missing). */
export interface ProvincePanelColumns {
  adcode: readonly string[];
  year: readonly number[];
  gdp_100m_cny: readonly number[];
  gdp_100m_cny_release2020_2024: readonly number[];
  population_yearend_10k_persons: readonly number[];
  rmb_loans_outstanding_yearend_100m_cny: readonly number[];
  rmb_deposits_outstanding_yearend_100m_cny: readonly number[];
  per_capita_disposable_income_cny: readonly number[];
  local_general_budget_expenditure_100m_cny: readonly number[];
  /** 金融业增加值, 2014–2022, post-4th-census vintage (the vintage of gdp_100m_cny_release2020_2024) */
  financial_value_added_100m_cny: readonly number[];
}

/** Names of the derived columns, in file order (after `adcode`, `year`). */
export const PROVINCE_DERIVED_COLUMNS = [
  "gdp_per_capita_cny_derived",
  "gdp_per_capita_cny_release2020_2024_derived",
  "loans_plus_deposits_100m_cny_derived",
  "financial_depth_ratio_derived",
  "financial_depth_ratio_release2020_2024_derived",
  "financial_depth_lq_derived",
  "financial_depth_lq_release2020_2024_derived",
  "ln_gdp_100m_cny_derived",
  "ln_gdp_per_capita_cny_derived",
  "ln_gdp_per_capita_cny_release2020_2024_derived",
  "ln_population_yearend_10k_persons_derived",
  "ln_per_capita_disposable_income_cny_derived",
  "ln_local_general_budget_expenditure_100m_cny_derived",
  "ln_loans_plus_deposits_100m_cny_derived",
  "financial_va_share_release2020_2024_derived",
  "financial_va_lq_release2020_2024_derived",
  "ln_financial_value_added_100m_cny_derived",
] as const;

/** One of the derived column names. */
export type ProvinceDerivedColumn = (typeof PROVINCE_DERIVED_COLUMNS)[number];

function lnPositive(x: number, name: string, adcode: string, year: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!(x > 0)) throw new Error(`deriveProvinceVariables: log of non-positive ${name} = ${x} (${adcode}, ${year})`);
  return Math.log(x);
}

/**
 * Year-by-year location quotient of a ratio, (num_i / den_i) / (Σ num / Σ den) over the regions of
 * each year, computed by `locationQuotientWide` of `lib/indices`. A year in which any region lacks num
 * or den gets NaN for every region (no quotient against a partial total).
 * @param num numerator per row (e.g. loans + deposits), NaN = missing
 * @param den denominator per row (e.g. GDP)
 * @param year period per row
 * @param region region id per row (unique within a year)
 * @throws what `locationQuotientWide` throws (negative values, a zero denominator, a region twice in a year)
 * @example ratioLocationQuotientByYear([1, 3], [2, 2], [2000, 2000], ["a", "b"]) // [0.5, 1.5]
 */
export function ratioLocationQuotientByYear(num: readonly number[], den: readonly number[], year: readonly number[], region: readonly string[]): number[] {
  const incomplete = new Set<number>();
  for (let i = 0; i < year.length; i++) if (Number.isNaN(num[i]) || Number.isNaN(den[i])) incomplete.add(year[i]);
  const rows: number[] = [];
  for (let i = 0; i < year.length; i++) if (!incomplete.has(year[i])) rows.push(i);
  const out = new Array<number>(year.length).fill(NaN);
  if (rows.length === 0) return out;
  const lq = locationQuotientWide(
    { region: rows.map((i) => region[i]), year: rows.map((i) => year[i]), num: rows.map((i) => num[i]), den: rows.map((i) => den[i]) },
    { region: "region", time: "year", numerator: "num", denominator: "den" },
  ).column("lq").values as number[];
  rows.forEach((i, k) => { out[i] = lq[k]; });
  return out;
}

/**
 * Compute the derived columns of the provincial panel.
 * GDP per capita = GDP (亿元) × 10⁴ / year-end resident population (万人), in 元; NBS's published
 * 人均地区生产总值 divides by the *average* population of the year, so these values differ slightly
 * from the official figures. Financial depth ratio = (loans + deposits) / GDP; its location quotient
 * divides by the same ratio of the 31-province totals of the year.
 * @param p panel columns (NaN for missing)
 * @returns one array per derived column, aligned with the input rows; NaN where an input is missing
 * @throws `deriveProvinceVariables: log of non-positive …` if a logged variable is ≤ 0
 * @example
 * // 北京 2006: GDP 8618.9 亿元, year-end population 1601 万人
 * deriveProvinceVariables(panelColumns).gdp_per_capita_cny_derived[i] // 53834.47845096815 元
 */
export function deriveProvinceVariables(p: ProvincePanelColumns): Record<ProvinceDerivedColumn, number[]> {
  const n = p.adcode.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  const gdp = p.gdp_100m_cny;
  const gdp20 = p.gdp_100m_cny_release2020_2024;
  const pop = p.population_yearend_10k_persons;
  const fva = p.financial_value_added_100m_cny;
  const fin = idx.map((i) => p.rmb_loans_outstanding_yearend_100m_cny[i] + p.rmb_deposits_outstanding_yearend_100m_cny[i]);
  const pc = idx.map((i) => (gdp[i] * 1e4) / pop[i]);
  const pc20 = idx.map((i) => (gdp20[i] * 1e4) / pop[i]);
  const ln = (xs: readonly number[], name: string) => idx.map((i) => lnPositive(xs[i], name, p.adcode[i], p.year[i]));
  // logs first: a non-positive input is reported by name before any quotient is attempted
  const out = {
    gdp_per_capita_cny_derived: pc,
    gdp_per_capita_cny_release2020_2024_derived: pc20,
    loans_plus_deposits_100m_cny_derived: fin,
    financial_depth_ratio_derived: idx.map((i) => fin[i] / gdp[i]),
    financial_depth_ratio_release2020_2024_derived: idx.map((i) => fin[i] / gdp20[i]),
    ln_gdp_100m_cny_derived: ln(gdp, "gdp_100m_cny"),
    ln_gdp_per_capita_cny_derived: ln(pc, "gdp_per_capita_cny_derived"),
    ln_gdp_per_capita_cny_release2020_2024_derived: ln(pc20, "gdp_per_capita_cny_release2020_2024_derived"),
    ln_population_yearend_10k_persons_derived: ln(pop, "population_yearend_10k_persons"),
    ln_per_capita_disposable_income_cny_derived: ln(p.per_capita_disposable_income_cny, "per_capita_disposable_income_cny"),
    ln_local_general_budget_expenditure_100m_cny_derived: ln(p.local_general_budget_expenditure_100m_cny, "local_general_budget_expenditure_100m_cny"),
    ln_loans_plus_deposits_100m_cny_derived: ln(fin, "loans_plus_deposits_100m_cny_derived"),
    ln_financial_value_added_100m_cny_derived: ln(fva, "financial_value_added_100m_cny"),
    // financial value added is of the 4th-census vintage: only ever divided by GDP of the same vintage
    financial_va_share_release2020_2024_derived: idx.map((i) => fva[i] / gdp20[i]),

  };
  return {
    ...out,
    financial_depth_lq_derived: ratioLocationQuotientByYear(fin, gdp, p.year, p.adcode),
    financial_depth_lq_release2020_2024_derived: ratioLocationQuotientByYear(fin, gdp20, p.year, p.adcode),
    financial_va_lq_release2020_2024_derived: ratioLocationQuotientByYear(fva, gdp20, p.year, p.adcode),
  };
}
