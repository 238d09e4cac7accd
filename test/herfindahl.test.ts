import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { herfindahl } from "../lib/indices";
import { expectClose as expectCloseRaw } from "./tolerances";
import ref from "./reference/indices-concentration.json";

/** expectClose that also fails when the reference value is absent or not finite (a mis-keyed JSON field). */
function expectClose(actual: number, expected: number, rtol?: number, what = "value", atol?: number): void {
  if (typeof expected !== "number" || !Number.isFinite(expected)) throw new Error(`${what}: reference value is ${String(expected)}`);
  expectCloseRaw(actual, expected, rtol, what, atol);
}

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.
const TOL = 1e-12;
const L = ref.long as { region: string[]; sector: string[]; year: number[]; value: number[] };
const input = Object.freeze({ region: Object.freeze([...L.region]), sector: Object.freeze([...L.sector]), year: Object.freeze([...L.year]), value: Object.freeze([...L.value]) }) as unknown as Record<string, unknown[]>;
type YearRef = { sectors: string[]; regions: string[]; hoover: number[]; gini: number[]; hhi: number[]; hhiNormalized: number[]; krugmanRest: number[]; krugmanAll: number[] };
const years = ref.byYear as Record<string, YearRef>;

function byYear(df: DataFrame, value: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const t = df.column("time").values as number[];
  const v = df.column(value).values as number[];
  t.forEach((y, i) => { const k = String(y); if (!out.has(k)) out.set(k, []); out.get(k)!.push(v[i]); });
  return out;
}

describe("herfindahl (Herfindahl–Hirschman index)", () => {
  it("Herfindahl–Hirschman index of regional shares per sector and year, and its normalized form, as R", () => {
    const df = herfindahl(input, { value: "value", group: "sector", time: "year" });
    expect(df.columns).toEqual(["group", "time", "n", "hhi", "hhiNormalized"]);
    const h = byYear(df, "hhi");
    const hs = byYear(df, "hhiNormalized");
    for (const [y, e] of Object.entries(years)) {
      h.get(y)!.forEach((v, j) => expectClose(v, e.hhi[j], TOL, `hhi ${y}`));
      hs.get(y)!.forEach((v, j) => expectClose(v, e.hhiNormalized[j], TOL, `hhi* ${y}`));
    }
  });
  it("HHI worked by hand: shares 0.5, 0.3, 0.2 give 0.38; one unit gives 1 and no normalized value", () => {
    expectClose(herfindahl({ v: [50, 30, 20] }, { value: "v" }).column("hhi").values[0] as number, 0.38, 1e-15, "hhi");
    const one = herfindahl({ v: [7] }, { value: "v" });
    expect(one.column("hhi").values).toEqual([1]);
    expect(one.column("hhiNormalized").values[0]).toBeNull();
  });
  it("refuses bad input with an error naming the function and the problem", () => {
    expect(() => herfindahl({ v: [1, null] }, { value: "v" })).toThrow(/herfindahl: column "v" has 1 missing value/);
    expect(() => herfindahl({ v: [0, 0] }, { value: "v" })).toThrow(/values sum to 0/);
  });
});
