import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { theil } from "../lib/disparity/theil";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2 base R from the definitions: test/reference/disparity-states.R (state.x77 Income by state.region).
type Th = { T: number; L: number; Tg: number[]; Lg: number[]; Twithin: number; Tbetween: number; Lwithin: number; Lbetween: number };
const ref = JSON.parse(readFileSync(join(__dirname, "reference/disparity-states.json"), "utf8")) as {
  income: number[]; population: number[]; region: string[]; levels: string[]; theilUnweighted: Th; theilWeighted: Th;
};
const data = Object.freeze({ income: Object.freeze([...ref.income]), pop: Object.freeze([...ref.population]), region: Object.freeze([...ref.region]) }) as unknown as Record<string, number[]>;

function expectTheil(r: ReturnType<typeof theil>, e: Th, what: string) {
  expectClose(r.T, e.T, RTOL, `${what} T`);
  expectClose(r.L, e.L, RTOL, `${what} L`);
  expectClose(r.TWithin, e.Twithin, RTOL, `${what} T within`);
  expectClose(r.TBetween, e.Tbetween, RTOL, `${what} T between`);
  expectClose(r.LWithin, e.Lwithin, RTOL, `${what} L within`);
  expectClose(r.LBetween, e.Lbetween, RTOL, `${what} L between`);
  r.groups.forEach((_, j) => { expectClose(r.groupT[j], e.Tg[j], RTOL, `${what} T[${j}]`); expectClose(r.groupL[j], e.Lg[j], RTOL, `${what} L[${j}]`); });
}

describe("theil (Theil T and L with within/between decomposition)", () => {
  it("reproduces REAT's documented example: theil(c(10, 10, 10, 20, 50)) = 0.2326302 (Theil L)", () => {
    // REAT 3.0.3 ?theil, example from Stoermann (2009), printed to 7 digits
    expectClose(theil({ y: [10, 10, 10, 20, 50] }, { value: "y" }).L, 0.2326302, 5e-7 / 0.2326302, "REAT theil");
  });

  it("agrees with base R on state incomes by census region, unweighted", () => {
    const r = theil(data, { value: "income", group: "region" });
    expect(r.groups).toEqual(ref.levels);
    expectTheil(r, ref.theilUnweighted, "unweighted");
  });

  it("agrees with base R with population weights, and within + between = total", () => {
    const r = theil(data, { value: "income", group: "region", weight: "pop" });
    expect(r.weighting).toBe("population");
    expectTheil(r, ref.theilWeighted, "weighted");
    expectClose(r.TWithin + r.TBetween, r.T, 1e-12, "T sum");
    expectClose(r.LWithin + r.LBetween, r.L, 1e-12, "L sum");
  });

  it("is 0 for equal values and refuses non-positive values (logs)", () => {
    expectClose(theil({ y: [3, 3, 3] }, { value: "y" }).T, 0, 0, "T equal", 1e-15);
    expect(() => theil({ y: [1, 0, 2] }, { value: "y" })).toThrow(/theil: column "y" has a non-positive value \(row 1: 0\)/);
    expect(() => theil({ y: [1, 2], p: [1, -1] }, { value: "y", weight: "p" })).toThrow(/theil: weight column "p" has a negative value/);
  });
});
