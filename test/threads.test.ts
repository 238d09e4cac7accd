import { describe, expect, it } from "vitest";
import { defaultThreads, resolveThreads, runTasks, type ThreadData } from "../lib/core/threads";

/** Task t writes t² + helpers.offset(t), after a busy loop long enough that the workers start and take tasks. */
function squareKernel(task: number, d: ThreadData, h: Record<string, (...args: never[]) => unknown>): void {
  const out = d.out as Float64Array;
  let spin = 0;
  for (let q = 0; q < (d.spin as number); q++) spin += Math.sqrt(q);
  out[task] = task * task + (h.offset as (t: number) => number)(task) + (spin < 0 ? 1 : 0);
  const who = d.who as Int32Array;
  who[task] = d.thread as number;
}

function offset(t: number): number {
  return t / 2;
}

describe("runTasks", () => {
  it("runs every task once and copies the outputs back, on the calling thread and on workers", () => {
    for (const threads of [1, 2, 3]) {
      const out = new Float64Array(60);
      const who = new Int32Array(60).fill(-1);
      const workerTasks = runTasks(squareKernel, { offset }, { out, who, spin: 300_000 }, ["out", "who"], 60, threads, "test");
      expect(Array.from(out)).toEqual(Array.from({ length: 60 }, (_, t) => t * t + t / 2));
      expect(who.every((v) => v >= 0)).toBe(true);
      const byWorkers = who.filter((v) => v !== 0).length;
      expect(byWorkers).toBe(workerTasks);
      if (threads === 1) expect(workerTasks).toBe(0);
      else expect(workerTasks).toBeGreaterThan(0);
    }
  });

  it("leaves inputs that are not outputs unchanged and writes nothing for zero tasks", () => {
    const out = new Float64Array(3);
    expect(runTasks(squareKernel, { offset }, { out, who: new Int32Array(3), spin: 0 }, ["out"], 0, 2, "test")).toBe(0);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it("names the function and the kernel's message when a kernel fails on a worker", () => {
    const failing = (task: number, d: ThreadData): void => {
      let spin = 0;
      for (let q = 0; q < 300_000; q++) spin += Math.sqrt(q);
      if (d.thread !== 0) throw new Error(`task ${task} cannot run here${spin < 0 ? "!" : ""}`);
    };
    expect(() => runTasks(failing, {}, {}, [], 200, 2, "moran")).toThrow(/^moran: a worker thread failed: task \d+ cannot run here$/);
  });

  it("lets an error of the calling thread's own task through", () => {
    const failing = (): void => { throw new Error("moran: bad input"); };
    expect(() => runTasks(failing, {}, {}, [], 4, 1, "moran")).toThrow("moran: bad input");
  });
});

describe("resolveThreads", () => {
  it("gives every core up to 8 by default and checks a given count", () => {
    expect(resolveThreads(undefined, "moran")).toBe(defaultThreads());
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(defaultThreads()).toBeLessThanOrEqual(8);
    expect(resolveThreads(3, "moran")).toBe(3);
    expect(() => resolveThreads(0, "moran")).toThrow("moran: threads must be a positive integer, got 0");
    expect(() => resolveThreads("2", "moran")).toThrow("moran: threads must be a positive integer, got 2");
  });
});
