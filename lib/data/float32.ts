/**
 * Spreadsheet cells that were stored in single precision (float32) and written back as a 15-digit
 * double, e.g. `75.6999969482422` for a typed 75.7, or `348.0712890625` for 348.0713.
 * `npm run datasets` writes such a cell as the shortest decimal with the same single-precision value
 * (the decimal the compiler most likely typed); every other cell is left exactly as it is.
 */

/**
 * Whether `x` is a float32 value written out with at most 15 significant digits (the way Excel and
 * Stata exports print a single-precision cell).
 * @param x a cell value
 * @returns true when `x` equals the 15-significant-digit print of `Math.fround(x)` and that float32 differs from x's shortest decimal
 * @example isFloat32Artifact(75.6999969482422) // true; isFloat32Artifact(75.7) // false; isFloat32Artifact(72) // false
 */
export function isFloat32Artifact(x: number): boolean {
  if (!Number.isFinite(x) || Number.isInteger(x)) return false;
  const f = Math.fround(x);
  return Number(f.toPrecision(15)) === x || f === x ? shortestFloat32Decimal(x) !== String(x) : false;
}

/**
 * The shortest decimal whose single-precision value equals `Math.fround(x)`.
 * @param x a number
 * @returns the decimal as a string
 * @throws `shortestFloat32Decimal: … is not finite`
 * @example shortestFloat32Decimal(348.0712890625) // "348.0713"; shortestFloat32Decimal(75.6999969482422) // "75.7"
 */
export function shortestFloat32Decimal(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`shortestFloat32Decimal: ${x} is not finite`);
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(s)) === f) return s;
  }
  return String(f);
}

/**
 * A source cell as the tidy files hold it: float32 artifacts replaced by their shortest decimal
 * ({@link shortestFloat32Decimal}), every other value unchanged.
 * @example cleanFloat32(2495.45751953125) // 2495.4575; cleanFloat32(1741.19) // 1741.19
 */
export function cleanFloat32(x: number): number {
  return isFloat32Artifact(x) ? Number(shortestFloat32Decimal(x)) : x;
}
