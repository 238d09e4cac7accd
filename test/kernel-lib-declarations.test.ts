/**
 * scripts/kernel/lib-declarations.cjs and its use by the kernel launcher (scripts/tslab-kernel.cjs):
 * the cached declarations of lib/ give a cell the same diagnostics as lib/'s sources, they are only
 * used for the digest they were built for, and the launcher's program no longer reads plotly.js's
 * type schema through danfo. The cells are compiled by the launcher's patched tslab converter in a
 * child process (no Jupyter), once reading lib/'s sources and once its declarations.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const requireCjs = createRequire(__filename);
const root = path.resolve(__dirname, "..");
type Declarations = { dir: string; digest: string; declarationOf: (fileName: string) => string | null };
const decl = requireCjs("../scripts/kernel/lib-declarations.cjs") as {
  buildDeclarations: () => string;
  currentDeclarations: () => Declarations | null;
  isLibSource: (fileName: string) => boolean;
  libDigest: () => string;
  tslabTypeScript: () => { version: string };
  tslabTypeScriptVersion: () => string;
};

/**
 * Compile `cells` one after the other with the launcher's converter (cwd notebooks/); returns each
 * cell's diagnostics as "code message" lines, and the files the program read under node_modules/plotly*.
 */
function compileCells(cells: string[], env: Record<string, string>) {
  const script = `
    const Module = require("module"), path = require("path");
    const serverPath = ${JSON.stringify(path.join(root, "scripts", "kernel", "server.cjs"))};
    require.cache[serverPath] = { id: serverPath, filename: serverPath, loaded: true, exports: { startKernel: (o) => {
      const { createConverter } = Module.createRequire(path.join(o.tslabDir, "package.json"))("./dist/converter.js");
      const conv = createConverter({ isJS: false, isBrowser: false });
      let prev = "";
      const out = [];
      for (const cell of ${JSON.stringify(cells)}) {
        const r = conv.convert(prev, cell);
        out.push(r.diagnostics.map((d) => d.code + " " + d.messageText));
        if (!r.diagnostics.length) prev = r.declOutput;
      }
      process.stdout.write(JSON.stringify({ out, plotly: o.ts.sys.__plotlyReads || 0 }));
      process.exit(0);
    } } };
    process.chdir(${JSON.stringify(path.join(root, "notebooks"))});
    process.argv = [process.argv[0], ${JSON.stringify(path.join(root, "scripts", "tslab-kernel.cjs"))}, "kernel", "--config-path", "/dev/null"];
    const ts = require(Module.createRequire(require.resolve("tslab/dist/converter.js", { paths: [${JSON.stringify(root)}] })).resolve("@tslab/typescript-for-tslab"));
    const realSysRead = ts.sys.readFile;
    ts.sys.__plotlyReads = 0;
    ts.sys.readFile = (f, e) => { if (f.includes("plotly.js-dist-min")) ts.sys.__plotlyReads++; return realSysRead(f, e); };
    require(process.argv[1]);
  `;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`compile child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { out: string[][]; plotly: number };
}

const CELLS = [
  'import * as dfd from "danfojs-node";\nimport { loadDataset, show, ols, moran, regionMapFigure } from "../lib";\nimport { numbers } from "../lib/notebook";\nconst panel = loadDataset("china-provinces");',
  'const n: string = ols(panel, "y ~ x").n;\nconst w = moran(1, 2);\nconst k = loadDataset(42);\nshow(regionMapFigure({}, panel, { id: 3 }));',
  'const xs: number[] = numbers(panel, "year");\nconst fit = ols(panel, "y ~ x", { vcov: "HC1" });\nconst r2: number = fit.fit.r2;',
];

describe("lib/ declarations for the kernel's type-check", () => {
  beforeAll(() => {
    decl.buildDeclarations(); // idempotent: nothing to do when the current digest is built
  }, 120_000);

  it("are built for the current digest, one .d.ts per lib source, and replace only lib/ sources", () => {
    const d = decl.currentDeclarations();
    expect(d).not.toBeNull();
    expect(d?.digest).toBe(decl.libDigest());
    expect(fs.existsSync(path.join(d?.dir ?? "", "complete"))).toBe(true);
    expect(d?.declarationOf(path.join(root, "lib", "index.d.ts"))).toBe(path.join(d?.dir ?? "", "lib", "index.d.ts"));
    expect(d?.declarationOf(path.join(root, "lib", "no-such-file.d.ts"))).toBeNull();
    expect(d?.declarationOf(path.join(root, "notebooks", "x.d.ts"))).toBeNull();
    expect(decl.isLibSource(path.join(root, "lib", "regression", "ols.ts"))).toBe(true);
    expect(decl.isLibSource(path.join(root, "lib", "index.d.ts"))).toBe(false);
    expect(decl.isLibSource(path.join(root, "notebooks", "lib", "x.ts"))).toBe(false);
    expect(decl.isLibSource(path.join(root, "build", "test-notebooks", "lib", "index.ts"))).toBe(false);
  });

  it("are found by a digest that names the compiler's version without loading the compiler", () => {
    // the version the digest reads from the package.json is the compiler's own
    expect(decl.tslabTypeScriptVersion()).toBe(decl.tslabTypeScript().version);
    const script = `
      const decl = require(${JSON.stringify(path.join(root, "scripts", "kernel", "lib-declarations.cjs"))});
      const digest = decl.libDigest();
      const found = decl.currentDeclarations() !== null;
      const started = decl.startBuild() !== null;
      const loaded = Object.keys(require.cache).filter((f) => f.includes("typescript"));
      process.stdout.write(JSON.stringify({ digest, found, started, loaded }));`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { digest: string; found: boolean; started: boolean; loaded: string[] };
    expect(out.digest).toBe(decl.libDigest());
    expect(out.found).toBe(true);
    expect(out.started).toBe(false); // built in beforeAll: nothing to start
    expect(out.loaded).toEqual([]);
  });

  it("give a cell the same diagnostics as lib/'s sources (errors still reported), and plotly's schema is not read", () => {
    const fromSources = compileCells(CELLS, { WB_KERNEL_LIB_DECLARATIONS: "0" });
    const fromDeclarations = compileCells(CELLS, { WB_KERNEL_LIB_DECLARATIONS: "1" });
    expect(fromSources.out[0]).toEqual([]);
    expect(fromSources.out[2]).toEqual([]);
    expect(fromSources.out[1].map((l) => l.split(" ")[0])).toEqual(["2322", "2345", "2345", "2345", "2741"]);
    expect(fromDeclarations.out).toEqual(fromSources.out);
    expect(fromSources.plotly).toBe(0);
    expect(fromDeclarations.plotly).toBe(0);
  }, 120_000);

  it("leave plotly.js's own types to a cell that imports them (real types, real errors)", () => {
    const r = compileCells(['import type { Layout } from "plotly.js-dist-min";\nconst l: Partial<Layout> = { title: { text: "t" }, nosuchkey: 1 };'], {});
    expect(r.plotly).toBeGreaterThan(0);
    expect(r.out[0].join("\n")).toContain("nosuchkey");
  }, 120_000);
});
