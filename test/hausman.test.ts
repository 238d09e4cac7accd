import { describe, it, expect } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { panelRE, panelFE, hausman } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";

// Reference: R plm 2.6-2 phtest(within, random), script test/reference/plm-within.R
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "reference", "plm-within.json"), "utf8"));
const FORMULA: Record<string, string> = {
  grunfeld: "inv ~ value + capital",
  grunfeld_u: "inv ~ value + capital",
  empluk: "log(emp) ~ log(wage) + log(capital)",
};

describe("hausman agrees with plm phtest", () => {
  for (const ds of ["grunfeld", "grunfeld_u", "empluk"]) {
    it(`${ds}: chi-squared statistic, df and p-value match phtest to 1e-6`, () => {
      const r = ref.random[ds].hausman;
      const fe = panelFE(ref.data[ds], FORMULA[ds], { entity: "firm", time: "year" });
      const re = panelRE(ref.data[ds], FORMULA[ds], { entity: "firm", time: "year" });
      const h = hausman(fe, re);
      expectClose(h.statistic, r.statistic, RTOL, "chisq");
      expect(h.df).toBe(r.df);
      expectClose(h.pValue, r.p, RTOL, "p");
      expect(h.terms).not.toContain("(Intercept)");
      expect(h.summary()).toContain(`df = ${r.df}`);
    });
  }

  it("bad arguments are clear errors", () => {
    const fe = panelFE(ref.data.grunfeld, "inv ~ value", { entity: "firm", time: "year" });
    const other = { coefficients: [{ term: "capital", estimate: 1 }], vcov: [[1]] };
    expect(() => hausman(fe, other)).toThrow("hausman: the models share no coefficients");
    // @ts-expect-error testing a non-model argument
    expect(() => hausman(fe, {})).toThrow("hausman: the second argument is not a fitted panel model with coefficients and vcov");
  });
});
