/**
 * Benchmark: global Moran's I and local Moran (LISA) with 999 permutations on k × k rook lattices up to
 * n = 1,000,000 (issue 17, item 3). Library only: spdep's moran.mc / localmoran_perm at this size are not
 * run (localmoran_perm would take hours); the R comparison at n = 3,107 is bench/moran.ts.
 * Values: uniform draws (lib/random rng, seed 3), W row-standardized. localMoran's permutationDraws "auto"
 * means per-region draws up to 100,000 regions and draws shared by all regions (esda's crand) above;
 * both are timed at k = 300 (n = 90,000) so the two schemes can be compared on the same data.
 * Usage: npx tsx bench/moran-large.ts [k,k,...]   (default 300,1000); writes bench/out/moran-large.json
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { SpatialWeights } from "../lib/weights";
import { moran, localMoran } from "../lib/spatial";
import { rng } from "../lib/random/rng";
import { timed } from "./timed";

function lattice(k: number): SpatialWeights {
  const nb: number[][] = new Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) {
    const i = r * k + c;
    const a: number[] = [];
    if (r > 0) a.push(i - k);
    if (c > 0) a.push(i - 1);
    if (c < k - 1) a.push(i + 1);
    if (r < k - 1) a.push(i + k);
    nb[i] = a;
  }
  return new SpatialWeights(Array.from({ length: k * k }, (_, i) => i + 1), nb).standardize("W");
}

const sizes = (process.argv[2] ?? "300,1000").split(",").map(Number);
const rows: Record<string, unknown>[] = [];
for (const k of sizes) {
  const w = timed(() => lattice(k));
  const g = rng(3);
  const x = Float64Array.from({ length: k * k }, () => g.next());
  const gm = timed(() => moran(x, w.value, { permutations: 999, seed: 1 }));
  const draws = k * k > 100_000 ? ["shared"] as const : ["per-region", "shared"] as const;
  for (const d of draws) {
    const lm = timed(() => localMoran(x, w.value, { permutations: 999, seed: 1, permutationDraws: d }));
    rows.push({ n: k * k, weights_s: w, moran999: { elapsed: gm.elapsed, cpu: gm.cpu, I: gm.value.I, pSim: gm.value.pSim },
      localMoran999: { draws: d, elapsed: lm.elapsed, cpu: lm.cpu, significant: k * k - lm.value.counts.ns }, rssGB: process.memoryUsage().rss / 1e9 });
    console.log(JSON.stringify(rows[rows.length - 1], (key, v) => (key === "value" ? undefined : typeof v === "number" ? Number(v.toPrecision(4)) : v)));
  }
}
mkdirSync(join(__dirname, "out"), { recursive: true });
writeFileSync(join(__dirname, "out", "moran-large.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, load: os.loadavg(), rows },
  (key, v) => (key === "value" ? undefined : v), 2) + "\n");
