import { describe, it, expect } from "vitest";
import { yearRange, keepValues, dropValues, completeCases, lagWithin, panelFE } from "../lib/panel";

// Small illustrative panel (made up for these tests, not real data).
function panel() {
  return Object.freeze({
    prov: Object.freeze(["A", "A", "A", "B", "B", "B", "C", "C", "C"]),
    year: Object.freeze([2013, 2014, 2015, 2013, 2014, 2015, 2013, 2015, 2016]),
    region: Object.freeze(["East", "East", "East", "West", "West", "West", "East", "East", "East"]),
    muni: Object.freeze([true, true, true, false, false, false, false, false, false]),
    x: Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9]),
  }) as unknown as Record<string, unknown[]>;
}

describe("sample helpers", () => {
  it("yearRange keeps the inclusive window and returns a new table", () => {
    const d = panel();
    const s = yearRange(d, "year", 2014, 2015) as Record<string, unknown[]>;
    expect(s.year).toEqual([2014, 2015, 2014, 2015, 2015]);
    expect(s.prov).toEqual(["A", "A", "B", "B", "C"]);
    expect(d.year.length).toBe(9);
    expect(() => yearRange(d, "year", 2030, 2031)).toThrow("yearRange: no rows have year in 2030–2031");
    expect(() => yearRange(d, "prov", 2014, 2015)).toThrow('yearRange: column "prov" is not numeric (row 0 is "A")');
    expect(() => yearRange(d, "year", 2016, 2014)).toThrow("yearRange: from (2016) must not exceed to (2014)");
  });

  it("keepValues selects a group ('East only') and dropValues drops flagged rows ('no municipalities')", () => {
    const d = panel();
    expect((keepValues(d, "region", ["East"]) as Record<string, unknown[]>).prov).toEqual(["A", "A", "A", "C", "C", "C"]);
    expect((dropValues(d, "muni", [true]) as Record<string, unknown[]>).prov).toEqual(["B", "B", "B", "C", "C", "C"]);
    expect(() => keepValues(d, "region", ["Eats"])).toThrow('keepValues: value "Eats" does not occur in column "region" (values: East, West)');
    expect(() => dropValues(d, "nope", [1])).toThrow(/dropValues: no column "nope"/);
  });

  it("lagWithin lags within entity by period value, leaving gaps and first periods missing", () => {
    const d = panel();
    const l = lagWithin(d, "x", { entity: "prov", time: "year" }) as Record<string, unknown[]>;
    // C has 2013, 2015, 2016: 2015 has no 2014, so its lag is missing; 2016's lag is 2015's x (8)
    expect(l.x_lag1).toEqual([null, 1, 2, null, 4, 5, null, null, 8]);
    const lead = lagWithin(d, "x", { entity: "prov", time: "year", lag: -1, name: "x_lead" }) as Record<string, unknown[]>;
    expect(lead.x_lead).toEqual([2, 3, null, 5, 6, null, null, 9, null]);
    expect(Object.keys(d)).not.toContain("x_lag1");
    expect(() => lagWithin(l, "x", { entity: "prov", time: "year" })).toThrow('lagWithin: column "x_lag1" already exists; choose another name');
    expect(() => lagWithin(d, "x", { entity: "prov", time: "year", lag: 0 })).toThrow("lagWithin: lag must be a non-zero integer (got 0)");
  });

  it("lagWithin with text periods lags by position in the sorted periods; duplicates are an error", () => {
    const d = { id: ["a", "a", "b", "b"], q: ["2020Q1", "2020Q2", "2020Q2", "2020Q1"], x: [1, 2, 3, 4] };
    expect((lagWithin(d, "x", { entity: "id", time: "q" }) as Record<string, unknown[]>).x_lag1).toEqual([null, 1, 4, null]);
    const dup = { id: [1, 1], t: [1, 1], x: [1, 2] };
    expect(() => lagWithin(dup, "x", { entity: "id", time: "t" })).toThrow('lagWithin: duplicate entity–time row: entity "1", time "1" appears in rows 0 and 1');
  });

  it("a lagged regressor must pass completeCases before panelFE (missing values are never dropped silently)", () => {
    const n = 5, T = 6;
    const id: number[] = [], yr: number[] = [], x: number[] = [], y: number[] = [];
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) { id.push(i); yr.push(2000 + t); x.push(Math.sin(i * 7 + t * 3)); y.push(Math.cos(i + t * t)); }
    const d = lagWithin({ id, yr, x, y }, "x", { entity: "id", time: "yr" });
    expect(() => panelFE(d, "y ~ x_lag1", { entity: "id", time: "yr" })).toThrow(/panelFE: column "x_lag1" has 5 missing values/);
    const cc = completeCases(d, ["x_lag1"]) as Record<string, unknown[]>;
    expect(cc.id.length).toBe(25);
    expect(panelFE(cc, "y ~ x_lag1", { entity: "id", time: "yr" }).n).toBe(25);
  });

  it("works on danfo DataFrames and returns DataFrames", async () => {
    const { DataFrame } = await import("danfojs-node");
    const df = new DataFrame({ prov: ["A", "A", "B", "B"], year: [2014, 2015, 2014, 2015], x: [1, 2, 3, 4] });
    const s = yearRange(df, "year", 2015, 2015) as unknown as InstanceType<typeof DataFrame>;
    expect(s.constructor.name).toBe("DataFrame");
    expect(typeof s.iloc).toBe("function");
    expect(Array.from(s.column("x").values as number[])).toEqual([2, 4]);
    const l = lagWithin(df, "x", { entity: "prov", time: "year" }) as unknown as InstanceType<typeof DataFrame>;
    expect(l.columns).toEqual(["prov", "year", "x", "x_lag1"]);
    expect(df.columns).toEqual(["prov", "year", "x"]);
  }, 30000);

  it("panelFE accepts a danfo DataFrame and gives the same fit as a plain object", async () => {
    const { DataFrame } = await import("danfojs-node");
    const id: number[] = [], yr: number[] = [], x: number[] = [], y: number[] = [];
    for (let i = 0; i < 6; i++) for (let t = 0; t < 5; t++) { id.push(i); yr.push(2010 + t); x.push(Math.sin(3 * i + t)); y.push(Math.cos(i * t) + 0.5 * Math.sin(3 * i + t)); }
    const plain = panelFE({ id, yr, x, y }, "y ~ x", { entity: "id", time: "yr", effects: "twoways", vcov: { cluster: "id" } });
    const viaDanfo = panelFE(new DataFrame({ id, yr, x, y }), "y ~ x", { entity: "id", time: "yr", effects: "twoways", vcov: { cluster: "id" } });
    expect(viaDanfo.coefficients).toEqual(plain.coefficients);
  }, 30000);
});
