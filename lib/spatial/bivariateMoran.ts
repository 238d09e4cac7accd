import type { SpatialWeights } from "../weights/SpatialWeights";
import { rng } from "../random/rng";
import { resolveSeed } from "../random/seed";
import { csrMatVec } from "../linalg/csr";
import { resolveBivariate } from "./bivariateInput";
import type { SpatialInputOptions } from "./input";
import type { MoranAlternative } from "./moran";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/** Options of {@link bivariateMoran}. */
export interface BivariateMoranOptions extends SpatialInputOptions {
  /** Random permutations of y for `pSim` (default 999; 0 skips them). */
  permutations?: number;
  /** Seed; default 1, reported in `seed`. */
  seed?: number;
  /** Alternative for `pSim` (default "two.sided"). */
  alternative?: MoranAlternative;
}

/** The result of {@link bivariateMoran}. */
export interface BivariateMoranResult {
  /** I_xy = Σ_i z_x,i (W z_y)_i / Σ_i z_x,i², z standardized (spdep `moran_bv`, esda `Moran_BV` for row-standardized W). */
  I: number;
  /** Permutation p-value from permuting y over regions (null without permutations). */
  pSim: number | null;
  meanSim: number | null;
  varianceSim: number | null;
  permutations: number;
  seed: number | null;
  n: number;
  variables: [string, string];
  alternative: MoranAlternative;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Bivariate Moran's I: the association between x in a region and the spatial lag of y around it (Wartenberg 1985;
 * Anselin, Syabri & Smirnov 2002), as spdep's `moran_bv` statistic and esda's `Moran_BV`, with inference by
 * random permutation of y (total randomization).
 *
 * Source: Wartenberg, D. (1985) "Multivariate spatial correlation: a method for exploratory geographical analysis",
 * *Geographical Analysis* 17(4), 263–283.
 * @param x first variable in `w.ids` order (or `(df, "x", "y", w, options)`)
 * @param y second variable
 * @param w spatial weights (every region with neighbours)
 * @param options permutations (999), seed (1), alternative ("two.sided"), id
 * @throws `bivariateMoran: "INC" is constant; the bivariate statistic is undefined`; missing values; islands
 * @example bivariateMoran(columbus.CRIME, columbus.INC, w.standardize("W"), { permutations: 0 }).I // -0.423269740017436 (spdep moran_bv t0)
 */
export function bivariateMoran(x: ArrayLike<unknown>, y: ArrayLike<unknown>, w: SpatialWeights, options?: BivariateMoranOptions): BivariateMoranResult;
/** Bivariate Moran of two table columns, rows aligned by `options.id`. */
export function bivariateMoran(data: DataInput, x: string, y: string, w: SpatialWeights, options?: BivariateMoranOptions): BivariateMoranResult;
export function bivariateMoran(a: unknown, b: unknown, c: unknown, d?: unknown, e?: unknown): BivariateMoranResult {
  const fn = "bivariateMoran";
  const { zx, zy, w, names, options } = resolveBivariate<BivariateMoranOptions>(fn, a, b, c, d, e, ["id", "zeroPolicy", "permutations", "seed", "alternative"]);
  const permutations = options.permutations ?? 999;
  const alternative = options.alternative ?? "two.sided";
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  const seedChecked = resolveSeed(options.seed, fn);
  const n = w.n;
  const csr = w.toCSR();
  let xx = 0;
  for (let i = 0; i < n; i++) xx += zx[i] * zx[i];
  const stat = (yv: Float64Array): number => {
    const l = csrMatVec(csr, yv);
    let s = 0;
    for (let i = 0; i < n; i++) s += zx[i] * l[i];
    return s / xx;
  };
  const I = stat(zy);
  let pSim: number | null = null, meanSim: number | null = null, varianceSim: number | null = null;
  if (permutations > 0) {
    const r = rng(seedChecked);
    const yp = Float64Array.from(zy);
    let ge = 0, le = 0, s = 0, ss = 0;
    for (let k = 0; k < permutations; k++) {
      r.shuffle(yp);
      const v = stat(yp);
      if (v >= I) ge++;
      if (v <= I) le++;
      s += v; ss += v * v;
    }
    const pg = (1 + ge) / (1 + permutations), pl = (1 + le) / (1 + permutations);
    pSim = alternative === "greater" ? pg : alternative === "less" ? pl : Math.min(1, 2 * Math.min(pg, pl));
    meanSim = s / permutations;
    varianceSim = permutations > 1 ? (ss - permutations * meanSim * meanSim) / (permutations - 1) : 0;
  }
  const report: ReportParts = {
    title: "Bivariate Moran's I",
    header: [["Variables", `${names[0]} and the spatial lag of ${names[1]}`], ["n", n], ["Weights style", w.style],
      ["Permutations", permutations > 0 ? `${permutations} permutations of ${names[1]}, seed ${seedChecked}, ${alternative}` : "none"]],
    statistics: [["Bivariate I", I], ...(pSim !== null ? [["pSim", pSim] as [string, number]] : [])],
  };
  return makeResult<BivariateMoranResult>({ I, pSim, meanSim, varianceSim, permutations, seed: permutations > 0 ? seedChecked : null, n, variables: names, alternative, report });
}
