/**
 * Jupyter `error` content ({ ename, evalue, traceback }) for the project's tslab kernel
 * (scripts/tslab-kernel.cjs): a thrown value of a cell, or the TypeScript diagnostics of a cell
 * that does not compile.
 *
 * A run-time traceback keeps only the frames the analyst wrote: the cells (`In [5]`, mapped back
 * to the line of the cell as typed, through the two source maps of tslab's two-stage compile) and
 * the project's own sources (`lib/…`, already mapped to their `.ts` lines by tsx). Frames of
 * tslab, vm, commander, Node internals and any other package under node_modules are dropped.
 * Plain CommonJS with no dependency beyond Node, so it can be unit-tested outside a kernel.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { SourceMap } = require("module");

const repoRoot = path.resolve(__dirname, "..", "..");

/** The file name a cell's code is run under (shown in stacks): `In [5]`, as Jupyter labels the cell. */
function cellFileName(executionCount) {
  return `In [${executionCount}]`;
}

/**
 * Registry of the cells run in this kernel: for each `In [n]` file name, the cell's source as typed
 * and a function that maps a (1-based) line and column of the code that ran to a 1-based line of
 * that source, or null when it cannot.
 */
const cells = new Map();

/**
 * Record a cell that ran.
 * @param fileName its `In [n]` name
 * @param source the cell as the user typed it
 * @param mapLine (line, column) of the code that ran → line of `source` (1-based), 0 for the frame of
 *   tslab's call of the cell (not shown), or null when unknown
 */
function registerCell(fileName, source, mapLine) {
  cells.set(fileName, { source, lines: source.split("\n"), mapLine });
}

/**
 * The line mapper for a cell compiled by tslab in two stages: TypeScript emit of the cell (stage 1,
 * with its source map; the TypeScript source is `prefixLines` lines of tslab's prefix, then the cell)
 * and the ES-module-to-CommonJS transpile of that output (stage 2, with its source map). The code that
 * ran is stage 2 wrapped in a one-line prefix of `firstLinePrefix` characters.
 */
function twoStageLineMapper({ stage1Map, stage2Map, prefixLines, firstLinePrefix }) {
  const first = new SourceMap(JSON.parse(stage1Map));
  const second = new SourceMap(JSON.parse(stage2Map));
  return (line, column) => {
    const col0 = line === 1 ? Math.max(0, column - 1 - firstLinePrefix) : column - 1;
    const a = second.findEntry(line - 1, col0);
    if (!a || typeof a.originalLine !== "number") return null;
    const b = first.findEntry(a.originalLine, a.originalColumn);
    if (!b || typeof b.originalLine !== "number") return null;
    const userLine = b.originalLine - prefixLines + 1;
    return userLine >= 1 ? userLine : null;
  };
}

/** One parsed `    at …` line of a V8 stack, or null when the line is not a frame. */
function parseFrame(line) {
  const m = /^\s*at (?:(.*?) \((.*)\)|(.*))$/.exec(line);
  if (!m) return null;
  const fn = m[1] ?? null;
  const where = m[2] ?? m[3] ?? "";
  const loc = /^(.*):(\d+):(\d+)$/.exec(where);
  if (!loc) return { fn, file: where, line: null, column: null };
  return { fn, file: loc[1], line: Number(loc[2]), column: Number(loc[3]) };
}

/** The project file a frame points to (relative to the repository), or null when it is not one of ours. */
function projectFile(file) {
  let f = file;
  if (f.startsWith("file://")) {
    try {
      f = require("url").fileURLToPath(f);
    } catch {
      return null;
    }
  }
  if (!path.isAbsolute(f)) return null;
  const rel = path.relative(repoRoot, f);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.includes("node_modules") || parts[0] === "scripts") return null;
  return rel.split(path.sep).join("/");
}

function sourceLineOf(file, line) {
  try {
    return fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n")[line - 1] ?? null;
  } catch {
    return null;
  }
}

/** Function name as shown in a frame, without the receivers V8 prefixes (`Object.`, `Proxy.`). */
function cleanFunctionName(fn) {
  if (!fn) return null;
  // A function of an earlier cell is called through tslab's `exports` proxy: "Proxy.half".
  const name = fn.replace(/^async /, "").replace(/^(Object|exports|Module|Proxy)\./, "");
  if (name === "<anonymous>" || name === "Object.<anonymous>") return null;
  return name;
}

/**
 * The frames of `stack` worth showing, as traceback lines: cell frames (`In [5], line 3, in f`
 * with the cell's line) and project frames (`lib/x.ts:12, in f` with that line), most recent first.
 */
