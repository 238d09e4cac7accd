/**
 * The notebook runner end to end (scripts/notebooks.mjs with real tslab kernels), on throw-away
 * notebooks written under build/test-notebooks/: a failing cell is reported with notebook, cell
 * number, first line and error while the other notebooks still run; parameterized variants;
 * `import … from "../lib"` and an edit to that lib picked up by the next run; bad arguments.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSetup } from "../scripts/setup.mjs";

const root = path.resolve(__dirname, "..");
const base = path.join(root, "build", "test-notebooks", `run-${process.pid}`);
const nbDir = path.join(base, "notebooks");
const libDir = path.join(base, "lib");
const outDir = path.join(base, "html");

function notebook(cells: Array<{ code?: string; md?: string; tags?: string[] }>) {
  return {
    cells: cells.map((c) =>
      c.md !== undefined
        ? { cell_type: "markdown", metadata: {}, source: c.md }
        : { cell_type: "code", execution_count: null, metadata: c.tags ? { tags: c.tags } : {}, outputs: [], source: c.code },
    ),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const slowDir = path.join(base, "slow-notebooks");

function runner(...args: string[]) {
  return runnerIn(nbDir, ...args);
}

function runnerIn(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "notebooks.mjs"), "--no-setup", "--notebooks-dir", dir, "--out", outDir, ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function writeLib(greeting: string) {
  fs.writeFileSync(path.join(libDir, "index.ts"), `export function hello(x: number): string {\n  return "${greeting} " + x * 2;\n}\n`);
}

function executedOutputs(name: string): string {
  const nb = JSON.parse(fs.readFileSync(path.join(root, "build", "executed", `${name}.ipynb`), "utf8"));
  return JSON.stringify(nb.cells.map((c: { outputs?: unknown[] }) => c.outputs ?? []));
}

beforeAll(() => {
  ensureSetup({ log: () => {} }); // the project-local tslab kernelspec (idempotent, ~0.5 s)
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(nbDir, { recursive: true });
  fs.mkdirSync(libDir, { recursive: true });
  writeLib("hello");
  const write = (name: string, nb: object) => fs.writeFileSync(path.join(nbDir, `${name}.ipynb`), JSON.stringify(nb));
  write(
    "t1-ok",
    notebook([
      { md: "# T1 · runner fixture\n\n**Article:** none (test fixture)" },
      { code: "const k: number = 3;", tags: ["parameters"] },
      { code: 'import { hello } from "../lib";\nconsole.log(hello(k));' },
      // a shorthand property naming a variable of an earlier cell (tslab alone fails here)
      { code: 'const o = { k, twice: 2 * k };\nconsole.log(`shorthand ${o.k} ${o.twice}`);' },
    ]),
  );
  write(
    "t2-fails",
    notebook([
      { md: "# T2" },
      { code: "console.log('first cell ran');" },
      { code: '// second cell\nthrow new Error("deliberate failure 42");' },
      { code: "console.log('never runs');" },
    ]),
  );
  write("t3-compile", notebook([{ code: "const q: number = notDefinedAnywhere + 1;" }]));
  fs.mkdirSync(slowDir, { recursive: true });
  // A cell that keeps the kernel busy for 40 s (a bounded loop, so even a kernel left behind stops).
  const busy = (name: string) =>
    fs.writeFileSync(
      path.join(slowDir, `${name}.ipynb`),
      JSON.stringify(notebook([{ code: "console.log('start');" }, { code: "const t0 = Date.now();\nwhile (Date.now() - t0 < 40000) {}" }])),
    );
  busy("s1-busy");
});

/** True while `pid` is a live tslab kernel process. */
function kernelAlive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("tslab-kernel.cjs");
  } catch {
    return false;
  }
}

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

