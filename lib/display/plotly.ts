import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { displayRaw } from "./kernel";

/**
 * Inline Plotly figures for tslab notebooks and their exported HTML.
 *
 * The first figure shown in a kernel session carries plotly.js itself (the minified
 * `plotly.js-dist-min` 4.1.1 bundle, gzip-compressed and base64-encoded: 1.96 MB instead of
 * 4.8 MB), decompressed in the browser with `DecompressionStream`; every later figure only
 * carries its data and waits for that one copy. Pages therefore work offline and stay well
 * under 5 MB. Large GeoJSON objects in traces (`choropleth`) are also sent once per session and
 * referenced by hash. Geo subplots get an empty base-map topojson so Plotly never tries to
 * download one from its CDN (maps here draw only their own GeoJSON).
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
  /** Force plotly.js into this output even if it was already sent in this kernel session. */
  embedPlotly?: boolean;
}

const state = { plotlySent: false, geoSent: new Set<string>(), counter: 0 };

/** Figure payloads above this many characters of JSON are sent gzip+base64. */
const COMPRESS_ABOVE = 50_000;

function repoRootDir(): string {
  // lib/display/plotly.ts → repository root two levels up.
  return path.resolve(__dirname, "..", "..");
}

let bundleCache: string | null = null;

/**
 * plotly.min.js (plotly.js-dist-min), gzip-compressed and base64-encoded. Compressing 4.8 MB costs
 * about half a second, so the result is kept in memory and on disk
 * (`node_modules/.cache/agglomeration-workbench/`, keyed by the bundle's size and mtime).
 */
function plotlyBundleBase64(): string {
  if (bundleCache) return bundleCache;
  const candidates = [path.join(repoRootDir(), "node_modules", "plotly.js-dist-min", "plotly.min.js")];
  try {
    candidates.unshift(require.resolve("plotly.js-dist-min/plotly.min.js"));
  } catch {
    /* fall back to the repository path */
  }
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error("show: cannot find plotly.js-dist-min/plotly.min.js (run npm ci)");
  const stat = fs.statSync(file);
  const cacheFile = path.join(repoRootDir(), "node_modules", ".cache", "agglomeration-workbench", `plotly.min.js.${stat.size}.${Math.round(stat.mtimeMs)}.gz.b64`);
  try {
    bundleCache = fs.readFileSync(cacheFile, "utf8");
    if (bundleCache.length > 0) return bundleCache;
  } catch {
    /* not cached yet */
  }
  bundleCache = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).toString("base64");
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bundleCache);
    fs.renameSync(tmp, cacheFile);
  } catch {
    /* a read-only node_modules only costs the compression next time */
  }
  return bundleCache;
}

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
const RUNTIME = `var W=window.__wb;if(!W){W=window.__wb={geo:{},loading:false};
W.plotly=new Promise(function(r){W._plotlyResolve=r;});if(window.Plotly)W._plotlyResolve(window.Plotly);
W.unzip=function(b){var s=atob(b),u=new Uint8Array(s.length);for(var i=0;i<s.length;i++)u[i]=s.charCodeAt(i);
return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text();};
W.fill=function(x){if(Array.isArray(x))return Promise.all(x.map(W.fill));if(x&&typeof x==="object"){
if(typeof x.__wbGeo==="string"){var g=W.geo[x.__wbGeo];if(!g)return Promise.reject(new Error("GeoJSON "+x.__wbGeo+" was not sent to this page: re-run the cell that first drew this map"));return g;}
var k=Object.keys(x);return Promise.all(k.map(function(key){return W.fill(x[key]);})).then(function(v){var o={};k.forEach(function(key,i){o[key]=v[i];});return o;});}
return Promise.resolve(x);};
W.stubTopojson=function(P){var A=window.PlotlyGeoAssets=window.PlotlyGeoAssets||{topojson:{}};A.topojson=A.topojson||{};
var empty={type:"Topology",arcs:[],objects:{}};["land","ocean","lakes","rivers","coastlines","countries","subunits"].forEach(function(n){empty.objects[n]={type:"GeometryCollection",geometries:[]};});
["world","usa","europe","asia","africa","north-america","south-america"].forEach(function(s){["110","50"].forEach(function(r){var n=s+"_"+r+"m";if(A.topojson[n]===undefined)A.topojson[n]=empty;});});};
W.draw=function(id,spec){var el=document.getElementById(id);Promise.all([W.plotly,Promise.resolve(spec).then(W.fill)]).then(function(v){
var P=v[0],f=v[1];W.stubTopojson(P);return P.newPlot(el,f.data,f.layout,f.config).then(function(){if(f.frames&&f.frames.length)return P.addFrames(el,f.frames);});
}).catch(function(e){el.innerHTML='<pre style="color:#b00">figure failed: '+String(e&&e.message||e).replace(/</g,"&lt;")+'</pre>';setTimeout(function(){throw e;});});
setTimeout(function(){if(!window.Plotly&&!W.loading)el.innerHTML='<pre style="color:#b00">plotly.js is not loaded on this page (the output that carried it was cleared): Kernel, Restart &amp; Run All, or show(fig, { embedPlotly: true })</pre>';},15000);};}`;

