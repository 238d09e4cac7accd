/**
 * Defined behaviour on bad and degenerate input (issue 18): each item is a clear error naming the function and the
 * problem, or a finite result with a warning where R returns one with a warning. R's own behaviour on the same
 * degenerate fits is recorded by test/reference/degenerate-fits.R (R 4.2.2, spatialreg 1.2-6).
 */
import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ols } from "../lib/regression";
import { panelFE, panelRE } from "../lib/panel";
import { spatialLag, spatialError, lmTests } from "../lib/spatialreg";
import { entropyWeights, couplingCoordination } from "../lib/indices";
import { certify } from "../lib/indices/certify";
import { loadDataset, loadColumns } from "../lib/data";
import { weights } from "../lib/weights";
import { tableHTML } from "../lib/display/table";
import { summary } from "../lib/report";
import { underName } from "../lib/core/validate";

const R = JSON.parse(readFileSync(join(__dirname, "reference/degenerate-fits.json"), "utf8"));

const n = 20;
const x = Object.freeze(Array.from({ length: n }, (_, i) => i + 1));
const noise = Object.freeze(x.map((_, i) => Math.sin(i * 7.3)));
const exactY = Object.freeze(x.map((v) => 2 + 3 * v));
const ids = Object.freeze(x.map((_, i) => String(i)));
// 4 × 5 rook lattice, as spdep cell2nb(4, 5) in the R script
const lattice = weights.fromMatrix(
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    const [ri, ci, rj, cj] = [Math.floor(i / 5), i % 5, Math.floor(j / 5), j % 5];
    return Math.abs(ri - rj) + Math.abs(ci - cj) === 1 ? 1 : 0;
  })),
  [...ids],
);

describe("degenerate least-squares fits", () => {
  it("refuses a constant response under an intercept, where R's summary.lm prints an R² of rounding noise", () => {
    expect(R.lmConstant.warnings).toContain("essentially perfect fit");
    expect(() => ols({ y: x.map(() => 3), x }, "y ~ x")).toThrow('ols: the dependent variable "y" is constant (every value is 3)');
    expect(() => ols({ y: [3.3, 3.3, 3.3, 3.3, 3.3], x: [1, 2, 3, 4, 5] }, "y ~ x")).toThrow(/ols: the dependent variable "y" is constant/);
  });

  it("returns an exact linear fit with R's 'essentially perfect fit' warning in warnings and summary()", () => {
    expect(R.lmExact.warnings).toBe("essentially perfect fit: summary may be unreliable");
    const m = ols({ y: exactY, x }, "y ~ x");
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0]).toMatch(/essentially perfect fit/);
    expect(summary(m)).toMatch(/Warning: essentially perfect fit/);
    expect(m.r2).toBeCloseTo(1, 12);
    expect(m.fStatistic!.statistic).toBeGreaterThan(0);
  });

  it("a regular fit has no warnings", () => {
    expect(ols({ y: exactY.map((v, i) => v + noise[i]), x }, "y ~ x").warnings).toEqual([]);
  });

  it("refuses columns whose squares overflow (x and y scaled by 1e160 or 1e300) instead of returning NaN estimates", () => {
    for (const s of [1e160, 1e300]) {
      const d = { y: exactY.map((v, i) => (v + noise[i]) * s), x: x.map((v) => v * s) };
      expect(() => ols(d, "y ~ x")).toThrow(/ols: column "y" has values up to .* in magnitude; sums of squares overflow double precision — rescale it/);
    }
  });

  it("calls a column scaled by 1e-300 too small for double precision, not collinear; one scaled by 1e-140 fits with the scaled slope", () => {
    const y = exactY.map((v, i) => v + noise[i]);
    expect(() => ols({ y, x: x.map((v) => v * 1e-300) }, "y ~ x")).toThrow(/ols: column "x" has values of at most .* squares underflow double precision/);
    const plain = ols({ y, x }, "y ~ x");
    const tiny = ols({ y, x: x.map((v) => v * 1e-140) }, "y ~ x");
    // scale-relative rank test: the same fit, slope × 1e140, same t statistic
    expect(tiny.estimates[1] / 1e140).toBeCloseTo(plain.estimates[1], 8);
    expect(tiny.coefficients[1].statistic).toBeCloseTo(plain.coefficients[1].statistic, 6);
  });

  it("refuses a fit whose coefficient variance overflows (columns 1e280 apart in scale)", () => {
    const d = { y: exactY.map((v, i) => (v + noise[i]) * 1e140), x: x.map((v) => v * 1e-140) };
    expect(() => ols(d, "y ~ x")).toThrow(/ols: the estimates or their variances overflow double precision/);
  });

  it("panelFE refuses a response constant within entities (NaN t and an infinite F before); panelRE already did", () => {
    const id = x.map((_, i) => `e${i % 4}`);
    const time = x.map((_, i) => Math.floor(i / 4));
    const d = { y: id.map((e) => e.charCodeAt(1)), x: noise, id, time };
    expect(() => panelFE(d, "y ~ x", { id: "id", time: "time" })).toThrow('panelFE: the dependent variable "y" does not vary within entities');
    expect(() => panelRE(d, "y ~ x", { id: "id", time: "time" })).toThrow(/panelRE: the within regression fits exactly/);
  });
});

