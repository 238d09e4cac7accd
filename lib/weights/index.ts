/**
 * Spatial weights: construction (GAL files, matrices, polygons, points), the `SpatialWeights` class,
 * and helpers. Use through the namespace: `import { weights } from "../lib"; weights.fromGAL(text)`.
 */
import { fromGAL, toGAL, fromMatrix } from "./gal";
import { fromGeoJSON, DEFAULT_SNAP } from "./contiguity";
import { knn, distanceBand, ellipsoidDistanceKm } from "./distance";
import { SpatialWeights, greatCircleKm, EARTH_RADIUS_KM } from "./SpatialWeights";
import { inverseDistance, exponentialDecay, economicDistance, nested, normalize, bandSweep } from "./builders";
import { lattice } from "./lattice";

export { SpatialWeights } from "./SpatialWeights";
export type { WeightsStyle, WeightsCSR } from "./SpatialWeights";
export type { PolygonFeatureCollection, ContiguityOptions } from "./contiguity";
export type { Coordinates, PointsInput, KnnOptions, DistanceBandOptions } from "./distance";
export type { LatticeOptions } from "./lattice";

/**
 * Constructors and helpers for spatial weights, as one namespace object:
 * `fromGAL`, `toGAL`, `fromMatrix`, `fromGeoJSON`, `lattice`, `knn`, `distanceBand`, `inverseDistance`, `exponentialDecay`,
 * `economicDistance`, `nested`, `normalize`, `bandSweep`, `greatCircleKm` (sphere),
 * `ellipsoidDistanceKm` (WGS-84, spdep's lon/lat distance), `SpatialWeights`.
 */
export const weights = Object.freeze({
  fromGAL,
  toGAL,
  fromMatrix,
  fromGeoJSON,
  lattice,
  knn,
  distanceBand,
  inverseDistance,
  exponentialDecay,
  economicDistance,
  nested,
  normalize,
  bandSweep,
  greatCircleKm,
  ellipsoidDistanceKm,
  EARTH_RADIUS_KM,
  DEFAULT_SNAP,
  SpatialWeights,
});
