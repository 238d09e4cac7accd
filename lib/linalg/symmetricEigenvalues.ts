/**
 * Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form
 * followed by the implicit QL algorithm with Wilkinson shifts (Golub & Van Loan 2013,
 * §8.3; Wilkinson & Reinsch 1971, procedures tred1/tql1). Values only, no vectors:
 * about (4/3) n³ flops, on one Float64Array.
 */

/**
 * Reduce a symmetric matrix to tridiagonal form in place (upper triangle used).
 * @param A row-major n × n symmetric matrix, overwritten
 * @param n dimension
 * @returns diagonal d (length n) and off-diagonal e (length n, e[i] couples i and i+1, e[n-1] = 0)
 */
export function tridiagonalize(A: Float64Array, n: number): { d: Float64Array; e: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const rk = k * n;
    d[k] = A[rk + k];
    let sigma = 0;
    for (let i = k + 2; i < n; i++) sigma += A[rk + i] * A[rk + i];
    const x0 = A[rk + k + 1];
    if (sigma === 0) { e[k] = x0; continue; }
    const norm = Math.sqrt(x0 * x0 + sigma);
    const alpha = x0 > 0 ? -norm : norm;
    e[k] = alpha;
    for (let i = k + 1; i < n; i++) v[i] = A[rk + i];
    v[k + 1] = x0 - alpha;
    const beta = 2 / (sigma + v[k + 1] * v[k + 1]);
    // p = beta * S v, S = trailing block, upper triangle only
    for (let i = k + 1; i < n; i++) p[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const vi = v[i];
      let s = A[ri + i] * vi;
      for (let j = i + 1; j < n; j++) {
        const a = A[ri + j];
        s += a * v[j];
        p[j] += a * vi;
      }
      p[i] += s;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) { p[i] *= beta; vp += v[i] * p[i]; }
    const K = 0.5 * beta * vp;
    for (let i = k + 1; i < n; i++) p[i] -= K * v[i]; // p is now w
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const vi = v[i], wi = p[i];
      for (let j = i; j < n; j++) A[ri + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = A[(n - 2) * n + n - 2];
    e[n - 2] = A[(n - 2) * n + n - 1];
  }
  if (n >= 1) d[n - 1] = A[(n - 1) * n + n - 1];
  e[n - 1] = 0;
  return { d, e };
}

/**
 * Eigenvalues of a symmetric tridiagonal matrix by implicit QL with shifts (values in d, overwritten).
 * @throws when an eigenvalue does not converge in 60 iterations
 */
export function tridiagonalEigenvalues(d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  const eps = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= eps * dd) break;
      }
      if (m !== l) {
        if (iter++ === 60) throw new Error("symmetricEigenvalues: QL iteration did not converge");
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1, c = 1, pp = 0;
        let i: number;
        let underflow = false;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) { d[i + 1] -= pp; e[m] = 0; underflow = true; break; }
          s = f / r;
          c = g / r;
          g = d[i + 1] - pp;
          r = (d[i] - g) * s + 2 * c * b;
          pp = s * r;
          d[i + 1] = g + pp;
          g = c * r - b;
        }
        if (underflow) continue;
        d[l] -= pp;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  return d;
}

/**
 * All eigenvalues of a real symmetric matrix, ascending.
 *
 * Long name: symmetric eigenvalue problem by Householder tridiagonalization and implicit QL.
 * @param A row-major n × n symmetric matrix (not modified; only the upper triangle is read)
 * @param n dimension
 * @throws when A has the wrong length or the iteration fails to converge
 * @example symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2) // Float64Array [1.0000000000000002, 3]
 */
export function symmetricEigenvalues(A: Float64Array, n: number): Float64Array {
  if (A.length !== n * n) throw new Error(`symmetricEigenvalues: matrix has ${A.length} values, expected ${n * n}`);
  const work = Float64Array.from(A);
  const { d, e } = tridiagonalize(work, n);
  tridiagonalEigenvalues(d, e);
  return d.sort();
}
