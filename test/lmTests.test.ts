import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { ols } from "../lib/regression";
import { lmTests } from "../lib/spatialreg";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2, spdep 1.2-7 lm.LMtests(test = "all") on spData columbus with col.gal.nb, style "W":
// test/reference/spatialreg-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const gal = readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8");
const w = weights.fromGAL(gal);
const data = Object.freeze({ ...ref.data });

const pairs = [
  ["lmError", "LMerr"], ["lmLag", "LMlag"], ["robustLmError", "RLMerr"], ["robustLmLag", "RLMlag"], ["sarma", "SARMA"],
] as const;

describe("lmTests agrees with spdep lm.LMtests on Columbus CRIME ~ INC + HOVAL", () => {
  const t = lmTests(ols(data, "CRIME ~ INC + HOVAL", { id: "id" }), w);
  for (const [ours, theirs] of pairs) {
    it(`${ours} equals spdep ${theirs} (statistic, df, p-value)`, () => {
      expectClose(t[ours].statistic, ref.lmTests[theirs].statistic, RTOL, `${ours} statistic`);
      expect(t[ours].df).toBe(ref.lmTests[theirs].df);
      expectClose(t[ours].pValue, ref.lmTests[theirs].pValue, RTOL, `${ours} p`);
    });
  }

  it("row-standardizes binary weights and reports the style used", () => {
    expect(w.style).toBe("B");
    expect(t.weightsStyle).toBe("W");
  });

  it("aligns rows by the model's ids: shuffled data give the same statistics", () => {
    const n = (data.id as string[]).length;
    const order = Array.from({ length: n }, (_, i) => (i * 17) % n); // 17 is coprime with 49: a permutation
    const shuffled: Record<string, unknown[]> = {};
    for (const [key, col] of Object.entries(data)) shuffled[key] = order.map((i) => (col as unknown[])[i]);
    const t2 = lmTests(ols(shuffled, "CRIME ~ INC + HOVAL", { id: "id" }), w);
    for (const [ours, theirs] of pairs) expectClose(t2[ours].statistic, ref.lmTests[theirs].statistic, RTOL, ours);
  });

  it("uses rows in w.ids order when the model has no ids", () => {
    const t3 = lmTests(ols(data, "CRIME ~ INC + HOVAL"), w);
    expectClose(t3.lmLag.statistic, ref.lmTests.LMlag.statistic, RTOL, "LMlag");
  });

  it("prints a summary and an HTML table naming every test", () => {
    const s = t.summary();
    for (const name of ["LM error", "LM lag", "Robust LM error", "Robust LM lag", "SARMA"]) expect(s).toContain(name);
    expect(t.toHTML()).toContain("<table");
  });
});

describe("lmTests bad input", () => {
  it("rejects a model whose rows do not match the weights", () => {
    const m = ols(data, "CRIME ~ INC + HOVAL", { rows: Array.from({ length: 48 }, (_, i) => i) });
    expect(() => lmTests(m, w)).toThrow("lmTests: the model has 48 rows but the weights have 49 regions");
  });
  it("names ids that do not match", () => {
    const ids = (data.id as string[]).slice();
    ids[3] = "9999";
    const m = ols({ ...data, id: ids }, "CRIME ~ INC + HOVAL", { id: "id" });
    expect(() => lmTests(m, w)).toThrow(/lmTests: ids in data but not in weights: 9999; ids in weights but not in data: 1002/);
  });
  it("refuses islands unless zeroPolicy is set", () => {
    const wi = new weights.SpatialWeights(["a", "b", "c", "d", "e", "f"], [[1], [0, 2], [1, 3], [2, 4], [3], []]);
    const d = { y: [1, 3, 2, 5, 4, 7], x: [1, 2, 3, 4, 5, 6] };
    const m = ols(d, "y ~ x");
    expect(() => lmTests(m, wi)).toThrow('lmTests: weights have 1 island (regions with no neighbour): f; pass { zeroPolicy: true } to keep them as zero rows');
    const t = lmTests(m, wi, { zeroPolicy: true });
    expect(Number.isFinite(t.lmError.statistic)).toBe(true);
  });
  it("rejects something that is not an ols() result", () => {
    expect(() => lmTests({} as never, w)).toThrow("lmTests: model must be a result of ols()");
  });
});
