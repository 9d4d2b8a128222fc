// Vectorized (f64x2) exp, log, erfc and the normal density and distribution.
//
// Every function works lane by lane: a lane's result never depends on the other lane, so a
// value is the same bits whether it was computed beside another or alone (the remainder of a
// column is run with its lane duplicated). Branches only skip work no lane needs, and a fast
// path gives the same bits as the general one wherever both apply.
//
// exp and log follow the reductions of Sun's fdlibm (e_exp.c, e_log.c, 1993) with its
// coefficients; Φ and erfc come from one polynomial for the Mills ratio, fitted for this
// module (scripts/fit_mills.py). Accuracy: exp and log within 1 ulp, Φ and erfc within a few
// ulp down to 1e-300 (test/vmath.test.ts).
//
// Constants are read from tables in linear memory, each value twice (one per lane): V8
// rebuilds a v128 constant from an immediate in three instructions at every use, while a
// load from a constant address is one.

// ---- lane helpers ----------------------------------------------------------------------

/** Entry i of a constant table. */
@inline function k(table: usize, i: i32): v128 {
  return v128.load(table + ((<usize>i) << 4));
}

/** mask ? a : b, lane by lane (mask lanes all ones or all zeros). */
@inline export function sel(mask: v128, a: v128, b: v128): v128 {
  return v128.bitselect(a, b, mask);
}

// 2^52 + 2^51: adding it to an integer-valued double puts the integer in the low mantissa bits.
const MAGIC: f64 = 6755399441055744.0;
const MAGIC_BITS: i64 = 0x4338000000000000;

// ---- exp --------------------------------------------------------------------------------

const LN2HI: f64 = 6.9314718036912381649e-1; // low 32 bits zero: k·LN2HI is exact
const LN2LO: f64 = 1.90821492927058770002e-10;
const INVLN2: f64 = 1.442695040888963387;
const P1: f64 = 1.66666666666666019037e-1;
const P2: f64 = -2.77777777770155933842e-3;
const P3: f64 = 6.61375632143793436117e-5;
const P4: f64 = -1.6533902205465251539e-6;
const P5: f64 = 4.13813679705723846039e-8;

// prettier-ignore
const EXP = memory.data<f64>([
  -746.0,
  -746.0, //  0 below: 0
  710.0,
  710.0, //    1 above: ∞
  INVLN2,
  INVLN2, //  2
  LN2HI,
  LN2HI, //    3
  LN2LO,
  LN2LO, //    4
  P1,
  P1,
  P2,
  P2,
  P3,
  P3,
  P4,
  P4,
  P5,
  P5, // 5-9
  1.0,
  1.0, //        10
  2.0,
  2.0, //        11
  MAGIC + 1023.0,
  MAGIC + 1023.0, // 12 biased exponent into the low bits
  0.5,
  0.5, //        13
  -708.0,
  -708.0, //  14 from here to 15 one scale 2^k is a normal number
  709.0,
  709.0, //    15
]);

/** e^x. x = k·ln2 + r, |r| ≤ ln2/2; e^r by fdlibm's rational form; then times 2^k, in two
 *  halves where the result is subnormal or 2^k alone would overflow. */
export function vexp(x: v128): v128 {
  // pmax/pmin keep a NaN (it is their first operand)
  const xc = f64x2.pmin(f64x2.pmax(x, k(EXP, 0)), k(EXP, 1));
  const kf = f64x2.nearest(f64x2.mul(xc, k(EXP, 2)));
  const hi = f64x2.sub(xc, f64x2.mul(kf, k(EXP, 3)));
  const lo = f64x2.mul(kf, k(EXP, 4));
  const r = f64x2.sub(hi, lo);
  const rr = f64x2.mul(r, r);
  let p = f64x2.add(k(EXP, 8), f64x2.mul(rr, k(EXP, 9)));
  p = f64x2.add(k(EXP, 7), f64x2.mul(rr, p));
  p = f64x2.add(k(EXP, 6), f64x2.mul(rr, p));
  p = f64x2.add(k(EXP, 5), f64x2.mul(rr, p));
  const cc = f64x2.sub(r, f64x2.mul(rr, p));
  const y = f64x2.sub(k(EXP, 10), f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, cc), f64x2.sub(k(EXP, 11), cc))), hi));
  if (i64x2.all_true(v128.and(f64x2.ge(x, k(EXP, 14)), f64x2.le(x, k(EXP, 15))))) {
    return f64x2.mul(y, scale(kf));
  }
  const k1 = f64x2.floor(f64x2.mul(kf, k(EXP, 13)));
  return f64x2.mul(f64x2.mul(y, scale(k1)), scale(f64x2.sub(kf, k1)));
}

