/** Types for scripts/export.mjs. */
export function parseExportArgs(argv: string[]): { files: string[]; outDir: string; setup: boolean; help?: boolean };
export function exportNotebook(file: string, outDir: string): { html: string; bytes: number };
export function main(argv?: string[]): number;
