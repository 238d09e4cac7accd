import { describe, expect, it } from "vitest";
import { convertArea, convertMoney, investmentIntensity } from "../lib/policy";
import { expectClose } from "./tolerances";

describe("land and money units (亩, km², 万元, 亿元)", () => {
  it("converts by the legal definitions: 1 km² = 1500 亩, 1 亩 = 10000/15 m², 1 亿元 = 10000 万元", () => {
    expectClose(convertArea(1, "km2", "mu"), 1500);
    expectClose(convertArea(750, "mu", "km2"), 0.5);
    expectClose(convertArea(15, "mu", "hectare"), 1);
    expectClose(convertArea(1, "mu", "m2"), 10000 / 15);
    expectClose(convertMoney(7.8, "100m_cny", "10k_cny"), 78000);
    expectClose(convertMoney(5000, "10k_cny", "100m_cny"), 0.5);
    expectClose(convertMoney(3, "10k_cny", "cny"), 30000);
  });

  it("investment intensity is money over land in the units asked for (78000 万元 on 45000 亩 = 1.7333 万元/亩, worked by hand)", () => {
    expectClose(investmentIntensity({ amount: 7.8, amountUnit: "100m_cny", area: 30, areaUnit: "km2" }, { money: "10k_cny", per: "mu" }), 78000 / 45000);
    expectClose(investmentIntensity({ amount: 7.8, amountUnit: "100m_cny", area: 30, areaUnit: "km2" }, { money: "100m_cny", per: "km2" }), 0.26);
  });

  it("rejects unknown units, non-finite numbers, zero or negative land and negative money, naming the function", () => {
    expect(() => convertArea(1, "acre" as never, "mu")).toThrow(/convertArea: unknown area unit "acre"/);
    expect(() => convertMoney(Number.NaN, "cny", "10k_cny")).toThrow(/convertMoney: value must be a finite number/);
    expect(() => investmentIntensity({ amount: 1, amountUnit: "cny", area: 0, areaUnit: "mu" }, { money: "cny", per: "mu" })).toThrow(/investmentIntensity: area must be > 0/);
    expect(() => investmentIntensity({ amount: -1, amountUnit: "cny", area: 1, areaUnit: "mu" }, { money: "cny", per: "mu" })).toThrow(/amount must be ≥ 0/);
  });
});
