// ConcentratedLiquidityPool: the step math against Uniswap v3's SqrtPriceMath, SwapMath and
// TickMath vectors (Q64.96 integers / 2^96), whole swaps against a plain JavaScript v3 over
// random pools, the pool's properties, and its input checks. (Whole swaps against
// @uniswap/v3-sdk itself: test/node/uniswap-v3.test.ts, on Node.)
import fc from "fast-check";
import { ConcentratedLiquidityPool, type Position } from "fracture";
import { ownCore } from "./core.ts";
import vectors from "./fixtures/uniswap.json" with { type: "json" };
import { assert, equal, relative, test, throws } from "./harness.ts";
import { num, RefV3 } from "./pool-reference.ts";

const Q96 = 2 ** 96;
const q96 = (s: string) => num(s) / Q96;

/**
 * Agreement with a v3 integer: within 1e-9 relative, or within the contract's own rounding of
 * one unit (`unit`: 1 for amounts, 2^-96 for √P), which is larger for the vectors' tiny amounts.
 */
function agrees(got: number, want: number, unit: number, label: string): void {
  const tol = 1e-9 * Math.abs(want) + unit;
  assert(Math.abs(got - want) <= tol, `${label}: got ${got}, want ${want} (±${tol})`);
}

test("pool_cl: SqrtPriceMath vectors (next √P from input/output, amount deltas), reverts as NaN", async () => {
  const x = (await ownCore()).exports;
  for (const c of vectors.v3_sqrt_price_math_cases) {
    const i = c.inputs as unknown as Record<string, string | boolean>;
    let got: number;
    let unit = 1;
    if (c.function === "getNextSqrtPriceFromInput" || c.function === "getNextSqrtPriceFromOutput") {
      const f = c.function === "getNextSqrtPriceFromInput" ? x.clNextSqrtPriceFromInput : x.clNextSqrtPriceFromOutput;
      got = f(q96(i.sqrtPX96 as string), num(i.liquidity as string), num(i.amount as string), i.zeroForOne ? 1 : 0);
      unit = 1 / Q96;
      if (c.expected === "REVERT") {
        assert(Number.isNaN(got), `${c.id}: reverts (NaN), got ${got}`);
        continue;
      }
      agrees(got, q96(c.expected), unit, c.id);
    } else {
      const f = c.function === "getAmount0Delta" ? x.clAmount0Delta : x.clAmount1Delta;
      got = f(q96(i.sqrtRatioAX96 as string), q96(i.sqrtRatioBX96 as string), num(i.liquidity as string));
      agrees(got, num(c.expected), unit, c.id);
    }
  }
});

test("pool_cl: SwapMath.computeSwapStep vectors (exact in and out, capped and not)", async () => {
  const core = await ownCore();
  const out = core.scratch(32);
  for (const c of vectors.v3_compute_swap_step_cases) {
    const i = c.inputs;
    core.exports.clSwapStep(
      q96(i.sqrtRatioCurrentX96),
      q96(i.sqrtRatioTargetX96),
      num(i.liquidity),
      num(i.amountRemaining),
      i.feePips,
      out,
    );
    const [next, amountIn, amountOut, fee] = core.f64.slice(out / 8, out / 8 + 4);
    const e = { ...c.derived_not_in_test, ...c.expected } as Record<string, string>;
    agrees(next, q96(e.sqrtRatioNextX96), 1 / Q96, `${c.id}: √P next`);
    agrees(amountIn, num(e.amountIn), 1, `${c.id}: amount in`);
    agrees(amountOut, num(e.amountOut), 1, `${c.id}: amount out`);
    agrees(fee, num(e.feeAmount), 1, `${c.id}: fee`);
  }
});

