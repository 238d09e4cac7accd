/**
 * `npm run export -- FILE.ipynb` and the project's nbconvert template: a notebook as it stands (here:
 * "executed elsewhere", its outputs made by lib/display without a kernel, and one without outputs) becomes
 * build/…/<name>.html, self-contained: plotly.js inlined once, MathJax only when there is math, no network or
 * file:// reference, every figure drawn in headless Chromium with the network and other files blocked.
 * `jupyter nbconvert --to html` in the project's Jupyter environment uses the same template.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hasChromium, launchChromium, offlinePage } from "./helpers/chromium";
import { figureHTML, md } from "../lib/display";
import { ensureSetup, jupyterEnv } from "../scripts/setup.mjs";

const root = path.resolve(__dirname, "..");
const dir = path.join(root, "build", "test-export", `run-${process.pid}`);

function notebook(cells: object[]) {
  return { cells, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" } }, nbformat: 4, nbformat_minor: 5 };
}
const code = (source: string, outputs: object[] = [], n: number | null = null) => ({ cell_type: "code", id: `c${Math.random().toString(36).slice(2, 8)}`, execution_count: n, metadata: {}, outputs, source });
const mdCell = (source: string) => ({ cell_type: "markdown", id: `m${Math.random().toString(36).slice(2, 8)}`, metadata: {}, source });
const display = (data: Record<string, string>) => ({ output_type: "display_data", data, metadata: {} });

function exportCmd(...args: string[]) {
  return exportWith({}, ...args);
}
function exportWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "export.mjs"), "--no-setup", "--out", path.join(dir, "html"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureSetup({ log: () => {} });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const fig = (title: string) => figureHTML({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: title } } });
  fs.writeFileSync(
    path.join(dir, "executed-elsewhere.ipynb"),
    JSON.stringify(
      notebook([
        mdCell("# Executed elsewhere\n\nA formula: $x^2 + y^2$."),
        // The "first figure cell" re-run: the first output is a later figure; nothing carries plotly.js.
        code("show(second)", [display({ "text/html": fig("second"), "text/plain": 'Plotly figure "second"' })], 3),
        code("show(first)", [display({ "text/html": fig("first"), "text/plain": 'Plotly figure "first"' })], 2),
        code("showMarkdown(md`…`)", [display({ "text/markdown": md`value **${"<b>x</b>"}** and $\\rho = ${0.5}$`.text })], 4),
      ]),
    ),
  );
  fs.writeFileSync(path.join(dir, "no-outputs.ipynb"), JSON.stringify(notebook([mdCell("# No outputs\n\nplain text"), code("const x = 1;")])));
});

describe("npm run export", () => {
  it("exports each notebook as it stands to <out>/<name>.html and prints the paths", () => {
    const r = exportCmd(path.join(dir, "executed-elsewhere.ipynb"), path.join(dir, "no-outputs.ipynb"));
    expect(r.status, r.stderr).toBe(0);
    const printed = r.stdout.trim().split("\n").map((l) => path.resolve(root, l));
    expect(printed).toEqual([path.join(dir, "html", "executed-elsewhere.html"), path.join(dir, "html", "no-outputs.html")]);
    for (const f of printed) {
      const page = fs.readFileSync(f, "utf8");
      expect(page).not.toMatch(/file:\/\/|\/usr\/share|require\.js|src="http|href="http/);
      expect((page.match(/window\.__wbPlotly=/g) ?? []).length).toBe(1);
      expect(fs.statSync(f).size).toBeLessThan(5_000_000);
    }
    const withMath = fs.readFileSync(printed[0], "utf8");
    const noMath = fs.readFileSync(printed[1], "utf8");
    expect(withMath).toContain("window.MathJax=");
    expect(noMath).not.toContain("window.MathJax=");
    expect(withMath).toContain("not re-run): 3 of 3 code cells have outputs");
    expect(noMath).toContain("0 of 1 code cells have outputs");
  });

  it("gives the same page with no template cache, a cold one and a warm one, and exports when the cache cannot be written", () => {
    const nb = path.join(dir, "executed-elsewhere.ipynb");
    const page = (env: Record<string, string>) => {
      const r = exportWith(env, nb);
      expect(r.status, r.stderr).toBe(0);
      // uuid4 element ids and the export time differ from page to page
      return fs
        .readFileSync(path.join(dir, "html", "executed-elsewhere.html"), "utf8")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "UUID")
        .replace(/exported \S+ as it stands/, "exported TIME as it stands");
    };
    const cache = path.join(dir, "template-cache");
    const none = page({ WB_EXPORT_TEMPLATE_CACHE: "0" });
    const cold = page({ WB_EXPORT_TEMPLATE_CACHE: cache });
    const written = fs.readdirSync(cache).filter((f) => f.endsWith(".cache"));
    const warm = page({ WB_EXPORT_TEMPLATE_CACHE: cache });
    const blocked = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocked, "a file where the cache folder would be");
    const unwritable = page({ WB_EXPORT_TEMPLATE_CACHE: blocked });
    expect(written.length).toBeGreaterThan(5);
    expect(cold).toBe(none);
    expect(warm).toBe(none);
    expect(unwritable).toBe(none);
  });

  it("a missing file or a file that is not a notebook is an error (exit 2) naming it", () => {
    let r = exportCmd(path.join(dir, "nope.ipynb"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nope.ipynb: no such file");
    r = exportCmd(path.join(root, "README.md"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("README.md: not a .ipynb file");
    r = exportCmd();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("give at least one notebook");
  });

  it("jupyter nbconvert --to html in the project's Jupyter environment uses the workbench template", () => {
    const out = path.join(dir, "nbconvert");
    const r = spawnSync("jupyter", ["nbconvert", "--to", "html", "--output-dir", out, path.join(dir, "executed-elsewhere.ipynb")], { env: jupyterEnv(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const page = fs.readFileSync(path.join(out, "executed-elsewhere.html"), "utf8");
    expect(page).toContain("window.__wbPlotly=");
    expect(page).toContain("window.MathJax=");
    expect(page).not.toMatch(/file:\/\/|\/usr\/share|require\.js|src="http/);
  });
});

describe.skipIf(!hasChromium)("the exported pages in Chromium with the network and other files blocked", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [label, rel] of [["npm run export", "html"], ["jupyter nbconvert", "nbconvert"]] as const) {
    it(`${label}: every figure drawn, the formulas typeset, the value shown as text`, async () => {
      const file = path.join(dir, rel, "executed-elsewhere.html");
      const { context, page, blocked } = await offlinePage(browser, { file });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("dialog", (d) => {
        errors.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(`file://${file}`);
      await page.waitForFunction(
        () => {
          const figures = Array.from(document.querySelectorAll(".wb-plotly"));
          return figures.length === 2 && figures.every((el) => el.querySelector(".plot-container .main-svg") !== null);
        },
        null,
        { timeout: 60_000 },
      );
      await page.waitForFunction(() => document.querySelectorAll("mjx-container").length >= 2, null, { timeout: 60_000 });
      const text = await page.evaluate(() => document.querySelector(".output_markdown")?.textContent ?? "");
      const placeholders = await page.locator(".wb-figure-placeholder").count();
      await context.close();
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
      expect(text).toContain("value <b>x</b> and");
      expect(placeholders).toBe(0);
    }, 90_000);
  }
});
