import Module from "node:module";

/**
 * Access to tslab's rich display from library code, without loading tslab when there is no
 * kernel. Inside a tslab kernel, tslab's `dist/jupyter.js` is already in Node's module cache
 * and holds the current cell's display callback; anywhere else (vitest, a plain Node script)
 * there is no kernel and {@link displayRaw} reports `false` so callers can fall back.
 */

interface TslabDisplay {
  raw(contentType: string, content: string): void;
}

type WriteDisplayData = (data: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function loadedTslabJupyter(): { lastWriteDisplayData?: unknown } | null {
  const cache = (Module as unknown as { _cache?: Record<string, { exports: unknown }> })._cache ?? {};
  const jupyterPath = Object.keys(cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  return jupyterPath ? (cache[jupyterPath].exports as { lastWriteDisplayData?: unknown }) : null;
}

function loadedTslabDisplay(): TslabDisplay | null {
  const cache = (Module as unknown as { _cache?: Record<string, { exports: unknown }> })._cache ?? {};
  const jupyterPath = Object.keys(cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  if (!jupyterPath) return null;
  const jupyter = cache[jupyterPath].exports as { lastWriteDisplayData?: unknown };
  if (!jupyter || typeof jupyter.lastWriteDisplayData !== "function") return null;
  const pub = Module.createRequire(jupyterPath)("./public.js") as { display: TslabDisplay };
  return pub.display;
}

/**
 * True inside a running tslab kernel (display output goes to the notebook).
 * @example inKernel() // false under vitest
 */
export function inKernel(): boolean {
  try {
    return loadedTslabDisplay() !== null;
  } catch {
    return false;
  }
}

/**
 * Send one rich output (MIME type + content) to the notebook. Returns `true` when it was
 * displayed, `false` when there is no kernel (nothing happens then; no error).
 * @param contentType a MIME type: "text/html", "text/markdown", "text/plain", …
 * @param content the payload
 * @example displayRaw("text/html", "<b>hi</b>") // false outside a kernel
 */
export function displayRaw(contentType: string, content: string): boolean {
  let display: TslabDisplay | null;
  try {
    display = loadedTslabDisplay();
  } catch {
    return false;
  }
  if (!display) return false;
  display.raw(contentType, content);
  return true;
}

/**
 * Send one rich output with several representations (MIME type → content), e.g. HTML and a short
 * plain-text form: the front end picks the richest it can show. Returns `false` outside a kernel.
 * @param bundle MIME type → content, e.g. `{ "text/html": "<b>x</b>", "text/plain": "x" }`
 * @example displayBundle({ "text/html": "<b>hi</b>", "text/plain": "hi" }) // false outside a kernel
 */
export function displayBundle(bundle: Record<string, string>): boolean {
  let write: WriteDisplayData | null = null;
  try {
    const jupyter = loadedTslabJupyter();
    if (jupyter && typeof jupyter.lastWriteDisplayData === "function") write = jupyter.lastWriteDisplayData as WriteDisplayData;
  } catch {
    return false;
  }
  if (!write) return false;
  write({ data: { ...bundle }, metadata: {}, transient: {} }, false);
  return true;
}
