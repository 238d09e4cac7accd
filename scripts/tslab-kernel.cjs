#!/usr/bin/env node
/**
 * Kernel launcher for the project's tslab kernelspec (`.jupyter-local/kernels/tslab/kernel.json`).
 *
 * Why a launcher instead of the plain `tslab kernel` command: tslab 1.0.22 compiles each cell
 * with TypeScript `rootDir` set to the kernel's working directory (the notebook's folder), so a
 * notebook in `notebooks/` cannot import `../lib` ("File '…/lib/index.ts' is not under
 * 'rootDir'"). This launcher, before tslab loads, makes these adjustments:
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
 *   4. Each cell runs under the file name `In [n]` (its execution count) and tslab's TypeScript
 *      emit of the cell keeps a source map, so a traceback can name the cell and its line.
 *   5. The Jupyter side is ours (scripts/kernel/server.cjs) rather than tslab's, which breaks the
 *      messaging protocol in several places: errors as `error` messages with ename/evalue/traceback,
 *      the last value as `execute_result`, kernel_info with status and the real TypeScript
 *      version, no silent abort of requests after an error (see that file's header).
 *   6. Less to parse per kernel, same diagnostics for cells: lib/'s declarations from a cache
 *      instead of its sources when they are built for the current lib/ (scripts/kernel/lib-declarations.cjs),
 *      and danfo's two plotly.js types without plotly's 1.2 MB type schema (see withoutPlotlyTypes).
 *   7. danfojs-node's mathjs, xlsx and TensorFlow.js are loaded when danfo first uses them rather
 *      than on `import` (scripts/kernel/lazy-modules.cjs): about 1.1 s less CPU per notebook.
 *   8. TypeScript itself is compiled through a V8 code cache (scripts/kernel/code-cache.cjs).
 *
 * Usage (written into kernel.json by scripts/setup.mjs):
 *   node scripts/tslab-kernel.cjs kernel --config-path {connection_file}
 */
"use strict";
// deep enough stacks for the cell's frame to survive lib's own frames (the traceback is trimmed to the user's lines later)
Error.stackTraceLimit = 100;
const path = require("path");
const Module = require("module");

const repoRoot = path.resolve(__dirname, "..");
const rootRequire = Module.createRequire(path.join(repoRoot, "package.json"));
const converterPath = rootRequire.resolve("tslab/dist/converter.js");
const tsPath = Module.createRequire(converterPath).resolve("@tslab/typescript-for-tslab");

// --- 1. Wrap TypeScript's watch host creation (the module's own exports are read-only getters,
// so tslab is given a forwarding copy through the require cache).
// Compiled through a V8 code cache (scripts/kernel/code-cache.cjs): about 0.2 s less CPU per kernel.
const tsLoad = require("./kernel/code-cache.cjs").requireWithCodeCache(tsPath);
const realTs = tsLoad.exports;
const libDeclarations = require("./kernel/lib-declarations.cjs");
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
/**
 * danfojs-node's declarations import two types from "plotly.js-dist-min" (the config and layout of
 * its own `df.plot(div)` charts, which need a browser page and are not used here). The installed
 * plotly.js-dist-min 4.1.1 ships its full generated type schema (1.2 MB of declarations,
 * `src/types/generated/schema.d.ts`), which every kernel parsed and bound on the first
 * `import … from "danfojs-node"` or `"../lib"`: about 0.3–0.5 s of CPU per notebook. The kernel's program reads danfo's file with that import replaced by
 * two open interfaces, which is what these types were with plotly.js 2 (no declarations). Nothing
 * else changes: a cell that imports plotly.js's types itself still gets the real ones.
 */
