/**
 * Colour scales for the figure builders. Stops are ColorBrewer's published hex values
 * (Brewer, Harrower & The Pennsylvania State University, colorbrewer2.org, Apache-2.0 licence).
 */

/** Named sequential/diverging scales as ColorBrewer stop lists (low → high). */
export const COLOR_SCALES: Record<string, string[]> = {
  YlGnBu: ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"],
  YlOrRd: ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"],
  Blues: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"],
  RdBu: ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"],
  /** ColorBrewer RdYlGn, 10 classes (red = low … green = high), used for the 10 coupling-coordination levels. */
  RdYlGn10: ["#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b", "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850", "#006837"],
};

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/**
 * The scale as Plotly's `colorscale` (`[[0, "#..."], …, [1, "#..."]]`).
 * @throws `colorscale: unknown scale "x" (known: YlGnBu, …)`
 */
export function plotlyColorscale(name: string): Array<[number, string]> {
  const stops = COLOR_SCALES[name];
  if (!stops) throw new Error(`colorscale: unknown scale "${name}" (known: ${Object.keys(COLOR_SCALES).join(", ")})`);
  return stops.map((c, i) => [i / (stops.length - 1), c]);
}

/**
 * The colour at position t ∈ [0, 1] of a named scale, linearly interpolated in RGB
 * (what Plotly does between colorscale stops), as `rgb(r,g,b)`.
 * @example colorAt("YlGnBu", 0) // "rgb(255,255,217)"
 */
export function colorAt(name: string, t: number): string {
  const stops = plotlyColorscale(name);
  const tc = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  const pos = tc * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = hexToRgb(stops[i][1]);
  const b = hexToRgb(stops[i + 1][1]);
  const mix = a.map((v, k) => Math.round(v + f * (b[k] - v)));
  return `rgb(${mix[0]},${mix[1]},${mix[2]})`;
}

/** Fill colour for a region without data. */
export const NO_DATA_COLOR = "#d9d9d9";
