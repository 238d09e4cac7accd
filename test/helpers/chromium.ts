/**
 * Headless Debian Chromium for the browser tests (test/display, test/export, test/html,
 * test/live-notebook), through playwright-core: one set of launch flags, and an offline page on
 * which every request other than the page's own file (or folder), `data:` and `blob:` is aborted
 * and recorded — so a page that needs a CDN, /usr/share/… or any other file on disk fails its test.
 * `npm test`'s setup installs /usr/bin/chromium; tests skip with `describe.skipIf(!hasChromium)`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** The Debian package's binary. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Whether {@link CHROMIUM_PATH} exists (browser tests skip without it). */
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

/** Headless, no sandbox (containers), no GPU, and nothing that talks to the network in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Launch {@link CHROMIUM_PATH} with {@link CHROMIUM_ARGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/** What an offline page may load besides `data:` and `blob:` URLs: one file, or every file under one folder. */
export type LocalAllowance = { file: string } | { dir: string };

/** Options of {@link offlinePage}. */
export interface OfflinePageOptions {
  /** Called with each blocked URL as it is blocked (it is also kept in `blocked`). */
  onBlocked?: (url: string) => void;
  viewport?: { width: number; height: number };
}

/** A context with the network off and only `allow` (plus `data:`/`blob:`) reachable; `blocked` lists every other URL asked for. */
export async function offlinePage(
  browser: Browser,
  allow: LocalAllowance,
  options: OfflinePageOptions = {},
): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
  const context = await browser.newContext({ offline: true, ...(options.viewport ? { viewport: options.viewport } : {}) });
  const allowed =
    "file" in allow
      ? (url: string) => url === `file://${path.resolve(allow.file)}`
      : (url: string) => url.startsWith(`file://${path.resolve(allow.dir)}/`);
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (allowed(url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    options.onBlocked?.(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  return { context, page, blocked };
}
