import { describe, expect, it } from "vitest";
import { checkClaims, scaleCriteria, topsisWeightSensitivity, uniformSimplexWeights, withLabelRoom, withYearTicks, yearOverYearGrowth, employmentByOwnership } from "../lib/policy";
import { topsis } from "../lib/indices";
import { rng } from "../lib/random";
import { expectClose, RTOL } from "./tolerances";

describe("yearOverYearGrowth", () => {
  it("returns V_t / V_{t-1} − 1 for each consecutive pair, reported for the later year", () => {
    // hand arithmetic: 110/100 − 1 = 0.1; 99/110 − 1 = −0.1; 121/99 − 1 = 22/99
    const levels = Object.freeze([100, 110, 99, 121]);
    const g = yearOverYearGrowth(levels, Object.freeze([2015, 2016, 2017, 2018]));
    expect(g.map((r) => r.year)).toEqual([2016, 2017, 2018]);
    [0.1, -0.1, 22 / 99].forEach((want, i) => expectClose(g[i].growth, want, RTOL));
  });
  it("compounds back to the last level (product of 1 + g equals V_T / V_0)", () => {
    const levels = [16.6, 17.4, 18.9, 20.4, 21.9];
    const g = yearOverYearGrowth(levels, [2014, 2015, 2016, 2017, 2018]);
    expectClose(g.reduce((p, r) => p * (1 + r.growth), 1), 21.9 / 16.6, RTOL);
  });
  it("rejects a gap in the years, naming it", () => {
    expect(() => yearOverYearGrowth([1, 2, 3], [2012, 2014, 2015])).toThrow(/years 2012 and 2014 are not consecutive/);
  });
  it("rejects missing, zero or negative levels, naming the year", () => {
    expect(() => yearOverYearGrowth([1, NaN], [2010, 2011], "GDP")).toThrow(/GDP: level in 2011 is missing/);
    expect(() => yearOverYearGrowth([1, 0], [2010, 2011])).toThrow(/level in 2011 is 0/);
  });
  it("rejects mismatched lengths and series shorter than two years", () => {
    expect(() => yearOverYearGrowth([1, 2], [2010])).toThrow(/2 levels but 1 years/);
    expect(() => yearOverYearGrowth([1], [2010])).toThrow(/at least two years/);
  });
});

describe("uniformSimplexWeights", () => {
  it("gives non-negative weights summing to one, the same for the same seed", () => {
    const a = uniformSimplexWeights(4, rng(7)), b = uniformSimplexWeights(4, rng(7));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.every((w) => w >= 0)).toBe(true);
    expectClose(a.reduce((s, w) => s + w, 0), 1, 1e-12);
  });
  it("is uniform on the simplex: each weight has mean 1/k and, for k = 3, P(w_1 < 1/2) = 3/4 (Beta(1, 2) marginal)", () => {
    // Dirichlet(1,1,1): w_1 ~ Beta(1, 2), P(w_1 < x) = 1 − (1 − x)^2, so P(w_1 < 0.5) = 0.75; E(w_j) = 1/3
    const r = rng(2024), n = 20000;
    let below = 0;
    const mean = [0, 0, 0];
    for (let d = 0; d < n; d++) {
      const w = uniformSimplexWeights(3, r);
      if (w[0] < 0.5) below++;
      for (let j = 0; j < 3; j++) mean[j] += w[j] / n;
    }
    // standard errors: sqrt(0.75·0.25/n) ≈ 0.0031 and sqrt(2/36/n) ≈ 0.0017; allow about 4 of them
    expect(Math.abs(below / n - 0.75)).toBeLessThan(0.0125);
    for (const m of mean) expect(Math.abs(m - 1 / 3)).toBeLessThan(0.007);
  });
  it("rejects k < 2 and a missing generator", () => {
    expect(() => uniformSimplexWeights(1, rng(1))).toThrow(/k must be an integer ≥ 2/);
    expect(() => uniformSimplexWeights(3, undefined as never)).toThrow(/generator/);
  });
});

