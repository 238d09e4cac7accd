#!/usr/bin/env node
/**
 * Kernel launcher for the project's tslab kernelspec (`.jupyter-local/kernels/tslab/kernel.json`).
 *
 * Why a launcher instead of the plain `tslab kernel` command: tslab 1.0.22 compiles each cell
 * with TypeScript `rootDir` set to the kernel's working directory (the notebook's folder), so a
 * notebook in `notebooks/` cannot import `../lib` ("File '…/lib/index.ts' is not under
 * 'rootDir'"). This launcher, before tslab loads, makes two narrow adjustments:
 *
 *   1. TypeScript's `rootDir` becomes the repository root (so `import { moran } from "../lib"`
 *      type-checks against the real sources of lib/), and emitted file names are mapped back to
 *      the notebook folder so tslab finds the cell's output where it expects it. Files outside
 *      the notebook folder (lib/) are not emitted by tslab.
 *   2. Node loads `lib/**\/*.ts` at run time through the `tsx` CommonJS hook (esbuild transpile,
 *      no type-check), so every fresh kernel executes the current lib/ sources: an edit to lib/
 *      is picked up by the next run (or after "Restart kernel" in Jupyter).
 *   3. A cell's shorthand object properties (`{ permutations }`) are written out in full
 *      (`{ permutations: permutations }`) before tslab converts the cell: tslab rewrites a
 *      reference to a variable of an earlier cell as `exports.name`, but misses the shorthand
 *      form, which then fails at run time with "ReferenceError: permutations is not defined".
 *
 * Usage (written into kernel.json by scripts/setup.mjs):
 *   node scripts/tslab-kernel.cjs kernel --config-path {connection_file}
 */
"use strict";
const path = require("path");
const Module = require("module");

const repoRoot = path.resolve(__dirname, "..");
const rootRequire = Module.createRequire(path.join(repoRoot, "package.json"));
const converterPath = rootRequire.resolve("tslab/dist/converter.js");
const tsPath = Module.createRequire(converterPath).resolve("@tslab/typescript-for-tslab");

