// A native build of the core's kernel, as a speed baseline for benchmarks/greeks.js.
//
// Same algorithm as assembly/greeks.ts and assembly/normal.ts: the same formulas, branches
// and order of operations, scalar, with glibc's exp/log/sqrt. Keep it in step with them:
// greeks.js checks that this program's outputs agree with the wasm core's.
//
//   bsm bench [n]   time price + 8 Greeks for n (default 1,000,000) generated options, print JSON
//   bsm eval        read "S K T vol r q call" lines on stdin, print the 9 outputs per line
//
// Built by greeks.js: gcc -O3 -march=native -o build/bench/bsm benchmarks/native/bsm.c -lm

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OUTPUTS = 9 }; // price delta gamma vega theta rho vanna volga charm
static const char *NAMES[OUTPUTS] = {"price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"};

// ---- normal.ts ----------------------------------------------------------------------------

static const double INV_SQRT_2PI = 0.398942280401432677939946059934381868; // 1/√(2π)
static const double SQRT_PI_2 = 1.25331413731550025120788264240552263;     // √(π/2)
static const double SQRT1_2 = 0.707106781186547524400844362104849039;      // 1/√2

// fdlibm s_erf.c coefficients, as in normal.ts
static const double PP0 = 1.28379167095512558561e-1, PP1 = -3.25042107247001499370e-1,
                    PP2 = -2.84817495755985104766e-2, PP3 = -5.77027029648944159157e-3,
                    PP4 = -2.37630166566501626084e-5;
static const double QQ1 = 3.97917223959155352819e-1, QQ2 = 6.50222499887672944485e-2,
                    QQ3 = 5.08130628187576562776e-3, QQ4 = 1.32494738004321644526e-4,
                    QQ5 = -3.96022827877536812320e-6;
static const double ERX = 8.45062911510467529297e-1;
static const double PA0 = -2.36211856075265944077e-3, PA1 = 4.14856118683748331666e-1,
                    PA2 = -3.72207876035701323847e-1, PA3 = 3.18346619901161753674e-1,
                    PA4 = -1.10894694282396677476e-1, PA5 = 3.54783043256182359371e-2,
                    PA6 = -2.16637559486879084300e-3;
static const double QA1 = 1.06420880400844228286e-1, QA2 = 5.40397917702171048937e-1,
                    QA3 = 7.18286544141962662868e-2, QA4 = 1.26171219808761642112e-1,
                    QA5 = 1.36370839120290507362e-2, QA6 = 1.19844998467991074170e-2;
static const double RA0 = -9.86494403484714822705e-3, RA1 = -6.93858572707181764372e-1,
                    RA2 = -1.05586262253232909814e1, RA3 = -6.23753324503260060396e1,
                    RA4 = -1.62396669462573470355e2, RA5 = -1.84605092906711035994e2,
                    RA6 = -8.12874355063065934246e1, RA7 = -9.81432934416914548592;
static const double SA1 = 1.96512716674392571292e1, SA2 = 1.37657754143519042600e2,
                    SA3 = 4.34565877475229228821e2, SA4 = 6.45387271733267880336e2,
                    SA5 = 4.29008140027567833386e2, SA6 = 1.08635005541779435134e2,
                    SA7 = 6.57024977031928170135, SA8 = -6.04244152148580987438e-2;
static const double RB0 = -9.86494292470009928597e-3, RB1 = -7.99283237680523006574e-1,
                    RB2 = -1.77579549177547519889e1, RB3 = -1.60636384855821916062e2,
                    RB4 = -6.37566443368389627722e2, RB5 = -1.02509513161107724954e3,
                    RB6 = -4.83519191608651397019e2;
static const double SB1 = 3.03380607434824582924e1, SB2 = 3.25792512996573918826e2,
                    SB3 = 1.53672958608443695994e3, SB4 = 3.19985821950859553908e3,
                    SB5 = 2.55305040643316442583e3, SB6 = 4.74528541206955367215e2,
                    SB7 = -2.24409524465858183362e1;

