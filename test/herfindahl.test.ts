import { describe, it, expect } from "vitest";
import { herfindahl } from "../lib/indices";
import { expectClose } from "./tolerances";
import { TOL, input, years, byYear } from "./helpers/concentration";

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.

describe("herfindahl (Herfindahl–Hirschman index)", () => {
  it("Herfindahl–Hirschman index of regional shares per sector and year, and its normalized form, as R", () => {
    const df = herfindahl(input, { value: "value", group: "sector", time: "year" });
    expect(df.columns).toEqual(["sector", "year", "n", "hhi", "hhiNormalized"]); // the caller's column names are kept
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
