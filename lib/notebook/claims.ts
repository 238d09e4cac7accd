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

/** What {@link claimChecker} returns: whether this run is the one the prose describes, and the guards to use in it. */
export interface ClaimChecker {
  /** True when every parameter equals its default: the run the notebook's prose was written for. */
  readonly atDefaults: boolean;
  /** The parameters that differ from their defaults, as `name = value (default d)` (empty at defaults). */
  readonly changed: string[];
  /**
   * One prose claim. At defaults: {@link checkClaim} (throws when it no longer holds). Otherwise the claim is only
   * reported, as `✓ …` or `✗ … — does not hold in this run`.
   */
  check(condition: boolean, claim: string): string;
  /** Several claims at once ({@link checkClaims}, enforced only at defaults); the lines to show as a cell's output. */
  checkAll(claims: ReadonlyArray<Claim>): string;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The prose guard of a notebook with parameters: compares the run's parameters with the defaults the prose was
 * written for, and returns `check` / `checkAll`, which enforce the prose's claims at the defaults and only report
 * them in a variant run (an analyst's changed spec, whose numbers the prose does not describe).
 *
 * Long name: parameter-aware claim checker for notebook prose.
 * @param parameters the run's parameters by name, e.g. `{ startYear, endYear, weights }`
 * @param defaults the same names with the values the prose describes
 * @throws `claimChecker: parameter "k" has no default` when the two objects do not name the same parameters
 * @example
 * const claims = claimChecker({ year: 2019 }, { year: 2019 });
 * claims.atDefaults                       // true
 * claims.check(2 > 1, "two exceeds one")  // "✓ two exceeds one"
 * claimChecker({ year: 2020 }, { year: 2019 }).check(false, "Jilin ranks first")
 * // "✗ Jilin ranks first — does not hold in this run (year = 2020, default 2019)"
 */
export function claimChecker(parameters: Record<string, unknown>, defaults: Record<string, unknown>): ClaimChecker {
  const fn = "claimChecker";
  if (parameters === null || typeof parameters !== "object" || defaults === null || typeof defaults !== "object") {
    throw new Error(`${fn}: parameters and defaults must be objects of named values`);
  }
  for (const name of Object.keys(parameters)) if (!(name in defaults)) throw new Error(`${fn}: parameter "${name}" has no default`);
  for (const name of Object.keys(defaults)) if (!(name in parameters)) throw new Error(`${fn}: default "${name}" names no parameter`);
  const changed = Object.keys(defaults)
    .filter((name) => !sameValue(parameters[name], defaults[name]))
    .map((name) => `${name} = ${JSON.stringify(parameters[name])}, default ${JSON.stringify(defaults[name])}`);
  const atDefaults = changed.length === 0;
  const why = changed.join("; ");
  return {
    atDefaults,
    changed,
    check(condition: boolean, claim: string): string {
      if (atDefaults) return checkClaim(condition, claim);
      if (typeof condition !== "boolean") return `– ${claim} — cannot be evaluated in this run (condition is ${String(condition)})`;
      return condition ? `✓ ${claim}` : `✗ ${claim} — does not hold in this run (${why})`;
    },
    checkAll(claims: ReadonlyArray<Claim>): string {
      return checkClaims(claims, { enforce: atDefaults });
    },
  };
}
