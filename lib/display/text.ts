import { displayRaw } from "./kernel";

/**
 * Plain text, Markdown and raw HTML outputs. Markdown is rendered by Jupyter (and by nbconvert
 * in the exported page), which is the way to print a sentence with computed numbers in it.
 */

/**
 * Show Markdown (rendered, with `$…$` math) inline. Outside a kernel nothing happens.
 * @example showMarkdown(`Moran's I = **${I.toFixed(3)}** (p = ${p.toFixed(3)})`)
 */
export function showMarkdown(markdown: string): void {
  displayRaw("text/markdown", markdown);
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
 * Show a raw HTML fragment inline. Outside a kernel nothing happens.
 * @example showHTML("<b>note</b>")
 */
export function showHTML(html: string): void {
  displayRaw("text/html", html);
}
