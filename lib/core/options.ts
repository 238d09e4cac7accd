/**
 * Option-name checking shared by every public function: a misspelled option (`zeropolicy` for `zeroPolicy`) is an
 * error naming the allowed ones, never silently ignored.
 */

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/**
 * Refuse option names a function does not know.
 *
 * Long name: option-name validation.
 * @param options the options object as passed (undefined and null pass)
 * @param allowed the names the function reads
 * @param fn the function's name, for the message
 * @throws `spatialLag: unknown option "zeropolicy" (did you mean "zeroPolicy"?; options: interval, zeroPolicy, …)`;
 *   `fn: options must be an object` for a non-object
 * @example checkOptionNames({ vcov: "HC1" }, ["vcov", "id"], "ols") // passes
 */
export function checkOptionNames(options: unknown, allowed: readonly string[], fn: string): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object" || Array.isArray(options)) throw new Error(`${fn}: options must be an object (got ${Array.isArray(options) ? "an array" : typeof options})`);
  for (const name of Object.keys(options)) {
    if (allowed.includes(name)) continue;
    const lower = name.toLowerCase();
    const near = allowed.find((a) => a.toLowerCase() === lower) ?? allowed.find((a) => editDistance(a.toLowerCase(), lower) <= 2);
    throw new Error(`${fn}: unknown option "${name}"${near ? ` (did you mean "${near}"?)` : ""}; options: ${allowed.join(", ")}`);
  }
}
