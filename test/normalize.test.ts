import { describe, it, expect } from "vitest";
import { normalize } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-entropy.json";

// Reference numbers: test/reference/indices-entropy.R (base R scale() and min-max); inputs synthetic.
const cs = ref.crossSection.data as Record<string, number[]>;

describe("normalize", () => {
  it("min–max: benefit (x − min)/(max − min), cost (max − x)/(max − min), worked by hand", () => {
    const out = normalize({ a: [1, 2, 3], b: [10, 20, 40] }, ["a", "b"], { direction: { a: "+", b: "-" } });
    expect(out.columns).toEqual(["a", "b"]);
    expect(out.column("a").values).toEqual([0, 0.5, 1]);
    const b = out.column("b").values as number[];
    [1, 2 / 3, 0].forEach((v, i) => expectClose(b[i], v, 1e-15, `b[${i}]`)); // (40 − 10)/30, (40 − 20)/30, 0
  });

  it("min–max handles negative values and matches R", () => {
    const out = normalize(cs, ["x1"], { direction: "+" }).column("x1").values as number[];
    const e = (ref.crossSection.result.normalized as Record<string, number[]>).x1;
    out.forEach((v, i) => expectClose(v, e[i], 1e-12, `x1[${i}]`, 1e-15));
  });

  it("z-score uses the sample sd as R's scale(), with the sign flipped for cost indicators", () => {
    const out = normalize(cs, ["x1", "x2"], { method: "zscore", direction: { x1: "+", x2: "-" } });
    (out.column("x1").values as number[]).forEach((v, i) => expectClose(v, ref.zscore.x1[i], 1e-12, `x1[${i}]`, 1e-15));
    (out.column("x2").values as number[]).forEach((v, i) => expectClose(v, ref.zscore.x2neg[i], 1e-12, `x2[${i}]`, 1e-15));
  });

  it("vector normalization divides by the Euclidean norm, as R", () => {
    const out = normalize(cs, ["x2"], { method: "vector", direction: "+" }).column("x2").values as number[];
    out.forEach((v, i) => expectClose(v, ref.vector.x2[i], 1e-12, `x2[${i}]`));
  });

  it("adds the shift after normalization", () => {
    const out = normalize({ a: [1, 2, 3] }, ["a"], { direction: "+", shift: 0.01 }).column("a").values as number[];
    expect(out).toEqual([0.01, 0.51, 1.01]);
  });

  it("refuses an indicator with zero variance unless constant: \"zero\"", () => {
    expect(() => normalize({ a: [4, 4, 4] }, ["a"], { direction: "+" })).toThrow(/normalize: column "a" cannot be normalized with "minmax": all its values are equal/);
    expect(() => normalize({ a: [4, 4, 4] }, ["a"], { method: "zscore", direction: "+" })).toThrow(/its standard deviation is 0/);
    expect(normalize({ a: [4, 4, 4] }, ["a"], { direction: "+", constant: "zero" }).column("a").values).toEqual([0, 0, 0]);
  });

  it("refuses direction \"-\" with the vector method, bad shifts, unknown methods and bad columns", () => {
    expect(() => normalize({ a: [1, 2] }, ["a"], { method: "vector", direction: "-" })).toThrow(/direction "-" is not defined for method "vector"/);
    expect(() => normalize({ a: [1, 2] }, ["a"], { direction: "+", shift: -1 })).toThrow(/shift must be a finite number ≥ 0/);
    expect(() => normalize({ a: [1, 2] }, ["a"], { method: "rank" as never, direction: "+" })).toThrow(/unknown normalization method "rank"/);
    expect(() => normalize({ a: [1, undefined] }, ["a"], { direction: "+" })).toThrow(/normalize: column "a" has 1 missing value/);
    expect(() => normalize({ a: [1, 2] }, ["a", "a"], { direction: "+" })).toThrow(/column "a" is listed twice/);
    expect(() => normalize({ a: [1, 2] }, ["a"], {} as never)).toThrow(/option "direction" is required/);
  });

  it("carries id columns unchanged with keep", () => {
    const out = normalize({ province: ["a", "b", "c"], year: [2019, 2019, 2019], x: [1, 3, 2] }, ["x"], { direction: "+", keep: ["province", "year"] });
    expect(out.columns).toEqual(["province", "year", "x"]);
    expect(out.column("province").values).toEqual(["a", "b", "c"]);
    expect(out.column("x").values).toEqual([0, 1, 0.5]);
    expect(() => normalize({ x: [1, 2] }, ["x"], { direction: "+", keep: ["x"] })).toThrow(/column "x" is both kept and normalized/);
  });
});
