// A native build of the core's implied-volatility solver, as a speed baseline for
// benchmarks/greeks.js.
//
// The algorithm of assembly/impliedvol.ts, one option at a time: normalised Black from the
// Mills ratio, Householder steps of order 3 on Let's Be Rational's two objectives, asymptotic
// first guesses and the bracket safeguard, with the same constants and order of operations.
// Each option runs only the objective of its side and stops when it converges, where a lane
// pair of the core runs both and waits for the slower lane. glibc's exp, log and sqrt; the
// Mills ratio from glibc's erfc, or with -DMILLS_POLY the core's polynomial (common.h).
//
//   impliedvol bench IN OUT S r q   IN: columns price, strike, time, call (1 or 0) of n doubles
//                                   each; times the n solves (best of 5 after a warm-up),
//                                   writes the n vols to OUT and prints JSON
//
// Built by greeks.js: gcc -O3 -march=native [-DMILLS_POLY] -o build/bench/impliedvol impliedvol.c -lm

#include "common.h"

enum { MAX_STEPS = 16 };
static const double EPS2 = 4.440892098500626e-16; // 2ε: converged when a step is below 2ε·s
static const double EPS8 = 1.7763568394002505e-15; // 8ε: the rounding of the normalization
static const double S_FLOOR = 1e-300;
static const double S_CAP = 1e12;

// Normalised b, e^{x/2} - b, and b' of the out-of-the-money call (x ≤ 0) at s:
// with h = x/s, t = s/2 and C = e^{-(h²+t²)/2}/√(2π) = b',
//   h + t ≤ 0:  b = C·(M(-h-t) - M(t-h));   h + t > 0:  e^{x/2} - b = C·(M(h+t) + M(t-h))
static inline void black(double x, double ex, double s, double *b, double *gap, double *b1) {
  double h = x / s;
  double t = 0.5 * s;
  double C = INV_SQRT_2PI * exp(-0.5 * (h * h + t * t));
  double a1 = h + t;
  double m1 = mills(fabs(a1));
  double m2 = mills(t - h);
  if (a1 > 0) {
    *gap = C * (m1 + m2);
    *b = ex - *gap;
  } else {
    *b = C * (m1 - m2);
    *gap = ex - *b;
  }
  *b1 = C;
}

