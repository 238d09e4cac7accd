/**
 * Supernodal selected inverse with forward-mode derivatives along two directions.
 *
 * Long name: block Takahashi recurrence on the supernodes of a Cholesky factor (Takahashi, Fagan & Chin 1973;
 * the supernodal form of Lin, Yang, Meza, Lu, Ying & E 2011, "SelInv — an algorithm for selected inversion of a
 * sparse symmetric matrix", ACM TOMS 37(4)), differentiated in forward mode, on the dense blocks of
 * `supernodalCholesky`. For a supernode with columns F and rows R below them (A = L L'):
 *   Y = L_RF L_FF⁻¹,  Z_RF = −Z_RR Y,  Z_FF = L_FF⁻ᵀ L_FF⁻¹ − Z_RFᵀ Y,
 * where Z = A⁻¹ and every entry of Z_RR lies in the stored pattern of the later supernodes (the supernodal
 * pattern is closed under the recurrence). The derivatives along A(t) = A + t E follow from the same products
 * applied to the derivatives of L (`supernodalNumericTangent2`), so, e.g., tr(G A⁻¹ E A⁻¹) = −∂/∂t tr(G Z(t))
 * for any G on the pattern of A comes out exactly at the cost of a few dense-block factorizations. Same results
 * as the column-by-column `selectedInverse` / `choleskyNumericTangent` of lib/linalg/selectedInverse.ts (to
 * rounding), several times faster (dense inner loops).
 */
import { rowsBefore, queueNext, type SupernodalFactor, type SupernodalSymbolic } from "./supernodalCholesky";
import type { SymmetricDirection } from "./selectedInverse";

/** A supernodal factor with its derivatives along two directions (same block layout as `Lx`). */
export interface SupernodalFactorTangent2 extends SupernodalFactor {
  /** ∂L/∂t₁ and ∂L/∂t₂, block layout of `Lx`. */
  dLa: Float64Array;
  dLb: Float64Array;
}

/** Entries of A⁻¹ (and their derivatives) on the stored pattern of a supernodal factor, block layout of `Lx`. */
export interface SupernodalSelectedInverse2 {
  symbolic: SupernodalSymbolic;
  /** Z in the block layout of the factor: the lower triangle of each diagonal block and the rows below. */
  Zx: Float64Array;
  /** ∂Z/∂t₁ and ∂Z/∂t₂ in the same layout. */
  dZa: Float64Array;
  dZb: Float64Array;
}

/**
 * Numeric supernodal Cholesky of A = diag + offdiag (as `supernodalNumeric`) together with its derivatives along
 * two symmetric directions E₁, E₂ on the pattern of A (forward mode: each block product carries its two tangents).
 * @param sym symbolic analysis (`supernodalSymbolic`)
 * @param diagonal diagonal of A in original order
 * @param offValues off-diagonal values aligned with the pattern's colIdx (original CSR order)
 * @param dirA first direction E₁ (diagonal and/or off-diagonal values, same alignment)
 * @param dirB second direction E₂
 * @param work optional factor of the same analysis whose value storage is reused (as `supernodalNumeric`'s `work`):
 *   the values come out bit for bit those of `supernodalNumeric`, so the result can serve as the plain factor
 * @returns the factor and its derivatives, or null when A is not positive definite (then `work` holds no factor)
 * @throws nothing: a matrix that is not positive definite gives null
 * @example
 * // A = [[2, 1], [1, 2]], E₁ = I: L₀₀ = √2, ∂L₀₀/∂t₁ = 1/(2√2)
 * const sym = supernodalSymbolic({ n: 2, rowPtr: new Int32Array([0, 1, 2]), colIdx: new Int32Array([1, 0]) });
 * supernodalNumericTangent2(sym, [2, 2], [1, 1], { diagonal: [1, 1] }, { offValues: [1, 1] })!.dLa[0] // 0.35355339059327373
 */
