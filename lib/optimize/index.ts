/** One-dimensional optimization: Brent's method for the concentrated likelihoods of the spatial models. */
export { brentMaximize } from "./brentMaximize";
export type { BrentResult } from "./brentMaximize";
export { numericalHessian, numericalGradient } from "./numericalDerivatives";
export type { NumericalHessianOptions } from "./numericalDerivatives";
