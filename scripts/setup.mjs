/**
 * Idempotent machine setup shared by `npm run notebooks`, `npm test` and `npm run lab`.
 *
 * Plain Node ESM with no dependencies, so it runs before node_modules exists. Steps:
 *   1. npm dependencies: `npm ci` when node_modules is missing or differs from package-lock.json;
 *   2. Debian Jupyter (`jupyter-notebook jupyter-nbconvert jupyter-client`), for the browser
 *      test Debian `chromium` and `fonts-noto-cjk`, and for the kernel test Jupyter's kernel test
 *      suite (`python3-jupyter-kernel-test`, run with /usr/bin/python3): installed with apt-get
 *      when running as root, otherwise the exact `sudo apt-get install …` line is printed and the
 *      process exits non-zero;
 *   3. the tslab kernelspec, written into the project-local Jupyter directory `.jupyter-local/`
 *      (git-ignored; never a global kernelspec). Child processes find it through JUPYTER_PATH;
 *   4. the static assets of scripts/jupyter-assets.mjs in the same directory: plotly.js for the live
 *      Notebook page, the "workbench" nbconvert template (plotly.js and MathJax 3 inlined) and the
 *      Jupyter config that makes it the HTML exporter's template (found through JUPYTER_CONFIG_PATH).
 * A run that finds everything in place prints one line saying so.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureJupyterAssets } from "./jupyter-assets.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const jupyterLocal = path.join(repoRoot, ".jupyter-local");
export const KERNEL_NAME = "tslab";
const JUPYTER_DEBS = ["jupyter-notebook", "jupyter-nbconvert", "jupyter-client"];
/** Jupyter's kernel test suite (jupyter_kernel_test), for test/kernel-conformance.py. */
export const KERNEL_TEST_DEBS = ["python3-jupyter-kernel-test"];
/** The interpreter Debian's python3-* packages are installed for. */
export const DEBIAN_PYTHON = "/usr/bin/python3";
const CHROMIUM_PATH = "/usr/bin/chromium";

