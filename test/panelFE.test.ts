import { describe, it, expect } from "vitest";
import { panelFE } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference, frozenColumns as frozenCopy, PLM_WITHIN_FORMULA as FORMULA } from "./helpers/panelReference";

// All reference numbers: R plm 2.6-2, script test/reference/plm-within.R -> plm-within.json
const ref = readReference("plm-within.json");
const EFFECTS = { individual: "entity", time: "time", twoways: "twoways" } as const;

function closeAll(actual: number[], expected: number[], rtol: number, what: string) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, j) => expectClose(a, expected[j], rtol, `${what}[${j}]`));
}

describe("panelFE agrees with plm within models (Grunfeld balanced, Grunfeld unbalanced with a singleton, EmplUK)", () => {
  for (const ds of ["grunfeld", "grunfeld_u", "empluk"]) {
    for (const ef of ["individual", "time", "twoways"] as const) {
      const r = ref[ds][ef];
      const data = frozenCopy(ref.data[ds]);
      const fitWith = (vcov?: Parameters<typeof panelFE>[2]["vcov"]) =>
        panelFE(data, FORMULA[ds], { entity: "firm", time: "year", effects: EFFECTS[ef], vcov });

      it(`${ds}, ${ef} effects: coefficients, classical SEs, df, R² within and the F test of the effects match plm to 1e-6`, () => {
        const m = fitWith();
        expect(m.coefficients.map((c) => c.term)).toEqual(
          ds === "empluk" ? ["log(wage)", "log(capital)"] : ["value", "capital"]);
        closeAll(m.coefficients.map((c) => c.estimate), r.coef, RTOL, "coef");
        closeAll(m.coefficients.map((c) => c.stdError), r.se_classical, RTOL, "se");
        expect(m.dfResidual).toBe(r.df_residual);
        expect(m.n).toBe(r.n);
        expectClose(m.r2Within, r.r2, RTOL, "r2Within");
        expectClose(m.fit.adjR2Within, r.adjr2, RTOL, "adjR2Within");
        expectClose(m.fTestEffects.statistic, r.ftest.statistic, RTOL, "F");
        expect(m.fTestEffects.df1).toBe(r.ftest.df1);
        expect(m.fTestEffects.df2).toBe(r.ftest.df2);
        expectClose(m.fTestEffects.pValue, r.ftest.p, RTOL, "F p", 1e-300);
      });

      it(`${ds}, ${ef}: clustered SEs by entity match plm vcovHC(arellano, HC1) and both hand-made sandwiches (plm and Stata conventions)`, () => {
        const plmConv = fitWith({ cluster: "firm", convention: "plm" });
        closeAll(plmConv.coefficients.map((c) => c.stdError), r.se_arellano_hc1, RTOL, "arellano HC1");
        closeAll(plmConv.coefficients.map((c) => c.stdError), r.hand_plm, RTOL, "hand plm");
        const stata = fitWith({ cluster: "firm" });
        closeAll(stata.coefficients.map((c) => c.stdError), r.hand_stata, RTOL, "hand stata");
        expect(stata.vcovType).toMatch(/Stata convention/);
        // Stata's t tests use G - 1 degrees of freedom
        expect(stata.summary()).toContain(`t tests use ${r.clusters - 1} df`);
      });

      it(`${ds}, ${ef}: fixed effects by level match plm fixef(type = "level")${ef === "twoways" ? " (refused for two-way models)" : ""}`, () => {
        const m = fitWith();
        if (ef === "twoways") { expect(() => m.fixef()).toThrow(/panelFE.fixef: two-way effects are identified only up to a normalization/); return; }
        const fx = m.fixef();
        expect(Object.keys(fx).sort()).toEqual(Object.keys(r.fixef).sort());
        for (const [lev, val] of Object.entries(r.fixef)) expectClose(fx[lev], val as number, RTOL, `fixef ${lev}`);
      });

      it(`${ds}, ${ef}: clusters by period and by coarser groups match plm vcovHC(cluster = "time") and the hand sandwiches`, () => {
        closeAll(fitWith({ cluster: "year", convention: "plm" }).coefficients.map((c) => c.stdError), r.se_arellano_time_hc1, RTOL, "arellano time");
        closeAll(fitWith({ cluster: "year", convention: "plm" }).coefficients.map((c) => c.stdError), r.hand_plm_time, RTOL, "hand plm time");
        closeAll(fitWith({ cluster: "year" }).coefficients.map((c) => c.stdError), r.hand_stata_time, RTOL, "hand stata time");
        closeAll(fitWith({ cluster: "grp", convention: "plm" }).coefficients.map((c) => c.stdError), r.hand_plm_grp, RTOL, "hand plm grp");
        closeAll(fitWith({ cluster: "grp" }).coefficients.map((c) => c.stdError), r.hand_stata_grp, RTOL, "hand stata grp");
      });

      it(`${ds}, ${ef}: White HC1, Driscoll–Kraay and two-way clustered SEs match plm vcovHC(white1), vcovSCC and vcovDC`, () => {
        closeAll(fitWith("robust").coefficients.map((c) => c.stdError), r.se_white1_hc1, RTOL, "white1");
        const dk = fitWith({ driscollKraay: null });
        closeAll(dk.coefficients.map((c) => c.stdError), r.se_scc, RTOL, "scc");
        expect(dk.vcovType).toContain(`maxlag ${r.scc_maxlag}`);
        closeAll(fitWith({ driscollKraay: r.scc_maxlag }).coefficients.map((c) => c.stdError), r.se_scc, RTOL, "scc explicit lag");
        closeAll(fitWith({ cluster: ["firm", "year"] }).coefficients.map((c) => c.stdError), r.se_dc_hc1, RTOL, "vcovDC");
      });
    }
  }
});

