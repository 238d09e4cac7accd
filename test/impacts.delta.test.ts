import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights, SpatialWeights } from "../lib/weights";
import { spatialLag, sac, impacts } from "../lib/spatialreg";
import type { LagImpactsInput } from "../lib/spatialreg/impacts";
import { regTable } from "../lib/report";
import { expectClose, RTOL } from "./tolerances";

// Delta-method standard errors of the impacts. Reference: R 4.2.2, spatialreg 1.2-6 fits (method "eigen", analytical
// vcov) and numDeriv::jacobian of the impact function written out in R, SE = sqrt(diag(J V J')):
// test/reference/impacts-delta.R (spatialreg itself only simulates).
const ref = JSON.parse(readFileSync(join(__dirname, "reference/impacts-delta.json"), "utf8"));
const columbus = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const colGal = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const elect = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-elect80.json"), "utf8"));
const electGal = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-elect80.gal"), "utf8"));
const colData = Object.freeze({ ...columbus.data });
const electData = Object.freeze({ ...elect.data });
const f = "CRIME ~ INC + HOVAL";

type WithInput = { impactsInput: LagImpactsInput };
const columbusFits: Record<string, () => WithInput> = {
  sar: () => spatialLag(colData, f, colGal, { id: "id" }),
  sdm: () => spatialLag(colData, f, colGal, { id: "id", durbin: true }),
  sac: () => sac(colData, f, colGal, { id: "id" }),
  gns: () => sac(colData, f, colGal, { id: "id", durbin: true }),
};

/** Brute force: dense (I − ρW)⁻¹ by Gauss–Jordan, then direct = tr(S(βI + θW))/n, total = 1'S(βI + θW)1/n. */
function bruteImpacts(W: number[][], rho: number, beta: number, theta: number): { direct: number; total: number } {
  const n = W.length;
  const A = W.map((row, i) => [...row.map((v, j) => (i === j ? 1 : 0) - rho * v), ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    const d = A[c][c];
    for (let j = 0; j < 2 * n; j++) A[c][j] /= d;
    for (let r = 0; r < n; r++) if (r !== c && A[r][c] !== 0) { const m = A[r][c]; for (let j = 0; j < 2 * n; j++) A[r][j] -= m * A[c][j]; }
  }
  const S = A.map((row) => row.slice(n));
  let direct = 0, total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let sw = 0;
    for (let l = 0; l < n; l++) sw += S[i][l] * W[l][j];
    const v = beta * S[i][j] + theta * sw;
    if (i === j) direct += v;
    total += v;
  }
  return { direct: direct / n, total: total / n };
}

function denseOf(input: LagImpactsInput): number[][] {
  const { W, n } = input;
  const D = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) D[i][W.colIdx[p]] = W.values[p];
  return D;
}

/** Checks the delta gradient of every impact against central differences of the brute-force impact function. */
function gradientMatchesBruteForce(fit: WithInput, label: string): void {
  const input = fit.impactsInput;
  const imp = impacts(fit, { inference: "delta" });
  const g = imp.inference!.gradient!;
  const W = denseOf(input);
  const lagOf = input.lagOf ?? input.names.map(() => -1);
  const h = 1e-5;
  imp.terms.forEach((term, t) => {
    const j = input.names.indexOf(term), l = lagOf[j];
    const at = (rho: number, beta: number, theta: number) => bruteImpacts(W, rho, beta, theta);
    const beta = input.beta[j], theta = l >= 0 ? input.beta[l] : 0;
    const base = at(input.rho, beta, theta);
    expectClose(imp.rows[t].direct, base.direct, 1e-10, `${label} brute-force direct ${term}`);
    expectClose(imp.rows[t].total, base.total, 1e-10, `${label} brute-force total ${term}`);
    const up = at(input.rho + h, beta, theta), down = at(input.rho - h, beta, theta);
    const fd = { direct: (up.direct - down.direct) / (2 * h), total: (up.total - down.total) / (2 * h) };
    // central difference: truncation h² f'''/6 ≈ 1e-10 relative here, rounding 1e-16/h ≈ 1e-11
    expectClose(g.direct[t][0], fd.direct, 1e-7, `${label} d direct/d rho ${term}`);
    expectClose(g.total[t][0], fd.total, 1e-7, `${label} d total/d rho ${term}`);
    expectClose(g.indirect[t][0], fd.total - fd.direct, 1e-7, `${label} d indirect/d rho ${term}`);
    // linear in beta and theta: the slopes are the impacts at beta = 1 (theta = 1)
    const unitBeta = at(input.rho, 1, 0), unitTheta = at(input.rho, 0, 1);
    expectClose(g.direct[t][1 + j], unitBeta.direct, 1e-10, `${label} d direct/d beta ${term}`);
    expectClose(g.total[t][1 + j], unitBeta.total, 1e-10, `${label} d total/d beta ${term}`);
    if (l >= 0) {
      expectClose(g.direct[t][1 + l], unitTheta.direct, 1e-10, `${label} d direct/d theta ${term}`);
      expectClose(g.total[t][1 + l], unitTheta.total, 1e-10, `${label} d total/d theta ${term}`);
    }
    // every other coefficient (intercept, the other regressors) has zero weight
    g.direct[t].forEach((v, q) => { if (q !== 0 && q !== 1 + j && q !== 1 + l) expect(v).toBe(0); });
  });
}

