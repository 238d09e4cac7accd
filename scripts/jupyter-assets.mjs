/**
 * The project's static assets in the project-local Jupyter directory `.jupyter-local/` (git-ignored),
 * written by scripts/setup.mjs (so by `npm run lab`, `npm run notebooks`, `npm run export`, `npm test`):
 *
 *   nbextensions/agglomeration-workbench/plotly.min.js   plotly.js for the live Notebook page: every figure
 *        output loads it from `{base_url}nbextensions/…` when the page has no Plotly yet, so no figure
 *        depends on which output carried the library;
 *   nbconvert/templates/workbench/                       the nbconvert template of every exported page:
 *        scripts/nbconvert/workbench/* plus wb_plotly.html and wb_mathjax.html, plotly.js and MathJax 3
 *        (tex-svg-full) inlined gzip+base64 and inflated in the browser with DecompressionStream;
 *   config/jupyter_notebook_config.json, config/jupyter_nbconvert_config.json
 *        `HTMLExporter.template_name = "workbench"`, so Jupyter's *Download as → HTML* (Notebook started
 *        with `npm run lab`) and `jupyter nbconvert --to html` (with JUPYTER_CONFIG_PATH set) use it.
 *
 * Plain Node ESM without dependencies (runs inside setup). Idempotent: a stamp records the versions and
 * template sources the files were made from.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE_NAME = "workbench";
const TEMPLATE_SRC = path.join(repoRoot, "scripts", "nbconvert", TEMPLATE_NAME);

export function assetPaths(jupyterLocal) {
  return {
    nbextension: path.join(jupyterLocal, "nbextensions", "agglomeration-workbench"),
    template: path.join(jupyterLocal, "nbconvert", "templates", TEMPLATE_NAME),
    config: path.join(jupyterLocal, "config"),
  };
}

function pkgFile(rel) {
  return path.join(repoRoot, "node_modules", rel);
}

function b64gz(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).toString("base64");
}

const INFLATE =
  "function(b){var s=atob(b),u=new Uint8Array(s.length);for(var i=0;i<s.length;i++)u[i]=s.charCodeAt(i);" +
  "return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text();}";

/**
 * `<script>` defining `window.__wbPlotly`, a promise of plotly.js inlined in the page (what figure
 * outputs wait for in an exported page). Loads once per page.
 */
export function plotlyPageScript(plotlyFile = pkgFile("plotly.js-dist-min/plotly.min.js")) {
  return (
    `<script>(function(){if(window.__wbPlotly)return;var inflate=${INFLATE};` +
    `window.__wbPlotly=window.Plotly?Promise.resolve(window.Plotly):inflate("${b64gz(plotlyFile)}").then(function(src){` +
    `var s=document.createElement("script");s.text=src;document.head.appendChild(s);` +
    `if(!window.Plotly)throw new Error("the inlined plotly.js did not define window.Plotly");return window.Plotly;});})();</script>`
  );
}

/** MathJax 3 configuration and the inlined tex-svg-full build (no font files, no network). */
export function mathjaxPageScript(mathjaxFile = pkgFile("mathjax/es5/tex-svg-full.js")) {
  const config =
    "window.MathJax={tex:{inlineMath:[['$','$'],['\\\\(','\\\\)']],displayMath:[['$$','$$'],['\\\\[','\\\\]']]," +
    "processEscapes:true},svg:{fontCache:'global'},startup:{typeset:true}};";
  return (
    `<script>${config}</script>\n<script>(function(){var inflate=${INFLATE};inflate("${b64gz(mathjaxFile)}").then(function(src){` +
    `var s=document.createElement("script");s.text=src;document.head.appendChild(s);});})();</script>`
  );
}

function stampOf() {
  const h = crypto.createHash("sha256");
  for (const rel of ["plotly.js-dist-min/package.json", "mathjax/package.json"]) {
    const f = pkgFile(rel);
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : "missing");
  }
  for (const f of fs.readdirSync(TEMPLATE_SRC).sort()) h.update(f).update(fs.readFileSync(path.join(TEMPLATE_SRC, f)));
  h.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  return h.digest("hex");
}

function writeAtomic(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Merge `HTMLExporter.template_name` into a Jupyter JSON config file, keeping what else it holds. */
function ensureConfig(file) {
  let cfg = {};
  try {
    cfg = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    /* new file */
  }
  if (cfg.HTMLExporter?.template_name === TEMPLATE_NAME) return false;
  cfg.HTMLExporter = { ...(cfg.HTMLExporter || {}), template_name: TEMPLATE_NAME };
  writeAtomic(file, JSON.stringify(cfg, null, 2) + "\n");
  return true;
}

/**
 * Install the assets into `jupyterLocal` unless they are current. Returns true when it wrote something.
 * @throws when node_modules lacks plotly.js-dist-min (run npm ci first)
 */
export function ensureJupyterAssets(jupyterLocal, log = () => {}) {
  const p = assetPaths(jupyterLocal);
  const plotly = pkgFile("plotly.js-dist-min/plotly.min.js");
  const mathjax = pkgFile("mathjax/es5/tex-svg-full.js");
  if (!fs.existsSync(plotly)) throw new Error(`cannot find ${path.relative(repoRoot, plotly)} (run npm ci)`);
  let changed = false;
  changed = ensureConfig(path.join(p.config, "jupyter_notebook_config.json")) || changed;
  changed = ensureConfig(path.join(p.config, "jupyter_nbconvert_config.json")) || changed;
  const stampFile = path.join(p.template, ".stamp");
  const stamp = stampOf();
  const current =
    fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp &&
    fs.existsSync(path.join(p.nbextension, "plotly.min.js")) && fs.existsSync(path.join(p.template, "wb_plotly.html"));
  if (current) return changed;
  fs.mkdirSync(p.nbextension, { recursive: true });
  fs.copyFileSync(plotly, path.join(p.nbextension, "plotly.min.js"));
  fs.rmSync(p.template, { recursive: true, force: true });
  fs.mkdirSync(p.template, { recursive: true });
  for (const f of fs.readdirSync(TEMPLATE_SRC)) fs.copyFileSync(path.join(TEMPLATE_SRC, f), path.join(p.template, f));
  // {% raw %}: the assets are data, not template text.
  writeAtomic(path.join(p.template, "wb_plotly.html"), `{% raw %}${plotlyPageScript(plotly)}{% endraw %}\n`);
  writeAtomic(
    path.join(p.template, "wb_mathjax.html"),
    fs.existsSync(mathjax) ? `{% raw %}${mathjaxPageScript(mathjax)}{% endraw %}\n` : "<!-- MathJax not installed (npm ci): formulas show as LaTeX -->\n",
  );
  writeAtomic(stampFile, stamp);
  log(`setup: installed plotly.js and the "${TEMPLATE_NAME}" nbconvert template into ${path.relative(repoRoot, jupyterLocal)}/`);
  return true;
}
