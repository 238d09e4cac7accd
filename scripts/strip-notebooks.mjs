#!/usr/bin/env node
/**
 * `npm run strip [-- <files>]`: remove outputs and execution counts from notebooks/*.ipynb (or the
 * given files) so that committed notebooks carry no results. Cell ids, sources, tags and notebook
 * metadata are kept; the JSON is written with one-space indentation and a final newline (the
 * layout Jupyter writes). `--check` only reports the notebooks that would change (exit 1 if any).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Problems that make a notebook "not clean": outputs, execution counts, per-cell execution timing. */
export function notebookDirt(nb) {
  const problems = [];
  (nb.cells || []).forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    if (Array.isArray(cell.outputs) && cell.outputs.length) problems.push(`cell ${i + 1}: ${cell.outputs.length} output(s)`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) problems.push(`cell ${i + 1}: execution_count ${cell.execution_count}`);
    if (cell.metadata && cell.metadata.execution) problems.push(`cell ${i + 1}: execution timing metadata`);
  });
  return problems;
}

/** A stripped copy of a notebook object. */
export function stripNotebook(nb) {
  const copy = JSON.parse(JSON.stringify(nb));
  for (const cell of copy.cells || []) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
    if (cell.metadata) {
      delete cell.metadata.execution;
      delete cell.metadata.collapsed;
      delete cell.metadata.scrolled;
    }
  }
  return copy;
}

export function stripFile(file, { check = false } = {}) {
  const text = fs.readFileSync(file, "utf8");
  const nb = JSON.parse(text);
  const out = JSON.stringify(stripNotebook(nb), null, 1) + "\n";
  const changed = notebookDirt(nb).length > 0;
  if (changed && !check) fs.writeFileSync(file, out);
  return changed;
}

function main(argv) {
  const check = argv.includes("--check");
  let files = argv.filter((a) => !a.startsWith("--"));
  if (!files.length) {
    const dir = path.join(repoRoot, "notebooks");
    files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f)) : [];
  }
  const changed = files.filter((f) => stripFile(f, { check }));
  for (const f of changed) console.log(`${check ? "has outputs" : "stripped"}: ${path.relative(process.cwd(), f)}`);
  console.log(`strip: ${files.length} notebook(s) checked, ${changed.length} ${check ? "with outputs" : "stripped"}`);
  return check && changed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