describe("exact fits in the spatial models and LM tests", () => {
  const d = { y: exactY, x, id: ids };
  it("spatialLag refuses an exact linear fit (spatialreg lagsarlm stops: system is exactly singular)", () => {
    expect(R.lagsarlmExact.error).toMatch(/exactly singular/);
    expect(() => spatialLag(d, "y ~ x", lattice, { id: "id" })).toThrow(/spatialLag: y is an exact linear function of the regressors .* so rho is not identified/);
  });
  it("spatialError refuses it too (spatialreg errorsarlm returns an arbitrary lambda with warnings)", () => {
    expect(R.errorsarlmExact.nWarnings).toBeGreaterThan(0);
    expect(() => spatialError(d, "y ~ x", lattice, { id: "id" })).toThrow(/spatialError: .* so lambda is not identified/);
  });
  it("lmTests refuses an exact-fit OLS, whose residuals are rounding noise", () => {
    const m = ols(d, "y ~ x", { id: "id" });
    expect(() => lmTests(m, lattice)).toThrow(/lmTests: .* so the LM tests are undefined/);
  });
  it("on a regular fit the LR test is never negative", () => {
    const m = spatialLag({ y: exactY.map((v, i) => v + noise[i]), x, id: ids }, "y ~ x", lattice, { id: "id" });
    expect(m.lrTest.statistic).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(m.lrTest.pValue)).toBe(true);
  });
  it("an interval outside (1/λmin, 1/λmax) is an error naming the admissible range (was inverseTraces: … not positive definite)", () => {
    const dd = { y: exactY.map((v, i) => v + noise[i]), x, id: ids };
    expect(() => spatialLag(dd, "y ~ x", lattice, { id: "id", interval: [1.01, 5] })).toThrow(/spatialLag: interval \[1.01, 5\] reaches outside \(.*, 1\)/);
  });
  it("n = k is refused under the model's name, not olsFit's", () => {
    const w3 = weights.fromMatrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]], ["0", "1", "2"]);
    const d3 = { y: [1, 2, 4], x: [1, 3, 2], z: [2, 1, 5], id: ["0", "1", "2"] };
    expect(() => spatialError(d3, "y ~ x + z", w3, { id: "id" })).toThrow(/^spatialError: n = 3 observations but k = 3/);
  });
});

