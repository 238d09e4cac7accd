import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rng, rngFromState } from "../lib/random";

// Outputs of the reference C implementation, test/reference/random-xoshiro128ss.c
const ref = JSON.parse(readFileSync(join(__dirname, "reference/random-xoshiro128ss.json"), "utf8")) as {
  state1234_first10: number[]; stateDeadbeef_after1000_next5: number[];
};

describe("rng (xoshiro128**)", () => {
  it("produces the reference C implementation's outputs from the same state", () => {
    const a = rngFromState([1, 2, 3, 4]);
    expect(Array.from({ length: 10 }, () => a.nextUint32())).toEqual(ref.state1234_first10);
    const b = rngFromState([0xdeadbeef, 0x01234567, 0x89abcdef, 0xfeedface]);
    for (let i = 0; i < 1000; i++) b.nextUint32();
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(ref.stateDeadbeef_after1000_next5);
  });

  it("gives the same stream for the same seed and different streams for nearby seeds", () => {
    const x = Array.from({ length: 20 }, ((r) => () => r.next())(rng(7)));
    const y = Array.from({ length: 20 }, ((r) => () => r.next())(rng(7)));
    const z = Array.from({ length: 20 }, ((r) => () => r.next())(rng(8)));
    expect(x).toEqual(y);
    expect(x).not.toEqual(z);
    expect(rng(7).seed).toBe(7);
  });

  it("next() lies in [0, 1) with mean near 1/2 and variance near 1/12", () => {
    const r = rng(123);
    const m = 200_000;
    let s = 0, ss = 0, lo = 1, hi = 0;
    for (let i = 0; i < m; i++) { const u = r.next(); s += u; ss += u * u; lo = Math.min(lo, u); hi = Math.max(hi, u); }
    const mean = s / m;
    const v = ss / m - mean * mean;
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // standard error of the mean is sqrt(1/12/m) ≈ 0.00065; 5 SE
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(v - 1 / 12)).toBeLessThan(0.002);
  });

  it("int(n) is uniform on 0..n-1 (chi-square, 6 cells)", () => {
    const r = rng(99);
    const counts = new Array(6).fill(0);
    const m = 60_000;
    for (let i = 0; i < m; i++) counts[r.int(6)]++;
    const e = m / 6;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    // chi-square with 5 df: P(> 20.5) ≈ 0.001
    expect(chi2).toBeLessThan(20.5);
    expect(() => r.int(0)).toThrow("rng.int: n must be an integer in 1..2^32, got 0");
  });

  it("normal() has mean near 0 and variance near 1", () => {
    const r = rng(2024);
    const m = 100_000;
    let s = 0, ss = 0;
    for (let i = 0; i < m; i++) { const z = r.normal(); s += z; ss += z * z; }
    expect(Math.abs(s / m)).toBeLessThan(5 / Math.sqrt(m));
    // var of the sample variance ≈ 2/m
    expect(Math.abs(ss / m - (s / m) ** 2 - 1)).toBeLessThan(5 * Math.sqrt(2 / m));
  });

  it("shuffle returns a permutation of its input", () => {
    const a = Float64Array.from({ length: 50 }, (_, i) => i);
    rng(5).shuffle(a);
    expect(Array.from(a).sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("rejects a non-integer seed and an all-zero state", () => {
    expect(() => rng(1.5)).toThrow("rng: seed must be a finite integer, got 1.5");
    expect(() => rng(NaN)).toThrow("rng: seed must be a finite integer");
    expect(() => rngFromState([0, 0, 0, 0])).toThrow("rngFromState: state must be four 32-bit words, not all zero");
  });
});
