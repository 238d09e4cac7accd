import type { DataInput } from "../core/types";
import { rawColumn, rowCount, isMissing } from "../core/data";
import type { PlotlyFigure } from "./types";

/** Options of {@link lineChartFigure}. */
export interface LineChartOptions {
  /** Column on the x axis (e.g. "year"). */
  x: string;
  /** One or more value columns; each gives one line (per group). */
  y: string | string[];
  /** Optional grouping column (e.g. province): one line per group and y column. */
  group?: string;
  /** Groups drawn in colour and thick; all other groups thin grey (e.g. ["吉林"]). Without it every line is coloured. */
  highlight?: string[];
  /** Display names for the y columns (default: the column names). */
  yNames?: Record<string, string>;
  title: string;
  xLabel: string;
  yLabel: string;
}

/**
 * Line chart from long data (趋势图): one line per y column and group, sorted by x, with
 * hover text naming the group; `highlight` draws the named groups bold and the rest as a
 * grey background (Jilin's trajectory among 31 provinces). Missing y values leave gaps.
 * @throws `lineChartFigure: column "D" is not numeric (row 2 is "x")`; `lineChartFigure: highlight group "x" is not in column "province"`
 * @example lineChartFigure(cc, { x: "year", y: "D", group: "province_zh", highlight: ["吉林"], title: "D", xLabel: "Year", yLabel: "D" })
 */
export function lineChartFigure(data: DataInput, options: LineChartOptions): PlotlyFigure {
  const fn = "lineChartFigure";
  const ys = Array.isArray(options.y) ? options.y : [options.y];
  const n = rowCount(data, fn);
  const xs = rawColumn(data, options.x, fn);
  const groups = options.group ? rawColumn(data, options.group, fn) : null;
  const groupKeys: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = groups ? String(groups[i]) : "";
    if (!groupKeys.includes(g)) groupKeys.push(g);
  }
  const hl = options.highlight ? new Set(options.highlight) : null;
  if (hl && groups) for (const h of hl) if (!groupKeys.includes(h)) throw new Error(`${fn}: highlight group "${h}" is not in column "${options.group}"`);
  const palette = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
  const traces: Record<string, unknown>[] = [];
  let colorIdx = 0;
  const ordered = hl ? [...groupKeys.filter((g) => !hl.has(g)), ...groupKeys.filter((g) => hl.has(g))] : groupKeys;
  for (const yc of ys) {
    const yv = rawColumn(data, yc, fn);
    for (const g of ordered) {
      const idx = [...Array(n).keys()].filter((i) => (groups ? String(groups[i]) : "") === g);
      idx.sort((a, b) => (Number(xs[a]) - Number(xs[b])) || String(xs[a]).localeCompare(String(xs[b])));
      const yvals = idx.map((i) => {
        const v = yv[i];
        if (isMissing(v)) return null;
        if (typeof v !== "number") throw new Error(`${fn}: column "${yc}" is not numeric (row ${i} is ${JSON.stringify(v)})`);
        return v;
      });
      const yName = options.yNames?.[yc] ?? yc;
      const name = groups ? (ys.length > 1 ? `${g} · ${yName}` : g) : yName;
      const bold = !hl || hl.has(g);
      traces.push({
        type: "scatter", mode: bold ? "lines+markers" : "lines", name,
        x: idx.map((i) => xs[i]), y: yvals,
        line: bold ? { color: palette[colorIdx++ % palette.length], width: 2.5 } : { color: "rgba(150,150,150,0.45)", width: 1 },
        marker: { size: 5 }, showlegend: bold,
        hovertemplate: `${name}<br>${options.xLabel}: %{x}<br>${options.yLabel}: %{y:.4f}<extra></extra>`,
      });
    }
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title },
      xaxis: { title: { text: options.xLabel } },
      yaxis: { title: { text: options.yLabel } },
      hovermode: "closest", height: 420,
    },
  };
}
