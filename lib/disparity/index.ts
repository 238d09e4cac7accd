/** Regional disparity and convergence: Dagum Gini and Theil decompositions, σ- and β-convergence, kernel densities. */
export { dagumGini, dagumGiniCore } from "./dagumGini";
export type { DagumGiniOptions, DagumGiniResult, DagumGiniCore } from "./dagumGini";
export { theil } from "./theil";
export type { TheilOptions, TheilResult } from "./theil";
export { sigmaConvergence, coefficientOfVariation } from "./sigmaConvergence";
export type { SigmaConvergenceOptions, SigmaConvergenceResult } from "./sigmaConvergence";
export { betaConvergence } from "./betaConvergence";
export type { BetaConvergenceOptions, BetaConvergenceResult } from "./betaConvergence";
export { kernelDensity, bandwidth } from "./kernelDensity";
export type { KernelDensityOptions, KernelDensityResult, DensityKernel, BandwidthRule } from "./kernelDensity";
export { densityByPeriod } from "./densityByPeriod";
export type { DensityByPeriodOptions, DensityByPeriodResult } from "./densityByPeriod";
