/**
 * scripts/kernel/code-cache.cjs: the kernel compiles tslab's TypeScript through a V8 code cache.
 * Each load runs in a child Node process (a module is loaded once per process): the first writes
 * the cache, the next uses it and gets the same module; damaged data is rejected and rewritten;
 * WB_KERNEL_CODE_CACHE=0 is a plain require.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const cachePath = path.join(root, "scripts", "kernel", "code-cache.cjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wb-code-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Load `file` through the cache in a child; report the cache state, a probe of the module, and whether save() wrote. */
function load(file: string, probe: string, env: Record<string, string> = {}) {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(cachePath)});
    const r = requireWithCodeCache(${JSON.stringify(file)}, { cacheDir: ${JSON.stringify(path.join(tmp, "cache"))} });
    const m = r.exports;
    const value = (${probe})(m);
    const sameInstance = require(${JSON.stringify(file)}) === m;
    process.stdout.write(JSON.stringify({ cache: r.cache, value, sameInstance, saved: r.save(), savedAgain: r.save() }));
  `;
  const res = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  if (res.status !== 0) throw new Error(`child failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as { cache: string; value: unknown; sameInstance: boolean; saved: boolean; savedAgain: boolean };
}

describe("kernel: TypeScript through a V8 code cache", () => {
  const tsFile = path.join(root, "node_modules", "@tslab", "typescript-for-tslab", "lib", "typescript.js");
  const transpile = `(ts) => [ts.version, ts.transpileModule("const x: number = 1 as number; export { x };", { compilerOptions: { module: 1 } }).outputText]`;

  it("writes the cache on the first load and uses it on the next, with the same TypeScript", () => {
    const first = load(tsFile, transpile);
    const second = load(tsFile, transpile);
    const plain = load(tsFile, transpile, { WB_KERNEL_CODE_CACHE: "0" });
    expect([first.cache, first.saved, first.savedAgain]).toEqual(["none", true, false]);
    expect([second.cache, second.saved]).toEqual(["used", false]);
    expect(plain.cache).toBe("off");
    expect(first.value).toEqual(plain.value);
    expect(second.value).toEqual(plain.value);
    expect((plain.value as string[])[1]).toContain("exports.x = x");
    for (const r of [first, second, plain]) expect(r.sameInstance).toBe(true);
  });

  it("rejects damaged cache data and writes it anew", () => {
    const file = path.join(tmp, "module-under-test.js");
    fs.writeFileSync(file, "exports.twice = (x) => 2 * x;\nexports.file = __filename;\n");
    const probe = "(m) => [m.twice(21), m.file]";
    expect(load(file, probe).cache).toBe("none");
    const [bin] = fs.readdirSync(path.join(tmp, "cache")).filter((f) => f.startsWith("module-under-test-"));
    const data = fs.readFileSync(path.join(tmp, "cache", bin));
    data.fill(7, 0, 64);
    fs.writeFileSync(path.join(tmp, "cache", bin), data);
    const damaged = load(file, probe);
    expect([damaged.cache, damaged.saved]).toEqual(["rejected", true]);
    expect(damaged.value).toEqual([42, file]);
    expect(load(file, probe).cache).toBe("used");
  });

  it("keys the cache on the file: an edited module is compiled afresh", () => {
    const file = path.join(tmp, "edited.js");
    fs.writeFileSync(file, "exports.v = 1;\n");
    expect(load(file, "(m) => m.v")).toMatchObject({ cache: "none", value: 1 });
    expect(load(file, "(m) => m.v")).toMatchObject({ cache: "used", value: 1 });
    fs.writeFileSync(file, "exports.v = 2; // longer\n");
    expect(load(file, "(m) => m.v")).toMatchObject({ cache: "none", value: 2 });
  });
});
