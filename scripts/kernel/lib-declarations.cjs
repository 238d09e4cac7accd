/**
 * Declarations (`.d.ts`) of the repository's `lib/`, for the kernel's TypeScript program.
 *
 * Why: a cell that imports `"../lib"` made every kernel parse and bind all of lib/'s sources
 * (about 200 files, 1.3 MB with function bodies) and infer the types of what the cell uses from
 * those bodies: about 1.4 s of CPU per notebook, on the first import. The declarations of the same
 * sources (0.55 MB, types only) give the cell the same types at a fraction of that cost. Only the
 * types come from here: at run time lib/ is still loaded from its sources (tsx, see
 * scripts/tslab-kernel.cjs), and a cell is still type-checked against these types (an error in a
 * cell is still an error).
 *
 * The declarations are built once per state of lib/ into `build/cache/lib-dts/<digest>/` (digest:
 * SHA-1 of every lib/**\/*.ts file's path and content, the TypeScript version and the compiler
 * options below), by `node scripts/kernel/lib-declarations.cjs build` (started in the background
 * by scripts/notebooks.mjs and by a kernel when they are missing: startBuild). A kernel uses them only when the directory of the
 * current digest is complete (it has its `complete` marker) and otherwise reads the sources as
 * before, so an edit to lib/ can never be type-checked against stale declarations: the next kernel
 * computes another digest. A declaration emit with errors (e.g. a type that cannot be named in a
 * .d.ts) leaves no cache: kernels then keep reading the sources.
 *
 * The compiler options are tslab 1.0.22's (tslab/dist/converter.js createConverter: no `strict`),
 * so the declarations say what the kernel's own program inferred from the sources.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

const FORMAT = "lib-dts-1";
const repoRoot = path.resolve(__dirname, "..", "..");
const libDir = path.join(repoRoot, "lib");
const cacheRoot = path.join(repoRoot, "build", "cache", "lib-dts");
const COMPLETE = "complete";

/** Resolve a file of the TypeScript package tslab compiles cells with (@tslab/typescript-for-tslab). */
function tslabTypeScriptFile(file) {
  const rootRequire = Module.createRequire(path.join(repoRoot, "package.json"));
  const converterPath = rootRequire.resolve("tslab/dist/converter.js");
  return Module.createRequire(converterPath).resolve(`@tslab/typescript-for-tslab${file}`);
}

/** The TypeScript tslab compiles cells with (@tslab/typescript-for-tslab). */
function tslabTypeScript() {
  return require(tslabTypeScriptFile(""));
}

/**
 * The version of that TypeScript, from its package.json: the digest needs only this, and loading the
 * compiler itself for it cost the runner about 0.3 s before its first kernel (scripts/notebooks.mjs).
 */
function tslabTypeScriptVersion() {
  return JSON.parse(fs.readFileSync(tslabTypeScriptFile("/package.json"), "utf8")).version;
}

/**
 * tslab's compiler options (see the header) by name: `module`, `moduleResolution`, `target` and `jsx`
 * name members of TypeScript's enums (ModuleKind, ModuleResolutionKind, ScriptTarget, JsxEmit).
 * The digest is taken of these names (no compiler needed); compilerOptions gives the emit the values.
 */
function optionsByName(outDir) {
  const major = Number(process.versions.node.split(".")[0]);
  const es = major >= 18 ? "ES2022" : major >= 16 ? "ES2021" : "ES2020";
  return {
    module: "ESNext",
    moduleResolution: "Node10",
    esModuleInterop: true,
    target: es,
    lib: [`lib.${es.toLowerCase()}.d.ts`],
    declaration: true,
    emitDeclarationOnly: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: "React",
    skipLibCheck: true,
    rootDir: repoRoot,
    outDir,
    typeRoots: [path.join(repoRoot, "node_modules", "@types")],
  };
}

/** tslab's compiler options as TypeScript's values, for the emit. */
function compilerOptions(ts, outDir) {
  const o = optionsByName(outDir);
  const member = (e, enumName, name) => {
    if (!(name in e)) throw new DeclarationEmitError(`TypeScript ${ts.version} has no ${enumName}.${name}`);
    return e[name];
  };
  return {
    ...o,
    module: member(ts.ModuleKind, "ModuleKind", o.module),
    moduleResolution: member(ts.ModuleResolutionKind, "ModuleResolutionKind", o.moduleResolution),
    target: member(ts.ScriptTarget, "ScriptTarget", o.target),
    jsx: member(ts.JsxEmit, "JsxEmit", o.jsx),
  };
}

/** Every lib/**\/*.ts file (absolute paths, sorted). */
function libSources(dir = libDir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) libSources(p, out);
    else if (e.isFile() && p.endsWith(".ts")) out.push(p);
  }
  return out.sort();
}

/**
 * The digest of the current lib/ sources, the TypeScript version (of its package.json, so no
 * compiler is loaded) and the options by name.
 */
