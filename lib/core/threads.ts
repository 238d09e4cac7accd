/**
 * Synchronous parallel loops over shared memory: tasks 0..T−1 run by a self-contained kernel on the calling
 * thread and on worker threads, which take the next task from a shared counter until none is left.
 *
 * A kernel and its helpers are plain functions whose source text runs in the workers (`new Worker(source,
 * { eval: true })`), so they must be self-contained: no imports, no closures over module variables, no inner
 * named functions; everything they use comes in through their arguments, `kernel(task, data, helpers)`. Typed
 * arrays in `data` are copied once into SharedArrayBuffers (outputs are written in place and copied back);
 * numbers pass as they are. Each thread gets its own `data` object, so a kernel may keep scratch arrays on it;
 * `data.thread` is 0 on the calling thread and the worker's thread id on a worker.
 * The caller takes tasks too and then waits (`Atomics.wait`) for the tasks the workers took, so the call
 * returns only when every task is done and needs no event loop turn: it can run inside a synchronous function.
 */
import { Worker } from "node:worker_threads";
import os from "node:os";

/** What a kernel receives: typed arrays (shared between threads) and numbers, plus its own scratch entries. */
export type ThreadData = Record<string, unknown>;

/** A task kernel: runs task `task` on `data`, calling only `helpers`. */
export type TaskKernel = (task: number, data: ThreadData, helpers: Record<string, (...args: never[]) => unknown>) => void;

/**
 * The number of threads to use when the caller does not say: every core the process may use, at most 8.
 *
 * Long name: default thread count.
 * @example defaultThreads() // 2 on a 2-core machine
 */
export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, cores));
}

/**
 * Check a `threads` option: undefined gives {@link defaultThreads}; otherwise a positive integer.
 *
 * Long name: thread-count option resolution.
 * @throws `moran: threads must be an integer from 1 to 256, got 0`
 * @example resolveThreads(2, "moran") // 2
 */
export function resolveThreads(threads: unknown, fn: string): number {
  if (threads === undefined) return defaultThreads();
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new Error(`${fn}: threads must be an integer from 1 to ${MAX_THREADS}, got ${typeof threads === "string" ? JSON.stringify(threads) : String(threads)}`);
  }
  return threads;
}

/** The largest `threads` option accepted. */
export const MAX_THREADS = 256;

type Shareable = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

function isShareable(v: unknown): v is Shareable {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(typeof BigInt64Array !== "undefined" && (v instanceof BigInt64Array || v instanceof BigUint64Array));
}

function toShared(a: Shareable): Shareable {
  const view = new (a.constructor as new (b: SharedArrayBuffer) => Shareable)(new SharedArrayBuffer(a.byteLength));
  view.set(a as never);
  return view;
}