const DANFO_TYPES_FILE = path.join("danfojs-node", "dist", "danfojs-base", "shared", "types.d.ts");
const DANFO_PLOTLY_IMPORT = 'import { Config, Layout } from "plotly.js-dist-min";';
const DANFO_PLOTLY_STUB = "interface Config { [key: string]: any } interface Layout { [key: string]: any }";
function withoutPlotlyTypes(fileName, text) {
  if (typeof text !== "string" || !path.normalize(fileName).endsWith(DANFO_TYPES_FILE)) return text;
  // One line for one line: the rest of the file keeps its line numbers.
  return text.replace(DANFO_PLOTLY_IMPORT, DANFO_PLOTLY_STUB);
}
/**
 * The kernel's program reads lib/'s declarations instead of its sources when they are built for
 * the current lib/ (scripts/kernel/lib-declarations.cjs: same types, about 1.4 s less CPU on the
 * first `import … from "../lib"`): lib/**\/*.ts sources do not exist for it, lib/**\/*.d.ts are read
 * from the cache. Without declarations for the current digest (lib/ edited since the last build,
 * or WB_KERNEL_LIB_DECLARATIONS=0) it reads the sources, as before, and (not with =0) starts their
 * build in the background for the next kernel. The digest is taken once, at kernel start: an edit
 * to lib/ reaches a running kernel's types, like its code, after a restart.
 */
