#!/usr/bin/env node
/**
 * `npm run notebooks [-- <prefix>…] [-p name=value …] [--jobs N]`
 *
 * Sets the machine up (scripts/setup.mjs), executes every notebook in notebooks/ (or those whose
 * file name starts with a given prefix) headless with the tslab kernel, two at a time (the longest
 * first, by the last run's kernel CPU time), and writes build/html/<notebook>.html plus
 * build/html/index.html. A failing cell is reported with the notebook, the cell number, the cell's
 * first line and the error; the other notebooks still run; the exit status is non-zero when any
 * notebook failed.
 *
 * Options (also for tests): --notebooks-dir <dir>, --out <dir> (default build/html), --jobs N,
 * --timeout <seconds per cell> (default 600), --notebook-timeout <seconds of wall clock per notebook,
 * kernel start included> (default 1800), --no-setup, --quiet. A cell over its limit fails the notebook
 * with `cell 7 exceeded 15 s`; a notebook over its limit is killed with its kernel. SIGTERM, SIGHUP
 * or SIGINT of this command kills every kernel it started before it exits.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSetupOrExit, jupyterEnv, jupyterPython, repoRoot, KERNEL_NAME } from "./setup.mjs";
import {
  injectParameters,
  listNotebooks,
  notebookInfo,
  parameterTable,
  ParameterError,
  parseOverrideArgs,
  readNotebook,
  resolveOverrides,
  selectNotebooks,
  variantName,
} from "./notebook-meta.mjs";
import { writeIndex } from "./html-index.mjs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A positive (integer) number from an option's value, or a ParameterError naming the option and the value. */
function positiveNumber(option, text, { integer = false } = {}) {
  const x = /^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(x) || x <= 0 || (integer && !Number.isInteger(x))) {
    throw new ParameterError(`${option} must be a positive ${integer ? "whole number" : "number of seconds"} (got ${JSON.stringify(text)})`);
  }
  return x;
}

export function parseArgs(argv) {
  const opts = {
    prefixes: [],
    params: [],
    jobs: Math.max(1, Math.min(2, os.cpus().length)),
    timeout: 600,
    notebookTimeout: 1800,
    setup: true,
    quiet: false,
    notebooksDir: path.join(repoRoot, "notebooks"),
    outDir: path.join(repoRoot, "build", "html"),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new ParameterError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "-p" || a === "--param") opts.params.push(next());
    else if (a.startsWith("-p") && a.length > 2 && a.includes("=")) opts.params.push(a.slice(2));
    else if (a === "-j" || a === "--jobs") opts.jobs = positiveNumber(a, next(), { integer: true });
    else if (a === "--timeout") opts.timeout = positiveNumber(a, next());
    else if (a === "--notebook-timeout") opts.notebookTimeout = positiveNumber(a, next());
    else if (a === "--notebooks-dir") opts.notebooksDir = path.resolve(next());
    else if (a === "--out") opts.outDir = path.resolve(next());
    else if (a === "--no-setup") opts.setup = false;
    else if (a === "--quiet") opts.quiet = true;
    else if (a === "-h" || a === "--help") opts.help = true;
    else if (a.startsWith("-")) throw new ParameterError(`unknown option ${a}`);
    else opts.prefixes.push(a);
  }
  return opts;
}

const fmtS = (s) => (s == null ? "–" : `${s.toFixed(1)} s`);
const fmtMB = (b) => (b == null ? "–" : `${(b / 1e6).toFixed(2)} MB`);

/**
 * The error as a reader needs it: tslab's echo of the transpiled line (`evalmachine.<anonymous>:N`,
 * the JavaScript source, a caret) and Node's stack frames are dropped, except the first frame in
 * the repository's own TypeScript (e.g. lib/), which says where a lib function threw.
 */
export function condenseError(text) {
  const lines = text.split("\n");
  const out = [];
  let ownFrame = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^evalmachine\.<anonymous>:\d+$/.test(l)) {
      i++; // the transpiled source line
      while (i + 1 < lines.length && /^\s*\^+\s*$/.test(lines[i + 1])) i++;
      continue;
    }
    if (/^\s+at\s/.test(l)) {
      if (!ownFrame && /\.ts:\d+:\d+\)?$/.test(l) && !l.includes("node_modules")) ownFrame = l.trim();
      continue;
    }
    if (/^\s*\^+\s*$/.test(l)) continue;
    out.push(l);
  }
  if (ownFrame) out.push(`(${ownFrame})`);
  const s = out.join("\n").replace(/\n{2,}/g, "\n").trim();
  return s.length > 1500 ? s.slice(0, 1500) + " …" : s;
}

