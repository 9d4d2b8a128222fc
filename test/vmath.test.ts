// The core's own exp, log, erfc, Φ and φ (assembly/vmath.ts): they decide every result, on
// every runtime, so they are checked against the host's Math and against 40-digit references.
import { ownCore } from "./core.ts";
import refs from "./fixtures/vmath_mpmath.json" with { type: "json" };
import { assert, equal, rng, test } from "./harness.ts";

const OPS = { exp: 0, log: 1, erfc: 2, normCdf: 3, normPdf: 4 } as const;

async function apply(op: keyof typeof OPS, xs: Float64Array): Promise<Float64Array> {
  const core = await ownCore();
  const src = core.scratch(xs.length * 16);
  core.f64.set(xs, src / 8);
  core.exports.vmathColumn(OPS[op], src, xs.length, src + xs.length * 8);
  return core.f64.slice(src / 8 + xs.length, src / 8 + 2 * xs.length);
}

/** The spacing of doubles at |x| (the subnormal spacing below the normal range). */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return Number.NaN;
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, a);
  v.setBigUint64(0, v.getBigUint64(0) + 1n);
  return v.getFloat64(0) - a;
}

/** Worst |got − want| in ulps of want, over pairs. */
function worstUlps(xs: ArrayLike<number>, got: Float64Array, want: ArrayLike<number>): { ulps: number; at: number } {
  let ulps = 0;
  let at = Number.NaN;
  for (let i = 0; i < got.length; i++) {
    const e = Math.abs(got[i] - want[i]) / ulp(want[i]);
    if (!(e <= ulps)) {
      ulps = e;
      at = xs[i];
    }
  }
  return { ulps, at };
}

function sample(n: number, seed: number, f: (u: number) => number): Float64Array {
  const next = rng(seed);
  return Float64Array.from({ length: n }, () => f(next()));
}

test("vmath: exp is within 1 ulp of Math.exp from underflow to overflow, subnormals included", async () => {
  const xs = sample(200_000, 1, (u) => -745.1 + 1454.8 * u);
  const near0 = sample(20_000, 2, (u) => (u - 0.5) * 1e-3);
  for (const set of [xs, near0]) {
    const { ulps, at } = worstUlps(set, await apply("exp", set), set.map(Math.exp));
    assert(ulps <= 1, `exp: ${ulps.toFixed(2)} ulp at ${at}`);
  }
});

test("vmath: exp's special values", async () => {
  const xs = Float64Array.of(
    0,
    -0,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    709.78,
    709.8,
    -745.2,
    -746,
    1e300,
  );
  const got = Array.from(await apply("exp", xs));
  equal(got.slice(0, 4).join(), "1,1,0,Infinity", "exp(0), exp(-0), exp(-∞), exp(∞)");
  assert(Number.isNaN(got[4]), "exp(NaN)");
  assert(got[5] > 1.7e308 && got[5] < Number.POSITIVE_INFINITY, "exp(709.78) is finite");
  equal(got[6], Number.POSITIVE_INFINITY, "exp(709.8)");
  equal(got.slice(7).join(), "0,0,Infinity", "exp below underflow and far above overflow");
});

test("vmath: log is within 1 ulp of Math.log over every binade, near 1 and for subnormals", async () => {
  const xs = sample(200_000, 3, (u) => 2 ** (-1074 + 2098 * u));
  const near1 = sample(20_000, 4, (u) => 1 + (u - 0.5) * 1e-6);
  for (const set of [xs, near1]) {
    const { ulps, at } = worstUlps(set, await apply("log", set), set.map(Math.log));
    assert(ulps <= 1, `log: ${ulps.toFixed(2)} ulp at ${at}`);
  }
  const got = Array.from(await apply("log", Float64Array.of(1, 0, -1, Number.POSITIVE_INFINITY, Number.NaN, 5e-324)));
  equal(got.slice(0, 2).join(), "0,-Infinity", "log(1), log(0)");
  assert(Number.isNaN(got[2]) && Number.isNaN(got[4]), "log(-1), log(NaN)");
  equal(got[3], Number.POSITIVE_INFINITY, "log(∞)");
  assert(Math.abs(got[5] - Math.log(5e-324)) < 1e-12, "log of the smallest subnormal");
});

function checkAgainst(name: "erfc" | "normCdf" | "normPdf", pairs: number[][], got: Float64Array, maxUlps: number) {
  let worst = 0;
  let at = Number.NaN;
  for (let i = 0; i < pairs.length; i++) {
    const want = pairs[i][1];
    // relative in the normal range; below it, in units of the smallest normal's ulp
    const err = Math.abs(got[i] - want) / Math.max(ulp(want), ulp(2.2250738585072014e-308));
    if (!(err <= worst)) {
      worst = err;
      at = pairs[i][0];
    }
  }
  assert(worst <= maxUlps, `${name}: ${worst.toFixed(2)} ulp at ${at}`);
}

test("vmath: erfc, Φ and φ match 40-digit mpmath within 6 ulp, down to 1e-300 and below", async () => {
  for (const name of ["erfc", "normCdf", "normPdf"] as const) {
    const pairs = refs[name];
    const got = await apply(
      name,
      Float64Array.from(pairs, (p) => p[0]),
    );
    checkAgainst(name, pairs, got, name === "normPdf" ? 2 : 6);
  }
});

test("vmath: erfc's special values, and a lane's result does not depend on its neighbour", async () => {
  const got = Array.from(
    await apply("erfc", Float64Array.of(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 30, -30)),
  );
  equal(got.slice(0, 3).join(), "1,0,2", "erfc(0), erfc(∞), erfc(-∞)");
  assert(Number.isNaN(got[3]), "erfc(NaN)");
  equal(got.slice(4).join(), "0,2", "erfc(±30)");
  // the same values, paired differently (shifted by one), give the same bits
  const xs = sample(1001, 5, (u) => 60 * u - 20);
  const a = await apply("normCdf", xs);
  const b = await apply("normCdf", xs.subarray(1));
  for (let i = 1; i < xs.length; i++) equal(b[i - 1], a[i], `Φ(${xs[i]}) alone vs paired`);
});
