/**
 * scripts/kernel/lazy-modules.cjs: in the notebook kernel, danfojs-node's mathjs, xlsx and
 * TensorFlow.js load on first use instead of on import. Each check runs in a child Node process (the deferral patches
 * Module._load for the whole process), once with the deferral and once without it
 * (WB_KERNEL_LAZY_MODULES=0), and compares what danfo computes through the real modules.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const requireCjs = createRequire(__filename);
const root = path.resolve(__dirname, "..");
const lazyPath = path.join(root, "scripts", "kernel", "lazy-modules.cjs");
const lazy = requireCjs(lazyPath) as { isDanfoFile: (f: string) => boolean; deferredModule: <T extends object>(load: () => T) => T };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wb-lazy-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Run `body` (CommonJS, may use `danfo`, `loaded(name)`, `out`) in a child with or without the deferral. */
function child(body: string, deferred: boolean) {
  const script = `
    require(${JSON.stringify(lazyPath)}).installLazyModules();
    const loaded = (name) => Object.keys(require.cache).some((k) => k.includes("/node_modules/" + name + "/"));
    const out = {};
    const danfo = require("danfojs-node");
    out.mathjsAfterImport = loaded("mathjs");
    out.xlsxAfterImport = loaded("xlsx");
    out.tfAfterImport = loaded("@tensorflow/tfjs-core");
    (async () => { ${body} })().then(() => { process.stdout.write(JSON.stringify(out)); process.exit(0); },
      (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ["-e", script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WB_KERNEL_LAZY_MODULES: deferred ? "1" : "0" },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("kernel: danfojs-node's mathjs, xlsx and TensorFlow.js load on first use", () => {
  it("does not load mathjs, xlsx or TensorFlow.js on import of danfojs-node, and loads them without the deferral", () => {
    const on = child("", true);
    const off = child("", false);
    expect(on).toEqual({ mathjsAfterImport: false, xlsxAfterImport: false, tfAfterImport: false });
    expect(off).toEqual({ mathjsAfterImport: true, xlsxAfterImport: true, tfAfterImport: true });
  });

  it("builds frames without TensorFlow.js and gives the same tensors and tensor arithmetic once it is used", () => {
    const body = `
      const df = new danfo.DataFrame({ a: [1, 2, 3], b: [4, 5, 6] });
      out.afterFrame = loaded("@tensorflow/tfjs-core");
      out.tensor = [df.tensor.shape, Array.from(df.tensor.dataSync())];
      out.sum = df.add(df).values;
      out.fromTensor = new danfo.Series(danfo.tensorflow.tensor([7, 8])).values;
      out.afterUse = loaded("@tensorflow/tfjs-core");
    `;
    const on = child(body, true);
    const off = child(body, false);
    expect(on.afterFrame).toBe(false);
    expect(on.afterUse).toBe(true);
    for (const key of ["tensor", "sum", "fromTensor"]) expect(on[key]).toEqual(off[key]);
    expect(on.sum).toEqual([[2, 8], [4, 10], [6, 12]]);
  });

  it("recognizes a tensor made by TensorFlow.js required outside danfojs-node before danfo loaded it", () => {
    const body = `
      const tf = require("@tensorflow/tfjs-node");
      const s = new danfo.Series(tf.tensor([1.5, 2.5]));
      out.values = s.values;
    `;
    const on = child(body, true);
    const off = child(body, false);
    expect(on.values).toEqual(off.values);
    expect(on.values).toEqual([1.5, 2.5]);
  });

  it("gives danfo's std, var, median, mode and describe the same values as the real mathjs", () => {
    const body = `
      const s = new danfo.Series([3, 1, 4, 1, 5, 9, 2, 6]);
      out.beforeUse = loaded("mathjs");
      out.series = [s.std(), s.var(), s.median(), s.mode()];
      const df = new danfo.DataFrame({ a: [1, 2, 3, 4], b: [2.5, 0.5, 8, 1] });
      out.frame = [danfo.toJSON(df.std(), { format: "row" }), danfo.toJSON(df.median(), { format: "row" })];
      out.describe = danfo.toJSON(df.describe(), { format: "row" });
      out.grouped = danfo.toJSON(new danfo.DataFrame({ g: ["x", "x", "y", "y", "y"], v: [1, 3, 2, 4, 9] }).groupby(["g"]).col(["v"]).std(), { format: "row" });
      out.afterUse = loaded("mathjs");
    `;
    const on = child(body, true);
    const off = child(body, false);
    expect(on.beforeUse).toBe(false);
    expect(on.afterUse).toBe(true);
    for (const key of ["series", "frame", "describe", "grouped"]) expect(on[key]).toEqual(off[key]);
    // mathjs's sample standard deviation of 3 1 4 1 5 9 2 6 (mean 3.875, sum of squared deviations 52.875, n − 1 = 7)
    expect((on.series as number[])[0]).toBeCloseTo(Math.sqrt(52.875 / 7), 12);
  });

  it("writes and reads an Excel file through the deferred xlsx", () => {
    const file = path.join(tmp, "round-trip.xlsx");
    const body = `
      const df = new danfo.DataFrame({ city: ["长春", "吉林"], lq: [1.25, 0.75] });
      out.before = loaded("xlsx");
      danfo.toExcel(df, { filePath: ${JSON.stringify(file)} });
      const back = await danfo.readExcel(${JSON.stringify(file)});
      out.back = back.values;
      out.after = loaded("xlsx");
    `;
    const on = child(body, true);
    expect(on.before).toBe(false);
    expect(on.after).toBe(true);
    expect(on.back).toEqual([["长春", 1.25], ["吉林", 0.75]]);
  });

  it("gives a require from outside danfojs-node the real module", () => {
    const on = child(`const m = require("mathjs"); out.proxy = require("node:util").types.isProxy(m); out.std = m.std([1, 2, 3, 4]);`, true);
    expect(on.proxy).toBe(false);
    expect(on.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
  });

  it("recognizes danfojs-node's own files only", () => {
    const nm = path.join(root, "node_modules");
    expect(lazy.isDanfoFile(path.join(nm, "danfojs-node", "dist", "danfojs-base", "core", "frame.js"))).toBe(true);
    expect(lazy.isDanfoFile(path.join(nm, "danfojs-node", "node_modules", "mathjs", "index.js"))).toBe(false);
    expect(lazy.isDanfoFile(path.join(nm, "mathjs", "lib", "cjs", "index.js"))).toBe(false);
    expect(lazy.isDanfoFile(path.join(root, "lib", "danfojs-node", "x.js"))).toBe(false);
  });

  it("forwards every reflective operation of the stand-in to the module, loading it once", () => {
    let loads = 0;
    const real = { f: (x: number) => x + 1, k: 2 };
    const m = lazy.deferredModule(() => {
      loads++;
      return real;
    }) as typeof real & { extra?: number };
    expect(loads).toBe(0);
    expect(m.f(1)).toBe(2);
    expect("k" in m).toBe(true);
    expect(Object.keys(m)).toEqual(["f", "k"]);
    m.extra = 5;
    expect(real).toHaveProperty("extra", 5);
    expect(loads).toBe(1);
  });
});
