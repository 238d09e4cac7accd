import { describe, expect, it } from "vitest";
import { bivariateMoran } from "../lib/spatial/bivariateMoran";
import { localBivariateMoran } from "../lib/spatial/localBivariateMoran";
import { moran } from "../lib/spatial/moran";
import { RTOL, expectClose } from "./tolerances";
import { crime, exploratory as ref, income, wW } from "./helpers/exploratoryReference";

// R 4.2.2, spdep 1.2-7 moran_bv (t0) and localmoran_bv (Ibvi): test/reference/spatial-exploratory-columbus.R
describe("bivariateMoran and localBivariateMoran agree with spdep", () => {
  it("matches moran_bv's statistic for CRIME and the lag of INC", () => {
    expectClose(bivariateMoran(crime, income, wW, { permutations: 0 }).I, ref.moranBV_W, RTOL, "I_BV");
  });
  it("matches localmoran_bv's Ibvi", () => {
    const r = localBivariateMoran(crime, income, wW, { permutations: 0 });
    ref.localMoranBV_W.forEach((v, i) => expectClose(r.Ii[i], v, RTOL, `Ibvi[${i}]`));
  });
  it("with y = x, the bivariate I is Moran's I (row-standardized W: n/S0 = 1)", () => {
    expectClose(bivariateMoran(crime, crime, wW, { permutations: 0 }).I, moran(crime, wW, { permutations: 0 }).I, 1e-12, "I");
  });
  it("accepts the table form and gives seeded permutation p-values", () => {
    const df = { CRIME: [...crime], INC: [...income] };
    const a = bivariateMoran(df, "CRIME", "INC", wW, { permutations: 199, seed: 3 });
    expect(a.pSim).toBe(bivariateMoran(df, "CRIME", "INC", wW, { permutations: 199, seed: 3 }).pSim);
    expect(a.pSim!).toBeLessThan(0.05); // I_BV ≈ −0.42: crime is high where neighbours' income is low
    const l = localBivariateMoran(df, "CRIME", "INC", wW, { permutations: 199, seed: 3 });
    expect(l.cluster.some((c) => c === "HL")).toBe(true);
  });
  it("refuses a constant variable", () => {
    expect(() => bivariateMoran(crime, crime.map(() => 1), wW)).toThrow(/bivariateMoran: "y" is constant/);
  });
});
