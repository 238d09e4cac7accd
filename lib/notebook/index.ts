/**
 * Notebook infrastructure: guards for the numeric claims of a notebook's prose (`checkClaim`, `checkClaims`,
 * `claimChecker`) and typed column reads (`numbers`, `strings`) that spare notebooks their casts.
 */
export * from "./claims";
export * from "./columns";
