/**
 * Display topic: inline Plotly figures (`show`), HTML tables (`showTable`), Markdown/text
 * (`showMarkdown` with the escaping `md` template, `showText`, `showHTML`), for notebooks running under the tslab kernel.
 * `choroplethFigure` is a deprecated alias of `regionMapFigure` (lib/plots), the one choropleth builder. Every `show*` call is a no-op outside a kernel.
 */
export { show, figureHTML, resetFigureState, PLOTLY_ASSET_PATH, type Figure, type ShowOptions } from "./plotly";
export { showTable, tableHTML, formatCell, type TableOptions } from "./table";
export { showMarkdown, showText, showHTML, md, escapeMarkdown, Markdown } from "./text";
export { choroplethFigure, type ChoroplethFeatureCollection, type ChoroplethFeature, type ChoroplethValues, type ChoroplethOptions } from "./choropleth";
export { inKernel, displayRaw, displayBundle } from "./kernel";
