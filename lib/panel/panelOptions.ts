/**
 * The unit/period vocabulary of every panel function: `id` names the unit column and `time` the period column, as
 * in lib/spatial and lib/indices. `entity` is the deprecated name of `id` (kept for one release).
 */
import { checkOptionNames } from "../core/options";

/** Panel options after normalization: `id` and `time` set, `entity` the same as `id`. */
export type NormalizedPanelOptions<O> = O & { id: string; entity: string; time: string };

/**
 * Check a panel function's options: names known, `id` (or the deprecated `entity`) and `time` given as column names.
 * @param options the caller's options
 * @param allowed the option names the function reads besides `id`, `entity` and `time`
 * @param fn the function's name, for errors
 * @throws `fn: options { id, time } are required (the unit and period column names)`;
 *   `fn: options id ("a") and entity ("b") name different columns`; unknown option names
 */
export function panelOptions<O extends { id?: string; entity?: string; time: string }>(options: O | undefined, allowed: readonly string[], fn: string): NormalizedPanelOptions<O> {
  if (!options || typeof options !== "object") throw new Error(`${fn}: options { id, time } are required (the unit and period column names)`);
  checkOptionNames(options, ["id", "entity", "time", ...allowed], fn);
  const { id, entity } = options;
  if (id !== undefined && entity !== undefined && id !== entity) throw new Error(`${fn}: options id ("${id}") and entity ("${entity}") name different columns; use id`);
  const unit = id ?? entity;
  if (typeof unit !== "string" || typeof options.time !== "string") {
    throw new Error(`${fn}: options { id, time } are required (the unit and period column names)`);
  }
  return { ...options, id: unit, entity: unit };
}
