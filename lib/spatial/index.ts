/** Spatial autocorrelation: global Moran's I and local Moran (LISA). */
export { moran } from "./moran";
export type { MoranOptions, MoranResult, Alternative } from "./moran";
export { localMoran, benjaminiHochberg } from "./localMoran";
export type { LocalMoranOptions, LocalMoranResult, LocalMoranRecord, Quadrant, Cluster } from "./localMoran";
export { weightsConstants } from "./input";
