/**
 * scripts/kernel/traceback.cjs: Jupyter error content of the project kernel — ename, evalue and a
 * traceback of the analyst's frames only (cells by `In [n]` and line as typed, lib/ files), and
 * compile errors with the cell line and a caret. End to end: test/kernel-conformance.py.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const requireCjs = createRequire(__filename);
type ErrorContent = { ename: string; evalue: string; traceback: string[] };
const tb = requireCjs("../scripts/kernel/traceback.cjs") as {
  cellFileName: (n: number) => string;
  registerCell: (fileName: string, source: string, mapLine: ((line: number, column: number) => number | null) | null) => void;
  twoStageLineMapper: (o: {
    stage1Map: string;
    stage2Map: string;
    prefixLines: number;
    firstLinePrefix: number;
  }) => (line: number, column: number) => number | null;
  runtimeError: (thrown: unknown) => ErrorContent;
  compileError: (d: { fileName: string; line: number; column: number; message: string }[], source: string, cellName: string) => ErrorContent;
  parseFrame: (line: string) => { fn: string | null; file: string; line: number | null; column: number | null } | null;
};

const root = path.resolve(__dirname, "..");

/** Compile a cell as tslab does (TypeScript emit with a one-line prefix, then ES module → CommonJS), both with source maps. */
function compileLikeTslab(source: string) {
  const s1 = ts.transpileModule(`export {};\n${source}`, {
    fileName: "__tslab__.ts",
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true },
  });
  const s2 = ts.transpileModule(s1.outputText, {
    fileName: "custom.js",
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: true },
  });
  const prefix = "(function(exports, require) { ";
  return { code: `${prefix}${s2.outputText}\n})`, stage1Map: s1.sourceMapText!, stage2Map: s2.sourceMapText!, prefix };
}

