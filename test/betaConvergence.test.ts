import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { betaConvergence } from "../lib/disparity/betaConvergence";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2, plm 2.6-2: lm() and plm(model = "within") on Grunfeld, test/reference/disparity-beta-grunfeld.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/disparity-beta-grunfeld.json"), "utf8")) as {
  firm: number[]; year: number[]; value: number[]; capital: number[];
  crossAbsolute: { beta: number; se: number; p: number }; crossConditional: { beta: number; se: number };
  panelEntity: { beta: number; se: number; p: number }; panelTwoways: { beta: number; se: number };
};
const data = Object.freeze({ firm: Object.freeze([...ref.firm]), year: Object.freeze([...ref.year]), value: Object.freeze([...ref.value]), capital: Object.freeze([...ref.capital]) }) as unknown as Record<string, number[]>;

describe("betaConvergence (absolute and conditional, cross-section and panel)", () => {
  it("cross-section absolute beta matches lm of average growth 1935–1954 on the initial log level", () => {
    const r = betaConvergence(data, { value: "value", id: "firm", time: "year" });
    expectClose(r.beta, ref.crossAbsolute.beta, RTOL, "beta");
    expectClose(r.stdError, ref.crossAbsolute.se, RTOL, "se");
    expectClose(r.pValue, ref.crossAbsolute.p, RTOL, "p");
    expect(r.horizon).toBe(19);
    expect(r.n).toBe(10);
    // beta > 0 here: no convergence, so the speed is negative and the half-life undefined
    expectClose(r.speed, -Math.log(1 + ref.crossAbsolute.beta * 19) / 19, 1e-12, "speed");
    expect(Number.isNaN(r.halfLife)).toBe(true);
  });
  it("conditional beta with the initial capital stock matches lm", () => {
    const r = betaConvergence(data, { value: "value", id: "firm", time: "year", controls: ["capital"] });
    expectClose(r.beta, ref.crossConditional.beta, RTOL, "beta");
    expectClose(r.stdError, ref.crossConditional.se, RTOL, "se");
  });
  it("panel beta matches plm within (entity and two-way effects), first year dropped per firm", () => {
    const r = betaConvergence(data, { value: "value", id: "firm", time: "year", method: "panel" });
    expectClose(r.beta, ref.panelEntity.beta, RTOL, "beta");
    expectClose(r.stdError, ref.panelEntity.se, RTOL, "se");
    expectClose(r.pValue, ref.panelEntity.p, RTOL, "p");
    expect(r.dropped).toBe(10);
    expectClose(r.speed, -Math.log(1 + ref.panelEntity.beta), 1e-12, "speed");
    expectClose(r.halfLife, Math.LN2 / -Math.log(1 + ref.panelEntity.beta), 1e-12, "half-life");
    const r2 = betaConvergence(data, { value: "value", id: "firm", time: "year", method: "panel", effects: "twoways" });
    expectClose(r2.beta, ref.panelTwoways.beta, RTOL, "beta twoways");
    expectClose(r2.stdError, ref.panelTwoways.se, RTOL, "se twoways");
  });
  it("refuses duplicate unit–period rows and non-positive levels", () => {
    expect(() => betaConvergence({ id: ["a", "a", "b", "b"], t: [1, 1, 1, 2], y: [1, 2, 3, 4] }, { value: "y", id: "id", time: "t" })).toThrow(/betaConvergence: duplicate unit–period row \("a", 1\)/);
    expect(() => betaConvergence({ id: ["a", "b"], t: [1, 1], y: [0, 2] }, { value: "y", id: "id", time: "t" })).toThrow(/non-positive value \(row 0: 0\)/);
  });
});
