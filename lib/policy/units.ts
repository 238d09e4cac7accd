/**
 * Units that Chinese policy texts print: land in 亩 (mu), 平方公里 (km²) and 平方米 (m²); money in 元, 万元 and 亿元.
 * Conversions are exact by definition: 1 亩 = 10000/15 m² (the market mu, 市亩), 1 km² = 1500 亩,
 * 1 万元 = 10^4 元, 1 亿元 = 10^8 元.
 */

/** Square metres per unit of area. `mu` is the market mu (市亩) = 10000/15 m² ≈ 666.67 m². */
export const SQUARE_METRES_PER: Readonly<Record<AreaUnit, number>> = Object.freeze({
  m2: 1,
  mu: 10000 / 15,
  hectare: 10000,
  km2: 1e6,
});

/** Yuan per unit of money: `cny` = 元, `10k_cny` = 万元, `100m_cny` = 亿元 (the suffixes of the datasets' column names). */
export const YUAN_PER: Readonly<Record<MoneyUnit, number>> = Object.freeze({
  cny: 1,
  "10k_cny": 1e4,
  "100m_cny": 1e8,
});

/** An area unit: square metres, market mu (亩), hectares, square kilometres. */
export type AreaUnit = "m2" | "mu" | "hectare" | "km2";
/** A money unit: 元, 万元, 亿元. */
export type MoneyUnit = "cny" | "10k_cny" | "100m_cny";

function checkFinite(fn: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${fn}: ${name} must be a finite number (got ${String(x)})`);
}

function unitFactor<U extends string>(fn: string, table: Readonly<Record<U, number>>, unit: string, kind: string): number {
  if (!Object.hasOwn(table, unit)) {
    throw new Error(`${fn}: unknown ${kind} unit "${unit}" (known: ${Object.keys(table).join(", ")})`);
  }
  return table[unit as U];
}

/**
 * Convert an area between m², 亩 (mu), hectares and km².
 *
 * Source: 1 市亩 = 10000/15 m² (State Council order of 1984 on legal units of measurement; 1 km² = 1500 亩).
 * @param value the area in `from` units
 * @param from unit of `value`
 * @param to unit wanted
 * @returns the area in `to` units
 * @throws when `value` is not a finite number or a unit is unknown
 * @example
 * convertArea(750, "mu", "km2") // 0.5
 * convertArea(30, "km2", "mu")  // 45000
 */
export function convertArea(value: number, from: AreaUnit, to: AreaUnit): number {
  const fn = "convertArea";
  checkFinite(fn, "value", value);
  return (value * unitFactor(fn, SQUARE_METRES_PER, from, "area")) / unitFactor(fn, SQUARE_METRES_PER, to, "area");
}

/**
 * Convert money between 元, 万元 and 亿元 (no price deflation: the same year's yuan).
 * @param value the amount in `from` units
 * @param from unit of `value`
 * @param to unit wanted
 * @returns the amount in `to` units
 * @throws when `value` is not a finite number or a unit is unknown
 * @example
 * convertMoney(7.8, "100m_cny", "10k_cny") // 78000
 */
export function convertMoney(value: number, from: MoneyUnit, to: MoneyUnit): number {
  const fn = "convertMoney";
  checkFinite(fn, "value", value);
  return (value * unitFactor(fn, YUAN_PER, from, "money")) / unitFactor(fn, YUAN_PER, to, "money");
}

/** Input of {@link investmentIntensity}. */
export interface IntensityInput {
  /** Amount of money (investment, output, revenue). */
  amount: number;
  amountUnit: MoneyUnit;
  /** Land it sits on; must be > 0. */
  area: number;
  areaUnit: AreaUnit;
}

/** Output units of {@link investmentIntensity}: money unit per area unit, e.g. `{ money: "10k_cny", per: "mu" }` = 万元/亩. */
export interface IntensityUnits {
  money: MoneyUnit;
  per: AreaUnit;
}

/**
 * Land-use intensity (投资强度 / 产出强度): money per unit of land, with both converted to the units asked for,
 * e.g. fixed-asset investment in 万元 per 亩, the usual unit of Chinese industrial-land rules.
 * intensity = convertMoney(amount, amountUnit, money) / convertArea(area, areaUnit, per).
 *
 * @param input amount and area with their units
 * @param units the money unit and the area unit of the result
 * @returns money per unit area
 * @throws when a number is not finite, the area is ≤ 0, the amount is negative, or a unit is unknown
 * @example
 * investmentIntensity({ amount: 7.8, amountUnit: "100m_cny", area: 30, areaUnit: "km2" }, { money: "10k_cny", per: "mu" })
 * // 1.7333333333333334  (万元/亩: 78000 万元 over 45000 亩)
 */
export function investmentIntensity(input: IntensityInput, units: IntensityUnits): number {
  const fn = "investmentIntensity";
  if (input === undefined || units === undefined) throw new Error(`${fn}: arguments (input, units) are required`);
  checkFinite(fn, "amount", input.amount);
  checkFinite(fn, "area", input.area);
  if (input.amount < 0) throw new Error(`${fn}: amount must be ≥ 0 (got ${input.amount})`);
  if (input.area <= 0) throw new Error(`${fn}: area must be > 0 (got ${input.area}): intensity per zero land is undefined`);
  const money = convertMoney(input.amount, input.amountUnit, units.money);
  const area = convertArea(input.area, input.areaUnit, units.per);
  return money / area;
}
