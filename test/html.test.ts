/**
 * The exported pages in a real browser: every build/html/*.html (written by `npm run notebooks`) and
 * build/html-fixtures/*.html (the fixture notebooks of test/fixtures/notebooks, run by `npm test`)
 * is opened from disk in headless Debian Chromium through playwright-core, with the network and
 * every file outside the page's own folder blocked (so a page that needs /usr/share or a CDN fails).
 * A page passes when it raises no page error and no dialog (an `alert` from data is a dialog, not a
 * page error), no request is blocked or fails, every Plotly figure on it rendered (a
 * `.plot-container` with SVG content) and every formula was typeset by MathJax (no TeX error, no
 * `$…$` left as text). The injection fixture also checks that its hostile ids show as text in
 * tables, Markdown and figures and created no element. One full-page screenshot per page goes to
 * build/screenshots/. `WB_HTML_ONLY=<prefix>` checks only the pages whose name starts with it.
 *
 * Runs under `npm test` (after the notebooks have been executed), which sets WB_HTML_TEST=1; a plain
 * `vitest run` skips it, because the pages it checks are build output that may be missing or stale
 * (run it alone with `WB_HTML_TEST=1 npx vitest run test/html.test.ts` after `npm run notebooks`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, offlinePage } from "./helpers/chromium";

const root = path.resolve(__dirname, "..");
const htmlDir = path.join(root, "build", "html");
const fixtureDir = path.join(root, "build", "html-fixtures");
const shotDir = path.join(root, "build", "screenshots");
const htmlFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort() : []);
const pages = htmlFiles(htmlDir);
const only = process.env.WB_HTML_ONLY ?? "";
const checked = [
  ...pages.map((p) => path.join(htmlDir, p)),
  ...htmlFiles(fixtureDir).filter((p) => p !== "index.html").map((p) => path.join(fixtureDir, p)),
].filter((f) => path.basename(f).startsWith(only));
const required = process.env.WB_HTML_TEST === "1";
/** The ids of test/fixtures/notebooks/synthetic-hostile-ids.csv. */
const HOSTILE_IDS = ['J<script>alert(1)</script>', 'Q"onmouseover="alert(2)"x', "T</table><script>alert(3)</script>", "I<img src=x onerror=alert(4)>"];

describe.skipIf(!required)("exported notebook pages in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(shotDir, { recursive: true });
    browser = await launchChromium();
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

  it("the injection fixture page exists (npm test runs test/fixtures/notebooks)", () => {
    expect(fs.existsSync(path.join(fixtureDir, "xss-fixture.html"))).toBe(true);
  });

  for (const file of checked) {
    const page = path.basename(file);
    it(`${page}: loads with network and other files blocked, no page error or dialog, every figure renders, every formula typesets, under 5 MB`, async () => {
      expect(fs.statSync(file).size, "page size in bytes").toBeLessThan(5_000_000);
      const problems: string[] = [];
      const { context, page: tab } = await offlinePage(browser, { dir: path.dirname(file) }, {
        viewport: { width: 1200, height: 900 },
        onBlocked: (url) => problems.push(`blocked request: ${url.slice(0, 120)}`),
      });
      tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      tab.on("dialog", (d) => {
        problems.push(`dialog (${d.type()}): ${d.message()}`);
        void d.dismiss();
      });
      tab.on("requestfailed", (r) => {
        if (r.failure()?.errorText !== "net::ERR_BLOCKED_BY_CLIENT") problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText})`);
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
      const html = fs.readFileSync(file, "utf8");
      if (html.includes("window.MathJax=")) {
        await tab
          .waitForFunction(() => (window as unknown as { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax?.startup?.promise !== undefined, null, { timeout: 60_000 })
          .then(() => tab.evaluate(() => (window as unknown as { MathJax: { startup: { promise: Promise<unknown> } } }).MathJax.startup.promise))
          .catch((e: Error) => problems.push(`MathJax did not start within 60 s: ${e.message.split("\n")[0]}`));
        const math = await tab.evaluate(() => {
          const texts = Array.from(document.querySelectorAll(".text_cell_render, .output_markdown")).map((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            copy.querySelectorAll("code, pre, mjx-container").forEach((c) => c.remove());
            return copy.textContent ?? "";
          });
          return {
            typeset: document.querySelectorAll("mjx-container").length,
            errors: Array.from(document.querySelectorAll("mjx-merror")).map((e) => e.getAttribute("data-mjx-error") || e.textContent || ""),
            raw: texts.flatMap((t) => t.match(/\$\$[^$]+\$\$|\$[^$\s][^$]*\$/g) ?? []),
          };
        });
        if (math.typeset === 0) problems.push("the page has MathJax but no formula was typeset");
        for (const e of math.errors) problems.push(`TeX error: ${e}`);
        for (const r of math.raw) problems.push(`formula left as text: ${r.slice(0, 80)}`);
      }
      // the cells that check the prose's claims (tagged claims) are hidden until "show checks" is clicked
      const claims = await tab.locator(".celltag_claims").count();
      if (claims > 0) {
        expect(await tab.locator(".celltag_claims").first().isVisible(), "a claims cell before the toggle").toBe(false);
        await tab.locator(".wb-checks-toggle").click();
        expect(await tab.locator(".celltag_claims").first().isVisible(), "a claims cell after the toggle").toBe(true);
      }
      if (page === "xss-fixture.html") {
        const seen = await tab.evaluate(() => ({
          cells: Array.from(document.querySelectorAll(".output_html td")).map((td) => td.textContent ?? ""),
          caption: Array.from(document.querySelectorAll(".output_html caption")).map((c) => c.textContent ?? ""),
          markdown: Array.from(document.querySelectorAll(".output_markdown")).map((m) => m.textContent ?? "").join("\n"),
          svgText: Array.from(document.querySelectorAll(".wb-plotly svg text")).map((t) => t.textContent ?? "").join("\n"),
          injected: document.querySelectorAll(".output_area img, .output_area [onerror], .output_area [onmouseover]").length,
          scripts: Array.from(document.querySelectorAll("script")).filter((s) => /^\s*alert\(/.test(s.textContent ?? "")).length,
        }));
        for (const id of HOSTILE_IDS) {
          expect(seen.cells.filter((c) => c === id).length, `table cells showing ${id}`).toBe(2); // array of records + DataFrame
          expect(seen.markdown, "markdown output").toContain(id);
        }
        expect(seen.caption.join(""), "table caption").toContain(HOSTILE_IDS[0]);
        expect(seen.svgText, "figure text").toContain("onmouseover");
        expect(seen.injected, "elements created from data").toBe(0);
        expect(seen.scripts, "a <script> element whose text calls alert").toBe(0);
      }
      await tab.waitForTimeout(300);
      await tab.screenshot({ path: path.join(shotDir, page.replace(/\.html$/, ".png")), fullPage: true });
      await context.close();
      expect(problems, problems.join("\n")).toEqual([]);
      expect(rendered.length).toBe(figures);
    });
  }
});
