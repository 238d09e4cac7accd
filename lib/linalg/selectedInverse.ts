/**
 * Selected inverse of a sparse symmetric positive-definite matrix, with forward-mode derivatives.
 *
 * Long name: Takahashi recurrence for the entries of A⁻¹ on the pattern of its Cholesky factor
 * (Takahashi, Fagan & Chin 1973; Erisman & Tinney 1975), differentiated in forward mode along
 * symmetric perturbation directions A(t) = A + Σ t_q E_q with E_q on the pattern of A.
 * With Z = A⁻¹ and A = L L', Z L = L'⁻¹ gives, column by column from the last,
 *   Z_kj = −(1/L_jj) Σ_{i∈I_j} Z_ki L_ij  (k ∈ I_j),   Z_jj = (1/L_jj) (1/L_jj − Σ_{i∈I_j} Z_ji L_ij),
 * where I_j is the strictly-lower pattern of column j of L; every Z_ki needed lies on the pattern
 * of L + L' (the pattern of column j below row k is contained in the pattern of column k).
 * The derivatives ∂Z/∂t_q = −Z E_q Z on that pattern come from the same recurrence applied to the
 * derivatives of L. This gives, for example, tr(G A⁻¹ E A⁻¹) = −∂/∂t tr(G Z(t)) for any G on the
 * pattern of A, exactly and at the cost of a few factorizations, without forming A⁻¹.
 */
import type { CholeskyFactor, CholeskySymbolic } from "./sparseCholesky";

/** A perturbation direction E for A(t) = A + t E: diagonal (original order, length n) and/or off-diagonal values aligned with the pattern's colIdx. */
export interface SymmetricDirection {
  diagonal?: ArrayLike<number>;
  offValues?: ArrayLike<number>;
}

/** A Cholesky factor with its derivatives along m directions. */
export interface CholeskyFactorTangent extends CholeskyFactor {
  /** Number of directions. */
  directions: number;
  /** dLx[p * directions + q] = ∂L_p/∂t_q (same positions as Lx). */
  dLx: Float64Array;
}

/**
 * Numeric up-looking Cholesky of A = diag + offdiag together with its derivatives along directions E_q.
 * @param sym symbolic analysis (from `choleskySymbolic`)
 * @param diagonal diagonal of A in original order
 * @param offValues off-diagonal values of A aligned with the pattern's colIdx (original CSR order)
 * @param directions perturbations E_q on the same pattern
 * @returns the factor and its derivatives, or null when A is not positive definite
 * @throws nothing: a matrix that is not positive definite gives null
 * @example
 * // A = [[2, 1], [1, 2]], E = I: L = [[√2, 0], [1/√2, √1.5]], ∂L_00/∂t = 1/(2√2)
 * const sym = choleskySymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) });
 * choleskyNumericTangent(sym, [2, 2], [1, 1], [{ diagonal: [1, 1] }])!.dLx[0] // 0.35355339059327373
 */
export function choleskyNumericTangent(sym: CholeskySymbolic, diagonal: ArrayLike<number>, offValues: ArrayLike<number>, directions: SymmetricDirection[]): CholeskyFactorTangent | null {
  if (directions.length === 2) return choleskyNumericTangent2(sym, diagonal, offValues, directions);
  const { n, perm, aLowerPtr, aLowerIdx, aLowerSrc, lRowPtr, lRowIdx, lColPtr } = sym;
  const m = directions.length;
  const Li = new Int32Array(sym.nnzL);
  const Lx = new Float64Array(sym.nnzL);
  const dLx = new Float64Array(sym.nnzL * m);
  const next = new Int32Array(n);
  for (let j = 0; j < n; j++) next[j] = lColPtr[j] + 1;
  const x = new Float64Array(n);
  const dx = new Float64Array(n * m);
  const dd = new Float64Array(m);
  const dl = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    for (let p = aLowerPtr[k]; p < aLowerPtr[k + 1]; p++) {
      const j = aLowerIdx[p], src = aLowerSrc[p];
      x[j] = offValues[src];
      for (let q = 0; q < m; q++) { const o = directions[q].offValues; dx[j * m + q] = o ? o[src] : 0; }
    }
    let d = diagonal[perm[k]];
    for (let q = 0; q < m; q++) { const g = directions[q].diagonal; dd[q] = g ? g[perm[k]] : 0; }
    for (let r = lRowPtr[k]; r < lRowPtr[k + 1]; r++) {
      const i = lRowIdx[r];
      const pi = lColPtr[i];
      const lii = Lx[pi];
      const lki = x[i] / lii;
      x[i] = 0;
      for (let q = 0; q < m; q++) { dl[q] = (dx[i * m + q] - lki * dLx[pi * m + q]) / lii; dx[i * m + q] = 0; }
      const end = next[i];
      for (let p = pi + 1; p < end; p++) {
        const row = Li[p];
        const l = Lx[p];
        x[row] -= l * lki;
        for (let q = 0; q < m; q++) dx[row * m + q] -= dLx[p * m + q] * lki + l * dl[q];
      }
      d -= lki * lki;
      for (let q = 0; q < m; q++) dd[q] -= 2 * lki * dl[q];
      const p = next[i]++;
      Li[p] = k;
      Lx[p] = lki;
      for (let q = 0; q < m; q++) dLx[p * m + q] = dl[q];
    }
    if (!(d > 0)) return null;
    const pk = lColPtr[k];
    const lkk = Math.sqrt(d);
    Li[pk] = k;
    Lx[pk] = lkk;
    for (let q = 0; q < m; q++) dLx[pk * m + q] = dd[q] / (2 * lkk);
  }
  return { symbolic: sym, Li, Lx, directions: m, dLx };
}