/** 2^k for integer-valued lanes k in [-1022, 1023]. */
@inline function scale(kf: v128): v128 {
  return i64x2.shl(i64x2.sub(f64x2.add(kf, k(EXP, 12)), i64x2.splat(MAGIC_BITS)), 52);
}

// ---- log --------------------------------------------------------------------------------

const LG1: f64 = 6.66666666666673513e-1;
const LG2: f64 = 3.999999999940941908e-1;
const LG3: f64 = 2.857142874366239149e-1;
const LG4: f64 = 2.222219843214978396e-1;
const LG5: f64 = 1.818357216161805012e-1;
const LG6: f64 = 1.531383769920937332e-1;
const LG7: f64 = 1.479819860511658591e-1;
const SQRT2: f64 = 1.4142135623730950488;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;

// prettier-ignore
const LOG = memory.data<f64>([
  MIN_NORMAL,
  MIN_NORMAL, // 0
  Infinity,
  Infinity, //     1
  SQRT2,
  SQRT2, //           2
  0.5,
  0.5, //               3
  1.0,
  1.0, //               4
  2.0,
  2.0, //               5
  LG1,
  LG1,
  LG2,
  LG2,
  LG3,
  LG3,
  LG4,
  LG4,
  LG5,
  LG5,
  LG6,
  LG6,
  LG7,
  LG7, // 6-12
  LN2HI,
  LN2HI, //           13
  LN2LO,
  LN2LO, //           14
  MAGIC,
  MAGIC, //           15
  18014398509481984.0,
  18014398509481984.0, // 16: 2^54
  -Infinity,
  -Infinity, //   17
  NaN,
  NaN, //               18
  0.0,
  0.0, //               19
]);

/** ln x. x = 2^k·m with √2/2 ≤ m < √2; ln m = 2s + s·R(s²) with s = (m-1)/(m+1). */
export function vlog(x: v128): v128 {
  // the fast path takes positive normal finite lanes; the general one gives them the same bits
  if (i64x2.all_true(v128.and(f64x2.ge(x, k(LOG, 0)), f64x2.lt(x, k(LOG, 1))))) return logNormal(x, i64x2.splat(0));
  const sub = f64x2.lt(x, k(LOG, 0));
  const xs = sel(sub, f64x2.mul(x, k(LOG, 16)), x);
  let res = logNormal(xs, v128.and(sub, i64x2.splat(54)));
  res = sel(f64x2.eq(x, k(LOG, 19)), k(LOG, 17), res);
  res = sel(f64x2.lt(x, k(LOG, 19)), k(LOG, 18), res);
  res = sel(f64x2.eq(x, k(LOG, 1)), x, res);
  return sel(f64x2.ne(x, x), x, res);
}

/** ln x for positive normal x, less `shift`·ln2 (x was scaled by 2^shift). */
@inline function logNormal(x: v128, shift: v128): v128 {
  let e = i64x2.sub(i64x2.shr_u(x, 52), i64x2.add(i64x2.splat(1023), shift));
  let m = v128.or(v128.and(x, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  const big = f64x2.gt(m, k(LOG, 2));
  m = sel(big, f64x2.mul(m, k(LOG, 3)), m);
  e = i64x2.sub(e, big); // a true mask is -1
  const f = f64x2.sub(m, k(LOG, 4));
  const s = f64x2.div(f, f64x2.add(k(LOG, 5), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(k(LOG, 7), f64x2.mul(w, f64x2.add(k(LOG, 9), f64x2.mul(w, k(LOG, 11))))));
  const t2 = f64x2.mul(
    z,
    f64x2.add(
      k(LOG, 6),
      f64x2.mul(w, f64x2.add(k(LOG, 8), f64x2.mul(w, f64x2.add(k(LOG, 10), f64x2.mul(w, k(LOG, 12)))))),
    ),
  );
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(k(LOG, 3), f64x2.mul(f, f));
  const kf = f64x2.sub(i64x2.add(e, i64x2.splat(MAGIC_BITS)), k(LOG, 15));
  return f64x2.sub(
    f64x2.mul(kf, k(LOG, 13)),
    f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(kf, k(LOG, 14)))), f),
  );
}

