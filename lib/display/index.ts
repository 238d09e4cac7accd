/**
 * Display topic: inline Plotly figures (`show`), HTML tables (`showTable`), Markdown/text
 * (`showMarkdown`, `showText`, `showHTML`) and the generic `choroplethFigure` builder, for
 * notebooks running under the tslab kernel. Every `show*` call is a no-op outside a kernel.
 */
export { show, figureHTML, plotlyBundleHTML, resetFigureState, type Figure, type ShowOptions } from "./plotly";
export { showTable, tableHTML, formatCell, type TableOptions } from "./table";
export { showMarkdown, showText, showHTML } from "./text";
export { choroplethFigure, type ChoroplethFeatureCollection, type ChoroplethFeature, type ChoroplethValues, type ChoroplethOptions } from "./choropleth";
export { inKernel, displayRaw } from "./kernel";
