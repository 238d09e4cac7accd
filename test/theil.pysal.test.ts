import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { theil } from "../lib/disparity/theil";
import { expectClose } from "./tolerances";

// PySAL inequality's documented example (inequality/theil.py docstrings of Theil and TheilD, pysal/inequality @ 0f9050e):
// per-capita GDP of the 32 Mexican states by decade (libpysal example "mexico", copied unchanged into
// test/fixtures/mexico/), regions `hanson98`. PySAL's Theil is Theil T, unweighted (each state counts once).
// numpy prints 8 decimals: each value is checked to half a unit in the 8th decimal.
const lines = readFileSync(join(__dirname, "fixtures/mexico/mexico.csv"), "utf8").trim().split(/\r?\n/);
const header = lines[0].split(",");
const rows = lines.slice(1).map((l) => l.split(","));
const col = (name: string) => Object.freeze(rows.map((r) => Number(r[header.indexOf(name)])));
const decades = [1940, 1950, 1960, 1970, 1980, 1990, 2000];
const printed = {
  T: [0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256, 0.10660832],
  bg: [0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731, 0.03635872],
  wg: [0.17435454, 0.12405598, 0.0521202, 0.04263506, 0.06354856, 0.07547525, 0.0702496],
};
const half8 = 0.5e-8 * (1 + 1e-9);

describe("theil on PySAL inequality's documented Mexico example", () => {
  it("has 32 states", () => expect(rows.length).toBe(32));
  it("Theil(y).T for each decade 1940–2000", () => {
    decades.forEach((d, k) => expectClose(theil({ y: col(`pcgdp${d}`) }, { value: "y" }).T, printed.T[k], 0, `T ${d}`, half8));
  });
  it("TheilD(y, hanson98): between-group bg and within-group wg for each decade", () => {
    const region = Object.freeze(col("hanson98").map(String));
    decades.forEach((d, k) => {
      const r = theil({ y: col(`pcgdp${d}`), region }, { value: "y", group: "region" });
      expectClose(r.TBetween, printed.bg[k], 0, `bg ${d}`, half8);
      expectClose(r.TWithin, printed.wg[k], 0, `wg ${d}`, half8);
    });
  });
});
