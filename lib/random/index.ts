/** Seeded random numbers (xoshiro128**) for permutation tests and simulations. */
export { rng, rngFromState } from "./rng";
export type { Rng } from "./rng";
export { DEFAULT_SEED, resolveSeed } from "./seed";
export { rademacherVector } from "./rademacher";
