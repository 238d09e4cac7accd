import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { weights } from "../lib/weights";

// R 4.2.2, spdep 1.2-7 cell2nb: test/reference/weights-lattice.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/weights-lattice.json"), "utf8")) as {
  grids: { nrow: number; ncol: number; type: "rook" | "queen"; ids: string[]; neighbors0: number[][] }[];
};

describe("weights.lattice agrees with spdep cell2nb", () => {
  for (const g of ref.grids) {
    it(`gives cell2nb(${g.nrow}, ${g.ncol}, type = "${g.type}"): the same ids and neighbours`, () => {
      const w = weights.lattice(g.nrow, g.ncol, { contiguity: g.type });
      expect(w.ids).toEqual(g.ids);
      expect(w.neighbors.map((a) => Array.from(a))).toEqual(g.neighbors0.map((a) => Array.from(a)));
      expect(w.style).toBe("B");
    });
  }
});

describe("weights.lattice", () => {
  it("has 2·(nrow·(ncol−1) + ncol·(nrow−1)) rook links and twice as many plus the diagonals for queen", () => {
    const count = (w: ReturnType<typeof weights.lattice>) => w.neighbors.reduce((s, a) => s + a.length, 0);
    expect(count(weights.lattice(30, 40))).toBe(2 * (30 * 39 + 40 * 29));
    expect(count(weights.lattice(30, 40, { contiguity: "queen" }))).toBe(2 * (30 * 39 + 40 * 29) + 4 * 29 * 39);
  });
  it("makes a single cell an island", () => {
    expect(weights.lattice(1, 1).islands).toEqual(["1:1"]);
  });
  it("rejects sizes that are not positive integers and unknown options", () => {
    expect(() => weights.lattice(0, 3)).toThrow("weights.lattice: nrow must be a positive integer, got 0");
    expect(() => weights.lattice(3, 2.5)).toThrow("weights.lattice: ncol must be a positive integer, got 2.5");
    expect(() => weights.lattice(3, 3, { contiguity: "bishop" as "rook" })).toThrow('weights.lattice: contiguity must be "rook" or "queen", got "bishop"');
    expect(() => weights.lattice(3, 3, { torus: true } as never)).toThrow('weights.lattice: unknown option "torus"; options: contiguity');
  });
});