test("pool_cl: TickMath vectors; the tick of a √P is the greatest tick at or below it", async () => {
  const x = (await ownCore()).exports;
  for (const c of vectors.v3_get_sqrt_ratio_at_tick) {
    const got = x.clSqrtRatioAtTick(c.tick);
    assert(relative(got, q96(c.sqrtPriceX96)) <= 1e-9, `tick ${c.tick}: got ${got}`);
  }
  for (const c of vectors.v3_get_tick_at_sqrt_ratio) {
    const got = x.clTickAtSqrtRatio(q96(c.sqrtPriceX96));
    // an f64 cannot tell MAX_SQRT_RATIO − 1 from MAX_SQRT_RATIO (1 unit in 2^160): there the
    // tick of the exact price is the answer (the test of TickMath allows either)
    assert(got === c.tick || got === c["floor_log_1.0001_of_exact_price"], `${c.sqrtPriceX96}: got tick ${got}`);
  }
  fc.assert(
    fc.property(fc.integer({ min: -887271, max: 887271 }), (t) => {
      const s = x.clSqrtRatioAtTick(t);
      equal(x.clTickAtSqrtRatio(s), t, `tick of √P(${t})`);
      const below = new DataView(new ArrayBuffer(8));
      below.setFloat64(0, s);
      below.setBigUint64(0, below.getBigUint64(0) - 1n);
      equal(x.clTickAtSqrtRatio(below.getFloat64(0)), t - 1, `tick just below √P(${t})`);
      assert(x.clSqrtRatioAtTick(t + 1) > s, "increasing");
    }),
    { seed: 8, numRuns: 500 },
  );
});

/** A random pool: tick spacing, a price inside the ticks' range, and positions around it. */
const pools = fc
  .record({
    spacing: fc.constantFrom(1, 10, 60, 200),
    center: fc.integer({ min: -2000, max: 2000 }),
    frac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    fee: fc.constantFrom(0, 100, 500, 3000, 10000),
    raw: fc.array(
      fc.record({
        from: fc.integer({ min: -40, max: 40 }),
        width: fc.integer({ min: 1, max: 40 }),
        liquidity: fc.double({ min: 1e3, max: 1e9, noNaN: true }),
      }),
      { minLength: 1, maxLength: 30, size: "max" }, // real lengths: fast-check caps arrays near 10 otherwise
    ),
  })
  .map(({ spacing, center, frac, fee, raw }) => {
    const mid = center * spacing;
    const positions: Position[] = raw.map((r) => ({
      tickLower: mid + r.from * spacing,
      tickUpper: mid + (r.from + r.width) * spacing,
      liquidity: r.liquidity,
    }));
    const price = 1.0001 ** (mid + frac * spacing);
    const total = raw.reduce((a, r) => a + r.liquidity, 0);
    return { options: { price, feePips: fee, tickSpacing: spacing, positions }, total };
  });

const swaps = fc.array(fc.record({ sell: fc.boolean(), size: fc.double({ min: 1e-3, max: 30, noNaN: true }) }), {
  minLength: 1,
  maxLength: 12,
  size: "max",
});

/** An amount that moves the price well: `size` × the pool's liquidity in the input token at the price. */
function amountFor(sell: boolean, size: number, total: number, price: number): number {
  const s = Math.sqrt(price);
  return (size * total * (sell ? 1 / s : s)) / 100;
}

test("pool_cl: swaps across many ticks agree with a plain JavaScript v3 within 1e-9", () => {
  fc.assert(
    fc.property(pools, swaps, ({ options, total }, list) => {
      const pool = new ConcentratedLiquidityPool(options);
      const ref = new RefV3(options.price, options.feePips, options.positions);
      try {
        list.forEach((t, k) => {
          const a = amountFor(t.sell, t.size, total, options.price);
          const got = pool.swap(t.sell ? "sell" : "buy", a);
          const want = ref.swap(t.sell, a);
          const where = `swap ${k} (${t.sell ? "sell" : "buy"} ${a})`;
          assert(
            relative(got.amountOut, want.amountOut) <= 1e-9,
            `${where}: out ${got.amountOut} vs ${want.amountOut}`,
          );
          assert(relative(got.price, want.price) <= 1e-9, `${where}: price ${got.price} vs ${want.price}`);
          assert(
            Math.abs(got.remaining - want.remaining) <= 1e-9 * a,
            `${where}: remaining ${got.remaining} vs ${want.remaining}`,
          );
        });
      } finally {
        pool.dispose();
      }
    }),
    { seed: 9, numRuns: 150 },
  );
});

/** Tokens the positions hold at √P `s` (v3's amounts of a position). */
async function holdings(positions: readonly Position[], s: number): Promise<[number, number]> {
  const x = (await ownCore()).exports;
  let base = 0;
  let quote = 0;
  for (const p of positions) {
    const a = x.clSqrtRatioAtTick(p.tickLower);
    const b = x.clSqrtRatioAtTick(p.tickUpper);
    const c = Math.min(Math.max(s, a), b);
    base += (p.liquidity * (b - c)) / (b * c);
    quote += p.liquidity * (c - a);
  }
  return [base, quote];
}

