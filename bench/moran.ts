/**
 * Benchmark, TypeScript side: Moran's I with 999 permutations (and local Moran with 999 conditional
 * permutations) on US counties 1980 (spData elect80, e80_queen, n = 3,107), the inputs exported by
 * bench/moran.R. Compares with the R timings in bench/data/moran-r.json (run `Rscript bench/moran.R` first).
 * Run once: npx tsx bench/moran.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import os from "node:os";
import { weights, moran, localMoran } from "../lib";
import { timed } from "./timed";

const dir = join(__dirname, "data");
const gal = readFileSync(join(dir, "elect80-queen.gal"), "utf8");
const csv = readFileSync(join(dir, "elect80.csv"), "utf8").trim().split("\n");
const header = csv[0].split(",").map((s) => s.replace(/"/g, ""));
const rows = csv.slice(1).map((l) => l.split(",").map((s) => s.replace(/"/g, "")));
const fipsCol = header.indexOf("FIPS");
const yCol = header.indexOf("pc_turnout");
const data = { FIPS: rows.map((r) => r[fipsCol]), pc_turnout: rows.map((r) => Number(r[yCol])) };
const r = JSON.parse(readFileSync(join(dir, "moran-r.json"), "utf8"));


// each number is a single cold measurement (no warm-up run), as on the R side
const read = timed(() => weights.fromGAL(gal).standardize("W"));
const w = read.value;
const gm = timed(() => moran(data, "pc_turnout", w, { id: "FIPS", permutations: 999, seed: 1, zeroPolicy: true }));
const g = gm.value;
const lm = timed(() => localMoran(data, "pc_turnout", w, { id: "FIPS", permutations: 999, seed: 1, zeroPolicy: true }));
const l = lm.value;

const out = {
  generated_by: "bench/moran.ts",
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  n: w.n,
  islands: w.islands.length,
  I: g.I,
  I_R: r.I,
  I_relDiff: Math.abs(g.I - r.I) / Math.abs(r.I),
  zRandom: g.zRandom,
  zRandom_R: r.zRandom,
  pSim: g.pSim,
  pSim_R: r.pSim,
  seconds: {
    readGAL_standardize: { elapsed: read.elapsed, cpu: read.cpu },
    moran_999: { elapsed: gm.elapsed, cpu: gm.cpu },
    localMoran_999: { elapsed: lm.elapsed, cpu: lm.cpu },
  },
  seconds_R: r.seconds,
  ratio_R_over_TS: {
    moran_mc_999_vs_moran_999: { elapsed: r.seconds.moran_mc_999.elapsed / gm.elapsed, cpu: r.seconds.moran_mc_999.cpu / gm.cpu },
    localmoran_perm_999_vs_localMoran_999: { elapsed: r.seconds.localmoran_perm_999.elapsed / lm.elapsed, cpu: r.seconds.localmoran_perm_999.cpu / lm.cpu },
  },
  clusters: l.counts,
};
writeFileSync(join(dir, "moran-ts.json"), JSON.stringify(out, null, 2) + "\n");
console.log(JSON.stringify(out, null, 2));
