import { formatFixed } from "../report/format";
import type { CoefficientRow } from "../core/types";
import type { PlotlyFigure } from "./types";
import { tQuantile } from "../distributions/tQuantile";

/**
 * One specification for {@link coefficientPlotFigure}: a label and a fitted model (anything with
 * `coefficients`; `statisticName: "t"` with a finite `dfTest`, as lib/panel's `panelFE` reports,
 * makes the whiskers use the t critical value on `dfTest` degrees of freedom).
 */
export interface CoefficientSpec {
  label: string;
  model: { coefficients: CoefficientRow[]; statisticName?: string; dfTest?: number };
}

/** Options of {@link coefficientPlotFigure}. */
export interface CoefficientPlotOptions {
  /** The term(s) to plot, as named in the models (e.g. "lnfin"). Several terms give one colour each. */
  terms: string | string[];
  /** Confidence level of the whiskers (default 0.95). */
  level?: number;
  title: string;
  /** x-axis title with the unit, e.g. "Coefficient on lnfin (elasticity)". */
  xLabel: string;
  /** Show specs in which a term is absent as a gap instead of throwing (default false). */
  allowMissing?: boolean;
}

/**
 * Coefficient plot across specifications (系数图): one row per specification, the point
 * estimate with a confidence interval estimate ± c·SE, and a line at zero. The critical value c
 * follows each model's own tests, so a whisker crosses zero exactly when the table's two-sided
 * p-value exceeds 1 − level: the t quantile on the model's `dfTest` degrees of freedom (e.g.
 * G − 1 with clustered errors) when `statisticName` is "t" and `dfTest` is finite, otherwise the
 * normal quantile (z tests, ML models). The hover text gives the estimate, SE, p-value, c and the interval.
 * @param specs labelled models in the order to plot (top to bottom)
 * @throws `coefficientPlotFigure: term "lnfin" is not in specification "(3) East" (terms: …)`;
 *   `coefficientPlotFigure: no specifications`; `coefficientPlotFigure: level must be in (0, 1)`
 * @example coefficientPlotFigure([{ label: "Baseline", model: m1 }, { label: "2014–2019", model: m2 }],
 *   { terms: "lnfin", title: "Effect of financial agglomeration", xLabel: "coefficient" })
 */
export function coefficientPlotFigure(specs: CoefficientSpec[], options: CoefficientPlotOptions): PlotlyFigure {
  const fn = "coefficientPlotFigure";
  if (!Array.isArray(specs) || specs.length === 0) throw new Error(`${fn}: no specifications`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level must be in (0, 1), got ${level}`);
  const terms = Array.isArray(options.terms) ? options.terms : [options.terms];
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
  const labels = specs.map((s) => s.label);
  const traces = terms.map((term, t) => {
    const est: Array<number | null> = [];
    const err: Array<number | null> = [];
    const text: string[] = [];
    for (const s of specs) {
      const row = s.model.coefficients.find((c) => c.term === term);
      if (!row) {
        if (options.allowMissing) { est.push(null); err.push(null); text.push(""); continue; }
        throw new Error(`${fn}: term "${term}" is not in specification "${s.label}" (terms: ${s.model.coefficients.map((c) => c.term).join(", ")})`);
      }
      const df = s.model.statisticName === "t" && typeof s.model.dfTest === "number" && s.model.dfTest > 0 ? s.model.dfTest : Infinity;
      const z = tQuantile(0.5 + level / 2, df);
      est.push(row.estimate);
      err.push(z * row.stdError);
      const critical = Number.isFinite(df) ? `t(${df}) critical value ${formatFixed(z, 3)}` : `normal critical value ${formatFixed(z, 3)}`;
      text.push(`${s.label}<br>${term} = ${formatFixed(row.estimate, 4)}<br>SE = ${formatFixed(row.stdError, 4)}, p = ${formatFixed(row.pValue, 3)}<br>${Math.round(level * 100)}% CI [${formatFixed(row.estimate - z * row.stdError, 4)}, ${formatFixed(row.estimate + z * row.stdError, 4)}] (${critical})`);
    }
    return {
      type: "scatter", mode: "markers", name: term, x: est, y: labels, text,
      error_x: { type: "data", array: err, visible: true, thickness: 1.5, width: 4 },
      marker: { size: 9, color: palette[t % palette.length] }, hovertemplate: "%{text}<extra></extra>",
      offsetgroup: term,
    };
  });
  return {
    data: traces,
    layout: {
      title: { text: options.title },
      xaxis: { title: { text: `${options.xLabel} (${Math.round(level * 100)}% CI)` }, zeroline: true, zerolinecolor: "#888", zerolinewidth: 1.5 },
      yaxis: { title: { text: "Specification", standoff: 14 }, autorange: "reversed", type: "category", automargin: true },
      showlegend: terms.length > 1, hovermode: "closest", height: Math.max(320, 60 + 38 * specs.length),
      margin: { l: 10, r: 20, t: 50, b: 50 },
    },
  };
}
