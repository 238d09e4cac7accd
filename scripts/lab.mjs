#!/usr/bin/env node
/**
 * `npm run lab [-- <jupyter notebook options>]`: the same idempotent setup as `npm run notebooks`,
 * then the Jupyter Notebook server on notebooks/ with the project-local tslab kernelspec
 * ("TypeScript (tslab)"). Options after `--` go to `jupyter notebook` (e.g. `--no-browser --port 8890`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureSetupOrExit, jupyterEnv, repoRoot } from "./setup.mjs";

ensureSetupOrExit({});
const args = ["notebook", `--notebook-dir=${path.join(repoRoot, "notebooks")}`, "--MultiKernelManager.default_kernel_name=tslab", ...process.argv.slice(2)];
if (process.getuid && process.getuid() === 0 && !args.includes("--allow-root")) args.push("--allow-root");
console.log(`lab: jupyter ${args.join(" ")}`);
const child = spawn("jupyter", args, { stdio: "inherit", env: jupyterEnv(), cwd: path.join(repoRoot, "notebooks") });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
