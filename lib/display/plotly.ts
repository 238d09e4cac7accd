import * as crypto from "node:crypto";
import * as zlib from "node:zlib";
import { escapeHtml } from "../report/format";
import { displayBundle } from "./kernel";

/**
 * Inline Plotly figures for tslab notebooks and their exported HTML.
 *
 * No figure output carries plotly.js, so no figure depends on which output happened to carry it
 * (re-running, clearing or reordering cells, saving and reopening all keep every figure). Each
 * output finds plotly.js on its page, in this order:
 *   1. `window.Plotly`, when already loaded;
 *   2. `window.__wbPlotly`, a promise the exported page defines in its `<head>`: the project's
 *      nbconvert template (`npm run export`, `npm run notebooks`, Jupyter's *Download as → HTML*
 *      when started by `npm run lab`) inlines plotly.js there once, gzip+base64;
 *   3. in a live Jupyter Notebook page (`<body data-base-url>`), the copy `npm run lab`'s setup
 *      installs as a static asset of the project-local Jupyter data dir,
 *      `{base_url}nbextensions/agglomeration-workbench/plotly.min.js`.
 * Otherwise the figure shows why it is not drawn. An output whose script never runs (an untrusted
 * notebook, a viewer without JavaScript) shows a visible placeholder naming the figure.
 * Large GeoJSON objects in traces (`choropleth`, also repeated in animation frames) are sent once
 * per output and referenced by hash. Geo subplots get an empty base-map topojson so Plotly never
 * tries to download one from its CDN (maps here draw only their own GeoJSON).
 */

/** A Plotly figure as `Plotly.newPlot` takes it. */
export interface Figure {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: Array<Record<string, unknown>>;
}

/** Options of {@link show} and {@link figureHTML}. */
export interface ShowOptions {
  /** Height of the figure in pixels when the layout gives none (default 450). */
  height?: number;
  /** @deprecated ignored: no output carries plotly.js any more (the page provides it). */
  embedPlotly?: boolean;
}

const state = { counter: 0 };

/** Where a live Jupyter Notebook page finds plotly.js (installed by scripts/jupyter-assets.mjs). */
export const PLOTLY_ASSET_PATH = "nbextensions/agglomeration-workbench/plotly.min.js";

/** Figure payloads above this many characters of JSON are sent gzip+base64. */
const COMPRESS_ABOVE = 50_000;

