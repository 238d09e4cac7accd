import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mediation } from "../lib/panel";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2, plm 2.6-2 within regressions and the textbook Sobel/Aroian/Goodman formulas: test/reference/mediation.R
// (plm::Grunfeld, x = value, m = capital, y = inv: a numerical check, not an economic claim)
const ref = JSON.parse(readFileSync(join(__dirname, "reference/mediation.json"), "utf8"));
const rows = ref.data as { firm: number; year: number; inv: number; value: number; capital: number }[];
const g = Object.freeze({
  firm: Object.freeze(rows.map((r) => r.firm)), year: Object.freeze(rows.map((r) => r.year)), inv: Object.freeze(rows.map((r) => r.inv)),
  value: Object.freeze(rows.map((r) => r.value)), capital: Object.freeze(rows.map((r) => r.capital)),
});
const opts = { y: "inv", x: "value", m: "capital", id: "firm", time: "year" };

describe("mediation agrees with plm within regressions and the textbook tests", () => {
  for (const [label, vcov] of [["classical", undefined], ["cluster", { cluster: "firm", convention: "plm" as const }]] as const) {
    it(`${label}: paths a, b, c, c', the indirect effect and the Sobel, Aroian and Goodman z to 1e-6`, () => {
      const r = ref[label];
      const m = mediation(g, { ...opts, vcov });
      expectClose(m.a.estimate, r.a, RTOL, "a"); expectClose(m.a.stdError, r.sa, RTOL, "sa");
      expectClose(m.b.estimate, r.b, RTOL, "b"); expectClose(m.b.stdError, r.sb, RTOL, "sb");
      expectClose(m.total.estimate, r.c, RTOL, "c"); expectClose(m.direct.estimate, r.cPrime, RTOL, "c'");
      expectClose(m.indirect, r.indirect, RTOL, "ab");
      expectClose(m.sobel.statistic, r.sobel, RTOL, "Sobel"); expectClose(m.aroian.statistic, r.aroian, RTOL, "Aroian");
      expectClose(m.goodman!.statistic, r.goodman, RTOL, "Goodman");
    });
  }
  it("c − c' = a·b exactly for least squares on one sample (a property, not a reference number)", () => {
    const m = mediation(g, opts);
    expectClose(m.total.estimate - m.direct.estimate, m.indirect, 1e-10, "c - c' = ab");
  });
});

describe("the cluster bootstrap of a·b", () => {
  const m = mediation(g, { ...opts, bootstrap: 99, seed: 3 });
  it("is seeded: the same seed gives the same intervals", () => {
    const again = mediation(g, { ...opts, bootstrap: 99, seed: 3 });
    expect(again.bootstrap).toEqual(m.bootstrap);
    expect(mediation(g, { ...opts, bootstrap: 99, seed: 4 }).bootstrap!.stdError).not.toBe(m.bootstrap!.stdError);
  });
  it("resamples firms, re-absorbs their effects, and brackets the estimate", () => {
    const b = m.bootstrap!;
    expect(b.resampling).toContain("units (firm)");
    expect(b.percentile[0]).toBeLessThan(m.indirect);
    expect(b.percentile[1]).toBeGreaterThan(m.indirect);
    expect(b.biasCorrected[0]).toBeLessThan(b.biasCorrected[1]);
    expect(b.stdError).toBeGreaterThan(0);
    expect(m.summary()).toContain("bias-corrected 95% interval");
  });
});

describe("mediation bad input", () => {
  it("names missing options, a lone id, a bad level and unknown options", () => {
    expect(() => mediation(g, { y: "inv", x: "value" } as never)).toThrow("mediation: options y, x and m are required (column names)");
    expect(() => mediation(g, { ...opts, time: undefined })).toThrow("mediation: options id and time go together");
    expect(() => mediation(g, { ...opts, level: 95 })).toThrow("mediation: level must be in (0, 1) (got 95)");
    expect(() => mediation(g, { ...opts, bootstraps: 10 } as never)).toThrow(/mediation: unknown option "bootstraps" \(did you mean "bootstrap"\?\)/);
  });
});
