/**
 * Benchmark (issue 17, item 1): does the user's input type cost time? Two-way fixed effects with entity-clustered
 * standard errors on the 500,000 SYNTHETIC rows of bench/panel.ts (bench/out/panel-bench.csv; run
 * `npx tsx bench/panel.ts` once to write it), fitted from typed arrays, from plain arrays and from a danfo DataFrame
 * (what `loadDataset` returns), and by R plm in the same run (`Rscript bench/panel.R`, spawned after the lib timings).
 * Each lib call is timed three times after one warm-up; the best is reported.
 *
 * Run: npx tsx bench/panel-input.ts
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import * as dfd from "danfojs-node";
import { panelFE } from "../lib/panel";
import { timed } from "./timed";

const csvFile = path.join(__dirname, "out", "panel-bench.csv");
if (!fs.existsSync(csvFile)) throw new Error(`run \`npx tsx bench/panel.ts\` first (it writes ${csvFile})`);
const lines = fs.readFileSync(csvFile, "utf8").trim().split("\n");
const header = lines[0].split(",");
const typed: Record<string, Float64Array> = Object.fromEntries(header.map((h) => [h, new Float64Array(lines.length - 1)]));
for (let r = 1; r < lines.length; r++) {
  const cells = lines[r].split(",");
  for (let j = 0; j < header.length; j++) typed[header[j]][r - 1] = Number(cells[j]);
}
const plain: Record<string, number[]> = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, Array.from(v)]));
const frame = new dfd.DataFrame(plain);
const formula = "y ~ x1 + x2 + x3 + x4 + x5";
const options = { id: "id", time: "year", effects: "twoways" as const, vcov: { cluster: "id", convention: "plm" as const } };

function best(label: string, data: Parameters<typeof panelFE>[0]) {
  panelFE(data, formula, options); // warm-up
  const runs = [0, 1, 2].map(() => timed(() => panelFE(data, formula, options)));
  const top = runs.reduce((a, b) => (b.elapsed < a.elapsed ? b : a));
  const x1 = top.value.coefficients[0];
  return { label, elapsed: top.elapsed, cpu: top.cpu, x1: `${x1.estimate.toFixed(6)} (${x1.stdError.toFixed(6)})` };
}
const rows = [best("typed arrays (Float64Array columns)", typed), best("plain arrays (number[] columns)", plain), best("danfo DataFrame", frame)];
const load = os.loadavg()[0];
const r = spawnSync("Rscript", [path.join(__dirname, "panel.R")], { encoding: "utf8", cwd: path.join(__dirname, "..") });
const m = /wall ([\d.]+) s, CPU ([\d.]+) s/.exec(r.stdout ?? "");
const plm = m ? { elapsed: Number(m[1]), cpu: Number(m[2]) } : null;
const x1R = /x1 (-?[\d.]+ \([\d.]+\))/.exec(r.stdout ?? "")?.[1] ?? "—";

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, load average ${load.toFixed(2)} (1 min) at the lib timings`);
console.log(`| input | wall time | CPU time | x1 (SE, plm convention) | plm / lib (wall) | vs typed arrays |`);
console.log(`|---|---:|---:|---|---:|---:|`);
for (const row of rows) {
  const ratio = plm ? `${(plm.elapsed / row.elapsed).toFixed(1)}×` : "—";
  console.log(`| panelFE, ${row.label} | ${row.elapsed.toFixed(3)} s | ${row.cpu.toFixed(3)} s | ${row.x1} | ${ratio} | ${(row.elapsed / rows[0].elapsed).toFixed(2)}× |`);
}
console.log(plm ? `| R plm (same rows; CSV read not timed) | ${plm.elapsed.toFixed(2)} s | ${plm.cpu.toFixed(2)} s | ${x1R} | 1 | |` : `R plm did not run: ${r.stderr?.slice(0, 300)}`);
