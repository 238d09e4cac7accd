import type { CoefficientRow } from "../core/types";
import { escapeHtml, formatSignificant, formatPValue, stars, starsLegend } from "./format";

/**
 * What a model summary shows: the header facts, the coefficient table and fit statistics.
 * Every estimator fills one of these and calls {@link summaryText} / {@link summaryHTML}, so all
 * summaries in `lib/` look alike (layout after R's `summary.lm` and PySAL spreg's summaries).
 */
export interface SummarySpec {
  /** Long method name, the title line. */
  method: string;
  /** Header facts as [label, value] pairs (dependent variable, weights, n, k, df, standard errors...). */
  header: [string, string | number][];
  coefficients: CoefficientRow[];
  /** "t" or "z": column headings become "t value", "Pr(>|t|)". */
  statisticName: "t" | "z";
  /** Extra parameter rows shown above the coefficients (e.g. rho, lambda), same layout. */
  spatialRows?: CoefficientRow[];
  /** Fit statistics as [label, value] pairs. */
  fit: [string, string | number][];
  /** Test rows: [name, statistic, df, p-value]. */
  tests?: { name: string; statistic: number; df: number | string; pValue: number }[];
  /** Free-text notes printed at the end. */
  notes?: string[];
  /** Star cutoffs (default [0.1, 0.05, 0.01]). */
  stars?: readonly number[];
}

function fmtCell(v: string | number): string {
  return typeof v === "number" ? formatSignificant(v) : v;
}

/**
 * A coefficient table as aligned plain text.
 * @example coefficientTableText([{ term: "x", estimate: 2, stdError: 0.5, statistic: 4, pValue: 0.0001 }], "t")
 * // "  Estimate Std. Error t value Pr(>|t|)    \nx        2        0.5       4   0.0001 ***"
 */
export function coefficientTableText(rows: CoefficientRow[], statisticName: "t" | "z", cutoffs?: readonly number[]): string {
  const head = ["", "Estimate", "Std. Error", `${statisticName} value`, `Pr(>|${statisticName}|)`, ""];
  const body = rows.map((r) => [
    r.term, formatSignificant(r.estimate), formatSignificant(r.stdError), formatSignificant(r.statistic, 5), formatPValue(r.pValue), stars(r.pValue, cutoffs),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  return all
    .map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : j === 5 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join(" "))
    .join("\n");
}

function pairsText(pairs: [string, string | number][]): string {
  const w = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(w)} : ${fmtCell(v)}`).join("\n");
}

/**
 * Plain-text model summary (method, header facts, coefficient table, fit statistics, tests, notes).
 * @example summaryText({ method: "OLS", header: [["Dependent variable", "y"]], coefficients: [], statisticName: "t", fit: [] })
 */
export function summaryText(spec: SummarySpec): string {
  const cut = spec.stars ?? [0.1, 0.05, 0.01];
  const rows = [...(spec.spatialRows ?? []), ...spec.coefficients];
  const table = coefficientTableText(rows, spec.statisticName, cut);
  const width = Math.max(60, ...table.split("\n").map((l) => l.length));
  const rule = "-".repeat(width);
  // a test result has no coefficient table (and so no significance legend)
  const parts = rows.length > 0 ? [spec.method, "=".repeat(width), pairsText(spec.header), rule, table, rule] : [spec.method, "=".repeat(width), pairsText(spec.header)];
  if (spec.fit.length) parts.push(...(rows.length > 0 ? [] : [rule]), pairsText(spec.fit));
  if (spec.tests && spec.tests.length) {
    parts.push(rule);
    const w = Math.max(...spec.tests.map((t) => t.name.length));
    for (const t of spec.tests) {
      parts.push(`${t.name.padEnd(w)} : ${formatSignificant(t.statistic)} on ${t.df} df, p-value ${formatPValue(t.pValue)}`);
    }
  }
  parts.push(rule);
  if (rows.length > 0) parts.push(`Signif. codes: ${starsLegend(cut)}`);
  for (const n of spec.notes ?? []) parts.push(n);
  return parts.join("\n");
}

/**
 * HTML summary: a header list, the coefficient table and fit statistics, styled inline so it renders the
 * same in a notebook and in exported HTML.
 * @example summaryHTML({ method: "OLS", header: [], coefficients: [], statisticName: "t", fit: [] }).startsWith("<div") // true
 */
export function summaryHTML(spec: SummarySpec): string {
  const cut = spec.stars ?? [0.1, 0.05, 0.01];
  const td = 'style="padding:2px 8px;text-align:right"';
  const tdl = 'style="padding:2px 8px;text-align:left"';
  const s = spec.statisticName;
  const rows = [...(spec.spatialRows ?? []), ...spec.coefficients].map((r) =>
    `<tr><td ${tdl}>${escapeHtml(r.term)}</td><td ${td}>${formatSignificant(r.estimate)}</td><td ${td}>${formatSignificant(r.stdError)}</td>` +
    `<td ${td}>${formatSignificant(r.statistic, 5)}</td><td ${td}>${escapeHtml(formatPValue(r.pValue))}</td><td ${tdl}>${stars(r.pValue, cut)}</td></tr>`,
  ).join("");
  const pairs = (ps: [string, string | number][]) => ps.map(([k, v]) =>
    `<tr><th ${tdl}>${escapeHtml(k)}</th><td ${tdl}>${escapeHtml(fmtCell(v))}</td></tr>`).join("");
  const tests = (spec.tests ?? []).map((t) =>
    `<tr><td ${tdl}>${escapeHtml(t.name)}</td><td ${td}>${formatSignificant(t.statistic)}</td><td ${td}>${escapeHtml(String(t.df))}</td><td ${td}>${escapeHtml(formatPValue(t.pValue))}</td></tr>`).join("");
  return [
    `<div class="model-summary" style="font-family:sans-serif;font-size:13px">`,
    `<div style="font-weight:bold;margin:4px 0">${escapeHtml(spec.method)}</div>`,
    `<table style="border-collapse:collapse;margin-bottom:6px">${pairs(spec.header)}</table>`,
    rows ? `<table style="border-collapse:collapse;border-top:1px solid #444;border-bottom:1px solid #444">` +
      `<thead><tr><th ${tdl}></th><th ${td}>Estimate</th><th ${td}>Std. Error</th><th ${td}>${s} value</th><th ${td}>Pr(&gt;|${s}|)</th><th></th></tr></thead>` +
      `<tbody>${rows}</tbody></table>` : "",
    spec.fit.length ? `<table style="border-collapse:collapse;margin-top:6px">${pairs(spec.fit)}</table>` : "",
    tests ? `<table style="border-collapse:collapse;margin-top:6px"><thead><tr><th ${tdl}>Test</th><th ${td}>Statistic</th><th ${td}>df</th><th ${td}>p-value</th></tr></thead><tbody>${tests}</tbody></table>` : "",
    rows ? `<div style="font-size:11px;color:#555">${escapeHtml(starsLegend(cut))}</div>` : "",
    ...(spec.notes ?? []).map((n) => `<div style="font-size:11px;color:#555">${escapeHtml(n)}</div>`),
    `</div>`,
  ].join("");
}
