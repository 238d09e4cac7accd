/**
 * Side-by-side regression tables, as Stata's `esttab` (Jann 2007, "Making regression tables
 * simplified", Stata Journal 7(2)) and the tables of Chinese empirical papers print them.
 */
import type { ModelResult } from "../core/types";
import { stars as starsFor, starsLegend, escapeHtml, formatFixed } from "./format";
import { withVcov, type Fit } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";

/** Options of {@link regTable}. */
export interface RegTableOptions {
  /**
   * Significance cutoffs for one, two and three stars, largest first or in any order
   * (default [0.1, 0.05, 0.01]: * p < 0.1, ** p < 0.05, *** p < 0.01).
   */
  stars?: number[];
  /** Display labels of terms, e.g. `{ lnfin: "ln financial agglomeration" }`. */
  labels?: Record<string, string>;
  /** Column headings (default "(1)", "(2)", ...). */
  modelNames?: string[];
  /** Keep only these terms (exact names or regular expressions). */
  keep?: (string | RegExp)[];
  /** Drop these terms (exact names or regular expressions). */
  drop?: (string | RegExp)[];
  /** Terms listed first, in this order; the rest follow in order of first appearance. */
  order?: string[];
  /** What goes in parentheses under each estimate (default "stdError"; "statistic" gives t or z). */
  se?: "stdError" | "statistic";
  /** Decimal places of estimates and standard errors (default 3). */
  digits?: number;
  /** Row labels of absorbed effects keyed by the effect's column, e.g. `{ province: "Province FE" }` (default: capitalized column + " FE"). */
  feLabels?: Record<string, string>;
  /** Extra fit statistics to show, keyed by `fit` name with a label, e.g. `{ logLik: "Log-likelihood" }`. */
  stats?: Record<string, string>;
  /**
   * Recompute every least-squares model's standard errors under this variance before tabulating (no refit), e.g.
   * `{ cluster: "province" }`; one spec for all models, or one per model (`null` keeps that model's own).
   * Maximum-likelihood models keep their information-matrix variance.
   */
  vcov?: VcovSpec | (VcovSpec | null)[];
  /**
   * Add the direct, indirect and total effects of every model that has them (spatial lag, Durbin, SAC fits: their
   * `impacts(options)`), under the coefficients, as Chinese SDM tables print them; `{ inference: "delta" }` for
   * delta-method standard errors and stars, `{ simulations: 1000, seed: 1 }` for simulated ones (without either the
   * effects are printed without them); a note says which.
   */
  impacts?: Record<string, unknown>;
}

interface ImpactsLike {
  terms: string[];
  rows: { term: string; direct: number; indirect: number; total: number }[];
  seed?: number | null;
  inference: null | { method?: "delta" | "simulation"; draws?: number; directStdError: ArrayLike<number>; indirectStdError: ArrayLike<number>; totalStdError: ArrayLike<number>;
    directPValue: ArrayLike<number>; indirectPValue: ArrayLike<number>; totalPValue: ArrayLike<number> };
}

/** One table row: a label and one cell per model. */
export interface RegTableRow {
  label: string;
  cells: string[];
  /** "coef" (estimate), "se" (the parenthesized line), "fe", "stat". */
  kind: "coef" | "se" | "fe" | "stat";
}

/** A rendered regression table. */
export interface RegTable {
  /** Column headings. */
  modelNames: string[];
  /** Dependent variable of each model. */
  dependents: string[];
  rows: RegTableRow[];
  /** Footnotes (what is in parentheses, the stars, the R² definition, SE types). */
  notes: string[];
  toText(): string;
  toHTML(): string;
  toMarkdown(): string;
  toCSV(): string;
  toString(): string;
}

