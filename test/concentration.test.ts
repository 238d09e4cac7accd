import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { hoover, locationalGini, herfindahl, krugmanSpecialization, ellisonGlaeser, locationQuotient } from "../lib/indices";
import { expectClose as expectCloseRaw } from "./tolerances";

/** expectClose that also fails when the reference value is absent or not finite (a mis-keyed JSON field). */
function expectClose(actual: number, expected: number, rtol?: number, what = "value", atol?: number): void {
  if (typeof expected !== "number" || !Number.isFinite(expected)) throw new Error(`${what}: reference value is ${String(expected)}`);
  expectCloseRaw(actual, expected, rtol, what, atol);
}
import ref from "./reference/indices-concentration.json";

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

describe("concentration and specialization measures", () => {
  it("Hoover coefficient of localization per sector and year, as R", () => {
    const got = byYear(hoover(input, cols), "hoover");
    for (const [y, e] of Object.entries(years)) got.get(y)!.forEach((v, j) => expectClose(v, e.hoover[j], TOL, `hoover ${y} ${e.sectors[j]}`));
  });

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

  it("Krugman specialization against the rest of the regions and against all regions, as R", () => {
    const rest = byYear(krugmanSpecialization(input, cols), "krugman");
    const all = byYear(krugmanSpecialization(input, { ...cols, reference: "all" }), "krugman");
    for (const [y, e] of Object.entries(years)) {
      rest.get(y)!.forEach((v, r) => expectClose(v, e.krugmanRest[r], TOL, `K rest ${y} ${e.regions[r]}`));
      all.get(y)!.forEach((v, r) => expectClose(v, e.krugmanAll[r], TOL, `K all ${y} ${e.regions[r]}`));
    }
  });

  it("a region with the economy's structure has Krugman index 0 and all LQs 1", () => {
    const d = { r: ["A", "A", "B", "B", "C", "C"], s: ["x", "y", "x", "y", "x", "y"], v: [10, 30, 5, 15, 20, 20] };
    // A and B together have shares 0.25 / 0.75; C alone differs. Against "all": structure 35/65 overall.
    const k = krugmanSpecialization(d, { region: "r", sector: "s", value: "v", reference: "all" }).column("krugman").values as number[];
    expectClose(k[0], Math.abs(0.25 - 35 / 100) + Math.abs(0.75 - 65 / 100), 1e-15, "K_A by hand");
    const same = { r: ["A", "A", "B", "B"], s: ["x", "y", "x", "y"], v: [1, 3, 2, 6] };
    expect(krugmanSpecialization(same, { region: "r", sector: "s", value: "v" }).column("krugman").values).toEqual([0, 0]);
    for (const v of locationQuotient(same, { region: "r", sector: "s", value: "v" }).column("lq").values as number[]) expectClose(v, 1, 1e-15, "lq");
  });

  it("Ellison–Glaeser γ, G and H from a plant table, as R", () => {
    const eg = ref.eg;
    const r = ellisonGlaeser(eg.plants, { region: "region", employment: "emp", regionShares: eg.x as Record<string, number> });
    expectClose(r.gamma, eg.gamma, TOL, "gamma");
    expectClose(r.G, eg.G, TOL, "G");
    expectClose(r.H, eg.H, TOL, "H");
    expectClose(r.sumX2, eg.sumX2, TOL, "sum x^2");
    for (const [k, v] of Object.entries(eg.s as Record<string, number>)) expectClose(r.industryShares[k], v, TOL, `s ${k}`, 1e-15);
  });

  it("bad input: duplicates, negatives, missing values, shares not summing to one, unknown regions, one plant", () => {
    const dup = { r: ["A", "A", "A"], s: ["x", "y", "x"], v: [1, 2, 3] };
    expect(() => hoover(dup, { region: "r", sector: "s", value: "v" })).toThrow(/hoover: region "A" and sector "x" appear twice/);
    expect(() => locationalGini({ r: ["A", "B"], s: ["x", "x"], v: [1, -1] }, { region: "r", sector: "s", value: "v" })).toThrow(/locationalGini: column "v" has a negative value/);
    expect(() => krugmanSpecialization({ r: ["A", "A"], s: ["x", "y"], v: [1, 2] }, { region: "r", sector: "s", value: "v" })).toThrow(/only one region/);
    expect(() => herfindahl({ v: [1, null] }, { value: "v" })).toThrow(/herfindahl: column "v" has 1 missing value/);
    expect(() => herfindahl({ v: [0, 0] }, { value: "v" })).toThrow(/values sum to 0/);
    expect(() => ellisonGlaeser({ region: ["A", "B"], emp: [1, 2] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.6 } })).toThrow(/region shares sum to 1.1, not 1/);
    expect(() => ellisonGlaeser({ region: ["A", "Z"], emp: [1, 2] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/region "Z", which has no share/);
    expect(() => ellisonGlaeser({ region: ["A"], emp: [1] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/1 plant; the index needs at least 2/);
    expect(() => ellisonGlaeser({ region: ["A", "B"], emp: [1, 0] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/must be > 0 \(row 1 is 0\)/);
  });
});
