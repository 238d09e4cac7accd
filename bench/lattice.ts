/**
 * Benchmark: SAR (spatialLag) and SEM (spatialError) maximum likelihood on k × k rook lattices, R spatialreg
 * `method = "Matrix"` and this library in the same run, one process each per size (so each peak memory is its own).
 * LATTICE_WEIGHTS=knn uses instead n = k² points uniform on [0, k]² (seed 11) with 6-nearest-neighbour weights
 * (asymmetric, row-standardized): R spatialreg `method = "LU"` (its "Matrix" refuses weights not similar to
 * symmetric) against the library's default for them ("lu", exact sparse LU); the weights are built outside the timing
 * on both sides.
 * Usage: npx tsx bench/lattice.ts [k,k,...] (default 100,200,400: n = 10,000, 40,000, 160,000).
 *   LATTICE_NO_R=1 runs only the library (e.g. k = 1000, n = 1,000,000, where R is not timed here).
 *   LATTICE_MODELS=lag,error,durbin picks the models (default lag,error; durbin = the SDM, spatialLag durbin: true
 *   against lagsarlm(Durbin = TRUE)).
 * Data (illustrative, generated here, seed 7): x1, x2, ε standard normal; y = (I − 0.5 W)⁻¹(1 + x1 − x2 + ε)
 * by a 60-term Neumann series; W row-standardized rook contiguity. Written to bench/out/lattice-<k>.bin for R.
 * Prints a Markdown table (times in elapsed / CPU seconds, ratio R ÷ lib on elapsed and on CPU time, peaks in MB) and
 * writes bench/out/lattice.json; the last column is the largest relative difference of the estimates (ρ or λ and the
 * coefficients) between R and the library. Internal mode: `--lib <k> [models]` fits with the library and prints one JSON line.
 */
import { writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { SpatialWeights, weights } from "../lib/weights";
import { spatialLag, spatialError } from "../lib/spatialreg";
import { rng } from "../lib/random/rng";
import { timed } from "./timed";

const root = join(__dirname, "..");
const outDir = join(root, "bench/out");

function lattice(k: number): SpatialWeights {
  const n = k * k;
  const nb: number[][] = new Array(n);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) {
    const a: number[] = [];
    const i = r * k + c;
    if (r > 0) a.push(i - k);
    if (c > 0) a.push(i - 1);
    if (c < k - 1) a.push(i + 1);
    if (r < k - 1) a.push(i + k);
    nb[i] = a;
  }
  return new SpatialWeights(Array.from({ length: n }, (_, i) => i + 1), nb).standardize("W");
}

type WeightsKind = "rook" | "knn";

/** n = k² points uniform on [0, k]² (seed 11), x then y. */
function knnPoints(k: number): Float64Array {
  const n = k * k;
  const g = rng(11);
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) xy[i] = k * g.next();
  return xy;
}

function weightsFor(k: number, kind: WeightsKind): SpatialWeights {
  if (kind === "rook") return lattice(k);
  const xy = knnPoints(k), n = k * k;
  return weights.knn(Array.from({ length: n }, (_, i) => [xy[i], xy[n + i]] as [number, number]), 6, { ids: Array.from({ length: n }, (_, i) => i + 1) }).standardize("W");
}

function dataFile(k: number, kind: WeightsKind): string {
  return join(outDir, kind === "rook" ? `lattice-${k}.bin` : `lattice-${k}-knn.bin`);
}

function writeData(k: number, w: SpatialWeights, kind: WeightsKind): void {
  const n = k * k;
  const g = rng(7);
  const normal = () => { const u = g.next() || 1e-300, v = g.next(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); };
  const x1 = Float64Array.from({ length: n }, normal), x2 = Float64Array.from({ length: n }, normal), e = Float64Array.from({ length: n }, normal);
  const csr = w.toCSR();
  const y = Float64Array.from(e, (v, i) => 1 + x1[i] - x2[i] + v);
  let term = Float64Array.from(y);
  for (let q = 0; q < 60; q++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) { let s = 0; for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) s += csr.values[p] * term[csr.colIdx[p]]; next[i] = 0.5 * s; }
    term = next;
    for (let i = 0; i < n; i++) y[i] += term[i];
  }
  const all = new Float64Array(kind === "knn" ? 5 * n : 3 * n);
  all.set(y, 0); all.set(x1, n); all.set(x2, 2 * n);
  if (kind === "knn") all.set(knnPoints(k), 3 * n);
  writeFileSync(dataFile(k, kind), new Uint8Array(all.buffer));
}

type Model = "lag" | "error" | "durbin";
const MODEL_LABEL: Record<Model, string> = { lag: "SAR", error: "SEM", durbin: "SDM" };

