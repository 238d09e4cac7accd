import { describe, it, expect } from "vitest";
import { isFloat32Artifact, shortestFloat32Decimal, cleanFloat32 } from "../lib/data/float32";

describe("float32 cells of the city spreadsheets (lib/data/float32.ts)", () => {
  it("writes a single-precision cell as the shortest decimal with the same float32 value", () => {
    // cells of city_fdi_million_usd_1996-2023__biechouwo-coder.xlsx (长春 1997) and of the sector file (长春 2019)
    expect(cleanFloat32(75.6999969482422)).toBe(75.7);
    expect(cleanFloat32(348.0712890625)).toBe(348.0713);
    expect(shortestFloat32Decimal(2495.45751953125)).toBe("2495.4575");
    // brute force: every candidate shorter than the result has a different float32
    const f = Math.fround(2495.45751953125);
    for (let p = 1; p < 8; p++) expect(Math.fround(Number(f.toPrecision(p)))).not.toBe(f);
  });

  it("leaves double-precision and integer cells unchanged", () => {
    for (const x of [1741.19, 72, 5904.1375, 1416.5563, 0.1]) {
      expect(isFloat32Artifact(x)).toBe(false);
      expect(cleanFloat32(x)).toBe(x);
    }
    expect(() => shortestFloat32Decimal(NaN)).toThrow(/shortestFloat32Decimal: NaN is not finite/);
  });
});
