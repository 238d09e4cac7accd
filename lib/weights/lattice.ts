import { SpatialWeights } from "./SpatialWeights";
import { checkOptionNames } from "../core/options";

/** Options of {@link lattice}. */
export interface LatticeOptions {
  /** "rook" (the four edge neighbours) or "queen" (also the four corner neighbours); default "rook". */
  contiguity?: "rook" | "queen";
}

/**
 * Contiguity weights of a regular grid of `nrow` × `ncol` cells, as spdep's `cell2nb(nrow, ncol, type)`: cells
 * numbered row by row (cell (r, c), 0-based, is region r·ncol + c), ids `"c:r"` 1-based like spdep's
 * `region.id`, neighbours in ascending order, binary weights (style "B"; `standardize("W")` for row-standardized).
 * No torus wrap-around. Used for synthetic benchmarks and simulation studies (a 1000 × 1000 grid is n = 1,000,000).
 *
 * Long name: regular lattice (grid) contiguity weights.
 * @param nrow number of rows (a positive integer)
 * @param ncol number of columns (a positive integer)
 * @param options contiguity ("rook" or "queen")
 * @throws `weights.lattice: nrow must be a positive integer, got 0`, `weights.lattice: contiguity must be "rook" or "queen", got "bishop"`
 * @example
 * const w = weights.lattice(3, 4);            // spdep: cell2nb(3, 4, type = "rook")
 * w.ids.slice(0, 5);                          // ["1:1", "2:1", "3:1", "4:1", "1:2"]
 * w.neighbors[5];                             // [1, 4, 6, 9]
 * weights.lattice(3, 4, { contiguity: "queen" }).neighbors[0]; // [1, 4, 5]
 */
export function lattice(nrow: number, ncol: number, options: LatticeOptions = {}): SpatialWeights {
  const fn = "weights.lattice";
  for (const [name, v] of [["nrow", nrow], ["ncol", ncol]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${name} must be a positive integer, got ${String(v)}`);
  }
  checkOptionNames(options, ["contiguity"], fn);
  const contiguity = options.contiguity ?? "rook";
  if (contiguity !== "rook" && contiguity !== "queen") throw new Error(`${fn}: contiguity must be "rook" or "queen", got ${JSON.stringify(contiguity)}`);
  const queen = contiguity === "queen";
  const n = nrow * ncol;
  const neighbors: number[][] = new Array(n);
  const ids: string[] = new Array(n);
  for (let r = 0; r < nrow; r++) {
    for (let c = 0; c < ncol; c++) {
      const i = r * ncol + c;
      const a: number[] = [];
      if (r > 0) {
        if (queen && c > 0) a.push(i - ncol - 1);
        a.push(i - ncol);
        if (queen && c < ncol - 1) a.push(i - ncol + 1);
      }
      if (c > 0) a.push(i - 1);
      if (c < ncol - 1) a.push(i + 1);
      if (r < nrow - 1) {
        if (queen && c > 0) a.push(i + ncol - 1);
        a.push(i + ncol);
        if (queen && c < ncol - 1) a.push(i + ncol + 1);
      }
      neighbors[i] = a;
      ids[i] = `${c + 1}:${r + 1}`;
    }
  }
  return new SpatialWeights(ids, neighbors);
}
