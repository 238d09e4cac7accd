/**
 * Weight matrices of the robustness sections of regional studies: inverse distance (with a power and a cut-off),
 * exponential distance decay, economic distance from a column, nested economic × geographic weights, a band sweep,
 * and normalisations (row, spectral, min–max). Each result records how it was built in `w.provenance`.
 */
import { SpatialWeights } from "./SpatialWeights";
import { ellipsoidDistanceKm, type Coordinates, type PointsInput } from "./distance";

/** Options of the distance builders. */
export interface DistanceWeightsOptions {
  /** Region ids (default "1", "2", …). */
  ids?: ArrayLike<string | number>;
  /** "lonlat" (km on the WGS-84 ellipsoid, as spdep's longlat distance) or "projected" (default; Euclidean). */
  coordinates?: Coordinates;
  /** Only pairs at distance ≤ cutoff are linked (default: every pair). */
  cutoff?: number;
}

function pairwise(points: PointsInput, options: DistanceWeightsOptions, fn: string, weight: (d: number, i: number, j: number) => number) {
  const coordinates = options.coordinates ?? "projected";
  if (coordinates !== "lonlat" && coordinates !== "projected") throw new Error(`${fn}: coordinates must be "lonlat" or "projected", got ${JSON.stringify(coordinates)}`);
  const n = points.length;
  if (n < 2) throw new Error(`${fn}: need at least 2 points, got ${n}`);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (!p || typeof p[0] !== "number" || typeof p[1] !== "number" || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error(`${fn}: point ${i} is not a pair of finite numbers`);
  }
  const ids = options.ids === undefined ? Array.from({ length: n }, (_, i) => String(i + 1)) : Array.from(options.ids, String);
  if (ids.length !== n) throw new Error(`${fn}: ${n} points but ${ids.length} ids`);
  const cutoff = options.cutoff ?? Infinity;
  if (!(cutoff > 0)) throw new Error(`${fn}: cutoff must be a positive number, got ${cutoff}`);
  const nb: number[][] = Array.from({ length: n }, () => []);
  const wt: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    const a = points[i], b = points[j];
    const d = coordinates === "lonlat" ? ellipsoidDistanceKm([a[0], a[1]], [b[0], b[1]]) : Math.hypot(a[0] - b[0], a[1] - b[1]);
    if (d > cutoff) continue;
    if (d === 0) throw new Error(`${fn}: regions "${ids[i]}" and "${ids[j]}" are at the same point; the distance weight is undefined`);
    nb[i].push(j);
    wt[i].push(weight(d, i, j));
  }
  const unit = coordinates === "lonlat" ? " km" : "";
  return { ids, nb, wt, where: Number.isFinite(cutoff) ? `pairs within ${cutoff}${unit}` : "all pairs", coordinates };
}

/**
 * Inverse-distance weights w_ij = d_ij^(−power), for pairs within `cutoff` (or all pairs), not standardized.
 *
 * Long name: inverse distance weights (Anselin 1988, §3.2; spdep `nb2listwdist(type = "idw", alpha = power)`).
 * @param points one [x, y] or [lon, lat] per region
 * @param options `power` (default 1), `cutoff`, `coordinates`, `ids`
 * @throws two regions at the same point; a non-positive power or cutoff
 * @example weights.inverseDistance([[0, 0], [1, 0], [3, 0]], { power: 2 }).weights[0] // [1, 0.111…]
 */
export function inverseDistance(points: PointsInput, options: DistanceWeightsOptions & { power?: number } = {}): SpatialWeights {
  const fn = "inverseDistance";
  const power = options.power ?? 1;
  if (!(power > 0 && Number.isFinite(power))) throw new Error(`${fn}: power must be a positive number, got ${power}`);
  const r = pairwise(points, options, fn, (d) => d ** -power);
  const w = new SpatialWeights(r.ids, r.nb, r.wt, "custom");
  w.provenance = [`inverse distance d^(−${power}), ${r.where} (${r.coordinates} coordinates)`];
  return w;
}

/**
 * Exponential distance-decay weights w_ij = exp(−alpha·d_ij), for pairs within `cutoff` (or all pairs).
 *
 * Long name: negative-exponential distance weights (spdep `nb2listwdist(type = "exp", alpha)`).
 * @param points one [x, y] or [lon, lat] per region
 * @param options `alpha` (decay rate per distance unit; required), `cutoff`, `coordinates`, `ids`
 * @throws a missing or non-positive alpha; two regions at the same point
 * @example weights.exponentialDecay([[0, 0], [1, 0]], { alpha: 0.5 }).weights[0] // [0.6065…]
 */
