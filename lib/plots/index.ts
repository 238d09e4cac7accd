/**
 * Figure builders for the notebooks: each returns a plain Plotly figure `{ data, layout, frames? }`
 * for `show(figure)` from `lib/display`. Maps draw polygons as filled scatter traces on
 * lon/lat axes so exported pages work offline (no base-map download).
 */
export type { PlotlyFigure, PlotlyTrace, PlotFeatureCollection, PlotFeature, PlotGeometry, WeightsLike } from "./types";
export { simplifyPath, ringArea, featureRings, ringsToPath, mapRegions, defaultSimplification, type Ring, type SimplifyOptions, type MapRegion } from "./geometry";
export { COLOR_SCALES, plotlyColorscale, colorAt, NO_DATA_COLOR, type ColorScale } from "./colors";
export { regionMapFigure, type RegionMapOptions, type RegionValues } from "./regionMap";
export { lisaClusterMapFigure, LISA_COLORS, type LisaCluster, type LisaClusterMapOptions } from "./lisaClusterMap";
export { hotSpotMapFigure, HOT_SPOT_COLORS, type HotSpotLabel, type HotSpotMapOptions } from "./hotSpotMap";
export { moranScatterData, moranScatterFigure, type MoranScatterData, type MoranScatterOptions } from "./moranScatter";
export { coefficientPlotFigure, type CoefficientSpec, type CoefficientPlotOptions } from "./coefficientPlot";
export { categoricalHeatmapFigure, type CategoricalHeatmapOptions } from "./categoricalHeatmap";
export { lineChartFigure, type LineChartOptions } from "./lineChart";
export { residualDiagnosticsFigure, type ResidualDiagnosticsOptions } from "./residualDiagnostics";
export { groupedBarFigure, type GroupedBarOptions } from "./groupedBar";
export { densitySurfaceFigure, ridgePlotFigure, type DensityFigureOptions, type RidgePlotOptions } from "./densityDynamics";
