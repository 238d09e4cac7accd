/**
 * The interaction (moderation) form of a regression for two groups, shared by `chowTest` and `groupPermutationTest`:
 * every slope (or the chosen ones) gets a copy multiplied by the group indicator D, so its coefficient is the
 * difference between the groups. Fits by `panelFE` (with `id`) or `ols` (without).
 */
import type { CoefficientRow, DataInput } from "../core/types";
import { columnNames, idColumn, rawColumn } from "../core/data";
import { renamed } from "../core/validate";
import { modelMatrix } from "../formula/modelMatrix";
import type { Fit } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { ols } from "../regression/ols";
import { panelFE } from "./panelFE";
import type { PanelEffects } from "./withinTransform";

/** Options shared by the group-difference tests. */
export interface GroupDifferenceOptions {
  /** Column with exactly two values; the second in sorted order is the group whose differences are reported (D = 1). */
  group: string;
  /** Unit column: with it the model absorbs fixed effects (panelFE); without it, OLS with an intercept. */
  id?: string;
  /** Period column (with `id`). */
  time?: string;
  /** Absorbed effects with `id` (default "entity"); they are common to both groups. */
  effects?: PanelEffects;
  /** Slopes allowed to differ (model-matrix column names, default all but the intercept). */
  terms?: string[];
  /** Variance of the interaction model (default "iid"). */
  vcov?: VcovSpec;
}

/** The interaction design: a refit function for any 0/1 indicator, and the names of the difference terms. */
export interface GroupInteraction {
  levels: [string, string];
  /** Group label of each row. */
  labels: string[];
  /** D of the data (1 for `levels[1]`). */
  indicator: Float64Array;
  /** Slope columns of the formula (model-matrix names, no intercept). */
  slopes: string[];
  /** Slopes interacted with D. */
  interacted: string[];
  /** Whether D itself enters (no absorbed effect removes it). */
  hasMain: (D: Float64Array) => boolean;
  /** Internal coefficient names of the differences (D first when it enters), for a fit from `fit`. */
  differenceNames: (D: Float64Array) => string[];
  /** Display names of the same, e.g. `value:size[small]`. */
  displayNames: (D: Float64Array) => string[];
  fit: (D: Float64Array) => Fit;
  n: number;
}

/**
 * Build the interaction form of `formula` for the two groups of `options.group`.
 *
 * Long name: two-group interaction (moderation) design.
 * @param data table or long panel
 * @param formula `"y ~ x1 + x2"` (lib/formula terms)
 * @param options see {@link GroupDifferenceOptions}
 * @param fn caller name
 * @throws `fn: group column "g" has 3 values (a, b, c); the test compares two groups`; `fn: unknown term "x" (slopes: …)`;
 *   `fn: options id and time go together`; missing values (from the formula or the group column) naming the column
 * @example groupInteraction(grunfeld, "inv ~ value + capital", { group: "size", id: "firm", time: "year" }, "chowTest").interacted // ["value", "capital"]
 */
export function groupInteraction(data: DataInput, formula: string, options: GroupDifferenceOptions, fn: string): GroupInteraction {
  if (!options || typeof options.group !== "string") throw new Error(`${fn}: option group is required (the column with the two groups)`);
  if ((options.id === undefined) !== (options.time === undefined)) throw new Error(`${fn}: options id and time go together (the unit and period columns of a panel)`);
  const mm = modelMatrix(data, formula, { fn });
  const n = mm.n;
  const labels = idColumn(data, options.group, fn);
  const levels = [...new Set(labels)].sort();
  if (levels.length !== 2) throw new Error(`${fn}: group column "${options.group}" has ${levels.length} value${levels.length === 1 ? "" : "s"} (${levels.slice(0, 5).join(", ")}${levels.length > 5 ? ", …" : ""}); the test compares two groups`);
  const indicator = Float64Array.from(labels, (l) => (l === levels[1] ? 1 : 0));
  const slopeIdx = mm.columnNames.map((_, j) => j).filter((j) => mm.columnNames[j] !== "(Intercept)");
  const slopes = slopeIdx.map((j) => mm.columnNames[j]);
  const interacted = options.terms ?? slopes;
  if (!Array.isArray(interacted) || interacted.length === 0) throw new Error(`${fn}: terms must be a non-empty list of slopes (slopes: ${slopes.join(", ")})`);
  for (const t of interacted) if (!slopes.includes(t)) throw new Error(`${fn}: unknown term ${JSON.stringify(t)} (slopes: ${slopes.join(", ")})`);
  const existing = columnNames(data);
  for (const c of existing) if (/^gd_(y|d|x\d+|dx\d+)$/.test(c)) throw new Error(`${fn}: column name "${c}" is reserved here; rename it`);
  const base: Record<string, ArrayLike<unknown>> = {};
  for (const c of existing) base[c] = rawColumn(data, c, fn);
  base.gd_y = mm.y;
  slopeIdx.forEach((j, s) => { base[`gd_x${s}`] = mm.X.subarray(j * n, j * n + n); });
  const interIdx = interacted.map((t) => slopes.indexOf(t));
  const effects = options.effects ?? "entity";
  const unitCodes = options.id === undefined ? null : idColumn(data, options.id, fn);
  const hasMain = (D: Float64Array): boolean => {
    if (!unitCodes || effects === "time") return true;
    // D is absorbed by the unit effects when it is constant within every unit
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) { const u = unitCodes[i]; const v = first.get(u); if (v === undefined) first.set(u, D[i]); else if (v !== D[i]) return true; }
    return false;
  };
  const differenceNames = (D: Float64Array) => [...(hasMain(D) ? ["gd_d"] : []), ...interIdx.map((s) => `gd_dx${s}`)];
  const suffix = `${options.group}[${levels[1]}]`;
  const displayNames = (D: Float64Array) => [...(hasMain(D) ? [suffix] : []), ...interIdx.map((s) => `${slopes[s]}:${suffix}`)];
  const translate = (e: unknown): Error => {
    let msg = e instanceof Error ? e.message : String(e);
    msg = msg.replace(/gd_dx(\d+)/g, (_, s) => `${slopes[Number(s)]}:${suffix}`).replace(/gd_x(\d+)/g, (_, s) => slopes[Number(s)]).replace(/gd_d\b/g, suffix).replace(/gd_y/g, mm.responseName);
    return renamed(fn, new Error(msg, { cause: e }));
  };
  const fit = (D: Float64Array): Fit => {
    const aug: Record<string, ArrayLike<unknown>> = { ...base, gd_d: D };
    for (const s of interIdx) { const x = base[`gd_x${s}`] as Float64Array; aug[`gd_dx${s}`] = Float64Array.from(x, (v, i) => v * D[i]); }
    const rhs = [...slopeIdx.map((_, s) => `gd_x${s}`), ...differenceNames(D)].join(" + ");
    try {
      if (options.id === undefined) return ols(aug as DataInput, `gd_y ~ ${rhs}${mm.intercept ? "" : " - 1"}`, { vcov: options.vcov ?? "iid" });
      return panelFE(aug as DataInput, `gd_y ~ ${rhs}`, { id: options.id, time: options.time as string, effects, vcov: options.vcov ?? "iid" });
    } catch (e) { throw translate(e); }
  };
  return { levels: [levels[0], levels[1]], labels, indicator, slopes, interacted, hasMain, differenceNames, displayNames, fit, n };
}

/** Coefficient rows of the differences with display names. */
export function differenceRows(fit: Fit, internal: string[], display: string[]): CoefficientRow[] {
  return internal.map((nm, i) => ({ ...fit.coef(nm), term: display[i] }));
}