/** Brute-force least squares with explicit dummy columns (normal equations in long double-free form via QR-free Gauss). */
function lsdv(data: Record<string, unknown[]>, y: string, xs: string[], entity: boolean, time: boolean): number[] {
  const n = data[y].length;
  const cols: number[][] = [Array(n).fill(1)];
  for (const x of xs) cols.push((data[x] as number[]).slice());
  const addDummies = (name: string) => {
    const levels = [...new Set(data[name].map(String))].sort();
    for (const lev of levels.slice(1)) cols.push(data[name].map((v) => (String(v) === lev ? 1 : 0)));
  };
  if (entity) addDummies("firm");
  if (time) addDummies("year");
  const p = cols.length;
  // normal equations with Gaussian elimination and partial pivoting
  const A = Array.from({ length: p }, (_, a) => {
    const row = Array.from({ length: p + 1 }, () => 0);
    for (let b = 0; b < p; b++) { let s = 0; for (let i = 0; i < n; i++) s += cols[a][i] * cols[b][i]; row[b] = s; }
    let s = 0; for (let i = 0; i < n; i++) s += cols[a][i] * (data[y][i] as number); row[p] = s;
    return row;
  });
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= p; j++) A[r][j] -= f * A[c][j];
    }
  }
  return xs.map((_, j) => A[j + 1][p] / A[j + 1][j + 1]);
}

describe("the within estimator equals LSDV with dummy columns (brute force)", () => {
  for (const ds of ["grunfeld", "grunfeld_u"]) {
    for (const ef of ["entity", "time", "twoways"] as const) {
      it(`${ds === "grunfeld" ? "balanced" : "unbalanced"} Grunfeld, ${ef} effects: slopes equal the dummy-variable regression`, () => {
        const d = ref.data[ds];
        const m = panelFE(d, "inv ~ value + capital", { entity: "firm", time: "year", effects: ef });
        const b = lsdv(d, "inv", ["value", "capital"], ef !== "time", ef !== "entity");
        closeAll(m.coefficients.map((c) => c.estimate), b, 1e-8, "lsdv");
      });
    }
  }

  it("a two-way panel whose entity–period graph splits into two disconnected groups is absorbed exactly (rank-aware)", () => {
    // entities a,b observed in 2001-2003; entities c,d observed in 2004-2006: two connected components
    const firm: string[] = [], year: number[] = [], x: number[] = [], z: number[] = [], y: number[] = [];
    let s = 1;
    const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; };
    for (const [f, years] of [["a", [2001, 2002, 2003]], ["b", [2001, 2002, 2003]], ["e", [2001, 2003]],
      ["c", [2004, 2005, 2006]], ["d", [2004, 2005, 2006]], ["g", [2005, 2006]]] as [string, number[]][]) {
      for (const t of years) { firm.push(f); year.push(t); const xi = rnd(), zi = rnd(); x.push(xi); z.push(zi); y.push(2 * xi - zi + rnd()); }
    }
    const d = { firm, year, inv: y, value: x, capital: z };
    const m = panelFE(d, "inv ~ value + capital", { entity: "firm", time: "year", effects: "twoways" });
    const b = lsdv(d, "inv", ["value", "capital"], true, true);
    closeAll(m.coefficients.map((c) => c.estimate), b, 1e-8, "lsdv disconnected");
    // absorbed = 6 entities + 6 periods - 2 components
    expect(m.dfResidual).toBe(firm.length - 2 - 10);
  });
});

