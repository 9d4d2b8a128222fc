// Deterministic random numbers, identical on every runtime: xoshiro256** seeded through
// splitmix64, uniforms from its top 53 bits, normals by Marsaglia's polar method with the
// core's own log (host Math never decides a result). A price path's streams are keyed by the
// seed and the path's index alone (`pathKey`), so path i draws the same numbers whichever batch,
// worker or shard generates it.

import { logScalar, vlog } from "./vmath";

@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

export class Rng {
  s0: u64 = 0;
  s1: u64 = 0;
  s2: u64 = 0;
  s3: u64 = 0;
  spare: f64 = NaN; // the polar method's second normal

  /** Stream `stream` of seed `seed`: different streams are independent sequences. */
  constructor(seed: u64, stream: u64) {
    this.seed(seed, stream);
  }

  /** Restarts as stream `stream` of seed `seed`, as if just constructed with them. */
  seed(seed: u64, stream: u64): void {
    const state = seed ^ (stream * 0xd1b54a32d192ed03);
    this.s0 = mix(state + GAMMA);
    this.s1 = mix(state + 2 * GAMMA);
    this.s2 = mix(state + 3 * GAMMA);
    this.s3 = mix(state + 4 * GAMMA);
    this.spare = NaN;
  }

  /**
   * n standard normals to `at` (f64), by the polar method on two candidate pairs at a time (the
   * core's log on both lanes at once; a lane's numbers do not depend on the other's). Ends with
   * no spare: the stream then stands where this method left it, whatever `n` was.
   */
  normals(at: usize, n: i32): void {
    let i = 0;
    while (i < n) {
      const u0 = 2 * this.uniform() - 1;
      const v0 = 2 * this.uniform() - 1;
      const u1 = 2 * this.uniform() - 1;
      const v1 = 2 * this.uniform() - 1;
      const u = f64x2.replace_lane(f64x2.splat(u0), 1, u1);
      const v = f64x2.replace_lane(f64x2.splat(v0), 1, v1);
      const s = f64x2.add(f64x2.mul(u, u), f64x2.mul(v, v));
      // a lane outside (0, 1) is rejected; it takes s = 1/2 so its log is harmless
      const ok = v128.and(f64x2.lt(s, f64x2.splat(1)), f64x2.gt(s, f64x2.splat(0)));
      const ss = v128.bitselect(s, f64x2.splat(0.5), ok);
      const f = f64x2.sqrt(f64x2.div(f64x2.mul(f64x2.splat(-2), vlog(ss)), ss));
      const x = f64x2.mul(u, f);
      const y = f64x2.mul(v, f);
      if (i64x2.extract_lane(ok, 0) != 0) {
        store<f64>(at + ((<usize>i) << 3), f64x2.extract_lane(x, 0));
        if (i + 1 < n) store<f64>(at + ((<usize>(i + 1)) << 3), f64x2.extract_lane(y, 0));
        i += 2;
      }
      if (i < n && i64x2.extract_lane(ok, 1) != 0) {
        store<f64>(at + ((<usize>i) << 3), f64x2.extract_lane(x, 1));
        if (i + 1 < n) store<f64>(at + ((<usize>(i + 1)) << 3), f64x2.extract_lane(y, 1));
        i += 2;
      }
    }
    this.spare = NaN;
  }

  /** Writes where the stream is (RNG_SAVE_BYTES at `at`), for `restore`. */
  save(at: usize): void {
    store<u64>(at, this.s0);
    store<u64>(at, this.s1, 8);
    store<u64>(at, this.s2, 16);
    store<u64>(at, this.s3, 24);
    store<f64>(at, this.spare, 32);
  }

  /** Goes back to where `save` left the stream. */
  restore(at: usize): void {
    this.s0 = load<u64>(at);
    this.s1 = load<u64>(at, 8);
    this.s2 = load<u64>(at, 16);
    this.s3 = load<u64>(at, 24);
    this.spare = load<f64>(at, 32);
  }

  next(): u64 {
    const out = rotl(this.s1 * 5, 7) * 9;
    const t = this.s1 << 17;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 45);
    return out;
  }

  /** Uniform in (0, 1): never 0, so its log is finite. */
  uniform(): f64 {
    // the top 53 bits fit a signed integer, whose conversion is the cheaper one (same value)
    return (<f64>(<i64>(this.next() >> 11)) + 0.5) * 1.1102230246251565e-16; // 2^-53
  }

  /** Standard normal. */
  normal(): f64 {
    const spare = this.spare;
    if (spare == spare) {
      this.spare = NaN;
      return spare;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s == 0) continue;
      const f = Math.sqrt((-2 * logScalar(s)) / s);
      this.spare = v * f;
      return u * f;
    }
  }
}

/** Bytes `Rng.save` writes. */
export const RNG_SAVE_BYTES: usize = 40;

/**
 * The seed of price path `path` of `seed`: splitmix64 of the seed (in a domain of its own, so no
 * path shares its numbers with the generators of positions, which seed `Rng` with the seed
 * itself), then of the path index. A function of the two alone: never of the order paths are
 * generated in. Streams within the path are `new Rng(pathKey(seed, path), stream)`.
 */
export function pathKey(seed: u64, path: u64): u64 {
  return mix(mix(seed ^ PATHS) + (path + 1) * GAMMA);
}
const PATHS: u64 = 0x7061746873000000; // "paths"

// splitmix64: its state advances by GAMMA; each state is mixed into an output
const GAMMA: u64 = 0x9e3779b97f4a7c15;
function mix(x: u64): u64 {
  let z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}
