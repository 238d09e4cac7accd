import { formatFixed } from "../report/format";
import type { PlotlyFigure, WeightsLike } from "./types";
import { toFloat64 } from "../core/data";

/** The numbers behind a Moran scatterplot. */
export interface MoranScatterData {
  /** Standardized values z = (x − mean) / sd (population sd). */
  z: Float64Array;
  /** Spatial lag of z: (Wz)_i = Σ_j w_ij z_j. */
  lag: Float64Array;
  /** Slope of the least-squares line of Wz on z, = z'Wz / z'z. For row-standardized W this is Moran's I. */
  slope: number;
  /** Moran's I = (n / S0) · z'Wz / z'z (equals `slope` when every row of W sums to one). */
  I: number;
  /** Quadrant per region: "HH" (z>0, Wz>0), "LL", "HL" (z>0, Wz<0), "LH". Zero counts as high. */
  quadrant: Array<"HH" | "LL" | "HL" | "LH">;
}

function checkWeights(w: WeightsLike, n: number, fn: string): void {
  if (!w || !Array.isArray(w.ids) || !Array.isArray(w.neighbors) || !Array.isArray(w.weights)) {
    throw new Error(`${fn}: weights must have ids, neighbors and weights (a SpatialWeights from lib/weights)`);
  }
  if (w.ids.length !== n) throw new Error(`${fn}: ${n} values but the weights have ${w.ids.length} regions`);
  const islands = w.ids.filter((_, i) => w.neighbors[i].length === 0);
  if (islands.length > 0) throw new Error(`${fn}: regions without neighbours (islands): ${islands.join(", ")}; link them first (e.g. 海南 to 广东)`);
}

/**
 * The standardized values, their spatial lag, the slope and Moran's I behind a Moran
 * scatterplot (Anselin 1996). Values are in `w.ids` order.
 * @throws `moranScatterData: 30 values but the weights have 31 regions`;
 *   `moranScatterData: regions without neighbours (islands): 460000`;
 *   `moranScatterData: column "values" has 1 missing value (row 4)`; `moranScatterData: values are constant`
 * @example moranScatterData([1, 2, 3], w).slope // equals moran(...).I for row-standardized w
 */
export function moranScatterData(values: ArrayLike<unknown>, w: WeightsLike, fn = "moranScatterData"): MoranScatterData {
  const x = toFloat64(values, "values", fn);
  const n = x.length;
  checkWeights(w, n, fn);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  if (ss === 0) throw new Error(`${fn}: values are constant`);
  const sd = Math.sqrt(ss / n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (x[i] - mean) / sd;
  const lag = new Float64Array(n);
  let s0 = 0;
  for (let i = 0; i < n; i++) {
    const nb = w.neighbors[i];
    const wt = w.weights[i];
    let s = 0;
    for (let k = 0; k < nb.length; k++) { s += wt[k] * z[nb[k]]; s0 += wt[k]; }
    lag[i] = s;
  }
  let zz = 0, zl = 0;
  for (let i = 0; i < n; i++) { zz += z[i] * z[i]; zl += z[i] * lag[i]; }
  const slope = zl / zz;
  const quadrant = Array.from(z, (zi, i) => (zi >= 0 ? (lag[i] >= 0 ? "HH" : "HL") : (lag[i] >= 0 ? "LH" : "LL")) as "HH" | "LL" | "HL" | "LH");
  return { z, lag, slope, I: (n / s0) * slope, quadrant };
}

/** Options of {@link moranScatterFigure}. */
export interface MoranScatterOptions {
  /** Display name per region (default `w.ids`), used in hover text. */
  labels?: ArrayLike<string>;
  /** Ids whose points are labelled on the plot (e.g. ["220000"]). */
  highlight?: string[];
  title: string;
  /** Name of the variable with its unit, for the axis titles, e.g. "LQ 2019". */
  variable: string;
}

const QUAD_COLORS = { HH: "#d7191c", LL: "#2c7bb6", HL: "#fdae61", LH: "#abd9e9" } as const;

/**
 * Moran scatterplot (Moran 散点图): standardized value on x, its spatial lag on y, one
 * point per region coloured by quadrant, with the least-squares line whose slope is
 * Moran's I for a row-standardized W (printed in the title).
 * @param values values in `w.ids` order
 * @param w spatial weights (`SpatialWeights` or any `{ ids, neighbors, weights }`)
 * @throws as {@link moranScatterData}; `moranScatterFigure: highlight id "x" is not in the weights`
 * @example moranScatterFigure(lq2019, w, { title: "Moran scatterplot, 2019", variable: "LQ", highlight: ["220000"] })
 */
export function moranScatterFigure(values: ArrayLike<unknown>, w: WeightsLike, options: MoranScatterOptions): PlotlyFigure {
  const fn = "moranScatterFigure";
  const d = moranScatterData(values, w, fn);
  const n = d.z.length;
  const labels = options.labels ? Array.from(options.labels, String) : w.ids.slice();
  if (labels.length !== n) throw new Error(`${fn}: ${n} values but ${labels.length} labels`);
  const hl = new Set((options.highlight ?? []).map(String));
  for (const h of hl) if (!w.ids.includes(h)) throw new Error(`${fn}: highlight id "${h}" is not in the weights`);
  const traces: Record<string, unknown>[] = [];
  for (const q of ["HH", "LL", "HL", "LH"] as const) {
    const idx = [...Array(n).keys()].filter((i) => d.quadrant[i] === q);
    if (idx.length === 0) continue;
    traces.push({
      type: "scatter", mode: "markers", name: q,
      x: idx.map((i) => d.z[i]), y: idx.map((i) => d.lag[i]),
      text: idx.map((i) => labels[i]),
      marker: { color: QUAD_COLORS[q], size: idx.map((i) => (hl.has(w.ids[i]) ? 14 : 9)), line: { color: "#333", width: 0.5 } },
      hovertemplate: "%{text}<br>z = %{x:.3f}<br>Wz = %{y:.3f}<extra>" + q + "</extra>",
    });
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of d.z) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  traces.push({
    type: "scatter", mode: "lines", name: `slope = ${formatFixed(d.slope, 4)}`,
    x: [lo, hi], y: [d.slope * lo, d.slope * hi], line: { color: "#444", dash: "solid", width: 1.5 }, hoverinfo: "skip",
  });
  const annotations = [...Array(n).keys()].filter((i) => hl.has(w.ids[i])).map((i) => ({
    x: d.z[i], y: d.lag[i], text: labels[i], showarrow: true, arrowhead: 0, ax: 25, ay: -25,
  }));
  return {
    data: traces,
    layout: {
      title: { text: `${options.title} — Moran's I = ${formatFixed(d.I, 4)}` },
      xaxis: { title: { text: `${options.variable} (standardized z)` }, zeroline: true, zerolinecolor: "#999" },
      yaxis: { title: { text: `Spatial lag W·z of ${options.variable}` }, zeroline: true, zerolinecolor: "#999" },
      annotations, hovermode: "closest", height: 480,
    },
  };
}
