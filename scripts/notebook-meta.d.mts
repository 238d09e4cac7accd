/** Types for scripts/notebook-meta.mjs (plain ESM so it runs before node_modules exists). */
export interface NotebookJSON {
  cells: Array<{ cell_type: string; source: string | string[]; metadata?: Record<string, unknown> & { tags?: string[] }; outputs?: unknown[]; execution_count?: number | null }>;
  metadata?: Record<string, unknown>;
  nbformat?: number;
  nbformat_minor?: number;
}
export interface NotebookParameter {
  name: string;
  type: string;
  annotation: string | null;
  default: unknown;
  defaultSource: string;
  allowed?: unknown[];
}
export interface ResolvedParameter {
  name: string;
  value: unknown;
  param: NotebookParameter;
}
export function listNotebooks(dir: string): string[];
export function selectNotebooks(files: string[], prefixes: string[]): string[];
export function readNotebook(file: string): NotebookJSON;
export function notebookInfo(nb: NotebookJSON, file?: string): { title: string; article: string };
export function parametersCellIndex(nb: NotebookJSON): number;
export function parseLiteral(src: string): unknown;
export function parseParameters(nb: NotebookJSON): NotebookParameter[];
export class ParameterError extends Error {}
export function coerceParameter(param: NotebookParameter, raw: string, params: NotebookParameter[]): unknown;
export function resolveOverrides(nb: NotebookJSON, overrides: Array<{ name: string; raw: string }>): ResolvedParameter[];
export function parseOverrideArgs(list: string[]): Array<{ name: string; raw: string }>;
export function overrideCellSource(resolved: ResolvedParameter[]): string;
export function injectParameters(nb: NotebookJSON, resolved: ResolvedParameter[]): NotebookJSON;
export function variantName(base: string, resolved: ResolvedParameter[]): string;
export function parameterTable(nb: NotebookJSON, resolved: ResolvedParameter[]): Array<{ name: string; type: string; value: string; default: string; changed: boolean }>;