function userFrames(stack) {
  const out = [];
  let lastKey = null;
  for (const raw of String(stack).split("\n")) {
    const frame = parseFrame(raw);
    if (!frame || frame.line === null) continue;
    const name = cleanFunctionName(frame.fn);
    const suffix = name ? `, in ${name}` : "";
    let head = null;
    let code = null;
    const cell = cells.get(frame.file);
    if (cell) {
      let line = null;
      try {
        line = cell.mapLine ? cell.mapLine(frame.line, frame.column) : null;
      } catch {
        line = null;
      }
      if (line === 0) continue; // tslab's call of the cell's wrapper function
      if (line !== null && line > cell.lines.length) line = null;
      head = line !== null ? `${frame.file}, line ${line}${suffix}` : `${frame.file}${suffix}`;
      code = line !== null ? cell.lines[line - 1] : null;
    } else {
      const file = projectFile(frame.file);
      if (!file) continue;
      head = `${file}:${frame.line}${suffix}`;
      code = sourceLineOf(file, frame.line);
    }
    // The wrapper tslab puts around a cell shows up as a second frame at the same place.
    if (head === lastKey) continue;
    lastKey = head;
    out.push(`  ${head}`);
    if (code !== null && code.trim()) out.push(`    ${code.trim()}`);
  }
  return out;
}

/** ename and evalue of a thrown value (an Error, or anything else a cell can throw). */
function nameAndValue(thrown) {
  if (thrown instanceof Error || (thrown && typeof thrown === "object" && typeof thrown.message === "string" && typeof thrown.stack === "string")) {
    if (thrown.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || thrown.message === "Interrupted asynchronously") {
      return { ename: "Interrupted", evalue: "the cell was interrupted (Kernel → Interrupt)" };
    }
    const ename = typeof thrown.name === "string" && thrown.name ? thrown.name : thrown.constructor?.name || "Error";
    return { ename, evalue: thrown.message };
  }
  let evalue;
  try {
    evalue = typeof thrown === "string" ? thrown : require("util").inspect(thrown, { depth: 1, breakLength: Infinity, maxStringLength: 500 });
  } catch {
    evalue = String(thrown);
  }
  return { ename: "Thrown", evalue };
}

/**
 * The Jupyter error content for a value thrown by a cell: `ename`, `evalue` and a traceback of the
 * analyst's own frames (see the header). The traceback's first line is `ename: evalue`, since
 * Jupyter shows only the traceback.
 */
function runtimeError(thrown) {
  const { ename, evalue } = nameAndValue(thrown);
  const traceback = [`${ename}: ${evalue}`];
  const stack = thrown && typeof thrown === "object" && typeof thrown.stack === "string" ? thrown.stack : "";
  traceback.push(...userFrames(stack));
  let cause = thrown && typeof thrown === "object" ? thrown.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 3; depth++) {
    const c = nameAndValue(cause);
    traceback.push(`Caused by ${c.ename}: ${c.evalue}`);
    if (cause && typeof cause === "object" && typeof cause.stack === "string") traceback.push(...userFrames(cause.stack));
    cause = cause && typeof cause === "object" ? cause.cause : undefined;
  }
  return { ename, evalue, traceback };
}

/**
 * The Jupyter error content for a cell that does not compile. As for run-time errors the traceback
 * starts with `ename: evalue` (the first diagnostic), then shows its line with a caret; further
 * diagnostics follow, each with its place and line.
 * @param diagnostics as tslab prints them: { fileName ("" for the cell), line, column (1-based), message }
 * @param source the cell as typed
 * @param cellName its `In [n]` name
 */
function compileError(diagnostics, source, cellName) {
  const lines = source.split("\n");
  const where = (d) => `${d.fileName ? d.fileName : cellName}, line ${d.line}, column ${d.column}`;
  const ename = "TypeScriptError";
  if (diagnostics.length === 0) return { ename, evalue: "the cell does not compile", traceback: [`${ename}: the cell does not compile`] };
  // A message chain arrives as several diagnostics at the same place: one error, several lines.
  const errors = [];
  for (const d of diagnostics) {
    const last = errors[errors.length - 1];
    if (last && last.fileName === d.fileName && last.line === d.line && last.column === d.column) last.more.push(d.message);
    else errors.push({ ...d, more: [] });
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  const evalue = `${where(errors[0])}: ${errors[0].message}${more}`;
  const traceback = [`${ename}: ${evalue}`];
  errors.forEach((e, i) => {
    if (i > 0) traceback.push(`  ${where(e)}: ${e.message}`);
    for (const m of e.more) traceback.push(`      ${m}`);
    const code = !e.fileName ? lines[e.line - 1] : undefined;
    if (code !== undefined && code.trim()) {
      const indent = code.length - code.trimStart().length;
      traceback.push(`    ${code.trim()}`);
      traceback.push(`    ${" ".repeat(Math.max(0, e.column - 1 - indent))}^`);
    }
  });
  return { ename, evalue, traceback };
}

module.exports = { cellFileName, registerCell, twoStageLineMapper, runtimeError, compileError, userFrames, parseFrame };
