// A native build of the core's Black-Scholes-Merton kernel, as a speed baseline for
// benchmarks/greeks.js.
//
// The formulas, edge branches and order of operations of assembly/greeks.ts, one option at a
// time, with glibc's exp, log and erfc: Φ(u) = erfc(-u/√2)/2. With -DMILLS_POLY, Φ comes from
// the core's Mills ratio instead, as in the wasm (common.h). greeks.js compares the outputs of
// both builds with the wasm core's.
//
//   bsm bench IN OUT S r q   IN: columns strike, time, vol, call (1 or 0) of n doubles each;
//                            times price + 8 Greeks (best of 5 after a warm-up), writes the 9
//                            output columns to OUT and prints JSON
//   bsm eval                 reads "S K T vol r q call" lines on stdin, prints the 9 outputs
//
// Built by greeks.js: gcc -O3 -march=native [-DMILLS_POLY] -o build/bench/bsm bsm.c -lm

#include "common.h"

enum { OUTPUTS = 9 }; // price delta gamma vega theta rho vanna volga charm

// Below this, σ√T, spot and strike count as zero (greeks.ts's TINY).
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

// The certain-forward limit (σ√T, strike or spot near 0): max(±(S e^{-qT} - K e^{-rT}), 0)
// and its derivatives; at the kink the mean of both sides, NaN for the second-order Greeks.
static void deterministic(double K, double T, double r, double q, double w, double dq, double dr, double Sq,
                          double Kr, double *o, size_t col) {
  double fwd = w * (Sq - Kr);
  double m = fwd > 0 ? 1.0 : fwd < 0 ? 0.0 : 0.5;
  double second = m == 0.5 ? NAN : 0.0;
  double mw = m * w;
  put9(o, col, fwd > 0 ? fwd : 0.0, mw * dq, second, second, mw * (q * Sq - r * Kr), mw * ((K * T) * dr), second,
       second, mw * (q * dq));
}

static inline void bsm_one(double S, double K, double T, double v, double r, double q, int is_call, double *o,
                           size_t col) {
  double w = is_call ? 1.0 : -1.0;
  double sqrtT = sqrt(T);
  double sd = v * sqrtT;
  // e^{-qT} and e^{-rT}; a zero rate is common (no dividend) and e^0 is exactly 1 either way
  double dq = q == 0 ? 1.0 : exp(-q * T);
  double dr = r == 0 ? 1.0 : exp(-r * T);
  double Sq = S * dq;
  double Kr = K * dr;
  if (!(sd > TINY && K > TINY && S > TINY)) {
    deterministic(K, T, r, q, w, dq, dr, Sq, Kr, o, col);
    return;
  }
  double b = r - q;
  double x = log(S / K);
  double d1 = (x + b * T) / sd + 0.5 * sd;
  double d2 = d1 - sd;
  double pdf = norm_pdf(d1);
  // φ(d2) = φ(d1)·S e^{-qT}/(K e^{-rT}); directly where φ(d1) has underflowed past it
  double pdf2 = pdf < 1e-290 ? norm_pdf(d2) : pdf * (Sq / Kr);
  double u1 = w * d1;
  double u2 = w * d2;
#ifdef MILLS_POLY
  double m1 = mills(fabs(u1));
  double m2 = mills(fabs(u2));
  double n1 = u1 < 0 ? pdf * m1 : 1.0 - pdf * m1;
  double n2 = u2 < 0 ? pdf2 * m2 : 1.0 - pdf2 * m2;
#else
  double n1 = 0.5 * erfc(-u1 * SQRT1_2);
  double n2 = 0.5 * erfc(-u2 * SQRT1_2);
#endif
  // Out of the money both terms sit in Φ's lower tail and nearly cancel; as
  // S e^{-qT} φ(d1) = K e^{-rT} φ(d2) their difference is one of two Mills ratios instead.
  double price;
  if (fmax(u1, u2) < 0) {
#ifndef MILLS_POLY
    // M(|u|) = Φ(u)/φ(u) for u < 0; 0 where φ is 0, as the core's product then is
    double m1 = pdf > 0 ? n1 / pdf : 0;
    double m2 = pdf2 > 0 ? n2 / pdf2 : 0;
#endif
    price = w * ((Sq * pdf) * (m1 - m2));
  } else {
    price = w * (Sq * n1 - Kr * n2);
  }
  double delta = w * (dq * n1);
  double dqPdf = dq * pdf;
  double gamma = dqPdf / (S * sd);
  double vega = (Sq * pdf) * sqrtT;
  double theta = (-Sq * pdf * v) / (2.0 * sqrtT) + w * (q * Sq * n1 - r * Kr * n2);
  double rho = w * (((K * T) * dr) * n2);
  double d2v = d2 / v;
  double vanna = -dqPdf * d2v;
  double volga = vega * d1 * d2v;
  double charm = (w * q) * (dq * n1) - (dqPdf * b) / sd + (dqPdf * d2) / (2.0 * T);
  put9(o, col, price, delta, gamma, vega, theta, rho, vanna, volga, charm);
}

// As the core's bsm() is called by the benchmark: spot, rate and dividend one value for all;
// x holds the columns strike, time, vol and call.
static void bsm(size_t n, const double *x, double S, double r, double q, double *out) {
  const double *K = x, *T = x + n, *v = x + 2 * n, *call = x + 3 * n;
  for (size_t i = 0; i < n; i++) bsm_one(S, K[i], T[i], v[i], r, q, call[i] != 0, out + i, n);
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
  if (argc == 7 && strcmp(argv[1], "bench") == 0)
    return bench(bsm, OUTPUTS, argv[2], argv[3], atof(argv[4]), atof(argv[5]), atof(argv[6]));
  if (argc == 2 && strcmp(argv[1], "eval") == 0) return eval();
  fputs("usage: bsm bench IN OUT S r q | bsm eval < cases\n", stderr);
  return 2;
}
