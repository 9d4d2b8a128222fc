// StableSwapPool: Saddle's StableSwap vectors (integers exactly by a BigInt reference of
// get_D/get_y/calculateSwap with floor division, the f64 pool within 1e-12 of them), the pool's
// properties, and its input checks.
import fc from "fast-check";
import { ConstantProductPool, StableSwapPool } from "fracture";
import vectors from "./fixtures/curve_stableswap.json" with { type: "json" };
import { assert, equal, relative, test, throws } from "./harness.ts";
import { num, quoteSwapRoundTrip, saddleD, saddleSwap } from "./pool-reference.ts";

interface Vector {
  id: string;
  state: Record<string, string>;
  expected: Record<string, string>;
  derived_not_in_test: Record<string, string | string[]>;
  expected_virtual_price_by_A_precise: Record<string, string>;
}
const byId = (id: string) => vectors.cases.find((c) => c.id === id) as unknown as Vector;
const E18 = 10n ** 18n;
const FEE = 10_000_000n; // swapFee 1e7 / 1e10 = 0.1% = 10 bps

function near12(got: number, want: bigint | number, label: string): void {
  const w = Number(want);
  assert(relative(got, w) <= 1e-12, `${label}: got ${got}, want ${w} (off ${relative(got, w)})`);
}

test("pool_stable: Saddle calculateSwap and the swap after it, exact in BigInt and within 1e-12 in f64", () => {
  const first = byId("saddle_calculateSwap_1e17");
  const second = byId("saddle_second_swap_after_frontrun");
  const balances = [E18, E18];
  const dy1 = saddleSwap(5000n, FEE, 0, 1, 10n ** 17n, balances);
  equal(dy1, BigInt(first.expected.dy), "BigInt first swap");
  equal(dy1, BigInt(second.expected.first_dy), "BigInt first swap (second case)");
  const after = [E18 + 10n ** 17n, E18 - dy1];
  equal(after.join(), (second.derived_not_in_test.balances_after_first_swap as string[]).join(), "balances after");
  const dy2 = saddleSwap(5000n, FEE, 0, 1, 10n ** 17n, after);
  equal(dy2, BigInt(second.expected.second_dy), "BigInt second swap");

  const pool = new StableSwapPool({ reserveBase: 1e18, reserveQuote: 1e18, amplification: 50, feeBps: 10 });
  near12(pool.quote("sell", 1e17).amountOut, dy1, "f64 calculateSwap");
  near12(pool.swap("sell", 1e17).amountOut, dy1, "f64 first swap");
  near12(pool.reserveQuote, after[1], "f64 balance after");
  near12(pool.swap("sell", 1e17).amountOut, dy2, "f64 second swap");
  pool.dispose();
});

test("pool_stable: Saddle's virtual price (D / LP supply) after swaps and at several A", () => {
  const v = byId("saddle_virtual_price_after_swaps");
  const supply = BigInt(v.state.lpSupply);
  const vp = (d: bigint) => (d * E18) / supply;
  // step 1: swap(0, 1, 1e17); step 2: swap(1, 0, 1e17)
  let xp = [E18, E18];
  const dy = saddleSwap(5000n, FEE, 0, 1, 10n ** 17n, xp);
  xp = [xp[0] + 10n ** 17n, xp[1] - dy];
  equal(vp(saddleD(xp, 5000n)), BigInt(v.expected.virtual_price_after_step1), "BigInt virtual price 1");
  const dx = saddleSwap(5000n, FEE, 1, 0, 10n ** 17n, xp);
  xp = [xp[0] - dx, xp[1] + 10n ** 17n];
  equal(vp(saddleD(xp, 5000n)), BigInt(v.expected.virtual_price_after_step2), "BigInt virtual price 2");

  const pool = new StableSwapPool({ reserveBase: 1e18, reserveQuote: 1e18, amplification: 50, feeBps: 10 });
  const s = Number(supply);
  pool.swap("sell", 1e17);
  near12((pool.invariant * 1e18) / s, num(v.expected.virtual_price_after_step1), "f64 virtual price 1");
  pool.swap("buy", 1e17);
  near12((pool.invariant * 1e18) / s, num(v.expected.virtual_price_after_step2), "f64 virtual price 2");
  pool.dispose();

  const byA = byId("saddle_virtual_price_vs_A");
  const bal = (byA.derived_not_in_test.balances_after as string[]).map((b) => BigInt(b));
  const lp = BigInt(byA.derived_not_in_test.lpSupply_after as string);
  for (const [aPrecise, expected] of Object.entries(byA.expected_virtual_price_by_A_precise)) {
    equal((saddleD(bal, BigInt(aPrecise)) * E18) / lp, BigInt(expected), `BigInt virtual price at ${aPrecise}`);
    const p = new StableSwapPool({
      reserveBase: Number(bal[0]),
      reserveQuote: Number(bal[1]),
      amplification: Number(aPrecise) / 100,
      feeBps: 10,
    });
    near12((p.invariant * 1e18) / Number(lp), num(expected), `f64 virtual price at A_precise ${aPrecise}`);
    p.dispose();
  }
});

