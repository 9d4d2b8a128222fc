// Swaps per second of the AMM pools, in one run:
//   1. ConcentratedLiquidityPool swaps that each cross 10 initialized ticks, beside
//      @uniswap/v3-sdk's Pool.getOutputAmount on the same pool and the same swaps
//   2. ConstantProductPool and StableSwapPool swaps, for reference
//
//   npm run build && node benchmarks/pools.js
//
// Prints a table and writes build/bench/pools.json. See benchmarks/README.md.

import { createRequire } from "node:module";
import { ConcentratedLiquidityPool, ConstantProductPool, init, StableSwapPool } from "../dist/index.node.js";
import { machineInfo, printMachine, printTable, writeSummary } from "./common.js";

// the Uniswap packages' ESM builds use extensionless imports that Node's loader rejects: use their CommonJS
const require = createRequire(import.meta.url);
const { CurrencyAmount, Token } = require("@uniswap/sdk-core");
const { Pool, Tick, TickMath } = require("@uniswap/v3-sdk");

const Q96 = 2 ** 96;
const FEE = 3000;
const SPACING = 60;
const CENTER = 76020; // price ≈ 2000 (quote per base, raw units of two 18-decimal tokens)
const RANGES = 400; // one position per spacing: 401 initialized ticks
const CROSS = 10;

// ---- the pool: a position on every spacing around the price --------------------------------

const positions = Array.from({ length: RANGES }, (_, i) => {
  const k = i - RANGES / 2;
  // integers exactly representable as doubles, so both engines get the same liquidity
  return { tickLower: CENTER + SPACING * k, tickUpper: CENTER + SPACING * (k + 1), liquidity: 1e20 + (i % 7) * 1e19 };
});
const startTick = CENTER + SPACING / 2; // the middle of a range
const startSqrtX96 = BigInt(TickMath.getSqrtRatioAtTick(startTick).toString());
const startPrice = (Number(startSqrtX96) / Q96) ** 2;

const BASE = new Token(1, "0x0000000000000000000000000000000000000001", 18, "BASE");
const QUOTE = new Token(1, "0x0000000000000000000000000000000000000002", 18, "QUOTE");

function sdkPool() {
  const nets = new Map();
  for (const p of positions) {
    for (const [t, d] of [
      [p.tickLower, BigInt(p.liquidity)],
      [p.tickUpper, -BigInt(p.liquidity)],
    ]) {
      const e = nets.get(t) ?? { net: 0n, gross: 0n };
      nets.set(t, { net: e.net + d, gross: e.gross + (d < 0n ? -d : d) });
    }
  }
  const ticks = [...nets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, e]) => new Tick({ index, liquidityNet: e.net.toString(), liquidityGross: e.gross.toString() }));
  const active = positions.find((p) => p.tickLower <= startTick && startTick < p.tickUpper).liquidity;
  return new Pool(BASE, QUOTE, FEE, startSqrtX96.toString(), BigInt(active).toString(), startTick, ticks);
}

function ourPool() {
  return new ConcentratedLiquidityPool({ price: startPrice, feePips: FEE, tickSpacing: SPACING, positions });
}

/** The amount in (an integer) whose swap on `pool` ends at `price`, by bisection on quote(). */
function amountTo(pool, side, price) {
  let lo = 0;
  let hi = 1;
  const beyond = (a) => (side === "sell" ? pool.quote(side, a).price < price : pool.quote(side, a).price > price);
  while (!beyond(hi)) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    if (beyond(mid)) hi = mid;
    else lo = mid;
  }
  return Math.round(lo);
}

// ---- timing -----------------------------------------------------------------------------------

/** Runs `fn(i)` for at least `ms` (after a warm-up) and returns calls per second. */
async function rate(fn, ms, minCalls = 10) {
  const warm = performance.now();
  let i = 0;
  while (performance.now() - warm < ms / 5 || i < minCalls / 2) await fn(i++);
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms || calls < minCalls) {
    for (let k = 0; k < 64; k++) await fn(i++);
    calls += 64;
    t = performance.now();
  }
  return (calls / (t - t0)) * 1e3;
}

/** The same, for synchronous work in batches (no await per call). */
function rateSync(fn, ms) {
  const warm = performance.now();
  let i = 0;
  while (performance.now() - warm < ms / 5) fn(i++);
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 4096; k++) fn(i++);
    calls += 4096;
    t = performance.now();
  }
  return (calls / (t - t0)) * 1e3;
}

function ticksBetween(a, b) {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  let n = 0;
  for (let t = CENTER - (SPACING * RANGES) / 2; t <= CENTER + (SPACING * RANGES) / 2; t += SPACING) {
    if (t > lo && t <= hi) n++;
  }
  return n;
}

// ---- run --------------------------------------------------------------------------------------

await init();
const machine = machineInfo();
const date = new Date().toISOString();
printMachine(machine, date);
console.log();

// the swaps: a sell that ends 10 ranges lower, and the buy that brings the price back
const ours = ourPool();
const lowPrice = 1.0001 ** (startTick - CROSS * SPACING);
const sellIn = amountTo(ours, "sell", lowPrice);
const fwd = ours.swap("sell", sellIn);
const buyIn = amountTo(ours, "buy", startPrice);
const backTick = ours.tick;
const back = ours.swap("buy", buyIn);
const crossed = [ticksBetween(startTick, backTick), ticksBetween(backTick, ours.tick)];

