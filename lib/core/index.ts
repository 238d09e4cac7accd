export * from "./types";
export * from "./data";
