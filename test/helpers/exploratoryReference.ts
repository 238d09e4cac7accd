import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SpatialWeights } from "../../lib/weights";

/** R 4.2.2, spdep 1.2-7, spData 2.2.1: test/reference/spatial-exploratory-columbus.R (Columbus, col.gal.nb). */
export type GiRef = { G: number[]; EG: number[]; VG: number[]; Z: number[]; p: number[] };
export type TestRef = { C: number; EC: number; var: number; z: number; p: number };
export type JoinRef = { level: string; BB: number; E: number; var: number; z: number; p: number };
export const exploratory = JSON.parse(readFileSync(join(__dirname, "../reference/spatial-exploratory-columbus.json"), "utf8")) as {
  ids: (string | number)[]; neighbors0: number[][]; CRIME: number[]; INC: number[];
  localG_W: GiRef; localG_B: GiRef; localGstar_W: GiRef; localGstar_B: GiRef; localG_W_greater: GiRef;
  geary_W: { normal: TestRef; random: TestRef }; geary_B: { normal: TestRef; random: TestRef }; geary_W_two: TestRef;
  localC_W: number[]; localC_B: number[];
  joincount_B: { high: number[]; tests: JoinRef[] }; joincount_W: JoinRef[];
  moranBV_W: number; localMoranBV_W: number[];
};
export const wB = new SpatialWeights(exploratory.ids.map(String), exploratory.neighbors0);
export const wW = wB.standardize("W");
export const crime = Object.freeze([...exploratory.CRIME]) as number[];
export const income = Object.freeze([...exploratory.INC]) as number[];
