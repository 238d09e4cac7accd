/** Types for scripts/strip-notebooks.mjs. */
export function notebookDirt(nb: unknown): string[];
export function stripNotebook<T>(nb: T): T;
export function stripFile(file: string, options?: { check?: boolean }): boolean;
