import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { hoover } from "../lib/indices";
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
const cols = { region: "region", sector: "sector", value: "value", time: "year" };
type YearRef = { sectors: string[]; regions: string[]; hoover: number[]; gini: number[]; hhi: number[]; hhiNormalized: number[]; krugmanRest: number[]; krugmanAll: number[] };
const years = ref.byYear as Record<string, YearRef>;

function byYear(df: DataFrame, value: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const t = df.column("time").values as number[];
  const v = df.column(value).values as number[];
  t.forEach((y, i) => { const k = String(y); if (!out.has(k)) out.set(k, []); out.get(k)!.push(v[i]); });
  return out;
}

describe("hoover (Hoover coefficient of localization)", () => {
  it("Hoover coefficient of localization per sector and year, as R", () => {
    const got = byYear(hoover(input, cols), "hoover");
    for (const [y, e] of Object.entries(years)) got.get(y)!.forEach((v, j) => expectClose(v, e.hoover[j], TOL, `hoover ${y} ${e.sectors[j]}`));
  });
  it("refuses bad input with an error naming the function and the problem", () => {
    const dup = { r: ["A", "A", "A"], s: ["x", "y", "x"], v: [1, 2, 3] };
    expect(() => hoover(dup, { region: "r", sector: "s", value: "v" })).toThrow(/hoover: region "A" and sector "x" appear twice/);
  });
});
