import { describe, expect, it } from "vitest";
import { joinCounts } from "../lib/spatial/joinCounts";
import { RTOL, expectClose } from "./tolerances";
import { exploratory as ref, wB, wW, type JoinRef } from "./helpers/exploratoryReference";

// R 4.2.2, spdep 1.2-7 joincount.test (nonfree, greater) on Columbus CRIME above its median:
// test/reference/spatial-exploratory-columbus.R
const labels = Object.freeze(ref.joincount_B.high.map((h) => (h === 1 ? "high" : "low")));

function expectJoins(r: ReturnType<typeof joinCounts>, e: JoinRef[], what: string) {
  for (const t of e) {
    const got = r.tests.find((x) => x.category === t.level)!;
    expectClose(got.joins, t.BB, RTOL, `${what} ${t.level} joins`);
    expectClose(got.expected, t.E, RTOL, `${what} ${t.level} expected`);
    expectClose(got.variance, t.var, RTOL, `${what} ${t.level} variance`);
    expectClose(got.z, t.z, RTOL, `${what} ${t.level} z`);
    expectClose(got.pValue, t.p, RTOL, `${what} ${t.level} p`);
  }
}

describe("joinCounts agrees with spdep joincount.test", () => {
  it("matches joins, expectation, variance, z and p with binary weights", () => {
    expectJoins(joinCounts(labels, wB), ref.joincount_B.tests, "B");
  });
  it("matches with row-standardized weights", () => {
    expectJoins(joinCounts(labels, wW), ref.joincount_W, "W");
  });
  it("counts joins by brute force over the edge list", () => {
    let hh = 0;
    for (let i = 0; i < 49; i++) for (const j of wB.neighbors[i]) if (i < j && labels[i] === "high" && labels[j] === "high") hh++;
    expect(joinCounts(labels, wB).tests.find((t) => t.category === "high")!.joins).toBe(hh);
  });
  it("refuses missing labels", () => {
    expect(() => joinCounts(labels.map((l, i) => (i === 2 ? null : l)), wB)).toThrow(/joinCounts: values have 1 missing \(rows 2\)/);
  });
});