// --- 1. Wrap TypeScript's watch host creation (the module's own exports are read-only getters,
// so tslab is given a forwarding copy through the require cache).
const realTs = require(tsPath);
const wrappedTs = {};
const OVERRIDDEN = new Set(["createWatchCompilerHost", "getPreEmitDiagnosticsOfFiles"]);
/** The notebook folder (tslab's working directory) once known; files outside it are lib sources. */
let notebookDir = null;
const insideNotebookDir = (fileName) => {
  if (!notebookDir) return true;
  const rel = path.relative(notebookDir, path.resolve(notebookDir, fileName));
  return rel !== "" ? !rel.startsWith("..") && !path.isAbsolute(rel) : true;
};
for (const key of Object.keys(realTs)) {
  if (OVERRIDDEN.has(key)) continue;
  Object.defineProperty(wrappedTs, key, { enumerable: true, get: () => realTs[key] });
}
Object.defineProperty(wrappedTs, "createWatchCompilerHost", {
  enumerable: true,
  value: function createWatchCompilerHost(rootFiles, options, ...rest) {
    const cwd = path.resolve(options.rootDir || process.cwd());
    const relCwd = path.relative(repoRoot, cwd);
    const inside = relCwd !== "" && !relCwd.startsWith("..") && !path.isAbsolute(relCwd);
    if (!inside) return realTs.createWatchCompilerHost(rootFiles, options, ...rest);
    notebookDir = cwd;
    const host = realTs.createWatchCompilerHost(rootFiles, { ...options, rootDir: repoRoot }, ...rest);
    const outDir = options.outDir;
    const emittedPrefix = path.join(outDir, relCwd) + path.sep;
    const remap = (fileName) => {
      const normalized = path.normalize(fileName);
      if (normalized.startsWith(emittedPrefix)) return path.join(outDir, normalized.slice(emittedPrefix.length));
      return null; // a file outside the notebook folder (lib/): loaded at run time by the tsx hook
    };
    const wrapBuilder = (builder) =>
      new Proxy(builder, {
        get(target, prop) {
          if (prop === "emit") {
            return (sourceFile, writeFile, ...emitRest) => {
              // lib/ sources are loaded by the tsx hook at run time: skip their (declaration) emit.
              if (sourceFile && !insideNotebookDir(sourceFile.fileName)) return { emitSkipped: true, diagnostics: [], emittedFiles: [] };
              return target.emit(
                sourceFile,
                (fileName, data, ...writeRest) => {
                  const mapped = remap(fileName);
                  if (mapped !== null) writeFile(mapped.split(path.sep).join("/"), data, ...writeRest);
                },
                ...emitRest,
              );
            };
          }
          const value = target[prop];
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    let userAfterProgramCreate = host.afterProgramCreate;
    Object.defineProperty(host, "afterProgramCreate", {
      configurable: true,
      enumerable: true,
      get: () => (builder) => userAfterProgramCreate && userAfterProgramCreate(wrapBuilder(builder)),
      set: (fn) => {
        userAfterProgramCreate = fn;
      },
    });
    return host;
  },
});
// tslab type-checks the cell and every file it depends on, then drops the diagnostics of files
// outside the notebook folder. Checking only the notebook's own files gives the same messages
// without type-checking all of lib/ on the first import (lib/ is type-checked by `npm run typecheck`).
Object.defineProperty(wrappedTs, "getPreEmitDiagnosticsOfFiles", {
  enumerable: true,
  value: (program, files, ...rest) =>
    realTs.getPreEmitDiagnosticsOfFiles(program, files.filter((f) => insideNotebookDir(f.fileName)), ...rest),
});
require.cache[tsPath].exports = wrappedTs;

// --- 3. Expand shorthand properties in each cell before tslab converts it (see the header).
/** `{ a, b: 1 }` → `{ a: a, b: 1 }` for every shorthand property of an object literal in `src`. */
function expandShorthandProperties(src) {
  if (!src.includes("{")) return src;
  const sf = realTs.createSourceFile("cell.tsx", src, realTs.ScriptTarget.Latest, false, realTs.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (realTs.isShorthandPropertyAssignment(node) && !node.objectAssignmentInitializer) {
      edits.push({ at: node.name.getEnd(), text: `: ${node.name.text}` });
    }
    realTs.forEachChild(node, visit);
  };
  visit(sf);
  edits.sort((a, b) => b.at - a.at);
  let out = src;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}
const converterModule = require(converterPath);
const realCreateConverter = converterModule.createConverter;
converterModule.createConverter = function createConverter(...args) {
  const converter = realCreateConverter(...args);
  const realConvert = converter.convert;
  converter.convert = (prevDecl, src) => realConvert(prevDecl, expandShorthandProperties(src));
  return converter;
};

// --- 2. Run-time loading of TypeScript sources (lib/) through tsx's CommonJS hook.
rootRequire("tsx/cjs/api").register();

// Optional: WB_KERNEL_CPU_PROFILE=<dir> writes a V8 CPU profile of this kernel when it exits
// (for measuring where a notebook's time goes; open it in Chrome DevTools).
if (process.env.WB_KERNEL_CPU_PROFILE) {
  const inspector = require("inspector");
  const fs = require("fs");
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  const write = () => {
    session.post("Profiler.stop", (err, res) => {
      if (err) return;
      fs.mkdirSync(process.env.WB_KERNEL_CPU_PROFILE, { recursive: true });
      fs.writeFileSync(path.join(process.env.WB_KERNEL_CPU_PROFILE, `kernel-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  };
  process.on("exit", write);
  process.on("SIGTERM", () => process.exit(0));
}

// --- 4. Start tslab as its own binary would.
rootRequire("tslab/dist/main.js").main();