/** Plan the runs: one job per selected notebook (or one variant when -p is given). */
export function planRuns(opts) {
  const all = listNotebooks(opts.notebooksDir);
  const files = selectNotebooks(all, opts.prefixes);
  if (!files.length) {
    const names = all.map((f) => path.basename(f, ".ipynb")).join(", ") || "(none)";
    throw new ParameterError(
      opts.prefixes.length
        ? `no notebook in ${path.relative(repoRoot, opts.notebooksDir) || "."} starts with ${opts.prefixes.join(" or ")}; notebooks: ${names}`
        : `no notebooks in ${opts.notebooksDir}`,
    );
  }
  const overrides = parseOverrideArgs(opts.params);
  if (overrides.length && files.length !== 1) {
    throw new ParameterError(
      `-p needs exactly one notebook; the prefix ${opts.prefixes.join(" ") || "(none)"} matches ${files.length}: ${files.map((f) => path.basename(f)).join(", ")}`,
    );
  }
  return files.map((file) => {
    const base = path.basename(file, ".ipynb");
    let nb;
    try {
      nb = readNotebook(file);
      if (!Array.isArray(nb.cells)) throw new Error("no cells array");
    } catch (e) {
      // An unreadable notebook fails on its own; the others still run.
      return { file, base, name: base, invalid: `cannot read ${path.basename(file)}: ${e.message}`, resolved: [], info: { title: base, article: "" }, parameterTable: [] };
    }
    const resolved = resolveOverrides(nb, overrides);
    const info = notebookInfo(nb, file);
    return {
      file,
      base,
      name: variantName(base, resolved),
      nb: injectParameters(nb, resolved),
      resolved,
      info,
      parameterTable: parameterTable(nb, resolved),
    };
  });
}

/** Children alive now (python runner processes and their kernels), for cleanup on a signal. */
const active = new Set();

/** True while `pid` is still our kernel (not a recycled pid): its command line runs scripts/tslab-kernel.cjs. */
function isKernelProcess(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("tslab-kernel.cjs");
  } catch {
    return process.platform !== "linux"; // no /proc: trust the pid
  }
}

