import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { locationalGini } from "../lib/indices";
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

describe("locationalGini (Krugman locational Gini)", () => {
  it("locational Gini (Lorenz curve ordered by LQ) per sector and year, as R", () => {
    const got = byYear(locationalGini(input, cols), "gini");
    for (const [y, e] of Object.entries(years)) got.get(y)!.forEach((v, j) => expectClose(v, e.gini[j], TOL, `gini ${y} ${e.sectors[j]}`));
  });
  it("locational Gini orders regions by LQ: brute force over all orderings gives the largest Gini at the LQ order", () => {
    // The LQ ordering gives the lowest (most convex) Lorenz curve, hence the largest Gini of any ordering.
    const d2015 = { region: L.region.slice(0, 15), sector: L.sector.slice(0, 15), value: L.value.slice(0, 15) };
    const g = locationalGini(d2015, { region: "region", sector: "sector", value: "value" }).column("gini").values as number[];
    const regions = ["A", "B", "C", "D", "E"];
    const tot = (r: string) => L.value.slice(0, 15).filter((_, i) => L.region[i] === r).reduce((a, b) => a + b, 0);
    const grand = L.value.slice(0, 15).reduce((a, b) => a + b, 0);
    const b = regions.map((r) => tot(r) / grand);
    const perms = (a: number[]): number[][] => a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p]));
    ["fin", "ind", "agr"].forEach((sec, j) => {
      const x = regions.map((r) => L.value[L.region.findIndex((rr, i) => i < 15 && rr === r && L.sector[i] === sec)]);
      const xs = x.reduce((a, c) => a + c, 0);
      const s = x.map((v) => v / xs);
      let best = -Infinity;
      for (const p of perms([0, 1, 2, 3, 4])) {
        let S = 0, B = 0, area = 0;
        for (const i of p) { area += b[i] * (2 * S + s[i]); S += s[i]; B += b[i]; }
        best = Math.max(best, 1 - area);
      }
      expectClose(g[j], best, 1e-12, `gini ${sec}`);
    });
  });
  it("refuses bad input with an error naming the function and the problem", () => {
    expect(() => locationalGini({ r: ["A", "B"], s: ["x", "x"], v: [1, -1] }, { region: "r", sector: "s", value: "v" })).toThrow(/locationalGini: column "v" has a negative value/);
  });
});
