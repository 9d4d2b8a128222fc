// ConcentratedLiquidityPool against @uniswap/v3-sdk itself (Node only: the portable suite does
// not depend on the SDK). Random pools of many positions, swaps that cross many initialized
// ticks, chained on the pool each swap leaves: amounts out and prices within 1e-9 relative.
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool, Tick, TickMath } from "@uniswap/v3-sdk";
import fc from "fast-check";
import { ConcentratedLiquidityPool, init, type Position } from "fracture";
import JSBI from "jsbi";
import { expect, test } from "vitest";

const BASE = new Token(1, "0x0000000000000000000000000000000000000001", 18, "BASE");
const QUOTE = new Token(1, "0x0000000000000000000000000000000000000002", 18, "QUOTE");
const SPACING: Record<number, number> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };
const Q96 = 2 ** 96;

interface Case {
  fee: number;
  sqrtX96: bigint;
  positions: { tickLower: number; tickUpper: number; liquidity: bigint }[];
  swaps: { sell: boolean; share: number }[];
}

/** A pool around a random tick: 30–60 positions of integer liquidity up to 1e21 on the fee's spacing. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    fee: fc.constantFrom(100, 500, 3000, 10000),
    tick: fc.integer({ min: -60_000, max: 60_000 }),
    frac: fc.integer({ min: 0, max: 999 }),
    raw: fc.array(
      fc.record({
        from: fc.integer({ min: -60, max: 60 }),
        width: fc.integer({ min: 1, max: 30 }),
        liquidity: fc.bigInt({ min: 10n ** 15n, max: 10n ** 21n }),
      }),
      { minLength: 30, maxLength: 60 },
    ),
    swaps: fc.array(fc.record({ sell: fc.boolean(), share: fc.double({ min: 0.1, max: 0.9, noNaN: true }) }), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .map(({ fee, tick, frac, raw, swaps }) => {
    const spacing = SPACING[fee];
    const lo = BigInt(TickMath.getSqrtRatioAtTick(tick).toString());
    const hi = BigInt(TickMath.getSqrtRatioAtTick(tick + 1).toString());
    const sqrtX96 = lo + ((hi - lo) * BigInt(frac)) / 1000n;
    const mid = Math.round(tick / spacing) * spacing;
    const positions = raw.map((r) => ({
      tickLower: mid + r.from * spacing,
      tickUpper: mid + (r.from + r.width) * spacing,
      liquidity: r.liquidity,
    }));
    return { fee, sqrtX96, positions, swaps };
  });

/** The SDK's pool of a case, at √P·2^96 `sqrtX96`. */
function sdkPool(c: Case, sqrtX96: bigint): Pool {
  const nets = new Map<number, { net: bigint; gross: bigint }>();
  for (const p of c.positions) {
    for (const [t, d] of [
      [p.tickLower, p.liquidity],
      [p.tickUpper, -p.liquidity],
    ] as const) {
      const e = nets.get(t) ?? { net: 0n, gross: 0n };
      nets.set(t, { net: e.net + d, gross: e.gross + p.liquidity });
    }
  }
  const ticks = [...nets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, e]) => new Tick({ index, liquidityNet: e.net.toString(), liquidityGross: e.gross.toString() }));
  const tick = TickMath.getTickAtSqrtRatio(JSBI.BigInt(sqrtX96.toString()));
  const active = c.positions.reduce((a, p) => (p.tickLower <= tick && tick < p.tickUpper ? a + p.liquidity : a), 0n);
  return new Pool(BASE, QUOTE, c.fee, sqrtX96.toString(), active.toString(), tick, ticks);
}

/** Tokens the positions hold at √P `s` (f64; only to size the swaps). */
function holdings(c: Case, s: number): [number, number] {
  let base = 0;
  let quote = 0;
  for (const p of c.positions) {
    const a = 1.0001 ** (p.tickLower / 2);
    const b = 1.0001 ** (p.tickUpper / 2);
    const m = Math.min(Math.max(s, a), b);
    base += (Number(p.liquidity) * (b - m)) / (b * m);
    quote += Number(p.liquidity) * (m - a);
  }
  return [base, quote];
}

