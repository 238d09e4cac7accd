export { ols } from "./ols";
export type { OlsOptions, OlsResult } from "./ols";
export { olsFit } from "./olsCore";
export type { OlsFit } from "./olsCore";
export { iv } from "./iv";
export type { IvOptions, IvResult, IvTest, IvFirstStage, IvDesign } from "./iv";