/**
 * HTML of the script that loads plotly.js into the page (once; later copies do nothing).
 * @example plotlyBundleHTML().length // 1976080 (plotly.js-dist-min 4.1.1)
 */
export function plotlyBundleHTML(): string {
  return `<script type="text/javascript">(function(){${RUNTIME}
if(!window.Plotly&&!W.loading){W.loading=true;W.unzip("${plotlyBundleBase64()}").then(function(src){
var s=document.createElement("script");s.text=src;document.head.appendChild(s);W._plotlyResolve(window.Plotly);});}})();</script>`;
}

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

/**
 * HTML for one figure (a `<div>` and a `<script>`), with plotly.js and GeoJSON definitions
 * included when they have not yet been sent in this process. Pure apart from that bookkeeping;
 * {@link show} displays it.
 * @throws Error when `figure` has no `data` array
 * @example figureHTML({ data: [{ type: "bar", x: ["a"], y: [1] }] }).length // 1978510: the first figure carries plotly.js
 * @example figureHTML({ data: [{ type: "bar", x: ["a"], y: [1] }] }).length // 2429: later ones only their data
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
  const parts: string[] = [];
  if (!state.plotlySent || options.embedPlotly) {
    parts.push(plotlyBundleHTML());
    state.plotlySent = true;
  }
  const geoDefs: string[] = [];
  for (const [h, obj] of geo) {
    if (state.geoSent.has(h)) continue;
    state.geoSent.add(h);
    geoDefs.push(`if(!W.geo["${h}"])W.geo["${h}"]=Promise.resolve(${payloadExpression(obj)});`);
  }
  parts.push(`<div id="${id}" class="wb-plotly" style="width:100%;height:${height}px;"></div>`);
  parts.push(
    `<script type="text/javascript">(function(){${RUNTIME}\n${geoDefs.join("\n")}\nW.draw("${id}",${payloadExpression(spec)});})();</script>`,
  );
  return parts.join("\n");
}

/**
 * Show a Plotly figure inline in a tslab notebook (and in the HTML exported from it).
 * Outside a kernel (tests, scripts) nothing is displayed and nothing throws (use
 * {@link figureHTML} to get the HTML). Returns nothing, so a cell ending in `show(fig)` prints
 * no text.
 * @param figure `{ data, layout?, config?, frames? }` as for `Plotly.newPlot`
 * @throws Error when `figure` has no `data` array
 * @example show({ data: [{ type: "scatter", x: [2019, 2020], y: [1, 2] }], layout: { title: { text: "GDP" } } })
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  const html = figureHTML(figure, options);
  if (!displayRaw("text/html", html)) {
    // Not in a kernel: forget that plotly.js was "sent", so a later kernel display still carries it.
    state.plotlySent = false;
    state.geoSent.clear();
  }
}

/** Forget what was sent (plotly.js, GeoJSON) so the next figure carries everything again. */
export function resetFigureState(): void {
  state.plotlySent = false;
  state.geoSent.clear();
}