export function exponentialDecay(points: PointsInput, options: DistanceWeightsOptions & { alpha: number }): SpatialWeights {
  const fn = "exponentialDecay";
  const alpha = options?.alpha;
  if (!(typeof alpha === "number" && alpha > 0 && Number.isFinite(alpha))) throw new Error(`${fn}: alpha (the decay rate) must be a positive number, got ${alpha}`);
  const r = pairwise(points, options, fn, (d) => Math.exp(-alpha * d));
  const w = new SpatialWeights(r.ids, r.nb, r.wt, "custom");
  w.provenance = [`exponential decay exp(−${alpha}·d), ${r.where} (${r.coordinates} coordinates)`];
  return w;
}

/**
 * Economic-distance weights w_ij = 1 / |ȳ_i − ȳ_j| between every pair of regions, from one value per region (the
 * caller's choice of ȳ, typically mean GDP per capita over the sample years — say so in the paper), optionally only
 * on the links of a geographic `within` matrix.
 *
 * Long name: economic distance weights (林光平, 龙志和, 吴梅 2005, 《经济学(季刊)》4(S1); the 1/|ȳ_i − ȳ_j| form).
 * @param values one number per region, in `ids` order
 * @param options `ids`; `within`: keep only the links of these weights (same ids)
 * @throws two regions with the same value (infinite weight), non-finite values, ids that differ from `within`
 * @example weights.economicDistance([1, 2, 4]).weights[0] // [1, 0.333…]
 */
export function economicDistance(values: ArrayLike<number>, options: { ids?: ArrayLike<string | number>; within?: SpatialWeights } = {}): SpatialWeights {
  const fn = "economicDistance";
  const n = values.length;
  const ids = options.ids === undefined ? (options.within ? [...options.within.ids] : Array.from({ length: n }, (_, i) => String(i + 1))) : Array.from(options.ids, String);
  if (ids.length !== n) throw new Error(`${fn}: ${n} values but ${ids.length} ids`);
  for (let i = 0; i < n; i++) if (typeof values[i] !== "number" || !Number.isFinite(values[i])) throw new Error(`${fn}: the value of region "${ids[i]}" is not a finite number (${values[i]})`);
  const within = options.within;
  if (within && (within.n !== n || within.ids.some((id, i) => id !== ids[i]))) throw new Error(`${fn}: the ids of within differ from the values' ids (reorder with within.reorder(ids))`);
  const nb: number[][] = [], wt: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cand = within ? within.neighbors[i] : Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    nb.push([]); wt.push([]);
    for (const j of cand) {
      const d = Math.abs(values[i] - values[j]);
      if (d === 0) throw new Error(`${fn}: regions "${ids[i]}" and "${ids[j]}" have the same value (${values[i]}); 1/|ȳ_i − ȳ_j| is infinite`);
      nb[i].push(j); wt[i].push(1 / d);
    }
  }
  const w = new SpatialWeights(ids, nb, wt, "custom");
  w.provenance = [`economic distance 1/|ȳ_i − ȳ_j|${within ? " on the links of a geographic matrix" : " between all pairs"}`];
  return w;
}

/**
 * Nested (embedded) weights φ·A + (1 − φ)·B on the union of the two matrices' links, each first row-standardized
 * so that the mix weighs them equally (the 经济地理嵌套矩阵 of Chinese regional studies).
 *
 * Long name: nested economic–geographic weights (邵帅, 李欣, 曹建华 2016, 《经济研究》 51(9): φW_d + (1 − φ)W_e).
 * @param a first matrix (e.g. geographic)
 * @param b second matrix (e.g. economic distance), same ids in the same order
 * @param options `phi` in [0, 1] (default 0.5)
 * @throws different ids; phi outside [0, 1]
 * @example weights.nested(geo, econ, { phi: 0.5 }).provenance
 */
export function nested(a: SpatialWeights, b: SpatialWeights, options: { phi?: number } = {}): SpatialWeights {
  const fn = "nested";
  const phi = options.phi ?? 0.5;
  if (!(phi >= 0 && phi <= 1)) throw new Error(`${fn}: phi must be in [0, 1], got ${phi}`);
  if (a.n !== b.n || a.ids.some((id, i) => id !== b.ids[i])) throw new Error(`${fn}: the two matrices have different ids (reorder one with w.reorder(other.ids))`);
  const A = a.standardize("W"), B = b.standardize("W");
  const nb: number[][] = [], wt: number[][] = [];
  for (let i = 0; i < a.n; i++) {
    const m = new Map<number, number>();
    A.neighbors[i].forEach((j, k) => m.set(j, (m.get(j) ?? 0) + phi * A.weights[i][k]));
    B.neighbors[i].forEach((j, k) => m.set(j, (m.get(j) ?? 0) + (1 - phi) * B.weights[i][k]));
    const keys = [...m.keys()].filter((j) => m.get(j)! > 0);
    nb.push(keys); wt.push(keys.map((j) => m.get(j)!));
  }
  const w = new SpatialWeights(a.ids, nb, wt, "custom");
  w.provenance = [`nested: ${phi} × [${a.provenance.join("; ") || "first matrix"}, row-standardized] + ${1 - phi} × [${b.provenance.join("; ") || "second matrix"}, row-standardized]`];
  return w;
}

