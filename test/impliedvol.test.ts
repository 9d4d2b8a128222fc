import fc from "fast-check";
import { greeks } from "fracture";
import vectors from "./fixtures/implied_vol.json" with { type: "json" };
import { assert, equal, near, rng, test, throws } from "./harness.ts";

const EPS = Number.EPSILON;

/** Undiscounted Black vega dP/dσ = F φ(d1) √T: how much the price pins the vol down. */
function blackVega(F: number, K: number, T: number, vol: number): number {
  const sd = vol * Math.sqrt(T);
  const d1 = Math.log(F / K) / sd + sd / 2;
  return (F * Math.exp((-d1 * d1) / 2) * Math.sqrt(T)) / Math.sqrt(2 * Math.PI);
}

test("impliedVol: Let's Be Rational's vectors to 1e-12 (or the price's own conditioning, where worse)", () => {
  const cases = vectors.cases.filter((c) => c.round_trip_well_conditioned);
  // undiscounted Black prices: spot = forward, rate = dividend = 0
  const vol = greeks.impliedVol({
    price: Float64Array.from(cases, (c) => c.undiscounted_black_price),
    spot: Float64Array.from(cases, (c) => c.F),
    strike: Float64Array.from(cases, (c) => c.K),
    time: Float64Array.from(cases, (c) => c.T),
    call: Uint8Array.from(cases, (c) => (c.q_flag > 0 ? 1 : 0)),
  });
  let within = 0;
  cases.forEach((c, i) => {
    const want = c.implied_vol_full;
    // a price good to ε fixes the vol only to ε·price/vega: deep in the money that is > 1e-12
    const conditioning = (2 * EPS * c.undiscounted_black_price) / blackVega(c.F, c.K, c.T, want);
    near(vol[i], want, 1e-12 + 2 * conditioning, c.id);
    if (Math.abs(vol[i] - want) <= 1e-12) within++;
  });
  assert(within >= cases.length - 10, `only ${within} of ${cases.length} within 1e-12`);
});

test("impliedVol: the unit and doctest cases of Let's Be Rational and py_vollib", () => {
  const atm = vectors.unit_cases.find((c) => c.id === "lbr_unit_iv_atm");
  const n1 = vectors.unit_cases.find((c) => c.id === "lbr_unit_iv_limited_N1");
  for (const c of [atm, n1]) {
    if (!c || c.price === undefined || c.F === undefined || c.K === undefined || c.T === undefined)
      throw new Error("missing vector");
    near(greeks.impliedVol({ price: c.price, spot: c.F, strike: c.K, time: c.T })[0], c.expected, c.tol, c.id);
  }
  for (const c of vectors.py_vollib_doctest_cases) {
    if (c.model === "normalised_black" || c.T === undefined || c.K === undefined) continue;
    const input =
      c.model === "black_scholes"
        ? { spot: c.S ?? 0, strike: c.K, time: c.T, rate: c.r ?? 0 }
        : { spot: c.F ?? 0, strike: c.K, time: c.T, rate: c.r ?? 0, dividend: c.r ?? 0 }; // Black-76
    near(
      greeks.impliedVol({ ...input, price: c.expected_price, call: c.type === "call" })[0],
      c.expected_iv,
      c.tol,
      c.id,
    );
  }
});