test("pool_cl: the pool never pays out more than it holds; quote equals swap; zero in, zero out", async () => {
  const samples = fc.sample(fc.tuple(pools, swaps, fc.boolean()), { seed: 10, numRuns: 120 });
  for (const [{ options, total }, list, sweep] of samples) {
    const pool = new ConcentratedLiquidityPool(options);
    const [base0, quote0] = await holdings(options.positions, Math.sqrt(pool.price()));
    let base = base0;
    let quote = quote0;
    const trades = sweep ? [{ sell: true, size: 1e9 }, { sell: false, size: 1e9 }, ...list] : list;
    for (const t of trades) {
      const side = t.sell ? "sell" : "buy";
      const a = amountFor(t.sell, t.size, total, options.price);
      const q = pool.quote(side, a);
      const r = pool.swap(side, a);
      equal(r.amountOut, q.amountOut, "quote = swap: amount");
      equal(r.price, q.price, "quote = swap: price");
      equal(r.remaining, q.remaining, "quote = swap: remaining");
      assert(r.amountOut <= (t.sell ? quote : base), `${side} ${a} paid ${r.amountOut} of ${t.sell ? quote : base}`);
      // what the pool holds: what it had, plus the input it used (fees included), less what it paid
      assert(
        r.amountIn <= a && (r.remaining === 0 ? r.amountIn === a : r.amountIn + r.remaining <= a),
        "in + left ≤ a",
      );
      if (t.sell) [base, quote] = [base + r.amountIn, quote - r.amountOut];
      else [base, quote] = [base - r.amountOut, quote + r.amountIn];
      const [needBase, needQuote] = await holdings(options.positions, Math.sqrt(pool.price()));
      const slack = 1e-12 * (base0 + base);
      assert(base >= needBase - slack, `holds ${base} base, positions need ${needBase}`);
      assert(quote >= needQuote - 1e-12 * (quote0 + quote), `holds ${quote} quote, positions need ${needQuote}`);
    }
    const p = pool.price();
    const z = pool.swap("sell", 0);
    equal(z.amountOut, 0, "zero out");
    equal(z.price, p, "price unchanged");
    pool.dispose();
  }
});

test("pool_cl: a round trip never profits, fee or no fee", () => {
  fc.assert(
    fc.property(
      pools,
      fc.boolean(),
      fc.double({ min: 1e-9, max: 30, noNaN: true }),
      ({ options, total }, sell, size) => {
        const pool = new ConcentratedLiquidityPool(options);
        const a = amountFor(sell, size, total, options.price);
        const there = pool.swap(sell ? "sell" : "buy", a);
        const back = pool.swap(sell ? "buy" : "sell", there.amountOut);
        pool.dispose();
        assert(back.amountOut <= there.amountIn, `round trip gave ${back.amountOut} for ${there.amountIn}`);
      },
    ),
    { seed: 11, numRuns: 300 },
  );
});

test("pool_cl: a swap larger than the liquidity stops at v3's price limit and returns the rest", () => {
  const pool = new ConcentratedLiquidityPool({
    price: 1,
    feePips: 3000,
    tickSpacing: 60,
    positions: [{ tickLower: -600, tickUpper: 600, liquidity: 1000 }],
  });
  equal(pool.liquidity, 1000, "active liquidity");
  equal(pool.tick, 0, "tick at price 1");
  const r = pool.swap("sell", 1e6);
  const s = Math.sqrt(1.0001 ** -600);
  assert(relative(r.amountOut, 1000 * (1 - s)) <= 1e-12, `all the quote: ${r.amountOut}`);
  const used = (1000 * (1 / s - 1)) / 0.997;
  assert(relative(r.amountIn, used) <= 1e-12, `used ${r.amountIn}`);
  assert(relative(r.remaining, 1e6 - used) <= 1e-12, `remaining ${r.remaining}`);
  assert(r.price < 3e-39, `price at the limit: ${r.price}`);
  equal(pool.tick, -887272, "tick at the limit");
  equal(pool.liquidity, 0, "no liquidity below");
  const back = pool.swap("buy", 1e-3);
  assert(
    back.amountOut > 0 && back.price > s * s && back.price < s * s * 1.001,
    "a small buy lifts the price into the range",
  );
  equal(pool.liquidity, 1000, "back in range");
  pool.dispose();
});

