import { describe, it, expect } from "vitest";
import { krugmanSpecialization, locationQuotient } from "../lib/indices";
import { expectClose } from "./tolerances";
import { TOL, input, cols, years, byYear } from "./helpers/concentration";

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.

describe("krugmanSpecialization (Krugman specialization index)", () => {
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
  it("refuses bad input with an error naming the function and the problem", () => {
    expect(() => krugmanSpecialization({ r: ["A", "A"], s: ["x", "y"], v: [1, 2] }, { region: "r", sector: "s", value: "v" })).toThrow(/only one region/);
  });
});
