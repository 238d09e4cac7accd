/**
 * Input handling of the bivariate statistics (`bivariateMoran`, `localBivariateMoran`): the call forms
 * `(x, y, w, options)` and `(df, "x", "y", w, options)`, each column validated as the univariate statistics do.
 */
import { SpatialWeights } from "../weights/SpatialWeights";
import { resolveSpatialInput, type ResolvedInput, type SpatialInputOptions } from "./input";

/** Both variables in `w.ids` order, standardized as R `scale` (mean 0, sd with divisor n − 1). */
export interface BivariateInput<O> { zx: Float64Array; zy: Float64Array; w: SpatialWeights; names: [string, string]; options: O }

function scaled(fn: string, v: Float64Array, name: string): Float64Array {
  const n = v.length;
  let m = 0, scale = 0;
  for (let i = 0; i < n; i++) { m += v[i]; scale = Math.max(scale, Math.abs(v[i])); }
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (ss === 0 || sd <= 1e-14 * scale) throw new Error(`${fn}: ${name === "values" ? "values are" : `"${name}" is`} constant; the bivariate statistic is undefined`);
  return Float64Array.from(v, (x) => (x - m) / sd);
}

/**
 * Resolve and standardize the two variables.
 * @throws as `resolveSpatialInput` for each variable; `fn: islands are not allowed` (as spdep, every region needs neighbours)
 */
export function resolveBivariate<O extends SpatialInputOptions>(fn: string, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, allowed: readonly string[]): BivariateInput<O> {
  let rx: ResolvedInput<O>;
  let ry: ResolvedInput<O>;
  if (typeof b === "string") {
    if (typeof c !== "string") throw new Error(`${fn}: call as ${fn}(df, "x", "y", w, options) or ${fn}(x, y, w, options)`);
    rx = resolveSpatialInput<O>(fn, a, b, d, e, allowed);
    ry = resolveSpatialInput<O>(fn, a, c, d, e, allowed);
  } else {
    if (!(c instanceof SpatialWeights)) throw new Error(`${fn}: the third argument must be a SpatialWeights (call as ${fn}(x, y, w, options))`);
    rx = resolveSpatialInput<O>(fn, a, c, d, undefined, allowed);
    ry = resolveSpatialInput<O>(fn, b, c, d, undefined, allowed);
    if (rx.variable === "values" && ry.variable === "values") { rx.variable = "x"; ry.variable = "y"; }
  }
  if (rx.w.islands.length > 0) throw new Error(`${fn}: ${rx.w.islands.length} region(s) have no neighbours (${rx.w.islands.slice(0, 10).join(", ")}); the bivariate statistics need every region linked`);
  return { zx: scaled(fn, rx.x, rx.variable), zy: scaled(fn, ry.x, ry.variable), w: rx.w, names: [rx.variable, ry.variable], options: rx.options };
}