function useLibDeclarations(host) {
  if (process.env.WB_KERNEL_LIB_DECLARATIONS === "0") return;
  let decls = null;
  try {
    decls = libDeclarations.currentDeclarations();
  } catch {
    decls = null; // unreadable cache: read the sources
  }
  if (!decls) {
    libDeclarations.startBuild(); // for the next kernel (e.g. after an edit to lib/)
    return;
  }
  const fs = require("fs");
  const realFileExists = host.fileExists;
  const realReadFile = host.readFile;
  host.fileExists = (fileName) => {
    if (libDeclarations.isLibSource(fileName)) return false;
    if (decls.declarationOf(fileName)) return true;
    return realFileExists.call(host, fileName);
  };
  host.readFile = (fileName, ...readRest) => {
    const cached = decls.declarationOf(fileName);
    if (cached) return fs.readFileSync(cached, "utf8");
    return realReadFile.call(host, fileName, ...readRest);
  };
}
/** The last TypeScript emit of a cell (tslab's `__tslab__.js` and its source map), for tracebacks. */
const cellEmit = { js: null, map: null };
Object.defineProperty(wrappedTs, "createWatchCompilerHost", {
  enumerable: true,
  value: function createWatchCompilerHost(rootFiles, options, ...rest) {
    const cwd = path.resolve(options.rootDir || process.cwd());
    const relCwd = path.relative(repoRoot, cwd);
    const inside = relCwd !== "" && !relCwd.startsWith("..") && !path.isAbsolute(relCwd);
    if (inside) notebookDir = cwd;
    const host = realTs.createWatchCompilerHost(rootFiles, { ...options, sourceMap: true, ...(inside ? { rootDir: repoRoot } : {}) }, ...rest);
    const realReadFile = host.readFile;
    host.readFile = (fileName, ...readRest) => withoutPlotlyTypes(fileName, realReadFile.call(host, fileName, ...readRest));
    if (inside) useLibDeclarations(host);
    const outDir = options.outDir;
    const emittedPrefix = path.join(outDir, relCwd) + path.sep;
    const remap = (fileName) => {
      if (!inside) return fileName;
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
                  if (mapped === null) return;
                  const base = path.basename(mapped);
                  if (base === "__tslab__.js") cellEmit.js = data;
                  else if (base === "__tslab__.js.map") cellEmit.map = data;
                  writeFile(mapped.split(path.sep).join("/"), data, ...writeRest);
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
    realTs.getPreEmitDiagnosticsOfFiles(
      program,
      files.filter((f) => insideNotebookDir(f.fileName)),
      ...rest,
    ),
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
// --- 7. danfojs-node's mathjs and xlsx load on first use, not on import (scripts/kernel/lazy-modules.cjs).
require("./kernel/lazy-modules.cjs").installLazyModules();

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

// --- 4. Cells run as `In [n]`; the line of the cell is found through the two source maps.
const vm = require("vm");
const { twoStageLineMapper, cellFileName } = require("./kernel/traceback.cjs");
const CELL_PREFIXES = ["(function(exports, require) { ", "(async function(exports, require) { "];
const CELL_SUFFIX = "\n})(__tslab__.exports, __tslab__.require)";
const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=\S*/g;
let pendingCell = null;
let ranCode = null;
const realRunInThisContext = vm.runInThisContext;
vm.runInThisContext = function runInThisContext(code, options) {
  if (pendingCell && typeof code === "string" && CELL_PREFIXES.some((p) => code.startsWith(p)) && code.endsWith(CELL_SUFFIX)) {
    const filename = pendingCell;
    pendingCell = null;
    ranCode = code;
    // displayErrors: false, or Node prefixes the stack with a line of the compiled code.
    return realRunInThisContext.call(this, code.replace(SOURCE_MAP_COMMENT, ""), { ...options, filename, displayErrors: false });
  }
  return realRunInThisContext.call(this, code, options);
};
function beforeCell(count) {
  // The first cells have compiled most of the checker: keep the code for the next kernels.
  if (count === 3) tsLoad.save();
  pendingCell = cellFileName(count);
  ranCode = null;
  cellEmit.js = null;
  cellEmit.map = null;
}
/** Stage 2 of tslab's compile (its esModuleToCommonJSModule), with a source map this time. */
function stage2(js) {
  const target = Number(process.versions.node.split(".")[0]) >= 18 ? realTs.ScriptTarget.ES2022 : realTs.ScriptTarget.ES2020;
  return realTs.transpileModule(js, {
    fileName: "custom.js",
    compilerOptions: {
      module: realTs.ModuleKind.CommonJS,
      esModuleInterop: true,
      target,
      newLine: realTs.NewLineKind.LineFeed,
      noImplicitUseStrict: true,
      sourceMap: true,
    },
  });
}
function lineMapper() {
  const code = ranCode;
  const { js, map } = cellEmit;
  if (!code || !js || !map) return null;
  let mapper;
  const wrapperLine = code.split("\n").length; // the `})(__tslab__.exports, …)` that calls the cell
  return (line, column) => {
    if (line === wrapperLine) return 0;
    if (mapper === undefined) {
      mapper = null;
      const prefix = CELL_PREFIXES.find((p) => code.startsWith(p));
      const output = code.slice(prefix.length, code.length - CELL_SUFFIX.length);
      const again = stage2(js);
      const strip = (s) => s.replace(SOURCE_MAP_COMMENT, "").trimEnd();
      // Map only when stage 2 is reproduced exactly (same TypeScript, same options as tslab's).
      if (strip(again.outputText) === strip(output) && again.sourceMapText) {
        mapper = twoStageLineMapper({ stage1Map: map, stage2Map: again.sourceMapText, prefixLines: 1, firstLinePrefix: prefix.length });
      }
    }
    return mapper ? mapper(line, column) : null;
  };
}

// --- 5. Start the kernel: `kernel --config-path <connection file>` (tslab's command line).
function configPathFromArgv(argv) {
  const args = argv.slice(2);
  if (args[0] !== "kernel") throw new Error(`usage: tslab-kernel.cjs kernel --config-path <connection file> (got: ${args.join(" ")})`);
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--config-path" && args[i + 1]) return args[i + 1];
    if (args[i].startsWith("--config-path=")) return args[i].slice("--config-path=".length);
  }
  throw new Error("tslab-kernel.cjs kernel: --config-path <connection file> is required");
}
let configPath;
try {
  configPath = configPathFromArgv(process.argv);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
require("./kernel/server.cjs").startKernel({
  configPath,
  tslabDir: path.dirname(rootRequire.resolve("tslab/package.json")),
  ts: realTs,
  beforeCell,
  lineMapper,
});