/** The fit's impacts input with R's covariance of (rho, coefficients) in place of ours (sigma2 row and column zero). */
function withCovariance(fit: WithInput, Vr: number[][]): WithInput {
  const p = Vr.length;
  const V = new Float64Array((p + 1) * (p + 1));
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) V[(a + 1) * (p + 1) + b + 1] = Vr[a][b];
  return { impactsInput: { ...fit.impactsInput, V, vcovNames: ["sigma2", "rho", ...fit.impactsInput.names] } };
}

function agreesWithR(fit: WithInput, rIn: any, label: string, exactTotals: boolean): void {
  const input = fit.impactsInput;
  // spatialreg returns SAR/SAC impacts as one-column matrices (JSON [[a], [b]]): flatten them
  const r = { ...rIn, direct: rIn.direct.flat(), indirect: rIn.indirect.flat(), total: rIn.total.flat() };
  expect(["rho", ...input.names]).toEqual(r.parameters);
  // the fits agree (so the comparison is of the same point)
  expectClose(input.rho, r.estimates[0], RTOL, `${label} rho`);
  input.beta.forEach((b, j) => expectClose(b, r.estimates[1 + j], RTOL, `${label} ${input.names[j]}`));
  const imp = impacts(fit, { inference: "delta" });
  expect(imp.terms).toEqual(r.terms);
  const k = r.terms.length;
  imp.rows.forEach((row, t) => {
    // point estimates: spatialreg impacts(listw = ) (its total is beta/(1 − rho): row-stochastic W only)
    expectClose(row.direct, r.direct[t], RTOL, `${label} direct ${row.term} vs spatialreg`);
    if (exactTotals) {
      expectClose(row.indirect, r.indirect[t], RTOL, `${label} indirect ${row.term} vs spatialreg`);
      expectClose(row.total, r.total[t], RTOL, `${label} total ${row.term} vs spatialreg`);
    }
    expectClose(row.total, r.exactTotal[t], RTOL, `${label} total ${row.term} vs 1'S1/n in R`);
    expectClose(row.indirect, r.exactIndirect[t], RTOL, `${label} indirect ${row.term} vs R`);
  });
  // gradients against numDeriv's Richardson Jacobian (rows: direct, indirect, total per term)
  const g = imp.inference!.gradient!;
  (["direct", "indirect", "total"] as const).forEach((kind, block) => {
    g[kind].forEach((row, t) => row.forEach((v, q) => expectClose(v, r.jacobian[block * k + t][q], RTOL, `${label} d ${kind} ${r.terms[t]} / d ${r.parameters[q]}`, 1e-9)));
  });
  // with R's covariance the delta SEs must match R's to 1e-6
  const same = impacts(withCovariance(fit, r.vcov), { inference: "delta" }).inference!;
  r.terms.forEach((term: string, t: number) => {
    expectClose(same.directStdError[t], r.directStdError[t], RTOL, `${label} delta se direct ${term} (R's vcov)`);
    expectClose(same.indirectStdError[t], r.indirectStdError[t], RTOL, `${label} delta se indirect ${term} (R's vcov)`);
    expectClose(same.totalStdError[t], r.totalStdError[t], RTOL, `${label} delta se total ${term} (R's vcov)`);
  });
  // with our own covariance (both sides' analytical information matrices; measured agreement ≤ 6e-8): to 1e-6
  const inf = imp.inference!;
  r.terms.forEach((term: string, t: number) => {
    expectClose(inf.directStdError[t], r.directStdError[t], RTOL, `${label} delta se direct ${term}`);
    expectClose(inf.indirectStdError[t], r.indirectStdError[t], RTOL, `${label} delta se indirect ${term}`);
    expectClose(inf.totalStdError[t], r.totalStdError[t], RTOL, `${label} delta se total ${term}`);
    expectClose(inf.directZ[t], imp.rows[t].direct / inf.directStdError[t], 1e-14, "z = impact / se");
  });
}