test("pool_cl: the tick table — sorted ticks, nets, and the liquidity of each range, exactly 0 where nothing is open", async () => {
  const core = await ownCore();
  const x = core.exports;
  const positions = [
    [-120, 60, 1e20],
    [-60, 120, 1],
    [60, 180, 2.5],
    [300, 360, 7],
    [-120, 60, 3],
  ];
  const m = positions.length;
  const self = x.alloc(Number(x.CL_BYTES.value));
  const ticks = x.alloc(x.clTicksBytes(m));
  const work = x.alloc(x.clScratchBytes(m));
  core.f64.set(
    positions.flatMap((p) => p[0]),
    work / 8,
  );
  core.f64.set(
    positions.flatMap((p) => p[1]),
    work / 8 + m,
  );
  core.f64.set(
    positions.flatMap((p) => p[2]),
    work / 8 + 2 * m,
  );
  const n = x.clInit(self, ticks, 1.0001 ** 70.5, 3000, 60, m, work);
  const table = Array.from({ length: n }, (_, i) => [0, 2, 3].map((w) => x.clTickInfo(self, i, w)));
  equal(
    JSON.stringify(table),
    JSON.stringify([
      [-120, 1e20 + 3, 1e20 + 3],
      [-60, 1e20 + 4, 1],
      [60, 3.5, 2.5 - 1e20 - 3],
      [120, 2.5, -1],
      [180, 0, -2.5],
      [300, 7, 7],
      [360, 0, -7],
    ]),
    "ticks, liquidity above, net",
  );
  equal(x.clGet(self, 2), 70, "tick");
  equal(x.clGet(self, 1), 3.5, "active liquidity: 1 + 2.5, the 1e20 position closed without a trace");
  for (const p of [self, ticks, work]) x.free(p);
});

test("pool_cl: bad input is rejected, naming the field", () => {
  const position = { tickLower: -60, tickUpper: 60, liquidity: 1e6 };
  const ok = { price: 1, feePips: 3000, tickSpacing: 60, positions: [position] };
  const make = (o: object) => () => new ConcentratedLiquidityPool({ ...ok, ...o } as never);
  throws(make({ price: 0 }), RangeError, /^"price" expected a finite number in \[1e-38, 1e38\], got 0$/);
  throws(make({ price: -2 }), RangeError, /"price".*got -2/);
  throws(make({ feePips: 1e6 }), RangeError, /"feePips" expected an integer in \[0, 999999\], got 1000000/);
  throws(make({ feePips: 0.5 }), RangeError, /"feePips".*got 0\.5/);
  throws(make({ tickSpacing: 0 }), RangeError, /"tickSpacing" expected an integer in \[1, 16384\], got 0/);
  throws(make({ tickSpacing: "60" }), TypeError, /"tickSpacing".*got "60"/);
  throws(
    make({ positions: [] }),
    RangeError,
    /"positions" expected between 1 and 1000000 positions, got "0 positions"/,
  );
  throws(make({ positions: {} }), TypeError, /"positions" expected an array/);
  throws(make({ positions: [position, 5] }), TypeError, /"positions\[1\]" expected an object, got 5/);
  throws(
    make({ positions: [{ ...position, tickLower: -61 }] }),
    RangeError,
    /^"positions\[0\]\.tickLower" expected a multiple of tickSpacing 60, got -61$/,
  );
  throws(
    make({ positions: [{ ...position, tickUpper: -60 }] }),
    RangeError,
    /"positions\[0\]\.tickUpper" expected a tick above tickLower -60, got -60/,
  );
  throws(make({ positions: [{ ...position, tickUpper: 887280 }] }), RangeError, /"positions\[0\]\.tickUpper".*887280/);
  throws(make({ positions: [{ ...position, liquidity: 0 }] }), RangeError, /"positions\[0\]\.liquidity".*got 0/);
  throws(make({ positions: [{ ...position, liquidity: -5 }] }), RangeError, /"positions\[0\]\.liquidity".*got -5/);
  throws(make({ positions: [{ ...position, liquidity: Number.NaN }] }), RangeError, /liquidity".*got NaN/);
  const pool = new ConcentratedLiquidityPool(ok);
  throws(() => pool.swap("short" as never, 1), RangeError, /"side" expected "buy" or "sell", got "short"/);
  throws(() => pool.swap("buy", -1), RangeError, /"amountIn".*got -1/);
  throws(() => pool.quote("buy", Number.NaN), RangeError, /"amountIn".*got NaN/);
  pool.dispose();
  throws(() => pool.swap("buy", 1), Error, /disposed/);
});