describe("panelFE bad input", () => {
  const g = ref.data.grunfeld as Record<string, unknown[]>;

  it("keeps singleton entities as plm does (documented): firm 10 observed once still counts as an entity", () => {
    const m = panelFE(ref.data.grunfeld_u, "inv ~ value + capital", { entity: "firm", time: "year" });
    expect(m.entities).toBe(10);
    expect(m.dfResidual).toBe(ref.grunfeld_u.individual.df_residual);
    expect(m.summary()).toContain("1 unit observed once (kept, as plm and xtreg do)");
  });

  it("a time-invariant regressor under entity effects is an error naming it", () => {
    const d = { ...g, size: g.firm.map((f) => Number(f) * 10) };
    expect(() => panelFE(d, "inv ~ value + size", { entity: "firm", time: "year" }))
      .toThrow(/panelFE: regressor "size" does not vary within entities/);
  });

  it("a regressor constant across entities within each year is an error under time effects", () => {
    const d = { ...g, trend: g.year.map((t) => Number(t) - 1935) };
    expect(() => panelFE(d, "inv ~ value + trend", { entity: "firm", time: "year", effects: "time" }))
      .toThrow(/panelFE: regressor "trend" does not vary across entities within periods/);
    expect(() => panelFE(d, "inv ~ value + trend", { entity: "firm", time: "year", effects: "twoways" }))
      .toThrow(/panelFE: regressor "trend" .*two-way fixed effects absorb it/);
  });

  it("missing values in a regressor or an id are errors naming the column and rows", () => {
    const v = [...g.value]; v[3] = null; v[7] = NaN;
    expect(() => panelFE({ ...g, value: v }, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow(/panelFE: column "value" has 2 missing values \(rows 3, 7\)/);
    const f = [...g.firm]; f[5] = null;
    expect(() => panelFE({ ...g, firm: f }, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow(/panelFE: entity column "firm" has 1 missing value \(row 5\)/);
  });

  it("duplicate entity–time rows are an error naming the first duplicate", () => {
    const d: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(g)) d[k] = [...v, v[21], v[4]];
    expect(() => panelFE(d, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow('panelFE: duplicate entity–time row: entity "2", time "1936" appears in rows 21 and 200');
  });

  it("a panel with one period is an error under entity effects", () => {
    const rows = g.year.map((t, i) => (t === 1940 ? i : -1)).filter((i) => i >= 0);
    const d: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(g)) d[k] = rows.map((i) => v[i]);
    expect(() => panelFE(d, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow(/panelFE: the panel has one period \("1940"\)/);
  });

  it("mixed id types (numbers and text in one id column) are an error", () => {
    const f: unknown[] = [...g.firm]; f[0] = "1";
    expect(() => panelFE({ ...g, firm: f }, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow(/panelFE: entity column "firm" mixes numbers and text \(row 1 is 1, row 0 is "1"\)/);
  });

  it("collinear regressors are an error naming a column", () => {
    const d = { ...g, v2: (g.value as number[]).map((v, i) => 2 * v + 3 * (g.capital[i] as number)) };
    expect(() => panelFE(d, "inv ~ value + capital + v2", { entity: "firm", time: "year" })).toThrow(/panelFE: .*(v2|value|capital)/);
  });

  it("bad Driscoll–Kraay lags and a Stata convention for two-way clusters are errors", () => {
    expect(() => panelFE(g, "inv ~ value", { entity: "firm", time: "year", vcov: { driscollKraay: 20 } }))
      .toThrow("panelFE: driscollKraay lag 20 must be smaller than the number of periods (20)");
    expect(() => panelFE(g, "inv ~ value", { entity: "firm", time: "year", vcov: { driscollKraay: 1.5 } }))
      .toThrow("panelFE: driscollKraay lag must be a non-negative integer (got 1.5)");
    expect(() => panelFE(g, "inv ~ value", { entity: "firm", time: "year", vcov: { cluster: ["firm", "year"], convention: "stata" } }))
      .toThrow(/panelFE: two-way clustering follows plm's vcovDC/);
  });

  it("missing options and unknown vcov are clear errors", () => {
    // @ts-expect-error testing a missing option
    expect(() => panelFE(g, "inv ~ value", {})).toThrow(/panelFE: options \{ id, time \} are required/);
    expect(() => panelFE(g, "inv ~ value", { entity: "firm", time: "year", vcov: "HC9" })).toThrow(/panelFE: unknown vcov "HC9"/);
  });

  it("does not modify its input and reports fixed effects for regression tables", () => {
    const d = frozenCopy(g);
    const m = panelFE(d, "inv ~ value + capital", { entity: "firm", time: "year", effects: "twoways" });
    expect(m.fixedEffects).toEqual({ entity: "firm", time: "year" });
    expect(panelFE(d, "inv ~ value", { entity: "firm", time: "year" }).fixedEffects).toEqual({ entity: "firm", time: null });
    expect(m.toHTML()).toContain("<table");
  });
});
