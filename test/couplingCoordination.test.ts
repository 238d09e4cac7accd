import { describe, it, expect } from "vitest";
import { Series } from "danfojs-node";
import { couplingCoordination } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-coupling.json";

// Reference numbers: test/reference/indices-coupling.R (base R, independent); subsystem scores are synthetic.
const TOL = 1e-12;
const u1 = Object.freeze([...ref.two.u1]);
const u2 = Object.freeze([...ref.two.u2]);

function expectArrayClose(actual: Float64Array, expected: number[], what: string) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expectClose(v, expected[i], TOL, `${what}[${i}]`, 1e-15));
}

describe("couplingCoordination", () => {
  it("two subsystems, standard: C = 2√(U1·U2)/(U1+U2), T = 0.5U1 + 0.5U2, D = √(C·T), as R", () => {
    const r = couplingCoordination({ u1, u2 });
    expect(r.variant).toBe("standard");
    expectArrayClose(r.C, ref.standard.C, "C");
    expectArrayClose(r.T, ref.standard.T, "T");
    expectArrayClose(r.D, ref.standard.D, "D");
  });

  it("worked by hand: U1 = 0.2, U2 = 0.8 gives C = 2·0.4/1 = 0.8, T = 0.5, D = √0.4", () => {
    const r = couplingCoordination({ u1: [0.2], u2: [0.8] });
    expectClose(r.C[0], 0.8, 1e-15, "C");
    expectClose(r.T[0], 0.5, 1e-15, "T");
    expectClose(r.D[0], Math.sqrt(0.4), 1e-15, "D");
  });

  it("standard C depends only on U1/U2: (0.01, 0.02) and (0.5, 1) get the same C = 2√0.5/1.5", () => {
    const r = couplingCoordination({ u1: [0.01, 0.5], u2: [0.02, 1] });
    expectClose(r.C[0], (2 * Math.sqrt(0.5)) / 1.5, 1e-14, "C small");
    expectClose(r.C[1], (2 * Math.sqrt(0.5)) / 1.5, 1e-14, "C large");
  });

  it("uses alpha and beta in T", () => {
    const r = couplingCoordination({ u1, u2, alpha: ref.standardAlphaBeta.alpha, beta: ref.standardAlphaBeta.beta });
    expectArrayClose(r.T, ref.standardAlphaBeta.T, "T");
    expectArrayClose(r.D, ref.standardAlphaBeta.D, "D");
    expect(r.weights).toEqual([0.4, 0.6]);
  });

  it("published variants: adjusted (k = 2), missing coefficient and Wang et al. (2021), as R", () => {
    const adj = couplingCoordination({ u1, u2, variant: "adjusted", k: 2 });
    expectArrayClose(adj.C, ref.adjusted2.C, "adjusted C");
    expectArrayClose(adj.D, ref.adjusted2.D, "adjusted D");
    const miss = couplingCoordination({ u1, u2, variant: "missing-coefficient" });
    expectArrayClose(miss.C, ref.missingCoefficient.C, "missing-coefficient C");
    for (const c of miss.C) expect(c).toBeLessThanOrEqual(0.5);
    const wang = couplingCoordination({ u1, u2, variant: "wang2021" });
    expectArrayClose(wang.C, ref.wang2021.C, "wang2021 C");
    expectArrayClose(wang.D, ref.wang2021.D, "wang2021 D");
  });

  it("Wang et al. (2021) two-subsystem C worked by hand: (0.2, 0.8) gives √((1 − 0.6)·0.25) = √0.1", () => {
    const r = couplingCoordination({ u1: [0.2], u2: [0.8], variant: "wang2021" });
    expectClose(r.C[0], Math.sqrt(0.1), 1e-14, "C");
  });

  it("n subsystems: standard and wang2021 with weights, as R", () => {
    const t = ref.three.data as Record<string, number[]>;
    const sub = [t.u1, t.u2, t.u3];
    const s = couplingCoordination({ subsystems: sub, weights: ref.three.weights });
    expectArrayClose(s.C, ref.three.standard.C, "C3");
    expectArrayClose(s.T, ref.three.standard.T, "T3");
    expectArrayClose(s.D, ref.three.standard.D, "D3");
    const w = couplingCoordination({ subsystems: sub, weights: ref.three.weights, variant: "wang2021" });
    expectArrayClose(w.C, ref.three.wang2021.C, "wang C3");
    expect(s.subsystems).toBe(3);
  });

  it("the n-subsystem form with n = 2 equals the two-subsystem form", () => {
    const a = couplingCoordination({ u1, u2 });
    const b = couplingCoordination({ subsystems: [u1, u2] });
    expect(Array.from(b.D)).toEqual(Array.from(a.D));
  });

  it("accepts danfo Series", () => {
    const r = couplingCoordination({ u1: new Series([0.2]), u2: new Series([0.8]) });
    expectClose(r.C[0], 0.8, 1e-15, "C");
  });

  it("refuses negative scores, rows with all scores 0, weights not summing to 1, and missing values", () => {
    expect(() => couplingCoordination({ u1: [0.2, -0.1], u2: [0.3, 0.4] })).toThrow(/couplingCoordination: u1 is negative \(-0.1\) at row 1/);
    expect(() => couplingCoordination({ u1: [0, 0.2], u2: [0, 0.4] })).toThrow(/every subsystem score is 0 at row 0, so C is 0\/0/);
    expect(() => couplingCoordination({ u1: [0.2], u2: [0.4], alpha: 0.6, beta: 0.6 })).toThrow(/\(alpha \+ beta\) sum to 1.2, not 1/);
    expect(() => couplingCoordination({ subsystems: [[0.2], [0.4]], weights: [0.3, 0.3] })).toThrow(/sum to 0.6, not 1/);
    expect(() => couplingCoordination({ u1: [0.2, NaN], u2: [0.3, 0.4] })).toThrow(/couplingCoordination: column "u1" has 1 missing value/);
    expect(() => couplingCoordination({ u1: [0.2], u2: [0.3, 0.4] })).toThrow(/u2 has 2 values, u1 has 1/);
    expect(() => couplingCoordination({ u1: [1.2], u2: [0.3], variant: "wang2021" })).toThrow(/needs scores in \[0, 1\]/);
    expect(() => couplingCoordination({ u1: [0.2], u2: [0.3], variant: "adjusted" })).toThrow(/needs a positive exponent k/);
    expect(() => couplingCoordination({ u1: [0.2], u2: [0.3], variant: "other" as never })).toThrow(/unknown variant "other"/);
  });
});