describe("npm run notebooks", () => {
  it("reports a failing cell with notebook, cell number, first line and error; runs the others; exits non-zero", () => {
    const { status, out } = runner("--jobs", "2");
    expect(status).toBe(1);
    expect(out).toContain("✘ t2-fails failed at cell 3 (code cell 2) [error]: // second cell");
    expect(out).toContain("Error: deliberate failure 42");
    expect(out).toMatch(
      /✘ t3-compile failed at cell 1 \(code cell 1\) \[error\]: const q: number = notDefinedAnywhere \+ 1;\n\s+TypeScriptError: In \[1\], line 1, column 19: Cannot find name 'notDefinedAnywhere'/,
    );
    expect(out).toContain("✔ t1-ok");
    expect(executedOutputs("t1-ok")).toContain("shorthand 3 6");
    expect(out).toMatch(/1 notebook\(s\) ok, 2 failed/);
    // The failing notebook stopped at its failing cell; its page exists and says where it failed.
    expect(executedOutputs("t2-fails")).toContain("first cell ran");
    expect(executedOutputs("t2-fails")).not.toContain("never runs");
    const page = fs.readFileSync(path.join(outDir, "t2-fails.html"), "utf8");
    expect(page).toContain("This run failed</b> at cell 3 (code cell 2)");
    // The index lists every notebook with its status and title.
    const index = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
    for (const n of ["t1-ok", "t2-fails", "t3-compile"]) expect(index).toContain(`href="${n}.html"`);
    expect(index).toContain("T1 · runner fixture");
    expect(index).toContain("none (test fixture)");
    const record = JSON.parse(fs.readFileSync(path.join(outDir, "runs", "t1-ok.json"), "utf8"));
    expect(record.status).toBe("ok");
    expect(record.kernelStartSeconds).toBeGreaterThan(0);
    expect(record.runSeconds).toBeGreaterThanOrEqual(record.kernelStartSeconds);
  });

  it("imports ../lib by relative path, and an edit to that lib is picked up by the next run", () => {
    // The first test's run of t1-ok printed hello(3) from the fixture lib.
    expect(executedOutputs("t1-ok")).toContain("hello 6");
    writeLib("bonjour");
    expect(runner("t1").status).toBe(0);
    expect(executedOutputs("t1-ok")).toContain("bonjour 6");
  });

  it("-p runs a variant under its own name with the parameters shown at the top of the page", () => {
    writeLib("hello");
    const { status, out } = runner("t1", "-p", "k=5");
    expect(status, out).toBe(0);
    expect(executedOutputs("t1-ok__k=5")).toContain("hello 10");
    const page = fs.readFileSync(path.join(outDir, "t1-ok__k=5.html"), "utf8");
    expect(page).toContain("Parameters of this run");
    expect(page).toMatch(/<tr class="changed"><td>k<\/td><td>number<\/td><td>5<\/td><td>3<\/td><\/tr>/);
    expect(fs.readFileSync(path.join(outDir, "index.html"), "utf8")).toContain('href="t1-ok__k=5.html"');
  });

  it("an unknown parameter or a wrong type stops before any kernel starts, naming the allowed parameters", () => {
    let r = runner("t1", "-p", "kk=5");
    expect(r.status).toBe(2);
    expect(r.out).toContain('unknown parameter "kk"; allowed parameters: k: number (default 3)');
    r = runner("t1", "-p", "k=five");
    expect(r.status).toBe(2);
    expect(r.out).toContain("parameter k=five: expected a number; allowed parameters: k: number (default 3)");
    r = runner("t", "-p", "k=5");
    expect(r.status).toBe(2);
    expect(r.out).toContain("-p needs exactly one notebook");
  });

  it("a prefix that matches nothing is an error listing the notebooks", () => {
    const r = runner("99");
    expect(r.status).toBe(2);
    expect(r.out).toContain("no notebook in");
    expect(r.out).toContain("t1-ok, t2-fails, t3-compile");
  });

  it("--timeout, --notebook-timeout and --jobs must be positive numbers (abc, 0, -5 are errors, not 'no limit')", () => {
    for (const [opt, v] of [["--timeout", "abc"], ["--timeout", "0"], ["--timeout", "-5"], ["--notebook-timeout", "0"], ["--jobs", "0"]]) {
      const r = runner("t1", opt, v);
      expect(r.status, `${opt} ${v}`).toBe(2);
      expect(r.out).toContain(`${opt} must be a positive`);
      expect(r.out).toContain(`(got "${v}")`);
    }
  });

  it("a cell over --timeout fails with a plain message naming the cell and the limit", () => {
    const { status, out } = runnerIn(slowDir, "--timeout", "3");
    expect(status).toBe(1);
    expect(out).toContain("✘ s1-busy failed at cell 2 (code cell 2) [timeout]: const t0 = Date.now();");
    expect(out).toMatch(/\n\s+cell 2 exceeded 3 s\n/);
  }, 120_000);

  it("a notebook over --notebook-timeout is stopped with its kernel", () => {
    const { status, out } = runnerIn(slowDir, "--timeout", "100", "--notebook-timeout", "8");
    expect(status).toBe(1);
    expect(out).toContain("notebook exceeded 8 s (--notebook-timeout)");
    const record = JSON.parse(fs.readFileSync(path.join(outDir, "runs", "s1-busy.json"), "utf8"));
    expect(record.kernelPid).toBeGreaterThan(0);
    expect(kernelAlive(record.kernelPid)).toBe(false);
  }, 120_000);

  it("SIGTERM or SIGHUP of the runner kills the kernels it started (no orphan kernel at 100% CPU)", async () => {
    for (const signal of ["SIGTERM", "SIGHUP"] as const) {
      const child = spawn(process.execPath, [path.join(root, "scripts", "notebooks.mjs"), "--no-setup", "--notebooks-dir", slowDir, "--out", outDir, "--timeout", "100"], { cwd: root });
      let out = "";
      const pid = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no kernel pid within 60 s:\n${out}`)), 60_000);
        child.stdout.on("data", (d) => {
          out += d;
          const m = /kernel ready in .* \(pid (\d+)\)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      expect(kernelAlive(pid)).toBe(true);
      await new Promise((r) => setTimeout(r, 1500)); // the busy cell is running
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      child.kill(signal);
      expect(await exited).toBe(signal === "SIGTERM" ? 143 : 129);
      await new Promise((r) => setTimeout(r, 500));
      expect(kernelAlive(pid), `kernel ${pid} after ${signal}`).toBe(false);
    }
  }, 180_000);
});

describe("start order", () => {
  it("starts the notebooks that took the most kernel CPU time last run first; unknown ones first; ties in notebook order; records stay in order", async () => {
    const { startOrder } = await import("../scripts/notebooks.mjs");
    const dir = path.join(base, "order");
    fs.mkdirSync(path.join(dir, "runs"), { recursive: true });
    const record = (name: string, r: object) => fs.writeFileSync(path.join(dir, "runs", `${name}.json`), JSON.stringify(r));
    record("a", { status: "ok", runSeconds: 30, cpuSeconds: { kernel: 5 } }); // wall time at high load; CPU counts
    record("b", { status: "ok", runSeconds: 9, cpuSeconds: { kernel: 8 } });
    record("c", { status: "failed", runSeconds: 1, cpuSeconds: { kernel: 1 } }); // failed: unknown
    record("e", { status: "ok", runSeconds: 6 }); // an older record without CPU times: its run time
    record("f", { status: "ok", runSeconds: 6 });
    fs.writeFileSync(path.join(dir, "runs", "g.json"), "{ not json");
    const runs = ["a", "b", "c", "d", "e", "f", "g"].map((name) => ({ name }));
    expect(startOrder(runs, dir).map((i) => runs[i].name)).toEqual(["c", "d", "g", "b", "e", "f", "a"]);
  });
});
