import type { PlotlyFigure } from "./types";
import { toFloat64 } from "../core/data";
import { normalQuantile } from "../distributions/normalQuantile";

/** Options of {@link residualDiagnosticsFigure}. */
export interface ResidualDiagnosticsOptions {
  /** Fitted values, same length as the residuals. */
  fitted: ArrayLike<unknown>;
  residuals: ArrayLike<unknown>;
  /** Hover label per observation (e.g. "吉林 2019"). */
  labels?: ArrayLike<string>;
  title: string;
  /** Name of the dependent variable with its unit (axis titles). */
  yLabel: string;
}

/**
 * Residual diagnostics in two panels (残差诊断): residuals against fitted values (look for
 * funnels and curvature) and a normal Q–Q plot of the standardized residuals against
 * Φ⁻¹((i − 0.5)/n) with the 45° line (look for heavy tails). Hover text names each observation.
 * @throws `residualDiagnosticsFigure: 100 fitted values but 99 residuals`;
 *   `residualDiagnosticsFigure: column "residuals" has 1 missing value (row 3)`; `…: residuals are constant`
 * @example residualDiagnosticsFigure({ fitted: m.fitted, residuals: m.residuals, title: "Baseline FE", yLabel: "ln GDP per capita" })
 */
export function residualDiagnosticsFigure(options: ResidualDiagnosticsOptions): PlotlyFigure {
  const fn = "residualDiagnosticsFigure";
  const f = toFloat64(options.fitted, "fitted", fn);
  const e = toFloat64(options.residuals, "residuals", fn);
  if (f.length !== e.length) throw new Error(`${fn}: ${f.length} fitted values but ${e.length} residuals`);
  const n = e.length;
  const labels = options.labels ? Array.from(options.labels, String) : Array.from({ length: n }, (_, i) => `obs ${i + 1}`);
  if (labels.length !== n) throw new Error(`${fn}: ${n} residuals but ${labels.length} labels`);
  let mean = 0;
  for (const v of e) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of e) ss += (v - mean) ** 2;
  if (ss === 0) throw new Error(`${fn}: residuals are constant`);
  const sd = Math.sqrt(ss / (n - 1));
  const order = [...Array(n).keys()].sort((a, b) => e[a] - e[b]);
  const theo = order.map((_, k) => normalQuantile((k + 0.5) / n));
  const sample = order.map((i) => (e[i] - mean) / sd);
  const lim = Math.max(Math.abs(theo[0]), Math.abs(theo[n - 1]));
  return {
    data: [
      {
        type: "scatter", mode: "markers", x: Array.from(f), y: Array.from(e), text: labels, name: "residual vs fitted",
        marker: { size: 5, color: "#1f77b4", opacity: 0.7 }, hovertemplate: "%{text}<br>fitted %{x:.4f}<br>residual %{y:.4f}<extra></extra>",
        xaxis: "x", yaxis: "y", showlegend: false,
      },
      {
        type: "scatter", mode: "markers", x: theo, y: sample, text: order.map((i) => labels[i]), name: "Q–Q",
        marker: { size: 5, color: "#d62728", opacity: 0.7 }, hovertemplate: "%{text}<br>normal quantile %{x:.3f}<br>standardized residual %{y:.3f}<extra></extra>",
        xaxis: "x2", yaxis: "y2", showlegend: false,
      },
      { type: "scatter", mode: "lines", x: [-lim, lim], y: [-lim, lim], line: { color: "#555", dash: "dash" }, hoverinfo: "skip", xaxis: "x2", yaxis: "y2", showlegend: false },
    ],
    layout: {
      title: { text: options.title },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: `Fitted ${options.yLabel}` }, domain: [0, 0.46] },
      yaxis: { title: { text: "Residual" }, zeroline: true },
      xaxis2: { title: { text: "Standard normal quantile" }, domain: [0.54, 1] },
      yaxis2: { title: { text: "Standardized residual" }, anchor: "x2" },
      height: 420, hovermode: "closest",
    },
  };
}