function libDigest() {
  const h = crypto.createHash("sha1");
  h.update(`${FORMAT}\0${tslabTypeScriptVersion()}\0${process.versions.node.split(".")[0]}\0${JSON.stringify(optionsByName("out"))}\0`);
  for (const f of libSources()) {
    h.update(path.relative(repoRoot, f));
    h.update("\0");
    h.update(fs.readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

/**
 * The declarations of the current lib/, or null when they are not built yet: `{ dir, digest,
 * declarationOf(fileName) }`, where declarationOf maps `<repo>/lib/x/y.d.ts` to the cached file (or
 * null when there is none).
 */
function currentDeclarations() {
  const digest = libDigest();
  const dir = path.join(cacheRoot, digest);
  if (!fs.existsSync(path.join(dir, COMPLETE))) return null;
  return {
    dir,
    digest,
    declarationOf(fileName) {
      const rel = path.relative(libDir, path.resolve(fileName));
      if (rel.startsWith("..") || path.isAbsolute(rel) || !rel.endsWith(".d.ts")) return null;
      const cached = path.join(dir, "lib", rel);
      return fs.existsSync(cached) ? cached : null;
    },
  };
}

/** True for a lib/ source (`.ts`, not `.d.ts`) that the declarations replace in the kernel's program. */
function isLibSource(fileName) {
  const rel = path.relative(libDir, path.resolve(fileName));
  return !rel.startsWith("..") && !path.isAbsolute(rel) && /\.tsx?$/.test(rel) && !rel.endsWith(".d.ts");
}

/** Thrown when lib/'s declarations cannot be emitted (the kernels then read the sources). */
class DeclarationEmitError extends Error {
  constructor(message) {
    super(message);
    this.name = "DeclarationEmitError";
  }
}

/**
 * Build the declarations of the current lib/ (nothing to do when they exist). Returns the cache
 * directory. Writes into a temporary directory and renames it, so a kernel never sees half of it.
 */
function buildDeclarations(ts = tslabTypeScript()) {
  const digest = libDigest();
  const dir = path.join(cacheRoot, digest);
  if (fs.existsSync(path.join(dir, COMPLETE))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const program = ts.createProgram(libSources(), compilerOptions(ts, tmp));
  const result = program.emit(undefined, undefined, undefined, true);
  if (result.emitSkipped || result.diagnostics.length) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const first = result.diagnostics
      .slice(0, 3)
      .map((d) => `${d.file ? path.relative(repoRoot, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    throw new DeclarationEmitError(`lib/ declarations not emitted${first.length ? `: ${first.join("; ")}` : ""}`);
  }
  fs.writeFileSync(path.join(tmp, COMPLETE), `${digest}\n`);
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, COMPLETE))) throw e; // else another process built it first
  }
  // Keep only the newest few digests (each is about 1 MB).
  const others = fs
    .readdirSync(cacheRoot)
    .filter((n) => /^[0-9a-f]{40}$/.test(n) && n !== digest)
    .map((n) => ({ n, t: fs.statSync(path.join(cacheRoot, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of others.slice(3)) fs.rmSync(path.join(cacheRoot, n), { recursive: true, force: true });
  return dir;
}

/** A build lock older than this is left over from a killed build. */
const LOCK_STALE_MS = 5 * 60_000;

/**
 * Start building the declarations of the current lib/ in the background when there are none
 * (scripts/notebooks.mjs before its first kernel; a kernel that finds none, e.g. in Jupyter after an
 * edit to lib/). Nothing waits for it: kernels started before it is done read the sources. It is a
 * detached, niced process of its own (a few seconds of CPU), so it outlives a kernel that is killed;
 * a lock directory keeps to one build per digest at a time, and the shell removes it when the build
 * ends, whether it succeeded or not. Returns the child process, or null when there is nothing to
 * build (or another build is under way).
 */
function startBuild() {
  const { spawn } = require("child_process");
  let digest;
  try {
    if (currentDeclarations()) return null;
    digest = libDigest();
  } catch {
    return null;
  }
  const lock = path.join(cacheRoot, `${digest}.lock`);
  try {
    fs.mkdirSync(cacheRoot, { recursive: true });
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      /* no lock */
    }
    fs.mkdirSync(lock);
  } catch {
    return null; // another build is under way
  }
  const child = spawn("/bin/sh", ["-c", 'nice -n 5 "$0" "$1" build; rmdir "$2"', process.execPath, __filename, lock], {
    cwd: repoRoot,
    detached: true,
    stdio: "ignore",
  });
  child.on("error", () => fs.rmSync(lock, { recursive: true, force: true }));
  child.unref();
  return child;
}

module.exports = { buildDeclarations, currentDeclarations, isLibSource, libDigest, startBuild, tslabTypeScript, tslabTypeScriptVersion, DeclarationEmitError, cacheRoot };

if (require.main === module) {
  if (process.argv[2] !== "build") {
    process.stderr.write("usage: node scripts/kernel/lib-declarations.cjs build\n");
    process.exit(2);
  }
  try {
    const t0 = Date.now();
    const dir = buildDeclarations();
    process.stdout.write(`${path.relative(repoRoot, dir)} [${Date.now() - t0} ms]\n`);
  } catch (e) {
    process.stderr.write(`${e.name}: ${e.message}\n`);
    process.exit(1);
  }
}
