// ConstantProductPool: Uniswap v2's vectors (integers exactly by a BigInt reference of the
// contracts' formulas, the f64 pool within 1e-12 of them), the pool's invariants as properties,
// and its input checks.
import fc from "fast-check";
import { ConstantProductPool } from "fracture";
import vectors from "./fixtures/uniswap.json" with { type: "json" };
import { assert, equal, relative, test, throws } from "./harness.ts";
import {
  compareProducts,
  num,
  quoteSwapRoundTrip,
  ratio,
  v2Accepts,
  v2AmountIn,
  v2AmountOut,
} from "./pool-reference.ts";

type V2 = Record<string, string> & { id: string; function: string };
const cases = vectors.v2_cases as unknown as V2[];

/** A v2 pool selling `reserveIn` for `reserveOut` (0.3% fee): side "sell" trades in → out. */
function pair(reserveIn: string, reserveOut: string): ConstantProductPool {
  return new ConstantProductPool({ reserveBase: num(reserveIn), reserveQuote: num(reserveOut), feeBps: 30 });
}

/**
 * The f64 result against the contract's integer: within 1e-12 of it where the integer carries
 * 12 digits, else within 1e-12 of the exact rational the integer floors (a 1-unit floor is 50%
 * of an output of 2).
 */
function close(got: number, integer: bigint, exact: number, label: string): void {
  const want = integer >= 10n ** 12n ? Number(integer) : exact;
  assert(relative(got, want) <= 1e-12, `${label}: got ${got}, want ${want} (integer ${integer})`);
}

test("pool_cp: Uniswap v2 getAmountOut/getAmountIn vectors, exact in BigInt and within 1e-12 in f64", () => {
  let checked = 0;
  for (const c of cases) {
    if (c.function === "getAmountOut" || c.function.startsWith("getAmountOut (max")) {
      const [a, rIn, rOut] = [BigInt(c.amountIn), BigInt(c.reserveIn), BigInt(c.reserveOut)];
      const expected = BigInt(c.expected ?? c.expected_amountOut);
      equal(v2AmountOut(a, rIn, rOut), expected, `${c.id}: BigInt getAmountOut`);
      if (c.expected_amountOut) {
        // the pair's K check accepts exactly this output and not one more (v2-core's test)
        assert(v2Accepts(rIn, rOut, a, 0n, 0n, expected), `${c.id}: K accepts the output`);
        assert(!v2Accepts(rIn, rOut, a, 0n, 0n, expected + 1n), `${c.id}: K rejects one more`);
      }
      const exact = ratio(a * 997n * rOut, rIn * 1000n + a * 997n);
      const pool = pair(c.reserveIn, c.reserveOut);
      close(pool.quote("sell", num(c.amountIn)).amountOut, expected, exact, `${c.id} sell`);
      pool.dispose();
      // the same trade on the other side of a mirrored pool
      const mirror = new ConstantProductPool({
        reserveBase: num(c.reserveOut),
        reserveQuote: num(c.reserveIn),
        feeBps: 30,
      });
      close(mirror.quote("buy", num(c.amountIn)).amountOut, expected, exact, `${c.id} buy`);
      mirror.dispose();
      checked++;
    } else if (c.function === "getAmountIn") {
      const [out, rIn, rOut] = [BigInt(c.amountOut), BigInt(c.reserveIn), BigInt(c.reserveOut)];
      const expected = BigInt(c.expected);
      equal(v2AmountIn(out, rIn, rOut), expected, `${c.id}: BigInt getAmountIn`);
      // the contract's +1 is its rounding up; the f64 pool gives the exact inverse
      const exact = ratio(rIn * out * 1000n, (rOut - out) * 997n);
      const pool = pair(c.reserveIn, c.reserveOut);
      close(pool.amountIn("sell", num(c.amountOut)), expected, exact, c.id);
      pool.dispose();
      checked++;
    } else if (c.function.startsWith("flash swap")) {
      // repaid in the token taken: the K check allows out = 0.997·in
      const [r0, r1, a] = [BigInt(c.reserve0), BigInt(c.reserve1), BigInt(c.amountIn_token0)];
      const expected = BigInt(c.expected_max_amountOut_token0);
      assert(v2Accepts(r0, r1, a, 0n, expected, 0n), `${c.id}: K accepts`);
      assert(!v2Accepts(r0, r1, a, 0n, expected + 1n, 0n), `${c.id}: K rejects one more`);
      checked++;
    }
  }
  equal(checked, cases.length, "every v2 case checked");
});

test("pool_cp: swaps on random integer pools agree with the BigInt getAmountOut within 1e-12", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
      fc.double({ min: 1e-6, max: 10, noNaN: true }),
      (rIn, rOut, share) => {
        const a = BigInt(Math.round(Number(rIn) * share));
        const pool = new ConstantProductPool({ reserveBase: Number(rIn), reserveQuote: Number(rOut), feeBps: 30 });
        const got = pool.quote("sell", Number(a)).amountOut;
        pool.dispose();
        const want = ratio(a * 997n * rOut, rIn * 1000n + a * 997n);
        // the f64 inputs are the integers rounded to 53 bits: 3 roundings of 2^-53
        return relative(got, want) <= 1e-12;
      },
    ),
    { seed: 4, numRuns: 300 },
  );
});

