import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFormula, modelMatrix } from "../lib/formula";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2 model.matrix on spData columbus: test/reference/ols-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/ols-columbus.json"), "utf8"));
const data = Object.freeze(ref.data) as Record<string, unknown[]>;

describe("parseFormula", () => {
  it("names transformed terms as written and drops the intercept with -1", () => {
    const f = parseFormula("lngdp ~ lnfin + log(DIS) + I(x^2) + x1:x2 - 1");
    expect(f.response.name).toBe("lngdp");
    expect(f.terms.map((t) => t.name)).toEqual(["lnfin", "log(DIS)", "I(x^2)", "x1:x2"]);
    expect(f.intercept).toBe(false);
    expect(f.text).toBe("lngdp ~ lnfin + log(DIS) + I(x^2) + x1:x2 - 1");
  });

  it("expands a*b to a + b + a:b and orders terms by degree like R", () => {
    expect(parseFormula("y ~ a*b").terms.map((t) => t.name)).toEqual(["a", "b", "a:b"]);
    expect(parseFormula("y ~ a:b + c").terms.map((t) => t.name)).toEqual(["c", "a:b"]);
    expect(parseFormula("y ~ (a + b):c").terms.map((t) => t.name)).toEqual(["a:c", "b:c"]);
  });

  it("treats +0, -1 and a leading -1 as no intercept, and removes terms with -", () => {
    expect(parseFormula("y ~ a + 0").intercept).toBe(false);
    expect(parseFormula("y ~ -1 + a").intercept).toBe(false);
    expect(parseFormula("y ~ a").intercept).toBe(true);
    expect(parseFormula("y ~ a*b - a:b").terms.map((t) => t.name)).toEqual(["a", "b"]);
  });

  it("deparses arithmetic inside I() the way R does", () => {
    expect(parseFormula("y ~ I(x*2) + I(x/2+1) + I(-x^2)").terms.map((t) => t.name)).toEqual(["I(x * 2)", "I(x/2 + 1)", "I(-x^2)"]);
  });

  it("orders variables inside an interaction by first appearance, as R does", () => {
    expect(parseFormula("y ~ factor(g) + x:factor(g)").terms.map((t) => t.name)).toEqual(["factor(g)", "factor(g):x"]);
  });

  it("rejects malformed formulas with a message naming the problem", () => {
    expect(() => parseFormula("y x")).toThrow(/no "~"/);
    expect(() => parseFormula("y ~ foo(x)")).toThrow(/unsupported function "foo"/);
    expect(() => parseFormula("y ~ .")).toThrow(/"\." shorthand/);
    expect(() => parseFormula("y ~ (a + b")).toThrow(/expected "\)"/);
    expect(() => parseFormula("y ~ a + 2")).toThrow(/only allowed as 0 or 1/);
    expect(() => parseFormula("y ~ 0")).toThrow(/no terms and no intercept/);
    expect(() => parseFormula("~ x")).toThrow(/no response/);
    expect(() => parseFormula("y ~ x^2")).toThrow(/write I\(x\^2\) for a power/);
  });
});

describe("modelMatrix agrees with R model.matrix", () => {
  for (const c of ref.modelMatrix as { formula: string; columnNames: string[]; X: number[]; y: number[]; n: number; k: number }[]) {
    it(`builds the same columns, names and values for ${c.formula}`, () => {
      const mm = modelMatrix(data, c.formula, { fn: "test" });
      expect(mm.columnNames).toEqual(c.columnNames);
      expect(mm.n).toBe(c.n);
      expect(mm.k).toBe(c.k);
      for (let i = 0; i < c.X.length; i++) expectClose(mm.X[i], c.X[i], RTOL, `${c.formula} X[${i}]`);
      for (let i = 0; i < c.y.length; i++) expectClose(mm.y[i], c.y[i], RTOL, `${c.formula} y[${i}]`);
    });
  }

  it("lists the raw columns it read, response first", () => {
    const mm = modelMatrix(data, "log(CRIME) ~ INC + I(HOVAL/INC) + factor(district)");
    expect(mm.variables).toEqual(["CRIME", "INC", "HOVAL", "district"]);
    expect(mm.responseName).toBe("log(CRIME)");
    expect(mm.assign).toEqual([0, 1, 2, 3, 3, 3]);
  });

  it("uses only the requested rows, in order", () => {
    const mm = modelMatrix(data, "CRIME ~ INC", { rows: [2, 0] });
    expect(mm.n).toBe(2);
    expect(Array.from(mm.y)).toEqual([(data.CRIME as number[])[2], (data.CRIME as number[])[0]]);
  });
});

describe("modelMatrix bad input", () => {
  it("names the function, column and rows of missing values instead of dropping them", () => {
    const d = { y: [1, 2, null, 4, NaN], x: [1, 2, 3, 4, 5] };
    expect(() => modelMatrix(d, "y ~ x", { fn: "ols" })).toThrow('ols: column "y" has 2 missing values (rows 2, 4)');
  });
  it("names the term and first offending row for the log of a non-positive value", () => {
    const d = { y: [1, 2, 3, 4], x: [1, 0, -1, 4] };
    expect(() => modelMatrix(d, "y ~ log(x)", { fn: "ols" })).toThrow('ols: term "log(x)" takes the log of a non-positive value (0 at row 1)');
  });
  it("rejects a non-numeric column naming the row", () => {
    const d = { y: [1, 2, 3], x: [1, "a", 3] };
    expect(() => modelMatrix(d, "y ~ x", { fn: "ols" })).toThrow('ols: column "x" is not numeric (row 1 is "a")');
  });
  it("rejects an unknown column listing the available ones", () => {
    expect(() => modelMatrix({ y: [1, 2], x: [1, 2] }, "y ~ z", { fn: "ols" })).toThrow('ols: no column "z" (columns: y, x)');
  });
  it("rejects a division by zero inside I()", () => {
    expect(() => modelMatrix({ y: [1, 2], x: [1, 0] }, "y ~ I(1/x)", { fn: "ols" })).toThrow(/term "I\(1\/x\)" is not finite at row 1/);
  });
  it("rejects a factor with one level", () => {
    expect(() => modelMatrix({ y: [1, 2], g: ["a", "a"] }, "y ~ factor(g)", { fn: "ols" })).toThrow(/single level/);
  });
  it("does not modify its input", () => {
    const x = Object.freeze([1, 2, 3, 4]);
    const y = Object.freeze([2, 3, 5, 9]);
    const mm = modelMatrix({ y, x }, "y ~ log(x)");
    expect(Array.from(x)).toEqual([1, 2, 3, 4]);
    expect(mm.X[5]).toBeCloseTo(Math.log(2), 15);
  });
});