/** JSON safe to place inside a <script> element. */
function scriptJSON(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A JavaScript expression evaluating to (a Promise of) the value: inline JSON, or gzip+base64 when large. */
function payloadExpression(value: unknown): string {
  const json = scriptJSON(value);
  if (json.length <= COMPRESS_ABOVE) return json;
  const b64 = zlib.gzipSync(Buffer.from(json, "utf8"), { level: 9 }).toString("base64");
  return `W.unzip("${b64}").then(JSON.parse)`;
}

/**
 * The page runtime shared by all figures (idempotent: defined once per page as `window.__wb`).
 * `plotly` is a promise of window.Plotly; `geo` maps GeoJSON hashes to promises of objects.
 */
const RUNTIME = `var W=window.__wb;if(!W||!W.v2){W=window.__wb={v2:true,geo:{}};
W.plotly=new Promise(function(res,rej){
if(window.Plotly)return res(window.Plotly);
if(window.__wbPlotly)return window.__wbPlotly.then(res,rej);
var base=document.body&&document.body.getAttribute("data-base-url");
if(base!==null&&base!==undefined&&/^https?:$/.test(location.protocol)){var s=document.createElement("script");s.src=base+"${PLOTLY_ASSET_PATH}";
s.onload=function(){window.Plotly?res(window.Plotly):rej(new Error("loaded "+s.src+" but window.Plotly is not defined"));};
s.onerror=function(){rej(new Error("cannot load "+s.src+": start Jupyter with npm run lab (its setup installs plotly.js into .jupyter-local/)"));};
document.head.appendChild(s);return;}
rej(new Error("plotly.js is not on this page: export the notebook with npm run export -- FILE.ipynb (or Download as HTML from Jupyter started by npm run lab)"));});
W.unzip=function(b){var s=atob(b),u=new Uint8Array(s.length);for(var i=0;i<s.length;i++)u[i]=s.charCodeAt(i);
return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text();};
W.fill=function(x){if(Array.isArray(x))return Promise.all(x.map(W.fill));if(x&&typeof x==="object"){
if(typeof x.__wbGeo==="string"){var g=W.geo[x.__wbGeo];if(!g)return Promise.reject(new Error("GeoJSON "+x.__wbGeo+" is missing from this output"));return g;}
var k=Object.keys(x);return Promise.all(k.map(function(key){return W.fill(x[key]);})).then(function(v){var o={};k.forEach(function(key,i){o[key]=v[i];});return o;});}
return Promise.resolve(x);};
W.stubTopojson=function(P){var A=window.PlotlyGeoAssets=window.PlotlyGeoAssets||{topojson:{}};A.topojson=A.topojson||{};
var empty={type:"Topology",arcs:[],objects:{}};["land","ocean","lakes","rivers","coastlines","countries","subunits"].forEach(function(n){empty.objects[n]={type:"GeometryCollection",geometries:[]};});
["world","usa","europe","asia","africa","north-america","south-america"].forEach(function(s){["110","50"].forEach(function(r){var n=s+"_"+r+"m";if(A.topojson[n]===undefined)A.topojson[n]=empty;});});};
W.fail=function(el,e){var m=document.createElement("pre");m.className="wb-figure-error";m.style.color="#b00";m.style.whiteSpace="pre-wrap";
m.textContent="figure not drawn: "+String(e&&e.message||e);el.style.height="auto";el.innerHTML="";el.appendChild(m);};
W.draw=function(id,spec){var el=document.getElementById(id);if(!el)return;Promise.all([W.plotly,Promise.resolve(spec).then(W.fill)]).then(function(v){
var P=v[0],f=v[1];W.stubTopojson(P);el.innerHTML="";return P.newPlot(el,f.data,f.layout,f.config).then(function(){if(f.frames&&f.frames.length)return P.addFrames(el,f.frames);});
}).catch(function(e){W.fail(el,e);if(window.console)console.warn(e);});};}`;

function geoHash(obj: unknown): string {
  return crypto.createHash("sha1").update(JSON.stringify(obj)).digest("hex").slice(0, 16);
}

/** Replace inline GeoJSON objects of traces by `{__wbGeo: hash}` references; collect the objects. */
function extractGeo(figure: Figure, found: Map<string, unknown>): Figure {
  const swapTraces = (traces: unknown): unknown =>
    Array.isArray(traces)
      ? traces.map((t) => {
          if (t && typeof t === "object" && (t as Record<string, unknown>).geojson && typeof (t as Record<string, unknown>).geojson === "object") {
            const h = geoHash((t as Record<string, unknown>).geojson);
            found.set(h, (t as Record<string, unknown>).geojson);
            return { ...(t as Record<string, unknown>), geojson: { __wbGeo: h } };
          }
          return t;
        })
      : traces;
  return {
    ...figure,
    data: swapTraces(figure.data) as Figure["data"],
    frames: figure.frames?.map((f) => ({ ...f, data: swapTraces(f.data) })),
  };
}

function validateFigure(figure: unknown): asserts figure is Figure {
  if (!figure || typeof figure !== "object" || !Array.isArray((figure as Figure).data)) {
    throw new Error("show: expected a Plotly figure { data: [...traces], layout?, config? }");
  }
}

/** The figure's title as text (for the placeholder and the plain-text form), or "". */
function figureTitle(fig: Figure): string {
  const t = fig.layout?.title;
  const text = typeof t === "string" ? t : t && typeof t === "object" ? (t as { text?: unknown }).text : undefined;
  return typeof text === "string" ? text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim() : "";
}

/**
 * HTML for one figure: a `<div>` holding a visible placeholder (replaced by the figure when the
 * output's script runs) and a `<script>` with the figure's data and the GeoJSON it uses. plotly.js
 * itself is not in it: the page provides it (see the module comment). Pure apart from a counter
 * for unique element ids; {@link show} displays it.
 * @throws Error when `figure` has no `data` array
 * @example figureHTML({ data: [{ type: "bar", x: ["a"], y: [1] }] }).length // 4010
 */
export function figureHTML(figure: Figure, options: ShowOptions = {}): string {
  validateFigure(figure);
  const geo = new Map<string, unknown>();
  const fig = extractGeo(figure, geo);
  const layout: Record<string, unknown> = { autosize: true, ...(fig.layout ?? {}) };
  const height = typeof layout.height === "number" ? layout.height : options.height ?? 450;
  if (layout.height === undefined) layout.height = height;
  const config = { responsive: true, displaylogo: false, ...(fig.config ?? {}) };
  const spec: Figure = { data: fig.data, layout, config };
  if (fig.frames && fig.frames.length) spec.frames = fig.frames;
  const id = `wbfig-${process.pid.toString(36)}-${Date.now().toString(36)}-${(state.counter++).toString(36)}`;
  const geoDefs: string[] = [];
  for (const [h, obj] of geo) geoDefs.push(`if(!W.geo["${h}"])W.geo["${h}"]=Promise.resolve(${payloadExpression(obj)});`);
  const title = figureTitle(figure);
  const placeholder =
    `<div class="wb-figure-placeholder" style="padding:12px;border:1px dashed #d1d9e0;color:#59636e;font-size:13px">` +
    `Plotly figure${title ? ` “${escapeHtml(title)}”` : ""}: not drawn, because this output's script did not run ` +
    `(an untrusted notebook: File → Trust Notebook, or re-run the cell; or a viewer without JavaScript).</div>`;
  return [
    `<div id="${id}" class="wb-plotly" style="width:100%;height:${height}px;">${placeholder}</div>`,
    `<script type="text/javascript">(function(){${RUNTIME}\n${geoDefs.join("\n")}\nW.draw("${id}",${payloadExpression(spec)});})();</script>`,
  ].join("\n");
}

/**
 * Show a Plotly figure inline in a tslab notebook (and in the HTML exported from it), with a short
 * plain-text form (`Plotly figure "title"`) for front ends that do not render HTML.
 * Outside a kernel (tests, scripts) nothing is displayed and nothing throws (use
 * {@link figureHTML} to get the HTML). Returns nothing, so a cell ending in `show(fig)` prints
 * no text.
 * @param figure `{ data, layout?, config?, frames? }` as for `Plotly.newPlot`
 * @throws Error when `figure` has no `data` array
 * @example show({ data: [{ type: "scatter", x: [2019, 2020], y: [1, 2] }], layout: { title: { text: "GDP" } } })
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  const html = figureHTML(figure, options);
  const title = figureTitle(figure);
  displayBundle({ "text/html": html, "text/plain": `Plotly figure${title ? ` "${title}"` : ""}` });
}

/** @deprecated nothing to forget any more: every figure output stands alone. Kept for old callers. */
export function resetFigureState(): void {
  /* nothing is remembered between figures */
}
