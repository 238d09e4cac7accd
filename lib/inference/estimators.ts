/**
 * The variance estimators of least-squares fits, as a list: `computeVcov` uses the first that accepts the spec.
 * Adding an estimator is one object — `registerVcovEstimator({ name, accepts, compute })` in one file — and it then
 * works in every least-squares model's `vcov` option, in `vcov(fit, spec)`, `summary(fit, { vcov })` and
 * `regTable(fits, { vcov })`.
 */
import { formatNumber } from "../report/format";
import { idColumn } from "../core/data";
import type { LeastSquaresInference } from "./leastSquares";
import { specText, type ClusterConvention, type VarianceMatrix } from "./vcovSpec";
import { driscollKraayMeat, groupCodes, groupScores, hc3Meat, outerSum, sandwich, whiteMeat, type ScoreInputs } from "./sandwich";

/** What an estimator returns (names are added by `computeVcov`). */
export type VcovComputation = Omit<VarianceMatrix, "names">;

/** A variance estimator for least-squares fits. */
export interface VcovEstimator {
  /** How the spec is written, for error messages, e.g. `"HC3"` or `{ cluster: column }`. */
  name: string;
  /** Whether this estimator handles the spec. */
  accepts(spec: unknown): boolean;
  /** The variance; throws `fn: …` on a spec it cannot honour for this fit. */
  compute(fit: LeastSquaresInference, spec: unknown): VcovComputation;
}

function scores(fit: LeastSquaresInference): ScoreInputs {
  return { X: fit.X, resid: fit.residuals, bread: fit.bread, n: fit.n, k: fit.k };
}

/** Codes of a cluster column of the fit's rows (entity and period columns reuse the panel codes). */
function clusterCodes(fit: LeastSquaresInference, name: string): { codes: Int32Array; G: number } {
  const p = fit.panel;
  if (p && name === p.idColumn) return { codes: p.entity, G: p.entities };
  if (p && name === p.timeColumn) return { codes: p.time, G: p.periods };
  const ids = idColumn(fit.data, name, fit.fn);
  const labels = fit.rows ? Array.from(fit.rows, (i) => ids[i]) : ids;
  if (labels.length !== fit.n) throw new Error(`${fit.fn}: cluster column "${name}" has ${labels.length} rows for ${fit.n} observations`);
  const g = groupCodes(labels);
  if (g.G < 2) throw new Error(`${fit.fn}: clustered errors need at least 2 clusters; column "${name}" has ${g.G}`);
  return g;
}

/** Whether every group of `inner` lies within one group of `outer`. */
function nested(inner: Int32Array, outer: Int32Array): boolean {
  let max = 0;
  for (let i = 0; i < inner.length; i++) if (inner[i] > max) max = inner[i];
  const seen = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < inner.length; i++) {
    const prev = seen[inner[i]];
    if (prev === -1) seen[inner[i]] = outer[i];
    else if (prev !== outer[i]) return false;
  }
  return true;
}

const CONVENTIONS: ClusterConvention[] = ["stata", "plm", "sandwich", "HC0"];

const iid: VcovEstimator = {
  name: '"iid"',
  accepts: (s) => s === "iid" || s === "classical",
  compute: (fit) => ({ values: Float64Array.from(fit.bread, (b) => b * fit.sigma2), label: "classical", dfTest: fit.dfResidual }),
};

const hc0: VcovEstimator = {
  name: '"HC0"',
  accepts: (s) => s === "HC0",
  compute: (fit) => ({ values: sandwich(fit.bread, whiteMeat(scores(fit)), fit.k, 1), label: "HC0", dfTest: fit.dfResidual }),
};

const hc1: VcovEstimator = {
  name: '"HC1"',
  accepts: (s) => s === "HC1" || s === "robust",
  compute: (fit, s) => ({
    values: sandwich(fit.bread, whiteMeat(scores(fit)), fit.k, fit.n / (fit.n - fit.k)),
    label: s === "robust" ? "heteroskedasticity-robust (White HC1, n/(n−k); plm vcovHC white1)" : "HC1",
    dfTest: fit.dfResidual,
  }),
};

