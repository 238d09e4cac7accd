/**
 * A seeded pseudo-random number generator for permutation inference and simulations.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4)), a 128-bit-state generator with period 2^128 − 1, seeded from a
 * 32-bit seed through a SplitMix-style sequence (golden-ratio increment, after Steele, Lea & Flood 2014,
 * "Fast splittable pseudorandom number generators", OOPSLA; finalized with MurmurHash3's 32-bit mixer)
 * so that nearby seeds give unrelated streams. All arithmetic is 32-bit
 * integer arithmetic (`Math.imul`, `>>>`), so a seed gives the same stream on every platform.
 *
 * It is not R's Mersenne Twister: a seed here does not reproduce R's `set.seed` draws, only our own.
 */

/** A seeded generator. */
export interface Rng {
  /** The seed this generator was made with. */
  readonly seed: number;
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform integer in 0..n−1 (unbiased: Lemire's multiply-and-reject for n ≤ 2^21, else modulo with rejection; 1 ≤ n ≤ 2^32). */
  int(n: number): number;
  /** As `int` without argument checks, for hot loops (n must be an integer in 1..2^32). */
  below(n: number): number;
  /** A standard normal draw (Marsaglia's polar method; pairs are cached). */
  normal(): number;
  /** Shuffle an array or typed array in place (Fisher–Yates) and return it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
}

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [state, z >>> 0];
}

/**
 * Make a seeded generator (xoshiro128**, SplitMix-style seeding).
 * @param seed an integer (taken modulo 2^32); the same seed gives the same stream
 * @throws `rng: seed must be a finite integer, got 1.5`
 * @example
 * const r = rng(42);
 * r.int(10);    // an integer in 0..9, the same one every time for seed 42
 * r.next();     // a double in [0, 1)
 */
export function rng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new Error(`rng: seed must be a finite integer, got ${String(seed)}`);
  }
  let sm = seed | 0;
  const s: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [st, z] = splitmix32(sm);
    sm = st;
    s.push(z);
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is the one forbidden state
  return rngFromState(s, seed);
}

/**
 * A xoshiro128** generator started from an explicit 128-bit state (four 32-bit words), for checking
 * the generator against the authors' reference C code; use {@link rng} otherwise.
 * @throws `rngFromState: state must be four 32-bit words, not all zero`
 * @example rngFromState([1, 2, 3, 4]).nextUint32() // 11520 (the reference implementation's first output)
 */