describe("arguments: null data, missing formula, wrong option types, helper errors", () => {
  it("names the function for null data and a missing formula", () => {
    expect(() => ols(null as never, "y ~ x")).toThrow("ols: data must be a DataFrame or an object of columns (got null)");
    expect(() => ols({ y: exactY, x }, undefined as never)).toThrow('ols: formula must be a string like "y ~ x1 + x2" (got undefined)');
    expect(() => spatialLag(undefined as never, "y ~ x", lattice)).toThrow(/^spatialLag: data must be/);
    expect(() => panelFE(null as never, "y ~ x", { id: "id", time: "t" })).toThrow(/^panelFE: data must be/);
  });
  it("refuses options of the wrong type, naming the option", () => {
    expect(() => ols({ y: exactY, x }, "y ~ x", { vcov: 3 as never })).toThrow('ols: option "vcov" must be a string or an object (got 3)');
    expect(() => spatialLag({ y: exactY, x, id: ids }, "y ~ x", lattice, { id: "id", zeroPolicy: "yes" as never })).toThrow('spatialLag: option "zeroPolicy" must be a boolean (got "yes")');
    expect(() => spatialLag({ y: exactY, x, id: ids }, "y ~ x", lattice, { zeropolicy: true } as never)).toThrow(/spatialLag: unknown option "zeropolicy" \(did you mean "zeroPolicy"\?\)/);
  });
  it("re-throws a helper's error under the public name with the original as cause", () => {
    const inner = new Error("olsFit: design matrix is rank deficient (rank 2 < 3)");
    let caught: Error | undefined;
    try { underName("spatialError", () => { throw inner; }); } catch (e) { caught = e as Error; }
    expect(caught?.message).toBe("spatialError: olsFit: design matrix is rank deficient (rank 2 < 3)");
    expect(caught?.cause).toBe(inner);
    const own = new Error("ols: already named");
    try { underName("ols", () => { throw own; }); } catch (e) { caught = e as Error; }
    expect(caught).toBe(own);
  });
});

