import type { DensityByPeriodResult } from "../disparity/densityByPeriod";
import type { PlotlyFigure, PlotlyTrace } from "./types";

/** Labels of the density figures. */
export interface DensityFigureOptions {
  title: string;
  /** Value axis label (e.g. "GDP per capita, yuan"). */
  xLabel: string;
  /** Period axis label (default "Year"). */
  periodLabel?: string;
}

/** Options of {@link ridgePlotFigure}. */
export interface RidgePlotOptions extends DensityFigureOptions {
  /** Height of the tallest ridge in units of the spacing between periods (default 1.8: ridges overlap). */
  overlap?: number;
}

function check(fn: string, d: DensityByPeriodResult): void {
  if (!d || !Array.isArray(d.periods) || !Array.isArray(d.densities) || d.periods.length === 0) throw new Error(`${fn}: pass the result of densityByPeriod`);
  d.densities.forEach((f, p) => { if (f.length !== d.x.length) throw new Error(`${fn}: period "${d.periods[p]}" has ${f.length} density values for ${d.x.length} grid points`); });
}

/**
 * 3-D surface of the distribution's evolution (核密度三维图): value on x, period on y, density on z, from
 * {@link densityByPeriod}. z[p][g] is the density of period p at grid point g, unchanged.
 * @throws `densitySurfaceFigure: pass the result of densityByPeriod`
 * @example densitySurfaceFigure(densityByPeriod(panel, { value: "gdppc", time: "year" }), { title: "GDP per capita", xLabel: "yuan" })
 */
export function densitySurfaceFigure(d: DensityByPeriodResult, options: DensityFigureOptions): PlotlyFigure {
  check("densitySurfaceFigure", d);
  const periodLabel = options.periodLabel ?? "Year";
  return {
    data: [{
      type: "surface", x: Array.from(d.x), y: d.periods, z: d.densities.map((f) => Array.from(f)), colorscale: "Viridis", showscale: false,
      hovertemplate: `${options.xLabel}: %{x:.4g}<br>${periodLabel}: %{y}<br>density: %{z:.4g}<extra></extra>`,
    }],
    layout: {
      title: { text: options.title }, height: 560, margin: { l: 0, r: 0, t: 50, b: 0 },
      scene: { xaxis: { title: { text: options.xLabel } }, yaxis: { title: { text: periodLabel }, type: "category" }, zaxis: { title: { text: "density" } },
        camera: { eye: { x: 1.6, y: -1.6, z: 0.9 } } },
    },
  };
}

/**
 * Ridge plot (joy plot) of the densities by period: period p's curve is drawn at baseline p (the first period at the
 * bottom), scaled by `overlap / max density`, so trace y = p + scale · f̂_p(x); `customdata` holds the unscaled density.
 * @throws `ridgePlotFigure: pass the result of densityByPeriod`; `ridgePlotFigure: overlap must be positive, got 0`
 * @example ridgePlotFigure(densityByPeriod(panel, { value: "gdppc", time: "year" }), { title: "GDP per capita", xLabel: "yuan" })
 */
export function ridgePlotFigure(d: DensityByPeriodResult, options: RidgePlotOptions): PlotlyFigure {
  const fn = "ridgePlotFigure";
  check(fn, d);
  const overlap = options.overlap ?? 1.8;
  if (!(overlap > 0)) throw new Error(`${fn}: overlap must be positive, got ${overlap}`);
  let top = 0;
  for (const f of d.densities) for (const v of f) top = Math.max(top, v);
  const scale = overlap / top;
  const x = Array.from(d.x);
  const traces: PlotlyTrace[] = [];
  // drawn from the last period down, so each lower ridge is painted over the ones behind it
  for (let p = d.periods.length - 1; p >= 0; p--) {
    const hue = Math.round(240 - (200 * p) / Math.max(1, d.periods.length - 1));
    traces.push({ type: "scatter", mode: "lines", x, y: x.map(() => p), line: { width: 0 }, hoverinfo: "skip", showlegend: false });
    traces.push({
      type: "scatter", mode: "lines", name: d.periods[p], x, y: Array.from(d.densities[p], (v) => p + scale * v), customdata: Array.from(d.densities[p]),
      fill: "tonexty", fillcolor: `hsla(${hue}, 70%, 55%, 0.55)`, line: { color: `hsl(${hue}, 70%, 35%)`, width: 1 }, showlegend: false,
      hovertemplate: `${d.periods[p]}<br>${options.xLabel}: %{x:.4g}<br>density: %{customdata:.4g}<extra></extra>`,
    });
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title }, height: Math.max(380, 28 * d.periods.length + 160), hovermode: "closest",
      xaxis: { title: { text: options.xLabel } },
      yaxis: { title: { text: options.periodLabel ?? "Year" }, tickmode: "array", tickvals: d.periods.map((_, p) => p), ticktext: d.periods, zeroline: false },
    },
  };
}
