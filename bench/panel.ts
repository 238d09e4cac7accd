/**
 * Benchmark (issue 4): two-way fixed effects with entity-clustered standard errors on 500,000
 * rows (20,000 entities × 25 years, 5 regressors), and a spatial lag / error panel with two-way
 * fixed effects on 3,000 regions × 20 years. SYNTHETIC data from a seeded generator (stated DGP
 * below), written once to bench/out/panel-bench.csv so that bench/panel.R fits the same rows.
 *
 * Run: npx tsx bench/panel.ts   (then Rscript bench/panel.R)
 */
import * as fs from "fs";
import * as path from "path";
import { panelFE, spatialPanel } from "../lib/panel";
import { SpatialWeights } from "../lib/weights";
import { rng as makeRng } from "../lib/random";

/** Seeded generator of lib/random (xoshiro128**), as { u, norm }. */
function rng(seed: number) {
  const g = makeRng(seed);
  return { u: () => g.next(), norm: () => g.normal() };
}

function peakMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

const outDir = path.join(__dirname, "out");
fs.mkdirSync(outDir, { recursive: true });
const csvFile = path.join(outDir, "panel-bench.csv");
const N = 20000, T = 25, K = 5;
const beta = [1, -0.5, 0.25, 2, -1];

// DGP: x_k = 0.5 a_i + 0.3 g_t + N(0,1); y = x'beta + a_i + g_t + N(0,1)·(1 + 0.5|x1|), a_i, g_t ~ N(0,1)
const t0 = Date.now();
const data: Record<string, number[]> = { id: [], year: [], y: [] };
for (let k = 1; k <= K; k++) data[`x${k}`] = [];
{
  const r = rng(20261126);
  const a = Array.from({ length: N }, () => r.norm());
  const g = Array.from({ length: T }, () => r.norm());
  for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) {
    let yv = a[i] + g[t];
    const xs: number[] = [];
    for (let k = 0; k < K; k++) { const x = 0.5 * a[i] + 0.3 * g[t] + r.norm(); xs.push(x); yv += beta[k] * x; }
    yv += r.norm() * (1 + 0.5 * Math.abs(xs[0]));
    data.id.push(i + 1); data.year.push(2000 + t); data.y.push(yv);
    xs.forEach((x, k) => data[`x${k + 1}`].push(x));
  }
}
if (!fs.existsSync(csvFile)) {
  const cols = Object.keys(data);
  const lines = [cols.join(",")];
  for (let r = 0; r < data.id.length; r++) lines.push(cols.map((c) => (c === "id" || c === "year" ? String(data[c][r]) : data[c][r].toPrecision(17))).join(","));
  fs.writeFileSync(csvFile, lines.join("\n") + "\n");
}
console.log(`generated ${data.id.length} rows in ${((Date.now() - t0) / 1000).toFixed(2)} s (written to ${path.relative(process.cwd(), csvFile)})`);

const formula = "y ~ x1 + x2 + x3 + x4 + x5";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let c0 = cpu();
let t = Date.now();
const fe = panelFE(data, formula, { entity: "id", time: "year", effects: "twoways", vcov: { cluster: "id" } });
const tStata = (Date.now() - t) / 1000;
const cStata = cpu() - c0;
c0 = cpu();
t = Date.now();
const fePlm = panelFE(data, formula, { entity: "id", time: "year", effects: "twoways", vcov: { cluster: "id", convention: "plm" } });
const tPlm = (Date.now() - t) / 1000;
const cPlm = cpu() - c0;
console.log(`panelFE two-way, cluster(id) Stata convention: wall ${tStata.toFixed(2)} s, CPU ${cStata.toFixed(2)} s`);
console.log(`panelFE two-way, cluster(id) plm convention:   wall ${tPlm.toFixed(2)} s, CPU ${cPlm.toFixed(2)} s`);
console.log("coefficients:", fePlm.coefficients.map((c) => `${c.term} ${c.estimate.toFixed(6)} (${c.stdError.toFixed(6)})`).join("; "));
void fe;

// spatial panel: 3,000 regions on a 60 x 50 rook lattice, 20 years; y = (I - 0.4 W)^{-1}(x'b + mu + tau + e)
const rows = 60, colsN = 50, Nr = rows * colsN, Ts = 20;
const nb: number[][] = [];
for (let r = 0; r < rows; r++) for (let c = 0; c < colsN; c++) {
  const list: number[] = [];
  if (r > 0) list.push((r - 1) * colsN + c);
  if (c > 0) list.push(r * colsN + c - 1);
  if (c < colsN - 1) list.push(r * colsN + c + 1);
  if (r < rows - 1) list.push((r + 1) * colsN + c);
  nb.push(list);
}
const w = new SpatialWeights(Array.from({ length: Nr }, (_, i) => `r${i}`), nb).standardize("W");
const sp: Record<string, unknown[]> = { region: [], year: [], x1: [], x2: [], ylag: [], yerr: [] };
{
  const r = rng(7);
  const mu = Array.from({ length: Nr }, () => r.norm());
  const solve = (v: Float64Array, rho: number) => { // Neumann iteration for (I - rho W) z = v
    const z = Float64Array.from(v);
    for (let it = 0; it < 200; it++) {
      const nz = new Float64Array(Nr);
      for (let i = 0; i < Nr; i++) { let s = 0; const ws = w.weights[i]; const ns = w.neighbors[i]; for (let k = 0; k < ns.length; k++) s += ws[k] * z[ns[k]]; nz[i] = v[i] + rho * s; }
      z.set(nz);
    }
    return z;
  };
  for (let tt = 0; tt < Ts; tt++) {
    const tau = r.norm();
    const x1 = Float64Array.from({ length: Nr }, () => r.norm());
    const x2 = Float64Array.from({ length: Nr }, () => r.u());
    const base = Float64Array.from({ length: Nr }, (_, i) => x1[i] - 2 * x2[i] + mu[i] + tau);
    const yl = solve(Float64Array.from(base, (b) => b + r.norm()), 0.4);
    const u = solve(Float64Array.from({ length: Nr }, () => r.norm()), 0.5);
    for (let i = 0; i < Nr; i++) {
      sp.region.push(`r${i}`); sp.year.push(2001 + tt); sp.x1.push(x1[i]); sp.x2.push(x2[i]);
      sp.ylag.push(yl[i]); sp.yerr.push(base[i] + u[i]);
    }
  }
}
c0 = cpu();
t = Date.now();
const sl = spatialPanel(sp, "ylag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag", effects: "twoways" });
const tLag = (Date.now() - t) / 1000;
const cLag = cpu() - c0;
c0 = cpu();
t = Date.now();
const se = spatialPanel(sp, "yerr ~ x1 + x2", w, { entity: "region", time: "year", model: "error", effects: "twoways" });
const tErr = (Date.now() - t) / 1000;
const cErr = cpu() - c0;
console.log(`spatialPanel lag, two-way FE, 3,000 x 20 (sparse logdet): wall ${tLag.toFixed(2)} s, CPU ${cLag.toFixed(2)} s, rho = ${sl.rho!.toFixed(4)} (DGP 0.4)`);
console.log(`spatialPanel error, two-way FE, 3,000 x 20 (sparse logdet): wall ${tErr.toFixed(2)} s, CPU ${cErr.toFixed(2)} s, lambda = ${se.lambda!.toFixed(4)} (DGP 0.5)`);
console.log(`peak resident memory (VmHWM) of this process: ${peakMB().toFixed(0)} MB`);
