import { describe, expect, it } from "vitest";
import { lisaMarkov } from "../lib/dynamics/lisaMarkov";
import { localMoran } from "../lib/spatial/localMoran";
import { markov } from "../lib/dynamics/markov";
import { crime, income, wW } from "./helpers/exploratoryReference";

// Two periods built from Columbus CRIME and INC (spData, via test/reference/spatial-exploratory-columbus.R): the
// quadrants must equal localMoran's (themselves checked against spdep's quadr$pysal), the chain markov's on them.
const rows = Object.freeze(crime.map((c, i) => Object.freeze([c, income[i], c + income[i]])));

describe("lisaMarkov (space–time LISA transitions)", () => {
  it("quadrants per period equal localMoran's Moran-scatterplot quadrants", () => {
    const r = lisaMarkov(rows, wW);
    for (let t = 0; t < 3; t++) {
      const q = localMoran(rows.map((row) => row[t]), wW, { permutations: 0 }).quadrant;
      expect(r.quadrants.map((row) => row[t])).toEqual(q);
    }
  });
  it("the chain is markov() over the quadrants, states ordered HH, LH, LL, HL (giddy's 1–4)", () => {
    const r = lisaMarkov(rows, wW);
    expect(r.states).toEqual(["HH", "LH", "LL", "HL"]);
    expect(r.counts).toEqual(markov(r.quadrants, { states: ["HH", "LH", "LL", "HL"] }).counts);
    expect(r.transitions).toBe(49 * 2);
    let joint = 0;
    for (const q of r.quadrants) for (let t = 1; t < 3; t++) if (q[t][0] !== q[t - 1][0] && q[t][1] !== q[t - 1][1]) joint++;
    expect(r.jointMoveShare).toBe(joint / 98);
    expect(r.summary()).toMatch(/LISA Markov chain/);
  });
  it("refuses a constant period and mismatched rows", () => {
    expect(() => lisaMarkov(rows.map((r) => [r[0], 5]), wW)).toThrow(/lisaMarkov: period 1 is constant/);
    expect(() => lisaMarkov(rows.slice(2), wW)).toThrow(/lisaMarkov: 47 rows but the weights have 49 regions/);
  });
});