// ---- the normal distribution and erfc ---------------------------------------------------

export const INV_SQRT_2PI: f64 = 0.398942280401432677939946059934381868; // 1/√(2π)
const SQRT2_PI: f64 = 0.797884560802865355879892119868763737; // √(2/π)

// The Mills ratio M(a) = (1 - Φ(a))/φ(a), a ≥ 0, carries both tails: Φ(-a) = φ(a)·M(a).
// With t = (a - 5)/(a + 5), (1 + a)·M(a) is one smooth function of t on [-1, 1): a single
// polynomial of degree 23 fits it (scripts/fit_mills.py; under 3 ulp), so every lane runs the
// same code whatever its a — no intervals, no per-lane coefficients.
// prettier-ignore
const MILLS = memory.data<f64>([
  -9.99802240829343e-10, -9.99802240829343e-10, -7.077031841982677e-10, -7.077031841982677e-10, 1.1281645525139734e-8,
  1.1281645525139734e-8, 9.094218432472913e-9, 9.094218432472913e-9, -7.821049220473805e-8, -7.821049220473805e-8,
  -6.589393318333421e-8, -6.589393318333421e-8, 4.92889412763629e-7, 4.92889412763629e-7, 3.2054886338682205e-7,
  3.2054886338682205e-7, -3.2780889332747656e-6, -3.2780889332747656e-6, -1.7633721137504215e-7, -1.7633721137504215e-7,
  2.2710081536644496e-5, 2.2710081536644496e-5, -2.4805835828998953e-5, -2.4805835828998953e-5, -0.00013437445842160464,
  -0.00013437445842160464, 0.00045704392266072, 0.00045704392266072, 1.9530682704042314e-5, 1.9530682704042314e-5,
  -0.0042012903289861386, -0.0042012903289861386, 0.016348231274349995, 0.016348231274349995, -0.03802659218586716,
  -0.03802659218586716, 0.06150504584074597, 0.06150504584074597, -0.06617760077909461, -0.06617760077909461,
  0.02507217930161715, 0.02507217930161715, 0.07778159886873764, 0.07778159886873764, -0.2294875382521129,
  -0.2294875382521129, 1.1568486282918944, 1.1568486282918944,
]);

// prettier-ignore
const NORM = memory.data<f64>([
  5.0,
  5.0, //                   0 K of the mapping
  1.0,
  1.0, //                   1
  1e6,
  1e6, //                   2 a larger than this: M(a) = 1/a to double precision
  40.0,
  40.0, //                 3 e^{-x²/2} is 0 from here
  -0.5,
  -0.5, //                 4
  -1.0,
  -1.0, //                 5
  0.5,
  0.5, //                   6
  1.0 / 6.0,
  1.0 / 6.0, //       7
  0.0,
  0.0, //                   8
  INV_SQRT_2PI,
  INV_SQRT_2PI, // 9
  SQRT2_PI,
  SQRT2_PI, //         10
  1.4142135623730951,
  1.4142135623730951, // 11 √2
  2.0,
  2.0, //                   12
]);

/** The Mills ratio M(a) = (1 - Φ(a))/φ(a) for a ≥ 0. */
export function vmills(a: v128): v128 {
  const ac = f64x2.pmin(a, k(NORM, 2)); // keeps t finite at a = ∞
  const t = f64x2.div(f64x2.sub(ac, k(NORM, 0)), f64x2.add(ac, k(NORM, 0)));
  // two independent Horner chains on t² (odd and even coefficients): half the latency
  const u = f64x2.mul(t, t);
  let odd = k(MILLS, 0);
  let even = k(MILLS, 1);
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 2));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 3));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 4));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 5));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 6));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 7));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 8));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 9));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 10));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 11));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 12));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 13));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 14));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 15));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 16));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 17));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 18));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 19));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 20));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 21));
  odd = f64x2.add(f64x2.mul(odd, u), k(MILLS, 22));
  even = f64x2.add(f64x2.mul(even, u), k(MILLS, 23));
  const s = f64x2.add(even, f64x2.mul(t, odd));
  return f64x2.div(s, f64x2.add(k(NORM, 1), ac));
}

/** e^{-x²/2} (half) or e^{-x²}, with x = h + l, h of 26 bits so h² is exact and the small
 *  rest of the exponent applied by its Taylor series (|rest| < 5e-5 where nonzero). */