function killRun(entry, signal = "SIGKILL") {
  const pids = [entry.kernelPid && isKernelProcess(entry.kernelPid) ? entry.kernelPid : null, entry.child.pid];
  for (const pid of pids) {
    if (!pid) continue;
    try {
      process.kill(-pid, signal); // its process group (both are group leaders)
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  }
}

/** Kill every kernel and runner process started by this command (on SIGTERM, SIGHUP, SIGINT). */
export function killAllRuns() {
  for (const entry of active) killRun(entry);
  active.clear();
  for (const server of servers) killRun({ child: server.child, kernelPid: null });
  servers.clear();
  if (declarationBuild && declarationBuild.exitCode === null) {
    try {
      process.kill(declarationBuild.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/** The background build of lib/'s declarations started by this command, if any. */
let declarationBuild = null;

/**
 * Start building the declarations of the current lib/ (scripts/kernel/lib-declarations.cjs
 * startBuild) in the background when there are none, before the first kernel starts: kernels
 * started once they exist read them instead of lib/'s sources (about 1.4 s of CPU less per
 * notebook); kernels started before read the sources, as before, so nothing waits for the build.
 * Returns the child process, or null when there is nothing to build.
 */
export function startDeclarationBuild() {
  declarationBuild = require("./kernel/lib-declarations.cjs").startBuild();
  return declarationBuild;
}

let signalsInstalled = false;
function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [["SIGTERM", 143], ["SIGHUP", 129], ["SIGINT", 130]]) {
    process.on(sig, () => {
      if (active.size) console.error(`notebooks: ${sig}: stopping ${active.size} notebook run(s) and their kernels`);
      killAllRuns();
      process.exit(code);
    });
  }
}

/**
 * A `python3 execute_notebook.py --serve` process: runs the notebooks of one kernel slot one after
 * the other (one job file path per line of its stdin, each job ended by an `exit` event), so that
 * Python's imports (jupyter_client, nbclient, nbconvert) are paid once per slot instead of once per
 * notebook. A run that has to be stopped (its notebook over --notebook-timeout, or a signal) kills
 * the process with its kernel; the slot then starts a new one for its next notebook.
 */
class NotebookServer {
  constructor() {
    this.child = spawn(jupyterPython(), [path.join(repoRoot, "scripts", "execute_notebook.py"), "--serve"], {
      cwd: repoRoot,
      env: { ...jupyterEnv(), PYTHONPATH: path.join(repoRoot, "scripts") },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true, // its own process group, killed as a whole; it kills the kernel when it goes
    });
    /** The job being run: { onLine(line), onStderr(text), onEnd(code, processEnded) }, or null. */
    this.job = null;
    this.closed = false;
    let buf = "";
    this.child.stdout.on("data", (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (this.job) this.job.onLine(line);
      }
    });
    this.child.stderr.on("data", (d) => this.job && this.job.onStderr(String(d)));
    this.child.stdin.on("error", () => {}); // a closed pipe shows as the process's close below
    this.child.on("error", () => {}); // e.g. no python: the close below ends the job as a runner failure
    this.child.on("close", (code) => {
      this.closed = true;
      servers.delete(this);
      const job = this.job;
      this.job = null;
      if (job) job.onEnd(code, true);
    });
    servers.add(this);
  }

  /** Run one job file; `handlers` get its output lines, its stderr and, at the end, its exit status. */
  run(jobFile, handlers) {
    this.job = handlers;
    this.child.stdin.write(`${jobFile}\n`);
  }

  /** The job ended (its `exit` event): the process waits for the next one. */
  endJob() {
    this.job = null;
  }

  /**
   * No more jobs: the process exits when its stdin closes. Resolves once it has (after 10 s it is
   * killed with its process group), so that no runner process outlives the command.
   */
  close() {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => killRun({ child: this.child, kernelPid: null }), 10_000);
      this.child.once("close", () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.stdin.end();
    });
  }
}

/** The notebook servers alive now, for cleanup on a signal. */
const servers = new Set();

