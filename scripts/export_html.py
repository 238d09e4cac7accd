"""Export a notebook to one self-contained HTML page (no network, no file:// links).

The page is rendered by the project's nbconvert template "workbench" (scripts/nbconvert/workbench/,
installed with its generated assets into .jupyter-local/nbconvert/templates/ by scripts/setup.mjs):
nbconvert's classic cell markup in our own page shell, with plotly.js inlined once in <head> (every
figure output waits for it) and, when the page contains math, MathJax 3 inlined. Debian's nbconvert
templates link require.js and MathJax 2 by file:// URLs, which fail on any other machine, so they are
not used. The same template serves Jupyter's "Download as -> HTML" (Notebook started by `npm run lab`).

Used by execute_notebook.py (after a run, with the run's facts in a header) and by
`npm run export` (a notebook as it stands: `python3 export_html.py <job.json>`).
"""
import html
import json
import os
import re
import sys

import nbformat
import nbformat.validator
from jinja2 import FileSystemBytecodeCache
from nbconvert import HTMLExporter


def _memoize_validators():
    """nbconvert validates the notebook after each of its 11 preprocessors with
    `relax_add_props=True`, for which nbformat (5.7) compiles the JSON schema again every time
    (fastjsonschema, about 20 ms each): half of an export's CPU time. The compiled validator for
    the same (version, minor, relax_add_props, name) is the same schema; keep it."""
    get = nbformat.validator.get_validator
    if getattr(get, "wb_memoized", False):
        return
    cache = {}

    def get_validator(version=None, version_minor=None, relax_add_props=False, name=None):
        key = (version, version_minor, bool(relax_add_props), name)
        if key not in cache:
            cache[key] = get(version=version, version_minor=version_minor, relax_add_props=relax_add_props, name=name)
        return cache[key]

    get_validator.wb_memoized = True
    nbformat.validator.get_validator = get_validator


_memoize_validators()

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TEMPLATE = "workbench"
MATH = re.compile(r"\$[^$\n]+\$|\$\$|\\\(|\\\[|\\begin\{")


def _has_math(nb):
    """True when a markdown cell, or a Markdown/LaTeX output, contains TeX delimiters."""
    for c in nb.cells:
        if c.cell_type == "markdown" and MATH.search(c.source):
            return True
        for out in c.get("outputs", []) if c.cell_type == "code" else []:
            data = out.get("data", {})
            for mime in ("text/markdown", "text/latex"):
                text = data.get(mime)
                if isinstance(text, list):
                    text = "".join(text)
                if text and MATH.search(text):
                    return True
    return False


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


# WB_EXPORT_TEMPLATE_CACHE: another folder for the compiled templates, or 0 for none.
JINJA_CACHE = os.environ.get("WB_EXPORT_TEMPLATE_CACHE") or os.path.join(ROOT, "build", "cache", "jinja")


class _TemplateBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk (build/cache/jinja), keyed by template and source
    checksum: a new exporter compiles nbconvert's dozen templates (about 0.15 s) only once per
    template change. A cache that cannot be written is skipped, never an export error."""

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket):
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


class _CachedTemplatesExporter(HTMLExporter):
    def _create_environment(self):
        environment = super()._create_environment()
        if JINJA_CACHE != "0":
            environment.bytecode_cache = _TemplateBytecodeCache(JINJA_CACHE)
        return environment


def render_page(nb, title, header_html):
    """The page as a string: the workbench template with the header and MathJax only if needed."""
    exporter = _CachedTemplatesExporter(template_name=TEMPLATE)
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = {"wb_title": title, "wb_header": header_html, "wb_math": _has_math(nb)}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page


def _write(page, out):
    data = page.encode("utf-8")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".%d.tmp" % os.getpid()
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, out)
    return len(data)


def export_page(nb, job, result):
    """The page of a run (execute_notebook.py): header with the run's facts and errors."""
    page = render_page(nb, job.get("title") or job["name"], _header(job, result))
    return _write(page, job["html"])


def _export_header(job, nb):
    """Header of a notebook exported as it stands (not re-run by us)."""
    esc = html.escape
    code = [c for c in nb.cells if c.cell_type == "code"]
    ran = [c for c in code if c.get("execution_count") is not None or c.get("outputs")]
    errors = sum(1 for c in code for o in c.get("outputs", []) if o.get("output_type") == "error")
    meta = ["<b>%s</b>" % esc(job["file"])]
    if job.get("article"):
        meta.append("reproduces: %s" % esc(job["article"]))
    meta.append("exported %s as it stands (not re-run): %d of %d code cells have outputs%s"
                % (esc(job["exportedAt"]), len(ran), len(code), ", %d with an error" % errors if errors else ""))
    return '<nav class="wb-nav"><a href="index.html">&larr; all notebooks</a></nav>\n<div class="wb-meta">%s</div>' % " &middot; ".join(meta)


def main():
    """`python3 export_html.py <job.json>`: job {"input", "html", "file", "title", "article", "exportedAt"}."""
    job = json.load(open(sys.argv[1], encoding="utf-8"))
    nb = nbformat.read(job["input"], as_version=4)
    page = render_page(nb, job.get("title") or os.path.basename(job["input"]), _export_header(job, nb))
    size = _write(page, job["html"])
    sys.stdout.write(json.dumps({"html": job["html"], "bytes": size}) + "\n")


if __name__ == "__main__":
    main()
