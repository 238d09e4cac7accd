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

/** A colour scale: a name from {@link COLOR_SCALES}, or Plotly-style stops `[[0, "#ffffd9"], …, [1, "#081d58"]]`. */
export type ColorScale = string | ReadonlyArray<readonly [number, string]>;

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` as [r, g, b]; undefined for anything else. */
function parseColor(color: string): [number, number, number] | undefined {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join("") : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i.exec(c);
  if (rgb) {
    const v = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as [number, number, number];
    return v.every((x) => x <= 255) ? v : undefined;
  }
  return undefined;
}

/**
 * The scale as Plotly's `colorscale` (`[[0, "#..."], …, [1, "#..."]]`), low → high; `reverse` flips it (high → low).
 * A stop list is checked: at least two stops, positions rising from 0 to 1, colours `#rgb`, `#rrggbb` or `rgb(r, g, b)`.
 * @throws `colorscale: unknown scale "x" (known: YlGnBu, …)`;
 *   `colorscale: stops must rise from 0 to 1 (stop 1 is at 0.2 after 0.5)`; `colorscale: stop 2 has colour "blue" (use #rrggbb or rgb(r, g, b))`
 * @example plotlyColorscale([[0, "#fff"], [1, "#000"]], true) // [[0, "#000"], [1, "#fff"]]
 */
export function plotlyColorscale(scale: ColorScale, reverse = false): Array<[number, string]> {
  let stops: Array<[number, string]>;
  if (typeof scale === "string") {
    const named = COLOR_SCALES[scale];
    if (!named) throw new Error(`colorscale: unknown scale "${scale}" (known: ${Object.keys(COLOR_SCALES).join(", ")})`);
    stops = named.map((c, i) => [i / (named.length - 1), c]);
  } else {
    if (!Array.isArray(scale) || scale.length < 2) throw new Error("colorscale: a stop list needs at least two stops [[0, colour], …, [1, colour]]");
    stops = scale.map(([p, c], i) => {
      if (typeof c !== "string" || !parseColor(c)) throw new Error(`colorscale: stop ${i} has colour ${JSON.stringify(c)} (use #rrggbb or rgb(r, g, b))`);
      return [p, c];
    });
    if (stops[0][0] !== 0 || stops[stops.length - 1][0] !== 1) throw new Error("colorscale: stops must run from position 0 to position 1");
    for (let i = 1; i < stops.length; i++) {
      if (!(stops[i][0] >= stops[i - 1][0])) throw new Error(`colorscale: stops must rise from 0 to 1 (stop ${i} is at ${stops[i][0]} after ${stops[i - 1][0]})`);
    }
  }
  return reverse ? stops.map(([p, c]) => [1 - p, c] as [number, string]).reverse() : stops;
}

/**
 * The colour at position t ∈ [0, 1] of a scale (name or stops), linearly interpolated in RGB
 * between the stops around t (what Plotly does between colorscale stops), as `rgb(r,g,b)`.
 * @example colorAt("YlGnBu", 0) // "rgb(255,255,217)"
 */
export function colorAt(scale: ColorScale, t: number): string {
  const stops = plotlyColorscale(scale);
  const tc = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  let i = 0;
  while (i < stops.length - 2 && tc > stops[i + 1][0]) i++;
  const width = stops[i + 1][0] - stops[i][0];
  const f = width > 0 ? (tc - stops[i][0]) / width : 0;
  const a = parseColor(stops[i][1]) as [number, number, number];
  const b = parseColor(stops[i + 1][1]) as [number, number, number];
  const mix = a.map((v, k) => Math.round(v + f * (b[k] - v)));
  return `rgb(${mix[0]},${mix[1]},${mix[2]})`;
}

/** Fill colour for a region without data. */
export const NO_DATA_COLOR = "#d9d9d9";