@inline function vexpNegSq(x: v128, half: bool): v128 {
  const a = f64x2.abs(x);
  const h = v128.and(a, i64x2.splat(0xfffffffff8000000));
  const w = half ? k(NORM, 4) : k(NORM, 5);
  const lo = f64x2.mul(w, f64x2.mul(f64x2.sub(a, h), f64x2.add(a, h)));
  const tail = f64x2.add(
    k(NORM, 1),
    f64x2.mul(lo, f64x2.add(k(NORM, 1), f64x2.mul(lo, f64x2.add(k(NORM, 6), f64x2.mul(lo, k(NORM, 7)))))),
  );
  const e = f64x2.mul(vexp(f64x2.mul(w, f64x2.mul(h, h))), tail);
  return sel(f64x2.ge(a, k(NORM, 3)), k(NORM, 8), e); // also keeps ±∞ from ∞ - ∞
}

/** φ(x) = e^{-x²/2}/√(2π). */
export function vnormPdf(x: v128): v128 {
  return f64x2.mul(k(NORM, 9), vexpNegSq(x, true));
}

/** Φ(u) given φ(u) and M(|u|): the lower tail is φ·M, the upper one 1 - φ·M. */
@inline export function normCdfFrom(u: v128, pdf: v128, mills: v128): v128 {
  const t = f64x2.mul(pdf, mills);
  return sel(f64x2.lt(u, k(NORM, 8)), t, f64x2.sub(k(NORM, 1), t));
}

/** Φ(u) given φ(u). */
export function vnormCdf(u: v128, pdf: v128): v128 {
  return normCdfFrom(u, pdf, vmills(f64x2.abs(u)));
}

/** erfc(x) = e^{-x²}·√(2/π)·M(√2|x|) for x ≥ 0, and 2 minus that below. */
export function verfc(x: v128): v128 {
  const ax = f64x2.abs(x);
  const t = f64x2.mul(f64x2.mul(vexpNegSq(ax, false), k(NORM, 10)), vmills(f64x2.mul(ax, k(NORM, 11))));
  return sel(f64x2.lt(x, k(NORM, 8)), f64x2.sub(k(NORM, 12), t), t);
}

// ---- columns (for tests and benchmarks of the functions themselves) -----------------------

export const VMATH_EXP: i32 = 0;
export const VMATH_LOG: i32 = 1;
export const VMATH_ERFC: i32 = 2;
export const VMATH_NORM_CDF: i32 = 3;
export const VMATH_NORM_PDF: i32 = 4;

/** dst[i] = f(src[i]) for the function `op` (VMATH_*), two lanes at a time. */
export function vmathColumn(op: i32, src: usize, n: i32, dst: usize): void {
  // one loop per function, each with its constant `op`: a loop has effects, so the optimizer
  // cannot run every function and pick one result afterwards (it does that to pure calls)
  if (op == VMATH_EXP) column(VMATH_EXP, src, n, dst);
  else if (op == VMATH_LOG) column(VMATH_LOG, src, n, dst);
  else if (op == VMATH_ERFC) column(VMATH_ERFC, src, n, dst);
  else if (op == VMATH_NORM_CDF) column(VMATH_NORM_CDF, src, n, dst);
  else column(VMATH_NORM_PDF, src, n, dst);
}

@inline function apply(op: i32, x: v128): v128 {
  if (op == VMATH_EXP) return vexp(x);
  if (op == VMATH_LOG) return vlog(x);
  if (op == VMATH_ERFC) return verfc(x);
  if (op == VMATH_NORM_CDF) return vnormCdf(x, vnormPdf(x));
  return vnormPdf(x);
}

@inline function column(op: i32, src: usize, n: i32, dst: usize): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const at = (<usize>i) << 3;
    v128.store(dst + at, apply(op, v128.load(src + at)));
  }
  if (i < n) {
    const at = (<usize>i) << 3;
    v128.store64_lane(dst + at, apply(op, v128.load64_splat(src + at)), 0);
  }
}

// ---- scalars -------------------------------------------------------------------------------

/** e^x for one value, by the same code as the lanes (AssemblyScript's Math is not used for results). */
export function expScalar(x: f64): f64 {
  return f64x2.extract_lane(vexp(f64x2.splat(x)), 0);
}

/** ln x for one value, by the same code as the lanes. */
export function logScalar(x: f64): f64 {
  return f64x2.extract_lane(vlog(f64x2.splat(x)), 0);
}
