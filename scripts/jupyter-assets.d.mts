/** Types for scripts/jupyter-assets.mjs. */
export const TEMPLATE_NAME: string;
export function assetPaths(jupyterLocal: string): { nbextension: string; template: string; config: string };
export function plotlyPageScript(plotlyFile?: string): string;
export function mathjaxPageScript(mathjaxFile?: string): string;
export function ensureJupyterAssets(jupyterLocal: string, log?: (line: string) => void): boolean;