export function supernodalNumericTangent2(sym: SupernodalSymbolic, diagonal: ArrayLike<number>, offValues: ArrayLike<number>, dirA: SymmetricDirection, dirB: SymmetricDirection, work?: SupernodalFactor): SupernodalFactorTangent2 | null {
  const { n, perm, nsuper, superPtr, colToSuper, rowPtr, rowIdx, blockPtr, aColPtr, aColRow, aColSrc } = sym;
  const size = sym.storedEntries;
  // fresh memory is costly to touch (page faults: about 2.4 ms per 1 MB here), so the values reuse `work` when given
  const Lx = work && work.symbolic === sym ? work.Lx : new Float64Array(size), La = new Float64Array(size), Lb = new Float64Array(size);
  const gA = dirA.diagonal, gB = dirB.diagonal, oA = dirA.offValues, oB = dirB.offValues;
  const rel = new Int32Array(n);
  const head = new Int32Array(nsuper).fill(-1);
  const link = new Int32Array(nsuper);
  const pos = new Int32Array(nsuper);
  let C = new Float64Array(1024), Ca = new Float64Array(1024), Cb = new Float64Array(1024);
  for (let s = 0; s < nsuper; s++) {
    const f = superPtr[s], l = superPtr[s + 1], nc = l - f;
    const r0 = rowPtr[s], nr = rowPtr[s + 1] - r0;
    const off = blockPtr[s];
    Lx.fill(0, off, off + nr * nc);
    for (let t = 0; t < nr; t++) rel[rowIdx[r0 + t]] = t;
    for (let j = f; j < l; j++) {
      const col = off + (j - f) * nr;
      const o = perm[j];
      Lx[col + (j - f)] = diagonal[o];
      if (gA) La[col + (j - f)] = gA[o];
      if (gB) Lb[col + (j - f)] = gB[o];
      for (let p = aColPtr[j]; p < aColPtr[j + 1]; p++) {
        const at = col + rel[aColRow[p]], src = aColSrc[p];
        Lx[at] = offValues[src];
        if (oA) La[at] = oA[src];
        if (oB) Lb[at] = oB[src];
      }
    }
    let d = head[s];
    head[s] = -1;
    while (d !== -1) {
      const nextD = link[d];
      const rd0 = rowPtr[d], nrd = rowPtr[d + 1] - rd0;
      const p0 = pos[d];
      const p1 = rowsBefore(rowIdx, rd0, nrd, p0, l);
      const w = p1 - p0, m = nrd - p0;
      if (C.length < m * w) { const sz = Math.max(m * w, 2 * C.length); C = new Float64Array(sz); Ca = new Float64Array(sz); Cb = new Float64Array(sz); }
      updateTangent(Lx, La, Lb, blockPtr[d], nrd, superPtr[d + 1] - superPtr[d], p0, w, m, C, Ca, Cb);
      scatterTangent(Lx, La, Lb, off, nr, f, rowIdx, rd0 + p0, w, m, rel, C, Ca, Cb);
      queueNext(d, p1, nrd, rowIdx, rd0, colToSuper, head, link, pos);
      d = nextD;
    }
    if (!panelTangent(Lx, La, Lb, off, nr, nc)) return null;
    queueNext(s, nc, nr, rowIdx, r0, colToSuper, head, link, pos);
  }
  return { symbolic: sym, Lx, dLa: La, dLb: Lb };
}

/**
 * C = L_d L_d', Ca = La_d L_d' + L_d La_d', Cb likewise, over rows p0 .. p0 + m and columns p0 .. p0 + w of
 * supernode d's block (lower part, column-major m × w), four columns of L_d at a time.
 */
