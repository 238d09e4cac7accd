import { describe, it, expect } from "vitest";
import { hoover } from "../lib/indices";
import { expectClose } from "./tolerances";
import { TOL, input, cols, years, byYear } from "./helpers/concentration";

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.

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
