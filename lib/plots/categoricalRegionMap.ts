/**
 * @internal The one builder behind the maps of region labels (LISA clusters, Getis–Ord hot spots): filled polygon
 * traces coloured by label, a legend entry per label present in a fixed order, grey "no data" for regions without a
 * label, optional thick outlines, hover text per region. Public builders validate their own options and call it.
 */
import type { PlotFeatureCollection, PlotlyFigure, PlotlyTrace } from "./types";
import { mapRegions, ringsToPath, mapAxes, type SimplifyOptions } from "./geometry";
import { NO_DATA_COLOR } from "./colors";

/** What a label map needs. */
export interface CategoricalRegionMapSpec<L extends string> extends SimplifyOptions {
  ids: ArrayLike<string>;
  labels: ArrayLike<string>;
  /** Colour and legend name of each label, in legend order. */
  colors: Record<L, string>;
  names: Record<L, string>;
  /** "labels" or "cluster labels", for the length error. */
  labelNoun: string;
  /** The allowed labels in words, for the unknown-label error, e.g. "hot, cold or ns". */
  expected: string;
  /** "label" or "cluster label", for the unknown-label error. */
  labelWord: string;
  /** Extra hover lines of entry k (after the region's name and the label's name). */
  hoverLines: (k: number) => string[];
  /** Optional arrays that must have one entry per id, by name (for the length error). */
  parallel: [string, ArrayLike<unknown> | undefined][];
  idField: string;
  nameField?: string;
  highlight?: string[];
  title: string;
  legendTitle: string;
  fn: string;
}

/** @internal see the module comment. */
export function categoricalRegionMap<L extends string>(geojson: PlotFeatureCollection, s: CategoricalRegionMapSpec<L>): PlotlyFigure {
  const { ids, labels, colors, names, fn, idField } = s;
  if (ids.length !== labels.length) throw new Error(`${fn}: ${ids.length} ids but ${labels.length} ${s.labelNoun}`);
  for (const [nm, arr] of s.parallel) {
    if (arr && arr.length !== ids.length) throw new Error(`${fn}: ${ids.length} ids but ${arr.length} values in "${nm}"`);
  }
  const { regions, decimals: dec, bounds } = mapRegions(geojson, idField, s.nameField, { tolerance: s.tolerance, minArea: s.minArea ?? 0.005, decimals: s.decimals }, fn);
  const index = new Map(regions.map((r, i) => [r.id, i]));
  const labelOf = new Array<L | null>(regions.length).fill(null);
  const hover = new Array<string>(regions.length);
  const unknown: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    const id = String(ids[k]);
    const ri = index.get(id);
    if (ri === undefined) { unknown.push(id); continue; }
    const c = String(labels[k]);
    if (!(c in colors)) throw new Error(`${fn}: unknown ${s.labelWord} "${c}" for region "${id}" (expected ${s.expected})`);
    labelOf[ri] = c as L;
    hover[ri] = [regions[ri].name, names[c as L], ...s.hoverLines(k)].join("<br>");
  }
  if (unknown.length > 0) throw new Error(`${fn}: ids not in the GeoJSON (property "${idField}"): ${unknown.slice(0, 10).join(", ")}`);
  const hl = new Set((s.highlight ?? []).map(String));
  for (const h of hl) if (!index.has(h)) throw new Error(`${fn}: highlight id "${h}" is not in the GeoJSON`);
  const legendOrder = [...Object.keys(colors), "nodata"];
  const legendShown = new Set<string>();
  // highlighted regions are drawn last so their outline is not covered by neighbours
  const order = regions.map((_, i) => i).sort((a, b) => Number(hl.has(regions[a].id)) - Number(hl.has(regions[b].id)));
  const traces: PlotlyTrace[] = order.map((ri) => {
    const r = regions[ri];
    const c = labelOf[ri];
    const group = c ?? "nodata";
    const show = !legendShown.has(group);
    legendShown.add(group);
    const { x, y } = ringsToPath(r.rings, dec);
    return {
      type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: c ? colors[c] : NO_DATA_COLOR,
      line: { color: hl.has(r.id) ? "#000000" : "#ffffff", width: hl.has(r.id) ? 2.5 : 0.6 },
      hoveron: "fills", hoverinfo: "text", text: c ? hover[ri] : `${r.name}<br>no data`,
      name: c ? names[c] : "No data 无数据", legendgroup: group, showlegend: show, legendrank: 1000 + legendOrder.indexOf(group),
    };
  });
  return {
    data: traces,
    layout: {
      title: { text: s.title }, ...mapAxes(bounds), hovermode: "closest", height: 520,
      margin: { l: 10, r: 10, t: 50, b: 10 }, plot_bgcolor: "#ffffff", legend: { title: { text: s.legendTitle } },
    },
  };
}
