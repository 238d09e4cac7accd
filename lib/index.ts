/**
 * The workbench library: one import for notebooks, `import { moran, ols } from "../lib"`.
 * Each topic folder has its own index; this file only re-exports them.
 */
export * from "./core";
export * from "./random";
export * from "./formula";
export * from "./linalg";
export * from "./distributions";
export * from "./optimize";
export * from "./weights";
export * from "./spatial";
export * from "./regression";
export * from "./spatialreg";
export * from "./panel";
export * from "./indices";
export * from "./inference";
export * from "./report";
export * from "./display";
export * from "./plots";
export * from "./policy";
export * from "./notebook";
export * from "./simulation";
export * from "./data";