describe("topsisWeightSensitivity", () => {
  const data = Object.freeze({ zone: ["a", "b", "c", "d"], x: [4, 3, 1, 2], y: [4, 1, 3, 2], z: [4, 2, 2, 3] });
  it("ranks every draw exactly as topsis does with that draw's weights (brute force)", () => {
    const s = topsisWeightSensitivity(data, ["x", "y", "z"], { direction: "+", draws: 25, seed: 11, id: "zone" });
    expect(s.ids).toEqual(["a", "b", "c", "d"]);
    for (let d = 0; d < 25; d++) {
      const w = s.weights[d];
      const t = topsis(data, ["x", "y", "z"], { weights: { x: w[0], y: w[1], z: w[2] }, direction: "+", rescaleWeights: true, id: "zone" });
      for (let i = 0; i < 4; i++) expect(s.ranks[i][d]).toBe(t.ranks[i]);
    }
  });
  it("keeps a dominating alternative first under every weighting, and reports spans, medians and shares", () => {
    // "a" is best on every criterion, so it is the positive ideal itself: rank 1 in every draw
    const s = topsisWeightSensitivity(data, ["x", "y", "z"], { direction: "+", draws: 300, seed: 3, id: "zone" });
    expect(s.bestRank[0]).toBe(1);
    expect(s.worstRank[0]).toBe(1);
    expect(s.span[0]).toBe(0);
    expect(s.shareFirst[0]).toBe(1);
    expect(s.medianRank[0]).toBe(1);
    for (let i = 1; i < 4; i++) expect(s.bestRank[i]).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 4; i++) expect(s.span[i]).toBe(s.worstRank[i] - s.bestRank[i]);
  });
  it("is reproducible for a seed and does not modify the data", () => {
    const a = topsisWeightSensitivity(data, ["x", "y", "z"], { direction: "+", draws: 40, seed: 5, id: "zone" });
    const b = topsisWeightSensitivity(data, ["x", "y", "z"], { direction: "+", draws: 40, seed: 5, id: "zone" });
    expect(a.ranks.map((r) => Array.from(r))).toEqual(b.ranks.map((r) => Array.from(r)));
    expect(data.x).toEqual([4, 3, 1, 2]);
  });
  it("rejects fewer than two criteria, a bad number of draws and a non-integer seed", () => {
    expect(() => topsisWeightSensitivity(data, ["x"], { direction: "+", draws: 10, seed: 1 })).toThrow(/at least 2 criteria/);
    expect(() => topsisWeightSensitivity(data, ["x", "y"], { direction: "+", draws: 0, seed: 1 })).toThrow(/draws must be an integer ≥ 1/);
    expect(() => topsisWeightSensitivity(data, ["x", "y"], { direction: "+", draws: 10, seed: 1.5 })).toThrow(/seed must be an integer/);
  });
});

describe("scaleCriteria", () => {
  const rule = Object.freeze({
    cbd: { labelZh: "中央商务区", labelEn: "CBD", criteria: [
      { field: "firms", op: ">=" as const, value: 10, unit: "firms", labelZh: "企业", labelEn: "firms", source: "article 10" },
      { field: "revenue", op: ">" as const, value: 5.6e8, unit: "CNY", labelZh: "收入", labelEn: "revenue" },
    ] },
  });
  it("multiplies every threshold by the factor and leaves the input unchanged", () => {
    const s = scaleCriteria(rule, { factor: 0.5 });
    expect(s.cbd.criteria.map((c) => c.value)).toEqual([5, 2.8e8]);
    expect(s.cbd.criteria[0].source).toBe("article 10 (scaled ×0.5)");
    expect(rule.cbd.criteria[0].value).toBe(10);
  });
  it("sets the thresholds of the named fields and keeps the others", () => {
    const s = scaleCriteria(rule, { values: { firms: 30 } });
    expect(s.cbd.criteria.map((c) => c.value)).toEqual([30, 5.6e8]);
  });
  it("rejects a non-positive factor and a field no criterion uses", () => {
    expect(() => scaleCriteria(rule, { factor: 0 })).toThrow(/factor must be a finite number > 0/);
    expect(() => scaleCriteria(rule, { values: { area: 1 } })).toThrow(/no criterion uses the field "area"/);
  });
});