function updateTangent(Lx: Float64Array, La: Float64Array, Lb: Float64Array, offd: number, nrd: number, ncd: number, p0: number, w: number, m: number, C: Float64Array, Ca: Float64Array, Cb: Float64Array): void {
  C.fill(0, 0, m * w); Ca.fill(0, 0, m * w); Cb.fill(0, 0, m * w);
  let k = 0;
  for (; k + 3 < ncd; k += 4) {
    const b0 = offd + k * nrd + p0, b1 = b0 + nrd, b2 = b1 + nrd, b3 = b2 + nrd;
    let c = 0;
    // two columns of C at a time (each row of L_d and its tangents loaded once for both; the same per-entry sums)
    for (; c + 1 < w; c += 2) {
      const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
      const a0 = La[b0 + c], a1 = La[b1 + c], a2 = La[b2 + c], a3 = La[b3 + c];
      const e0 = Lb[b0 + c], e1 = Lb[b1 + c], e2 = Lb[b2 + c], e3 = Lb[b3 + c];
      const h0 = Lx[b0 + c + 1], h1 = Lx[b1 + c + 1], h2 = Lx[b2 + c + 1], h3 = Lx[b3 + c + 1];
      const ha0 = La[b0 + c + 1], ha1 = La[b1 + c + 1], ha2 = La[b2 + c + 1], ha3 = La[b3 + c + 1];
      const hb0 = Lb[b0 + c + 1], hb1 = Lb[b1 + c + 1], hb2 = Lb[b2 + c + 1], hb3 = Lb[b3 + c + 1];
      const cc = c * m, ch = cc + m;
      for (let r = c; r < m; r++) {
        const x0 = Lx[b0 + r], x1 = Lx[b1 + r], x2 = Lx[b2 + r], x3 = Lx[b3 + r];
        const y0 = La[b0 + r], y1 = La[b1 + r], y2 = La[b2 + r], y3 = La[b3 + r];
        const z0 = Lb[b0 + r], z1 = Lb[b1 + r], z2 = Lb[b2 + r], z3 = Lb[b3 + r];
        C[cc + r] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        Ca[cc + r] += y0 * l0 + y1 * l1 + y2 * l2 + y3 * l3 + x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
        Cb[cc + r] += z0 * l0 + z1 * l1 + z2 * l2 + z3 * l3 + x0 * e0 + x1 * e1 + x2 * e2 + x3 * e3;
        if (r === c) continue;
        C[ch + r] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
        Ca[ch + r] += y0 * h0 + y1 * h1 + y2 * h2 + y3 * h3 + x0 * ha0 + x1 * ha1 + x2 * ha2 + x3 * ha3;
        Cb[ch + r] += z0 * h0 + z1 * h1 + z2 * h2 + z3 * h3 + x0 * hb0 + x1 * hb1 + x2 * hb2 + x3 * hb3;
      }
    }
    for (; c < w; c++) {
      const l0 = Lx[b0 + c], l1 = Lx[b1 + c], l2 = Lx[b2 + c], l3 = Lx[b3 + c];
      const a0 = La[b0 + c], a1 = La[b1 + c], a2 = La[b2 + c], a3 = La[b3 + c];
      const e0 = Lb[b0 + c], e1 = Lb[b1 + c], e2 = Lb[b2 + c], e3 = Lb[b3 + c];
      const cc = c * m;
      for (let r = c; r < m; r++) {
        const x0 = Lx[b0 + r], x1 = Lx[b1 + r], x2 = Lx[b2 + r], x3 = Lx[b3 + r];
        C[cc + r] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        Ca[cc + r] += La[b0 + r] * l0 + La[b1 + r] * l1 + La[b2 + r] * l2 + La[b3 + r] * l3 + x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
        Cb[cc + r] += Lb[b0 + r] * l0 + Lb[b1 + r] * l1 + Lb[b2 + r] * l2 + Lb[b3 + r] * l3 + x0 * e0 + x1 * e1 + x2 * e2 + x3 * e3;
      }
    }
  }
  for (; k < ncd; k++) {
    const b0 = offd + k * nrd + p0;
    for (let c = 0; c < w; c++) {
      const l0 = Lx[b0 + c], a0 = La[b0 + c], e0 = Lb[b0 + c];
      const cc = c * m;
      for (let r = c; r < m; r++) {
        const x0 = Lx[b0 + r];
        C[cc + r] += x0 * l0;
        Ca[cc + r] += La[b0 + r] * l0 + x0 * a0;
        Cb[cc + r] += Lb[b0 + r] * l0 + x0 * e0;
      }
    }
  }
}

/** Subtracts the update (C, Ca, Cb; rows rowIdx[q0 ..], lower part) from the block of the supernode at `off` (first column f, nr rows; rel maps rows to block rows). */
function scatterTangent(Lx: Float64Array, La: Float64Array, Lb: Float64Array, off: number, nr: number, f: number, rowIdx: Int32Array, q0: number, w: number, m: number, rel: Int32Array, C: Float64Array, Ca: Float64Array, Cb: Float64Array): void {
  for (let c = 0; c < w; c++) {
    const dst = off + (rowIdx[q0 + c] - f) * nr;
    const cc = c * m;
    for (let r = c; r < m; r++) {
      const at = dst + rel[rowIdx[q0 + r]];
      Lx[at] -= C[cc + r]; La[at] -= Ca[cc + r]; Lb[at] -= Cb[cc + r];
    }
  }
}

