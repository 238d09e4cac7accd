/**
 * Benchmark: Hansen's (1999) single-threshold test with 300 bootstrap replications on a 300-unit × 20-year panel
 * (issue 15, "Done when"). No R threshold package is installed here (pdR and the Stata command xthreg are not
 * available), so bench/threshold.R is a plain-R brute force of the same computation: one `lm.fit` per candidate on the
 * within-demeaned data, the same candidates, the same residual bootstrap (its own random draws).
 * Usage: npx tsx bench/threshold.ts [B_R] — B_R bootstrap replications on the R side (default 300).
 * Data (SYNTHETIC, generated here with lib/random, seed 20261203): μ_i, x, z, e standard normal, q uniform on (0, 1),
 *   y = μ_i + 1.0·x·1(q ≤ 0.5) + 1.5·x·1(q > 0.5) + 0.5·z + e; written to bench/out/threshold-bench.csv with the
 *   candidate grid (bench/out/threshold-grid.csv) for R.
 * Library call: panelThreshold(data, "y ~ z", { id, time, threshold: "q", regime: "x" }) with the defaults (grid 300,
 *   trim 0.05, `gridMethod: "observations"`), bootstrap 0 (point estimate) then 300 (the test), seed 1, in one process
 *   of its own (`--lib`), so its peak memory is its own. Prints a Markdown table and writes bench/out/threshold.json.
 */
import { writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { panelThreshold } from "../lib/panel";
import { rng } from "../lib/random/rng";
import { timed } from "./timed";

const root = join(__dirname, "..");
const outDir = join(root, "bench/out");
const N = 300, T = 20;

function writeData(): void {
  const g = rng(20261203);
  const lines = ["id,year,y,x,z,q"];
  for (let i = 1; i <= N; i++) {
    const mu = g.normal();
    for (let t = 1; t <= T; t++) {
      const x = g.normal(), z = g.normal(), q = g.next(), e = g.normal();
      const y = mu + (q <= 0.5 ? 1.0 : 1.5) * x + 0.5 * z + e;
      lines.push(`${i},${2000 + t},${y},${x},${z},${q}`);
    }
  }
  writeFileSync(join(outDir, "threshold-bench.csv"), `${lines.join("\n")}\n`);
}

function readData(): Record<string, number[]> {
  const rows = readFileSync(join(outDir, "threshold-bench.csv"), "utf8").trim().split("\n");
  const head = rows[0].split(",");
  const d: Record<string, number[]> = Object.fromEntries(head.map((h) => [h, []]));
  for (const line of rows.slice(1)) line.split(",").forEach((v, j) => d[head[j]].push(Number(v)));
  return d;
}

function libRun(): void {
  const d = readData();
  const opts = { id: "id", time: "year", threshold: "q", regime: "x" };
  const point = timed(() => panelThreshold(d, "y ~ z", { ...opts, bootstrap: 0 }));
  const test = timed(() => panelThreshold(d, "y ~ z", { ...opts, bootstrap: 300, seed: 1 }));
  // the candidates, for R (the grid rule is the library's default: distinct q in the 5%–95% range, 300 evenly spaced)
  writeFileSync(join(outDir, "threshold-grid.csv"), `gamma\n${point.value.lrCurve.gamma.map(String).join("\n")}\n`);
  const t = test.value.tests[0];
  console.log(JSON.stringify({
    point: { elapsed: point.elapsed, cpu: point.cpu, gamma: point.value.gamma[0], rss: point.value.tests[0].rss, F: point.value.tests[0].statistic, candidates: point.value.candidates },
    test: { elapsed: test.elapsed, cpu: test.cpu, pValue: t.pValue, critical: t.critical },
    peakMB: process.resourceUsage().maxRSS / 1024, node: process.version,
  }));
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const bR = Number(process.argv[2] ?? 300);
  writeData();
  const load0 = os.loadavg()[0];
  const l = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "threshold.ts"), "--lib"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!);
  const load1 = os.loadavg()[0];
  const r = JSON.parse(execFileSync("Rscript", ["bench/threshold.R", String(bR)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!);
  const load2 = os.loadavg()[0];
  const cell = (x: { elapsed: number; cpu: number }) => `${x.elapsed.toFixed(2)} / ${x.cpu.toFixed(2)}`;
  const ratio = (a: { elapsed: number; cpu: number }, b: { elapsed: number; cpu: number }) => `${(a.elapsed / b.elapsed).toFixed(0)}× / ${(a.cpu / b.cpu).toFixed(0)}×`;
  const lines = [
    "| step | plain R brute force (s, elapsed / CPU) | lib (s, elapsed / CPU) | R ÷ lib (elapsed / CPU) |",
    "|---|---|---|---|",
    `| point estimate (${l.point.candidates} candidates) | ${cell(r.point)} | ${cell(l.point)} | ${ratio(r.point, l.point)} |`,
    `| single-threshold test, ${bR === 300 ? "300" : `R ${bR}, lib 300`} bootstrap replications (incl. the point estimate) | ${cell(r.test)} | ${cell(l.test)} | ${bR === 300 ? ratio(r.test, l.test) : "—"} |`,
    `| peak resident memory of the process | ${r.peakMB.toFixed(0)} MB | ${l.peakMB.toFixed(0)} MB | |`,
  ];
  const cpu = os.cpus();
  const machine = { cpus: cpu.length, model: cpu[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version, R: r.R, loadavg1: { beforeLib: load0, afterLib: load1, afterR: load2 }, date: new Date().toISOString() };
  writeFileSync(join(outDir, "threshold.json"), JSON.stringify({ machine, lib: l, r }, null, 2));
  console.log(`${machine.cpus} × ${machine.model}, ${machine.memGB.toFixed(0)} GB; Node ${machine.node}; ${machine.R}; ${machine.date}; load average (1 min) ${load0.toFixed(1)} → ${load1.toFixed(1)} (lib) → ${load2.toFixed(1)} (R)`);
  console.log(`agreement: gamma lib ${l.point.gamma} / R ${r.point.gamma}; rss lib ${l.point.rss} / R ${r.point.rss}; F lib ${l.point.F} / R ${r.point.F}; bootstrap p lib ${l.test.pValue} / R ${r.test.pValue}; 5% critical lib ${l.test.critical.p5} / R ${r.test.crit5}\n`);
  console.log(lines.join("\n"));
}

if (process.argv[2] === "--lib") libRun();
else main();