test("impliedVol: round trip of bsm over vol 0.01–5, 1 day–5 years, moneyness 0.3–3", () => {
  let wellConditioned = 0;
  let runs = 0;
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 5, noNaN: true }),
      fc.double({ min: 1 / 365, max: 5, noNaN: true }),
      fc.double({ min: 0.3, max: 3, noNaN: true }),
      fc.double({ min: -0.05, max: 0.2, noNaN: true }),
      fc.double({ min: 0, max: 0.1, noNaN: true }),
      fc.boolean(),
      (vol, time, m, rate, dividend, otm) => {
        const x = { spot: 100, strike: 100 / m, time, rate, dividend };
        // the out-of-the-money side carries the time value alone; the in-the-money side adds
        // the intrinsic value, whose rounding can swamp a small time value
        const forwardAbove = 100 * Math.exp((rate - dividend) * time) > x.strike;
        const call = otm ? !forwardAbove : forwardAbove;
        const o = greeks.bsm({ ...x, vol, call });
        const got = greeks.impliedVol({ ...x, call, price: o.price[0] })[0];
        // An out-of-the-money price is good to a few ε·(1 + d1²) of itself (Φ's condition
        // number); an in-the-money one to a few ε of its larger term, S e^{-qT} Φ(±d1) =
        // |delta|·S or K e^{-rT} Φ(±d2) = |rho|/T. Below 1e-300 a price is 0 for every purpose.
        const sd = vol * Math.sqrt(time);
        const d1 = (Math.log(m) + (rate - dividend) * time) / sd + sd / 2;
        const terms = Math.max(Math.abs(o.delta[0]) * x.spot, Math.abs(o.rho[0]) / time);
        const size = Math.max(otm ? o.price[0] * (1 + d1 * d1) : terms, 1e-300);
        const conditioning = (16 * EPS * size) / o.vega[0];
        if (otm && o.price[0] > 1e-290) {
          runs++;
          if (conditioning < 1e-12 * vol) wellConditioned++;
        }
        // where the price does not pin the vol down, the answer must still reproduce the price
        if (Math.abs(got - vol) > 1e-12 * vol + conditioning) {
          const back = greeks.bsm({ ...x, vol: got, call }).price[0];
          assert(
            Math.abs(back - o.price[0]) <= 16 * EPS * size,
            `vol ${vol} gave ${got} for ${JSON.stringify({ ...x, call })}`,
          );
        }
      },
    ),
    { seed: 3, numRuns: 4000 },
  );
  // (fast-check favours extremes: many draws price to 0, where no vol can be recovered)
  assert(
    wellConditioned > 0.9 * runs,
    `only ${wellConditioned} of ${runs} priced out-of-the-money runs well conditioned`,
  );
});

test("impliedVol: NaN outside the bounds, 0 at intrinsic value, NaN with no time", () => {
  const S = 100;
  const K = 80;
  const dr = Math.exp(-0.05);
  const intrinsic = S - K * dr;
  const vol = greeks.impliedVol({
    price: Float64Array.of(intrinsic - 1e-6, intrinsic, S, S + 1, 0, 5, 5, 5, 5),
    spot: Float64Array.of(S, S, S, S, S, S, 0, S, S),
    strike: Float64Array.of(K, K, K, K, 120, K, K, 0, K),
    time: Float64Array.of(1, 1, 1, 1, 1, 0, 1, 1, 1),
    rate: 0.05,
    call: true,
  });
  assert(Number.isNaN(vol[0]), `below intrinsic: ${vol[0]}`);
  equal(vol[1], 0, "at intrinsic");
  assert(Number.isNaN(vol[2]) && Number.isNaN(vol[3]), "at and above the upper bound S e^{-qT}");
  equal(vol[4], 0, "an out-of-the-money option worth 0");
  assert(
    [5, 6, 7].every((i) => Number.isNaN(vol[i])),
    "time, spot or strike 0",
  );
  // a put above its bound K e^{-rT}
  assert(
    Number.isNaN(greeks.impliedVol({ price: K, spot: S, strike: K, time: 1, rate: 0.05, call: false })[0]),
    "put bound",
  );
  // tiny and huge vols come back (at vol 20 the price would round to the bound itself)
  for (const v of [1e-3, 5]) {
    const p = greeks.bsm({ spot: S, strike: S, time: 1, vol: v }).price[0];
    near(greeks.impliedVol({ price: p, spot: S, strike: S, time: 1 })[0], v, 1e-10 * v, `vol ${v}`);
  }
});

test("impliedVol: bad input is named; results do not depend on batching", () => {
  throws(
    () => greeks.impliedVol({ price: -1, spot: 1, strike: 1, time: 1 }),
    RangeError,
    /^"price" expected .* got -1$/,
  );
  throws(
    () => greeks.impliedVol({ price: Float64Array.of(1, Number.NaN), spot: 1, strike: 1, time: 1 }),
    RangeError,
    /^"price\[1\]" .* got NaN$/,
  );
  throws(() => greeks.impliedVol({ price: 1, spot: 1, strike: 1, time: 1, call: "put" as never }), TypeError, /"call"/);
  const next = rng(9);
  const n = 5001;
  const col = (f: () => number) => Float64Array.from({ length: n }, f);
  const input = { spot: 100, strike: col(() => 50 + 100 * next()), time: col(() => 0.01 + next()), rate: 0.02 };
  const price = greeks.bsm({ ...input, vol: col(() => 0.1 + next()) }).price;
  const all = greeks.impliedVol({ ...input, price });
  for (const i of [0, 1, 4095, 4096, 5000]) {
    const one = greeks.impliedVol({
      price: price[i],
      spot: 100,
      strike: input.strike[i],
      time: input.time[i],
      rate: 0.02,
    });
    equal(one[0], all[i], `vol[${i}] alone and in the batch`);
  }
});
