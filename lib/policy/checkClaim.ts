/**
 * Guard for a numeric statement made in a notebook's prose: returns a one-line confirmation when the claim holds and
 * throws when it does not, so that a notebook whose prose has gone stale (new data, changed parameters) fails loudly
 * instead of printing a false sentence.
 *
 * @param condition the claim, evaluated on the notebook's numbers
 * @param claim the sentence of the prose it checks (as written there)
 * @returns `"✓ " + claim`
 * @throws `Error("claim no longer holds: …")` when `condition` is false, or when it is not a boolean (e.g. NaN, undefined)
 * @example
 * checkClaim(21 > 20, "the report lists more than 20 projects") // "✓ the report lists more than 20 projects"
 */
export function checkClaim(condition: boolean, claim: string): string {
  if (typeof condition !== "boolean") {
    throw new Error(`checkClaim: the condition for "${claim}" is ${String(condition)}, not a boolean`);
  }
  if (!condition) throw new Error(`claim no longer holds: ${claim}`);
  return `✓ ${claim}`;
}

/**
 * Run several claims at once (one per prose statement) and return the confirmations, one per line.
 * @param claims pairs `[condition, claim text]`
 * @returns the lines `✓ claim`, joined by newlines
 * @throws at the first claim that does not hold (its text in the message)
 * @example
 * checkClaims([[1 < 2, "one is less than two"], [3 > 2, "three exceeds two"]])
 * // "✓ one is less than two\n✓ three exceeds two"
 */
export function checkClaims(claims: ReadonlyArray<readonly [boolean, string]>): string {
  return claims.map(([c, t]) => checkClaim(c, t)).join("\n");
}