function relative(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

test("ConcentratedLiquidityPool agrees with @uniswap/v3-sdk's getOutputAmount within 1e-9 across many ticks", async () => {
  await init();
  let swaps = 0;
  let crossed = 0;
  let worst = 0;
  const samples = fc.sample(cases, { seed: 42, numRuns: 60 });
  for (const c of samples) {
    const ours = new ConcentratedLiquidityPool({
      price: (Number(c.sqrtX96) / Q96) ** 2,
      feePips: c.fee,
      tickSpacing: SPACING[c.fee],
      positions: c.positions.map((p): Position => ({ ...p, liquidity: Number(p.liquidity) })),
    });
    let theirs = sdkPool(c, c.sqrtX96);
    for (const t of c.swaps) {
      const s = Number(BigInt(theirs.sqrtRatioX96.toString())) / Q96;
      const [base, quote] = holdings(c, s);
      // a share of what the other side holds, valued at the price: it never runs out
      const amount = BigInt(Math.floor((t.sell ? quote / (s * s) : base * s * s) * t.share));
      if (amount < 10n ** 9n) continue;
      const before = ours.tick;
      const [out, next] = await theirs.getOutputAmount(
        CurrencyAmount.fromRawAmount(t.sell ? BASE : QUOTE, amount.toString()),
      );
      const got = ours.swap(t.sell ? "sell" : "buy", Number(amount));
      const want = Number(BigInt(out.quotient.toString()));
      const price = (Number(BigInt(next.sqrtRatioX96.toString())) / Q96) ** 2;
      const where = `${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))} ${t.sell ? "sell" : "buy"} ${amount}`;
      expect(relative(got.amountOut, want), `amount out: ${got.amountOut} vs ${want}; ${where}`).toBeLessThanOrEqual(
        1e-9,
      );
      expect(relative(got.price, price), `price: ${got.price} vs ${price}; ${where}`).toBeLessThanOrEqual(1e-9);
      expect(got.remaining).toBe(0);
      expect(ours.tick).toBe(next.tickCurrent);
      worst = Math.max(worst, relative(got.amountOut, want), relative(got.price, price));
      crossed += c.positions
        .flatMap((p) => [p.tickLower, p.tickUpper])
        .filter((x, i, all) => {
          const [lo, hi] = before < ours.tick ? [before, ours.tick] : [ours.tick, before];
          return all.indexOf(x) === i && x > lo && x <= hi;
        }).length;
      swaps++;
      theirs = next;
    }
    ours.dispose();
  }
  expect(swaps).toBeGreaterThan(150);
  expect(crossed / swaps).toBeGreaterThan(6); // initialized ticks crossed per swap, on average
  console.log(
    `${swaps} swaps, ${(crossed / swaps).toFixed(1)} initialized ticks crossed per swap, worst ${worst.toExponential(2)}`,
  );
});

test("a swap through all the liquidity stops where the SDK stops (its price limit)", async () => {
  await init();
  const c = fc.sample(cases, { seed: 7, numRuns: 1 })[0];
  for (const sell of [true, false]) {
    const ours = new ConcentratedLiquidityPool({
      price: (Number(c.sqrtX96) / Q96) ** 2,
      feePips: c.fee,
      tickSpacing: SPACING[c.fee],
      positions: c.positions.map((p) => ({ ...p, liquidity: Number(p.liquidity) })),
    });
    const s = Number(c.sqrtX96) / Q96;
    const [base, quote] = holdings(c, s);
    // ten times everything the pool holds, valued in the input token
    const amount = BigInt(Math.floor(10 * (sell ? base + quote / (s * s) : quote + base * s * s)));
    const [out, next] = await sdkPool(c, c.sqrtX96).getOutputAmount(
      CurrencyAmount.fromRawAmount(sell ? BASE : QUOTE, amount.toString()),
    );
    const got = ours.swap(sell ? "sell" : "buy", Number(amount));
    expect(relative(got.amountOut, Number(BigInt(out.quotient.toString())))).toBeLessThanOrEqual(1e-9);
    expect(relative(Math.sqrt(got.price), Number(BigInt(next.sqrtRatioX96.toString())) / Q96)).toBeLessThanOrEqual(
      1e-9,
    );
    expect(got.remaining).toBeGreaterThan(0);
    expect(ours.tick).toBe(next.tickCurrent);
    ours.dispose();
  }
});