/** Entries of A⁻¹ on the pattern of L (and their derivatives), aligned with the factor's Li/Lx. */
export interface SelectedInverse {
  /** Zx[p] = (A⁻¹)_{Li[p], j} for p in column j (the first entry of each column is the diagonal). */
  Zx: Float64Array;
  /** dZx[p * directions + q] = ∂(A⁻¹)_{Li[p], j}/∂t_q; empty without directions. */
  dZx: Float64Array;
  directions: number;
}

/**
 * Selected inverse: the entries of A⁻¹ on the pattern of its Cholesky factor (Takahashi recurrence),
 * with derivatives when the factor carries them ({@link choleskyNumericTangent}).
 * Cost: Σ_j Σ_{k∈I_j} |column k of L| operations (times 1 + 2m with m directions).
 * @param L numeric factor (plain or with tangents); its column row indices must be ascending, as
 *   `choleskyNumeric` and `choleskyNumericTangent` produce
 * @throws nothing itself; a factor that is not positive definite never reaches it (`choleskyNumeric` returns null)
 * @example
 * // A = [[2, 1], [1, 2]]: A⁻¹ = [[2/3, −1/3], [−1/3, 2/3]]; Zx in factor order (0,0), (1,0), (1,1)
 * const sym = choleskySymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) });
 * selectedInverse(choleskyNumeric(sym, [2, 2], [1, 1])!).Zx // Float64Array [0.6666666666666666, -0.33333333333333337, 0.6666666666666669]
 */
