import { readFileSync } from "node:fs";
import { weights } from "./lib/weights";
import { spatialLag } from "./lib/spatialreg";
const hw = weights.fromGAL(readFileSync("bench/out/house.gal", "utf8"));
const hd = JSON.parse(readFileSync("bench/out/house.json", "utf8"));
let t = Date.now();
const m = spatialLag(hd, "log(price) ~ age + I(age^2) + I(age^3) + log(lotsize) + rooms + log(TLA) + beds + factor(syear)", hw, { id: "id" });
console.log("ms", Date.now() - t, m.rho, m.logLik, m.rhoStdError, m.traceMethod, m.interval, m.evaluations, process.memoryUsage().rss/2**20);