/** Dense Cholesky of a supernode's panel (nr × nc at `off`) with its tangents, left-looking within the panel; false when not positive definite. */
function panelTangent(Lx: Float64Array, La: Float64Array, Lb: Float64Array, off: number, nr: number, nc: number): boolean {
  for (let c = 0; c < nc; c++) {
    const colc = off + c * nr;
    let k = 0;
    // the value sums are grouped as in supernodalNumeric (four columns, then one at a time), so L is bit for bit the same
    for (; k + 3 < c; k += 4) {
      const k0 = off + k * nr, k1 = k0 + nr, k2 = k1 + nr, k3 = k2 + nr;
      const l0 = Lx[k0 + c], l1 = Lx[k1 + c], l2 = Lx[k2 + c], l3 = Lx[k3 + c];
      const a0 = La[k0 + c], a1 = La[k1 + c], a2 = La[k2 + c], a3 = La[k3 + c];
      const e0 = Lb[k0 + c], e1 = Lb[k1 + c], e2 = Lb[k2 + c], e3 = Lb[k3 + c];
      for (let r = c; r < nr; r++) {
        const x0 = Lx[k0 + r], x1 = Lx[k1 + r], x2 = Lx[k2 + r], x3 = Lx[k3 + r];
        Lx[colc + r] -= x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3;
        La[colc + r] -= La[k0 + r] * l0 + La[k1 + r] * l1 + La[k2 + r] * l2 + La[k3 + r] * l3 + x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
        Lb[colc + r] -= Lb[k0 + r] * l0 + Lb[k1 + r] * l1 + Lb[k2 + r] * l2 + Lb[k3 + r] * l3 + x0 * e0 + x1 * e1 + x2 * e2 + x3 * e3;
      }
    }
    for (; k < c; k++) {
      const colk = off + k * nr;
      const lck = Lx[colk + c], ack = La[colk + c], eck = Lb[colk + c];
      for (let r = c; r < nr; r++) {
        const x = Lx[colk + r];
        Lx[colc + r] -= x * lck;
        La[colc + r] -= La[colk + r] * lck + x * ack;
        Lb[colc + r] -= Lb[colk + r] * lck + x * eck;
      }
    }
    const dv = Lx[colc + c];
    if (!(dv > 0)) return false;
    const dd = Math.sqrt(dv);
    const inv = 1 / dd;
    const da = 0.5 * La[colc + c] * inv, db = 0.5 * Lb[colc + c] * inv;
    Lx[colc + c] = dd; La[colc + c] = da; Lb[colc + c] = db;
    for (let r = c + 1; r < nr; r++) {
      const v = Lx[colc + r] * inv;
      Lx[colc + r] = v;
      La[colc + r] = (La[colc + r] - v * da) * inv;
      Lb[colc + r] = (Lb[colc + r] - v * db) * inv;
    }
  }
  return true;
}

/**
 * Selected inverse of A = L L' on the stored pattern of a supernodal factor, with its derivatives along the two
 * directions of the factor (block Takahashi recurrence, from the last supernode to the first).
 * @param F factor with tangents ({@link supernodalNumericTangent2}); its tangent arrays `dLa`, `dLb` are overwritten
 *   (they become `dZa`, `dZb`: fresh memory is costly to touch), its values `Lx` are kept
 * @returns Z, ∂Z/∂t₁, ∂Z/∂t₂ in the factor's block layout (read entries with {@link supernodalPosition})
 * @throws nothing itself; a factor that is not positive definite never reaches it
 * @example
 * // A = [[2, 1], [1, 2]]: A⁻¹ = [[2/3, −1/3], [−1/3, 2/3]]; one supernode, column-major 2 × 2 block
 * supernodalSelectedInverse2(supernodalNumericTangent2(sym, [2, 2], [1, 1], { diagonal: [1, 1] }, { offValues: [1, 1] })!).Zx // Float64Array [0.6666666666666666, -0.33333333333333337, 0, 0.6666666666666669]
 */
