/**
 * The analyst's loop in a real Jupyter Notebook page (Debian Notebook 6, started as `npm run lab` starts it,
 * with the project-local tslab kernel), driven in headless Chromium: open a copy of a notebook, change a
 * parameter, *Run All* without restarting, re-run the first figure cell, save, reopen; then export it both
 * ways — Jupyter's *Download as → HTML* and `npm run export` — and open both pages with the network and every
 * file but the page blocked. Every figure must be drawn at each step and every formula typeset in the pages;
 * a notebook executed elsewhere (untrusted) shows a visible placeholder for each figure. It also measures the
 * time from *Run All* to the last figure drawn.
 *
 * Slow (a Notebook server and kernels), so it runs only with WB_LIVE_TEST=1:
 *   WB_LIVE_TEST=1 npx vitest run test/live-notebook.test.ts
 * Timings go to build/live/timings.json.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, offlinePage } from "./helpers/chromium";
import { ensureSetup, jupyterEnv, repoRoot } from "../scripts/setup.mjs";

const live = process.env.WB_LIVE_TEST === "1";
const nbDir = path.join(repoRoot, "notebooks");
const outDir = path.join(repoRoot, "build", "live");
const copies: string[] = [];
const timings: Record<string, number> = {};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A copy of notebooks/<name>.ipynb beside it (the kernel's working directory), removed afterwards. Its name
 * starts with a dot, so `npm run notebooks` never runs it (and git ignores it) should a run be killed.
 */
function copyNotebook(name: string, from = path.join(nbDir, `${name}.ipynb`)): string {
  const file = path.join(nbDir, `.live-${name}.ipynb`);
  fs.copyFileSync(from, file);
  copies.push(file);
  return path.basename(file);
}

type JupyterWindow = {
  Jupyter: {
    notebook: {
      kernel?: { is_connected(): boolean };
      get_cells(): Array<{ cell_type: string; metadata: { tags?: string[] }; get_text(): string; set_text(s: string): void; output_area: { outputs: Array<{ data?: Record<string, string> }> }; input_prompt_number?: number | null | string }>;
      execute_all_cells(): void;
      execute_cells(i: number[]): void;
      save_notebook(): Promise<unknown>;
      dirty: boolean;
      trusted: boolean;
    };
  };
};

async function openNotebook(page: Page, base: string, file: string) {
  await page.goto(`${base}/notebooks/${encodeURIComponent(file)}`);
  await page.waitForFunction(() => {
    const J = (window as unknown as JupyterWindow).Jupyter;
    return !!J?.notebook?.kernel && J.notebook.kernel.is_connected();
  }, null, { timeout: 90_000 });
}

/** Figures on the page: how many, how many drawn, how many show a placeholder or an error. */
function figureState(page: Page) {
  return page.evaluate(() => {
    const figs = Array.from(document.querySelectorAll(".wb-plotly"));
    return {
      total: figs.length,
      drawn: figs.filter((el) => el.querySelector(".plot-container .main-svg") !== null).length,
      placeholders: figs.filter((el) => el.querySelector(".wb-figure-placeholder") !== null).length,
      errors: Array.from(document.querySelectorAll(".wb-figure-error")).map((e) => e.textContent ?? ""),
    };
  });
}

/** Run All (no restart); resolves with the seconds until every code cell ran and `figures` figures are drawn. */
async function runAll(page: Page, figures: number): Promise<number> {
  const t0 = Date.now();
  await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    (n) => {
      const cells = (window as unknown as JupyterWindow).Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
      const done = cells.every((c) => typeof c.input_prompt_number === "number");
      const figs = Array.from(document.querySelectorAll(".wb-plotly"));
      return done && figs.length === n && figs.every((el) => el.querySelector(".plot-container .main-svg") !== null);
    },
    figures,
    { timeout: 240_000, polling: 100 },
  );
  return (Date.now() - t0) / 1000;
}

