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

/** A prose claim: its condition (a boolean, or a function computing it, so that it can be evaluated lazily) and its text. */
export type Claim = readonly [boolean | (() => boolean), string];

/** Options of {@link checkClaims}. */
export interface CheckClaimsOptions {
  /**
   * true (default): every claim must hold; the first that does not throws. false: the claims describe a run with
   * other parameters (e.g. the notebook's defaults) — each is evaluated and reported as holding, not holding, or not
   * evaluable under this run, and nothing throws. Notebooks pass `{ enforce: atDefaults }`.
   */
  enforce?: boolean;
}

/**
 * Run several claims at once (one per prose statement) and return the confirmations, one per line.
 * With `{ enforce: false }` (a run with non-default parameters, whose prose was written for the defaults) the claims
 * are only reported: `✓` holds, `✗` does not hold under this run, `–` cannot be evaluated here (its condition threw,
 * e.g. a port the prose names is not in this run's selection).
 * @param claims pairs `[condition, claim text]`; a condition may be a function, evaluated only here
 * @param options `enforce` (default true)
 * @returns the lines `✓ claim` (and, when not enforced, `✗ claim …` / `– claim …`), joined by newlines
 * @throws when enforced, at the first claim that does not hold (its text in the message), or whose condition throws
 *   or is not a boolean
 * @example
 * checkClaims([[1 < 2, "one is less than two"], [() => 3 > 2, "three exceeds two"]])
 * // "✓ one is less than two\n✓ three exceeds two"
 * checkClaims([[false, "Guangzhou ranks first"]], { enforce: false })
 * // "(parameters differ from the defaults the prose describes: claims reported, not enforced)\n✗ Guangzhou ranks first — does not hold in this run"
 */
export function checkClaims(claims: ReadonlyArray<Claim>, options: CheckClaimsOptions = {}): string {
  const enforce = options.enforce ?? true;
  if (enforce) return claims.map(([c, t]) => checkClaim(typeof c === "function" ? c() : c, t)).join("\n");
  const lines = claims.map(([c, t]) => {
    let v: unknown;
    try {
      v = typeof c === "function" ? c() : c;
    } catch (e) {
      return `– ${t} — cannot be evaluated in this run (${e instanceof Error ? e.message : String(e)})`;
    }
    if (typeof v !== "boolean") return `– ${t} — cannot be evaluated in this run (condition is ${String(v)})`;
    return v ? `✓ ${t}` : `✗ ${t} — does not hold in this run`;
  });
  return ["(parameters differ from the defaults the prose describes: claims reported, not enforced)", ...lines].join("\n");
}