describe("checkClaims with lazy conditions and enforce: false", () => {
  it("evaluates function conditions and throws at the first false claim when enforced", () => {
    expect(checkClaims([[() => true, "a"], [true, "b"]])).toBe("✓ a\n✓ b");
    expect(() => checkClaims([[() => false, "the claim"]])).toThrow(/claim no longer holds: the claim/);
  });
  it("only reports when not enforced: holds, does not hold, cannot be evaluated", () => {
    const out = checkClaims([[true, "a"], [false, "b"], [() => { throw new Error("no Hamburg"); }, "c"]], { enforce: false });
    expect(out.split("\n")).toEqual([
      "(parameters differ from the defaults the prose describes: claims reported, not enforced)",
      "✓ a", "✗ b — does not hold in this run", "– c — cannot be evaluated in this run (no Hamburg)",
    ]);
  });
});

describe("withYearTicks", () => {
  it("sets whole-year ticks and keeps the other x-axis settings, without modifying the input", () => {
    const fig = Object.freeze({ data: [], layout: Object.freeze({ xaxis: Object.freeze({ title: { text: "Year" } }) }) });
    const out = withYearTicks(fig);
    expect(out.layout).toEqual({ xaxis: { title: { text: "Year" }, dtick: 1, tickformat: "d" } });
    expect(fig.layout.xaxis).toEqual({ title: { text: "Year" } });
    expect(() => withYearTicks(fig, 0)).toThrow(/step must be a positive integer/);
  });
});

describe("withLabelRoom", () => {
  it("turns on x-axis automargin and widens the right margin, keeping other settings and the input", () => {
    const fig = Object.freeze({ data: [], layout: Object.freeze({ xaxis: Object.freeze({ title: { text: "Activity" } }), margin: Object.freeze({ b: 80 }) }) });
    expect(withLabelRoom(fig).layout).toEqual({ xaxis: { title: { text: "Activity" }, automargin: true }, margin: { b: 80, r: 170 } });
    expect(withLabelRoom(fig, 40).layout.margin).toEqual({ b: 80, r: 40 });
    expect(fig.layout.margin).toEqual({ b: 80 });
    expect(() => withLabelRoom(fig, -1)).toThrow(/right must be a non-negative number/);
  });
});

describe("employmentByOwnership", () => {
  const panel = Object.freeze({
    province_zh: ["甲", "乙", "甲", "乙"], adcode: ["1", "2", "1", "2"], year: [2018, 2018, 2019, 2019],
    urban_unit_employment_10k_persons: [10, 20, 11, 22], private_and_individual_employment_10k_persons: [5, NaN, 6, 30],
  });
  it("returns the region × year × type long table for the complete years, urban units first", () => {
    // 2018 lacks 乙's private series, so by default only 2019 is returned
    expect(employmentByOwnership(panel)).toEqual({
      region: ["甲", "甲", "乙", "乙"], year: [2019, 2019, 2019, 2019],
      type: ["urban units", "private & self-employed", "urban units", "private & self-employed"], persons_10k: [11, 6, 22, 30],
    });
    expect(employmentByOwnership(panel, { region: "adcode", years: [2019] }).region).toEqual(["1", "1", "2", "2"]);
    expect(panel.private_and_individual_employment_10k_persons[1]).toBeNaN();
  });
  it("names the regions that lack a series in a year asked for, and a year with no rows", () => {
    expect(() => employmentByOwnership(panel, { years: [2018] })).toThrow(/in 2018, 1 region\(s\) lack an employment series: 乙/);
    expect(() => employmentByOwnership(panel, { years: [2020] })).toThrow(/no rows for year 2020/);
  });
});