/**
 * Normalise weights: "row" (each row sums to 1), "spectral" (divide by the spectral radius, the largest |eigenvalue|,
 * by power iteration on the non-negative matrix), or "minmax" (divide by min(largest row sum, largest column sum),
 * Kelejian & Prucha 2010, J. Econometrics 157: it keeps W's symmetry and its interpretation as distances).
 *
 * Long name: weights normalisation.
 * @param w spatial weights (non-negative)
 * @param method "row" | "spectral" | "minmax"
 * @throws an unknown method; negative weights for "spectral"; all-zero weights
 * @example weights.normalize(weights.inverseDistance(pts), "minmax").style // "custom"
 */
export function normalize(w: SpatialWeights, method: "row" | "spectral" | "minmax"): SpatialWeights {
  const fn = "normalize";
  if (method === "row") return w.standardize("W");
  let scale: number;
  if (method === "minmax") {
    const rows = new Float64Array(w.n), cols = new Float64Array(w.n);
    w.neighbors.forEach((nb, i) => nb.forEach((j, k) => { rows[i] += w.weights[i][k]; cols[j] += w.weights[i][k]; }));
    scale = Math.min(Math.max(...rows), Math.max(...cols));
  } else if (method === "spectral") {
    for (const row of w.weights) for (const v of row) if (v < 0) throw new Error(`${fn}: "spectral" needs non-negative weights`);
    // power iteration on (W + I): same Perron vector, converges for non-negative irreducible and reducible W alike
    let x: Float64Array = new Float64Array(w.n).fill(1 / Math.sqrt(w.n));
    let lambda = 0;
    for (let it = 0; it < 10000; it++) {
      const y = w.lag(x);
      for (let i = 0; i < w.n; i++) y[i] += x[i];
      let norm = 0;
      for (let i = 0; i < w.n; i++) norm += y[i] * y[i];
      norm = Math.sqrt(norm);
      const next = norm - 1;
      for (let i = 0; i < w.n; i++) y[i] /= norm;
      x = y;
      if (Math.abs(next - lambda) <= 1e-14 * Math.max(1, Math.abs(next))) { lambda = next; break; }
      lambda = next;
    }
    // Rayleigh-type estimate ‖(W + I)x‖ − 1 is exact at convergence for the Perron eigenvector
    scale = lambda;
  } else throw new Error(`${fn}: method must be "row", "spectral" or "minmax", got ${JSON.stringify(method)}`);
  if (!(scale > 0)) throw new Error(`${fn}: the weights are all zero; nothing to normalise`);
  const out = new SpatialWeights(w.ids, w.neighbors, w.weights.map((r) => r.map((v) => v / scale)), "custom");
  out.provenance = [...w.provenance, `${method} normalisation (divided by ${scale})`];
  return out;
}

/**
 * Re-fit a model over a sequence of distance bands (the "how does the indirect effect move with distance" figure):
 * builds the weights for each cut-off with `build` and calls `fit`, collecting what `fit` returns.
 * @param cutoffs distances (ascending)
 * @param build cut-off → weights (e.g. `(d) => weights.inverseDistance(points, { cutoff: d, coordinates: "lonlat" })`)
 * @param fit weights → a summary value or row
 * @returns one `{ cutoff, value }` per cut-off; a cut-off whose weights or fit fail gives `{ cutoff, error }`
 * @example bandSweep([300, 500, 800], (d) => weights.inverseDistance(pts, { cutoff: d }), (w) => spatialLag(df, f, w.standardize("W")).rho)
 */
export function bandSweep<T>(cutoffs: readonly number[], build: (cutoff: number) => SpatialWeights, fit: (w: SpatialWeights) => T): { cutoff: number; value?: T; error?: string }[] {
  if (!Array.isArray(cutoffs) || cutoffs.length === 0) throw new Error("bandSweep: give at least one cut-off");
  return cutoffs.map((cutoff) => {
    try {
      return { cutoff, value: fit(build(cutoff)) };
    } catch (e) {
      return { cutoff, error: e instanceof Error ? e.message : String(e) };
    }
  });
}
