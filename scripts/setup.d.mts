/** Types for scripts/setup.mjs. */
export const repoRoot: string;
export const jupyterLocal: string;
export const KERNEL_NAME: string;
export const KERNEL_TEST_DEBS: string[];
export const DEBIAN_PYTHON: string;
export function jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function jupyterPython(): string;
export function npmDependenciesCurrent(): boolean;
export function missingDebs(debs: string[]): string[];
export function aptInstallLine(missing: string[]): string;
export function sudoMessage(missing: string[]): string;
export function kernelSpec(): { argv: string[]; display_name: string; language: string; metadata: Record<string, unknown> };
export class SetupError extends Error {}
export function ensureSetup(options?: { chromium?: boolean; kernelTest?: boolean; log?: (line: string) => void }): boolean;
export function ensureSetupOrExit(options?: { chromium?: boolean; kernelTest?: boolean; log?: (line: string) => void }): boolean;
