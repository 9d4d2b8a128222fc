// Deterministic random numbers, identical on every runtime: xoshiro256** seeded through
// splitmix64, uniforms from its top 53 bits, normals by Marsaglia's polar method with the
// core's own log (host Math never decides a result).

import { logScalar } from "./vmath";

@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

export class Rng {
  s0: u64;
  s1: u64;
  s2: u64;
  s3: u64;
  spare: f64 = NaN; // the polar method's second normal

  /** Stream `stream` of seed `seed`: different streams are independent sequences. */
  constructor(seed: u64, stream: u64) {
    const state = seed ^ (stream * 0xd1b54a32d192ed03);
    this.s0 = mix(state + GAMMA);
    this.s1 = mix(state + 2 * GAMMA);
    this.s2 = mix(state + 3 * GAMMA);
    this.s3 = mix(state + 4 * GAMMA);
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
    return (<f64>(this.next() >> 11) + 0.5) * 1.1102230246251565e-16; // 2^-53
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

// splitmix64: its state advances by GAMMA; each state is mixed into an output
const GAMMA: u64 = 0x9e3779b97f4a7c15;
function mix(x: u64): u64 {
  let z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}
