import { describe, it, expect } from "vitest";
import { locationalGini } from "../lib/indices";
import { expectClose } from "./tolerances";
import { TOL, L, input, cols, years, byYear } from "./helpers/concentration";

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.

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