// φ(x), with x split into a 26-bit head (exact square) and a rest applied by Taylor series.
static inline double norm_pdf(double x) {
  double a = fabs(x);
  if (a >= 40.0) return 0;
  uint64_t bits;
  memcpy(&bits, &a, sizeof bits);
  bits &= 0xfffffffff8000000ull;
  double h;
  memcpy(&h, &bits, sizeof h);
  double lo = -0.5 * (a - h) * (a + h);
  double tail = 1.0 + lo * (1.0 + lo * (0.5 + lo * (1.0 / 6.0)));
  return INV_SQRT_2PI * exp(-0.5 * h * h) * tail;
}

// erfc(z) for |z| < 1.25
static inline double erfc_near(double z) {
  double a = fabs(z);
  if (a < 0.84375) {
    double zz = z * z;
    double p = PP0 + zz * (PP1 + zz * (PP2 + zz * (PP3 + zz * PP4)));
    double q = 1.0 + zz * (QQ1 + zz * (QQ2 + zz * (QQ3 + zz * (QQ4 + zz * QQ5))));
    double y = p / q;
    if (z < 0.25) return 1.0 - (z + z * y);
    return 0.5 - (z * y + (z - 0.5));
  }
  double s = a - 1.0;
  double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return z > 0 ? 1.0 - ERX - p / q : 1.0 + (ERX + p / q);
}

// erfcx(z) = e^{z²} erfc(z) for z >= 1.25
static inline double erfcx_far(double z) {
  double s = 1.0 / (z * z);
  double r, q;
  if (z < 1.0 / 0.35) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  return exp(r / q - 0.5625) / z;
}

static inline double erfcx(double z) {
  if (z < 1.25) return exp(z * z) * erfc_near(z);
  return erfcx_far(z);
}

static inline double norm_cdf_with_pdf(double x, double pdf) {
  double z = -x * SQRT1_2;
  if (fabs(z) < 1.25) return 0.5 * erfc_near(z);
  double t = SQRT_PI_2 * pdf * erfcx_far(fabs(z));
  return x < 0 ? t : 1.0 - t;
}

// ---- greeks.ts ----------------------------------------------------------------------------

static const double TINY = 1e-100;

static inline void put9(double *o, size_t col, double price, double delta, double gamma, double vega, double theta,
                        double rho, double vanna, double volga, double charm) {
  o[0] = price;
  o[col] = delta;
  o[2 * col] = gamma;
  o[3 * col] = vega;
  o[4 * col] = theta;
  o[5 * col] = rho;
  o[6 * col] = vanna;
  o[7 * col] = volga;
  o[8 * col] = charm;
}

// the σ√T = 0 (or strike 0, or spot 0) limit
static inline void deterministic(double S, double K, double T, double r, double q, int is_call, double dq, double dr,
                                 double Sq, double Kr, double *o, size_t col) {
  (void)S;
  double w = is_call ? 1.0 : -1.0;
  double fwd = w * (Sq - Kr);
  double m = fwd > 0 ? 1.0 : fwd < 0 ? 0.0 : 0.5;
  double second = m == 0.5 ? NAN : 0.0;
  put9(o, col, fwd > 0 ? fwd : 0.0, m * w * dq, second, second, m * w * (q * Sq - r * Kr), m * w * K * T * dr, second,
       second, m * w * q * dq);
}

static inline void bsm_one(double S, double K, double T, double v, double r, double q, int is_call, double *o,
                           size_t col) {
  double sqrtT = sqrt(T);
  double sd = v * sqrtT;
  double dq = exp(-q * T);
  double dr = exp(-r * T);
  double Sq = S * dq;
  double Kr = K * dr;
  if (!(sd > TINY && K > TINY && S > TINY)) {
    deterministic(S, K, T, r, q, is_call, dq, dr, Sq, Kr, o, col);
    return;
  }
  double x = log(S / K);
  if (!isfinite(x)) x = log(S) - log(K);
  double b = r - q;
  double d1 = (x + b * T) / sd + 0.5 * sd;
  double d2 = d1 - sd;
  double pdf = norm_pdf(d1);
  double pdf2 = norm_pdf(d2);
  double w = is_call ? 1.0 : -1.0;
  double n1 = norm_cdf_with_pdf(w * d1, pdf);
  double n2 = norm_cdf_with_pdf(w * d2, pdf2);
  double price = w * d2 < 0 && w * d1 < 0
                     ? w * SQRT_PI_2 * Sq * pdf * (erfcx(-w * d1 * SQRT1_2) - erfcx(-w * d2 * SQRT1_2))
                     : w * (Sq * n1 - Kr * n2);
  double delta = w * dq * n1;
  double dqPdf = dq * pdf;
  double gamma = dqPdf / (S * sd);
  double vega = Sq * pdf * sqrtT;
  double theta = (-Sq * pdf * v) / (2.0 * sqrtT) + w * (q * Sq * n1 - r * Kr * n2);
  double rho = w * K * T * dr * n2;
  double d2v = d2 / v;
  double vanna = -dqPdf * d2v;
  double volga = vega * d1 * d2v;
  double charm = w * q * dq * n1 - (dqPdf * b) / sd + (dqPdf * d2) / (2.0 * T);
  put9(o, col, price, delta, gamma, vega, theta, rho, vanna, volga, charm);
}

