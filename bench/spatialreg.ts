/**
 * Benchmark, TypeScript side, for lib/spatialreg (numbers go to bench/README-spatialreg.md).
 * 1. elect80 (n = 3,107, queen, style "W", zeroPolicy): spatialLag / spatialError with the sparse
 *    log-determinant (the `auto` choice at this n) and with the exact eigenvalue path (logdet "eigen").
 * 2. house (n = 25,357, LO_nb): spatialLag / spatialError, sparse path; peak resident memory reported.
 * Inputs: test/reference/spatialreg-elect80.{gal,json} (committed) and bench/out/house.{gal,json}
 * written by `Rscript bench/spatialreg.R` (run that first; it also writes the R timings).
 * Run once: npx tsx bench/spatialreg.ts
 * SPATIALREG_BENCH_SKIP_DENSE=1 reuses the dense Householder eigenvalue timing (about 35 CPU s; unchanged code)
 * from the previous bench/out/spatialreg-ts.json instead of recomputing it.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import os from "node:os";
import { weights } from "../lib/weights";
import { spatialLag, spatialError, similarityScaling, weightsEigenvalues, logDeterminant, inverseTraces } from "../lib/spatialreg";
import { brentMaximize } from "../lib/optimize";
import { spatialData } from "../lib/spatialreg/spatialData";
import { symmetricEigenvalues } from "../lib/linalg";
import { timed } from "./timed";

type Fit = () => { logLik: number; rho?: number; lambda?: number; traceMethod: string };


let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const sampleNow = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

const root = join(__dirname, "..");
const previousPath = join(root, "bench/out/spatialreg-ts.json");
const previous = existsSync(previousPath) ? JSON.parse(readFileSync(previousPath, "utf8")) : null;
const out: Record<string, unknown> = {
  machine: { node: process.version, cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
};

// Warm-up: one small fit (Columbus, n = 49) so that the timings below measure compiled code, not V8's
// first-call compilation; R's spatialreg runs precompiled C (CHOLMOD, LAPACK). Cold numbers are printed too.
{
  const col = JSON.parse(readFileSync(join(root, "test/reference/spatialreg-columbus.json"), "utf8"));
  const wc = weights.fromGAL(readFileSync(join(root, "test/reference/spatialreg-columbus.gal"), "utf8"));
  const cold = timed(() => spatialLag(col.data, "CRIME ~ INC + HOVAL", wc, { id: "id", logdet: "sparse" }));
  const cold2 = timed(() => spatialError(col.data, "CRIME ~ INC + HOVAL", wc, { id: "id", logdet: "sparse" }));
  out.warmup = { lagColumbusColdCpu: cold.cpu, errorColumbusColdCpu: cold2.cpu };
  console.log("warm-up (Columbus, first calls):", cold.cpu.toFixed(2), "+", cold2.cpu.toFixed(2), "s CPU");
}

// 1. elect80
const e80 = JSON.parse(readFileSync(join(root, "test/reference/spatialreg-elect80.json"), "utf8"));
const w80 = weights.fromGAL(readFileSync(join(root, "test/reference/spatialreg-elect80.gal"), "utf8"));
const opts = { id: "FIPS", zeroPolicy: true };
const rows: Record<string, unknown>[] = [];
for (const [name, fit] of <[string, Fit][]>[
  ["lag sparse", () => spatialLag(e80.data, e80.formula, w80, { ...opts, logdet: "sparse" })],
  ["error sparse", () => spatialError(e80.data, e80.formula, w80, { ...opts, logdet: "sparse" })],
  // the same fits again: V8 has now compiled the hot loops at this size (first-call cost is in the rows above)
  ["lag sparse (repeat)", () => spatialLag(e80.data, e80.formula, w80, { ...opts, logdet: "sparse" })],
  ["error sparse (repeat)", () => spatialError(e80.data, e80.formula, w80, { ...opts, logdet: "sparse" })],
  ["lag eigen", () => spatialLag(e80.data, e80.formula, w80, { ...opts, logdet: "eigen" })],
  ["error eigen", () => spatialError(e80.data, e80.formula, w80, { ...opts, logdet: "eigen" })],
  ]) {
  const r = timed(fit);
  sampleNow();
  const m = r.value;
  rows.push({ name, elapsed: r.elapsed, cpu: r.cpu, logLik: m.logLik, param: m.rho ?? m.lambda });
  console.log(name, r.elapsed.toFixed(2), "s elapsed,", r.cpu.toFixed(2), "s CPU, logLik", m.logLik);
}
out.elect80 = rows;
{
  // Where the time of one SAR sparse fit goes (warm; each phase timed separately, as spatialLag runs them)
  const t1 = timed(() => spatialData(e80.data, e80.formula, w80, { ...opts, logdet: "sparse" }, "bench"));
  const W = t1.value.pw.csr;
  const t2 = timed(() => logDeterminant(W, "sparse"));
  const ld = t2.value;
  let evals = 0;
  const t3 = timed(() => brentMaximize((r) => { evals++; return ld.logdet(r) - 1000 * (r - 0.5774187) ** 2; }, ld.interval[0], ld.interval[1], 1e-10));
  const t4 = timed(() => inverseTraces(W, 0.5774187, { symbolic: ld.details?.symbolic }));
  const t5 = timed(() => inverseTraces(W, 0.5774187, { symbolic: ld.details?.symbolic, exactAlgorithm: "column-solves" }));
  out.elect80LagPhases = {
    dataAndWeights: t1.cpu, logdetSetup: t2.cpu, nnzL: ld.details?.nnzL,
    lineSearch: t3.cpu, lineSearchEvaluations: evals,
    tracesSelectedInverse: t4.cpu, tracesColumnSolves: t5.cpu,
  };
  console.log("SAR phases (CPU s): data", t1.cpu.toFixed(3), "| logdet set-up (ordering, symbolic, Lanczos)", t2.cpu.toFixed(3),
    "| line search", t3.cpu.toFixed(3), `(${evals} factorizations)`, "| traces: selected inverse", t4.cpu.toFixed(3), "vs n column solves", t5.cpu.toFixed(3));
}
{
  // For reference: the eigenvalues alone by the dense Householder reduction (the path used when the band is wide)
  const csr = w80.standardize("W").toCSR();
  const d = similarityScaling(csr)!;
  const n = csr.n;
  const denseS = () => {
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) S[i * n + csr.colIdx[p]] = Math.sqrt(d[i] / d[csr.colIdx[p]]) * csr.values[p];
    return S;
  };
  const band = timed(() => weightsEigenvalues(csr));
  const skipDense = process.env.SPATIALREG_BENCH_SKIP_DENSE === "1" && previous?.elect80Eigenvalues?.dense;
  const dense = skipDense ? { ...previous.elect80Eigenvalues.dense, reused: true } : (() => { const S = denseS(); const r = timed(() => symmetricEigenvalues(S, n)); return { elapsed: r.elapsed, cpu: r.cpu }; })();
  sampleNow();
  out.elect80Eigenvalues = { band: { elapsed: band.elapsed, cpu: band.cpu, bandwidth: band.value.bandwidth, algorithm: band.value.algorithm }, dense };
  console.log("eigenvalues: band", band.cpu.toFixed(2), "s CPU (b =", band.value.bandwidth, "); dense Householder", dense.cpu.toFixed(2), "s CPU", skipDense ? "(reused from the previous run)" : "");
}

// 2. house
const houseGal = join(root, "bench/out/house.gal");
if (existsSync(houseGal)) {
  const hw = weights.fromGAL(readFileSync(houseGal, "utf8"));
  const hd = JSON.parse(readFileSync(join(root, "bench/out/house.json"), "utf8"));
  const hf = "log(price) ~ age + I(age^2) + I(age^3) + log(lotsize) + rooms + log(TLA) + beds + factor(syear)";
  const hrows: Record<string, unknown>[] = [];
  const rssBefore = process.memoryUsage().rss;
  for (const [name, fit] of <[string, Fit][]>[
    ["house lag sparse", () => spatialLag(hd, hf, hw, { id: "id" })],
    ["house error sparse", () => spatialError(hd, hf, hw, { id: "id" })],
    ["house lag sparse (repeat)", () => spatialLag(hd, hf, hw, { id: "id" })],
    ["house error sparse (repeat)", () => spatialError(hd, hf, hw, { id: "id" })],
  ]) {
    const r = timed(fit);
    sampleNow();
    const m = r.value;
    hrows.push({ name, elapsed: r.elapsed, cpu: r.cpu, logLik: m.logLik, param: m.rho ?? m.lambda, traceMethod: m.traceMethod });
    console.log(name, r.elapsed.toFixed(2), "s elapsed,", r.cpu.toFixed(2), "s CPU, logLik", m.logLik, m.traceMethod);
  }
  out.house = { rows: hrows, rssBeforeMB: rssBefore / 2 ** 20 };
} else {
  console.log("bench/out/house.gal missing: run `Rscript bench/spatialreg.R` first");
}
clearInterval(sampler);
out.loadavgEnd = os.loadavg();
out.peakRssMB = peakRss / 2 ** 20;
console.log("peak RSS", (peakRss / 2 ** 20).toFixed(0), "MB");
writeFileSync(join(root, "bench/out/spatialreg-ts.json"), JSON.stringify(out, null, 2));
