import { formatFixed } from "../report/format";
import type { DataInput } from "../core/types";
import { rawColumn, rowCount, isMissing } from "../core/data";
import type { PlotlyFigure } from "./types";
import { COLOR_SCALES } from "./colors";

/** Options of {@link categoricalHeatmapFigure}. */
export interface CategoricalHeatmapOptions {
  /** Column giving the heat map's rows (e.g. province name). */
  row: string;
  /** Column giving the columns (e.g. year). */
  column: string;
  /** Column with the category of each cell (e.g. the coordination level). */
  category: string;
  /** The categories in order (low → high); each gets one colour. */
  levels: string[];
  /** Optional numeric column shown in hover text (e.g. D). */
  value?: string;
  valueLabel?: string;
  /** Colours, one per level (default: ColorBrewer RdYlGn spread over the levels). */
  colors?: string[];
  /** Row order (default: order of first appearance). */
  rowOrder?: string[];
  /** Rows whose labels are marked with ▶ (e.g. ["吉林"]). */
  highlight?: string[];
  title: string;
  xLabel: string;
  yLabel: string;
}

/**
 * Heat map of a categorical variable over two keys (province × year of the coupling-
 * coordination class, 耦合协调等级): one cell per row-column pair coloured by its level,
 * a colour bar listing the levels, hover text with the row, column, level and value.
 * Empty cells (no row in the data, or a missing category) stay blank.
 * @throws `categoricalHeatmapFigure: category "x" in row 3 is not one of the levels (…)`;
 *   `categoricalHeatmapFigure: cell (吉林, 2019) appears twice`
 * @example categoricalHeatmapFigure(cc, { row: "province", column: "year", category: "level",
 *   levels: ["极度失调", …, "优质协调"], value: "D", title: "…", xLabel: "Year", yLabel: "Province" })
 */
export function categoricalHeatmapFigure(data: DataInput, options: CategoricalHeatmapOptions): PlotlyFigure {
  const fn = "categoricalHeatmapFigure";
  const { levels } = options;
  if (!Array.isArray(levels) || levels.length === 0) throw new Error(`${fn}: levels must be a non-empty list`);
  const L = levels.length;
  let colors = options.colors;
  if (!colors) {
    const base = COLOR_SCALES.RdYlGn10;
    colors = levels.map((_, i) => base[L === 1 ? 0 : Math.round((i * (base.length - 1)) / (L - 1))]);
  }
  if (colors.length !== L) throw new Error(`${fn}: ${L} levels but ${colors.length} colours`);
  const n = rowCount(data, fn);
  const rows = rawColumn(data, options.row, fn);
  const cols = rawColumn(data, options.column, fn);
  const cats = rawColumn(data, options.category, fn);
  const vals = options.value ? rawColumn(data, options.value, fn) : null;
  const rowKeys: string[] = options.rowOrder ? options.rowOrder.slice() : [];
  const colKeys: string[] = [];
  let numericCols = true;
  for (let i = 0; i < n; i++) {
    const r = String(rows[i]);
    if (!options.rowOrder && !rowKeys.includes(r)) rowKeys.push(r);
    const c = String(cols[i]);
    if (typeof cols[i] !== "number") numericCols = false;
    if (!colKeys.includes(c)) colKeys.push(c);
  }
  if (numericCols) colKeys.sort((a, b) => Number(a) - Number(b));
  const z: Array<Array<number | null>> = rowKeys.map(() => colKeys.map(() => null));
  const text: string[][] = rowKeys.map(() => colKeys.map(() => ""));
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  for (let i = 0; i < n; i++) {
    const ri = rowKeys.indexOf(String(rows[i]));
    if (ri < 0) continue; // rows outside rowOrder are not drawn
    const ci = colKeys.indexOf(String(cols[i]));
    if (z[ri][ci] !== null) throw new Error(`${fn}: cell (${rowKeys[ri]}, ${colKeys[ci]}) appears twice`);
    if (isMissing(cats[i])) continue;
    const li = levelIndex.get(String(cats[i]));
    if (li === undefined) throw new Error(`${fn}: category "${String(cats[i])}" in row ${i} is not one of the levels (${levels.join(", ")})`);
    z[ri][ci] = li;
    const v = vals && typeof vals[i] === "number" ? `<br>${options.valueLabel ?? options.value}: ${formatFixed(vals[i] as number, 3)}` : "";
    text[ri][ci] = `${rowKeys[ri]} · ${colKeys[ci]}<br>${levels[li]}${v}`;
  }
  // discrete colour scale: level i occupies [i/L, (i+1)/L] of z ∈ [-0.5, L-0.5]
  const colorscale: Array<[number, string]> = [];
  colors.forEach((c, i) => { colorscale.push([i / L, c], [(i + 1) / L, c]); });
  const hl = new Set(options.highlight ?? []);
  const ylabels = rowKeys.map((r) => (hl.has(r) ? `▶ ${r}` : r));
  return {
    data: [{
      type: "heatmap", x: colKeys, y: ylabels, z, text, hoverinfo: "text", hovertemplate: "%{text}<extra></extra>",
      zmin: -0.5, zmax: L - 0.5, colorscale, xgap: 1, ygap: 1,
      colorbar: { tickvals: levels.map((_, i) => i), ticktext: levels, title: { text: options.valueLabel ? "Level" : "" }, thickness: 14 },
    }],
    layout: {
      title: { text: options.title },
      xaxis: { title: { text: options.xLabel }, type: "category" },
      yaxis: { title: { text: options.yLabel }, type: "category", autorange: "reversed", automargin: true },
      height: Math.max(360, 80 + 18 * rowKeys.length), margin: { l: 10, r: 10, t: 50, b: 50 },
    },
  };
}