async function checkStaticPage(browser: Browser, file: string) {
  const { context, page, blocked } = await offlinePage(browser, { file });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("dialog", (d) => {
    problems.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  await page
    .waitForFunction(() => {
      const figs = Array.from(document.querySelectorAll(".wb-plotly"));
      return figs.length > 0 && figs.every((el) => el.querySelector(".plot-container .main-svg") !== null || el.querySelector(".wb-figure-error") !== null);
    }, null, { timeout: 90_000 })
    .catch(() => problems.push("figures not drawn within 90 s"));
  await page
    .waitForFunction(() => (window as unknown as { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax?.startup?.promise, null, { timeout: 60_000 })
    .then(() => page.evaluate(() => (window as unknown as { MathJax: { startup: { promise: Promise<unknown> } } }).MathJax.startup.promise))
    .catch(() => problems.push("MathJax did not start"));
  const state = await figureState(page);
  const math = await page.evaluate(() => {
    const texts = Array.from(document.querySelectorAll(".text_cell_render, .output_markdown")).map((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll("code, pre, mjx-container").forEach((c) => c.remove());
      return copy.textContent ?? "";
    });
    return {
      typeset: document.querySelectorAll("mjx-container").length,
      errors: document.querySelectorAll("mjx-merror").length,
      raw: texts.flatMap((t) => t.match(/\$\$[^$]+\$\$|\$[^$\s][^$]*\$/g) ?? []),
    };
  });
  await page.screenshot({ path: file.replace(/\.html$/, ".png"), fullPage: true });
  await context.close();
  return { problems, blocked, state, math };
}

describe.skipIf(!live)("the analyst's loop in Jupyter Notebook (live)", () => {
  let server: ChildProcess;
  let base = "";
  let browser: Browser;

  beforeAll(async () => {
    ensureSetup({ chromium: true, log: () => {} });
    fs.mkdirSync(outDir, { recursive: true });
    const port = await freePort();
    server = spawn(
      "jupyter",
      ["notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--notebook-dir=${nbDir}`, "--NotebookApp.token=", "--NotebookApp.password=", "--MultiKernelManager.default_kernel_name=tslab", "--ContentsManager.allow_hidden=True", "--allow-root"],
      { env: jupyterEnv(), cwd: nbDir, stdio: ["ignore", "ignore", "pipe"] },
    );
    base = `http://127.0.0.1:${port}`;
    let log = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Notebook server did not start:\n${log}`)), 60_000);
      server.stderr!.on("data", (d) => {
        log += d;
        if (/is running at|Jupyter Notebook .* is running/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    for (const f of copies) fs.rmSync(f, { force: true });
    fs.writeFileSync(path.join(outDir, "timings.json"), JSON.stringify({ ...timings, loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))) }, null, 2) + "\n");
  });

  it("00: Run All draws both figures; the time to the last figure is recorded", async () => {
    const file = copyNotebook("00-getting-started");
    const page = await browser.newPage();
    await openNotebook(page, base, file);
    timings["00-getting-started: Run All to last figure (s)"] = await runAll(page, 2);
    const state = await figureState(page);
    expect(state.drawn).toBe(2);
    await page.close();
  }, 300_000);

  it("03: change a parameter, Run All (no restart), re-run the first figure cell, save, reopen, export both ways: every figure drawn, every formula typeset", async () => {
    const file = copyNotebook("03-jilin-financial-agglomeration");
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await openNotebook(page, base, file);
    const figures = 5;
    timings["03-jilin-financial-agglomeration: Run All to last figure (s)"] = await runAll(page, figures);
    // The changed parameter, then Run All again in the same kernel (the analyst's edit-and-rerun).
    await page.evaluate(() => {
      const cell = (window as unknown as JupyterWindow).Jupyter.notebook.get_cells().find((c) => (c.metadata.tags ?? []).includes("parameters"))!;
      cell.set_text(cell.get_text().replace('const provinceW: "queen" | "knn" = "queen";', 'const provinceW: "queen" | "knn" = "knn";'));
    });
    timings["03-jilin-financial-agglomeration: Run All again, provinceW = knn, no restart (s)"] = await runAll(page, figures);
    expect(await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.get_cells().find((c) => (c.metadata.tags ?? []).includes("parameters"))!.get_text())).toContain('= "knn";');
    // Re-run the first figure cell: its output (the first figure of the page) is replaced.
    const first = await page.evaluate(() =>
      (window as unknown as JupyterWindow).Jupyter.notebook.get_cells().findIndex((c) => c.output_area?.outputs.some((o) => (o.data?.["text/html"] ?? "").includes("wb-plotly"))),
    );
    expect(first).toBeGreaterThan(0);
    const before = await page.evaluate(() => document.querySelector(".wb-plotly")!.id);
    await page.evaluate((i) => (window as unknown as JupyterWindow).Jupyter.notebook.execute_cells([i]), first);
    await page.waitForFunction(([old, n]) => {
      const figs = Array.from(document.querySelectorAll(".wb-plotly"));
      return figs.length === n && figs[0].id !== old && figs.every((el) => el.querySelector(".plot-container .main-svg") !== null);
    }, [before, figures] as const, { timeout: 60_000 });
    expect((await figureState(page)).drawn).toBe(figures);
    await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as unknown as JupyterWindow).Jupyter.notebook.dirty, null, { timeout: 30_000 });
    // Reopen the saved notebook.
    await page.reload();
    await page.waitForFunction((n) => {
      const figs = Array.from(document.querySelectorAll(".wb-plotly"));
      return figs.length === n && figs.every((el) => el.querySelector(".plot-container .main-svg") !== null);
    }, figures, { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.trusted)).toBe(true);
    await page.screenshot({ path: path.join(outDir, "03-reopened-in-jupyter.png") });
    // Export 1: Jupyter's "Download as -> HTML".
    const download = await page.request.get(`${base}/nbconvert/html/${encodeURIComponent(file)}?download=true`);
    expect(download.status()).toBe(200);
    const downloaded = path.join(outDir, "03-download-as.html");
    fs.writeFileSync(downloaded, await download.body());
    await page.close();
    // Export 2: npm run export.
    const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "export.mjs"), "--no-setup", "--out", outDir, path.join(nbDir, file)], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const exported = path.resolve(repoRoot, r.stdout.trim());
    for (const f of [downloaded, exported]) {
      const html = fs.readFileSync(f, "utf8");
      expect(html, f).not.toMatch(/file:\/\/|\/usr\/share|require\.js|src="http/);
      expect(fs.statSync(f).size).toBeLessThan(5_000_000);
      const res = await checkStaticPage(browser, f);
      expect(res.problems, f).toEqual([]);
      expect(res.blocked, f).toEqual([]);
      expect(res.state, f).toEqual({ total: figures, drawn: figures, placeholders: 0, errors: [] });
      expect(res.math.typeset, f).toBeGreaterThan(0);
      expect(res.math.errors, f).toBe(0);
      expect(res.math.raw, f).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it("a notebook executed elsewhere (untrusted) shows a visible placeholder for every figure, not nothing", async () => {
    const executed = path.join(repoRoot, "build", "executed", "00-getting-started.ipynb");
    if (!fs.existsSync(executed)) {
      spawnSync(process.execPath, [path.join(repoRoot, "scripts", "notebooks.mjs"), "--no-setup", "--quiet", "00"], { cwd: repoRoot });
    }
    const file = copyNotebook("untrusted-00", executed);
    const page = await browser.newPage();
    await page.goto(`${base}/notebooks/${encodeURIComponent(file)}`);
    await page.waitForFunction(() => document.querySelectorAll(".wb-plotly").length === 2, null, { timeout: 60_000 });
    const state = await figureState(page);
    const visible = await page.locator(".wb-figure-placeholder").first().isVisible();
    const text = await page.locator(".wb-figure-placeholder").first().textContent();
    await page.close();
    expect(state).toMatchObject({ total: 2, drawn: 0, placeholders: 2 });
    expect(visible).toBe(true);
    expect(text).toContain("File → Trust Notebook");
  }, 120_000);
});
