/**
 * Plain-text and HTML summaries of panel models (private to lib/panel).
 */
import type { ModelResult } from "../core/types";

function num(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e7)) return x.toExponential(digits - 2);
  return x.toPrecision(digits);
}

function pval(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p < 2.2e-16) return "<2e-16";
  if (p < 1e-4) return p.toExponential(2);
  return p.toFixed(4);
}

function starsOf(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

function escapeHTML(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coefficient table rows as strings: term, estimate, SE, statistic, p, stars. */
function coefCells(m: ModelResult): string[][] {
  return m.coefficients.map((c) => [c.term, num(c.estimate), num(c.stdError), num(c.statistic, 4), pval(c.pValue), starsOf(c.pValue)]);
}

/**
 * Plain-text summary: header lines, coefficient table, fit statistics, a closing note.
 */
export function panelSummaryText(m: ModelResult, header: [string, string][], fit: [string, number][], note?: string): string {
  const lines: string[] = [];
  lines.push(m.method);
  lines.push(`Formula: ${m.formula}    Dependent variable: ${m.dependent}`);
  for (const [k, v] of header) lines.push(`${k}: ${v}`);
  lines.push("");
  const head = ["", "Estimate", "Std. Error", `${m.statisticName} value`, `Pr(>|${m.statisticName}|)`, ""];
  const rows = [head, ...coefCells(m)];
  const widths = head.map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const r of rows) {
    lines.push(r.map((c, j) => (j === 0 || j === 5 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd());
  }
  lines.push("---");
  lines.push("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1");
  lines.push("");
  lines.push(fit.map(([k, v]) => `${k}: ${num(v)}`).join("    "));
  if (note) lines.push(note);
  return lines.join("\n");
}

/** HTML table of the coefficients with a caption (method, n, standard-error type) and fit rows. */
export function panelSummaryHTML(m: ModelResult): string {
  const cells = coefCells(m);
  const head = ["Term", "Estimate", "Std. Error", `${m.statisticName}`, "p", ""];
  const fit = Object.entries(m.fit).map(([k, v]) => `${escapeHTML(k)} = ${num(v)}`).join("; ");
  return [
    `<table class="lib-model">`,
    `<caption>${escapeHTML(m.method)}: ${escapeHTML(m.formula)} (n = ${m.n}; SE: ${escapeHTML(m.vcovType)})</caption>`,
    `<thead><tr>${head.map((h) => `<th>${escapeHTML(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...cells.map((r) => `<tr>${r.map((c, j) => `<td${j > 0 ? ' style="text-align:right"' : ""}>${escapeHTML(c)}</td>`).join("")}</tr>`),
    `</tbody>`,
    `<tfoot><tr><td colspan="6">${fit}</td></tr></tfoot>`,
    `</table>`,
  ].join("\n");
}
