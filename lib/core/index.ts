export * from "./types";
export * from "./data";
export * from "./options";
