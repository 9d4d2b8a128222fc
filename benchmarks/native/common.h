// Shared by the native baselines bsm.c and impliedvol.c: the normal density and Mills ratio
// as the core computes them (assembly/vmath.ts), and the file and timing plumbing (bench).
//
// The Mills ratio M(a) = (1 - Φ(a))/φ(a) comes in two builds:
//   default         from glibc's erfc below a = 10, a continued fraction above
//   -DMILLS_POLY    the core's polynomial (vmath.ts, table MILLS), evaluated the same way

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double INV_SQRT_2PI = 0.398942280401432677939946059934381868; // 1/√(2π)
static const double SQRT_2PI = 2.50662827463100050241576528481104525;      // √(2π)
static const double SQRT_PI_2 = 1.25331413731550025120788264240552263;     // √(π/2)
static const double SQRT1_2 = 0.707106781186547524400844362104849039;      // 1/√2

// φ(x) as vnormPdf: x = h + l with h of 26 bits, so h² is exact and e^{-x²/2} = e^{-h²/2}
// times the Taylor series of the small rest.
static inline double norm_pdf(double x) {
  double a = fabs(x);
  if (a >= 40.0) return 0;
  uint64_t bits;
  memcpy(&bits, &a, sizeof bits);
  bits &= 0xfffffffff8000000ull;
  double h;
  memcpy(&h, &bits, sizeof h);
  double lo = -0.5 * ((a - h) * (a + h));
  double tail = 1.0 + lo * (1.0 + lo * (0.5 + lo * (1.0 / 6.0)));
  return INV_SQRT_2PI * (exp(-0.5 * (h * h)) * tail);
}

#ifdef MILLS_POLY
#define MILLS_NAME "core's Mills polynomial"

// vmath.ts's MILLS, highest degree first: odd and even coefficients alternate.
static const double MILLS[24] = {
    -9.99802240829343e-10,  -7.077031841982677e-10, 1.1281645525139734e-08,  9.094218432472913e-09,
    -7.821049220473805e-08, -6.589393318333421e-08, 4.92889412763629e-07,    3.2054886338682205e-07,
    -3.2780889332747656e-06, -1.7633721137504215e-07, 2.2710081536644496e-05, -2.4805835828998953e-05,
    -0.00013437445842160464, 0.00045704392266072,   1.9530682704042314e-05,  -0.0042012903289861386,
    0.016348231274349995,   -0.03802659218586716,   0.06150504584074597,     -0.06617760077909461,
    0.02507217930161715,    0.07778159886873764,    -0.2294875382521129,     1.1568486282918944,
};

// (1 + a)·M(a) as a polynomial in t = (a - 5)/(a + 5): two Horner chains on t², as vmills.
static inline double mills(double a) {
  double ac = 1e6 < a ? 1e6 : a; // wasm's pmin: keeps t finite at a = ∞, passes NaN
  double t = (ac - 5.0) / (ac + 5.0);
  double u = t * t;
  double odd = MILLS[0], even = MILLS[1];
  for (int k = 2; k < 24; k += 2) {
    odd = odd * u + MILLS[k];
    even = even * u + MILLS[k + 1];
  }
  return (even + t * odd) / (1.0 + ac);
}

#else
#define MILLS_NAME "glibc erfc"

// √(π/2)·e^{a²/2}·erfc(a/√2). Its error grows like a² (erfc's, and the rounding of a/√2):
// some 100 ulp near a = 10, where 12 terms of Laplace's continued fraction
// M(a) = 1/(a + 1/(a + 2/(a + 3/(a + …)))) are within 2 ulp and stay so above.
static inline double mills(double a) {
  if (a < 10.0) return SQRT_PI_2 * erfc(a * SQRT1_2) * exp(0.5 * (a * a));
  double v = a;
  for (int k = 12; k > 0; k--) v = a + k / v;
  return 1.0 / v;
}
#endif

// ---- plumbing -----------------------------------------------------------------------------

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *must(void *p) {
  if (!p) {
    fputs("out of memory or unreadable input\n", stderr);
    exit(1);
  }
  return p;
}

// `columns` columns of n doubles each, one after another; n from the file's size.
static double *read_columns(const char *path, int columns, size_t *n) {
  FILE *f = must(fopen(path, "rb"));
  fseek(f, 0, SEEK_END);
  size_t count = (size_t)ftell(f) / sizeof(double);
  rewind(f);
  double *data = must(malloc(count * sizeof *data));
  if (fread(data, sizeof *data, count, f) != count) must(NULL);
  fclose(f);
  *n = count / columns;
  return data;
}

static void write_doubles(const char *path, const double *data, size_t count) {
  FILE *f = must(fopen(path, "wb"));
  if (fwrite(data, sizeof *data, count, f) != count) must(NULL);
  fclose(f);
}

// A kernel as bench() times it: the n items of the 4 input columns x (one after another), with
// spot, rate and dividend one value for all, into `outputs` columns of n in out.
typedef void (*kernel_fn)(size_t n, const double *x, double S, double r, double q, double *out);

// `NAME bench IN OUT S r q`: the kernel on the columns of IN, once as a warm-up (page in, settle
// the clock) and then 5 times; writes its output columns to OUT and prints the best time as JSON.
static int bench(kernel_fn kernel, int outputs, const char *in, const char *out_path, double S, double r, double q) {
  size_t n;
  double *x = read_columns(in, 4, &n);
  double *out = must(malloc(outputs * n * sizeof *out));
  kernel(n, x, S, r, q, out);
  double best = INFINITY;
  for (int run = 0; run < 5; run++) {
    double t0 = now();
    kernel(n, x, S, r, q, out);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  write_doubles(out_path, out, outputs * n);
  printf("{\"n\":%zu,\"runs\":5,\"seconds\":%.9g,\"mills\":\"%s\"}\n", n, best, MILLS_NAME);
  free(x), free(out);
  return 0;
}