const reserve = fc.double({ min: 1e-3, max: 1e12, noNaN: true });
const fee = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true }));
const trades = fc.array(fc.record({ sell: fc.boolean(), share: fc.double({ min: 1e-15, max: 20, noNaN: true }) }), {
  minLength: 1,
  maxLength: 40,
  size: "max",
});

test("pool_cp: the exact product of the reserves never falls, with or without a fee", () => {
  fc.assert(
    fc.property(reserve, reserve, fee, trades, (base, quote, feeBps, list) => {
      const pool = new ConstantProductPool({ reserveBase: base, reserveQuote: quote, feeBps });
      try {
        for (const t of list) {
          const [x, y] = [pool.reserveBase, pool.reserveQuote];
          const r = pool.swap(t.sell ? "sell" : "buy", (t.sell ? x : y) * t.share);
          assert(r.amountOut >= 0 && r.amountOut < (t.sell ? y : x), "pays less than the reserve");
          assert(compareProducts(pool.reserveBase, pool.reserveQuote, x, y) >= 0, "k fell");
          equal(r.price, pool.reserveQuote / pool.reserveBase, "price = reserveQuote / reserveBase");
          equal(pool.price(), r.price, "price()");
        }
      } finally {
        pool.dispose();
      }
    }),
    { seed: 5, numRuns: 200 },
  );
});

test("pool_cp: quote equals swap; a round trip never profits; zero in gives zero out", () => {
  fc.assert(
    fc.property(
      reserve,
      reserve,
      fee,
      fc.double({ min: 1e-15, max: 20, noNaN: true }),
      fc.boolean(),
      (x, y, f, share, sell) => {
        const pool = new ConstantProductPool({ reserveBase: x, reserveQuote: y, feeBps: f });
        quoteSwapRoundTrip(pool, sell, (sell ? x : y) * share);
      },
    ),
    { seed: 6, numRuns: 300 },
  );
});

test("pool_cp: amountIn inverts the swap", () => {
  fc.assert(
    fc.property(reserve, reserve, fee, fc.double({ min: 1e-9, max: 0.99, noNaN: true }), (x, y, f, share) => {
      const pool = new ConstantProductPool({ reserveBase: x, reserveQuote: y, feeBps: f });
      const out = y * share;
      const need = pool.amountIn("sell", out);
      const got = pool.quote("sell", need).amountOut;
      pool.dispose();
      return relative(got, out) <= 1e-12;
    }),
    { seed: 7, numRuns: 300 },
  );
});

test("pool_cp: bad input is rejected, naming the field", () => {
  const ok = { reserveBase: 100, reserveQuote: 200, feeBps: 30 };
  throws(
    () => new ConstantProductPool({ ...ok, feeBps: 10000 }),
    RangeError,
    /^"feeBps" expected .*\[0, 10000\), got 10000$/,
  );
  throws(() => new ConstantProductPool({ ...ok, feeBps: -1 }), RangeError, /"feeBps".*got -1/);
  throws(() => new ConstantProductPool({ ...ok, reserveBase: 0 }), RangeError, /"reserveBase".*got 0/);
  throws(() => new ConstantProductPool({ ...ok, reserveQuote: Number.NaN }), RangeError, /"reserveQuote".*got NaN/);
  throws(
    () => new ConstantProductPool({ ...ok, reserveQuote: "5" as unknown as number }),
    TypeError,
    /"reserveQuote".*got "5"/,
  );
  throws(() => new ConstantProductPool(null as never), TypeError, /"options" expected an object/);
  const pool = new ConstantProductPool(ok);
  throws(() => pool.swap("hold" as never, 1), RangeError, /^"side" expected "buy" or "sell", got "hold"$/);
  throws(() => pool.swap(1 as never, 1), TypeError, /"side"/);
  throws(() => pool.swap("sell", -1), RangeError, /^"amountIn" expected .*, got -1$/);
  throws(() => pool.quote("sell", Number.NaN), RangeError, /"amountIn".*got NaN/);
  throws(() => pool.swap("sell", Number.POSITIVE_INFINITY), RangeError, /"amountIn".*got Infinity/);
  throws(
    () => pool.amountIn("sell", 200),
    RangeError,
    /^"amountOut" expected less than the quote reserve 200, got 200$/,
  );
  throws(() => pool.amountIn("buy", -3), RangeError, /"amountOut".*got -3/);
  equal(pool.reserveBase, 100, "nothing changed");
  pool.dispose();
  pool.dispose();
  throws(() => pool.price(), Error, /disposed/);
});
