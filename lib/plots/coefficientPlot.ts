import type { CoefficientRow } from "../core/types";
import type { PlotlyFigure } from "./types";
import { normalQuantile } from "./normalQuantile";

/** One specification for {@link coefficientPlotFigure}: a label and a fitted model (anything with `coefficients`). */
export interface CoefficientSpec {
  label: string;
  model: { coefficients: CoefficientRow[] };
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
 * estimate with a confidence interval estimate ± z·SE (normal critical value z for the
 * chosen level: with clustered errors and few clusters a t critical value would be a
 * little wider — the hover text shows the SE so a reader can judge), and a line at zero.
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
  const z = normalQuantile(0.5 + level / 2);
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
      est.push(row.estimate);
      err.push(z * row.stdError);
      text.push(`${s.label}<br>${term} = ${row.estimate.toFixed(4)}<br>SE = ${row.stdError.toFixed(4)}, p = ${row.pValue.toFixed(3)}<br>${Math.round(level * 100)}% CI [${(row.estimate - z * row.stdError).toFixed(4)}, ${(row.estimate + z * row.stdError).toFixed(4)}]`);
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
      yaxis: { title: { text: "Specification" }, autorange: "reversed", type: "category", automargin: true },
      showlegend: terms.length > 1, hovermode: "closest", height: Math.max(320, 60 + 38 * specs.length),
      margin: { l: 10, r: 20, t: 50, b: 50 },
    },
  };
}
