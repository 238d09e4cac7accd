import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ols } from "../lib/regression";
import { panelFE } from "../lib/panel";
import { vcov } from "../lib/inference";
import { regTable, summary } from "../lib/report";
import { registerHC2 } from "./helpers/hc2Estimator";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2 lm + sandwich 3.0.2 vcovHC(type = "HC2") on spData columbus: test/reference/ols-columbus.R
const olsRef = JSON.parse(readFileSync(join(__dirname, "reference/ols-columbus.json"), "utf8"));
// R 4.2.2 plm 2.6-2 vcovHC(method = "white1", type = "HC2"), Grunfeld within: test/reference/vcov-hc2.R
const panelRef = JSON.parse(readFileSync(join(__dirname, "reference/vcov-hc2.json"), "utf8"));
const columbus = Object.freeze({ ...olsRef.data });
const rows = panelRef.data as { firm: number; year: number; inv: number; value: number; capital: number }[];
const grunfeld = Object.freeze({
  firm: rows.map((r) => r.firm), year: rows.map((r) => r.year), inv: rows.map((r) => r.inv),
  value: rows.map((r) => r.value), capital: rows.map((r) => r.capital),
});

describe("a variance estimator added in one file (test/helpers/hc2Estimator.ts) works everywhere", () => {
  let unregister: () => void = () => {};
  beforeAll(() => { unregister = registerHC2(); });
  afterAll(() => unregister());

  it("ols { vcov: 'HC2' } agrees with sandwich::vcovHC(type = 'HC2') to 1e-6", () => {
    const r = olsRef.ols[0];
    const m = ols(columbus, r.formula, { vcov: "HC2" as never });
    expect(m.vcovType).toBe("HC2");
    r.vcov.HC2.forEach((v: number, i: number) => expectClose(m.vcov[i], v, RTOL, `HC2[${i}]`));
  });

  it("vcov(panelFE fit, 'HC2') agrees with plm vcovHC(method = 'white1', type = 'HC2') to 1e-6, without refitting", () => {
    const m = panelFE(grunfeld, "inv ~ value + capital", { id: "firm", time: "year" });
    const v = vcov(m, "HC2" as never);
    expect(v.names).toEqual(panelRef.terms);
    panelRef.vcov.forEach((x: number, i: number) => expectClose(v.values[i], x, RTOL, `HC2[${i}]`));
  });

  it("summary(fit, { vcov: 'HC2' }) and regTable(fits, { vcov: 'HC2' }) print it for ols and panelFE", () => {
    const a = ols(columbus, "CRIME ~ INC + HOVAL");
    const b = panelFE(grunfeld, "inv ~ value + capital", { id: "firm", time: "year" });
    for (const fit of [a, b]) expect(summary(fit, { vcov: "HC2" as never })).toMatch(/Standard errors\s+: HC2/);
    const t = regTable([a, b], { vcov: "HC2" as never }).toText();
    expect(t).toContain("Standard errors: HC2.");
    const se = Math.sqrt(panelRef.vcov[0]).toFixed(3);
    expect(t).toContain(`(${se})`);
  });

  it("once removed, the spec is an error naming the known estimators", () => {
    unregister();
    expect(() => ols(columbus, "CRIME ~ INC", { vcov: "HC2" as never })).toThrow(/ols: .*HC2/);
    unregister = registerHC2();
  });
});
