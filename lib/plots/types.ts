/**
 * Types shared by the figure builders in `lib/plots`. A figure is the plain object
 * Plotly's `newPlot` takes (`{ data, layout, frames? }`), so `show(figure)` from `lib/display`
 * renders it and a user can still edit any trace or layout field before showing it.
 */

/** A Plotly trace: any object Plotly accepts in `data` (kept loose on purpose; Plotly validates). */
export type PlotlyTrace = Record<string, unknown>;

/** A Plotly figure: traces, a layout and optional animation frames (year sliders). */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
  frames?: Array<{ name: string; data: PlotlyTrace[]; traces: number[]; layout?: Record<string, unknown> }>;
}

/** Minimal GeoJSON geometry the map builders read: polygons in lon/lat degrees. */
export interface PlotGeometry {
  type: string;
  coordinates: unknown;
}

/** Minimal GeoJSON feature: `properties[idField]` (or `id`) identifies the region. */
export interface PlotFeature {
  type?: string;
  id?: string | number;
  properties?: Readonly<Record<string, unknown>> | null;
  geometry: Readonly<PlotGeometry> | null;
}

/** Minimal GeoJSON feature collection. */
export interface PlotFeatureCollection {
  type?: string;
  features: ReadonlyArray<PlotFeature>;
}

/**
 * The structural shape of spatial weights the plot builders need (satisfied by
 * `SpatialWeights` from `lib/weights`): ids, neighbour indices and weights per region.
 */
export interface WeightsLike {
  ids: string[];
  neighbors: number[][];
  weights: number[][];
}
