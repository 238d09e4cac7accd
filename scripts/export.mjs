#!/usr/bin/env node
/**
 * `npm run export -- FILE.ipynb [FILE.ipynb …] [--out DIR]`
 *
 * Exports each notebook as it stands — edited by hand, executed in Jupyter or on another machine,
 * with or without outputs; nothing is re-run — to DIR/<name>.html (default build/html/), one
 * self-contained page: plotly.js and, when the page has math, MathJax 3 inlined; no network or
 * file:// reference. Prints the path of each page. Uses the project's nbconvert template
 * ("workbench", installed into .jupyter-local/ by the setup this command runs first).
 * Exit status: 0 when every file was exported, 1 when one failed (the others are still exported),
 * 2 on bad arguments.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSetupOrExit, jupyterEnv, jupyterPython, repoRoot } from "./setup.mjs";
import { notebookInfo } from "./notebook-meta.mjs";

class UsageError extends Error {}

export function parseExportArgs(argv) {
  const opts = { files: [], outDir: path.join(repoRoot, "build", "html"), setup: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") {
      if (i + 1 >= argv.length) throw new UsageError("--out needs a directory");
      opts.outDir = path.resolve(argv[++i]);
    } else if (a === "--no-setup") opts.setup = false;
    else if (a === "-h" || a === "--help") opts.help = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (!opts.help && !opts.files.length) throw new UsageError("give at least one notebook: npm run export -- notebooks/00-getting-started.ipynb");
  for (const f of opts.files) {
    if (!f.endsWith(".ipynb")) throw new UsageError(`${f}: not a .ipynb file`);
    if (!fs.existsSync(f)) throw new UsageError(`${f}: no such file`);
  }
  return opts;
}

/** Export one notebook; returns { html, bytes } or throws with the exporter's message. */
export function exportNotebook(file, outDir) {
  const abs = path.resolve(file);
  const name = path.basename(abs, ".ipynb");
  let nb;
  try {
    nb = JSON.parse(fs.readFileSync(abs, "utf8"));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
  const info = notebookInfo(nb, abs);
  const tmpDir = path.join(repoRoot, "build", "tmp");
  fs.mkdirSync(tmpDir, { recursive: true });
  const job = {
    input: abs,
    html: path.join(outDir, `${name}.html`),
    file: path.relative(repoRoot, abs).startsWith("..") ? abs : path.relative(repoRoot, abs),
    title: info.title,
    article: info.article,
    exportedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
  const jobFile = path.join(tmpDir, `export-${process.pid}-${name}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const r = spawnSync(jupyterPython(), [path.join(repoRoot, "scripts", "export_html.py"), jobFile], {
    env: { ...jupyterEnv(), PYTHONPATH: path.join(repoRoot, "scripts") },
    encoding: "utf8",
  });
  fs.rmSync(jobFile, { force: true });
  if (r.status !== 0) {
    const err = (r.stderr || "").trim().split("\n");
    throw new Error(`exporting ${file} failed: ${err[err.length - 1] || `exit ${r.status}`}`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

export function main(argv = process.argv.slice(2)) {
  let opts;
  try {
    opts = parseExportArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`export: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    const doc = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0].split("/**")[1];
    console.log(doc.replace(/^ \* ?/gm, "").trim());
    return 0;
  }
  if (opts.setup) ensureSetupOrExit({ log: (s) => (s.startsWith("setup: nothing to install") ? null : console.error(s)) });
  let failed = 0;
  for (const f of opts.files) {
    try {
      const { html } = exportNotebook(f, opts.outDir);
      console.log(path.relative(process.cwd(), html) || html);
    } catch (e) {
      failed++;
      console.error(`export: ${e.message}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main());
}