/** Environment for every child process that talks to Jupyter: the project-local kernelspec first. */
export function jupyterEnv(base = process.env) {
  const env = { ...base };
  env.JUPYTER_PATH = [jupyterLocal, base.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  env.JUPYTER_DATA_DIR = jupyterLocal;
  env.JUPYTER_CONFIG_PATH = [path.join(jupyterLocal, "config"), base.JUPYTER_CONFIG_PATH].filter(Boolean).join(path.delimiter);
  env.PYDEVD_DISABLE_FILE_VALIDATION = "1";
  return env;
}

function which(cmd) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/** The Python interpreter that runs the `jupyter` command (Debian: /usr/bin/python3), read from its shebang. */
export function jupyterPython() {
  const jupyter = which("jupyter");
  if (jupyter) {
    const first = fs.readFileSync(jupyter, "utf8").split("\n", 1)[0];
    if (first.startsWith("#!")) {
      const parts = first.slice(2).trim().split(/\s+/);
      if (path.basename(parts[0]) === "env" && parts[1]) return which(parts[1]) || parts[1];
      return parts[0];
    }
  }
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", ...opts });
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** True when every non-optional package of package-lock.json is installed at the locked version. */
export function npmDependenciesCurrent() {
  const lockPath = path.join(repoRoot, "package-lock.json");
  const hiddenPath = path.join(repoRoot, "node_modules", ".package-lock.json");
  if (!fs.existsSync(path.join(repoRoot, "node_modules")) || !fs.existsSync(hiddenPath)) return false;
  const lock = JSON.parse(fs.readFileSync(lockPath, "utf8")).packages || {};
  const hidden = JSON.parse(fs.readFileSync(hiddenPath, "utf8")).packages || {};
  for (const [key, entry] of Object.entries(lock)) {
    if (!key.startsWith("node_modules/") || entry.optional || entry.peer) continue;
    const installed = hidden[key];
    if (!installed || installed.version !== entry.version) return false;
    if (!fs.existsSync(path.join(repoRoot, key, "package.json"))) return false;
  }
  return true;
}

function ensureNpm(log) {
  if (npmDependenciesCurrent()) return false;
  log("setup: node_modules missing or out of date -> npm ci");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = run(npm, ["ci", "--no-audit", "--no-fund"], { cwd: repoRoot, stdio: "inherit" });
  if (r.status !== 0) throw new SetupError(`npm ci failed (exit ${r.status})`);
  return true;
}

/** The Debian packages among `debs` that are not installed (dpkg-query; without dpkg: by command name). */
export function missingDebs(debs) {
  const missing = [];
  for (const deb of debs) {
    const r = run("dpkg-query", ["-W", "-f=${Status}", deb]);
    if (r.error) {
      // No dpkg (not Debian): fall back to looking for the commands.
      const cmd = deb === "chromium" ? "chromium" : deb;
      if (!which(cmd) && !(deb === "chromium" && fs.existsSync(CHROMIUM_PATH))) missing.push(deb);
      continue;
    }
    if (r.status !== 0 || !/install ok installed/.test(r.stdout)) missing.push(deb);
  }
  return missing;
}

/** The apt-get command line that installs `missing`. */
export function aptInstallLine(missing) {
  return `apt-get install -y --no-install-recommends ${missing.join(" ")}`;
}

/** The message for a user who is not root: the exact sudo line to run. */
export function sudoMessage(missing) {
  return `missing Debian packages: ${missing.join(", ")}. Install them with:\n  sudo apt-get update && sudo ${aptInstallLine(missing)}\nthen run this command again.`;
}

function ensureDebs(debs, log, root = isRoot()) {
  const missing = missingDebs(debs);
  if (missing.length === 0) return false;
  const line = aptInstallLine(missing);
  if (!root) throw new SetupError(sudoMessage(missing));
  log(`setup: installing Debian packages ${missing.join(" ")} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = run("apt-get", ["update"], { stdio: "inherit", env });
  if (r.status !== 0) throw new SetupError("apt-get update failed");
  r = run("apt-get", line.split(" ").slice(1), { stdio: "inherit", env });
  if (r.status !== 0) throw new SetupError(`apt-get install failed for ${missing.join(" ")}`);
  const still = missingDebs(debs);
  if (still.length) throw new SetupError(`still missing after apt-get: ${still.join(", ")}`);
  return true;
}

/** The kernel.json this checkout needs (absolute paths are fine here: the file is machine-local and git-ignored). */
export function kernelSpec() {
  return {
    argv: [process.execPath, path.join(repoRoot, "scripts", "tslab-kernel.cjs"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
    metadata: { note: "Written by scripts/setup.mjs; project-local, regenerate with `npm run notebooks`." },
  };
}

function ensureKernelspec(log) {
  const dir = path.join(jupyterLocal, "kernels", KERNEL_NAME);
  const file = path.join(dir, "kernel.json");
  const want = JSON.stringify(kernelSpec(), null, 2) + "\n";
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === want) return false;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, want);
  log(`setup: wrote tslab kernelspec to ${path.relative(repoRoot, file)}`);
  return true;
}

function checkPythonModules(kernelTest) {
  const py = jupyterPython();
  const r = run(py, ["-c", "import nbclient, nbconvert, nbformat, jupyter_client"]);
  if (r.status !== 0) {
    throw new SetupError(
      `the Python that runs \`jupyter\` (${py}) cannot import nbclient/nbconvert/nbformat/jupyter_client:\n${(r.stderr || "").trim()}`,
    );
  }
  if (kernelTest) {
    const k = run(DEBIAN_PYTHON, ["-c", "import jupyter_kernel_test"]);
    if (k.status !== 0) throw new SetupError(`${DEBIAN_PYTHON} cannot import jupyter_kernel_test:\n${(k.stderr || k.error || "").toString().trim()}`);
  }
}

export class SetupError extends Error {}

/**
 * Run every setup step. `chromium: true` also ensures Debian chromium (for the browser test),
 * `kernelTest: true` Jupyter's kernel test suite (for test/kernel-conformance.py).
 * Returns true when something was installed or written.
 */
export function ensureSetup({ chromium = false, kernelTest = false, log = (s) => console.log(s) } = {}) {
  const t0 = Date.now();
  let changed = false;
  changed = ensureNpm(log) || changed;
  // The browser test also needs CJK fonts, or Chinese text in its screenshots is drawn as boxes.
  const debs = [...JUPYTER_DEBS, ...(chromium ? ["chromium", "fonts-noto-cjk"] : []), ...(kernelTest ? KERNEL_TEST_DEBS : [])];
  changed = ensureDebs(debs, log) || changed;
  checkPythonModules(kernelTest);
  changed = ensureKernelspec(log) || changed;
  try {
    changed = ensureJupyterAssets(jupyterLocal, log) || changed;
  } catch (e) {
    throw new SetupError(e.message);
  }
  if (!changed) {
    const extras = `${chromium ? ", chromium, CJK fonts" : ""}${kernelTest ? ", jupyter_kernel_test" : ""}`;
    log(`setup: nothing to install (node_modules current, Jupyter${extras} present, tslab kernelspec, plotly.js and nbconvert template current in .jupyter-local/) [${Date.now() - t0} ms]`);
  }
  return changed;
}

/** CLI wrapper: run setup, print a SetupError cleanly and exit 1. */
export function ensureSetupOrExit(opts) {
  try {
    return ensureSetup(opts);
  } catch (e) {
    if (e instanceof SetupError) {
      console.error(`setup: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSetupOrExit({ chromium: process.argv.includes("--chromium"), kernelTest: process.argv.includes("--kernel-test") });
}
