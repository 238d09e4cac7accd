#!/usr/bin/env node
/**
 * `node scripts/measurements.mjs`: the README's measurement table from the last run records
 * (build/html/runs/*.json and build/html/last-run.json, written by `npm run notebooks`):
 * per notebook the run time (kernel start included), the kernel start time and the page size,
 * plus the wall time of the last full run. Prints Markdown.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./setup.mjs";
import { readRunRecords } from "./html-index.mjs";

const records = readRunRecords(path.join(repoRoot, "build", "html"))
  .filter((r) => !r.parameters || r.parameters.length === 0)
  .sort((a, b) => a.name.localeCompare(b.name));
const lastRunFile = path.join(repoRoot, "build", "html", "last-run.json");
const last = fs.existsSync(lastRunFile) ? JSON.parse(fs.readFileSync(lastRunFile, "utf8")) : null;
const f1 = (x) => (x == null ? "–" : x.toFixed(1));
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}; load average at print time ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")}.\n`);
console.log("| notebook | status | run time (s) | kernel start (s) | CPU time (s) | load avg | page size (MB) |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of records) {
  const cpu = r.cpuSeconds ? f1(r.cpuSeconds.kernel + r.cpuSeconds.runner) : "–";
  const load = r.loadAverage ? r.loadAverage[0].toFixed(1) : "–";
  console.log(`| ${r.name} | ${r.status} | ${f1(r.runSeconds)} | ${f1(r.kernelStartSeconds)} | ${cpu} | ${load} | ${r.htmlBytes == null ? "–" : (r.htmlBytes / 1e6).toFixed(2)} |`);
}
if (last) {
  const cpu = last.results.reduce((s, r) => s + (r.cpuSeconds ? r.cpuSeconds.kernel + r.cpuSeconds.runner : 0), 0);
  console.log(`\nLast \`npm run notebooks\`: ${last.results.length} notebook(s), wall time ${f1(last.seconds)} s (2 at a time), CPU time ${f1(cpu)} s in total.`);
}
