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

describe("spatial beta-convergence (spatial: { w, model })", () => {
  it("is the spatial model on the growth table: same b as spatialLag / spatialError / SDM fitted by hand, speed from that b", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { weights } = await import("../lib/weights");
    const { spatialLag, spatialError } = await import("../lib/spatialreg");
    const { betaConvergence } = await import("../lib/disparity");
    const { rng } = await import("../lib/random");
    // Columbus contiguity (test/reference/spatialreg-columbus.R) over a SYNTHETIC two-period table (seeded DGP below)
    const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
    const g = rng(9);
    const y0 = w.ids.map(() => Math.exp(1 + g.normal()));
    const y1 = y0.map((v) => v * Math.exp(10 * (0.02 - 0.01 * Math.log(v)) + 0.05 * g.normal()));
    const d = { unit: [...w.ids, ...w.ids], year: [...w.ids.map(() => 2000), ...w.ids.map(() => 2010)], y: [...y0, ...y1] };
    const table = { unit: [...w.ids], growth: y0.map((v, i) => (Math.log(y1[i]) - Math.log(v)) / 10), lny0: y0.map(Math.log) };
    for (const [model, byHand] of [
      ["lag", () => spatialLag(table, "growth ~ lny0", w, { id: "unit" })],
      ["error", () => spatialError(table, "growth ~ lny0", w, { id: "unit" })],
      ["durbin", () => spatialLag(table, "growth ~ lny0", w, { id: "unit", durbin: true })],
    ] as const) {
      const r = betaConvergence(d, { value: "y", id: "unit", time: "year", spatial: { w, model } });
      const b = byHand().coef("lny0").estimate;
      expect(r.beta).toBe(b);
      expect(r.speed).toBeCloseTo(-Math.log(1 + 10 * b) / 10, 12);
      expect(r.summary()).toContain(`spatial ${model} model`);
    }
    expect(() => betaConvergence(d, { value: "y", id: "unit", time: "year", spatial: { w, model: "sac" } as never })).toThrow(/betaConvergence: spatial must be/);
  });
});
