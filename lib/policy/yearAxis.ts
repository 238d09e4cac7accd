/** A Plotly figure as the figure builders of `lib/plots` return it (structural type, to keep this file dependency-free). */
export interface FigureLike {
  data: readonly unknown[];
  layout?: object;
}

/**
 * The same figure with whole-year ticks on its x axis (`tickformat: "d"`, one tick per year): Plotly otherwise labels a
 * short yearly axis 2014.5, 2015, 2015.5 … Display only; the data are not touched, the input is not modified.
 * (Used by the policy notebooks 01, 04, 07; a candidate for `lib/plots`.)
 *
 * @param figure a Plotly figure `{ data, layout }`
 * @param step years between ticks (default 1)
 * @returns a copy of the figure with `layout.xaxis.dtick = step` and `tickformat = "d"`, other x-axis settings kept
 * @throws when `figure` has no `data` array or `step` is not a positive integer
 * @example
 * withYearTicks({ data: [], layout: { xaxis: { title: { text: "Year" } } } }).layout.xaxis
 * // { title: { text: "Year" }, dtick: 1, tickformat: "d" }
 */
export function withYearTicks<F extends FigureLike>(figure: F, step = 1): F {
  const fn = "withYearTicks";
  if (!figure || !Array.isArray(figure.data)) throw new Error(`${fn}: figure must be a Plotly figure { data: [...], layout }`);
  if (!Number.isInteger(step) || step < 1) throw new Error(`${fn}: step must be a positive integer (got ${String(step)})`);
  const layout = (figure.layout ?? {}) as Record<string, unknown>;
  const xaxis = (layout.xaxis as Record<string, unknown> | undefined) ?? {};
  return { ...figure, layout: { ...layout, xaxis: { ...xaxis, dtick: step, tickformat: "d" } } } as F;
}
