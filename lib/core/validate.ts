/**
 * Argument validation shared by the public functions of lib/: the data argument, the formula, option types, and the
 * rule that an error raised inside a helper reaches the user under the public function's name (with the helper's
 * error kept as `cause`), never as `olsFit: …` or a TypeError from deep inside.
 */

/**
 * Refuse a data argument that is not a table (danfo DataFrame or object of columns).
 *
 * Long name: data-argument validation.
 * @param data what the caller passed
 * @param fn the public function's name
 * @throws `ols: data must be a DataFrame or an object of columns (got null)`
 * @example checkData({ y: [1, 2] }, "ols") // passes
 */
export function checkData(data: unknown, fn: string): void {
  if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data) || ArrayBuffer.isView(data)) {
    throw new Error(`${fn}: data must be a DataFrame or an object of columns (got ${describe(data)})`);
  }
}

/**
 * Refuse a formula that is not a non-empty string with a `~`.
 *
 * Long name: formula-argument validation.
 * @param formula what the caller passed
 * @param fn the public function's name
 * @throws `ols: formula must be a string like "y ~ x1 + x2" (got undefined)`
 * @example checkFormula("y ~ x", "ols") // passes
 */
export function checkFormula(formula: unknown, fn: string): void {
  if (typeof formula !== "string" || !formula.includes("~")) {
    throw new Error(`${fn}: formula must be a string like "y ~ x1 + x2" (got ${describe(formula)})`);
  }
}

/** Expected type of an option, for {@link checkOptionTypes}. */
export type OptionType = "string" | "number" | "boolean" | "object" | "function" | "string[]" | "number[]" | "integer";

/**
 * Refuse options of the wrong type (absent and undefined options pass).
 *
 * Long name: option-type validation.
 * @param options the options object
 * @param types allowed types per option name (an array lists alternatives)
 * @param fn the public function's name
 * @throws `spatialLag: option "zeroPolicy" must be a boolean (got "yes")`
 * @example checkOptionTypes({ zeroPolicy: true }, { zeroPolicy: "boolean" }, "spatialLag") // passes
 */
export function checkOptionTypes(options: unknown, types: Record<string, OptionType | OptionType[]>, fn: string): void {
  if (options === null || options === undefined || typeof options !== "object") return;
  const o = options as Record<string, unknown>;
  for (const [name, t] of Object.entries(types)) {
    const v = o[name];
    if (v === undefined) continue;
    const alternatives = Array.isArray(t) ? t : [t];
    if (!alternatives.some((a) => hasType(v, a))) {
      throw new Error(`${fn}: option "${name}" must be ${alternatives.map(article).join(" or ")} (got ${describe(v)})`);
    }
  }
}

function hasType(v: unknown, t: OptionType): boolean {
  switch (t) {
    case "string": return typeof v === "string";
    case "number": return typeof v === "number" && Number.isFinite(v);
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "function": return typeof v === "function";
    case "object": return typeof v === "object" && v !== null;
    case "string[]": return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "number[]": return (Array.isArray(v) || ArrayBuffer.isView(v)) && Array.from(v as ArrayLike<unknown>).every((x) => typeof x === "number");
  }
}

function article(t: OptionType): string {
  switch (t) {
    case "string[]": return "an array of strings";
    case "number[]": return "an array of numbers";
    case "integer": return "an integer";
    case "object": return "an object";
    default: return `a ${t}`;
  }
}

/**
 * A short description of a value for error messages: `null`, `undefined`, `an array`, `"abc"`, `3`.
 * @example describe(null) // "null"
 */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "function") return "a function";
  return typeof v;
}

/**
 * Run the body of a public function so that any error it raises carries the function's name: an error whose message
 * already starts with `fn:` passes unchanged; any other (a helper's `olsFit: …`, `inverseTraces: …`, a TypeError) is
 * re-thrown as `fn: <message>` with the original as `cause`.
 *
 * Long name: error re-naming at the public boundary.
 * @param fn the public function's name
 * @param body the function body
 * @throws `spatialError: olsFit: design matrix is rank deficient (rank 2 < 3)` (cause: the olsFit error)
 * @example underName("ols", () => 1) // 1
 */
export function underName<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw renamed(fn, e);
  }
}

/**
 * The error `e` under the name `fn` (see {@link underName}).
 * @example renamed("ols", new Error("olsFit: singular")).message // "ols: olsFit: singular"
 */
export function renamed(fn: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (message.startsWith(`${fn}:`)) return e instanceof Error ? e : new Error(message);
  return new Error(`${fn}: ${message}`, { cause: e });
}
