import * as dfd from "danfojs-node";
import { panelFE } from "../lib/panel";
import { rng } from "../lib/random";
const N = 20000, T = 25, K = 5;
const g = rng(20261126);
const n = N * T;
const cols: Record<string, Float64Array> = { id: new Float64Array(n), year: new Float64Array(n), y: new Float64Array(n) };
for (let k = 1; k <= K; k++) cols[`x${k}`] = new Float64Array(n);
for (let i = 0, r = 0; i < N; i++) for (let t = 0; t < T; t++, r++) {
  cols.id[r] = i + 1; cols.year[r] = 2000 + t; let y = 0;
  for (let k = 1; k <= K; k++) { const x = g.normal(); cols[`x${k}`][r] = x; y += x * k; }
  cols.y[r] = y + g.normal();
}
const plain: Record<string, number[]> = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Array.from(v)]));
const df = new dfd.DataFrame(plain);
const f = "y ~ x1 + x2 + x3 + x4 + x5";
const opts = { id: "id", time: "year", effects: "twoways" as const, vcov: { cluster: "id" } };
const time = (label: string, data: any) => { const t0 = performance.now(); const m = panelFE(data, f, opts); const dt = performance.now() - t0; console.log(label, (dt / 1000).toFixed(3), "s", m.coefficients[0].estimate.toFixed(6)); return dt; };
time("warm typed", cols); time("warm danfo", df);
const a = [time("typed", cols), time("typed", cols)]; const p = [time("plain", plain), time("plain", plain)]; const b = [time("danfo", df), time("danfo", df)];
console.log("ratio danfo/typed", (Math.min(...b) / Math.min(...a)).toFixed(2), "plain/typed", (Math.min(...p) / Math.min(...a)).toFixed(2));