export function selectedInverse(L: CholeskyFactor | CholeskyFactorTangent): SelectedInverse {
  const { n, lColPtr } = L.symbolic;
  const { Li, Lx } = L;
  const m = "dLx" in L ? L.directions : 0;
  if (m === 2) return selectedInverse2(L as CholeskyFactorTangent);
  const dLx = "dLx" in L ? L.dLx : new Float64Array(0);
  const Zx = new Float64Array(Lx.length);
  const dZx = new Float64Array(Lx.length * m);
  const mark = new Int32Array(n).fill(-1);
  // column j of L scattered: l[row] = L_row,j; s[row] accumulates Σ_i Z_row,i L_ij
  const l = new Float64Array(n);
  const s = new Float64Array(n);
  const dlv = new Float64Array(n * m);
  const ds = new Float64Array(n * m);
  for (let j = n - 1; j >= 0; j--) {
    const pj = lColPtr[j], end = lColPtr[j + 1];
    for (let p = pj + 1; p < end; p++) {
      const r = Li[p];
      mark[r] = j;
      l[r] = Lx[p];
      s[r] = 0;
      for (let q = 0; q < m; q++) { dlv[r * m + q] = dLx[p * m + q]; ds[r * m + q] = 0; }
    }
    // s_k = Σ_{i∈I_j} Z_ki L_ij for k ∈ I_j, visiting each pair (k < r) of I_j once from column k
    const lastRow = end > pj + 1 ? Li[end - 1] : -1;
    for (let p = pj + 1; p < end; p++) {
      const k = Li[p];
      const pk = lColPtr[k];
      const lk = l[k];
      const zkk = Zx[pk];
      s[k] += zkk * lk;
      for (let q = 0; q < m; q++) ds[k * m + q] += dZx[pk * m + q] * lk + zkk * dlv[k * m + q];
      for (let c = pk + 1, ce = lColPtr[k + 1]; c < ce; c++) {
        const r = Li[c];
        if (r > lastRow) break; // rows ascend; none of I_j lies beyond
        if (mark[r] !== j) continue;
        const z = Zx[c];
        const lr = l[r];
        s[k] += z * lr;
        s[r] += z * lk;
        for (let q = 0; q < m; q++) {
          const dz = dZx[c * m + q];
          ds[k * m + q] += dz * lr + z * dlv[r * m + q];
          ds[r * m + q] += dz * lk + z * dlv[k * m + q];
        }
      }
    }
    const ljj = Lx[pj];
    let u = 0;
    for (let p = pj + 1; p < end; p++) {
      const k = Li[p];
      const z = -s[k] / ljj;
      Zx[p] = z;
      u += z * Lx[p];
    }
    Zx[pj] = (1 / ljj - u) / ljj;
    for (let q = 0; q < m; q++) {
      const dljj = dLx[pj * m + q];
      let du = 0;
      for (let p = pj + 1; p < end; p++) {
        const k = Li[p];
        const dz = (-ds[k * m + q] - Zx[p] * dljj) / ljj;
        dZx[p * m + q] = dz;
        du += dz * Lx[p] + Zx[p] * dLx[p * m + q];
      }
      dZx[pj * m + q] = -2 * dljj / (ljj * ljj * ljj) - du / ljj + (u * dljj) / (ljj * ljj);
    }
    for (let p = pj + 1; p < end; p++) mark[Li[p]] = -1;
  }
  return { Zx, dZx, directions: m };
}

/**
 * Position in the factor of entry (row, col) of the permuted matrix, row ≥ col (binary search in column col).
 * @returns index into Li/Lx, or -1 when the entry is outside the pattern of L
 * @example factorPosition(choleskyNumeric(sym, [2, 2], [1, 1])!, 1, 0) // 1 (2 × 2 example above)
 */
export function factorPosition(L: CholeskyFactor, row: number, col: number): number {
  const { lColPtr } = L.symbolic;
  if (row === col) return lColPtr[col];
  let lo = lColPtr[col] + 1, hi = lColPtr[col + 1] - 1;
  const Li = L.Li;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = Li[mid];
    if (r === row) return mid;
    if (r < row) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** {@link choleskyNumericTangent} unrolled for exactly two directions (the case the ML traces need). */
function choleskyNumericTangent2(sym: CholeskySymbolic, diagonal: ArrayLike<number>, offValues: ArrayLike<number>, directions: SymmetricDirection[]): CholeskyFactorTangent | null {
  const { n, perm, aLowerPtr, aLowerIdx, aLowerSrc, lRowPtr, lRowIdx, lColPtr } = sym;
  // largest source index by a loop: spreading n-sized arrays into Math.max overflows the call stack (n ≈ 10⁵)
  let nnzA = 0;
  for (let p = 0; p < aLowerSrc.length; p++) if (aLowerSrc[p] + 1 > nnzA) nnzA = aLowerSrc[p] + 1;
  const zeroOff = new Float64Array(Math.max(nnzA, offValues.length));
  const zeroDiag = new Float64Array(n);
  const oA = directions[0].offValues ?? zeroOff, oB = directions[1].offValues ?? zeroOff;
  const gA = directions[0].diagonal ?? zeroDiag, gB = directions[1].diagonal ?? zeroDiag;
  const Li = new Int32Array(sym.nnzL);
  const Lx = new Float64Array(sym.nnzL);
  const dLx = new Float64Array(sym.nnzL * 2);
  const next = new Int32Array(n);
  for (let j = 0; j < n; j++) next[j] = lColPtr[j] + 1;
  const x = new Float64Array(n);
  const xa = new Float64Array(n), xb = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let p = aLowerPtr[k]; p < aLowerPtr[k + 1]; p++) {
      const j = aLowerIdx[p], src = aLowerSrc[p];
      x[j] = offValues[src]; xa[j] = oA[src]; xb[j] = oB[src];
    }
    const pk0 = perm[k];
    let d = diagonal[pk0], da = gA[pk0], db = gB[pk0];
    for (let r = lRowPtr[k]; r < lRowPtr[k + 1]; r++) {
      const i = lRowIdx[r];
      const pi = lColPtr[i];
      const lii = Lx[pi];
      const lki = x[i] / lii;
      const la = (xa[i] - lki * dLx[2 * pi]) / lii;
      const lb = (xb[i] - lki * dLx[2 * pi + 1]) / lii;
      x[i] = 0; xa[i] = 0; xb[i] = 0;
      const end = next[i];
      for (let p = pi + 1; p < end; p++) {
        const row = Li[p];
        const l = Lx[p];
        x[row] -= l * lki;
        xa[row] -= dLx[2 * p] * lki + l * la;
        xb[row] -= dLx[2 * p + 1] * lki + l * lb;
      }
      d -= lki * lki;
      da -= 2 * lki * la;
      db -= 2 * lki * lb;
      const p = next[i]++;
      Li[p] = k;
      Lx[p] = lki;
      dLx[2 * p] = la;
      dLx[2 * p + 1] = lb;
    }
    if (!(d > 0)) return null;
    const pk = lColPtr[k];
    const lkk = Math.sqrt(d);
    Li[pk] = k;
    Lx[pk] = lkk;
    dLx[2 * pk] = da / (2 * lkk);
    dLx[2 * pk + 1] = db / (2 * lkk);
  }
  return { symbolic: sym, Li, Lx, directions: 2, dLx };
}

