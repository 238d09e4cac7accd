"""Export an executed notebook to one self-contained HTML page (no network, no file:// links).

nbconvert's "basic" template renders the cells; this module wraps them in our own small page:
a header with the run's facts (notebook, parameters, run time, kernel start, errors), a style
sheet, and -- when the page contains LaTeX and a MathJax 3 single-file build is available --
an inlined MathJax. Debian's nbconvert templates link require.js and MathJax 2 by file:// URLs,
which fail on any other machine, so they are not used.
"""
import base64
import gzip
import html
import os
import re

from nbconvert import HTMLExporter
from pygments.formatters import HtmlFormatter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PAGE_CSS = """
:root { --fg:#1f2328; --muted:#59636e; --border:#d1d9e0; --accent:#0969da; --bad:#cf222e; --bg-code:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.55 -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", Helvetica, Arial, sans-serif; color:var(--fg); background:#fff; }
.wb-page { max-width: 1080px; margin: 0 auto; padding: 16px 24px 64px; }
.wb-nav { font-size: 13px; margin-bottom: 8px; }
.wb-nav a { color: var(--accent); text-decoration: none; }
.wb-meta { font-size: 13px; color: var(--muted); border:1px solid var(--border); border-radius:6px; padding:8px 12px; margin-bottom: 16px; background:#fbfcfd; }
.wb-meta b { color: var(--fg); }
.wb-params { margin: 6px 0 0; border-collapse: collapse; }
.wb-params td, .wb-params th { border:1px solid var(--border); padding:2px 8px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; text-align:left; }
.wb-params .changed { background:#fff8c5; }
.wb-error { border:1px solid var(--bad); background:#ffebe9; color:#82071e; border-radius:6px; padding:8px 12px; margin-bottom:16px; }
.wb-error pre { white-space: pre-wrap; margin: 6px 0 0; font-size: 12.5px; }
.cell { margin: 10px 0; }
.prompt { display:none; }
.input_area { background: var(--bg-code); border:1px solid var(--border); border-radius:6px; padding: 6px 10px; overflow-x:auto; }
.input_area pre, .output_text pre { margin:0; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.output_area { margin-top: 6px; overflow-x: auto; }
.output_stderr pre { color:#82071e; background:#fff5f5; padding:4px 8px; border-radius:4px; white-space: pre-wrap; }
.output_text pre { white-space: pre-wrap; }
.text_cell_render h1 { font-size: 1.8em; border-bottom:1px solid var(--border); padding-bottom:.2em; }
.text_cell_render h2 { font-size: 1.4em; border-bottom:1px solid var(--border); padding-bottom:.15em; margin-top:1.6em; }
.text_cell_render table, .output_html table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
.text_cell_render th, .text_cell_render td, .output_html th, .output_html td { border:1px solid var(--border); padding: 3px 8px; text-align: right; }
.text_cell_render th, .output_html th { background: var(--bg-code); }
.output_html td:first-child, .output_html th:first-child { text-align: left; }
.text_cell_render code { background: var(--bg-code); padding: .1em .3em; border-radius:4px; font-size: 90%; }
.text_cell_render blockquote { color: var(--muted); border-left: 3px solid var(--border); margin-left:0; padding-left: 12px; }
.celltag_wb-not-run { opacity: .45; }
.celltag_wb-not-run .input_area::after { content: "not run (an earlier cell failed)"; display: block; font-size: 11px; color: var(--muted); }
.anchor-link { visibility: hidden; margin-left: .3em; text-decoration: none; color: var(--muted); }
h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link, h4:hover .anchor-link { visibility: visible; }
"""


def _mathjax_script():
    """MathJax 3 (tex-svg-full: no font files) inlined gzip+base64, if the package is installed."""
    candidates = [os.environ.get("WB_MATHJAX_FILE", "")] + [
        os.path.join(ROOT, rel) for rel in ("node_modules/mathjax/es5/tex-svg-full.js", "node_modules/mathjax-full/es5/tex-svg-full.js")]
    path = next((c for c in candidates if c and os.path.exists(c)), None)
    if not path:
        return ""
    with open(path, "rb") as fh:
        b64 = base64.b64encode(gzip.compress(fh.read(), 9)).decode("ascii")
    config = (
        "window.MathJax={tex:{inlineMath:[['$','$'],['\\\\(','\\\\)']],displayMath:[['$$','$$'],['\\\\[','\\\\]']],"
        "processEscapes:true},svg:{fontCache:'global'},startup:{typeset:true}};"
    )
    loader = (
        "(function(){var b=atob('%s');var u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);"
        "new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(function(src){"
        "var s=document.createElement('script');s.text=src;document.head.appendChild(s);});})();"
    ) % b64
    return "<script>" + config + "</script>\n<script>" + loader + "</script>\n"


def _has_math(nb):
    pat = re.compile(r"\$[^$\n]+\$|\$\$|\\\(|\\\[|\\begin\{")
    return any(c.cell_type == "markdown" and pat.search(c.source) for c in nb.cells)


def _header(job, result):
    esc = html.escape
    parts = ['<nav class="wb-nav"><a href="index.html">&larr; all notebooks</a></nav>']
    if result.get("status") != "ok" and result.get("error"):
        err = result["error"]
        where = ("cell %s (code cell %s): <code>%s</code>" % (err["cellNumber"], err["codeCellNumber"], esc(err["firstLine"]))
                 if err.get("cellNumber") else esc(err.get("kind", "error")))
        parts.append('<div class="wb-error"><b>This run failed</b> at %s; later cells did not run.<pre>%s</pre></div>'
                     % (where, esc(err.get("text", "")[-4000:])))
    meta = ['<b>%s</b>' % esc(job.get("file", job["name"]))]
    if job.get("article"):
        meta.append("reproduces: %s" % esc(job["article"]))
    if job.get("ranAt"):
        meta.append("run %s" % esc(job["ranAt"]))
    if result.get("runSeconds") is not None:
        meta.append("run time %.1f s (kernel start %.1f s)" % (result["runSeconds"], result.get("kernelStartSeconds") or 0))
    meta_html = " &middot; ".join(meta)
    params = job.get("parameterTable") or []
    if params:
        rows = "".join(
            '<tr class="%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
                "changed" if p.get("changed") else "", esc(p["name"]), esc(p["type"]), esc(p["value"]), esc(p["default"]))
            for p in params)
        title = "Parameters of this run" if any(p.get("changed") for p in params) else "Parameters (defaults)"
        meta_html += ('<div><b>%s</b><table class="wb-params"><tr><th>name</th><th>type</th><th>value</th><th>default</th></tr>'
                      "%s</table></div>" % (title, rows))
    parts.append('<div class="wb-meta">%s</div>' % meta_html)
    return "\n".join(parts)


def export_page(nb, job, result):
    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    pyg = HtmlFormatter(style="default").get_style_defs(".highlight")
    math = _mathjax_script() if _has_math(nb) else ""
    title = html.escape(job.get("title") or job["name"])
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>%s</title>\n<style>%s\n%s</style>\n</head>\n<body>\n<main class=\"wb-page\">\n%s\n%s\n</main>\n%s</body>\n</html>\n"
    ) % (title, PAGE_CSS, pyg, _header(job, result), body, math)
    data = page.encode("utf-8")
    with open(job["html"], "wb") as fh:
        fh.write(data)
    return len(data)
