"""Coefficients of the core's Mills ratio M(a) = (1 - Φ(a))/φ(a), a >= 0 (assembly/vmath.ts).

With t = (a - K)/(a + K), which maps [0, ∞) onto [-1, 1), the bounded function
(1 + a)·M(a) is smooth in t, so one Chebyshev fit (mpmath's chebyfit, 50 digits) covers the
whole half-line: no intervals, hence no per-lane branches in the SIMD code. The idea of the
mapping is Shepherd and Laframboise's (Math. Comp. 36, 1981, for erfc); the fit is ours.
Evaluated in double as the core does, they give M within 3 ulp.

Run: python3 scripts/fit_mills.py   (prints the table for assembly/vmath.ts and the error)
"""
import random
import struct

from mpmath import chebyfit, erfc, exp, mp, mpf, pi, sqrt

mp.dps = 50
K = 5.0
N = 24  # coefficients: degree 23


def mills(a):
    a = mpf(a)
    return sqrt(pi / 2) * exp(a * a / 2) * erfc(a / sqrt(2))


def g(t):
    a = K * (1 + t) / (1 - t)
    return (1 + a) * mills(a)


coefficients = [float(c) for c in chebyfit(g, [-1, mpf(1) - mpf(10) ** -20], N)]  # highest first


def evaluate(cs, a):
    """As the core does: Horner on t² for the even and the odd coefficients, two independent
    chains, then p = even + t·odd."""
    t = (a - K) / (a + K)
    u = t * t
    even, odd = 0.0, 0.0
    for c in cs[1::2]:  # c_22, c_20, ..., c_0 (highest first; degree 23 is odd)
        even = even * u + c
    for c in cs[0::2]:  # c_23, c_21, ..., c_1
        odd = odd * u + c
    return (even + t * odd) / (1 + a)


# Nudge c_0 by the fewest ulps that make Φ(0) = φ(0)·M(0) exactly 1/2 and erfc(0) =
# √(2/π)·M(0) exactly 1 in double (the fit is within 1 ulp there either way).
def nudged(x, k):
    return struct.unpack("<d", struct.pack("<q", struct.unpack("<q", struct.pack("<d", x))[0] + k))[0]


for k in sorted(range(-4, 5), key=abs):
    trial = coefficients[:-1] + [nudged(coefficients[-1], k)]
    m0 = evaluate(trial, 0.0)
    if 0.3989422804014327 * m0 == 0.5 and 0.7978845608028654 * m0 == 1.0:
        coefficients = trial
        break
else:
    raise SystemExit("no nudge of c_0 within 4 ulps makes Φ(0) and erfc(0) exact")

random.seed(1)
worst = 0.0
for a in [40.0 * i / 4000 for i in range(4001)] + [random.uniform(0, 3) for _ in range(1000)]:
    exact = mills(a)
    worst = max(worst, float(abs((evaluate(coefficients, a) - exact) / exact)))

assert N % 2 == 0, "the core splits the coefficients into two chains of N/2"
print(f"// (1 + a)·M(a) = Σ c_k t^k, t = (a - {K})/(a + {K}); c_23 first")
for c in coefficients:
    print(f"  {c!r}, {c!r},")
print(f"// worst relative error over [0, 40] in double: {worst:.2e}")
