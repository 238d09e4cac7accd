/** Types for scripts/notebooks.mjs (the parts tests use). */
export function startOrder(runs: Array<{ name: string }>, outDir: string): number[];
export function startDeclarationBuild(): import("node:child_process").ChildProcess | null;
export function main(argv?: string[]): Promise<number>;