// Like the core's bsm(): spot, rate and dividend are scalars here, as the benchmark passes them.
static void bsm(size_t n, double S, const double *K, const double *T, const double *v, double r, double q,
                const unsigned char *call, double *out) {
  for (size_t i = 0; i < n; i++) bsm_one(S, K[i], T[i], v[i], r, q, call[i] != 0, out + i, n);
}

// ---- driver -------------------------------------------------------------------------------

// mulberry32, as in greeks.js (uint32 arithmetic wraps like Math.imul and ToInt32)
static uint32_t rng_state;
static double rng(void) {
  uint32_t t = rng_state += 0x6d2b79f5u;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return (double)(t ^ (t >> 14)) / 4294967296.0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *must(void *p) {
  if (!p) {
    fputs("out of memory\n", stderr);
    exit(1);
  }
  return p;
}

static int bench(size_t n) {
  const double spot = 100, rate = 0.03, dividend = 0.01;
  double *K = must(malloc(n * sizeof *K)), *T = must(malloc(n * sizeof *T)), *v = must(malloc(n * sizeof *v));
  unsigned char *call = must(malloc(n));
  double *out = must(malloc(OUTPUTS * n * sizeof *out));
  rng_state = 42;
  for (size_t i = 0; i < n; i++) { // one draw per field, in this order
    K[i] = 100 * (0.5 + 1.5 * rng());
    T[i] = 1.0 / 365 + 2 * rng();
    v[i] = 0.05 + 1.5 * rng();
    call[i] = rng() < 0.5;
  }
  bsm(n, spot, K, T, v, rate, dividend, call, out); // warm-up: page in, settle the clock
  double best = INFINITY;
  for (int run = 0; run < 5; run++) {
    double t0 = now();
    bsm(n, spot, K, T, v, rate, dividend, call, out);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  printf("{\"n\":%zu,\"runs\":5,\"seconds\":%.9g,\"nsPerOption\":%.6g,\"optionsPerSecond\":%.6g,\"checksum\":{", n, best,
         best / n * 1e9, n / best);
  for (int k = 0; k < OUTPUTS; k++) { // column sums over all n options
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += out[k * n + i];
    printf("%s\"%s\":%.17g", k ? "," : "", NAMES[k], sum);
  }
  size_t first = n < 1000 ? n : 1000;
  printf("},\"first\":{");
  for (int k = 0; k < OUTPUTS; k++) {
    printf("%s\"%s\":[", k ? "," : "", NAMES[k]);
    for (size_t i = 0; i < first; i++) printf("%s%.17g", i ? "," : "", out[k * n + i]);
    printf("]");
  }
  printf("}}\n");
  free(K), free(T), free(v), free(call), free(out);
  return 0;
}

static int eval(void) {
  double S, K, T, v, r, q, o[OUTPUTS];
  int c;
  while (scanf("%lf %lf %lf %lf %lf %lf %d", &S, &K, &T, &v, &r, &q, &c) == 7) {
    bsm_one(S, K, T, v, r, q, c, o, 1);
    for (int k = 0; k < OUTPUTS; k++) printf("%.17g%c", o[k], k + 1 < OUTPUTS ? ' ' : '\n');
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "bench") == 0) return bench(argc >= 3 ? strtoul(argv[2], NULL, 10) : 1000000);
  if (argc >= 2 && strcmp(argv[1], "eval") == 0) return eval();
  fputs("usage: bsm bench [n] | bsm eval < cases\n", stderr);
  return 2;
}
