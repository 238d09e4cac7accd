/**
 * The spatial lag of X model (SLX): y = Xβ + WXθ + ε by least squares, with its direct and indirect effects.
 */
import type { DataInput } from "../core/types";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { normalTwoSided } from "../distributions/cdf";
import { olsOnDesign, type OlsResult } from "../regression/ols";
import type { VcovSpec } from "../inference/vcovSpec";
import { spatialData } from "./spatialData";
import { checkOptionNames } from "../core/options";

/** Options of {@link slx}. */
export interface SlxOptions {
  /** Id column matching `w.ids` (rows are aligned to the weights by it). */
  id?: string;
  /** Which regressors get a WX term: `true` (default, all but the intercept) or a list of column names. */
  durbin?: boolean | string[];
  /** Keep regions without neighbours as zero rows of W (default false). */
  zeroPolicy?: boolean;
  /** Variance of the estimates: any VcovSpec of lib/inference (default "iid"). */
  vcov?: VcovSpec;
}

/** One regressor's effects in an SLX model. */
export interface SlxEffect {
  term: string;
  /** β. */
  direct: number;
  /** θ (0 when the regressor has no WX term). */
  indirect: number;
  /** β + θ. */
  total: number;
  directStdError: number;
  indirectStdError: number;
  totalStdError: number;
  totalPValue: number;
}

/** Result of {@link slx}: an OLS fit on [X, WX] with the effects. */
export interface SlxResult extends OlsResult {
  /** Direct (β), indirect (θ) and total (β + θ) effects with standard errors from the fit's variance, as spatialreg `impacts(lmSLX)`. */
  readonly effects: SlxEffect[];
  weightsStyle: string;
}

/**
 * Spatial lag of X model by least squares.
 *
 * Long name: SLX model (Halleck Vega & Elhorst 2015, J. Regional Science 55(3), 339–363), as spatialreg `lmSLX`:
 * OLS of y on X and the spatially lagged regressors WX (columns `lag.x`). Its impacts need no matrix inverse:
 * direct = β, indirect = θ, total = β + θ, with standard errors from the variance of (β, θ) — under any VcovSpec,
 * and recomputed by `withVcov(fit, spec)`.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"`
 * @param w spatial weights (binary weights are row-standardized)
 * @param options `id`, `durbin`, `zeroPolicy`, `vcov`
 * @throws as `spatialLag` for data/weights alignment; a durbin term not in the model
 * @example
 * slx(columbus, "CRIME ~ INC + HOVAL", colGal, { id: "id" }).effects[0].total // -2.4915741 (spatialreg lmSLX impacts)
 */
export function slx(data: DataInput, formula: string, w: SpatialWeights, options: SlxOptions = {}): SlxResult {
  const fn = "slx";
  checkOptionNames(options, ["id", "durbin", "zeroPolicy", "vcov"], fn);
  const { id, durbin = true, zeroPolicy, vcov } = options;
  const { mm, pw, rows, lagOf } = spatialData(data, formula, w, { id, durbin, zeroPolicy }, fn);
  const fit = olsOnDesign(mm, {
    data, formula, spec: vcov ?? "iid", rows, ids: [...pw.ids], fn, title: "Spatial lag of X model (SLX), least squares",
  });
  const out = Object.create(Object.getPrototypeOf(fit)) as SlxResult;
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(fit));
  const names = mm.columnNames;
  const lagSet = new Set(lagOf.filter((j) => j >= 0));
  const own = names.map((nm, j) => (nm === "(Intercept)" || lagSet.has(j) ? -1 : j)).filter((j) => j >= 0);
  Object.defineProperties(out, {
    weightsStyle: { value: pw.style, enumerable: true },
    effects: {
      enumerable: true,
      get(this: SlxResult): SlxEffect[] {
        const V = this.variance, p = V.names.length;
        const at = (a: number, b: number) => V.values[a * p + b];
        return own.map((j) => {
          const l = lagOf[j];
          const b = this.estimates[j], th = l >= 0 ? this.estimates[l] : 0;
          const vb = at(j, j), vt = l >= 0 ? at(l, l) : 0, cv = l >= 0 ? at(j, l) : 0;
          const seT = Math.sqrt(vb + vt + 2 * cv);
          return {
            term: names[j], direct: b, indirect: th, total: b + th,
            directStdError: Math.sqrt(vb), indirectStdError: Math.sqrt(vt), totalStdError: seT, totalPValue: normalTwoSided((b + th) / seT),
          };
        });
      },
    },
  });
  return out;
}
