import type { PlotlyFigure } from "./types";

/** Options of {@link groupedBarFigure}. */
export interface GroupedBarOptions {
  /** Category labels on the x axis. */
  categories: string[];
  /** One bar series per entry; `values` aligned with `categories`; optional `errors` (± half-widths). */
  series: Array<{ name: string; values: ArrayLike<number>; errors?: ArrayLike<number> }>;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Optional horizontal reference line (e.g. the nominal 5% size), with a label. */
  reference?: { y: number; label: string };
  /** Number format of the bar text (Plotly d3 format, default ".2f"). */
  format?: string;
}

/**
 * Grouped bar chart with optional error bars and a horizontal reference line — used for
 * simulation rejection rates against the nominal test size.
 * @throws `groupedBarFigure: series "x" has 3 values for 4 categories`
 * @example groupedBarFigure({ categories: ["Moran", "LM lag"], series: [{ name: "rho = 0", values: [0.05, 0.04] }],
 *   title: "Rejection rates", xLabel: "Test", yLabel: "Share rejected", reference: { y: 0.05, label: "5% size" } })
 */
export function groupedBarFigure(options: GroupedBarOptions): PlotlyFigure {
  const fn = "groupedBarFigure";
  const k = options.categories.length;
  const data = options.series.map((s) => {
    if (s.values.length !== k) throw new Error(`${fn}: series "${s.name}" has ${s.values.length} values for ${k} categories`);
    if (s.errors && s.errors.length !== k) throw new Error(`${fn}: series "${s.name}" has ${s.errors.length} errors for ${k} categories`);
    return {
      type: "bar", name: s.name, x: options.categories, y: Array.from(s.values),
      error_y: s.errors ? { type: "data", array: Array.from(s.errors), visible: true } : undefined,
      texttemplate: `%{y:${options.format ?? ".2f"}}`, textposition: "outside",
      hovertemplate: `${s.name}<br>%{x}: %{y:.3f}<extra></extra>`,
    };
  });
  const layout: Record<string, unknown> = {
    title: { text: options.title }, barmode: "group",
    xaxis: { title: { text: options.xLabel } }, yaxis: { title: { text: options.yLabel } }, height: 420,
  };
  if (options.reference) {
    layout.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: options.reference.y, y1: options.reference.y, line: { dash: "dash", color: "#444" } }];
    layout.annotations = [{ xref: "paper", x: 1.01, y: options.reference.y, text: options.reference.label, showarrow: false, xanchor: "left", yanchor: "middle" }];
  }
  return { data, layout };
}
