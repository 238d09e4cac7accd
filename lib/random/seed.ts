/**
 * The one seed rule of lib/: every function that draws random numbers (permutation tests, simulated impacts,
 * stochastic traces and log-determinants) takes a `seed` option, uses {@link DEFAULT_SEED} when it is not
 * given, and reports the seed it used in its result — so a rerun gives the same numbers and a reader can see
 * which draw a p-value came from (as PySAL's `seed` argument and R's `set.seed` habit).
 */

/** The seed used when none is given. */
export const DEFAULT_SEED = 1;

/**
 * The seed a function uses: the caller's, checked, or {@link DEFAULT_SEED}.
 *
 * Long name: seed resolution.
 * @param seed the caller's `seed` option (may be undefined)
 * @param fn the calling function's name, for errors
 * @returns an integer seed
 * @throws `moran: seed must be an integer, got 1.5`
 * @example resolveSeed(undefined, "moran") // 1
 * @example resolveSeed(42, "moran") // 42
 */
export function resolveSeed(seed: unknown, fn: string): number {
  if (seed === undefined) return DEFAULT_SEED;
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw new Error(`${fn}: seed must be an integer, got ${String(seed)}`);
  return seed;
}