test("pool_stable: random swaps agree with the BigInt calculateSwap within 1e-12", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 10n ** 20n, max: 10n ** 26n }),
      fc.double({ min: 0.1, max: 10, noNaN: true }),
      fc.integer({ min: 100, max: 500_000 }),
      fc.double({ min: 1e-4, max: 2, noNaN: true }),
      fc.boolean(),
      (x, skew, aPrecise, share, sell) => {
        const y = BigInt(Math.round(Number(x) * skew));
        const [from, to] = sell ? [0, 1] : [1, 0];
        const dx = BigInt(Math.round(Number(sell ? x : y) * share));
        const want = saddleSwap(BigInt(aPrecise), FEE, from, to, dx, [x, y]);
        const pool = new StableSwapPool({
          reserveBase: Number(x),
          reserveQuote: Number(y),
          amplification: aPrecise / 100,
          feeBps: 10,
        });
        const got = pool.quote(sell ? "sell" : "buy", Number(dx)).amountOut;
        pool.dispose();
        // the integers' own floors are ≤ a few units of 1e20+: far below 1e-12
        return relative(got, Number(want)) <= 1e-12;
      },
    ),
    { seed: 12, numRuns: 200 },
  );
});

const balance = fc.double({ min: 1, max: 1e12, noNaN: true });
const amp = fc.oneof(fc.constant(1), fc.double({ min: 1, max: 1e5, noNaN: true }));
const fee = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true }));
const trades = fc.array(fc.record({ sell: fc.boolean(), share: fc.double({ min: 1e-14, max: 3, noNaN: true }) }), {
  minLength: 1,
  maxLength: 30,
  size: "max",
});

test("pool_stable: D never falls, with or without a fee; the output is less than the balance", () => {
  fc.assert(
    fc.property(balance, fc.double({ min: 0.2, max: 5, noNaN: true }), amp, fee, trades, (x, skew, a, f, list) => {
      const pool = new StableSwapPool({ reserveBase: x, reserveQuote: x * skew, amplification: a, feeBps: f });
      try {
        for (const t of list) {
          const d = pool.invariant;
          const [bx, by] = [pool.reserveBase, pool.reserveQuote];
          const r = pool.swap(t.sell ? "sell" : "buy", (t.sell ? bx : by) * t.share);
          assert(r.amountOut >= 0 && r.amountOut < (t.sell ? by : bx), "pays less than the balance");
          assert(pool.invariant >= d, `D fell from ${d} to ${pool.invariant}`);
          equal(pool.price(), r.price, "price()");
        }
      } finally {
        pool.dispose();
      }
    }),
    { seed: 13, numRuns: 200 },
  );
});

test("pool_stable: quote equals swap; a round trip never profits; zero in gives zero out", () => {
  fc.assert(
    fc.property(
      balance,
      fc.double({ min: 0.2, max: 5, noNaN: true }),
      amp,
      fee,
      fc.double({ min: 1e-14, max: 3, noNaN: true }),
      fc.boolean(),
      (x, skew, a, f, share, sell) => {
        const pool = new StableSwapPool({ reserveBase: x, reserveQuote: x * skew, amplification: a, feeBps: f });
        quoteSwapRoundTrip(pool, sell, (sell ? x : x * skew) * share);
      },
    ),
    { seed: 14, numRuns: 300 },
  );
});