static double implied_vol(double P, double S, double K, double T, double r, double q, int is_call) {
  double w = is_call ? 1.0 : -1.0;
  // normalize: F = S e^{(r-q)T}, β = P e^{rT}/√(FK), x = ln(F/K)
  double rT = r * T;
  double bT = (r - q) * T;
  double x = log(S / K) + bT;
  double sqrtFK = sqrt((S * K) * exp(bT));
  double beta = (P * exp(rT)) / sqrtFK;
  double eh = exp(0.5 * x);
  double intrinsic = fmax(0.0, w * (eh - 1.0 / eh));
  // time value = b of the out-of-the-money call at -|x|; within 8ε of the larger term, 0
  double raw = beta - intrinsic;
  double tv = fabs(raw) <= EPS8 * fmax(beta, intrinsic) ? 0.0 : raw;
  double xo = -fabs(x);
  double ex = exp(0.5 * xo);
  double gap_target = ex - tv;
  // settled by the rules at the end: outside the bounds (or NaN), T, S or K zero; at intrinsic value
  if (!(tv >= 0 && tv < ex) || T <= 0 || S <= 0 || K <= 0) return NAN;
  if (tv == 0) return 0;

  // the inflection point s_c = √(-2x̃) splits the two objectives
  double sc = sqrt(2.0 * -xo);
  double bc, gc, vc;
  black(xo, ex, fmax(sc, S_FLOOR), &bc, &gc, &vc);
  int below = tv < bc;

  // first guesses: the tangent at s_c where the target is near b(s_c), else asymptotics
  double ln_tv = log(tv);
  double ln_gap = log(gap_target);
  double x2 = xo * xo;
  double s;
  if (below) {
    if (tv > 0.5 * bc) {
      s = sc + (tv - bc) / vc;
    } else {
      // b ≈ C·s³/x², C = e^{-x²/2s²-s²/8}/√(2π): x²/(2s²) = ln(s³/(√(2π)x²)) - s²/8 - ln β
      double lo = fabs(xo) / sqrt(2.0 * -ln_tv);
      for (int k = 0; k < 3; k++) {
        double l2 = lo * lo;
        double rhs = (log((l2 * lo) / (SQRT_2PI * x2)) - 0.125 * l2) - ln_tv;
        if (rhs > 0) lo = sqrt(x2 / (2.0 * rhs));
      }
      s = fmin(lo, sc);
    }
  } else {
    if (tv - bc < 0.5 * (ex - bc)) {
      s = sc + (tv - bc) / vc;
    } else {
      // e^{x/2} - b ≈ 4C/s: s²/8 = ln(4/(s√(2π))) - ln(e^{x/2} - β) - x²/(2s²)
      double hi = sqrt(8.0 * fmax(1.0, -ln_gap));
      for (int k = 0; k < 3; k++) {
        double h2 = hi * hi;
        double rhs = (log((4.0 * INV_SQRT_2PI) / hi) - ln_gap) - x2 / (2.0 * h2);
        if (rhs > 0) hi = sqrt(8.0 * rhs);
      }
      s = fmax(hi, sc);
    }
  }

  // bracket: b rises with s, so [lo, hi] shrinks with every evaluation
  double bl = below ? S_FLOOR : sc;
  double bh = below ? sc : S_CAP;
  s = fmin(fmax(s, bl), bh);
  double inv_ln_beta = 1.0 / ln_tv;
  for (int step = 0; step < MAX_STEPS; step++) {
    double b, gap, b1;
    black(xo, ex, s, &b, &gap, &b1);
    // b''/b' and its derivative (closed forms in x and s)
    double s2 = s * s;
    double xs2 = x2 / s2;
    double hb = xs2 / s - 0.25 * s;        // x²/s³ - s/4
    double hb1 = -3.0 * (xs2 / s2) - 0.25; // -3x²/s⁴ - 1/4
    double f, f1, f2, f3;
    int under; // the root is above s where b(s) is short of the target
    if (below) {
      // g = 1/ln b - 1/ln β (decreasing in s)
      double L = log(b);
      double mu = b1 / b;
      double mu1 = mu * (hb - mu);
      double mu2 = mu1 * (hb - mu) + mu * (hb1 - mu1);
      double iL = 1.0 / L;
      double iL2 = iL * iL;
      f = iL - inv_ln_beta;
      f1 = -(mu * iL2);
      f2 = -(mu1 * iL2) + (2.0 * (mu * mu)) * (iL2 * iL);
      f3 = (6.0 * ((mu * mu1) * (iL2 * iL)) - mu2 * iL2) + -((6.0 * (mu * (mu * mu))) * (iL2 * iL2));
      under = b < tv;
    } else {
      // f = ln(gap) - ln(gap target), increasing in s as the gap closes
      double lam = b1 / gap;
      double lam1 = lam * (hb + lam);
      f = ln_gap - log(gap);
      f1 = lam;
      f2 = lam1;
      f3 = lam1 * (hb + lam) + lam * (hb1 + lam1);
      under = gap > gap_target;
    }
    if (under) bl = fmax(bl, s);
    else bh = fmin(bh, s);
    // Householder of order 3: Δ = ν(1 + ν h2/2)/(1 + ν(h2 + ν h3/6)), ν = -f/f'
    double nu = -(f / f1);
    double h2 = f2 / f1;
    double h3 = f3 / f1;
    double delta = (nu * (1.0 + (0.5 * nu) * h2)) / (1.0 + nu * (h2 + (nu * h3) * (1.0 / 6.0)));
    double next = s + delta;
    // a step leaving the bracket (or NaN) is replaced by its geometric midpoint
    int outside = !(next >= bl && next <= bh);
    if (outside) next = sqrt(bl * bh);
    int small = fabs(delta) <= EPS2 * s;
    s = next;
    if (small && !outside) break;
  }
  return s / sqrt(T);
}

// x holds the columns price, strike, time and call.
static void solve_all(size_t n, const double *x, double S, double r, double q, double *out) {
  const double *P = x, *K = x + n, *T = x + 2 * n, *call = x + 3 * n;
  for (size_t i = 0; i < n; i++) out[i] = implied_vol(P[i], S, K[i], T[i], r, q, call[i] != 0);
}

int main(int argc, char **argv) {
  if (argc == 7 && strcmp(argv[1], "bench") == 0)
    return bench(solve_all, 1, argv[2], argv[3], atof(argv[4]), atof(argv[5]), atof(argv[6]));
  fputs("usage: impliedvol bench IN OUT S r q\n", stderr);
  return 2;
}