const hc3: VcovEstimator = {
  name: '"HC3"',
  accepts: (s) => s === "HC3",
  compute: (fit) => ({ values: sandwich(fit.bread, hc3Meat(scores(fit), fit.fn), fit.k, 1), label: "HC3", dfTest: fit.dfResidual }),
};

const cluster: VcovEstimator = {
  name: "{ cluster: column, convention? }",
  accepts: (s) => typeof s === "object" && s !== null && "cluster" in s,
  compute: (fit, s) => {
    const spec = s as { cluster: unknown; convention?: unknown };
    const { fn, n, k } = fit;
    const convention = (spec.convention ?? fit.clusterConvention) as ClusterConvention;
    if (!CONVENTIONS.includes(convention)) {
      throw new Error(`${fn}: cluster convention must be ${CONVENTIONS.map((c) => `"${c}"`).join(", ")} (got ${JSON.stringify(spec.convention)})`);
    }
    if (Array.isArray(spec.cluster)) {
      if (spec.cluster.length !== 2 || !spec.cluster.every((c) => typeof c === "string")) {
        throw new Error(`${fn}: two-way clustering takes two column names (got ${JSON.stringify(spec.cluster)})`);
      }
      if (spec.convention === "stata") throw new Error(`${fn}: two-way clustering follows plm's vcovDC (convention "plm"); the "stata" convention is for one-way clusters`);
      const [a, b] = spec.cluster as [string, string];
      const ca = clusterCodes(fit, a);
      const cb = clusterCodes(fit, b);
      const inp = scores(fit);
      const M = outerSum(groupScores(inp, ca.codes, ca.G), ca.G, k);
      const Mb = outerSum(groupScores(inp, cb.codes, cb.G), cb.G, k);
      const Mw = whiteMeat(inp);
      for (let i = 0; i < k * k; i++) M[i] += Mb[i] - Mw[i];
      return {
        values: sandwich(fit.bread, M, k, n / (n - k)),
        label: `two-way cluster-robust by ${a} (${ca.G}) and ${b} (${cb.G}) (CGM, HC1 n/(n−k); plm vcovDC)`,
        dfTest: fit.dfResidual, clusters: [ca.G, cb.G],
      };
    }
    if (typeof spec.cluster !== "string") throw new Error(`${fn}: cluster must be a column name or two (got ${JSON.stringify(spec.cluster)})`);
    const name = spec.cluster;
    const { codes, G } = clusterCodes(fit, name);
    if (G < 2) throw new Error(`${fn}: clustered errors need at least 2 clusters; column "${name}" has ${G}`);
    const M = outerSum(groupScores(scores(fit), codes, G), G, k);
    if (convention === "sandwich") {
      return {
        values: sandwich(fit.bread, M, k, (G / (G - 1)) * ((n - 1) / (n - k))),
        label: `cluster(${name}), HC1 small-sample (G/(G-1)·(n-1)/(n-k))`, dfTest: fit.dfResidual, clusters: G,
      };
    }
    if (convention === "plm" || convention === "HC0") {
      return {
        values: sandwich(fit.bread, M, k, convention === "plm" ? n / (n - k) : 1),
        label: `cluster-robust by ${name} (${G} clusters), ${convention === "plm" ? "plm convention n/(n−k) (vcovHC arellano HC1)" : "no small-sample factor (plm vcovHC arellano, HC0)"}`,
        dfTest: fit.dfResidual, clusters: G,
      };
    }
    // Stata: K counts the constant and the absorbed effects not nested within the clusters
    if (fit.effects === "none" || !fit.panel) {
      const q = (G / (G - 1)) * ((n - 1) / (n - k));
      return {
        values: sandwich(fit.bread, M, k, q),
        label: `cluster-robust by ${name} (${G} clusters), Stata convention G/(G−1)·(n−1)/(n−k)`,
        dfTest: G - 1, clusters: G,
      };
    }
    const p = fit.panel;
    let K = k + fit.absorbed;
    if ((fit.effects === "entity" || fit.effects === "twoways") && nested(p.entity, codes)) K -= p.entities - 1;
    if ((fit.effects === "time" || fit.effects === "twoways") && nested(p.time, codes)) K -= p.periods - 1;
    const q = (G / (G - 1)) * ((n - 1) / (n - K));
    return {
      values: sandwich(fit.bread, M, k, q),
      label: `cluster-robust by ${name} (${G} clusters), Stata convention G/(G−1)·(n−1)/(n−K) (xtreg, fe vce(cluster))`,
      dfTest: G - 1, clusters: G,
      detail: `small-sample factor ${formatNumber(q)} = G/(G−1)·(n−1)/(n−K) with G = ${G}, n = ${n}, K = ${K} (k plus the constant and the effects not nested in the clusters)`,
    };
  },
};

