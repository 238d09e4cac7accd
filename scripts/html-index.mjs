/**
 * build/html/index.html: every notebook in notebooks/ with its title, the article it reproduces,
 * the status, run time, kernel start time and page size of its latest run (records in
 * build/html/runs/<name>.json, written by scripts/notebooks.mjs), and its parameterized variants.
 */
import fs from "node:fs";
import path from "node:path";
import { notebookInfo, readNotebook } from "./notebook-meta.mjs";

const esc = (s) =>
  String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const fmtS = (s) => (s == null ? "–" : `${s.toFixed(1)} s`);
const fmtMB = (b) => (b == null ? "–" : `${(b / 1e6).toFixed(2)} MB`);

export function readRunRecords(outDir) {
  const dir = path.join(outDir, "runs");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      } catch {
        return null;
      }
    })
    .filter(Boolean);
}

function row(rec, info, file, isVariant) {
  const status = !rec ? '<span class="na">not run</span>' : rec.status === "ok" ? '<span class="ok">ok</span>' : '<span class="bad">failed</span>';
  const name = isVariant ? rec.name.slice(rec.base.length + 2) : path.basename(file, ".ipynb");
  const link = rec && fs.existsSync(path.join(rec.__outDir, rec.html)) ? `<a href="${esc(rec.html)}">${esc(name)}</a>` : esc(name);
  const params = isVariant ? rec.parameters.map((p) => `${p.name} = ${JSON.stringify(p.value)}`).join(", ") : "";
  return `<tr class="${isVariant ? "variant" : ""}">
<td>${isVariant ? "&nbsp;&nbsp;↳ " : ""}${link}</td>
<td>${isVariant ? `<span class="params">${esc(params)}</span>` : esc(info.title)}</td>
<td>${isVariant ? "" : esc(info.article)}</td>
<td>${status}</td><td class="num">${fmtS(rec?.runSeconds)}</td><td class="num">${fmtS(rec?.kernelStartSeconds)}</td>
<td class="num">${fmtMB(rec?.htmlBytes)}</td><td>${esc(rec?.ranAt ?? "")}</td></tr>`;
}

export function writeIndex(outDir, notebookFiles) {
  fs.mkdirSync(outDir, { recursive: true });
  const records = readRunRecords(outDir).map((r) => ({ ...r, __outDir: outDir }));
  const rows = [];
  for (const file of notebookFiles) {
    const base = path.basename(file, ".ipynb");
    let info;
    try {
      info = notebookInfo(readNotebook(file), file);
    } catch (e) {
      info = { title: `(unreadable: ${e.message})`, article: "" };
    }
    rows.push(row(records.find((r) => r.name === base), info, file, false));
    for (const v of records.filter((r) => r.base === base && r.name !== base).sort((a, b) => a.name.localeCompare(b.name))) {
      rows.push(row(v, info, file, true));
    }
  }
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Agglomeration-zone workbench — notebooks</title>
<style>
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Microsoft YaHei",Helvetica,Arial,sans-serif;color:#1f2328}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #d1d9e0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa} td.num{text-align:right;white-space:nowrap}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.na{color:#59636e}
tr.variant td{font-size:13px;background:#fbfcfd}.params{font-family:ui-monospace,Menlo,Consolas,monospace}
a{color:#0969da;text-decoration:none} p{color:#59636e}
</style></head>
<body><main>
<h1>Agglomeration-zone workbench (集聚区) — notebooks</h1>
<p>Each page was executed headless with the tslab kernel by <code>npm run notebooks</code> and opens offline (plotly.js and MathJax are inlined once per page).
Run time is the notebook's execution including kernel start; generated ${esc(new Date().toISOString().replace(/\.\d+Z$/, "Z"))}.</p>
<table>
<thead><tr><th>notebook</th><th>title</th><th>article reproduced</th><th>status</th><th>run time</th><th>kernel start</th><th>page size</th><th>last run (UTC)</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</main></body></html>
`;
  fs.writeFileSync(path.join(outDir, "index.html"), html);
}
