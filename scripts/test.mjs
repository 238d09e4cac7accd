#!/usr/bin/env node
/**
 * `npm test`: the whole test suite, as CI runs it.
 *   1. setup (scripts/setup.mjs): npm ci if needed, Debian Jupyter and chromium, the tslab kernelspec;
 *   1b. static checks: `tsc --noEmit -p .` (types) and `biome lint` (lint rules of biome.json), one check each;
 *   2. unit tests: `vitest run` on test/**\/*.test.ts except the browser test;
 *   3. every notebook executed with `scripts/notebooks.mjs` (a cell error fails that notebook), and the
 *      fixture notebooks of test/fixtures/notebooks (hostile ids for the browser test) into build/html-fixtures;
 *   4. the browser tests: test/html.test.ts on the pages step 3 wrote, and test/live-notebook.test.ts (the
 *      analyst's loop in a live Jupyter Notebook page: Run All without restart, re-run, save, reopen, both exports);
 *   5. the kernel test, test/kernel-conformance.py: Jupyter's kernel test suite (jupyter_kernel_test,
 *      Debian python3-jupyter-kernel-test, run with /usr/bin/python3) and the project's own protocol
 *      checks, against the project-local tslab kernelspec.
 * `npm test -- --only kernel` (or static, unit, notebooks, html) runs setup and that one step.
 * Every step runs even when an earlier one failed. The last line is `N passed, N failed`, counting
 * the static checks (1b), vitest tests (steps 2 and 4), notebook runs (step 3) and kernel tests (step 5);
 * the exit status is 1 when anything failed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEBIAN_PYTHON, ensureSetupOrExit, jupyterEnv, repoRoot } from "./setup.mjs";

const resultsDir = path.join(repoRoot, "build", "test-results");
fs.mkdirSync(resultsDir, { recursive: true });
const vitestBin = path.join(repoRoot, "node_modules", "vitest", "vitest.mjs");

function vitest(label, args, env = {}) {
  const out = path.join(resultsDir, `${label}.json`);
  fs.rmSync(out, { force: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [vitestBin, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...args], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(out, "utf8"));
    passed = json.numPassedTests ?? 0;
    failed = (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
    // A test file that failed to load counts as one failure.
    for (const suite of json.testResults ?? []) if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed += 1;
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  return { label, passed, failed, seconds: (Date.now() - t0) / 1000 };
}

/** One static check (a command that must exit 0), counted as one passed or failed test. */
function staticCheck(label, args) {
  const t0 = Date.now();
  console.log(`-- ${label}: ${args.join(" ")}`);
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: "inherit" });
  const ok = r.status === 0;
  console.log(`-- ${label}: ${ok ? "ok" : "FAILED"}`);
  return { label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 };
}

function runNotebooks(outDir, extraArgs) {
  const summaryFile = path.join(outDir, "last-run.json");
  fs.rmSync(summaryFile, { force: true });
  const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "notebooks.mjs"), "--no-setup", "--out", outDir, ...extraArgs], { cwd: repoRoot, stdio: "inherit" });
  let passed = 0;
  let failed = 0;
  try {
    const { results } = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
    passed = results.filter((x) => x.status === "ok").length;
    failed = results.length - passed;
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

function notebooks() {
  const t0 = Date.now();
  const main = runNotebooks(path.join(repoRoot, "build", "html"), []);
  const fixtures = runNotebooks(path.join(repoRoot, "build", "html-fixtures"), ["--notebooks-dir", path.join(repoRoot, "test", "fixtures", "notebooks")]);
  return { label: "notebooks", passed: main.passed + fixtures.passed, failed: main.failed + fixtures.failed, seconds: (Date.now() - t0) / 1000 };
}

function kernelTest() {
  const t0 = Date.now();
  const out = path.join(resultsDir, "kernel.json");
  fs.rmSync(out, { force: true });
  const r = spawnSync(DEBIAN_PYTHON, [path.join(repoRoot, "test", "kernel-conformance.py"), "--json", out], {
    cwd: repoRoot,
    stdio: "inherit",
    env: jupyterEnv(),
  });
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(out, "utf8"));
    passed = json.passed;
    failed = json.failed;
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  return { label: "kernel", passed, failed, seconds: (Date.now() - t0) / 1000 };
}

const STEPS = {
  static: [
    "static checks",
    () => [
      staticCheck("tsc", [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."]),
      staticCheck("lint", [path.join(repoRoot, "node_modules", "@biomejs", "biome", "bin", "biome"), "lint", "--diagnostic-level=error"]),
    ],
  ],
  unit: ["unit tests (vitest)", () => vitest("unit", ["--exclude", "test/html.test.ts", "--exclude", "test/live-notebook.test.ts"])],
  notebooks: ["notebooks", () => notebooks()],
  html: ["exported pages and the live Notebook in headless Chromium", () => vitest("html", ["--no-file-parallelism", "test/html.test.ts", "test/live-notebook.test.ts"], { WB_HTML_TEST: "1", WB_LIVE_TEST: "1" })],
  kernel: ["kernel protocol (jupyter_kernel_test)", () => kernelTest()],
};
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : null;
if (only !== null && !(only in STEPS)) {
  console.error(`test: --only takes one of ${Object.keys(STEPS).join(", ")} (got ${only === undefined ? "nothing" : JSON.stringify(only)})`);
  process.exit(2);
}
const t0 = Date.now();
ensureSetupOrExit({ chromium: true, kernelTest: true });
const phases = [];
for (const [name, [title, step]] of Object.entries(STEPS)) {
  if (only !== null && name !== only) continue;
  console.log(`\n== ${title}`);
  phases.push(...[step()].flat());
}
const passed = phases.reduce((s, p) => s + p.passed, 0);
const failed = phases.reduce((s, p) => s + p.failed, 0);
console.log("\n== summary");
for (const p of phases) console.log(`  ${p.label.padEnd(10)} ${String(p.passed).padStart(4)} passed ${String(p.failed).padStart(4)} failed  (${p.seconds.toFixed(1)} s)`);
console.log(`  total time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
