/**
 * Summaries of panel models through the shared formatting of lib/report (private to lib/panel).
 */
import type { ModelResult } from "../core/types";
import { summaryText, summaryHTML, type SummarySpec } from "../report";

/** The summary spec of a panel model: dependent variable and formula first, then the model's own facts. */
export function panelSummarySpec(m: ModelResult, header: [string, string][], fit: [string, number][], notes: string[] = []): SummarySpec {
  return {
    method: m.method,
    header: [["Dependent variable", m.dependent], ["Formula", m.formula], ...header],
    coefficients: m.coefficients,
    statisticName: m.statisticName,
    fit,
    notes,
  };
}

/** Plain-text summary (lib/report layout). */
export function panelSummaryText(m: ModelResult, header: [string, string][], fit: [string, number][], notes: string[] = []): string {
  return summaryText(panelSummarySpec(m, header, fit, notes));
}

/** HTML summary (lib/report layout). */
export function panelSummaryHTML(m: ModelResult, header: [string, string][], fit: [string, number][], notes: string[] = []): string {
  return summaryHTML(panelSummarySpec(m, header, fit, notes));
}
