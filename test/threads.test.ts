import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultThreads, MAX_THREADS, resolveThreads, runTasks, type ThreadData } from "../lib/core/threads";

/** Task t writes t² + helpers.offset(t) and the id of the thread that ran it. */
function squareKernel(task: number, d: ThreadData, h: Record<string, (...args: never[]) => unknown>): void {
  const out = d.out as Float64Array;
  out[task] = task * task + (h.offset as (t: number) => number)(task);
  (d.who as Int32Array)[task] = d.thread as number;
}

function offset(t: number): number {
  return t / 2;
}

const expected = (n: number) => Array.from({ length: n }, (_, t) => t * t + t / 2);

describe("runTasks", () => {
  it("runs every task once on the calling thread (1 thread) and copies the outputs back", () => {
    const out = new Float64Array(60);
    const who = new Int32Array(60).fill(-1);
    expect(runTasks(squareKernel, { offset }, { out, who }, ["out", "who"], 60, 1, "test")).toBe(0);
    expect(Array.from(out)).toEqual(expected(60));
    expect(Array.from(who)).toEqual(new Array(60).fill(0));
  });

  it("runs every task on the workers when the caller takes none, from the kernel's and the helpers' source text", () => {
    const out = new Float64Array(60);
    const who = new Int32Array(60).fill(-1);
    expect(runTasks(squareKernel, { offset }, { out, who }, ["out", "who"], 60, 3, "test", { callerTakesTasks: false })).toBe(60);
    expect(Array.from(out)).toEqual(expected(60));
    expect(who.every((v) => v > 0)).toBe(true);
  });

  it("gives the same outputs when the caller and a worker share the tasks, and copies back any typed array", () => {
    const out = new Float64Array(200);
    const who = new Int32Array(200).fill(-1);
    const bytes = new Uint8Array(200);
    const kernel = (t: number, d: ThreadData, h: Record<string, (...args: never[]) => unknown>): void => {
      (d.out as Float64Array)[t] = t * t + (h.offset as (x: number) => number)(t);
      (d.who as Int32Array)[t] = d.thread as number;
      (d.bytes as Uint8Array)[t] = t % 251;
    };
    const byWorkers = runTasks(kernel, { offset }, { out, who, bytes }, ["out", "who", "bytes"], 200, 2, "test");
    expect(Array.from(out)).toEqual(expected(200));
    expect(who.filter((v) => v !== 0).length).toBe(byWorkers);
    expect(Array.from(bytes)).toEqual(Array.from({ length: 200 }, (_, t) => t % 251));
  });

  it("writes nothing for zero tasks", () => {
    const out = new Float64Array(3);
    expect(runTasks(squareKernel, { offset }, { out, who: new Int32Array(3) }, ["out"], 0, 2, "test")).toBe(0);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it("names the function and the kernel's message when a kernel fails on a worker", () => {
    const failing = (task: number, d: ThreadData): void => {
      if (d.thread !== 0) throw new Error(`task ${task} cannot run here`);
    };
    expect(() => runTasks(failing, {}, {}, [], 5, 2, "moran", { callerTakesTasks: false })).toThrow(/^moran: a worker thread failed: task \d cannot run here$/);
    const odd = (): void => { throw Object.create(null); }; // String() of it throws
    expect(() => runTasks(odd, {}, {}, [], 5, 2, "moran", { callerTakesTasks: false })).toThrow("moran: a worker thread failed: an error without a message");
  });

  it("lets an error of the calling thread's own task through", () => {
    const failing = (): void => { throw new Error("moran: bad input"); };
    expect(() => runTasks(failing, {}, {}, [], 4, 1, "moran")).toThrow("moran: bad input");
  });

  it("finishes on the calling thread when a worker cannot start, without crashing the process afterwards", async () => {
    // a method's source text (`off(t) { … }`) is not an expression: the worker's program is a SyntaxError
    const helpers = { off(t: number): number { return t / 2; } };
    const out = new Float64Array(40);
    const who = new Int32Array(40).fill(-1);
    expect(runTasks(squareKernel, { offset: helpers.off }, { out, who }, ["out", "who"], 40, 2, "test")).toBe(0);
    expect(Array.from(out)).toEqual(expected(40));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the worker's error event arrives now; it must be handled
    expect(() => runTasks(squareKernel, { offset: helpers.off }, { out, who }, ["out"], 3, 2, "test", { callerTakesTasks: false, waitLimitMs: 1500 }))
      .toThrow("test: a worker thread stopped (no task ended for 1.5 s)");
  });

  it("runs kernels with inner functions when lib/ is loaded by tsx (esbuild's __name helper), as in the notebook kernel", () => {
    const dir = mkdtempSync(join(tmpdir(), "wb-threads-"));
    const script = join(dir, "inner.ts");
    writeFileSync(script, `import { runTasks } from ${JSON.stringify(join(__dirname, "../lib/core/threads"))};
const out = new Float64Array(8);
const kernel = (t: number, d: Record<string, unknown>): void => {
  const square = (x: number): number => x * x;
  (d.out as Float64Array)[t] = square(t);
};
const n = runTasks(kernel, {}, { out }, ["out"], 8, 2, "test", { callerTakesTasks: false });
console.log(JSON.stringify({ n, out: Array.from(out) }));
`);
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: join(__dirname, ".."), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout.trim())).toEqual({ n: 8, out: [0, 1, 4, 9, 16, 25, 36, 49] });
  });
});

describe("resolveThreads", () => {
  it("gives every core up to 8 by default and checks a given count", () => {
    expect(resolveThreads(undefined, "moran")).toBe(defaultThreads());
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(defaultThreads()).toBeLessThanOrEqual(8);
    expect(resolveThreads(3, "moran")).toBe(3);
    expect(() => resolveThreads(0, "moran")).toThrow("moran: threads must be an integer from 1 to 256, got 0");
    expect(() => resolveThreads(MAX_THREADS + 1, "moran")).toThrow("moran: threads must be an integer from 1 to 256, got 257");
    expect(() => resolveThreads("2", "moran")).toThrow('moran: threads must be an integer from 1 to 256, got "2"');
  });
});