/** {@link selectedInverse} unrolled for a factor with exactly two directions. */
function selectedInverse2(L: CholeskyFactorTangent): SelectedInverse {
  const { n, lColPtr } = L.symbolic;
  const { Li, Lx, dLx } = L;
  const Zx = new Float64Array(Lx.length);
  const dZx = new Float64Array(Lx.length * 2);
  const mark = new Int32Array(n).fill(-1);
  const l = new Float64Array(n), la = new Float64Array(n), lb = new Float64Array(n);
  const s = new Float64Array(n), sa = new Float64Array(n), sb = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const pj = lColPtr[j], end = lColPtr[j + 1];
    for (let p = pj + 1; p < end; p++) {
      const r = Li[p];
      mark[r] = j;
      l[r] = Lx[p]; la[r] = dLx[2 * p]; lb[r] = dLx[2 * p + 1];
      s[r] = 0; sa[r] = 0; sb[r] = 0;
    }
    const lastRow = end > pj + 1 ? Li[end - 1] : -1;
    for (let p = pj + 1; p < end; p++) {
      const k = Li[p];
      const pk = lColPtr[k];
      const lk = l[k], lka = la[k], lkb = lb[k];
      const zkk = Zx[pk];
      let sk = zkk * lk;
      let ska = dZx[2 * pk] * lk + zkk * lka;
      let skb = dZx[2 * pk + 1] * lk + zkk * lkb;
      for (let c = pk + 1, ce = lColPtr[k + 1]; c < ce; c++) {
        const r = Li[c];
        if (r > lastRow) break; // rows ascend; none of I_j lies beyond
        if (mark[r] !== j) continue;
        const z = Zx[c], za = dZx[2 * c], zb = dZx[2 * c + 1];
        const lr = l[r];
        sk += z * lr;
        ska += za * lr + z * la[r];
        skb += zb * lr + z * lb[r];
        s[r] += z * lk;
        sa[r] += za * lk + z * lka;
        sb[r] += zb * lk + z * lkb;
      }
      s[k] += sk; sa[k] += ska; sb[k] += skb;
    }
    const ljj = Lx[pj], dja = dLx[2 * pj], djb = dLx[2 * pj + 1];
    let u = 0, ua = 0, ub = 0;
    for (let p = pj + 1; p < end; p++) {
      const k = Li[p];
      const z = -s[k] / ljj;
      const za = (-sa[k] - z * dja) / ljj;
      const zb = (-sb[k] - z * djb) / ljj;
      Zx[p] = z; dZx[2 * p] = za; dZx[2 * p + 1] = zb;
      const lv = Lx[p];
      u += z * lv;
      ua += za * lv + z * dLx[2 * p];
      ub += zb * lv + z * dLx[2 * p + 1];
      mark[k] = -1;
    }
    const l3 = ljj * ljj * ljj;
    Zx[pj] = (1 / ljj - u) / ljj;
    dZx[2 * pj] = -2 * dja / l3 - ua / ljj + (u * dja) / (ljj * ljj);
    dZx[2 * pj + 1] = -2 * djb / l3 - ub / ljj + (u * djb) / (ljj * ljj);
  }
  return { Zx, dZx, directions: 2 };
}
