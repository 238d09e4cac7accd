/**
 * Simulation studies with stated, known data-generating processes (everything here produces
 * SIMULATED data, to be labelled as such wherever it is shown).
 */
export { simulateSpatialProcess, spatialTestSimulation, chooseSpatialModel, spatialInverse } from "./spatialTestSimulation";
export type { SpatialProcess, SimulationScenario, SpatialProcessOptions, ModelChoice, SpatialTestSimulationOptions, SpatialTestSimulationRow, SpatialTestSimulationResult } from "./spatialTestSimulation";
