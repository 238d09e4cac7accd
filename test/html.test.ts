/**
 * The exported pages in a real browser: every build/html/*.html (written by `npm run notebooks`)
 * is opened from disk in headless Debian Chromium through playwright-core. A page passes when it
 * raises no page error, no request fails, it requests nothing from the network, and every Plotly
 * figure on it rendered (a `.plot-container` with SVG content). One full-page screenshot per page
 * goes to build/screenshots/.
 *
 * Runs under `npm test` (after the notebooks have been executed), which sets WB_HTML_TEST=1; a plain
 * `vitest run` skips it, because the pages it checks are build output that may be missing or stale
 * (run it alone with `WB_HTML_TEST=1 npx vitest run test/html.test.ts` after `npm run notebooks`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";

const root = path.resolve(__dirname, "..");
const htmlDir = path.join(root, "build", "html");
const shotDir = path.join(root, "build", "screenshots");
const pages = fs.existsSync(htmlDir) ? fs.readdirSync(htmlDir).filter((f) => f.endsWith(".html")).sort() : [];
const required = process.env.WB_HTML_TEST === "1";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

describe.skipIf(!required)("exported notebook pages in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(shotDir, { recursive: true });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("build/html holds an index and at least one notebook page", () => {
    expect(pages).toContain("index.html");
    expect(pages.filter((p) => p !== "index.html").length).toBeGreaterThan(0);
  });

  it("the index links every notebook page that exists", () => {
    const index = fs.readFileSync(path.join(htmlDir, "index.html"), "utf8");
    for (const p of pages.filter((x) => x !== "index.html")) expect(index, p).toContain(`href="${p}"`);
  });

  for (const page of pages) {
    it(`${page}: loads offline without page errors or failed requests, every figure renders, under 5 MB`, async () => {
      const file = path.join(htmlDir, page);
      expect(fs.statSync(file).size, "page size in bytes").toBeLessThan(5_000_000);
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, offline: true });
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      tab.on("requestfailed", (r) => problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText})`));
      tab.on("request", (r) => {
        const url = r.url();
        if (!url.startsWith("file:") && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`network request: ${url.slice(0, 120)}`);
      });
      tab.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text().slice(0, 300)}`);
      });
      await tab.goto(`file://${file}`, { waitUntil: "load" });
      const figures = await tab.locator(".wb-plotly").count();
      if (figures > 0) {
        await tab
          .waitForFunction(
            () =>
              Array.from(document.querySelectorAll(".wb-plotly")).every(
                (el) => el.querySelector(".plot-container svg") !== null || el.querySelector("pre") !== null,
              ),
            null,
            { timeout: 60_000 },
          )
          .catch((e: Error) => problems.push(`figures did not render within 60 s: ${e.message.split("\n")[0]}`));
      }
      const rendered = await tab.evaluate(() =>
        Array.from(document.querySelectorAll(".wb-plotly")).map((el) => ({
          id: el.id,
          ok: el.querySelector(".plot-container") !== null && (el.querySelector(".plot-container svg")?.innerHTML.length ?? 0) > 0,
          message: el.querySelector("pre")?.textContent ?? "",
        })),
      );
      for (const r of rendered) if (!r.ok) problems.push(`figure ${r.id} did not render${r.message ? `: ${r.message}` : ""}`);
      await tab.waitForTimeout(300);
      await tab.screenshot({ path: path.join(shotDir, page.replace(/\.html$/, ".png")), fullPage: true });
      await context.close();
      expect(problems, problems.join("\n")).toEqual([]);
      expect(rendered.length).toBe(figures);
    });
  }
});
