import { describe, it, expect } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { spatialPanel } from "../lib/panel";
import { weights } from "../lib/weights";
import { RTOL_SPLM_COEF, RTOL_SPLM_SE, expectClose } from "./tolerances";
import { sharedReferenceDir as dir, readNumericCsv as readCsv, frozenColumns as freeze } from "./helpers/panelReference";

// Reference: R splm 1.6-5 spml(model = "within"), script ../shared/reference/spatial-panel-columbus-sim.R
// (splm names the lag coefficient "lambda" and the error coefficient "rho"; ours are rho and lambda).
const have = fs.existsSync(path.join(dir, "spatial-panel-columbus-sim.json"));
if (!have) console.warn(`spatial-panel tests skipped: ${dir} (../shared/reference beside the repository) is absent`);

/** Dense inverse by Gauss–Jordan (brute force for tests). */
function denseInverse(A: number[][]): number[][] {
  const n = A.length;
  const M = A.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c];
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d;
    for (let r = 0; r < n; r++) if (r !== c) { const f = M[r][c]; for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j]; }
  }
  return M.map((r) => r.slice(n));
}

describe.skipIf(!have)("spatialPanel agrees with splm spml(model = 'within') on the simulated Columbus panel", () => {
  const ref = have ? JSON.parse(fs.readFileSync(path.join(dir, "spatial-panel-columbus-sim.json"), "utf8")) : {};
  const data = have ? freeze(readCsv(path.join(dir, "columbus-sim-panel.csv"))) : {};
  const w = have ? weights.fromGAL(fs.readFileSync(path.join(dir, "columbus.gal"), "utf8")).standardize("W") : (null as never);
  const cases = [
    ["sar_fe_individual", "lag", "entity", "y_lag"],
    ["sar_fe_twoways", "lag", "twoways", "y_lag"],
    ["sem_fe_individual", "error", "entity", "y_err"],
    ["sem_fe_twoways", "error", "twoways", "y_err"],
  ] as const;

  for (const [key, model, effects, y] of cases) {
    it(`${model} model, ${effects} effects: spatial coefficient and slopes to 1e-5, standard errors to 1e-3`, () => {
      const m = spatialPanel(data, `${y} ~ x1 + x2`, w, { entity: "region", time: "year", model, effects });
      const r = ref[key];
      const sp = model === "lag" ? "lambda" : "rho"; // splm's names
      const ours = model === "lag" ? m.rho! : m.lambda!;
      const oursSE = model === "lag" ? m.rhoStdError! : m.lambdaStdError!;
      expectClose(ours, r.coef[sp], RTOL_SPLM_COEF, "spatial coefficient");
      expectClose(oursSE, r.se[sp], RTOL_SPLM_SE, "spatial coefficient SE");
      expect(m.coefficients.map((c) => c.term)).toEqual([model === "lag" ? "rho" : "lambda", "x1", "x2"]);
      for (const t of ["x1", "x2"]) {
        const c = m.coefficients.find((cc) => cc.term === t)!;
        expectClose(c.estimate, r.coef[t], RTOL_SPLM_COEF, `${t}`);
        expectClose(c.stdError, r.se[t], RTOL_SPLM_SE, `${t} SE`);
      }
      expect(m.n).toBe(588);
      expect(m.fixedEffects).toEqual({ entity: "region", time: effects === "twoways" ? "year" : null });
    });
  }

  it("the sparse-Cholesky log-determinant path gives the same fit as the eigenvalue path", () => {
    for (const model of ["lag", "error"] as const) {
      const y = model === "lag" ? "y_lag" : "y_err";
      const a = spatialPanel(data, `${y} ~ x1 + x2`, w, { entity: "region", time: "year", model, effects: "twoways", logdet: "eigen" });
      const b = spatialPanel(data, `${y} ~ x1 + x2`, w, { entity: "region", time: "year", model, effects: "twoways", logdet: "sparse" });
      a.coefficients.forEach((c, j) => {
        expectClose(b.coefficients[j].estimate, c.estimate, 1e-6, `${model} ${c.term}`);
        expectClose(b.coefficients[j].stdError, c.stdError, 1e-6, `${model} ${c.term} SE`);
      });
      expect(b.summary()).toContain("sparse");
    }
  });

  it("rows in any order give the same fit (matched to w.ids by the entity column)", () => {
    const n = data.region.length;
    const order = Array.from({ length: n }, (_, i) => (i * 37) % n); // 37 is coprime with 588
    const shuffled: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(data)) shuffled[k] = order.map((i) => v[i]);
    const a = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" });
    const b = spatialPanel(shuffled, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" });
    expectClose(b.rho!, a.rho!, 1e-10, "rho");
    expectClose(b.coefficients[1].estimate, a.coefficients[1].estimate, 1e-10, "x1");
  });

  it("impacts of the lag model equal the brute-force averages of (I − ρW)⁻¹β", () => {
    const m = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag", effects: "twoways" });
    const W = w.toDense();
    const n = w.n;
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - m.rho! * W[i * n + j]));
    const S = denseInverse(A);
    let tr = 0, tot = 0;
    for (let i = 0; i < n; i++) { tr += S[i][i]; for (let j = 0; j < n; j++) tot += S[i][j]; }
    const imp = m.impacts();
    for (const [c, term] of [[1, "x1"], [2, "x2"]] as const) {
      const beta = m.coefficients[c].estimate;
      const row = imp.rows.find((r) => r.term === term)!;
      expectClose(row.direct, (tr / n) * beta, 1e-9, "direct");
      expectClose(row.total, (tot / n) * beta, 1e-9, "total");
      expectClose(row.indirect, ((tot - tr) / n) * beta, 1e-9, "indirect");
    }
    const sim = m.impacts({ simulations: 200, seed: 3 }).inference!;
    expect(sim.draws).toBe(200);
    for (const v of [...sim.directStdError, ...sim.indirectStdError, ...sim.totalStdError]) expect(v).toBeGreaterThan(0);
    const em = spatialPanel(data, "y_err ~ x1 + x2", w, { entity: "region", time: "year", model: "error" });
    expect(() => em.impacts()).toThrow(/spatialPanel: impacts are defined for the spatial lag model only/);
  });

  it("logLik is the Gaussian log-likelihood at the estimates: −NT/2·(ln 2πσ² + 1) + T·ln|I − ρW| (dense determinant)", () => {
    const m = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" });
    const n = w.n, W = w.toDense();
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - m.rho! * W[i * n + j]));
    let ld = 0;
    for (let c = 0; c < n; c++) {
      let p = c; for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
      [A[c], A[p]] = [A[p], A[c]];
      ld += Math.log(Math.abs(A[c][c]));
      for (let r = c + 1; r < n; r++) { const f = A[r][c] / A[c][c]; for (let j = c; j < n; j++) A[r][j] -= f * A[c][j]; }
    }
    const sse = m.residuals.reduce((s2, e) => s2 + e * e, 0);
    const NT = 588;
    expectClose(m.sigma2, sse / NT, 1e-12, "sigma2");
    expectClose(m.logLik, -(NT / 2) * (Math.log(2 * Math.PI * sse / NT) + 1) + 12 * ld, 1e-10, "logLik");
  });

  it("Lee–Yu bias correction with entity effects leaves rho and the slopes unchanged and rescales sigma² by T/(T−1)", () => {
    const a = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" });
    const b = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag", biasCorrection: true });
    expectClose(b.rho!, a.rho!, 1e-8, "rho");
    expectClose(b.coefficients[1].estimate, a.coefficients[1].estimate, 1e-8, "x1");
    expectClose(b.sigma2, (a.sigma2 * 12) / 11, 1e-8, "sigma2");
    expect(b.summary()).toContain("Lee–Yu");
  });

  it("Lee–Yu bias correction with two-way effects maximizes (T−1)[ln|I−ρW| − ln(1−ρ)] − (N−1)(T−1)/2·ln SSE(ρ) (brute force)", () => {
    const m = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag", effects: "twoways", biasCorrection: true });
    // brute force: two-way demeaning, dense log-determinant by Gaussian elimination, SSE by least squares
    const N = 49, T = 12;
    const at = (t: number, i: number) => (t * N + i);
    const byPeriod = (col: number[]) => { const o = new Array(N * T); for (let r = 0; r < col.length; r++) o[at(data.year[r] - 2001, data.region[r] - 1)] = col[r]; return o; };
    const dm = (v: number[]) => {
      const mi = new Array(N).fill(0), mt = new Array(T).fill(0); let mm = 0;
      for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) { mi[i] += v[at(t, i)] / T; mt[t] += v[at(t, i)] / N; mm += v[at(t, i)] / (N * T); }
      return v.map((x, r) => x - mi[r % N] - mt[Math.floor(r / N)] + mm);
    };
    const y = dm(byPeriod(data.y_lag)), x1 = dm(byPeriod(data.x1)), x2 = dm(byPeriod(data.x2));
    const W = w.toDense();
    const wy = y.map((_, r) => { const t = Math.floor(r / N), i = r % N; let s = 0; for (let j = 0; j < N; j++) s += W[i * N + j] * y[at(t, j)]; return s; });
    const sse = (rho: number) => {
      const z = y.map((v, r) => v - rho * wy[r]);
      const a11 = x1.reduce((s, v) => s + v * v, 0), a22 = x2.reduce((s, v) => s + v * v, 0), a12 = x1.reduce((s, v, r) => s + v * x2[r], 0);
      const b1 = x1.reduce((s, v, r) => s + v * z[r], 0), b2 = x2.reduce((s, v, r) => s + v * z[r], 0);
      const det = a11 * a22 - a12 * a12;
      const c1 = (a22 * b1 - a12 * b2) / det, c2 = (a11 * b2 - a12 * b1) / det;
      return z.reduce((s, v, r) => s + (v - c1 * x1[r] - c2 * x2[r]) ** 2, 0);
    };
    const logdet = (rho: number) => {
      const A = Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => (i === j ? 1 : 0) - rho * W[i * N + j]));
      let s = 0;
      for (let c = 0; c < N; c++) {
        let p = c; for (let r = c + 1; r < N; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
        [A[c], A[p]] = [A[p], A[c]];
        s += Math.log(Math.abs(A[c][c]));
        for (let r = c + 1; r < N; r++) { const f = A[r][c] / A[c][c]; for (let j = c; j < N; j++) A[r][j] -= f * A[c][j]; }
      }
      return s;
    };
    const f = (rho: number) => (T - 1) * (logdet(rho) - Math.log(1 - rho)) - ((N - 1) * (T - 1) / 2) * Math.log(sse(rho));
    // golden-section search on [0, 0.9]
    let lo = 0, hi = 0.9;
    const g = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 80; it++) {
      const a = hi - g * (hi - lo), b = lo + g * (hi - lo);
      if (f(a) > f(b)) hi = b; else lo = a;
    }
    expectClose(m.rho!, (lo + hi) / 2, 1e-6, "bias-corrected rho");
    const plain = spatialPanel(data, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag", effects: "twoways" });
    expect(Math.abs(m.rho! - plain.rho!)).toBeGreaterThan(1e-4);
  });

  it("entities that do not match w.ids are an error naming them", () => {
    const keep = data.region.map((r, i) => (r !== 49 ? i : -1)).filter((i) => i >= 0);
    const d: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(data)) d[k] = keep.map((i) => v[i]);
    expect(() => spatialPanel(d, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" }))
      .toThrow("spatialPanel: ids in weights but not in data: 49");
    const d2 = { ...data, region: data.region.map((r) => (r === 3 ? 99 : r)) };
    expect(() => spatialPanel(d2, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" }))
      .toThrow(/spatialPanel: ids in data but not in weights: 99; ids in weights but not in data: 3/);
  });

  it("an unbalanced panel, a time-invariant regressor and a bad model name are errors", () => {
    const keep = data.region.map((_, i) => i).filter((i) => i !== 5);
    const d: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(data)) d[k] = keep.map((i) => v[i]);
    expect(() => spatialPanel(d, "y_lag ~ x1 + x2", w, { entity: "region", time: "year", model: "lag" }))
      .toThrow(/spatialPanel: the panel is unbalanced \(587 rows for 49 regions × 12 periods\)/);
    const d3 = { ...data, z: data.region.map((r) => r * 2) };
    expect(() => spatialPanel(d3, "y_lag ~ x1 + z", w, { entity: "region", time: "year", model: "lag" }))
      .toThrow(/spatialPanel: regressor "z" is absorbed by the entity fixed effects/);
    // @ts-expect-error testing a bad model name
    expect(() => spatialPanel(data, "y_lag ~ x1", w, { entity: "region", time: "year", model: "sarar" }))
      .toThrow('spatialPanel: model must be "lag" or "error" (got "sarar")');
  });
});
