/** Distribution dynamics: classic and spatial Markov chains, quantile classes. */
export { markov, ergodicDistribution, meanFirstPassageTimes, transitionChiSquare } from "./markov";
export type { MarkovOptions, MarkovResult } from "./markov";
export { spatialMarkov } from "./spatialMarkov";
export type { SpatialMarkovOptions, SpatialMarkovResult } from "./spatialMarkov";
export { quantileBreaks, classify } from "./classify";
export { lisaMarkov } from "./lisaMarkov";
export type { LisaMarkovOptions, LisaMarkovResult } from "./lisaMarkov";
