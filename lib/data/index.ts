/**
 * Data topic: the loader for `datasets/` (typed danfo DataFrames, GeoJSON) and the readers and
 * decoders `npm run datasets` uses to rebuild those files from `../shared/data`.
 */
export { loadDataset, loadColumns, loadGeoJSON, listDatasets } from "./loadDataset";
export type { DatasetInfo, LoadedColumn, LoadedColumns } from "./loadDataset";
export { decodeEChartsGeo, decodeEChartsRing } from "./echartsGeo";
export type { FeatureCollection, GeoFeature, PolygonGeometry, Position } from "./echartsGeo";
export { parseCsv, formatCsv, csvNumber } from "./csv";
export { parseNbsTable } from "./nbsTable";
export type { NbsRecord, NbsTable, SourceCell } from "./nbsTable";
export { provinceResolver, PROVINCE_NAME_VARIANTS } from "./names";
export type { ProvinceNames } from "./names";
export { deriveProvinceVariables, ratioLocationQuotientByYear, PROVINCE_DERIVED_COLUMNS } from "./provinceDerived";
export type { ProvincePanelColumns, ProvinceDerivedColumn } from "./provinceDerived";
export { repoRoot, datasetsPath, sharedPath } from "./paths";
export { provinceWeights, jilinWeights } from "./weights";
export { jilinCityWeights, YANBIAN } from "./jilinCityWeights";
export type { HainanLink, ProvinceWeightsOptions, JilinWeightsOptions } from "./weights";
export { featureCentroid } from "./centroid";
