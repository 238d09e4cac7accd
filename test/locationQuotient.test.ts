import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { locationQuotient, locationQuotientWide } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-lq.json";

type LongRow = { region: string; sector: string; year: number; value: number; lq: number };
type WideRow = { region: string; year: number; loans: number; deposits: number; gdp: number; ratio: number; lq: number };

const long = ref.long as LongRow[];
const wide = ref.wide as WideRow[];

function longInput() {
  return Object.freeze({
    region: Object.freeze(long.map((r) => r.region)),
    sector: Object.freeze(long.map((r) => r.sector)),
    year: Object.freeze(long.map((r) => r.year)),
    value: Object.freeze(long.map((r) => r.value)),
  }) as unknown as Record<string, unknown[]>;
}

describe("locationQuotient (long data)", () => {
  it("matches a published worked statement: national share 8%, a county at 8% has LQ 1.0, at 16% LQ 2.0", () => {
    // Datawrapper chart note https://datawrapper.dwcdn.net/N04SU/1: "Since the share of national employment in
    // manufacturing is 8%, a county with 8% of its workers in manufacturing will have a 1.0 LQ, one with 16% an LQ of 2.0".
    // No fuller published LQ table was found; the counties below are synthetic, built so the nation's share is 80/1000 = 8%.
    const df = {
      region: ["X", "X", "Z", "Z", "Y", "Y"],
      sector: ["mfg", "other", "mfg", "other", "mfg", "other"],
      value: [16, 84, 8, 92, 56, 744],
    };
    const out = locationQuotient(df, { region: "region", sector: "sector", value: "value" });
    const lq = out.column("lq").values as number[];
    expectClose(lq[0], 2.0, 1e-12, "LQ of county at 16%");
    expectClose(lq[2], 1.0, 1e-12, "LQ of county at 8%");
    expectClose(lq[4], 0.875, 1e-12, "LQ of the rest (56/800 = 7%)"); // by hand: 0.07 / 0.08
  });

  it("agrees with base R per region × sector × year (test/reference/indices-lq.R)", () => {
    const input = longInput();
    const out = locationQuotient(input, { region: "region", sector: "sector", value: "value", time: "year" });
    expect(out.columns).toEqual(["region", "sector", "year", "lq"]); // the caller's column names are kept
    const rows = out.values as unknown[][];
    expect(rows.length).toBe(long.length);
    rows.forEach((row, i) => {
      expect(row[0]).toBe(long[i].region);
      expect(row[1]).toBe(long[i].sector);
      expect(row[2]).toBe(long[i].year);
      expectClose(row[3] as number, long[i].lq, 1e-12, `lq row ${i}`);
    });
  });

  it("accepts a danfo DataFrame and returns the same values as for plain columns", () => {
    const input = longInput();
    const df = new DataFrame({ region: [...input.region], sector: [...input.sector], year: [...input.year], value: [...input.value] });
    const a = locationQuotient(df, { region: "region", sector: "sector", value: "value", time: "year" }).column("lq").values;
    const b = locationQuotient(input, { region: "region", sector: "sector", value: "value", time: "year" }).column("lq").values;
    expect(a).toEqual(b);
  });

  it("gives LQ 1 for every cell when all regions have the same structure", () => {
    const out = locationQuotient({ r: ["a", "a", "b", "b"], s: ["x", "y", "x", "y"], v: [1, 3, 10, 30] }, { region: "r", sector: "s", value: "v" });
    for (const v of out.column("lq").values as number[]) expectClose(v, 1, 1e-12, "lq");
  });

  it("refuses a region × sector pair that appears twice in one period, naming it", () => {
    expect(() => locationQuotient({ r: ["a", "a", "a", "b"], s: ["x", "y", "x", "x"], v: [1, 2, 3, 4], t: [1, 1, 1, 1] }, { region: "r", sector: "s", value: "v", time: "t" }))
      .toThrow(/locationQuotient: region "a" and sector "x" appear twice at t 1 \(rows 0 and 2\)/);
  });

  it("refuses an absent region × sector pair (a zero must be a row)", () => {
    expect(() => locationQuotient({ r: ["a", "a", "b"], s: ["x", "y", "x"], v: [1, 2, 3] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/region "b" has no row for sector "y"/);
  });

  it("refuses missing, non-numeric and negative values, naming the column", () => {
    expect(() => locationQuotient({ r: ["a", "b"], s: ["x", "x"], v: [1, null] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/locationQuotient: column "v" has 1 missing value/);
    expect(() => locationQuotient({ r: ["a", "b"], s: ["x", "x"], v: [1, "2"] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/locationQuotient: column "v" is not numeric/);
    expect(() => locationQuotient({ r: ["a", "b"], s: ["x", "x"], v: [1, -2] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/locationQuotient: column "v" has a negative value/);
    expect(() => locationQuotient({ r: ["a", "b"], s: ["x", "x"], v: [1, 2] }, { region: "r", sector: "s", value: "w" }))
      .toThrow(/locationQuotient: no column "w"/);
  });

  it("refuses a region or sector whose total is 0", () => {
    expect(() => locationQuotient({ r: ["a", "a", "b", "b"], s: ["x", "y", "x", "y"], v: [0, 0, 1, 2] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/region "a" has total 0/);
    expect(() => locationQuotient({ r: ["a", "a", "b", "b"], s: ["x", "y", "x", "y"], v: [0, 1, 0, 2] }, { region: "r", sector: "s", value: "v" }))
      .toThrow(/sector "x" has total 0/);
  });

  it("keeps the caller's column names and the type of identifiers: numeric adcodes stay numbers", () => {
    const out = locationQuotient({ adcode: [110000, 110000, 120000, 120000], s: ["x", "y", "x", "y"], v: [1, 2, 3, 3] }, { id: "adcode", sector: "s", value: "v" });
    expect(out.columns).toEqual(["adcode", "s", "lq"]);
    expect(out.column("adcode").values).toEqual([110000, 110000, 120000, 120000]);
    const w = locationQuotientWide({ adcode: [110000, 120000], n: [1, 2], d: [3, 3] }, { id: "adcode", numerator: "n", denominator: "d" });
    expect(w.column("adcode").values).toEqual([110000, 120000]);
    // the deprecated region option still works; id and region naming different columns is an error
    expect(locationQuotient({ a: ["p", "p", "q", "q"], s: ["x", "y", "x", "y"], v: [1, 2, 3, 3] }, { region: "a", sector: "s", value: "v" }).columns).toEqual(["a", "s", "lq"]);
    expect(() => locationQuotientWide({ adcode: [1, 2], n: [1, 2], d: [3, 3] }, { id: "adcode", region: "n", numerator: "n", denominator: "d" }))
      .toThrow('locationQuotientWide: options id ("adcode") and region ("n") name different columns; use id');
  });

  it("does not modify its input", () => {
    const input = longInput();
    const copy = JSON.stringify(input);
    locationQuotient(input, { region: "region", sector: "sector", value: "value", time: "year" });
    expect(JSON.stringify(input)).toBe(copy);
  });
});

describe("locationQuotientWide (financial-depth LQ in one call)", () => {
  const input = Object.freeze({
    region: wide.map((r) => r.region), year: wide.map((r) => r.year),
    loans: wide.map((r) => r.loans), deposits: wide.map((r) => r.deposits), gdp: wide.map((r) => r.gdp),
  });

  it("computes ((loans + deposits)_i / GDP_i) / (Σ(loans + deposits) / ΣGDP) per year as base R does", () => {
    const out = locationQuotientWide(input, { region: "region", time: "year", numerator: ["loans", "deposits"], denominator: "gdp" });
    expect(out.columns).toEqual(["region", "year", "ratio", "lq"]);
    const lq = out.column("lq").values as number[];
    const ratio = out.column("ratio").values as number[];
    wide.forEach((r, i) => {
      expectClose(lq[i], r.lq, 1e-12, `lq row ${i}`);
      expectClose(ratio[i], r.ratio, 1e-12, `ratio row ${i}`);
    });
  });

  it("equals the long-form LQ of a two-sector table (finance vs the rest of GDP)", () => {
    // The wide LQ with numerator N and denominator D is the long LQ of sector N within totals D when N ≤ D:
    // brute-force check on a table where loans + deposits < GDP.
    const df = { region: ["A", "B", "C"], n: [3, 5, 2], d: [10, 30, 8] };
    const w = locationQuotientWide(df, { region: "region", numerator: "n", denominator: "d" }).column("lq").values as number[];
    const l = locationQuotient({ region: ["A", "A", "B", "B", "C", "C"], sector: ["n", "rest", "n", "rest", "n", "rest"], value: [3, 7, 5, 25, 2, 6] },
      { region: "region", sector: "sector", value: "value" }).column("lq").values as number[];
    w.forEach((v, i) => expectClose(v, l[2 * i], 1e-12, `region ${i}`));
  });

  it("refuses a region that appears twice in one year, and a zero denominator", () => {
    expect(() => locationQuotientWide({ r: ["a", "a"], t: [1, 1], n: [1, 2], d: [3, 4] }, { region: "r", time: "t", numerator: "n", denominator: "d" }))
      .toThrow(/locationQuotientWide: region "a" appears twice at t 1/);
    expect(() => locationQuotientWide({ r: ["a", "b"], n: [1, 2], d: [3, 0] }, { region: "r", numerator: "n", denominator: "d" }))
      .toThrow(/denominator \(d\) is 0 for region "b"/);
    expect(() => locationQuotientWide({ r: ["a", "b"], n: [1, NaN], d: [3, 4] }, { region: "r", numerator: "n", denominator: "d" }))
      .toThrow(/column "n" has 1 missing value/);
  });
});

describe("locationQuotientWide with external reference totals", () => {
  it("uses given national totals instead of the sum over the table's regions", () => {
    // By hand: region A (30 + 30)/100 = 0.6; national (loans + deposits)/GDP = 150/200 = 0.75; LQ = 0.8.
    const out = locationQuotientWide({ region: ["A", "B"], loans: [30, 10], deposits: [30, 30], gdp: [100, 100] },
      { region: "region", numerator: ["loans", "deposits"], denominator: "gdp", reference: { "": { numerator: 150, denominator: 200 } } });
    expectClose(out.column("lq").values[0] as number, 0.8, 1e-15, "lq A");
    expect(() => locationQuotientWide({ r: ["a"], t: [2019], n: [1], d: [2] }, { region: "r", time: "t", numerator: "n", denominator: "d", reference: { "2018": { numerator: 1, denominator: 2 } } }))
      .toThrow(/no reference totals for t 2019/);
    expect(() => locationQuotientWide({ r: ["a"], n: [1], d: [2] }, { region: "r", numerator: "n", denominator: "d", reference: { "": { numerator: 0, denominator: 2 } } }))
      .toThrow(/reference numerator must be a finite number > 0/);
  });
});