// the SDK on the same pool and swaps, chained the same way; its results check ours
const sdk0 = sdkPool();
const [sdkOut1, sdk1] = await sdk0.getOutputAmount(CurrencyAmount.fromRawAmount(BASE, String(sellIn)));
const [sdkOut2, sdk2] = await sdk1.getOutputAmount(CurrencyAmount.fromRawAmount(QUOTE, String(buyIn)));
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const agreement = Math.max(
  rel(fwd.amountOut, Number(sdkOut1.quotient.toString())),
  rel(back.amountOut, Number(sdkOut2.quotient.toString())),
  rel(fwd.price, (Number(sdk1.sqrtRatioX96.toString()) / Q96) ** 2),
  rel(back.price, (Number(sdk2.sqrtRatioX96.toString()) / Q96) ** 2),
);
console.log(
  `Swaps: sell ${sellIn.toExponential(4)} base (crosses ${crossed[0]} initialized ticks), then buy ` +
    `${buyIn.toExponential(4)} quote (crosses ${crossed[1]}); 401 initialized ticks, spacing ${SPACING}, fee ${FEE} pips.`,
);
console.log(`fracture vs @uniswap/v3-sdk on these swaps: amounts and prices within ${agreement.toExponential(1)}`);
console.log();

const sides = ["sell", "buy"];
const amounts = [sellIn, buyIn];
const rows = [];
rows.push({
  engine: "fracture ConcentratedLiquidityPool.swap (alternating, state kept)",
  perSecond: rateSync((i) => ours.swap(sides[i & 1], amounts[i & 1]), 1500),
});
const fresh = ourPool();
rows.push({
  engine: "fracture ConcentratedLiquidityPool.quote (the sell, state unchanged)",
  perSecond: rateSync(() => fresh.quote("sell", sellIn), 1500),
});
const sdkAmounts = [
  CurrencyAmount.fromRawAmount(BASE, String(sellIn)),
  CurrencyAmount.fromRawAmount(QUOTE, String(buyIn)),
];
let sdkPoolNow = sdk0;
rows.push({
  engine: "@uniswap/v3-sdk Pool.getOutputAmount (alternating, on the pool it returns)",
  perSecond: await rate(async (i) => {
    const [, next] = await sdkPoolNow.getOutputAmount(sdkAmounts[i & 1]);
    sdkPoolNow = next;
  }, 3000),
});
rows.push({
  engine: "@uniswap/v3-sdk Pool.getOutputAmount (the sell, same pool)",
  perSecond: await rate(() => sdk0.getOutputAmount(sdkAmounts[0]), 3000),
});
const sdkRate = rows[2].perSecond;
// still oscillating between the two ranges after millions of swaps (no drift)
const lowTick = startTick - CROSS * SPACING;
const check = [startTick, lowTick].some((t) => Math.abs(ours.tick - t) <= 1) && crossed.every((c) => c === CROSS);

const cp = new ConstantProductPool({ reserveBase: 5e21, reserveQuote: 1e25, feeBps: 30 });
const cpAmounts = [5e19, 1e23];
const stable = new StableSwapPool({ reserveBase: 4e25, reserveQuote: 5e25, amplification: 200, feeBps: 4 });
const stAmounts = [4e23, 4e23];
const reference = [
  {
    engine: "fracture ConstantProductPool.swap (1% of the reserve, alternating)",
    perSecond: rateSync((i) => cp.swap(sides[i & 1], cpAmounts[i & 1]), 1000),
  },
  {
    engine: "fracture StableSwapPool.swap (1% of the balance, alternating)",
    perSecond: rateSync((i) => stable.swap(sides[i & 1], stAmounts[i & 1]), 1000),
  },
];

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));
printTable(
  ["swaps crossing 10 initialized ticks", "swaps/s", "µs/swap", "× v3-sdk"],
  [
    ...rows.map((r) => [
      r.engine,
      fmt(r.perSecond),
      (1e6 / r.perSecond).toFixed(3),
      (r.perSecond / sdkRate).toFixed(0),
    ]),
    ["", "", "", ""],
    ["reference (no tick crossing)", "swaps/s", "µs/swap", ""],
    ...reference.map((r) => [r.engine, fmt(r.perSecond), (1e6 / r.perSecond).toFixed(3), ""]),
  ],
);
console.log();
const ratio = rows[0].perSecond / sdkRate;
console.log(
  `Target of issue 4: concentrated-liquidity swaps across 10 ticks at least 100x @uniswap/v3-sdk — ` +
    `${ratio >= 100 ? "met" : "MISSED"}, ${ratio.toFixed(0)}x (swap against swap, both alternating and chained).`,
);
if (!check) console.log(`warning: the price drifted or a swap crossed other than ${CROSS} ticks (${crossed}).`);

const written = writeSummary("pools", { date, machine, crossed, agreement, concentrated: rows, reference });
console.log(`summary: ${written}`);
