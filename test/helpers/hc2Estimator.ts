/**
 * HC2 (MacKinnon & White 1985, J. Econometrics 29, 305–325): meat Σ x_i x_i' u_i² / (1 − h_i), with h_i the
 * leverage of row i. Written as a contributor would add a variance estimator: this one file, one
 * `registerVcovEstimator` call, nothing else changed — test/estimators.test.ts checks that it then works in
 * every least-squares model's `vcov` option, in `vcov(fit, spec)`, `summary(fit, { vcov })` and `regTable`.
 */
import { registerVcovEstimator, sandwich, type VcovEstimator } from "../../lib/inference";

export const hc2: VcovEstimator = {
  name: '"HC2"',
  accepts: (s) => s === "HC2",
  compute: (fit) => {
    const { X, residuals, bread, n, k } = fit;
    const meat = new Float64Array(k * k);
    const x = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) x[j] = X[j * n + i];
      let h = 0;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) h += x[a] * bread[a * k + b] * x[b];
      if (!(h < 1 - 1e-12)) throw new Error(`${fit.fn}: HC2 is undefined: observation ${i + 1} has leverage 1`);
      const w = (residuals[i] * residuals[i]) / (1 - h);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += w * x[a] * x[b];
    }
    return { values: sandwich(bread, meat, k, 1), label: "HC2", dfTest: fit.dfResidual };
  },
};

/** Register HC2; returns the function that removes it again. */
export function registerHC2(): () => void {
  return registerVcovEstimator(hc2);
}
