/**
 * V8 code cache for the TypeScript compiler the kernel loads (tslab's @tslab/typescript-for-tslab,
 * one 8 MB file). Node 20 compiles it afresh in every kernel: its top level on require and each
 * function when first called, about 0.2 s of CPU per notebook before and during the first cell.
 * Node 22's `module.enableCompileCache()` is not available on Node 20, so the file is compiled here
 * with `vm.Script` and V8's cached data, then registered in `require.cache` under its own file name,
 * so tslab's own `require` of it gets this same module instance.
 *
 * The cache (build/cache/v8/typescript-<key>.bin) is written once by a kernel that found none (or
 * found it rejected), after its first cells have run, so it holds the functions they compiled too.
 * The key covers the file's path, size and modification time, Node's and V8's versions and Node's
 * flags; V8 checks the source and its flags again and rejects data that does not fit, which is then
 * rewritten. A missing, unreadable or unwritable cache only costs the compile time.
 * WB_KERNEL_CODE_CACHE=0 turns it off (plain `require`).
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const repoRoot = path.resolve(__dirname, "..", "..");
const CACHE_DIR = path.join(repoRoot, "build", "cache", "v8");

/** The cache file for `filename` as it is now on disk, under this Node. */
function cacheFileFor(filename, cacheDir = CACHE_DIR) {
  const st = fs.statSync(filename);
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([filename, st.size, st.mtimeMs, process.version, process.versions.v8, process.execArgv]))
    .digest("hex")
    .slice(0, 16);
  return path.join(cacheDir, `${path.basename(filename, ".js")}-${key}.bin`);
}

/**
 * `require(filename)` through a V8 code cache (in `cacheDir`, default build/cache/v8). Returns
 * { exports, cache: "used" | "rejected" | "none" | "off", save() }; save() writes the cache when it
 * was not used (call it once the module has done some work) and returns true when it wrote one.
 */
function requireWithCodeCache(filename, { cacheDir = CACHE_DIR } = {}) {
  const resolved = require.resolve(filename);
  if (process.env.WB_KERNEL_CODE_CACHE === "0" || require.cache[resolved]) {
    return { exports: require(resolved), cache: "off", save: () => false };
  }
  let cacheFile = null;
  let cachedData;
  try {
    cacheFile = cacheFileFor(resolved, cacheDir);
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = fs.readFileSync(resolved, "utf8");
  const script = new vm.Script(Module.wrap(source), { filename: resolved, cachedData });
  const mod = new Module(resolved, module);
  mod.filename = resolved;
  mod.paths = Module._nodeModulePaths(path.dirname(resolved));
  require.cache[resolved] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(resolved), mod, resolved, path.dirname(resolved));
  } catch (e) {
    delete require.cache[resolved];
    throw e;
  }
  mod.loaded = true;
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used";
  let saved = false;
  const save = () => {
    if (cache === "used" || saved || !cacheFile) return false;
    saved = true;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile); // atomic: another kernel reads the old file or the new one
      return true;
    } catch {
      return false; // e.g. a read-only checkout: the next kernel compiles again
    }
  };
  return { exports: mod.exports, cache, save };
}

module.exports = { requireWithCodeCache, cacheFileFor, CACHE_DIR };