function runOne(run, opts, progress, server) {
  if (run.invalid) {
    const record = {
      name: run.name, base: run.base, file: path.relative(repoRoot, run.file), html: `${run.name}.html`, status: "failed",
      title: run.info.title, article: "", parameters: [], ranAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      error: { kind: "notebook", cellNumber: null, firstLine: "", text: run.invalid },
    };
    fs.mkdirSync(path.join(opts.outDir, "runs"), { recursive: true });
    fs.writeFileSync(path.join(opts.outDir, "runs", `${run.name}.json`), JSON.stringify(record, null, 2));
    return Promise.resolve(record);
  }
  const tmpDir = path.join(repoRoot, "build", "tmp");
  const execDir = path.join(repoRoot, "build", "executed");
  const runsDir = path.join(opts.outDir, "runs");
  for (const d of [tmpDir, execDir, opts.outDir, runsDir]) fs.mkdirSync(d, { recursive: true });
  const input = path.join(tmpDir, `${run.name}.ipynb`);
  fs.writeFileSync(input, JSON.stringify(run.nb, null, 1));
  const ranAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const job = {
    input,
    cwd: path.dirname(run.file),
    html: path.join(opts.outDir, `${run.name}.html`),
    executed: path.join(execDir, `${run.name}.ipynb`),
    result: path.join(tmpDir, `${run.name}.result.json`),
    kernel: KERNEL_NAME,
    timeout: opts.timeout,
    name: run.name,
    file: path.relative(repoRoot, run.file),
    title: run.resolved.length
      ? `${run.info.title} (${run.resolved.map((r) => `${r.name}=${JSON.stringify(r.value)}`).join(", ")})`
      : run.info.title,
    article: run.info.article,
    ranAt,
    parameterTable: run.parameterTable.length ? run.parameterTable : null,
  };
  const jobFile = path.join(tmpDir, `${run.name}.job.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  try {
    fs.rmSync(job.result, { force: true });
  } catch {
    /* ignore */
  }
  const started = Date.now();
  return new Promise((resolve) => {
    const entry = { child: server.child, kernelPid: null };
    active.add(entry);
    let overLimit = false;
    const limit = setTimeout(() => {
      overLimit = true;
      killRun(entry); // the server with it: the slot starts a new one
    }, opts.notebookTimeout * 1000);
    let stderr = "";
    // code: the job's exit status (its `exit` event), or the server's when the process ended (processEnded)
    const onEnd = (code, processEnded) => {
      clearTimeout(limit);
      active.delete(entry);
      if (processEnded && entry.kernelPid) killRun({ child: {}, kernelPid: entry.kernelPid }); // no orphan, whatever happened
      if (!processEnded) server.endJob();
      let result;
      try {
        if (overLimit) throw new Error("killed");
        result = JSON.parse(fs.readFileSync(job.result, "utf8"));
      } catch {
        if (overLimit) {
          result = {
            name: run.name,
            status: "failed",
            error: { kind: "timeout", cellNumber: null, firstLine: "", text: `notebook exceeded ${opts.notebookTimeout} s (--notebook-timeout); it was stopped with its kernel` },
          };
        } else {
          result = {
            name: run.name,
            status: "failed",
            error: { kind: "runner", firstLine: "", text: `execute_notebook.py exited ${code}\n${stderr.trim()}` },
          };
        }
      }
      result.wallSeconds = (Date.now() - started) / 1000;
      result.kernelPid = entry.kernelPid;
      const record = {
        ...result,
        name: run.name,
        base: run.base,
        file: job.file,
        html: path.basename(job.html),
        title: run.info.title,
        article: run.info.article,
        parameters: run.resolved.map((r) => ({ name: r.name, value: r.value })),
        ranAt,
      };
      fs.writeFileSync(path.join(runsDir, `${run.name}.json`), JSON.stringify(record, null, 2));
      resolve(record);
    };
    server.run(jobFile, {
      onLine(line) {
        if (line.startsWith("@@wb ")) {
          let ev;
          try {
            ev = JSON.parse(line.slice(5));
          } catch {
            return; // ignore malformed
          }
          if (ev.event === "exit") return onEnd(ev.code, false);
          if (ev.event === "kernel_ready" && Number.isInteger(ev.pid)) entry.kernelPid = ev.pid;
          progress(run, ev);
        } else if (line.trim() && !opts.quiet) console.log(`  [${run.name}] ${line}`);
      },
      onStderr(text) {
        stderr += text;
      },
      onEnd,
    });
  });
}

/**
 * The order to start the runs in: longest first, by the kernel CPU time (else the run time) each
 * one took last time (`<out>/runs/<name>.json`), so that a long notebook does not start last and
 * run alone on a half-idle machine at the end of the suite (in notebook order, 12 and 13 came last
 * and 12 ran alone for 10 s or more). A run without a usable earlier record counts as long (it
 * starts first); ties keep the notebooks' order. Returns indices into `runs`; the summary and the
 * records stay in the notebooks' order.
 */
export function startOrder(runs, outDir) {
  const expected = runs.map((run) => {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(outDir, "runs", `${run.name}.json`), "utf8"));
      // The kernel's CPU time does not depend on what else the machine was doing; wall time does.
      const seconds = r.cpuSeconds && Number.isFinite(r.cpuSeconds.kernel) ? r.cpuSeconds.kernel : r.runSeconds;
      return r.status === "ok" && Number.isFinite(seconds) && seconds > 0 ? seconds : Infinity;
    } catch {
      return Infinity;
    }
  });
  return runs.map((_, i) => i).sort((a, b) => (expected[b] === expected[a] ? a - b : expected[b] > expected[a] ? 1 : -1));
}

/** Execute the planned runs with at most `opts.jobs` kernels at once. Returns the run records. */
export async function executeRuns(runs, opts) {
  const log = opts.quiet ? () => {} : (s) => console.log(s);
  const state = new Map();
  const t0 = Date.now();
  const progress = (run, ev) => {
    const st = state.get(run.name);
    if (ev.event === "kernel_ready") log(`  ${run.name}: kernel ready in ${fmtS(ev.seconds)}${ev.pid ? ` (pid ${ev.pid})` : ""}`);
    else if (ev.event === "cell_start") Object.assign(st, { cell: ev.number, code: ev.codeNumber, total: ev.total });
    else if (ev.event === "cell_done" && ev.seconds > 3) log(`  ${run.name}: cell ${ev.index + 1} took ${fmtS(ev.seconds)}`);
  };
  const ticker = setInterval(() => {
    const running = [...state.entries()].map(
      ([n, s]) => `${n} code cell ${s.code ?? 0}/${s.total ?? "?"} (${fmtS((Date.now() - s.start) / 1000)})`,
    );
    if (running.length) log(`  … ${fmtS((Date.now() - t0) / 1000)} elapsed; running: ${running.join("; ")}`);
  }, 10_000);
  const results = [];
  const order = startOrder(runs, opts.outDir);
  let next = 0;
  const worker = async () => {
    let server = null; // this slot's notebook server (NotebookServer), started for its first notebook
    try {
      while (next < runs.length) {
        const started = next++;
        const i = order[started];
        const run = runs[i];
        state.set(run.name, { start: Date.now() });
        log(`▶ ${run.name} (${started + 1}/${runs.length})`);
        if (!run.invalid && (!server || server.closed)) server = new NotebookServer();
        const r = await runOne(run, opts, progress, server);
        state.delete(run.name);
        results[i] = r;
        if (r.status === "ok") {
          log(`✔ ${run.name}  ${fmtS(r.runSeconds)} (kernel start ${fmtS(r.kernelStartSeconds)}), html ${fmtMB(r.htmlBytes)}`);
        } else {
          const e = r.error || {};
          const where = e.cellNumber
            ? `cell ${e.cellNumber} (code cell ${e.codeCellNumber}) [${e.kind}]: ${e.firstLine}`
            : `[${e.kind}]`;
          console.log(`✘ ${run.name} failed at ${where}\n${condenseError(e.text || "").replace(/^/gm, "    ")}`);
        }
      }
    } finally {
      if (server) await server.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, runs.length) }, worker));
  } finally {
    clearInterval(ticker);
  }
  return { results, seconds: (Date.now() - t0) / 1000 };
}

export function printSummary(results, seconds) {
  const w = Math.max(...results.map((r) => r.name.length), 8);
  console.log("\nnotebook".padEnd(w + 3) + "status  run time  kernel   html");
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(w)} ${r.status === "ok" ? "ok    " : "FAILED"}  ${fmtS(r.runSeconds).padStart(8)}  ${fmtS(r.kernelStartSeconds).padStart(6)}  ${fmtMB(r.htmlBytes).padStart(8)}`,
    );
  }
  const failed = results.filter((r) => r.status !== "ok");
  console.log(
    `${results.length - failed.length} notebook(s) ok, ${failed.length} failed, wall time ${fmtS(seconds)}${failed.length ? ": " + failed.map((r) => r.name).join(", ") : ""}`,
  );
}

