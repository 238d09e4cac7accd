/** Spatial autocorrelation: global Moran's I and local Moran (LISA). */
export { moran } from "./moran";
export type { MoranOptions, MoranResult, MoranAlternative } from "./moran";
export { localMoran, benjaminiHochberg } from "./localMoran";
export type { LocalMoranOptions, LocalMoranResult, LocalMoranRecord, LocalMoranQuadrant, LocalMoranCluster } from "./localMoran";
export { weightsConstants } from "./input";