describe("delta-method gradients equal central differences of the brute-force impact function", () => {
  for (const [label, make] of Object.entries(columbusFits)) {
    it(`${label.toUpperCase()} on Columbus (row-standardized W)`, () => gradientMatchesBruteForce(make(), label));
  }
  it("SDM with weights that are not row-standardized (binary Columbus contiguity × 0.15): totals 1'S1/n and their derivative by solves", () => {
    const b = colGal.standardize("B");
    const custom = new SpatialWeights(b.ids, b.neighbors, b.weights.map((r) => r.map((v) => 0.15 * v)), "custom");
    const m = spatialLag(colData, f, custom, { id: "id", durbin: true });
    const rowSums = denseOf(m.impactsInput).map((r) => r.reduce((s, v) => s + v, 0));
    expect(Math.max(...rowSums.map((v) => Math.abs(v - 1)))).toBeGreaterThan(0.1);
    gradientMatchesBruteForce(m, "SDM custom W");
  });
  it("the trace method differentiates its own truncated power series (central difference of impacts(method: \"trace\"))", () => {
    const m = spatialLag(colData, f, colGal, { id: "id", durbin: true });
    const opt = { method: "trace", Q: 30, traces: "exact" } as const;
    const g = impacts(m, { ...opt, inference: "delta" }).inference!.gradient!;
    const h = 1e-5;
    const at = (rho: number) => impacts({ impactsInput: { ...m.impactsInput, rho } }, opt);
    const up = at(m.rho + h), down = at(m.rho - h);
    up.rows.forEach((row, t) => {
      expectClose(g.direct[t][0], (row.direct - down.rows[t].direct) / (2 * h), 1e-7, `trace d direct/d rho ${row.term}`);
      expectClose(g.total[t][0], (row.total - down.rows[t].total) / (2 * h), 1e-7, `trace d total/d rho ${row.term}`);
    });
  });
});

describe("delta-method standard errors agree with the same computation in R (numDeriv on spatialreg fits)", () => {
  for (const [label, make] of Object.entries(columbusFits)) {
    it(`Columbus ${label.toUpperCase()}: impacts to 1e-6 of spatialreg, gradients and delta SEs (R's vcov and ours) to 1e-6`, () => {
      agreesWithR(make(), ref.columbus[label], label, true);
    });
  }
  const opts = { id: "FIPS", zeroPolicy: true } as const;
  for (const [label, durbin] of [["sar", false], ["sdm", true]] as const) {
    // spatialreg's totals here are beta/(1 − rho), off by 7e-4–1e-3 relative from the exact 1'S1/n with zero rows
    it(`elect80 (n = 3,107, 4 islands: W not row-stochastic) ${label.toUpperCase()}: direct to 1e-6 of spatialreg, totals of 1'S1/n, SEs`, () => {
      const m = spatialLag(electData, elect.formula, electGal, { ...opts, durbin });
      agreesWithR(m, ref.elect80[label], label, false);
    });
  }
});

