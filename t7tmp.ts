import { readFileSync } from "node:fs";
import { weights } from "./lib/weights";
import { inverseTraces } from "./lib/spatialreg";
import { choleskySymbolic } from "./lib/linalg";
const w = weights.fromGAL(readFileSync("test/reference/spatialreg-elect80.gal", "utf8"));
const csr = w.standardize("W").toCSR();
const sym = choleskySymbolic({n: csr.n, rowPtr: csr.rowPtr, colIdx: csr.colIdx});
for (let k=0;k<3;k++) { let t = Date.now(); const tr = inverseTraces(csr, 0.5, {symbolic: sym}); console.log("traces ms", Date.now()-t); }