function workerSource(kernel: TaskKernel, helpers: Record<string, (...args: never[]) => unknown>): string {
  const helperLines = Object.entries(helpers).map(([name, f]) => `helpers[${JSON.stringify(name)}] = (${f.toString()});`).join("\n");
  // __name: esbuild's keepNames helper (tsx, the notebook kernel's loader), which a transpiled inner function calls
  return `"use strict";
const __name = (f) => f;
const { workerData: d } = require("node:worker_threads");
const helpers = {};
${helperLines}
const kernel = (${kernel.toString()});
const data = d.data; // typed arrays on SharedArrayBuffers arrive as views of the same memory
data.thread = require("node:worker_threads").threadId;
const ctl = new Int32Array(d.ctl);
for (;;) {
  const task = Atomics.add(ctl, 0, 1);
  if (task >= d.tasks) break;
  try {
    kernel(task, data, helpers);
    Atomics.add(ctl, 2, 1);
  } catch (e) {
    if (Atomics.compareExchange(ctl, 3, 0, 1) === 0) {
      let text = "an error without a message";
      try { text = String(e && typeof e.message === "string" ? e.message : e); } catch (_) { /* keep the fallback text */ }
      new Uint8Array(d.message).set(new TextEncoder().encode(text).subarray(0, d.message.byteLength));
    }
  }
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;
}

/**
 * Run tasks 0..tasks−1 of `kernel` on `threads` threads (the calling one included) and return when all are done.
 *
 * Long name: synchronous parallel task loop over shared memory.
 * @param kernel a self-contained task kernel (see the module comment)
 * @param helpers self-contained functions the kernel calls as `helpers.name(...)`
 * @param data typed arrays and numbers the kernel reads; the arrays named in `outputs` are written by the kernel
 * @param outputs names of the typed arrays in `data` that the kernel writes (copied back into them)
 * @param tasks number of tasks
 * @param threads threads to use (1: everything on the calling thread, no worker)
 * @param fn the calling function's name, for errors
 * @param options callerTakesTasks (default true)
 * @returns how many tasks the worker threads ran (the others ran on the calling thread)
 * @throws `moran: a worker thread failed: <the kernel's message>` when a kernel throws on a worker (the calling
 *   thread's own errors propagate as they are), `moran: a worker thread stopped (no task ended for 600 s)`, `moran: could not start a worker thread: …`
 * @example
 * const out = new Float64Array(4);
 * runTasks((t, d) => { (d.out as Float64Array)[t] = t * t; }, {}, { out }, ["out"], 4, 2, "example"); // out = [0, 1, 4, 9]
 */
export function runTasks(kernel: TaskKernel, helpers: Record<string, (...args: never[]) => unknown>, data: ThreadData,
  outputs: readonly string[], tasks: number, threads: number, fn: string, options: RunTasksOptions = {}): number {
  const callerTakesTasks = options.callerTakesTasks ?? true;
  const workers = callerTakesTasks ? Math.min(threads, tasks) - 1 : Math.min(threads - 1, tasks);
  if (workers <= 0) {
    const local = { ...data, thread: 0 };
    for (let t = 0; t < tasks; t++) kernel(t, local, helpers);
    return 0;
  }
  const sharedData: ThreadData = {};
  for (const [key, v] of Object.entries(data)) sharedData[key] = isShareable(v) ? toShared(v) : v;
  // next task, tasks ended, tasks done by workers, a worker failed
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  const message = new SharedArrayBuffer(512);
  const source = workerSource(kernel, helpers);
  const pool: Worker[] = [];
  try {
    for (let w = 0; w < workers; w++) {
      let worker: Worker;
      try {
        worker = new Worker(source, { eval: true, workerData: { data: sharedData, ctl: ctl.buffer, tasks, message } });
      } catch (e) {
        throw new Error(`${fn}: could not start a worker thread: ${(e as Error).message}`);
      }
      // a worker that fails to start (or dies) reports through this event after the call has returned; the tasks it
      // did not take were run by the other threads, so the event is only swallowed here, never left to crash the process
      worker.on("error", () => {});
      worker.unref();
      pool.push(worker);
    }
    const local = { ...sharedData, thread: 0 };
    if (callerTakesTasks) {
      for (;;) {
        const task = Atomics.add(ctl, 0, 1);
        if (task >= tasks) break;
        kernel(task, local, helpers);
        Atomics.add(ctl, 1, 1);
      }
    }
    const patience = options.waitLimitMs ?? (callerTakesTasks ? WAIT_LIMIT_MS : WORKERS_ONLY_WAIT_LIMIT_MS);
    for (;;) {
      const done = Atomics.load(ctl, 1);
      if (done >= tasks) break; // a task that failed on a worker counts as ended
      if (Atomics.wait(ctl, 1, done, patience) === "timed-out" && Atomics.load(ctl, 1) === done) {
        throw new Error(`${fn}: a worker thread stopped (no task ended for ${patience / 1000} s)`);
      }
    }
  } finally {
    for (const worker of pool) void worker.terminate();
  }
  if (Atomics.load(ctl, 3) !== 0) {
    const bytes = new Uint8Array(message);
    const end = bytes.indexOf(0);
    throw new Error(`${fn}: a worker thread failed: ${new TextDecoder().decode(bytes.slice(0, end < 0 ? bytes.length : end))}`);
  }
  for (const key of outputs) (data[key] as Shareable).set(sharedData[key] as never);
  return Atomics.load(ctl, 2);
}

/** Options of {@link runTasks}. */
export interface RunTasksOptions {
  /**
   * Whether the calling thread takes tasks too (default true). false: only the `threads − 1` workers run tasks
   * and the caller waits (for tests that must see every task run on a worker); a worker that never starts then
   * ends the call with an error after 30 s.
   */
  callerTakesTasks?: boolean;
  /** How long to wait for one task to end before giving up on the workers (default 600 s; 30 s with callerTakesTasks false). */
  waitLimitMs?: number;
}

/** How long the caller waits for one task to end before it gives up on the workers (they catch their kernels' errors, so only a thread that died waits this long). */
const WAIT_LIMIT_MS = 600_000;
const WORKERS_ONLY_WAIT_LIMIT_MS = 30_000;