describe("delta-method and simulated standard errors agree where the impacts are nearly linear in rho", () => {
  it("elect80 SDM: 20,000 draws give the delta SEs within 3% (both by power-series traces, Q = 30)", () => {
    // the trace method makes each draw cheap (exact impacts need a selected inverse and two solves per draw here)
    const m = spatialLag(electData, elect.formula, electGal, { id: "FIPS", zeroPolicy: true, durbin: true });
    const d = m.impacts({ method: "trace", inference: "delta" }).inference!;
    const s = m.impacts({ method: "trace", simulations: 20000, seed: 11 }).inference!;
    expect(s.method).toBe("simulation");
    d.directStdError.forEach((v, t) => {
      expectClose(s.directStdError[t], v, 0.03, `direct se ${t}`);
      expectClose(s.indirectStdError[t], d.indirectStdError[t], 0.03, `indirect se ${t}`);
      expectClose(s.totalStdError[t], d.totalStdError[t], 0.03, `total se ${t}`);
    });
  });
  it("Columbus SDM: direct effects within 3%; the indirect SEs differ (rho = 0.38 with SE 0.16: the draws of beta/(1 − rho) are heavy-tailed)", () => {
    const m = columbusFits.sdm();
    const d = impacts(m, { inference: "delta" }).inference!;
    const s = impacts(m, { simulations: 20000, seed: 11 }).inference!;
    d.directStdError.forEach((v, t) => expectClose(s.directStdError[t], v, 0.03, `direct se ${t}`));
    // the simulated SD exceeds the linearization for the nonlinear indirect effect
    d.indirectStdError.forEach((v, t) => expect(s.indirectStdError[t]).toBeGreaterThan(v));
  });
});

describe("impacts inference options", () => {
  const m = columbusFits.sar();
  it("inference \"simulation\" defaults to 1000 draws; simulations alone still simulates", () => {
    const a = impacts(m, { inference: "simulation", seed: 3 }).inference!;
    expect(a.method).toBe("simulation");
    expect(a.draws).toBe(1000);
    expect(a.gradient).toBeNull();
    expect(impacts(m, { simulations: 50 }).inference!.draws).toBe(50);
  });
  it("prints the delta method in the header and note", () => {
    const imp = impacts(m, { inference: "delta" });
    expect(imp.inference!.method).toBe("delta");
    expect(imp.inference!.draws).toBe(0);
    expect(imp.seed).toBeNull();
    expect(imp.summary()).toContain("Delta-method standard errors");
    expect(imp.summary()).toContain("SE indirect");
  });
  it("rejects unknown and contradictory inference options, naming the function", () => {
    expect(() => impacts(m, { inference: "bootstrap" as never })).toThrow('impacts: inference must be "delta" or "simulation", got "bootstrap"');
    expect(() => impacts(m, { inference: "delta", simulations: 100 })).toThrow('impacts: simulations (100) is for inference "simulation"; the delta method draws nothing');
    expect(() => impacts(m, { inference: "simulation", simulations: 0 })).toThrow('impacts: inference "simulation" needs simulations > 0');
    expect(() => impacts(m, { simulations: 2.5 })).toThrow("impacts: simulations must be a non-negative integer, got 2.5");
    expect(() => impacts(m, { inferense: "delta" } as never)).toThrow(/impacts: unknown option "inferense" \(did you mean "inference"\?\)/);
  });
});

describe("regTable shows delta-method SEs of the impacts when asked", () => {
  it("{ impacts: { inference: \"delta\" } } puts the delta SEs in parentheses and says so in a note", () => {
    const m = columbusFits.sdm();
    const imp = impacts(m, { inference: "delta" });
    const t = regTable([m as never], { impacts: { inference: "delta" } });
    const i = t.rows.findIndex((r) => r.label === "Indirect: INC");
    expect(t.rows[i + 1].cells[0]).toBe(`(${imp.inference!.indirectStdError[0].toFixed(3)})`);
    expect(t.notes.join(" ")).toContain("Impacts: delta-method standard errors");
    const sim = regTable([m as never], { impacts: { simulations: 200, seed: 1 } });
    expect(sim.notes.join(" ")).toContain("Impacts: simulated standard errors (200 draws, seed 1)");
  });
});
