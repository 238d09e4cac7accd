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
  /**
   * Optional horizontal reference line (e.g. the nominal 5% size), with a label; `categories`
   * limits it to those categories (e.g. the tests, not the decisions), default all.
   */
  reference?: { y: number; label: string; categories?: string[] };
  /** Number format of the bar text and hover (Plotly d3 format, default ".2f"). */
  format?: string;
  /** Print each bar's value above it (default true without error bars, false with them: the labels would sit on the whiskers). */
  showValues?: boolean;
}

/**
 * Grouped bar chart with optional error bars and a horizontal reference line — used for
 * simulation rejection rates against the nominal test size. Hover text names the series, the
 * category, the value and, with error bars, the ± half-width.
 * @throws `groupedBarFigure: series "x" has 3 values for 4 categories`;
 *   `groupedBarFigure: reference category "x" is not a category`
 * @example groupedBarFigure({ categories: ["Moran", "LM lag"], series: [{ name: "rho = 0", values: [0.05, 0.04] }],
 *   title: "Rejection rates", xLabel: "Test", yLabel: "Share rejected", reference: { y: 0.05, label: "5% size" } })
 */
export function groupedBarFigure(options: GroupedBarOptions): PlotlyFigure {
  const fn = "groupedBarFigure";
  const k = options.categories.length;
  const format = options.format ?? ".2f";
  const data = options.series.map((s) => {
    if (s.values.length !== k) throw new Error(`${fn}: series "${s.name}" has ${s.values.length} values for ${k} categories`);
    if (s.errors && s.errors.length !== k) throw new Error(`${fn}: series "${s.name}" has ${s.errors.length} errors for ${k} categories`);
    const showValues = options.showValues ?? !s.errors;
    return {
      type: "bar", name: s.name, x: options.categories, y: Array.from(s.values),
      error_y: s.errors ? { type: "data", array: Array.from(s.errors), visible: true, thickness: 1.2, width: 3, color: "#333" } : undefined,
      ...(showValues ? { texttemplate: `%{y:${format}}`, textposition: "outside", textfont: { size: 10 }, cliponaxis: false } : {}),
      ...(s.errors ? { customdata: Array.from(s.errors) } : {}),
      hovertemplate: `${s.name}<br>%{x}: %{y:${format}}${s.errors ? " ± %{customdata:" + format + "}" : ""}<extra></extra>`,
    };
  });
  const layout: Record<string, unknown> = {
    title: { text: options.title }, barmode: "group",
    xaxis: { title: { text: options.xLabel }, automargin: true, tickangle: 0 }, yaxis: { title: { text: options.yLabel }, automargin: true }, height: 460,
    legend: { orientation: "h", x: 0, y: -0.25, xanchor: "left", yanchor: "top" },
  };
  if (options.reference) {
    const ref = options.reference;
    const line = { dash: "dash", color: "#444" };
    if (ref.categories) {
      const idx = ref.categories.map((c) => {
        const i = options.categories.indexOf(c);
        if (i < 0) throw new Error(`${fn}: reference category "${c}" is not a category (categories: ${options.categories.join(", ")})`);
        return i;
      }).sort((a, b) => a - b);
      // one segment per run of adjacent categories, in category-index coordinates
      const runs: Array<[number, number]> = [];
      for (const i of idx) {
        const last = runs[runs.length - 1];
        if (last && i === last[1] + 1) last[1] = i; else runs.push([i, i]);
      }
      layout.shapes = runs.map(([a, b]) => ({ type: "line", xref: "x", x0: a - 0.45, x1: b + 0.45, y0: ref.y, y1: ref.y, line }));
      const b = runs[runs.length - 1][1];
      layout.annotations = [{ xref: "x", x: b + 0.45, y: ref.y, text: ref.label, showarrow: false, xanchor: "right", yanchor: "bottom" }];
    } else {
      layout.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: ref.y, y1: ref.y, line }];
      layout.annotations = [{ xref: "paper", x: 1.01, y: ref.y, text: ref.label, showarrow: false, xanchor: "left", yanchor: "middle" }];
    }
  }
  return { data, layout };
}