function libRun(k: number, models: Model[], kind: WeightsKind): void {
  const n = k * k;
  const w = weightsFor(k, kind);
  const all = new Float64Array(new Uint8Array(readFileSync(dataFile(k, kind))).buffer);
  const data = { id: Array.from({ length: n }, (_, i) => i + 1), y: all.subarray(0, n), x1: all.subarray(n, 2 * n), x2: all.subarray(2 * n, 3 * n) };
  type Fitted = { logLik: number; rho?: number; lambda?: number; traceMethod: string; coefficients: { term: string; estimate: number }[] };
  const one = (model: Model) => {
    const f = model === "error" ? spatialError : spatialLag;
    const r = timed(() => f(data, "y ~ x1 + x2", w, { id: "id", ...(model === "durbin" ? { durbin: true } : {}) }) as Fitted);
    const row = {
      elapsed: r.elapsed, cpu: r.cpu, logLik: r.value.logLik, param: r.value.rho ?? r.value.lambda, traceMethod: r.value.traceMethod,
      coefficients: r.value.coefficients.map((c) => c.estimate), terms: r.value.coefficients.map((c) => c.term),
    };
    console.error(`lib ${model} n = ${n}: ${JSON.stringify({ ...row, coefficients: undefined })}, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return row;
  };
  const out: Record<string, unknown> = { k, n };
  for (const model of models) out[model] = one(model);
  console.log(JSON.stringify({ ...out, peakMB: process.resourceUsage().maxRSS / 1024, node: process.version }));
}

/** Largest relative difference of the spatial parameter and the coefficients (same terms in the same order). */
function estimateDifference(r: { param: number; coefficients: number[]; terms: string[] }, l: { param: number; coefficients: number[]; terms: string[] }): number {
  if (r.terms.join() !== l.terms.join()) throw new Error(`lattice: terms differ: R ${r.terms.join()} vs lib ${l.terms.join()}`);
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
  return Math.max(rel(l.param, r.param), ...l.coefficients.map((c, j) => rel(c, r.coefficients[j])));
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const ks = (process.argv[2] ?? "100,200,400").split(",").map(Number);
  const noR = process.env.LATTICE_NO_R === "1";
  const models = (process.env.LATTICE_MODELS ?? "lag,error").split(",") as Model[];
  const kind = (process.env.LATTICE_WEIGHTS ?? "rook") as WeightsKind;
  if (kind !== "rook" && kind !== "knn") throw new Error(`lattice: LATTICE_WEIGHTS must be "rook" or "knn", got "${kind}"`);
  const rMethod = kind === "knn" ? "LU" : "Matrix";
  for (const m of models) if (!(m in MODEL_LABEL)) throw new Error(`lattice: LATTICE_MODELS has unknown model "${m}" (lag, error, durbin)`);
  const rows: Record<string, unknown>[] = [];
  const lines = [
    `| model | n | R spatialreg ${rMethod} (s, elapsed / CPU) | lib (s, elapsed / CPU) | ratio R ÷ lib (elapsed / CPU) | peak MB R / lib | logLik R | logLik lib | max rel. diff. of estimates |`,
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const k of ks) {
    writeData(k, weightsFor(k, kind), kind);
    const loadBefore = os.loadavg()[0];
    const r = noR ? null : JSON.parse(execFileSync("Rscript", ["bench/lattice.R", String(k), models.join(","), kind], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!);
    const l = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "lattice.ts"), "--lib", String(k), models.join(","), kind], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!);
    rows.push({ k, n: k * k, r, lib: l, loadavg1: [loadBefore, os.loadavg()[0]] });
    for (const m of models) {
      const rm = r?.[m], lm = l[m];
      const cell = (x: { elapsed: number; cpu: number } | undefined) => (x ? `${x.elapsed.toFixed(2)} / ${x.cpu.toFixed(2)}` : "—");
      lines.push(`| ${MODEL_LABEL[m]} | ${(k * k).toLocaleString("en")} | ${cell(rm)} | ${cell(lm)} | ${rm ? `${(rm.elapsed / lm.elapsed).toFixed(2)}× / ${(rm.cpu / lm.cpu).toFixed(2)}×` : "—"} | ${r ? r.peakMB.toFixed(0) : "—"} / ${l.peakMB.toFixed(0)} | ${rm ? rm.logLik.toFixed(6) : "—"} | ${lm.logLik.toFixed(6)} (${lm.traceMethod}) | ${rm ? estimateDifference(rm, lm).toExponential(1) : "—"} |`);
    }
    console.log(lines.slice(-models.length).join("\n"));
  }
  const cpu = os.cpus();
  const machine = { weights: kind, rMethod, cpus: cpu.length, model: cpu[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version, R: (rows[0]?.r as { R?: string } | null)?.R ?? null, spatialreg: (rows[0]?.r as { spatialreg?: string } | null)?.spatialreg ?? null, loadavgEnd: os.loadavg(), date: new Date().toISOString() };
  writeFileSync(join(outDir, kind === "rook" ? "lattice.json" : "lattice-knn.json"), JSON.stringify({ machine, rows }, null, 2));
  console.log(`\n${kind === "rook" ? "rook lattice" : "6-nearest-neighbour weights"}, R method "${rMethod}"; ${machine.cpus} × ${machine.model}, ${machine.memGB.toFixed(0)} GB; Node ${machine.node}; ${machine.R ?? "R not run"}, spatialreg ${machine.spatialreg ?? "—"}; ${machine.date}; load average (1 min) per size: ${rows.map((x) => (x.loadavg1 as number[]).map((v) => v.toFixed(1)).join("→")).join(", ")}\n`);
  console.log(lines.join("\n"));
}

if (process.argv[2] === "--lib") libRun(Number(process.argv[3]), (process.argv[4] ?? "lag,error").split(",") as Model[], (process.argv[5] ?? "rook") as WeightsKind);
else main();
