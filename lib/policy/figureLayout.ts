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

/**
 * The same figure with room for long category labels and a reference-line label outside the plot: x-axis tick labels
 * get `automargin` (Plotly grows the bottom margin to fit rotated labels instead of letting them run into the axis
 * title) and the right margin is widened for an annotation placed just right of the plot (as `groupedBarFigure`'s
 * `reference` label is). Display only; the input is not modified. (Used by notebooks 02 and 09; a candidate for
 * `lib/plots`.)
 *
 * @param figure a Plotly figure `{ data, layout }`
 * @param right right margin in pixels (default 170)
 * @returns a copy with `layout.margin.r = right` and `layout.xaxis.automargin = true`, other settings kept
 * @throws when `figure` has no `data` array or `right` is not a non-negative number
 * @example
 * withLabelRoom({ data: [], layout: { xaxis: { title: { text: "Activity" } } } }).layout
 * // { xaxis: { title: { text: "Activity" }, automargin: true }, margin: { r: 170 } }
 */
export function withLabelRoom<F extends FigureLike>(figure: F, right = 170): F {
  const fn = "withLabelRoom";
  if (!figure || !Array.isArray(figure.data)) throw new Error(`${fn}: figure must be a Plotly figure { data: [...], layout }`);
  if (typeof right !== "number" || !Number.isFinite(right) || right < 0) throw new Error(`${fn}: right must be a non-negative number of pixels (got ${String(right)})`);
  const layout = (figure.layout ?? {}) as Record<string, unknown>;
  const xaxis = (layout.xaxis as Record<string, unknown> | undefined) ?? {};
  const margin = (layout.margin as Record<string, unknown> | undefined) ?? {};
  return { ...figure, layout: { ...layout, xaxis: { ...xaxis, automargin: true }, margin: { ...margin, r: right } } } as F;
}
