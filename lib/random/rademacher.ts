/**
 * The one source of Rademacher probes (±1 with probability ½ each) of lib/: every stochastic trace estimator
 * (Hutchinson traces of (I − ρW)⁻¹ and of W^q, Monte Carlo log-determinants) draws them here from lib/random's
 * seeded generator.
 */
import type { Rng } from "./rng";

/**
 * Rademacher vector (±1), 32 signs per 32-bit draw of the generator.
 *
 * Long name: Rademacher random vector (Hutchinson 1990, Commun. Stat. Simul. 19: the probe of the trace estimator).
 * @param n length
 * @param g the seeded generator (lib/random `rng(seed)`)
 * @param out optional array to fill
 * @returns `out`, filled with ±1
 * @example rademacherVector(3, rng(1)) // three values, each 1 or -1, the same ones for seed 1
 */
export function rademacherVector(n: number, g: Rng, out = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i += 32) {
    const bits = g.nextUint32();
    for (let b = 0; b < 32 && i + b < n; b++) out[i + b] = (bits >>> b) & 1 ? 1 : -1;
  }
  return out;
}