export function supernodalSelectedInverse2(F: SupernodalFactorTangent2): SupernodalSelectedInverse2 {
  const sym = F.symbolic;
  const { n, nsuper, superPtr, colToSuper, rowPtr, rowIdx, blockPtr } = sym;
  const { Lx, dLa: La, dLb: Lb } = F;
  const size = sym.storedEntries;
  // the tangents of Z overwrite those of L (each supernode reads its own L and the later supernodes' Z only)
  const Zx = new Float64Array(size), Za = La, Zb = Lb;
  const rel = new Int32Array(n);
  let cap = 0, maxNc = 0, ycap = 0;
  for (let s = 0; s < nsuper; s++) {
    const nc = superPtr[s + 1] - superPtr[s], nR = rowPtr[s + 1] - rowPtr[s] - nc;
    if (nc > maxNc) maxNc = nc;
    if (nR * nR > cap) cap = nR * nR;
    if (nR * nc > ycap) ycap = nR * nc;
  }
  // R × R gathers of Z and its tangents; Y = L_RF L_FF⁻¹ and its tangents; P = Z_RFᵀ L_RF and its tangents; v the
  // recurrence's work column
  const G = new Float64Array(cap), Ga = new Float64Array(cap), Gb = new Float64Array(cap);
  const Y = new Float64Array(ycap), Ya = new Float64Array(ycap), Yb = new Float64Array(ycap);
  const Ta = new Float64Array(ycap), Tb = new Float64Array(ycap);
  const P = new Float64Array(maxNc * maxNc), Pa = new Float64Array(maxNc * maxNc), Pb = new Float64Array(maxNc * maxNc);
  const v = new Float64Array(maxNc), va = new Float64Array(maxNc), vb = new Float64Array(maxNc);
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = superPtr[s], nc = superPtr[s + 1] - f;
    const r0 = rowPtr[s], nr = rowPtr[s + 1] - r0, nR = nr - nc;
    const off = blockPtr[s];
    if (nR > 0) {
      solveY(Lx, La, Lb, off, nr, nc, Y, Ya, Yb);
      gatherZ(sym, s, Zx, Za, Zb, rel, G, Ga, Gb);
      productZRF(Zx, Ta, Tb, off, nr, nc, G, Ga, Gb, Y, Ya, Yb);
      productP(Zx, Ta, Tb, Lx, La, Lb, off, nr, nc, P, Pa, Pb);
      for (let c = 0; c < nc; c++) {
        const dst = off + c * nr + nc, src = c * nR;
        for (let r = 0; r < nR; r++) { Za[dst + r] = Ta[src + r]; Zb[dst + r] = Tb[src + r]; }
      }
    } else {
      for (let t = 0; t < nc * nc; t++) { P[t] = 0; Pa[t] = 0; Pb[t] = 0; }
    }
    recurrenceFF(Zx, Za, Zb, Lx, La, Lb, off, nr, nc, P, Pa, Pb, v, va, vb);
  }
  return { symbolic: sym, Zx, dZa: Za, dZb: Zb };
}

/** Y L_FF = L_RF (Y nR × nc column-major) and its two tangents, by columns from the last. */
function solveY(Lx: Float64Array, La: Float64Array, Lb: Float64Array, off: number, nr: number, nc: number, Y: Float64Array, Ya: Float64Array, Yb: Float64Array): void {
  const nR = nr - nc;
  // Y[:, c] = (L_RF[:, c] − Σ_{k>c} Y[:, k] L[k, c]) / L[c, c], and its tangents
  for (let c = nc - 1; c >= 0; c--) {
    const yc = c * nR, src = off + c * nr + nc;
    for (let r = 0; r < nR; r++) { Y[yc + r] = Lx[src + r]; Ya[yc + r] = La[src + r]; Yb[yc + r] = Lb[src + r]; }
    let k = c + 1;
    for (; k + 1 < nc; k += 2) {
      const at = off + c * nr + k;
      const l = Lx[at], la = La[at], lb = Lb[at], m = Lx[at + 1], ma = La[at + 1], mb = Lb[at + 1];
      const yk = k * nR, ym = yk + nR;
      for (let r = 0; r < nR; r++) {
        const y = Y[yk + r], u = Y[ym + r];
        Y[yc + r] -= y * l + u * m;
        Ya[yc + r] -= Ya[yk + r] * l + y * la + Ya[ym + r] * m + u * ma;
        Yb[yc + r] -= Yb[yk + r] * l + y * lb + Yb[ym + r] * m + u * mb;
      }
    }
    for (; k < nc; k++) {
      const at = off + c * nr + k;
      const l = Lx[at], la = La[at], lb = Lb[at];
      const yk = k * nR;
      for (let r = 0; r < nR; r++) {
        const y = Y[yk + r];
        Y[yc + r] -= y * l;
        Ya[yc + r] -= Ya[yk + r] * l + y * la;
        Yb[yc + r] -= Yb[yk + r] * l + y * lb;
      }
    }
    const dg = off + c * nr + c;
    const inv = 1 / Lx[dg], da = La[dg], db = Lb[dg];
    for (let r = 0; r < nR; r++) {
      const y = Y[yc + r] * inv;
      Y[yc + r] = y;
      Ya[yc + r] = (Ya[yc + r] - y * da) * inv;
      Yb[yc + r] = (Yb[yc + r] - y * db) * inv;
    }
  }
}

