/**
 * Timing for the benchmarks: elapsed and CPU (user + system) seconds of one call. The machine is
 * shared, so CPU time is the fairer comparison with R's `system.time` user + system.
 */
export function timed<T>(f: () => T): { value: T; elapsed: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const elapsed = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, elapsed, cpu: (c.user + c.system) / 1e6 };
}