describe("runtime errors", () => {
  it("a cell frame names the cell, the line as typed and the function, with that line of code", () => {
    const source =
      'import * as path from "path";\ninterface P { x: number }\n\nfunction f(p: P): number {\n  if (p.x < 0) throw new RangeError(`negative ${path.sep}`);\n  return p.x;\n}\nf({ x: -1 });';
    const { code, stage1Map, stage2Map, prefix } = compileLikeTslab(source);
    const name = tb.cellFileName(7);
    tb.registerCell(name, source, tb.twoStageLineMapper({ stage1Map, stage2Map, prefixLines: 1, firstLinePrefix: prefix.length }));
    let thrown: unknown;
    try {
      (vm.runInThisContext(code, { filename: name, displayErrors: false }) as (e: object, r: NodeRequire) => void)({}, require);
    } catch (e) {
      thrown = e;
    }
    const content = tb.runtimeError(thrown);
    expect(content.ename).toBe("RangeError");
    expect(content.evalue).toBe("negative /");
    expect(content.traceback.slice(0, 5)).toEqual([
      "RangeError: negative /",
      "  In [7], line 5, in f",
      "    if (p.x < 0) throw new RangeError(`negative ${path.sep}`);",
      "  In [7], line 8",
      "    f({ x: -1 });",
    ]);
    expect(content.traceback.join("\n")).not.toMatch(/node:|vitest|node_modules/);
  });

  it("keeps lib/ frames with their source line and drops tslab, vm, commander and Node frames", () => {
    // Line 9 of the code that ran is line 2 of the cell; line 12 is tslab's call of the cell (0: not shown).
    tb.registerCell("In [3]", "const a = 1;\nfit(a);", (line) => (line === 9 ? 2 : line === 12 ? 0 : null));
    const err = new Error('ols: column "lnfin" has 3 missing values');
    err.stack = [
      'Error: ols: column "lnfin" has 3 missing values',
      `    at modelMatrix (${path.join(root, "lib", "formula", "modelMatrix.ts")}:1:10)`,
      `    at Object.half (${path.join(root, "node_modules", "danfojs-node", "dist", "index.js")}:5:5)`,
      "    at In [3]:9:3",
      "    at In [3]:12:6",
      `    at execute (${path.join(root, "node_modules", "tslab", "dist", "executor.js")}:150:40)`,
      "    at Script.runInThisContext (node:vm:137:12)",
      `    at Command.action (${path.join(root, "node_modules", "commander", "lib", "command.js")}:1:1)`,
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ].join("\n");
    const { traceback } = tb.runtimeError(err);
    expect(traceback[0]).toBe('Error: ols: column "lnfin" has 3 missing values');
    expect(traceback[1]).toBe("  lib/formula/modelMatrix.ts:1, in modelMatrix");
    expect(traceback.slice(-2)).toEqual(["  In [3], line 2", "    fit(a);"]);
    expect(traceback.join("\n")).not.toMatch(/tslab|node:|commander|danfojs|line 12/);
  });

  it("a thrown non-Error value, an interrupt and an error cause are reported plainly", () => {
    expect(tb.runtimeError("stop")).toEqual({ ename: "Thrown", evalue: "stop", traceback: ["Thrown: stop"] });
    expect(tb.runtimeError({ code: 42 }).evalue).toBe("{ code: 42 }");
    const interrupted = Object.assign(new Error("Script execution was interrupted by `SIGINT`"), { code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" });
    expect(tb.runtimeError(interrupted).ename).toBe("Interrupted");
    const outer = new Error("loading failed", { cause: new TypeError("bad row") });
    expect(tb.runtimeError(outer).traceback).toContain("Caused by TypeError: bad row");
  });

  it("parses V8 frame lines with and without a function name", () => {
    expect(tb.parseFrame("    at f (In [2]:3:10)")).toEqual({ fn: "f", file: "In [2]", line: 3, column: 10 });
    expect(tb.parseFrame("    at In [2]:3:10")).toEqual({ fn: null, file: "In [2]", line: 3, column: 10 });
    expect(tb.parseFrame("    at async Promise.all (index 0)")).toEqual({ fn: "async Promise.all", file: "index 0", line: null, column: null });
    expect(tb.parseFrame("Error: x")).toBeNull();
  });
});

describe("compile errors", () => {
  it("a message chain (several diagnostics at one place) is one error with its lines indented", () => {
    const content = tb.compileError(
      [
        { fileName: "", line: 1, column: 7, message: "Argument of type '{ a: string; }' is not assignable to parameter of type 'P'." },
        { fileName: "", line: 1, column: 7, message: "Types of property 'a' are incompatible." },
      ],
      "f({ a: 'x' });",
      "In [2]",
    );
    expect(content.evalue).toBe("In [2], line 1, column 7: Argument of type '{ a: string; }' is not assignable to parameter of type 'P'.");
    expect(content.traceback).toEqual([
      `TypeScriptError: ${content.evalue}`,
      "      Types of property 'a' are incompatible.",
      "    f({ a: 'x' });",
      "          ^",
    ]);
  });

  it("name the cell line and column, show the line with a caret, and count the errors", () => {
    const source = "const a = 1;\n  const n: number = 'a';\nundefinedName;";
    const content = tb.compileError(
      [
        { fileName: "", line: 2, column: 9, message: "Type 'string' is not assignable to type 'number'." },
        { fileName: "", line: 3, column: 1, message: "Cannot find name 'undefinedName'." },
      ],
      source,
      "In [4]",
    );
    expect(content.ename).toBe("TypeScriptError");
    expect(content.evalue).toBe("In [4], line 2, column 9: Type 'string' is not assignable to type 'number'. (and 1 more)");
    expect(content.traceback).toEqual([
      "TypeScriptError: In [4], line 2, column 9: Type 'string' is not assignable to type 'number'. (and 1 more)",
      "    const n: number = 'a';",
      "          ^",
      "  In [4], line 3, column 1: Cannot find name 'undefinedName'.",
      "    undefinedName;",
      "    ^",
    ]);
  });
});