/** Gathers Z_RR and its tangents (full symmetric nR × nR) of supernode s from the later supernodes. */
function gatherZ(sym: SupernodalSymbolic, s: number, Zx: Float64Array, Za: Float64Array, Zb: Float64Array, rel: Int32Array, G: Float64Array, Ga: Float64Array, Gb: Float64Array): void {
  const { superPtr, colToSuper, rowPtr, rowIdx, blockPtr } = sym;
  const r0 = rowPtr[s], nc = superPtr[s + 1] - superPtr[s], nR = rowPtr[s + 1] - r0 - nc;
  let tPrev = -1, rt0 = 0, nrt = 0, offt = 0, ft = 0;
  for (let a = 0; a < nR; a++) {
    const r2 = rowIdx[r0 + nc + a];
    const t = colToSuper[r2];
    if (t !== tPrev) {
      tPrev = t; rt0 = rowPtr[t]; nrt = rowPtr[t + 1] - rt0; offt = blockPtr[t]; ft = superPtr[t];
      for (let q = 0; q < nrt; q++) rel[rowIdx[rt0 + q]] = q;
    }
    const base = offt + (r2 - ft) * nrt;
    for (let b = a; b < nR; b++) {
      const at = base + rel[rowIdx[r0 + nc + b]];
      const z = Zx[at], za = Za[at], zb = Zb[at];
      G[a * nR + b] = z; G[b * nR + a] = z;
      Ga[a * nR + b] = za; Ga[b * nR + a] = za;
      Gb[a * nR + b] = zb; Gb[b * nR + a] = zb;
    }
  }
}

/**
 * Z_RF = −Z_RR Y and its tangents ∂Z_RF = −(∂Z_RR Y + Z_RR ∂Y), written to the rows below of the block: dot products of
 * columns of the symmetric gathers with columns of Y, two rows × two columns at a time (twelve accumulators).
 */
function productZRF(Zx: Float64Array, Ta: Float64Array, Tb: Float64Array, off: number, nr: number, nc: number, G: Float64Array, Ga: Float64Array, Gb: Float64Array, Y: Float64Array, Ya: Float64Array, Yb: Float64Array): void {
  const nR = nr - nc;
  let c = 0;
  for (; c + 1 < nc; c += 2) {
    const y0 = c * nR, y1 = y0 + nR, dst0 = off + c * nr + nc, dst1 = dst0 + nr, t0 = y0, t1 = y1;
    let r = 0;
    for (; r + 1 < nR; r += 2) {
      const g0 = r * nR, g1 = g0 + nR;
      let z00 = 0, z01 = 0, z10 = 0, z11 = 0, a00 = 0, a01 = 0, a10 = 0, a11 = 0, b00 = 0, b01 = 0, b10 = 0, b11 = 0;
      for (let k = 0; k < nR; k++) {
        const p0 = G[g0 + k], p1 = G[g1 + k], q0 = Y[y0 + k], q1 = Y[y1 + k];
        const pa0 = Ga[g0 + k], pa1 = Ga[g1 + k], qa0 = Ya[y0 + k], qa1 = Ya[y1 + k];
        const pb0 = Gb[g0 + k], pb1 = Gb[g1 + k], qb0 = Yb[y0 + k], qb1 = Yb[y1 + k];
        z00 += p0 * q0; z01 += p0 * q1; z10 += p1 * q0; z11 += p1 * q1;
        a00 += pa0 * q0 + p0 * qa0; a01 += pa0 * q1 + p0 * qa1; a10 += pa1 * q0 + p1 * qa0; a11 += pa1 * q1 + p1 * qa1;
        b00 += pb0 * q0 + p0 * qb0; b01 += pb0 * q1 + p0 * qb1; b10 += pb1 * q0 + p1 * qb0; b11 += pb1 * q1 + p1 * qb1;
      }
      Zx[dst0 + r] = -z00; Zx[dst1 + r] = -z01; Zx[dst0 + r + 1] = -z10; Zx[dst1 + r + 1] = -z11;
      Ta[t0 + r] = -a00; Ta[t1 + r] = -a01; Ta[t0 + r + 1] = -a10; Ta[t1 + r + 1] = -a11;
      Tb[t0 + r] = -b00; Tb[t1 + r] = -b01; Tb[t0 + r + 1] = -b10; Tb[t1 + r + 1] = -b11;
    }
    for (; r < nR; r++) {
      const g0 = r * nR;
      let z0 = 0, z1 = 0, a0 = 0, a1 = 0, b0 = 0, b1 = 0;
      for (let k = 0; k < nR; k++) {
        const p0 = G[g0 + k], pa0 = Ga[g0 + k], pb0 = Gb[g0 + k];
        z0 += p0 * Y[y0 + k]; z1 += p0 * Y[y1 + k];
        a0 += pa0 * Y[y0 + k] + p0 * Ya[y0 + k]; a1 += pa0 * Y[y1 + k] + p0 * Ya[y1 + k];
        b0 += pb0 * Y[y0 + k] + p0 * Yb[y0 + k]; b1 += pb0 * Y[y1 + k] + p0 * Yb[y1 + k];
      }
      Zx[dst0 + r] = -z0; Zx[dst1 + r] = -z1; Ta[t0 + r] = -a0; Ta[t1 + r] = -a1; Tb[t0 + r] = -b0; Tb[t1 + r] = -b1;
    }
  }
  for (; c < nc; c++) {
    const y0 = c * nR, dst0 = off + c * nr + nc, t0 = y0;
    for (let r = 0; r < nR; r++) {
      const g0 = r * nR;
      let z0 = 0, a0 = 0, b0 = 0;
      for (let k = 0; k < nR; k++) {
        const p0 = G[g0 + k], q0 = Y[y0 + k];
        z0 += p0 * q0; a0 += Ga[g0 + k] * q0 + p0 * Ya[y0 + k]; b0 += Gb[g0 + k] * q0 + p0 * Yb[y0 + k];
      }
      Zx[dst0 + r] = -z0; Ta[t0 + r] = -a0; Tb[t0 + r] = -b0;
    }
  }
}