function matches(term: string, pats: (string | RegExp)[]): boolean {
  return pats.some((p) => (typeof p === "string" ? p === term : p.test(term)));
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A model's coefficient rows followed by its spatial parameter rows (rho, lambda), which the table prints too. */
function rowsOf(m: ModelResult): ModelResult["coefficients"] {
  const spatial = (m as Partial<Fit>).report?.spatialRows ?? [];
  return [...m.coefficients, ...spatial.filter((r) => !m.coefficients.some((c) => c.term === r.term))];
}

function r2Of(m: ModelResult): { value: number; within: boolean } | null {
  const anyM = m as unknown as Record<string, unknown>;
  if (typeof anyM.r2Within === "number") return { value: anyM.r2Within, within: true };
  if (typeof m.fit.r2Within === "number") return { value: m.fit.r2Within, within: true };
  if (typeof m.fit.r2 === "number") return { value: m.fit.r2, within: false };
  return null;
}

/**
 * Build a regression table from fitted models of any type in lib (it reads only
 * `ModelResult` fields: coefficients, n, fit, fixedEffects, statisticName, vcovType).
 *
 * Estimates carry stars by p-value; standard errors (or t/z statistics) sit beneath in
 * parentheses; then rows "Province FE: Yes/No" for every absorbed effect any model has,
 * N, and R² (the within R² for fixed-effects models, said in a note).
 * @param models fitted models, one column each
 * @param options see {@link RegTableOptions}
 * @throws `regTable: no models given`; `regTable: model 2 is not a fitted model (no coefficients)`;
 *   `regTable: stars must be between 0 and 1`
 * @example
 * // plm::Grunfeld: (1) inv ~ value, firm FE; (2) inv ~ value + capital, two-way FE; both clustered by firm
 * console.log(regTable([m1, m2], { labels: { value: "Market value" } }).toText());
 * // --------------------------------
 * //                    (1)       (2)
 * // Dependent variable: inv
 * // --------------------------------
 * // Market value  0.190***  0.118***
 * //                (0.038)   (0.011)
 * // capital                 0.358***
 * //                          (0.048)
 * // --------------------------------
 * // Firm FE            Yes       Yes
 * // Year FE             No       Yes
 * // N                  200       200
 * // R²               0.371     0.720
 * // --------------------------------
 * // Standard errors in parentheses. ...
 */
export function regTable(fits: ModelResult[], options: RegTableOptions = {}): RegTable {
  const fn = "regTable";
  if (!Array.isArray(fits) || fits.length === 0) throw new Error(`${fn}: no models given`);
  fits.forEach((m, i) => {
    if (!m || !Array.isArray(m.coefficients)) throw new Error(`${fn}: model ${i + 1} is not a fitted model (no coefficients)`);
  });
  const specs = options.vcov === undefined ? fits.map(() => null)
    : Array.isArray(options.vcov) ? options.vcov : fits.map(() => options.vcov as VcovSpec);
  if (specs.length !== fits.length) throw new Error(`${fn}: ${specs.length} vcov specs for ${fits.length} models`);
  const models: ModelResult[] = fits.map((m, i) => {
    const spec = specs[i];
    if (spec === null || spec === undefined) return m;
    const f = m as Partial<Fit>;
    if (!f.inference) throw new Error(`${fn}: model ${i + 1} carries no inference pieces, so its standard errors cannot be recomputed`);
    return f.inference.type === "leastSquares" ? withVcov(m as Fit, spec) : m;
  });
  const cutoffs = [...(options.stars ?? [0.1, 0.05, 0.01])].sort((a, b) => b - a);
  for (const c of cutoffs) if (!(c > 0 && c < 1)) throw new Error(`${fn}: stars must be between 0 and 1 (got ${c})`);
  const digits = options.digits ?? 3;
  const seKind = options.se ?? "stdError";
  if (seKind !== "stdError" && seKind !== "statistic") throw new Error(`${fn}: se must be "stdError" or "statistic" (got ${JSON.stringify(seKind)})`);
  const modelNames = options.modelNames ?? models.map((_, i) => `(${i + 1})`);
  if (modelNames.length !== models.length) throw new Error(`${fn}: ${modelNames.length} model names for ${models.length} models`);
  const labels = options.labels ?? {};

  // terms in order of first appearance, then keep/drop/order
  let terms: string[] = [];
  for (const m of models) for (const c of rowsOf(m)) if (!terms.includes(c.term)) terms.push(c.term);
  if (options.keep) terms = terms.filter((t) => matches(t, options.keep!));
  if (options.drop) terms = terms.filter((t) => !matches(t, options.drop!));
  if (options.order) {
    const first = options.order.filter((t) => terms.includes(t));
    terms = [...first, ...terms.filter((t) => !first.includes(t))];
  }

  const fmt = (x: number) => (Number.isFinite(x) ? formatFixed(x, digits) : "");
  const starOf = (p: number) => starsFor(p, cutoffs);
  const rows: RegTableRow[] = [];
  for (const term of terms) {
    const est: string[] = [];
    const se: string[] = [];
    for (const m of models) {
      const c = rowsOf(m).find((r) => r.term === term);
      if (!c) { est.push(""); se.push(""); continue; }
      est.push(fmt(c.estimate) + starOf(c.pValue));
      se.push(`(${fmt(seKind === "stdError" ? c.stdError : c.statistic)})`);
    }
    rows.push({ label: labels[term] ?? term, cells: est, kind: "coef" });
    rows.push({ label: "", cells: se, kind: "se" });
  }
  // effects rows (spatial lag-type models)
  const impactNotes: string[] = [];
  if (options.impacts) {
    const imps = models.map((m) => {
      const f = (m as unknown as { impacts?: (o: unknown) => ImpactsLike; impactsInput?: unknown }).impacts;
      if (typeof f !== "function" || !(m as unknown as { impactsInput?: unknown }).impactsInput) return null;
      return f.call(m, options.impacts) as ImpactsLike;
    });
    if (imps.every((x) => x === null)) throw new Error(`${fn}: { impacts } was given but no model has direct and indirect effects (spatial lag, Durbin or SAC fits)`);
    for (const im of imps) {
      const inf = im?.inference;
      if (!inf) continue;
      const note = inf.method === "delta" ? "Impacts: delta-method standard errors."
        : `Impacts: simulated standard errors (${inf.draws} draws${im?.seed != null ? `, seed ${im.seed}` : ""}).`;
      if (!impactNotes.includes(note)) impactNotes.push(note);
    }
    const impTerms: string[] = [];
    for (const im of imps) for (const t of im?.terms ?? []) if (!impTerms.includes(t)) impTerms.push(t);
    for (const kind of ["direct", "indirect", "total"] as const) {
      for (const term of impTerms.filter((t) => !options.drop || !matches(t, options.drop))) {
        const est: string[] = [], se: string[] = [];
        for (const im of imps) {
          const i = im ? im.terms.indexOf(term) : -1;
          if (!im || i < 0) { est.push(""); se.push(""); continue; }
          const inf = im.inference;
          est.push(fmt(im.rows[i][kind]) + (inf ? starOf(inf[`${kind}PValue`][i]) : ""));
          se.push(inf ? `(${fmt(inf[`${kind}StdError`][i])})` : "");
        }
        rows.push({ label: `${kind[0].toUpperCase()}${kind.slice(1)}: ${labels[term] ?? term}`, cells: est, kind: "coef" });
        rows.push({ label: "", cells: se, kind: "se" });
      }
    }
  }
  // fixed effects rows
  const feCols: string[] = [];
  for (const m of models) {
    const fe = m.fixedEffects;
    if (!fe) continue;
    for (const v of [fe.entity, fe.time]) if (v && !feCols.includes(v)) feCols.push(v);
  }
  for (const col of feCols) {
    const label = options.feLabels?.[col] ?? `${capitalize(col)} FE`;
    rows.push({
      label, kind: "fe",
      cells: models.map((m) => (m.fixedEffects && (m.fixedEffects.entity === col || m.fixedEffects.time === col) ? "Yes" : "No")),
    });
  }
  rows.push({ label: "N", kind: "stat", cells: models.map((m) => String(m.n)) });
  const r2s = models.map(r2Of);
  if (r2s.some((r) => r !== null)) {
    rows.push({ label: "R²", kind: "stat", cells: r2s.map((r) => (r ? formatFixed(r.value, digits) : "")) });
  }
  for (const [key, label] of Object.entries(options.stats ?? {})) {
    rows.push({ label, kind: "stat", cells: models.map((m) => (typeof m.fit[key] === "number" ? fmt(m.fit[key]) : "")) });
  }
  const dependents = models.map((m) => m.dependent);

  const notes: string[] = [];
  const statName = [...new Set(models.map((m) => m.statisticName))].join("/");
  notes.push(`${seKind === "stdError" ? "Standard errors" : `${statName} statistics`} in parentheses.`);
  notes.push(starsLegend(cutoffs) + ".");
  if (r2s.some((r) => r?.within)) notes.push("R² is the within R² for fixed-effects models.");
  notes.push(...impactNotes);
  const vtypes = [...new Set(models.map((m) => m.vcovType))];
  if (vtypes.length === 1) notes.push(`Standard errors: ${vtypes[0]}.`);
  else models.forEach((m, i) => notes.push(`${modelNames[i]} standard errors: ${m.vcovType}.`));

  const header = ["", ...modelNames];
  const depRow = dependents.every((d) => d === dependents[0]) ? null : ["Dependent", ...dependents];
  const body = rows.map((r) => [r.label, ...r.cells]);

  const toText = () => {
    const all = [header, ...(depRow ? [depRow] : []), ...body];
    const widths = header.map((_, j) => Math.max(...all.map((r) => r[j].length)));
    const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[0]) : c.padStart(widths[j]))).join("  ");
    const rule = "-".repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
    const out = [rule, line(header)];
    if (depRow) out.push(line(depRow));
    else out.push(`Dependent variable: ${dependents[0]}`);
    out.push(rule);
    let fePrinted = false;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].kind !== "coef" && rows[i].kind !== "se" && !fePrinted) { out.push(rule); fePrinted = true; }
      out.push(line(body[i]));
    }
    out.push(rule);
    out.push(...notes);
    return out.join("\n");
  };
  const toMarkdown = () => {
    const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\*/g, "\\*");
    const out = [`| ${header.map(esc).join(" | ")} |`, `|${header.map((_, j) => (j === 0 ? ":---" : "---:")).join("|")}|`];
    if (depRow) out.push(`| ${depRow.map(esc).join(" | ")} |`);
    for (const r of body) out.push(`| ${r.map(esc).join(" | ")} |`);
    out.push("");
    out.push(notes.map(esc).join(" "));
    return out.join("\n");
  };
  const toCSV = () => {
    const out = [header, ...(depRow ? [depRow] : [["Dependent", ...dependents]]), ...body];
    return out.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  };
  const toHTML = () => {
    const td = (c: string, j: number) => `<td${j > 0 ? ' style="text-align:center"' : ""}>${escapeHtml(c)}</td>`;
    const lines = [`<table class="lib-regtable">`, `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`];
    lines.push(`<tr><td><em>Dependent</em></td>${dependents.map((d) => `<td style="text-align:center"><em>${escapeHtml(d)}</em></td>`).join("")}</tr></thead>`);
    lines.push("<tbody>");
    rows.forEach((r, i) => {
      const style = r.kind !== "coef" && r.kind !== "se" && (i === 0 || rows[i - 1].kind === "se") ? ' style="border-top:1px solid #999"' : "";
      lines.push(`<tr${style}>${body[i].map(td).join("")}</tr>`);
    });
    lines.push("</tbody>");
    lines.push(`<tfoot><tr><td colspan="${header.length}" style="text-align:left;font-size:85%">${notes.map(escapeHtml).join("<br>")}</td></tr></tfoot>`);
    lines.push("</table>");
    return lines.join("\n");
  };
  return { modelNames, dependents, rows, notes, toText, toHTML, toMarkdown, toCSV, toString: toText };
}
