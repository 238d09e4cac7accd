import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialLag, spatialError, lmTests } from "../lib/spatialreg";
import { ols } from "../lib/regression";
import { panelFE } from "../lib/panel";
import { moran } from "../lib/spatial";
import { checkOptionNames } from "../lib/core/options";

// Columbus data and contiguity from spdep (test/reference/spatialreg-columbus.R); only option handling is tested here.
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const data = Object.freeze({ ...ref.data });

describe("unknown option names are errors naming the allowed ones", () => {
  it("spatialLag and spatialError refuse zeropolicy and suggest zeroPolicy", () => {
    expect(() => spatialLag(data, "CRIME ~ INC + HOVAL", w, { zeropolicy: true } as never))
      .toThrow(/spatialLag: unknown option "zeropolicy" \(did you mean "zeroPolicy"\?\); options: id, logdet, zeroPolicy/);
    expect(() => spatialError(data, "CRIME ~ INC + HOVAL", w, { intervall: [0, 1] } as never))
      .toThrow(/spatialError: unknown option "intervall" \(did you mean "interval"\?\)/);
  });
  it("ols, lmTests, moran, impacts and panelFE check their option names too", () => {
    expect(() => ols(data, "CRIME ~ INC", { vcv: "HC1" } as never)).toThrow(/ols: unknown option "vcv" \(did you mean "vcov"\?\)/);
    expect(() => lmTests(ols(data, "CRIME ~ INC"), w, { zero_policy: true } as never)).toThrow(/lmTests: unknown option "zero_policy"/);
    expect(() => moran(data.CRIME, w, { Seed: 3 } as never)).toThrow(/moran: unknown option "Seed" \(did you mean "seed"\?\)/);
    const m = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id" });
    expect(() => m.impacts({ simulation: 10 } as never)).toThrow(/impacts: unknown option "simulation" \(did you mean "simulations"\?\)/);
    const panel = { y: [1, 2, 3, 4, 5, 7], x: [1, 3, 2, 5, 4, 6], unit: ["a", "a", "b", "b", "c", "c"], year: [1, 2, 1, 2, 1, 2] };
    expect(() => panelFE(panel, "y ~ x", { id: "unit", time: "year", effect: "twoways" } as never)).toThrow(/panelFE: unknown option "effect" \(did you mean "effects"\?\)/);
  });
  it("a non-object options argument is an error, undefined passes", () => {
    expect(() => checkOptionNames([1], ["a"], "f")).toThrow("f: options must be an object (got an array)");
    expect(() => checkOptionNames(undefined, ["a"], "f")).not.toThrow();
  });
  it("the deprecated entity alias still works and agrees with id", () => {
    const panel = { y: [1, 2, 3, 4, 5, 7], x: [1, 3, 2, 5, 4, 6], unit: ["a", "a", "b", "b", "c", "c"], year: [1, 2, 1, 2, 1, 2] };
    const a = panelFE(panel, "y ~ x", { id: "unit", time: "year" });
    const b = panelFE(panel, "y ~ x", { entity: "unit", time: "year" });
    expect(b.coefficients[0].estimate).toBe(a.coefficients[0].estimate);
    expect(() => panelFE(panel, "y ~ x", { id: "unit", entity: "year", time: "year" })).toThrow(/panelFE: options id \("unit"\) and entity \("year"\) name different columns/);
  });
});