/** P = Z_RFᵀ L_RF (entries k ≥ j, column-major nc × nc) and its tangents: dot products of columns. */
function productP(Zx: Float64Array, Ta: Float64Array, Tb: Float64Array, Lx: Float64Array, La: Float64Array, Lb: Float64Array, off: number, nr: number, nc: number, P: Float64Array, Pa: Float64Array, Pb: Float64Array): void {
  const nR = nr - nc;
  // two j × two k at a time (the pair's entry (k = j, j + 1), above the diagonal, is computed and not used)
  let j = 0;
  for (; j + 1 < nc; j += 2) {
    const lj = off + j * nr + nc, lh = lj + nr;
    for (let k = j; k < nc; k += 2) {
      if (k + 1 === nc) { dotP(Zx, Ta, Tb, Lx, La, Lb, off + k * nr + nc, k * nR, lj, nR, P, Pa, Pb, j * nc + k); dotP(Zx, Ta, Tb, Lx, La, Lb, off + k * nr + nc, k * nR, lh, nR, P, Pa, Pb, (j + 1) * nc + k); break; }
      const z0 = off + k * nr + nc, z1 = z0 + nr, t0 = k * nR, t1 = t0 + nR;
      let p00 = 0, p01 = 0, p10 = 0, p11 = 0, a00 = 0, a01 = 0, a10 = 0, a11 = 0, b00 = 0, b01 = 0, b10 = 0, b11 = 0;
      for (let r = 0; r < nR; r++) {
        const x0 = Zx[z0 + r], x1 = Zx[z1 + r], l0 = Lx[lj + r], l1 = Lx[lh + r];
        const xa0 = Ta[t0 + r], xa1 = Ta[t1 + r], la0 = La[lj + r], la1 = La[lh + r];
        const xb0 = Tb[t0 + r], xb1 = Tb[t1 + r], lb0 = Lb[lj + r], lb1 = Lb[lh + r];
        p00 += x0 * l0; p01 += x1 * l0; p10 += x0 * l1; p11 += x1 * l1;
        a00 += xa0 * l0 + x0 * la0; a01 += xa1 * l0 + x1 * la0; a10 += xa0 * l1 + x0 * la1; a11 += xa1 * l1 + x1 * la1;
        b00 += xb0 * l0 + x0 * lb0; b01 += xb1 * l0 + x1 * lb0; b10 += xb0 * l1 + x0 * lb1; b11 += xb1 * l1 + x1 * lb1;
      }
      const q0 = j * nc + k, q1 = q0 + nc;
      P[q0] = p00; P[q0 + 1] = p01; P[q1] = p10; P[q1 + 1] = p11;
      Pa[q0] = a00; Pa[q0 + 1] = a01; Pa[q1] = a10; Pa[q1 + 1] = a11;
      Pb[q0] = b00; Pb[q0 + 1] = b01; Pb[q1] = b10; Pb[q1 + 1] = b11;
    }
  }
  if (j < nc) dotP(Zx, Ta, Tb, Lx, La, Lb, off + j * nr + nc, j * nR, off + j * nr + nc, nR, P, Pa, Pb, j * nc + j);
}

