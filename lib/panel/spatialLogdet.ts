/**
 * ln|I − ρW| and the traces tr(G), tr(G²) with G = W(I − ρW)⁻¹, from the eigenvalues of W
 * (Ord 1975, "Estimation methods for models of spatial interaction", JASA 70, 120–126).
 *
 * Private to lib/panel. A row-standardized W built from a symmetric neighbour relation is
 * similar to the symmetric matrix D^{-1/2} B D^{-1/2} (B the binary or symmetric weights, D its
 * row sums), so its eigenvalues are real and come from a symmetric eigen-solver. A symmetric W
 * is used as it is. Other weights (asymmetric kNN, say) are refused with a clear message.
 */
import type { SpatialWeights } from "../weights";
import { symmetricEigenvalues } from "../linalg";

/** Log-determinant and trace functions of one W. */
export interface SpatialJacobian {
  /** ln|I − ρW|. */
  logdet(rho: number): number;
  /** tr(W(I − ρW)⁻¹). */
  traceG(rho: number): number;
  /** tr((W(I − ρW)⁻¹)²). */
  traceG2(rho: number): number;
  /** Open interval of ρ where I − ρW is non-singular and the model is stable: (1/λ_min, 1/λ_max). */
  interval: [number, number];
  /** Eigenvalues of W, ascending. */
  eigenvalues: Float64Array;
}

/**
 * Eigenvalue-based log-determinant of I − ρW.
 * @throws `fn: weights are neither symmetric nor a row-standardization of symmetric weights ...`
 */
export function eigenJacobian(w: SpatialWeights, fn: string): SpatialJacobian {
  const n = w.n;
  const S = new Float64Array(n * n);
  if (w.isSymmetric()) {
    for (let i = 0; i < n; i++) {
      const nb = w.neighbors[i], wt = w.weights[i];
      for (let k = 0; k < nb.length; k++) S[i * n + nb[k]] = wt[k];
    }
  } else {
    // W = D^{-1} B with B symmetric?  Recover B_ij = W_ij * d_i with d_i = 1 / (common row scale)
    // For row-standardized binary weights W_ij = 1/c_i: B = binary, D = diag(c).
    if (!w.isSymmetric({ structure: true })) {
      throw new Error(`${fn}: spatial weights are not symmetric in structure (e.g. k-nearest neighbours); the eigenvalue log-determinant needs a symmetric neighbour relation`);
    }
    const c = w.neighbors.map((nb) => nb.length);
    for (let i = 0; i < n; i++) {
      const nb = w.neighbors[i], wt = w.weights[i];
      for (let k = 0; k < nb.length; k++) {
        // check W_ij * c_i == 1 (row-standardized binary)
        if (Math.abs(wt[k] * c[i] - 1) > 1e-10) {
          throw new Error(`${fn}: spatial weights are neither symmetric nor row-standardized binary weights; cannot compute the log-determinant by symmetric eigenvalues`);
        }
        S[i * n + nb[k]] = 1 / Math.sqrt(c[i] * c[nb[k]]);
      }
    }
  }
  const ev = symmetricEigenvalues(S, n);
  const lmin = ev[0], lmax = ev[n - 1];
  const interval: [number, number] = [1 / lmin, 1 / lmax];
  return {
    eigenvalues: ev,
    interval,
    logdet(rho) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.log(1 - rho * ev[i]);
      return s;
    },
    traceG(rho) {
      let s = 0;
      for (let i = 0; i < n; i++) s += ev[i] / (1 - rho * ev[i]);
      return s;
    },
    traceG2(rho) {
      let s = 0;
      for (let i = 0; i < n; i++) { const g = ev[i] / (1 - rho * ev[i]); s += g * g; }
      return s;
    },
  };
}

/**
 * Maximize a univariate function on [a, b] by Brent's method (golden section with parabolic
 * interpolation; Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 5).
 */
export function brentMaximize(f: (x: number) => number, a: number, b: number, tol = 1e-10, maxIter = 500): { x: number; value: number } {
  const golden = 0.3819660112501051;
  let x = a + golden * (b - a), w = x, v = x;
  let fx = -f(x), fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p; else q = -q;
      const eOld = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < m ? b : a) - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = -f(u);
    if (fu <= fx) {
      if (u < x) b = x; else a = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return { x, value: -fx };
}