describe("indices", () => {
  it("entropyWeights gives finite scores with a ±1.7e308 column (the min–max range overflowed to NaN before)", () => {
    const huge = entropyWeights({ a: [1.7e308, -1.7e308, 0], b: [1, 2, 3] }, ["a", "b"], { direction: "+" });
    const plain = entropyWeights({ a: [1.7, -1.7, 0], b: [1, 2, 3] }, ["a", "b"], { direction: "+" });
    expect(Array.from(huge.scores).every(Number.isFinite)).toBe(true);
    // min–max normalization is scale-invariant: the same scores as the column divided by 1e308
    Array.from(plain.scores).forEach((s, i) => expect(huge.scores[i]).toBeCloseTo(s, 12));
  });
  it("couplingCoordination refuses scores above 1 in every variant (D would leave [0, 1]: 3.16 and 4.16)", () => {
    for (const variant of ["standard", "missing-coefficient", "wang2021"] as const) {
      expect(() => couplingCoordination({ u1: [5, 10], u2: [20, 30], variant })).toThrow(/couplingCoordination: u1 is 5 at row 0; .*\[0, 1\]/);
    }
    expect(() => couplingCoordination({ u1: [0.5, 1.5], u2: [0.2, 0.3], variant: "adjusted", k: 2 })).toThrow(/u1 is 1.5 at row 1/);
    const ok = couplingCoordination({ u1: [0, 1, 0.3], u2: [1, 1, 0.9] });
    expect(Array.from(ok.D).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
  const criteria = Object.freeze({
    cbd: { labelZh: "中央商务区", labelEn: "CBD", criteria: [
      { field: "aera", op: ">=" as const, value: 10, unit: "m²", labelZh: "面积", labelEn: "building area" },
    ] },
  });
  it("certify refuses a criterion field that no zone has, suggesting the near name", () => {
    expect(() => certify([{ name: "Z1", type: "cbd", area: 12 }, { name: "Z2", type: "cbd", area: 8 }], criteria as never))
      .toThrow('certify: criterion "building area" of zone type "cbd" reads field "aera", which no zone has (did you mean "area"?)');
  });
  it("certify([]) says there are no zones", () => {
    expect(() => certify([], criteria as never)).toThrow("certify: no zones to certify (the input has no rows)");
  });
});

describe("strict data loading", () => {
  const saved = process.env.AGGLO_DATASETS_DIR;
  afterEach(() => { if (saved === undefined) delete process.env.AGGLO_DATASETS_DIR; else process.env.AGGLO_DATASETS_DIR = saved; });
  function dataset(text: string): string {
    const root = mkdtempSync(join(tmpdir(), "agglo-csv-"));
    mkdirSync(join(root, "bad"));
    writeFileSync(join(root, "bad", "t.csv"), text);
    process.env.AGGLO_DATASETS_DIR = root;
    return join(root, "bad", "t.csv");
  }
  it("a bad cell in a numeric column is an error naming the file, column, row and value", () => {
    for (const cell of ["abc", "1e999", "0x1", "3;9"]) {
      const file = dataset(`region,gdp\na,1.5\nb,2\nc,${cell}\nd,4\n`);
      expect(() => loadDataset("bad")).toThrow(`loadDataset: ${file}: column "gdp" row 4 holds ${JSON.stringify(cell)}`);
    }
  });
  it("text columns stay text and empty cells stay missing", () => {
    dataset("region,gdp\na,1.5\nb,\nc,3\n");
    const c = loadColumns("bad");
    expect(c.region).toEqual(["a", "b", "c"]);
    expect(c.gdp[0]).toBe(1.5);
    expect(Number.isNaN(c.gdp[1])).toBe(true);
  });
  it("empty, header-only and duplicate-header files get their own errors", () => {
    let file = dataset("");
    expect(() => loadDataset("bad")).toThrow(`loadDataset: ${file} is empty`);
    file = dataset("region,gdp\n");
    expect(() => loadDataset("bad")).toThrow(`loadDataset: ${file} has a header (region, gdp) but no data rows`);
    file = dataset("region,gdp,gdp\na,1,2\n");
    expect(() => loadDataset("bad")).toThrow(`loadDataset: ${file}: column "gdp" appears twice in the header (columns 2 and 3)`);
  });
  it("loadDataset(undefined) names the argument and lists the datasets", () => {
    expect(() => loadDataset(undefined as never)).toThrow(/^loadDataset: name must be a dataset folder name such as "china-provinces" \(got undefined\); datasets: /);
  });
});

describe("weights.fromGeoJSON geometry checks", () => {
  const square = (x0: number) => [[x0, 0], [x0 + 1, 0], [x0 + 1, 1], [x0, 1], [x0, 0]];
  const fc = (rings: unknown[]) => ({ type: "FeatureCollection", features: rings.map((r, i) => ({ id: `r${i}`, properties: {}, geometry: { type: "Polygon", coordinates: r } })) });
  it("two closed touching squares are neighbours", () => {
    const w = weights.fromGeoJSON(fc([[square(0)], [square(1)]]));
    expect(w.neighbors).toEqual([[1], [0]]);
    expect(w.islands).toEqual([]);
  });
  it("refuses an unclosed ring (it made touching regions islands)", () => {
    expect(() => weights.fromGeoJSON(fc([[square(0).slice(0, 4)], [square(1)]]))).toThrow(/fromGeoJSON: feature "r0" ring 1 is not closed \(first position \[0, 0\], last \[0, 1\]\)/);
  });
  it("refuses a Polygon with coordinates: []", () => {
    expect(() => weights.fromGeoJSON(fc([[], [square(1)]]))).toThrow('fromGeoJSON: feature "r0" has a Polygon with no coordinates (empty geometry)');
  });
});

describe("showTable options", () => {
  const t = { a: [1, 2, 3] };
  it("refuses maxRows that are not whole numbers ≥ 1", () => {
    for (const m of [-1, 0, 2.5]) expect(() => tableHTML(t, { maxRows: m })).toThrow(`showTable: maxRows must be a whole number ≥ 1 (got ${m})`);
  });
  it("refuses digits outside 1 to 17 (a raw RangeError from toPrecision before)", () => {
    for (const d of [-3, 0, 200]) expect(() => tableHTML(t, { digits: d })).toThrow(`showTable: digits must be a whole number from 1 to 17 (significant digits; got ${d})`);
  });
  it("refuses a misspelled option", () => {
    expect(() => tableHTML(t, { maxrows: 5 } as never)).toThrow(/showTable: unknown option "maxrows" \(did you mean "maxRows"\?\)/);
  });
});
