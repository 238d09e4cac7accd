/**
 * Benchmark: global Moran's I and local Moran (LISA) with 999 permutations on k × k rook lattices up to
 * n = 1,000,000 (issue 17, item 3), against spdep in the same run.
 * Values: uniform draws (lib/random rng, seed 3), W row-standardized; written to bench/out/moran-large-<k>.bin for
 * the R side (bench/moran-large.R: nb2listw(cell2nb(k, k, "rook")), moran.test, moran.mc(nsim = 999), and
 * localmoran_perm(nsim = 999) only where it takes minutes, not hours: k ≤ 300).
 * localMoran's permutationDraws "auto" means per-region draws up to 100,000 regions and draws shared by all
 * regions (esda's crand) above; both are timed at k = 300 (n = 90,000). Each size runs the library on one thread
 * and on the default number (every core, at most 8): moran's blocked permutations (n ≥ 100,000) and
 * localMoran's shared draws use worker threads (lib/core/threads), with the same results on any count.
 * Each side runs in its own process per size (cold, peak memory per process).
 * Usage: npx tsx bench/moran-large.ts [k,k,...]   (default 300,1000); MORAN_NO_R=1 skips R;
 * writes bench/out/moran-large.json and prints a markdown table.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { type SpatialWeights, weights } from "../lib/weights";
import { moran, localMoran } from "../lib/spatial";
import { rng } from "../lib/random/rng";
import { defaultThreads } from "../lib/core/threads";
import { timed } from "./timed";

const root = join(__dirname, "..");
const outDir = join(__dirname, "out");

/** spdep's cell2nb(k, k, "rook") numbering, row-standardized. */
const lattice = (k: number): SpatialWeights => weights.lattice(k, k).standardize("W");

function values(k: number): Float64Array {
  const g = rng(3);
  return Float64Array.from({ length: k * k }, () => g.next());
}

type Time = { elapsed: number; cpu: number };

/** The library side of one size, in a fresh process: prints one JSON line. */
function libRun(k: number): void {
  const w = timed(() => lattice(k));
  const x = values(k);
  const runs: Record<string, unknown>[] = [];
  for (const threads of [1, defaultThreads()].filter((t, i, a) => a.indexOf(t) === i)) {
    const gm = timed(() => moran(x, w.value, { permutations: 999, seed: 1, threads }));
    const local: Record<string, Time & { significant: number }> = {};
    for (const d of k * k > 100_000 ? ["shared"] as const : ["per-region", "shared"] as const) {
      const lm = timed(() => localMoran(x, w.value, { permutations: 999, seed: 1, permutationDraws: d, threads }));
      local[d] = { elapsed: lm.elapsed, cpu: lm.cpu, significant: k * k - lm.value.counts.ns };
    }
    runs.push({ threads, moran: { elapsed: gm.elapsed, cpu: gm.cpu, I: gm.value.I, pSim: gm.value.pSim }, local });
  }
  console.log(JSON.stringify({ k, n: k * k, weights: { elapsed: w.elapsed, cpu: w.cpu }, runs, peakMB: process.resourceUsage().maxRSS / 1024, node: process.version }));
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const ks = (process.argv[2] ?? "300,1000").split(",").map(Number);
  const noR = process.env.MORAN_NO_R === "1";
  const cell = (t: Time | undefined) => (t ? `${t.elapsed.toFixed(2)} / ${t.cpu.toFixed(2)}` : "—");
  const ratio = (r: Time | undefined, l: Time | undefined) => (r && l ? `${(r.elapsed / l.elapsed).toFixed(1)}× / ${(r.cpu / l.cpu).toFixed(1)}×` : "—");
  const lines = [
    "| n | step | spdep (s, elapsed / CPU) | lib, 1 thread (s, elapsed / CPU) | lib, all threads (s, elapsed / CPU) | R ÷ lib, all threads (elapsed / CPU) | peak MB R / lib |",
    "|---|---|---|---|---|---|---|",
  ];
  const rows: Record<string, unknown>[] = [];
  for (const k of ks) {
    const x = values(k);
    writeFileSync(join(outDir, `moran-large-${k}.bin`), Buffer.from(x.buffer));
    const loadBefore = os.loadavg()[0];
    const rArgs = ["bench/moran-large.R", String(k), ...(k <= 300 ? ["local"] : [])];
    const r = noR ? null : JSON.parse(execFileSync("Rscript", rArgs, { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!);
    const l = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "moran-large.ts"), "--lib", String(k)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!);
    rows.push({ k, n: k * k, r, lib: l, loadavg1: [loadBefore, os.loadavg()[0]] });
    const one = l.runs[0], all = l.runs[l.runs.length - 1];
    const n = (k * k).toLocaleString("en");
    const peak = `${r ? r.peakMB.toFixed(0) : "—"} / ${l.peakMB.toFixed(0)}`;
    if (r && Math.abs(r.moran_mc.I - one.moran.I) > 1e-9 * Math.abs(r.moran_mc.I)) throw new Error(`moran-large: I differs: R ${r.moran_mc.I} vs lib ${one.moran.I}`);
    lines.push(`| ${n} | weights (R: nb2listw(cell2nb); lib: weights.lattice + standardize) | ${cell(r?.weights)} | ${cell(l.weights)} | — | — | ${peak} |`);
    lines.push(`| ${n} | Moran's I, 999 permutations (moran.mc) | ${cell(r?.moran_mc)} | ${cell(one.moran)} | ${cell(all.moran)} | ${ratio(r?.moran_mc, all.moran)} | |`);
    for (const d of Object.keys(one.local)) {
      const rl = d === "per-region" ? r?.localmoran_perm : undefined;
      lines.push(`| ${n} | local Moran, 999 permutations, draws ${d} (localmoran_perm) | ${cell(rl)} | ${cell(one.local[d])} | ${cell(all.local[d])} | ${ratio(rl, all.local[d])} | |`);
    }
    console.log(lines.slice(2).join("\n"));
  }
  const cpu = os.cpus();
  const machine = { cpus: cpu.length, model: cpu[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version, threads: defaultThreads(),
    R: (rows[0]?.r as { R?: string } | null)?.R ?? null, spdep: (rows[0]?.r as { spdep?: string } | null)?.spdep ?? null, loadavgEnd: os.loadavg(), date: new Date().toISOString() };
  writeFileSync(join(outDir, "moran-large.json"), JSON.stringify({ machine, rows }, null, 2) + "\n");
  console.log(`\n${machine.cpus} × ${machine.model}, ${machine.memGB.toFixed(0)} GB; Node ${machine.node} (${machine.threads} threads); ${machine.R ?? "R not run"}, spdep ${machine.spdep ?? "—"}; ${machine.date}; load average (1 min) per size: ${rows.map((x) => (x.loadavg1 as number[]).map((v) => v.toFixed(1)).join("→")).join(", ")}\n`);
  console.log(lines.join("\n"));
}

if (process.argv[2] === "--lib") libRun(Number(process.argv[3]));
else main();
