/** Spatial autocorrelation: global Moran's I and local Moran (LISA). */
export { moran } from "./moran";
export type { MoranOptions, MoranResult, MoranAlternative } from "./moran";
export { localMoran, benjaminiHochberg } from "./localMoran";
export type { LocalMoranOptions, LocalMoranResult, LocalMoranRecord, LocalMoranQuadrant, LocalMoranCluster } from "./localMoran";
export { weightsConstants } from "./input";
export { localG } from "./localG";
export type { LocalGOptions, LocalGResult, HotSpot } from "./localG";
export { geary } from "./geary";
export type { GearyOptions, GearyResult } from "./geary";
export { localGeary } from "./localGeary";
export type { LocalGearyOptions, LocalGearyResult, LocalGearyCluster } from "./localGeary";
export { joinCounts } from "./joinCounts";
export type { JoinCountsOptions, JoinCountsResult, JoinCountRow } from "./joinCounts";
export { bivariateMoran } from "./bivariateMoran";
export type { BivariateMoranOptions, BivariateMoranResult } from "./bivariateMoran";
export { localBivariateMoran } from "./localBivariateMoran";
export type { LocalBivariateMoranOptions, LocalBivariateMoranResult } from "./localBivariateMoran";
