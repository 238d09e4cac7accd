import type { SpatialWeights } from "../weights/SpatialWeights";
import { resolveSeed } from "../random/seed";
import { csrMatVec } from "../linalg/csr";
import { resolveBivariate } from "./bivariateInput";
import { conditionalPermutation } from "./conditionalPermutation";
import { benjaminiHochberg } from "./localMoran";
import type { SpatialInputOptions } from "./input";
import type { LocalMoranCluster, LocalMoranQuadrant } from "./localMoran";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/** Options of {@link localBivariateMoran}. */
export interface LocalBivariateMoranOptions extends SpatialInputOptions {
  /** Conditional permutations per region (default 999; 0 skips inference and every cluster is "ns"). */
  permutations?: number;
  /** Seed; default 1, reported in `seed`. */
  seed?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Benjamini–Hochberg FDR control before `alpha` (default false). */
  fdr?: boolean;
}

/** The result of {@link localBivariateMoran}. */
export interface LocalBivariateMoranResult {
  ids: string[];
  /** I_i = z_x,i (W z_y)_i with standardized x and y (spdep `localmoran_bv` Ibvi). */
  Ii: Float64Array;
  pSim: Float64Array | null;
  pAdjusted: Float64Array | null;
  /** Quadrant of (z_x,i, (W z_y)_i): "HH", "LL", "HL", "LH". */
  quadrant: LocalMoranQuadrant[];
  cluster: LocalMoranCluster[];
  permutations: number;
  seed: number | null;
  alpha: number;
  n: number;
  variables: [string, string];
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Bivariate LISA: local bivariate Moran I_i = z_x,i Σ_j w_ij z_y,j (Anselin, Syabri & Smirnov 2002), as spdep's
 * `localmoran_bv` statistic and esda's `Moran_Local_BV`, with conditional permutations of y (x_i fixed; the
 * neighbours' y drawn without replacement from the other regions) and the folded pseudo p-value.
 *
 * Source: Anselin, L., Syabri, I. & Smirnov, O. (2002) "Visualizing multivariate spatial correlation with
 * dynamically linked windows", in *New Tools for Spatial Data Analysis*, CSISS.
 * @param x first variable (or `(df, "x", "y", w, options)`)
 * @param y second variable
 * @param w spatial weights (every region with neighbours)
 * @param options permutations (999), seed (1), alpha (0.05), fdr (false), id
 * @throws as {@link bivariateMoran}
 * @example localBivariateMoran(columbus.CRIME, columbus.INC, w.standardize("W"), { permutations: 0 }).Ii.length // 49
 */
export function localBivariateMoran(x: ArrayLike<unknown>, y: ArrayLike<unknown>, w: SpatialWeights, options?: LocalBivariateMoranOptions): LocalBivariateMoranResult;
/** Local bivariate Moran of two table columns, rows aligned by `options.id`. */
export function localBivariateMoran(data: DataInput, x: string, y: string, w: SpatialWeights, options?: LocalBivariateMoranOptions): LocalBivariateMoranResult;
export function localBivariateMoran(a: unknown, b: unknown, c: unknown, d?: unknown, e?: unknown): LocalBivariateMoranResult {
  const fn = "localBivariateMoran";
  const { zx, zy, w, names, options } = resolveBivariate<LocalBivariateMoranOptions>(fn, a, b, c, d, e, ["id", "zeroPolicy", "permutations", "seed", "alpha", "fdr"]);
  const permutations = options.permutations ?? 999;
  const alpha = options.alpha ?? 0.05;
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  const seedChecked = resolveSeed(options.seed, fn);
  const n = w.n;
  const csr = w.toCSR();
  const lag = csrMatVec(csr, zy);
  const Ii = Float64Array.from(zx, (v, i) => v * lag[i]);
  let pSim: Float64Array | null = null;
  if (permutations > 0) {
    pSim = conditionalPermutation(csr.rowPtr, Ii, permutations, seedChecked, (i, picks) => {
      let l = 0;
      for (let p = csr.rowPtr[i], t = 0; p < csr.rowPtr[i + 1]; p++, t++) l += csr.values[p] * zy[picks[t]];
      return zx[i] * l;
    }).pSim;
  }
  const pAdjusted = pSim && options.fdr ? benjaminiHochberg(pSim) : null;
  const decide = pAdjusted ?? pSim;
  const quadrant = Array.from(zx, (v, i) => ((v > 0 ? "H" : "L") + (lag[i] > 0 ? "H" : "L")) as LocalMoranQuadrant);
  const cluster: LocalMoranCluster[] = quadrant.map((q, i) => (decide && decide[i] <= alpha ? q : "ns"));
  const ids = [...w.ids];
  const report: ReportParts = {
    title: "Local bivariate Moran (bivariate LISA)",
    header: [["Variables", `${names[0]} and the spatial lag of ${names[1]}`], ["n", n],
      ["Permutations", permutations > 0 ? `${permutations} conditional permutations per region, seed ${seedChecked}; pSim folded` : "none"]],
    statistics: [],
    table: { caption: "Local statistics by region", columns: ["id", "Ii", "pSim", "quadrant", "cluster"], rows: ids.map((id, i) => [id, Ii[i], pSim ? pSim[i] : "—", quadrant[i], cluster[i]]) },
  };
  return makeResult<LocalBivariateMoranResult>({ ids, Ii, pSim, pAdjusted, quadrant, cluster, permutations, seed: permutations > 0 ? seedChecked : null, alpha, n, variables: names, report });
}