export function rngFromState(state: ArrayLike<number>, seed = NaN): Rng {
  if (state.length !== 4 || !Array.from(state).every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff) ||
    (state[0] | state[1] | state[2] | state[3]) === 0) {
    throw new Error("rngFromState: state must be four 32-bit words, not all zero");
  }
  const s = state;
  let s0 = s[0] | 0, s1 = s[1] | 0, s2 = s[2] | 0, s3 = s[3] | 0;
  const nextUint32 = (): number => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  };
  const next = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  // Unbiased integer in 0..n-1 without validation (hot path). For n ≤ 2^21 Lemire's multiply-and-reject
  // method (Lemire 2019, "Fast random integer generation in an interval", ACM TOMACS 29(1)): the product of a
  // 32-bit draw and n is exact in a double; otherwise rejection of the top partial block and a modulo.
  const below = (n: number): number => {
    if (n <= 2097152) {
      // m = draw·n is exact; its high 32 bits are the result, its low 32 bits decide rejection
      // (floor(m·2^-32) and m − high·2^32 are exact and avoid a floating-point modulo)
      let m = nextUint32() * n;
      let high = Math.floor(m * 2.3283064365386963e-10);
      let low = m - high * 4294967296;
      if (low < n) {
        const threshold = (4294967296 - n) % n;
        while (low < threshold) {
          m = nextUint32() * n;
          high = Math.floor(m * 2.3283064365386963e-10);
          low = m - high * 4294967296;
        }
      }
      return high;
    }
    const limit = 4294967296 - (4294967296 % n);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % n;
  };
  const int = (n: number): number => {
    if (!(n >= 1 && n <= 4294967296) || !Number.isInteger(n)) throw new Error(`rng.int: n must be an integer in 1..2^32, got ${n}`);
    return below(n);
  };
  let spare = NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u: number, v: number, q: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt(-2 * Math.log(q) / q);
    spare = v * f;
    return u * f;
  };
  const shuffle = <T extends { length: number; [i: number]: unknown }>(a: T): T => {
    if (a instanceof Float64Array) {
      shuffleFloat64(a);
      return a;
    }
    for (let i = a.length - 1; i > 0; i--) {
      const j = below(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  };
  // Hot path of the permutation tests: shuffleFloat64State over a copy of the state words.
  const words = new Int32Array(4);
  const shuffleFloat64 = (a: Float64Array): void => {
    words[0] = s0; words[1] = s1; words[2] = s2; words[3] = s3;
    shuffleFloat64State(a, words);
    s0 = words[0]; s1 = words[1]; s2 = words[2]; s3 = words[3];
  };
  return { seed, next, nextUint32, int, below, normal, shuffle };
}

/**
 * Fisher–Yates shuffle of a Float64Array in place with a xoshiro128** generator whose state is four 32-bit
 * words, updated in place: the same draws, in the same order, as `rng.shuffle` (that is, `below(i + 1)` for
 * i = n−1 … 1, Lemire's multiply-and-reject for i + 1 ≤ 2^21, rejection and modulo above). Self-contained
 * (no closures, no imports, no inner functions) so that its source can also run in a worker thread
 * (`lib/spatial/permutationThreads.ts`).
 *
 * Long name: in-place Fisher–Yates shuffle over an explicit xoshiro128** state.
 * @param a the array to shuffle (modified)
 * @param state the generator's four state words (modified)
 * @example
 * const st = new Int32Array([1, 2, 3, 4]);
 * shuffleFloat64State(Float64Array.of(1, 2, 3), st); // the array in an order fixed by the state
 */
export function shuffleFloat64State(a: Float64Array, state: Int32Array): void {
  let x0 = state[0], x1 = state[1], x2 = state[2], x3 = state[3];
  for (let i = a.length - 1; i > 0; i--) {
    const n = i + 1;
    let j: number;
    if (n <= 2097152) {
      let high: number;
      let threshold = -1;
      for (;;) {
        const mm = Math.imul(x1, 5);
        const out = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t;
        x3 = (x3 << 11) | (x3 >>> 21);
        const m = out * n;
        high = Math.floor(m * 2.3283064365386963e-10);
        const low = m - high * 4294967296;
        if (low >= n) break;
        if (threshold < 0) threshold = (4294967296 - n) % n;
        if (low >= threshold) break;
      }
      j = high;
    } else {
      const limit = 4294967296 - (4294967296 % n);
      let out: number;
      do {
        const mm = Math.imul(x1, 5);
        out = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t;
        x3 = (x3 << 11) | (x3 >>> 21);
      } while (out >= limit);
      j = out % n;
    }
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  state[0] = x0; state[1] = x1; state[2] = x2; state[3] = x3;
}

/**
 * The state of stream `stream` of seed `seed`: four 32-bit words from a SplitMix-style sequence started at the
 * seed mixed with the stream index, so that blocks of permutations can be drawn independently of one another
 * (in any order, on any number of threads) and still be fixed by one seed.
 *
 * Long name: seeded stream state for blocked random draws.
 * @param seed an integer seed (taken modulo 2^32)
 * @param stream a non-negative integer stream index
 * @throws `rngStreamState: stream must be a non-negative integer, got -1`
 * @example rngStreamState(1, 0).length // 4
 */
export function rngStreamState(seed: number, stream: number): Int32Array {
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) throw new Error(`rngStreamState: stream must be a non-negative integer, got ${stream}`);
  if (!Number.isInteger(seed)) throw new Error(`rngStreamState: seed must be a finite integer, got ${String(seed)}`);
  // mix the stream index through one MurmurHash3 finalizer before adding it, so that streams 0, 1, 2, ... of
  // one seed do not start at neighbouring points of the seed sequence of rng()
  let h = Math.imul((stream + 1) ^ 0x5bd1e995, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  let sm = (seed ^ h) | 0;
  const out = new Int32Array(4);
  for (let i = 0; i < 4; i++) {
    const [st, z] = splitmix32(sm);
    sm = st;
    out[i] = z | 0;
  }
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}