/** Full command: setup, plan, execute, index, summary. Returns the process exit code. */
export async function main(argv = process.argv.slice(2)) {
  let opts;
  let runs;
  try {
    opts = parseArgs(argv);
    if (opts.help) {
      const doc = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0].split("/**")[1];
      console.log(doc.replace(/^ \* ?/gm, "").trim());
      return 0;
    }
    runs = planRuns(opts); // validate parameters before any installation or kernel start
  } catch (e) {
    if (e instanceof ParameterError) {
      console.error(`notebooks: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (opts.setup) ensureSetupOrExit({});
  installSignalHandlers();
  startDeclarationBuild();
  const { results, seconds } = await executeRuns(runs, opts);
  writeIndex(opts.outDir, listNotebooks(opts.notebooksDir));
  fs.writeFileSync(
    path.join(opts.outDir, "last-run.json"),
    JSON.stringify({ seconds, results: results.map((r) => ({ name: r.name, status: r.status, runSeconds: r.runSeconds, kernelStartSeconds: r.kernelStartSeconds, htmlBytes: r.htmlBytes, cpuSeconds: r.cpuSeconds, error: r.error })) }, null, 2),
  );
  if (!opts.quiet) {
    printSummary(results, seconds);
    console.log(`HTML: ${path.relative(process.cwd(), path.join(opts.outDir, "index.html"))}`);
  }
  return results.every((r) => r.status === "ok") ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
