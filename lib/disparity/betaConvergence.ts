import type { SpatialWeights } from "../weights/SpatialWeights";
import { spatialLag } from "../spatialreg/spatialLag";
import { spatialError } from "../spatialreg/spatialError";
import { spatialPanel } from "../panel/spatialPanel";
import { checkOptionNames } from "../core/options";
import { idColumn, numericColumn } from "../core/data";
import type { DataInput } from "../core/types";
import type { Fit, ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import type { PanelEffects } from "../panel/withinTransform";
import { panelFE } from "../panel/panelFE";
import { ols } from "../regression/ols";
import { makeResult } from "../report/modelSummary";

/** Options of {@link betaConvergence}. */
export interface BetaConvergenceOptions {
  /** The level measured (e.g. GDP per capita), > 0; logs are taken. */
  value: string;
  /** Unit and period columns (period numeric, e.g. year). */
  id: string;
  time: string;
  /** Conditioning variables (conditional β-convergence); cross-section: read in the start period. Default none (absolute). */
  controls?: string[];
  /** "crossSection" (growth from `start` to `end` on the initial level, OLS) or "panel" (annual growth on the lagged level, fixed effects). Default "crossSection". */
  method?: "crossSection" | "panel";
  /** Cross-section start and end periods (default: first and last). */
  start?: number;
  end?: number;
  /** Panel fixed effects (default "entity"; "twoways" adds period effects). */
  effects?: PanelEffects;
  /** Standard errors passed to ols / panelFE (default "iid"; spatial models use their information matrix). */
  vcov?: VcovSpec;
  /**
   * Spatial β-convergence: fit the growth regression as a spatial model instead of OLS / within, with `w` over the
   * unit ids — cross-section: `spatialLag` ("lag"), `spatialError` ("error"), the SDM ("durbin") or SDEM ("sdem");
   * panel: `spatialPanel` with the same models and the fixed effects of `effects` (Rey & Montouri 1999, Regional
   * Studies 33; Elhorst 2014, §3.5).
   */
  spatial?: { w: SpatialWeights; model: "lag" | "error" | "durbin" | "sdem" };
}

/** The result of {@link betaConvergence}. */
export interface BetaConvergenceResult {
  /** Coefficient b on the (initial or lagged) log level: b < 0 is β-convergence. */
  beta: number;
  stdError: number;
  pValue: number;
  /** Implied speed λ = −ln(1 + b·τ)/τ (τ = T years for the cross-section, the period step for the panel); NaN when 1 + bτ ≤ 0. */
  speed: number;
  /** Half-life ln 2 / λ in periods (NaN when λ ≤ 0: no convergence). */
  halfLife: number;
  /** τ: years spanned (cross-section) or period step (panel). */
  horizon: number;
  method: "crossSection" | "panel";
  /** The regression fitted (ols or panelFE), with its own summary. */
  fit: Fit;
  /** Units and observations used; units dropped (cross-section: missing start or end; panel: first period of each run). */
  n: number;
  dropped: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * β-convergence (β收敛), absolute or conditional: the regression of growth on the initial (log) level.
 *
 * Cross-section (Barro & Sala-i-Martin 1992): (ln y_iT − ln y_i0)/T = a + b ln y_i0 [+ controls_i0] + e_i by OLS.
 * Panel (Islam 1995): ln y_it − ln y_i,t−τ = a_i [+ d_t] + b ln y_i,t−τ [+ controls_it] + e_it by the within
 * estimator; a row without the previous period (τ = the smallest step between periods) is dropped and counted.
 * Speed λ = −ln(1 + bτ)/τ and half-life ln 2/λ (Barro & Sala-i-Martin 2004, *Economic Growth*, ch. 11).
 * Spatial β-convergence (`spatial: { w, model }`): the same growth regression as a spatial lag, error, Durbin or Durbin
 * error model (cross-section), or the spatial panel models; b is then the coefficient of ln y0 (in the SDM its direct
 * effect differs from b; read `fit.impacts()`).
 *
 * @param data long table, one row per unit × period
 * @param options `value`, `id`, `time`, `controls`, `method`, `start`, `end`, `effects`, `vcov`
 * @throws `betaConvergence: column "gdppc" has a non-positive value (row 3: 0)`; `betaConvergence: duplicate unit–period row ("A", 2005)`;
 *   `betaConvergence: fewer than 3 units have both 2000 and 2010`; errors of ols / panelFE
 * @example
 * betaConvergence(grunfeld, { value: "value", id: "firm", time: "year", method: "panel" }).beta // -0.380818236323127 (R plm within on plm::Grunfeld)
 */
export function betaConvergence(data: DataInput, options: BetaConvergenceOptions): BetaConvergenceResult {
  const fn = "betaConvergence";
  checkOptionNames(options, ["value", "id", "time", "controls", "method", "start", "end", "effects", "vcov", "spatial"], fn);
  const sp = options?.spatial;
  if (sp !== undefined && (!sp || typeof sp.w?.toCSR !== "function" || !["lag", "error", "durbin", "sdem"].includes(sp.model))) {
    throw new Error(`${fn}: spatial must be { w: SpatialWeights, model: "lag" | "error" | "durbin" | "sdem" }`);
  }
  if (!options || typeof options.value !== "string" || typeof options.id !== "string" || typeof options.time !== "string") {
    throw new Error(`${fn}: options "value", "id" and "time" are required`);
  }
  const method = options.method ?? "crossSection";
  if (method !== "crossSection" && method !== "panel") throw new Error(`${fn}: method must be "crossSection" or "panel", got ${JSON.stringify(method)}`);
  const controls = options.controls ?? [];
  const y = numericColumn(data, options.value, fn);
  const ids = idColumn(data, options.id, fn);
  const t = numericColumn(data, options.time, fn);
  const ctl = controls.map((c) => numericColumn(data, c, fn));
  for (let i = 0; i < y.length; i++) if (!(y[i] > 0)) throw new Error(`${fn}: column "${options.value}" has a non-positive value (row ${i}: ${y[i]}); growth is taken in logs`);
  const at = new Map<string, number>();
  for (let i = 0; i < y.length; i++) {
    const key = `${ids[i]}\u0000${t[i]}`;
    if (at.has(key)) throw new Error(`${fn}: duplicate unit–period row ("${ids[i]}", ${t[i]})`);
    at.set(key, i);
  }
  const times = [...new Set(Array.from(t))].sort((a, b) => a - b);
  const units = [...new Set(ids)];
  const table: Record<string, number[] | string[]> = { growth: [], lny0: [], unit: [] };
  controls.forEach((c) => { table[c] = []; });
  let dropped = 0;
  let horizon: number;
  let fit: Fit;
  if (method === "crossSection") {
    const start = options.start ?? times[0], end = options.end ?? times[times.length - 1];
    if (!(end > start)) throw new Error(`${fn}: end (${end}) must be after start (${start})`);
    horizon = end - start;
    for (const u of units) {
      const i0 = at.get(`${u}\u0000${start}`), i1 = at.get(`${u}\u0000${end}`);
      if (i0 === undefined || i1 === undefined) { dropped++; continue; }
      (table.growth as number[]).push((Math.log(y[i1]) - Math.log(y[i0])) / horizon);
      (table.lny0 as number[]).push(Math.log(y[i0]));
      (table.unit as string[]).push(u);
      controls.forEach((c, k) => (table[c] as number[]).push(ctl[k][i0]));
    }
    if (table.growth.length < 3 + controls.length) throw new Error(`${fn}: fewer than ${3 + controls.length} units have both ${start} and ${end}`);
    const f = ["growth ~ lny0", ...controls].join(" + ");
    if (!sp) fit = ols(table, f, { vcov: options.vcov });
    else {
      const durbin = sp.model === "durbin" || sp.model === "sdem";
      fit = sp.model === "lag" || sp.model === "durbin" ? spatialLag(table, f, sp.w, { id: "unit", durbin }) : spatialError(table, f, sp.w, { id: "unit", durbin });
    }
  } else {
    let step = Infinity;
    for (let k = 1; k < times.length; k++) step = Math.min(step, times[k] - times[k - 1]);
    if (!Number.isFinite(step)) throw new Error(`${fn}: the panel needs at least 2 periods`);
    horizon = step;
    table.period = [];
    for (let i = 0; i < y.length; i++) {
      const prev = at.get(`${ids[i]}\u0000${t[i] - step}`);
      if (prev === undefined) { dropped++; continue; }
      (table.growth as number[]).push(Math.log(y[i]) - Math.log(y[prev]));
      (table.lny0 as number[]).push(Math.log(y[prev]));
      (table.unit as string[]).push(ids[i]);
      (table.period as number[]).push(t[i]);
      controls.forEach((c, k) => (table[c] as number[]).push(ctl[k][i]));
    }
    const f = ["growth ~ lny0", ...controls].join(" + ");
    fit = !sp ? panelFE(table, f, { id: "unit", time: "period", effects: options.effects ?? "entity", vcov: options.vcov })
      : spatialPanel(table, f, sp.w, { id: "unit", time: "period", effects: options.effects ?? "entity", model: sp.model === "lag" || sp.model === "durbin" ? "lag" : "error", durbin: sp.model === "durbin" || sp.model === "sdem" });
  }
  const row = fit.coefficients.find((c) => c.term === "lny0")!;
  const b = row.estimate;
  const inside = 1 + b * horizon;
  const speed = inside > 0 ? -Math.log(inside) / horizon : NaN;
  const halfLife = speed > 0 ? Math.LN2 / speed : NaN;
  const what = controls.length > 0 ? `conditional on ${controls.join(", ")}` : "absolute";
  const report: ReportParts = {
    title: `Beta convergence (${what}, ${sp ? `spatial ${sp.model} model, ` : ""}${method === "crossSection" ? (sp ? "cross-section ML" : "cross-section OLS") : `panel ${sp ? "ML" : "within"}, ${options.effects ?? "entity"} effects`})`,
    header: [["Variable", options.value], ["Observations", fit.n], ["Dropped", `${dropped} ${method === "crossSection" ? "units without both periods" : "rows without the previous period"}`],
      ["Horizon", `${horizon} ${method === "crossSection" ? "periods (start to end)" : "period step"}`]],
    statistics: [["beta (on log initial level)", b], ["std. error", row.stdError], ["p-value", row.pValue], ["speed lambda", speed], ["half-life (periods)", halfLife]],
    notes: [`lambda = −ln(1 + beta·${horizon})/${horizon}; half-life = ln 2 / lambda. The full regression: result.fit.summary().`],
  };
  return makeResult<BetaConvergenceResult>({ beta: b, stdError: row.stdError, pValue: row.pValue, speed, halfLife, horizon, method, fit, n: fit.n, dropped, report });
}