const driscollKraay: VcovEstimator = {
  name: "{ driscollKraay: lag | null }",
  accepts: (s) => typeof s === "object" && s !== null && "driscollKraay" in s,
  compute: (fit, s) => {
    const { fn } = fit;
    const p = fit.panel;
    if (!p) throw new Error(`${fn}: the Driscoll–Kraay variance needs a panel fit (a time index); fit the model with panelFE or panelRE`);
    const spec = s as { driscollKraay: number | null };
    let maxTi = 0;
    for (const c of p.countsByEntity) maxTi = Math.max(maxTi, c);
    const lag = spec.driscollKraay ?? Math.floor(Math.pow(maxTi, 0.25));
    if (!Number.isInteger(lag) || lag < 0) throw new Error(`${fn}: driscollKraay lag must be a non-negative integer (got ${spec.driscollKraay})`);
    if (lag >= p.periods) throw new Error(`${fn}: driscollKraay lag ${lag} must be smaller than the number of periods (${p.periods})`);
    return {
      values: sandwich(fit.bread, driscollKraayMeat(scores(fit), p.time, p.periods, lag), fit.k, 1),
      label: `Driscoll–Kraay (Bartlett, maxlag ${lag}, HC0; plm vcovSCC)`, dfTest: fit.dfResidual, maxlag: lag,
    };
  },
};

const ESTIMATORS: VcovEstimator[] = [iid, hc0, hc1, hc3, cluster, driscollKraay];

/**
 * Add a variance estimator for least-squares fits (checked before the built-in ones, so it may also refine one).
 *
 * Long name: variance-estimator registry.
 * @param estimator `{ name, accepts(spec), compute(fit, spec) }`
 * @returns a function that removes it again
 * @throws `registerVcovEstimator: an estimator needs a name, accepts() and compute()`
 * @example
 * // HC2 (MacKinnon & White 1985): u_i² / (1 − h_i)
 * const remove = registerVcovEstimator({ name: '"HC2"', accepts: (s) => s === "HC2", compute: (fit) => ({ ... }) });
 * ols(data, "y ~ x", { vcov: "HC2" }).vcovType // "HC2"
 */
export function registerVcovEstimator(estimator: VcovEstimator): () => void {
  if (!estimator || typeof estimator.name !== "string" || typeof estimator.accepts !== "function" || typeof estimator.compute !== "function") {
    throw new Error("registerVcovEstimator: an estimator needs a name, accepts() and compute()");
  }
  ESTIMATORS.unshift(estimator);
  return () => {
    const i = ESTIMATORS.indexOf(estimator);
    if (i >= 0) ESTIMATORS.splice(i, 1);
  };
}

/**
 * The variance of a least-squares fit under a spec, by the first estimator that accepts it.
 *
 * Long name: least-squares variance dispatch.
 * @param fit the fit's least-squares pieces
 * @param spec a {@link VcovSpec}
 * @param names parameter names in row order
 * @throws `fn: unknown vcov "HC9" (use "iid", "HC0", "HC1", "HC3", { cluster: column, convention? }, …)`
 */
export function leastSquaresVcov(fit: LeastSquaresInference, spec: unknown, names: string[]): VarianceMatrix {
  const est = ESTIMATORS.find((e) => e.accepts(spec));
  if (!est) {
    throw new Error(`${fit.fn}: unknown vcov ${specText(spec)} (use ${ESTIMATORS.map((e) => e.name).join(", ")}; "classical" = "iid", "robust" = "HC1")`);
  }
  return { names, ...est.compute(fit, spec) };
}
