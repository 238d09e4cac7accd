import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it, expect } from "vitest";
import { stars, starsLegend, formatSignificant, formatPValue, formatFixed, coefficientTableText, summaryText, summaryHTML } from "../lib/report";

describe("stars", () => {
  it("gives one star per cutoff the p-value is strictly below (default 0.1, 0.05, 0.01)", () => {
    expect(stars(0.2)).toBe("");
    expect(stars(0.1)).toBe("");
    expect(stars(0.09)).toBe("*");
    expect(stars(0.05)).toBe("*");
    expect(stars(0.049)).toBe("**");
    expect(stars(0.001)).toBe("***");
    expect(stars(NaN)).toBe("");
  });
  it("accepts other cutoffs in any order (R's summary.lm set)", () => {
    expect(stars(0.0004, [0.001, 0.05, 0.01])).toBe("***");
    expect(stars(0.03, [0.001, 0.01, 0.05])).toBe("*");
    expect(() => stars(0.1, [0, 0.05])).toThrow("stars: cutoffs must be in (0, 1], got 0");
  });
  it("has a legend", () => {
    expect(starsLegend()).toBe("*** p < 0.01, ** p < 0.05, * p < 0.1");
  });
});

describe("number formatting", () => {
  it("formats 6 significant digits like R's format(x, digits = 6)", () => {
    expect(formatSignificant(3.14159265)).toBe("3.14159");
    expect(formatSignificant(-1.07353346541916)).toBe("-1.07353");
    expect(formatSignificant(46.8514310099777)).toBe("46.8514");
    expect(formatSignificant(0.000012345)).toBe("1.2345e-05");
    expect(formatSignificant(123456789)).toBe("123456789");
    expect(formatSignificant(0)).toBe("0");
    expect(formatSignificant(NaN)).toBe("NA");
  });
  it("formats p-values like format.pval(digits = 4)", () => {
    expect(formatPValue(0.0123456)).toBe("0.01235");
    expect(formatPValue(1.503e-10)).toBe("1.503e-10");
    expect(formatPValue(1e-20)).toBe("< 2.2e-16");
  });
  it("fixed decimals never print -0", () => {
    expect(formatFixed(-0.0001, 2)).toBe("0.00");
    expect(formatFixed(2.5, 3)).toBe("2.500");
  });
});

describe("summaries", () => {
  const rows = [
    { term: "(Intercept)", estimate: 68.6189611, stdError: 4.7354861, statistic: 14.490483, pValue: 9.4e-19 },
    { term: "INC", estimate: -1.5973108, stdError: 0.3341308, statistic: -4.780496, pValue: 1.83e-5 },
  ];
  it("aligns a coefficient table with stars", () => {
    const t = coefficientTableText(rows, "t").split("\n");
    expect(t[0]).toContain("Estimate");
    expect(t[0]).toContain("Pr(>|t|)");
    expect(t[1]).toMatch(/^\(Intercept\)\s+68\.619\s+4\.73549\s+14\.49\s+< 2\.2e-16 \*\*\*$/);
    expect(new Set(t.map((l) => l.trimEnd().length)).size).toBeLessThanOrEqual(2);
  });
  it("renders the header, table, fit, tests and notes as text and escaped HTML", () => {
    const spec = {
      method: "Demo <model>", header: [["Dependent variable", "y"]] as [string, string][], coefficients: rows, statisticName: "z" as const,
      fit: [["Log-likelihood", -10.5]] as [string, number][], tests: [{ name: "LR", statistic: 3.2, df: 1, pValue: 0.07 }], notes: ["note & more"],
    };
    const s = summaryText(spec);
    for (const needle of ["Demo <model>", "Dependent variable : y", "z value", "Log-likelihood : -10.5", "LR : 3.2 on 1 df, p-value 0.07", "note & more"]) expect(s).toContain(needle);
    const h = summaryHTML(spec);
    expect(h).toContain("Demo &lt;model&gt;");
    expect(h).toContain("note &amp; more");
    expect(h).not.toContain("<model>");
  });
});

describe("one report layer", () => {
  it("formats numbers for display only in lib/report/format.ts (no toFixed/toPrecision/toExponential elsewhere in lib, outside lib/data's numeric conversions and comments)", () => {
    const root = path.join(__dirname, "..", "lib");
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    const offenders: string[] = [];
    for (const f of files) {
      const rel = f.split(path.sep).join("/");
      if (rel === "report/format.ts" || rel.startsWith("data/")) continue;
      fs.readFileSync(path.join(root, f), "utf8").split("\n").forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "");
        if (/^\s*\*/.test(line)) return; // JSDoc
        if (/\.(toFixed|toPrecision|toExponential)\(/.test(code)) offenders.push(`lib/${rel}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
