// The standard normal density and distribution to full double precision.
//
// Φ uses the rational approximations of erf/erfc from Sun's fdlibm (s_erf.c, 1993),
// whose coefficients are below; the tails are rewritten around the density so that
// exp(-x²/2) is evaluated from x itself (not from x/√2, whose rounding would cost
// ~x² ulp) — the relative error stays within a few ulp down to Φ ≈ 1e-300.

const INV_SQRT_2PI: f64 = 0.398942280401432677939946059934381868; // 1/√(2π)
export const SQRT_PI_2: f64 = 1.25331413731550025120788264240552263; // √(π/2)
export const SQRT1_2: f64 = 0.707106781186547524400844362104849039; // 1/√2

// erf on [0, 0.84375]: erf(z) = z + z·P(z²)/Q(z²)
const PP0: f64 = 1.28379167095512558561e-1;
const PP1: f64 = -3.25042107247001499370e-1;
const PP2: f64 = -2.84817495755985104766e-2;
const PP3: f64 = -5.77027029648944159157e-3;
const PP4: f64 = -2.37630166566501626084e-5;
const QQ1: f64 = 3.97917223959155352819e-1;
const QQ2: f64 = 6.50222499887672944485e-2;
const QQ3: f64 = 5.08130628187576562776e-3;
const QQ4: f64 = 1.32494738004321644526e-4;
const QQ5: f64 = -3.96022827877536812320e-6;
// erf on [0.84375, 1.25]: erf(1 + s) = ERX + P(s)/Q(s)
const ERX: f64 = 8.45062911510467529297e-1;
const PA0: f64 = -2.36211856075265944077e-3;
const PA1: f64 = 4.14856118683748331666e-1;
const PA2: f64 = -3.72207876035701323847e-1;
const PA3: f64 = 3.18346619901161753674e-1;
const PA4: f64 = -1.10894694282396677476e-1;
const PA5: f64 = 3.54783043256182359371e-2;
const PA6: f64 = -2.16637559486879084300e-3;
const QA1: f64 = 1.06420880400844228286e-1;
const QA2: f64 = 5.40397917702171048937e-1;
const QA3: f64 = 7.18286544141962662868e-2;
const QA4: f64 = 1.26171219808761642112e-1;
const QA5: f64 = 1.36370839120290507362e-2;
const QA6: f64 = 1.19844998467991074170e-2;
// erfc on [1.25, 1/0.35]: erfc(z) = exp(-z² - 0.5625 + R(1/z²)/S(1/z²)) / z
const RA0: f64 = -9.86494403484714822705e-3;
const RA1: f64 = -6.93858572707181764372e-1;
const RA2: f64 = -1.05586262253232909814e1;
const RA3: f64 = -6.23753324503260060396e1;
const RA4: f64 = -1.62396669462573470355e2;
const RA5: f64 = -1.84605092906711035994e2;
const RA6: f64 = -8.12874355063065934246e1;
const RA7: f64 = -9.81432934416914548592;
const SA1: f64 = 1.96512716674392571292e1;
const SA2: f64 = 1.37657754143519042600e2;
const SA3: f64 = 4.34565877475229228821e2;
const SA4: f64 = 6.45387271733267880336e2;
const SA5: f64 = 4.29008140027567833386e2;
const SA6: f64 = 1.08635005541779435134e2;
const SA7: f64 = 6.57024977031928170135;
const SA8: f64 = -6.04244152148580987438e-2;
// erfc on [1/0.35, ∞): same form
const RB0: f64 = -9.86494292470009928597e-3;
const RB1: f64 = -7.99283237680523006574e-1;
const RB2: f64 = -1.77579549177547519889e1;
const RB3: f64 = -1.60636384855821916062e2;
const RB4: f64 = -6.37566443368389627722e2;
const RB5: f64 = -1.02509513161107724954e3;
const RB6: f64 = -4.83519191608651397019e2;
const SB1: f64 = 3.03380607434824582924e1;
const SB2: f64 = 3.25792512996573918826e2;
const SB3: f64 = 1.53672958608443695994e3;
const SB4: f64 = 3.19985821950859553908e3;
const SB5: f64 = 2.55305040643316442583e3;
const SB6: f64 = 4.74528541206955367215e2;
const SB7: f64 = -2.24409524465858183362e1;

/** φ(x) = exp(-x²/2)/√(2π). x = h + l with h of 26 bits, so h² is exact and the
 *  small rest of the exponent is applied by its Taylor series. */
export function normPdf(x: f64): f64 {
  const a = abs(x);
  if (a >= 40.0) return 0; // exp(-800) underflows; also keeps ±∞ from reaching ∞ - ∞ below
  const h = reinterpret<f64>(reinterpret<u64>(a) & 0xffff_ffff_f800_0000);
  const lo = -0.5 * (a - h) * (a + h);
  // l < 2^-25·a, so |lo| < a²·3e-8 < 5e-5 here: the series' remainder is < 1e-18.
  const tail = 1.0 + lo * (1.0 + lo * (0.5 + lo * (1.0 / 6.0)));
  return INV_SQRT_2PI * Math.exp(-0.5 * h * h) * tail;
}

/** erfc(z) for |z| < 1.25 (fdlibm's first two intervals; no exponential needed). */
@inline
function erfcNear(z: f64): f64 {
  const a = abs(z);
  if (a < 0.84375) {
    const zz = z * z;
    const p = PP0 + zz * (PP1 + zz * (PP2 + zz * (PP3 + zz * PP4)));
    const q = 1.0 + zz * (QQ1 + zz * (QQ2 + zz * (QQ3 + zz * (QQ4 + zz * QQ5))));
    const y = p / q;
    if (z < 0.25) return 1.0 - (z + z * y);
    return 0.5 - (z * y + (z - 0.5));
  }
  const s = a - 1.0;
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return z > 0 ? 1.0 - ERX - p / q : 1.0 + (ERX + p / q);
}

/** erfcx(z) = e^{z²} erfc(z) for z ≥ 1.25: e^{R/S - 0.5625} / z. */
@inline
function erfcxFar(z: f64): f64 {
  const s = 1.0 / (z * z);
  let r: f64, q: f64;
  if (z < 1.0 / 0.35) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  return Math.exp(r / q - 0.5625) / z;
}

/** The scaled complementary error function e^{z²} erfc(z), for z ≥ 0. */
export function erfcx(z: f64): f64 {
  if (z < 1.25) return Math.exp(z * z) * erfcNear(z);
  return erfcxFar(z);
}

/** Φ(x) given φ(x) (callers usually have it already). */
export function normCdfWithPdf(x: f64, pdf: f64): f64 {
  // Φ(x) = erfc(-x/√2)/2
  const z = -x * SQRT1_2;
  if (abs(z) < 1.25) return 0.5 * erfcNear(z);
  // tails from the density: Φ(-|x|) = e^{-x²/2} erfcx(|x|/√2)/2 = √(π/2) φ(x) erfcx(|x|/√2)
  const t = SQRT_PI_2 * pdf * erfcxFar(abs(z));
  return x < 0 ? t : 1.0 - t;
}

export function normCdf(x: f64): f64 {
  return normCdfWithPdf(x, normPdf(x));
}
