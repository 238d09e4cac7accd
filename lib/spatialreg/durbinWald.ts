/**
 * What the cross-section and panel specification tests of the spatial Durbin model share (durbinTests,
 * panelDurbinTests): the Wald statistics of θ = 0 and of the common factor θ + ρβ = 0, and the decision rule.
 */
import { inverseGeneral } from "../linalg/cholesky";

/**
 * Wald statistics of H0: θ = 0 and H0: θ + ρβ = 0 (Burridge 1981, by the delta method) in a spatial Durbin model,
 * g'(J V J')⁻¹g on the model's covariance V over `names`.
 * @param V covariance, row-major, over `names` (must include "rho", each `x` and its `lag.x`)
 * @param names the parameter names of V
 * @param estimate the estimate of a named parameter
 * @param thetaNames the WX terms (`lag.x`)
 * @param fn caller's name for errors
 * @throws `fn: the SDM covariance has no row for "lag.x"`; a singular restriction covariance
 * @example durbinWaldStatistics(V, ["rho", "x", "lag.x"], est, ["lag.x"], "durbinTests").theta
 */
export function durbinWaldStatistics(V: ArrayLike<number>, names: readonly string[], estimate: (name: string) => number,
  thetaNames: readonly string[], fn: string): { theta: number; commonFactor: number } {
  const p = names.length, q = thetaNames.length;
  const at = (nm: string) => {
    const i = names.indexOf(nm);
    if (i < 0) throw new Error(`${fn}: the SDM covariance has no row for "${nm}"`);
    return i;
  };
  // g' (J V J')⁻¹ g
  const quad = (g: number[], J: number[][]) => {
    const M = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) {
      let s = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += J[a][i] * V[i * p + j] * J[b][j];
      M[a * q + b] = s;
    }
    const Mi = inverseGeneral(M, q, fn);
    let W = 0;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W += g[a] * Mi[a * q + b] * g[b];
    return W;
  };
  const unit = (i: number) => Array.from({ length: p }, (_, j) => (j === i ? 1 : 0));
  const theta = quad(thetaNames.map(estimate), thetaNames.map((nm) => unit(at(nm))));
  const rho = estimate("rho");
  const cf = thetaNames.map((nm) => estimate(nm) + rho * estimate(nm.slice(4)));
  const J = thetaNames.map((nm) => {
    const row = new Array<number>(p).fill(0);
    row[at("rho")] = estimate(nm.slice(4));
    row[at(nm.slice(4))] = rho;
    row[at(nm)] = 1;
    return row;
  });
  return { theta, commonFactor: quad(cf, J) };
}

/**
 * Elhorst's decision from the two restrictions (each rejected only when its LR and Wald tests both reject).
 * @example durbinDecision(true, true, 0.05, -10, -11) // "both restrictions are rejected (Wald and LR): the spatial Durbin model"
 */
export function durbinDecision(rejectTheta: boolean, rejectCommonFactor: boolean, alpha: number, sarLogLik: number, semLogLik: number): string {
  return rejectTheta && rejectCommonFactor ? "both restrictions are rejected (Wald and LR): the spatial Durbin model"
    : !rejectTheta && rejectCommonFactor ? "θ = 0 is not rejected, the common factor is: the spatial lag model"
      : rejectTheta && !rejectCommonFactor ? "the common factor is not rejected, θ = 0 is: the spatial error model"
        : `neither restriction is rejected by both tests at ${alpha}: both simpler models fit; the ${sarLogLik >= semLogLik ? "spatial lag" : "spatial error"} model has the larger log-likelihood`;
}
