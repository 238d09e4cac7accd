export { ols, vcov } from "./ols";
export type { OlsOptions, OlsResult } from "./ols";
export { olsFit } from "./olsCore";
export type { OlsFit } from "./olsCore";
export { sandwichVcov, vcovLabel } from "./sandwich";
export type { VcovSpec, SandwichInput } from "./sandwich";
