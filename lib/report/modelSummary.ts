/**
 * `summary(fit)` and `toHTML(fit)` for every fitted model and test result of lib/, built from the data the fit
 * carries (its `report` parts, coefficients and variance) — one pair of functions, as R's S3 `summary` methods and
 * fixest's `summary(est, vcov = ...)`, not closures rebuilt per estimator. `makeFit` gives an estimator's result
 * the shared methods `summary()`, `toHTML()`, `coef(term)` and `withVcov(spec)` from one prototype.
 */
import type { CoefficientRow } from "../core/types";
import { withVcov, type Fit, type ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { summaryHTML, summaryText, type SummarySpec } from "./summary";
import { escapeHtml, formatNumber } from "./format";

/** Options of {@link summary} and {@link toHTML}. */
export interface SummaryOptions {
  /** Recompute the standard errors under this variance first (least-squares fits; see `vcov`). */
  vcov?: VcovSpec;
}

/** Anything the shared summary can print: a fit, or a test result with `report` parts. */
export interface Reportable {
  report: ReportParts;
  coefficients?: CoefficientRow[];
  statisticName?: "t" | "z";
  vcovType?: string;
  /** A fit's variance store (other results may use the name for their own field; it is read only for fits). */
  variance?: unknown;
  inference?: unknown;
}

function specOf(x: Reportable): SummarySpec {
  const r = x.report;
  const header = [...r.header];
  const notes = [...(r.notes ?? [])];
  if (x.vcovType !== undefined && x.coefficients && x.coefficients.length > 0) {
    header.push(["Standard errors", x.vcovType]);
    const variance = x.variance as { detail?: string; dfTest?: number | null } | undefined;
    const inference = x.inference as { type?: string; dfResidual?: number } | undefined;
    const df = variance?.dfTest;
    const dfRes = inference?.type === "leastSquares" ? inference.dfResidual : undefined;
    if (typeof df === "number" && dfRes !== undefined && df !== dfRes) header.push(["Test df", `t tests use ${df} df (residual df ${dfRes})`]);
    if (variance?.detail) notes.push(`Standard errors: ${variance.detail}.`);
  }
  return {
    method: r.title,
    header,
    coefficients: x.coefficients ?? [],
    statisticName: x.statisticName ?? "z",
    spatialRows: r.spatialRows,
    fit: r.statistics,
    tests: r.tests,
    notes,
  };
}

function tableText(t: NonNullable<ReportParts["table"]>): string {
  const cells = t.rows.map((row) => row.map((v) => (typeof v === "number" ? formatNumber(v) : v)));
  const all = [t.columns, ...cells];
  const widths = t.columns.map((_, j) => Math.max(...all.map((r) => String(r[j] ?? "").length)));
  return [t.caption, ...all.map((r) => r.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join("  "))].join("\n");
}

function tableHTML(t: NonNullable<ReportParts["table"]>): string {
  const td = 'style="padding:2px 8px;text-align:right"';
  const head = t.columns.map((c) => `<th ${td}>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((row) => `<tr>${row.map((v) => `<td ${td}>${escapeHtml(typeof v === "number" ? formatNumber(v) : v)}</td>`).join("")}</tr>`).join("");
  return `<table style="border-collapse:collapse;margin-top:6px"><caption style="text-align:left">${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function prepared(x: Reportable, options: SummaryOptions | undefined, fn: string): Reportable {
  if (!x || typeof x !== "object" || !x.report) throw new Error(`${fn}: not a fitted model or test result of lib/ (no report parts)`);
  if (options?.vcov !== undefined) {
    if (!("inference" in x) || !x.inference) throw new Error(`${fn}: { vcov } applies to fitted models, not to this result`);
    return withVcov(x as unknown as Fit, options.vcov) as unknown as Reportable;
  }
  return x;
}

/**
 * Plain-text summary of a fitted model or test result (layout after R's `summary.lm` and PySAL spreg).
 *
 * Long name: model summary (text).
 * @param x a fit or test result of lib/
 * @param options `vcov`: print the coefficients under another variance (no refit)
 * @throws `summary: not a fitted model or test result of lib/`; vcov errors as `vcov`
 * @example console.log(summary(ols(columbus, "CRIME ~ INC + HOVAL"), { vcov: "HC1" }));
 */
export function summary(x: Reportable, options?: SummaryOptions): string {
  const y = prepared(x, options, "summary");
  const text = summaryText(specOf(y));
  return y.report.table ? `${text}\n${tableText(y.report.table)}` : text;
}

/**
 * HTML summary of a fitted model or test result, styled inline so it renders alike in a notebook and in exported HTML.
 *
 * Long name: model summary (HTML).
 * @param x a fit or test result of lib/
 * @param options `vcov` as {@link summary}
 * @throws as {@link summary}
 * @example toHTML(ols(columbus, "CRIME ~ INC + HOVAL")).startsWith('<div class="model-summary"') // true
 */
export function toHTML(x: Reportable, options?: SummaryOptions): string {
  const y = prepared(x, options, "toHTML");
  const html = summaryHTML(specOf(y));
  return y.report.table ? html.replace(/<\/div>$/, `${tableHTML(y.report.table)}</div>`) : html;
}

/** The one prototype of every result of lib/: its methods call the shared functions. */
const RESULT_METHODS = {
  summary(this: Reportable, options?: SummaryOptions): string { return summary(this, options); },
  toHTML(this: Reportable, options?: SummaryOptions): string { return toHTML(this, options); },
  toString(this: Reportable): string { return summary(this); },
  coef(this: { coefficients: CoefficientRow[]; report?: ReportParts }, term: string): CoefficientRow {
    const rows = [...(this.report?.spatialRows ?? []), ...this.coefficients];
    const row = rows.find((c) => c.term === term);
    if (!row) throw new Error(`coef: no term "${term}" (terms: ${rows.map((c) => c.term).join(", ")})`);
    return row;
  },
  withVcov(this: Fit, spec: VcovSpec): Fit { return withVcov(this, spec); },
};

/** The shared methods every result gets from {@link makeFit} / {@link makeResult}. */
export type ResultMethods = typeof RESULT_METHODS;

/**
 * Give a fitted model's data the shared methods (`summary()`, `toHTML()`, `coef()`, `withVcov()`), from one
 * prototype: the estimator builds only data.
 * @param fields the fit's fields (everything of `Fit` except the methods)
 * @returns the same object, with the shared prototype
 */
export function makeFit<F extends Fit>(fields: Omit<F, keyof ResultMethods | "summary" | "toHTML">): F {
  return Object.setPrototypeOf(fields, RESULT_METHODS) as F;
}

/**
 * Give a test result's data (`report` parts and its own fields) the shared `summary()` and `toHTML()`.
 * @param fields the result's fields
 */
export function makeResult<R extends Reportable & { summary(): string; toHTML(): string }>(fields: Omit<R, "summary" | "toHTML">): R {
  return Object.setPrototypeOf(fields, RESULT_METHODS) as R;
}
