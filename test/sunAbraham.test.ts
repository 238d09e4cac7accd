import { describe, it, expect } from "vitest";
import { sunAbraham } from "../lib/panel/sunAbraham";
import { expectClose, RTOL } from "./tolerances";
import { readFixture, staggeredReference } from "./helpers/staggeredFixtures";

// R fixest 0.14.2: feols(y ~ x1 + sunab(year_treated, year) | id + year, data) on a SYNTHETIC staggered panel (95 units
// x 10 years, cohorts 2..10, never-treated coded 10000) generated with set.seed by test/reference/staggered-did.R;
// summary() (period aggregation), summary(agg = "ATT"), summary(agg = FALSE); vcov "iid" and cluster = ~id
type Tab = { terms: string[]; estimate: number[]; stdError: number[] };
type Sab = { period: Tab; att: Tab; full: Tab; nobs: number };
const ref = staggeredReference.sunab as { iid: Sab; cluster: Sab; lastTreated: Sab; unbalanced: Sab };
const stagg = readFixture("synthetic-staggered-sunab.csv");
const opts = { id: "id", time: "year", treatment: "year_treated" } as const;

/** fixest's "year::-2:cohort::7" as our "cohort_7_lead_2". */
function ourName(fixestName: string): string {
  const m = /^year::(-?\d+):cohort::(\d+)$/.exec(fixestName);
  if (!m) return fixestName;
  const k = Number(m[1]);
  return `cohort_${m[2]}_${k < 0 ? `lead_${-k}` : `lag_${k}`}`;
}

function agree(sa: ReturnType<typeof sunAbraham>, r: Sab, what: string) {
  expect(sa.n).toBe(r.nobs);
  // interaction and control coefficients
  expect(sa.coefficients.length).toBe(r.full.terms.length);
  r.full.terms.forEach((t, j) => {
    const c = sa.coef(ourName(t));
    expectClose(c.estimate, r.full.estimate[j], RTOL, `${what} ${t}`);
    expectClose(c.stdError, r.full.stdError[j], RTOL, `${what} se ${t}`);
  });
  // period aggregation (rows after x1)
  const periods = r.period.terms.map((t, j) => [t, j] as const).filter(([t]) => t.startsWith("year::"));
  expect(sa.events.map((e) => `year::${e.eventTime}`)).toEqual(periods.map(([t]) => t));
  for (const [t, j] of periods) {
    const e = sa.events.find((x) => `year::${x.eventTime}` === t)!;
    expectClose(e.estimate, r.period.estimate[j], RTOL, `${what} ${t}`);
    expectClose(e.stdError, r.period.stdError[j], RTOL, `${what} se ${t}`);
  }
  const ja = r.att.terms.indexOf("ATT");
  expectClose(sa.att.estimate, r.att.estimate[ja], RTOL, `${what} ATT`);
  expectClose(sa.att.stdError, r.att.stdError[ja], RTOL, `${what} se ATT`);
}

describe("sunAbraham agrees with fixest sunab on the synthetic panel", () => {
  const sa = sunAbraham(stagg, "y ~ x1", { ...opts, vcov: "iid" });
  it("iid variance: interactions, period effects and the ATT to 1e-6", () => agree(sa, ref.iid, "iid"));
  it("clustered by unit (the default): the same, and withVcov moves the event-time views with the fit", () => {
    agree(sunAbraham(stagg, "y ~ x1", opts), ref.cluster, "cluster");
    agree(sa.withVcov({ cluster: "id" }), ref.cluster, "withVcov cluster");
  });
  it("the period weights are the cohorts' observation shares at each relative period", () => {
    const e0 = sa.events.find((e) => e.eventTime === 0)!;
    expectClose(e0.weights.reduce((a, b) => a + b, 0), 1, RTOL, "weights sum");
    const counts = e0.terms.map((t) => stagg.year.filter((_, i) => `cohort_${stagg.year_treated[i]}_lag_${Number(stagg.year[i]) - Number(stagg.year_treated[i])}` === t).length);
    const total = counts.reduce((a, b) => a + b, 0);
    e0.weights.forEach((w, j) => expectClose(w, counts[j] / total, RTOL, `weight ${e0.terms[j]}`));
    expect(sa.summary()).toMatch(/Sun–Abraham/);
  });
});

describe("sunAbraham with the last-treated cohort as control", () => {
  it("agrees with fixest on the synthetic panel without never-treated units and periods from year 10 on dropped", () => {
    const rows = stagg.year_treated.map((g) => g !== 10000);
    const d = Object.fromEntries(Object.entries(stagg).map(([k, v]) => [k, v.filter((_, i) => rows[i])]));
    const sa = sunAbraham(d, "y ~ x1", { ...opts, control: "lastTreated", vcov: "iid" });
    agree(sa, ref.lastTreated, "lastTreated");
    expect(() => sunAbraham(d, "y ~ x1", opts)).toThrow(/sunAbraham: control "never" needs never-treated units \(column "year_treated" has none\); use control: "lastTreated"/);
  });
});

describe("sunAbraham on an unbalanced panel", () => {
  it("uses the rows as they are and agrees with fixest (the synthetic panel without every 7th row, clustered by id)", () => {
    const d = Object.fromEntries(Object.entries(stagg).map(([k, v]) => [k, v.filter((_, i) => (i + 1) % 7 !== 0)]));
    agree(sunAbraham(d, "y ~ x1", opts), ref.unbalanced, "unbalanced");
  });
});

describe("sunAbraham refuses bad input", () => {
  it("treatment timing varying within a unit names the unit and column", () => {
    const g = stagg.year_treated.slice();
    const i = stagg.id.indexOf(stagg.id[0]);
    g[i] = Number(g[i]) + 1;
    expect(() => sunAbraham({ ...stagg, year_treated: g }, "y ~ x1", opts)).toThrow(new RegExp(`sunAbraham: unit "${stagg.id[0]}" has two adoption periods in column "year_treated"`));
  });
  it("missing outcome values are named with their rows", () => {
    const y = stagg.y.slice(); y[3] = null;
    expect(() => sunAbraham({ ...stagg, y }, "y ~ x1", opts)).toThrow(/"y" has 1 missing value/);
  });
  it("a misspelled option and a non-numeric adoption column", () => {
    expect(() => sunAbraham(stagg, "y ~ x1", { ...opts, refrence: -2 } as never)).toThrow(/sunAbraham: unknown option "refrence" \(did you mean "reference"\?\)/);
    expect(() => sunAbraham({ ...stagg, year_treated: stagg.year_treated.map(String) }, "y ~ x1", opts)).toThrow(/sunAbraham: column "year_treated" must hold adoption periods/);
  });
});
