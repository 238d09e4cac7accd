/**
 * Numerical gradient and Hessian of a smooth function by central differences with Richardson extrapolation
 * (the "Richardson" method of R's numDeriv `grad` and `hessian`/`genD`, Gilbert & Varadhan; Richardson 1911).
 */

/** Options of {@link numericalHessian} and {@link numericalGradient}. */
export interface NumericalHessianOptions {
  /** First step as a fraction of |x_i| (default 1e-2; numDeriv's default is 1e-4). */
  d?: number;
  /** Step used where |x_i| is below `zeroTol` (default 1e-4, as numDeriv's `eps`). */
  eps?: number;
  /** |x_i| below this counts as zero (default √(ε/7·10⁻⁷), as numDeriv). */
  zeroTol?: number;
  /** Number of step halvings extrapolated (default 4, as numDeriv's `r`). */
  r?: number;
}

/**
 * Hessian of f at x: for each i, central second differences (f(x + h e_i) − 2f(x) + f(x − h e_i))/h² and, for
 * each pair, (f(x + h_i e_i + h_j e_j) − 2f(x) + f(x − h_i e_i − h_j e_j) − H_ii h_i² − H_jj h_j²)/(2 h_i h_j), at
 * steps h, h/2, …, h/2^(r−1) combined by Richardson extrapolation (error O(h^(2r))), exactly the scheme of
 * numDeriv's `genD`. A first step of 1e-2 |x| (larger than numDeriv's default) keeps rounding in f from
 * being amplified by 1/h² when f is a log-likelihood of size ~10³.
 * @param f function of a parameter vector
 * @param x point (not modified)
 * @param options step and extrapolation settings
 * @returns the p × p Hessian, row-major
 * @example numericalHessian((v) => v[0] * v[0] * v[1], [1, 2]) // ≈ [4, 2, 2, 0]
 */
export function numericalHessian(f: (x: Float64Array) => number, x: ArrayLike<number>, options: NumericalHessianOptions = {}): Float64Array {
  const p = x.length;
  const d = options.d ?? 1e-2, eps = options.eps ?? 1e-4, zeroTol = options.zeroTol ?? Math.sqrt(2.220446049250313e-16 / 7e-7), r = options.r ?? 4;
  const x0 = Float64Array.from(x);
  const f0 = f(x0);
  const h0 = Array.from(x0, (v) => Math.abs(d * v) + (Math.abs(v) < zeroTol ? eps : 0));
  const at = (steps: [number, number][]) => { const z = Float64Array.from(x0); for (const [i, s] of steps) z[i] += s; return f(z); };
  const extrapolate = (a: number[]) => {
    for (let m = 1; m < r; m++) for (let k = 0; k < r - m; k++) a[k] = (a[k + 1] * 4 ** m - a[k]) / (4 ** m - 1);
    return a[0];
  };
  const H = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const a: number[] = [];
    let h = h0[i];
    for (let k = 0; k < r; k++, h /= 2) a.push((at([[i, h]]) - 2 * f0 + at([[i, -h]])) / (h * h));
    H[i * p + i] = extrapolate(a);
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const a: number[] = [];
      let hi = h0[i], hj = h0[j];
      for (let k = 0; k < r; k++, hi /= 2, hj /= 2) {
        const f1 = at([[i, hi], [j, hj]]), f2 = at([[i, -hi], [j, -hj]]);
        a.push((f1 - 2 * f0 + f2 - H[i * p + i] * hi * hi - H[j * p + j] * hj * hj) / (2 * hi * hj));
      }
      H[i * p + j] = H[j * p + i] = extrapolate(a);
    }
  }
  return H;
}

/**
 * Gradient of f at x by central differences (f(x + h e_i) − f(x − h e_i))/(2h) at steps h, h/2, …, h/2^(r−1)
 * combined by Richardson extrapolation, as numDeriv's `grad(method = "Richardson")` (first step 1e-2 |x| here).
 * @param f function of a parameter vector
 * @param x point (not modified)
 * @param options step and extrapolation settings
 * @example numericalGradient((v) => v[0] * v[0] * v[1], [1, 2]) // ≈ [4, 1]
 */
export function numericalGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, options: NumericalHessianOptions = {}): Float64Array {
  const p = x.length;
  const d = options.d ?? 1e-2, eps = options.eps ?? 1e-4, zeroTol = options.zeroTol ?? Math.sqrt(2.220446049250313e-16 / 7e-7), r = options.r ?? 4;
  const x0 = Float64Array.from(x);
  const g = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let h = Math.abs(d * x0[i]) + (Math.abs(x0[i]) < zeroTol ? eps : 0);
    const a: number[] = [];
    for (let k = 0; k < r; k++, h /= 2) {
      const zp = Float64Array.from(x0), zm = Float64Array.from(x0);
      zp[i] += h; zm[i] -= h;
      a.push((f(zp) - f(zm)) / (2 * h));
    }
    for (let m = 1; m < r; m++) for (let k = 0; k < r - m; k++) a[k] = (a[k + 1] * 4 ** m - a[k]) / (4 ** m - 1);
    g[i] = a[0];
  }
  return g;
}