test("pool_stable: the price is the marginal rate: 1 when balanced, the limit of small swaps", () => {
  const balanced = new StableSwapPool({ reserveBase: 5e6, reserveQuote: 5e6, amplification: 200, feeBps: 0 });
  assert(relative(balanced.price(), 1) <= 1e-15, `balanced price ${balanced.price()}`);
  balanced.dispose();
  fc.assert(
    fc.property(balance, fc.double({ min: 0.2, max: 5, noNaN: true }), amp, (x, skew, a) => {
      const pool = new StableSwapPool({ reserveBase: x, reserveQuote: x * skew, amplification: a, feeBps: 0 });
      const dx = x * 1e-7;
      const rate = pool.quote("sell", dx).amountOut / dx;
      const p = pool.price();
      pool.dispose();
      // a swap of 1e-7 of the balance moves the rate by about that much, relative
      return relative(rate, p) <= 1e-6 && (skew > 1 ? p > 1 - 1e-12 : p < 1 + 1e-12);
    }),
    { seed: 15, numRuns: 200 },
  );
  // high A: nearly constant-sum near the peg; A = 1 is far from it
  const flat = new StableSwapPool({ reserveBase: 1e6, reserveQuote: 1e6, amplification: 2000, feeBps: 0 });
  const curved = new StableSwapPool({ reserveBase: 1e6, reserveQuote: 1e6, amplification: 1, feeBps: 0 });
  assert(flat.quote("sell", 1e5).amountOut > 0.9999 * 1e5, "A = 2000: a 10% swap at ~par");
  assert(curved.quote("sell", 1e5).amountOut < 0.99 * 1e5, "A = 1: a 10% swap pays a visible slippage");
  flat.dispose();
  curved.dispose();
});

test("pools: inputs anywhere in their ranges give finite amounts, never more than the pool holds", () => {
  const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1e36, noNaN: true }), fc.constant(1e36));
  const reserve = fc.oneof(fc.constant(1e-12), fc.double({ min: 1e-12, max: 1e36, noNaN: true }), fc.constant(1e36));
  fc.assert(
    fc.property(
      reserve,
      reserve,
      fc.oneof(fc.constant(1), fc.constant(1e6), fc.double({ min: 1, max: 1e6, noNaN: true })),
      fc.double({ min: 0, max: 9999, noNaN: true }),
      fc.array(fc.tuple(fc.boolean(), amount), { minLength: 1, maxLength: 8 }),
      (x, y, a, f, list) => {
        const pools = [
          new StableSwapPool({ reserveBase: x, reserveQuote: y, amplification: a, feeBps: f }),
          new ConstantProductPool({ reserveBase: x, reserveQuote: y, feeBps: f }),
        ];
        try {
          for (const pool of pools) {
            for (const [sell, v] of list) {
              const have = sell ? pool.reserveQuote : pool.reserveBase;
              const r = pool.swap(sell ? "sell" : "buy", v);
              assert(
                r.amountOut >= 0 && r.amountOut <= have,
                `${pool.constructor.name}: paid ${r.amountOut} of ${have}`,
              );
              assert(r.price > 0 && Number.isFinite(r.price), `${pool.constructor.name}: price ${r.price}`);
            }
          }
        } finally {
          for (const pool of pools) pool.dispose();
        }
      },
    ),
    { seed: 16, numRuns: 300 },
  );
});

test("pool_stable: bad input is rejected, naming the field", () => {
  const ok = { reserveBase: 100, reserveQuote: 100, amplification: 100, feeBps: 4 };
  const make = (o: object) => () => new StableSwapPool({ ...ok, ...o } as never);
  throws(make({ amplification: 0 }), RangeError, /^"amplification" expected a finite number in \[1, 1e6\], got 0$/);
  throws(make({ amplification: 2e6 }), RangeError, /"amplification".*got 2000000/);
  throws(make({ feeBps: 10000 }), RangeError, /"feeBps" expected a finite number in \[0, 10000\), got 10000/);
  throws(make({ feeBps: Number.NaN }), RangeError, /"feeBps".*got NaN/);
  throws(make({ reserveBase: -1 }), RangeError, /"reserveBase".*got -1/);
  throws(make({ reserveQuote: undefined }), TypeError, /"reserveQuote".*got nothing/);
  const pool = new StableSwapPool(ok);
  throws(() => pool.swap("BUY" as never, 1), RangeError, /"side" expected "buy" or "sell", got "BUY"/);
  throws(() => pool.swap("sell", -0.5), RangeError, /"amountIn".*got -0\.5/);
  throws(() => pool.quote("sell", 2e36), RangeError, /"amountIn" expected a finite number in \[0, 1e36\], got 2e\+36/);
  pool.dispose();
  throws(() => pool.invariant, Error, /disposed/);
});
