import { escapeHtml } from "../report/format";
import { displayRaw } from "./kernel";

/**
 * Plain text, Markdown and raw HTML outputs. Markdown is rendered by Jupyter (and by nbconvert
 * in the exported page), which is the way to print a sentence with computed numbers in it: write
 * it with the {@link md} tagged template, so that values from data can never inject HTML, script,
 * links or math.
 */

/** Markdown text that is trusted as written (what {@link md} returns); `String(m)` gives the text. */
export class Markdown {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * One interpolated value as inert Markdown text: HTML-escaped (with the one `escapeHtml` of lib/),
 * Markdown's and MathJax's active characters backslash-escaped (`\ ` * _ [ ] $ | ~`), line breaks
 * made spaces, so it shows as the literal text it is. Numbers print as `String(x)`, arrays as their
 * escaped items joined by ", ", a {@link Markdown} value (a nested `md`) as its text.
 *
 * Long name: Markdown text escaping.
 * @param value any value
 * @example escapeMarkdown('J<script>alert(1)</script>') // "J&lt;script&gt;alert(1)&lt;/script&gt;"
 * @example escapeMarkdown("a_b *c* $x$") // "a\\_b \\*c\\* \\$x\\$"
 */
export function escapeMarkdown(value: unknown): string {
  if (value instanceof Markdown) return value.text;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.map(escapeMarkdown).join(", ");
  return escapeHtml(value)
    .replace(/[\\`*_[\]$|~]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, " ");
}

/**
 * Tagged template for Markdown with data in it: the template's literal text is trusted Markdown
 * (bold, math, links as written), every `${value}` is escaped with {@link escapeMarkdown}, so a
 * region id such as `J<script>alert(1)</script>` shows as that text and runs nothing.
 * Use it for every sentence of a notebook that interpolates values; nest `md` to interpolate
 * trusted Markdown.
 *
 * Long name: escaping Markdown template.
 * @returns a {@link Markdown} for {@link showMarkdown}
 * @example md`Moran's I = **${0.1234}** for ${"<b>"}`.text // "Moran's I = **0.1234** for &lt;b&gt;"
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  let text = strings[0];
  for (let i = 0; i < values.length; i++) text += escapeMarkdown(values[i]) + strings[i + 1];
  return new Markdown(text);
}

/**
 * Show Markdown (rendered, with `$…$` math) inline. Outside a kernel nothing happens.
 *
 * The argument is **trusted** Markdown: raw HTML in it (including `<script>`) goes through to the
 * page as written. Never pass text built from data with a plain template string; build it with
 * {@link md}, which escapes every interpolated value.
 * @param markdown trusted Markdown text, or the result of {@link md}
 * @example showMarkdown(md`Moran's I = **${I.toFixed(3)}** (p = ${p.toFixed(3)}) for ${region}`)
 */
export function showMarkdown(markdown: string | Markdown): void {
  displayRaw("text/markdown", String(markdown));
}

/**
 * Show preformatted plain text (e.g. a model's `summary()`), keeping its alignment.
 * Outside a kernel the text is written to stdout instead.
 * @example showText(model.summary())
 */
export function showText(text: string): void {
  if (!displayRaw("text/plain", text)) process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

/**
 * Show a raw HTML fragment inline. Outside a kernel nothing happens. The argument is trusted HTML,
 * shown as written: escape any value from data in it with `escapeHtml` (lib/report).
 * @example showHTML("<b>note</b>")
 */
export function showHTML(html: string): void {
  displayRaw("text/html", html);
}
