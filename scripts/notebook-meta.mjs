/**
 * Notebook facts the runner needs, read from the .ipynb JSON without a kernel:
 * title and article (for the index page), the `parameters` cell (papermill convention) and
 * the override cell injected for a parameterized run. Plain Node ESM, no dependencies.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Notebook files in a folder, sorted by name. */
export function listNotebooks(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Notebooks whose file name starts with any of the given prefixes (all when none given). */
export function selectNotebooks(files, prefixes) {
  if (!prefixes.length) return files;
  return files.filter((f) => prefixes.some((p) => path.basename(f).startsWith(p)));
}

export function readNotebook(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source || "");
const stripMarkdown = (s) =>
  s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .trim();

/**
 * Title and article of a notebook. `metadata.title` / `metadata.article` (or the same keys under
 * `metadata.workbench`) win; otherwise the
 * first `# ` heading of the first markdown cell is the title and a line starting with
 * `Article:` / `**Article:**` / `文章:` in that cell names the article.
 */
export function notebookInfo(nb, file = "") {
  const md = nb.metadata || {};
  const meta = { title: md.title, article: md.article, ...(md.workbench || {}) };
  const firstMd = (nb.cells || []).find((c) => c.cell_type === "markdown");
  const lines = firstMd ? sourceOf(firstMd).split("\n") : [];
  let title = meta.title;
  if (!title) {
    const h = lines.find((l) => /^#\s+/.test(l));
    title = h ? stripMarkdown(h.replace(/^#\s+/, "")) : path.basename(file, ".ipynb");
  }
  let article = meta.article;
  if (!article) {
    const a = lines.find((l) => /^\s*(\*\*|__)?\s*(article|reproduces|文章|原文)\s*(\*\*|__)?\s*[:：]/i.test(l));
    article = a ? stripMarkdown(a.replace(/^\s*(\*\*|__)?\s*(article|reproduces|文章|原文)\s*[:：]?\s*(\*\*|__)?\s*[:：]?/i, "")) : "";
  }
  return { title, article };
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** Index of the code cell tagged `parameters`, or -1. */
export function parametersCellIndex(nb) {
  return (nb.cells || []).findIndex(
    (c) => c.cell_type === "code" && ((c.metadata && c.metadata.tags) || []).includes("parameters"),
  );
}

const DECL = /^\s*(?:export\s+)?(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/;

/** Parse a TypeScript literal (number, boolean, quoted string, array of those) or return undefined. */
export function parseLiteral(src) {
  const s = src.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Number(s);
  if (s === "true" || s === "false") return s === "true";
  if (s === "null") return null;
  if (/^"(?:[^"\\]|\\.)*"$/.test(s)) return JSON.parse(s);
  if (/^'(?:[^'\\]|\\.)*'$/.test(s)) return JSON.parse('"' + s.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"') + '"');
  if (s.startsWith("[") && s.endsWith("]")) {
    const inner = s.slice(1, -1).trim();
    if (!inner) return [];
    const items = splitTopLevel(inner).map(parseLiteral);
    return items.some((x) => x === undefined) ? undefined : items;
  }
  return undefined;
}

function splitTopLevel(s) {
  const out = [];
  let depth = 0;
  let quote = null;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      cur += ch;
      if (ch === "\\") cur += s[++i] ?? "";
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function typeOfValue(v) {
  if (Array.isArray(v)) {
    const kinds = new Set(v.map((x) => typeof x));
    if (kinds.size === 1 && (kinds.has("number") || kinds.has("string"))) return `${[...kinds][0]}[]`;
    return v.length === 0 ? "number[]" : "unknown[]";
  }
  return v === null ? "null" : typeof v;
}

/**
 * The declarations of a notebook's `parameters` cell:
 * `[{ name, type, annotation, default, defaultSource, allowed? }]`. `type` is the declared
 * annotation when there is one (`"queen" | "knn"`, `number`, `string[]`…), else inferred from
 * the literal. `allowed` lists the literal values of a union type.
 */
export function parseParameters(nb) {
  const idx = parametersCellIndex(nb);
  if (idx < 0) return [];
  const params = [];
  for (const line of sourceOf(nb.cells[idx]).split("\n")) {
    const m = DECL.exec(line);
    if (!m) continue;
    const [, , name, annotation, valueSrc] = m;
    const value = parseLiteral(valueSrc);
    const ann = annotation ? annotation.trim() : null;
    const type = ann || (value === undefined ? "expression" : typeOfValue(value));
    let allowed;
    if (ann && ann.includes("|")) {
      const members = ann.split("|").map((t) => parseLiteral(t));
      if (members.every((x) => x !== undefined && !Array.isArray(x))) allowed = members;
    }
    params.push({ name, type, annotation: ann, default: value, defaultSource: valueSrc.trim(), allowed });
  }
  return params;
}

export class ParameterError extends Error {}

function describeAllowed(params) {
  if (!params.length) return "this notebook has no `parameters` cell, so it takes no parameters";
  return "allowed parameters: " + params.map((p) => `${p.name}: ${p.type} (default ${p.defaultSource})`).join(", ");
}

/** Convert a command-line string to the parameter's type, or throw a ParameterError naming what is allowed. */
export function coerceParameter(param, raw, params) {
  const bad = (why) =>
    new ParameterError(`parameter ${param.name}=${raw}: ${why}; ${describeAllowed(params)}`);
  const t = param.type.replace(/\s+/g, "");
  if (param.allowed) {
    const asLiteral = parseLiteral(raw);
    const candidates = [raw, asLiteral];
    const hit = param.allowed.find((a) => candidates.some((c) => c === a || (typeof a === "number" && Number(raw) === a)));
    if (hit === undefined) throw bad(`must be one of ${param.allowed.map((a) => JSON.stringify(a)).join(" | ")}`);
    return hit;
  }
  if (t === "number") {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) throw bad("expected a number");
    return n;
  }
  if (t === "boolean") {
    if (raw === "true" || raw === "false") return raw === "true";
    throw bad("expected true or false");
  }
  if (t === "string") {
    const lit = parseLiteral(raw);
    return typeof lit === "string" ? lit : raw;
  }
  if (t === "number[]" || t === "string[]" || t === "Array<number>" || t === "Array<string>") {
    const elem = t.startsWith("number") || t === "Array<number>" ? "number" : "string";
    let arr = parseLiteral(raw.trim().startsWith("[") ? raw : `[${raw}]`);
    if (!Array.isArray(arr) && elem === "string") arr = raw.split(",").map((s) => s.trim());
    if (!Array.isArray(arr)) throw bad(`expected a list of ${elem}s, e.g. ${elem === "number" ? "2012,2019" : "a,b"}`);
    if (elem === "string") arr = arr.map((x) => String(x));
    if (elem === "number" && arr.some((x) => typeof x !== "number" || !Number.isFinite(x))) throw bad("expected a list of numbers");
    return arr;
  }
  throw bad(`its declared type ${param.type} cannot be set from the command line (use number, string, boolean, a union of literals or a number[]/string[])`);
}

/**
 * Validate `-p name=value` overrides against the notebook's parameters cell.
 * Returns `[{ name, value, param }]` in the order given; throws ParameterError.
 */
export function resolveOverrides(nb, overrides) {
  const params = parseParameters(nb);
  if (overrides.length && parametersCellIndex(nb) < 0) {
    throw new ParameterError(`${describeAllowed(params)} (add a code cell tagged "parameters")`);
  }
  const seen = new Set();
  return overrides.map(({ name, raw }) => {
    const param = params.find((p) => p.name === name);
    if (!param) throw new ParameterError(`unknown parameter "${name}"; ${describeAllowed(params)}`);
    if (seen.has(name)) throw new ParameterError(`parameter "${name}" given twice`);
    seen.add(name);
    return { name, value: coerceParameter(param, raw, params), param };
  });
}

/** Parse `name=value` strings from the command line. */
export function parseOverrideArgs(list) {
  return list.map((s) => {
    const i = s.indexOf("=");
    if (i <= 0) throw new ParameterError(`-p expects name=value, got "${s}"`);
    return { name: s.slice(0, i).trim(), raw: s.slice(i + 1) };
  });
}

/** TypeScript source of the injected override cell. */
export function overrideCellSource(resolved) {
  const lines = resolved.map(({ name, value, param }) => {
    const ann = param.annotation ? `: ${param.annotation}` : "";
    return `const ${name}${ann} = ${JSON.stringify(value)};`;
  });
  return ["// Parameters of this run (injected by `npm run notebooks -- … -p name=value`)", ...lines].join("\n");
}

/** A copy of the notebook with the override cell inserted right after the `parameters` cell. */
export function injectParameters(nb, resolved) {
  const copy = JSON.parse(JSON.stringify(nb));
  if (!resolved.length) return copy;
  const idx = parametersCellIndex(copy);
  const cell = {
    cell_type: "code",
    execution_count: null,
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    source: overrideCellSource(resolved),
  };
  // nbformat ≥ 4.5 requires cell ids (and 4.4 forbids them).
  if ((copy.nbformat ?? 4) > 4 || (copy.nbformat_minor ?? 0) >= 5) cell.id = "injected-parameters";
  copy.cells.splice(idx + 1, 0, cell);
  return copy;
}

/** Longest parameter part of a variant's file name (the whole name stays far below NAME_MAX = 255 bytes). */
const VARIANT_PART_MAX = 80;

/**
 * File-name stem of a parameterized variant: `03-name__weights=knn_k=4`. Readable ASCII when the values
 * are (letters, digits, `.=,+-`); when a value needs other characters (`port=上海`, `a b/c`) or the part
 * is longer than 80 characters, the part is cut down to a readable ASCII prefix and ends with 10 hex
 * digits of the SHA-256 of the exact values, so different values never share a file name
 * (`03-x__port=-~1b2c…`), however long they are.
 */
export function variantName(base, resolved) {
  if (!resolved.length) return base;
  const exact = resolved.map(({ name, value }) => `${name}=${Array.isArray(value) ? value.join(",") : String(value)}`).join("_");
  const safe = exact.replace(/[^\w.=,+-]+/g, "-");
  if (safe === exact && safe.length <= VARIANT_PART_MAX) return `${base}__${safe}`;
  const hash = crypto.createHash("sha256").update(JSON.stringify(resolved.map(({ name, value }) => [name, value]))).digest("hex").slice(0, 10);
  return `${base}__${safe.slice(0, VARIANT_PART_MAX - 11)}~${hash}`;
}

/** Rows for the parameter table at the top of the page. */
export function parameterTable(nb, resolved) {
  return parseParameters(nb).map((p) => {
    const o = resolved.find((r) => r.name === p.name);
    return {
      name: p.name,
      type: p.type,
      value: o ? JSON.stringify(o.value) : p.defaultSource,
      default: p.defaultSource,
      changed: Boolean(o),
    };
  });
}