/** One entry of P and its tangents: column z of Z_RF (tangents at t in Ta, Tb) against column l of L_RF, stored at q. */
function dotP(Zx: Float64Array, Ta: Float64Array, Tb: Float64Array, Lx: Float64Array, La: Float64Array, Lb: Float64Array, z: number, t: number, l: number, nR: number, P: Float64Array, Pa: Float64Array, Pb: Float64Array, q: number): void {
  let p = 0, pa = 0, pb = 0;
  for (let r = 0; r < nR; r++) {
    const x = Zx[z + r], y = Lx[l + r];
    p += x * y; pa += Ta[t + r] * y + x * La[l + r]; pb += Tb[t + r] * y + x * Lb[l + r];
  }
  P[q] = p; Pa[q] = pa; Pb[q] = pb;
}

/**
 * Z_FF by the scalar Takahashi recurrence within the block, columns from the last:
 * Z[k, j] = −(Σ_{i∈F, i>j} Z[k, i] L[i, j] + P[k, j]) / L[j, j] (k > j), Z[j, j] = (1/L[j, j] − Σ_{i>j} Z[i, j] L[i, j] − P[j, j]) / L[j, j].
 */
function recurrenceFF(Zx: Float64Array, Za: Float64Array, Zb: Float64Array, Lx: Float64Array, La: Float64Array, Lb: Float64Array, off: number, nr: number, nc: number, P: Float64Array, Pa: Float64Array, Pb: Float64Array, v: Float64Array, va: Float64Array, vb: Float64Array): void {
  for (let j = nc - 1; j >= 0; j--) {
    const cj = off + j * nr;
    for (let k = j + 1; k < nc; k++) { v[k] = P[j * nc + k]; va[k] = Pa[j * nc + k]; vb[k] = Pb[j * nc + k]; }
    // v += Z_{F>j, F>j} L_{F>j, j}, the trailing block stored as its lower triangle (symmetric product)
    for (let i = j + 1; i < nc; i++) {
      const ci = off + i * nr;
      const l = Lx[cj + i], la = La[cj + i], lb = Lb[cj + i];
      const zii = Zx[ci + i], zai = Za[ci + i], zbi = Zb[ci + i];
      let si = zii * l, sai = zai * l + zii * la, sbi = zbi * l + zii * lb;
      for (let k = i + 1; k < nc; k++) {
        const z = Zx[ci + k], za = Za[ci + k], zb = Zb[ci + k];
        const lk = Lx[cj + k];
        v[k] += z * l; va[k] += za * l + z * la; vb[k] += zb * l + z * lb;
        si += z * lk; sai += za * lk + z * La[cj + k]; sbi += zb * lk + z * Lb[cj + k];
      }
      v[i] += si; va[i] += sai; vb[i] += sbi;
    }
    const ljj = Lx[cj + j], dja = La[cj + j], djb = Lb[cj + j];
    const inv = 1 / ljj;
    let u = P[j * nc + j], ua = Pa[j * nc + j], ub = Pb[j * nc + j];
    for (let k = j + 1; k < nc; k++) {
      const z = -v[k] * inv;
      const za = (-va[k] - z * dja) * inv, zb = (-vb[k] - z * djb) * inv;
      const l = Lx[cj + k], la = La[cj + k], lb = Lb[cj + k];
      Zx[cj + k] = z; Za[cj + k] = za; Zb[cj + k] = zb; // may overwrite la, lb (in place: Za = La, Zb = Lb)
      u += z * l; ua += za * l + z * la; ub += zb * l + z * lb;
    }
    const zjj = (inv - u) * inv;
    Zx[cj + j] = zjj;
    Za[cj + j] = (-dja * inv * inv - ua - zjj * dja) * inv;
    Zb[cj + j] = (-djb * inv * inv - ub - zjj * djb) * inv;
  }
}

/**
 * Position in the block storage of a supernodal factor of entry (row, col) of the permuted matrix, row ≥ col
 * (binary search in the row list of col's supernode).
 * @returns index into the block values, or -1 when the entry is outside the stored pattern
 * @example supernodalPosition(sym, 1, 0) // 1 (2 × 2 example above: one supernode, rows [0, 1])
 */
export function supernodalPosition(sym: SupernodalSymbolic, row: number, col: number): number {
  const s = sym.colToSuper[col];
  const f = sym.superPtr[s], r0 = sym.rowPtr[s], nr = sym.rowPtr[s + 1] - r0;
  const base = sym.blockPtr[s] + (col - f) * nr;
  let lo = col - f, hi = nr - 1;
  const rows = sym.rowIdx;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[r0 + mid];
    if (r === row) return base + mid;
    if (r < row) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
