import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coefficientOfVariation, sigmaConvergence } from "../lib/disparity/sigmaConvergence";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2, plm 2.6-2 Grunfeld data; sd(), mean(), lm(): test/reference/disparity-states.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/disparity-sigma-grunfeld.json"), "utf8")) as {
  firm: number[]; year: number[]; value: number[]; capital: number[]; years: number[]; sigma: number[]; cv: number[];
  sigmaTrend: number; cvTrend: number; wcv1935: number;
};
const data = Object.freeze({ firm: [...ref.firm], year: [...ref.year], value: [...ref.value], capital: [...ref.capital] });

describe("sigmaConvergence (dispersion of logs and CV by period)", () => {
  it("matches R's sd(log(value)) and sd/mean per year and their lm() trends on Grunfeld", () => {
    const r = sigmaConvergence(data, { value: "value", time: "year" });
    expect(r.times).toEqual(ref.years);
    ref.sigma.forEach((s, k) => expectClose(r.sigma[k], s, RTOL, `sigma ${ref.years[k]}`));
    ref.cv.forEach((s, k) => expectClose(r.cv[k], s, RTOL, `cv ${ref.years[k]}`));
    expectClose(r.sigmaTrend, ref.sigmaTrend, RTOL, "sigma trend");
    expectClose(r.cvTrend, ref.cvTrend, RTOL, "cv trend");
  });

  it("the weighted CV (Williamson) matches R for 1935 with capital as weight", () => {
    const rows = ref.year.map((y, i) => (y === 1935 ? i : -1)).filter((i) => i >= 0);
    expectClose(coefficientOfVariation(Float64Array.from(rows, (i) => ref.value[i]), Float64Array.from(rows, (i) => ref.capital[i])), ref.wcv1935, RTOL, "weighted CV");
  });

  it("refuses a period with one unit and non-positive values", () => {
    expect(() => sigmaConvergence({ y: [1, 2, 3], t: [1, 1, 2] }, { value: "y", time: "t" })).toThrow(/sigmaConvergence: period 2 has 1 unit/);
    expect(() => sigmaConvergence({ y: [1, 0, 3, 4], t: [1, 1, 2, 2] }, { value: "y", time: "t" })).toThrow(/non-positive value \(row 1: 0\)/);
  });
});
