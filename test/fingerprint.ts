/**
 * The bits every runtime must agree on: SHA-256 of the output columns of fixed workloads.
 * Each runner records them; the runners after Node compare theirs with Node's.
 * @module
 */
import {
  ConcentratedLiquidityPool,
  ConstantProductPool,
  generatePaths,
  greeks,
  OrderBook,
  type Pool,
  presets,
  type Scenario,
  StableSwapPool,
  simulate,
  stress,
} from "fracture";
import { fingerprint, rng } from "./harness.ts";
import { oracleFingerprintReport } from "./oracle_fixture.ts";
import { ethPool } from "./scenarios.ts";

/**
 * A deterministic option grid that reaches the tails and the edge rules. Only + − × ÷ here:
 * engines disagree in the last bit of Math.exp and Math.pow, which would change the inputs.
 */
function options(n: number) {
  const next = rng(20261124);
  const col = (f: () => number) => Float64Array.from({ length: n }, f);
  return {
    spot: col(() => 100),
    strike: col(() => {
      const u = next();
      return 100 * (0.12 + 8 * u * u * u); // 12 to 812: deep in and out of the money
    }),
    time: col(() => {
      const u = next();
      return next() < 0.02 ? 0 : 10 * u * u * u;
    }),
    vol: col(() => {
      const u = next();
      return next() < 0.02 ? 0 : 3 * u * u;
    }),
    rate: col(() => 0.2 * next() - 0.05),
    dividend: col(() => 0.1 * next()),
    call: Uint8Array.from({ length: n }, () => (next() < 0.5 ? 1 : 0)),
  };
}

/** The GEX profile of a chain of 2001 options over 301 spots. */
function exposure(): Float64Array {
  const next = rng(7);
  const n = 2001;
  const ch = greeks.chain({
    strike: Float64Array.from({ length: n }, () => 1000 + 2000 * next()),
    time: Float64Array.from({ length: n }, () => 0.01 + next()),
    call: Uint8Array.from({ length: n }, () => (next() < 0.5 ? 1 : 0)),
    vol: Float64Array.from({ length: n }, () => 0.3 + next()),
    openInterest: Float64Array.from({ length: n }, () => 1000 * next()),
    rate: 0.03,
  });
  return greeks.gammaExposure(
    ch,
    Float64Array.from({ length: 301 }, (_, k) => 1000 + 10 * k),
  );
}

/** 20,000 mixed operations on an order book with makers' depth, and its depth afterwards. */
function book(): Float64Array[] {
  const b = new OrderBook({ tickSize: 0.01, lotSize: 0.001, capacity: 20_000 });
  b.seedProfile(
    { mid: 2000, spreadBps: 2, levels: 200, levelBps: 2, qtyPerLevel: 40, decay: 0.99 },
    { halfLifeSeconds: 60 },
  );
  const next = rng(11);
  const n = 20_000;
  const op = Uint8Array.from({ length: n }, () => (next() < 0.7 ? 0 : next() < 0.5 ? 1 : 2));
  const limits: number[] = [];
  const out = b.batch({
    op,
    side: Uint8Array.from({ length: n }, () => (next() < 0.5 ? 0 : 1)),
    price: Float64Array.from({ length: n }, () => (190_000 + Math.floor(20_000 * next())) / 100),
    qty: Float64Array.from({ length: n }, () => (1 + Math.floor(20_000 * next())) / 1000),
    id: Float64Array.from({ length: n }, (_, i) => {
      if (op[i] === 0) limits.push(i);
      return op[i] === 2 && limits.length > 1 ? -(limits[Math.floor(next() * (limits.length - 1))] + 1) : 0;
    }),
  });
  b.replenish(30, 1990);
  const depth = [b.depth("buy", 50), b.depth("sell", 50)];
  b.dispose();
  return [out.id, out.filled, out.notional, out.remaining, ...depth.flatMap((d) => [d.price, d.qty])];
}

/** 3,000 swaps of random sides and sizes on each kind of pool: amounts out and prices after. */
function pools(): Float64Array[] {
  const next = rng(21);
  const positions = Array.from({ length: 200 }, () => {
    const from = Math.floor(next() * 200) - 100;
    const width = 1 + Math.floor(next() * 40);
    return { tickLower: 76020 + 60 * from, tickUpper: 76020 + 60 * (from + width), liquidity: 1e3 + next() * 1e6 };
  });
  // [pool, typical size of a swap in base, price to value it in quote]
  const made: [Pool, number, number][] = [
    [new ConstantProductPool({ reserveBase: 5000, reserveQuote: 1e7, feeBps: 30 }), 500, 2000],
    [new ConcentratedLiquidityPool({ price: 2000, feePips: 3000, tickSpacing: 60, positions }), 3000, 2000],
    [new StableSwapPool({ reserveBase: 4e6, reserveQuote: 5e6, amplification: 200, feeBps: 4 }), 4e5, 1],
  ];
  const columns: Float64Array[] = [];
  for (const [pool, scale, price] of made) {
    const n = 3000;
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const sell = next() < 0.5;
      const size = next() * next() * scale;
      const r = pool.swap(sell ? "sell" : "buy", sell ? size : size * price);
      out[2 * i] = r.amountOut;
      out[2 * i + 1] = r.price;
    }
    pool.dispose();
    columns.push(out);
  }
  return columns;
}

/** Every timeline column and the summary's numbers of each preset's run. */
function cascades(): Float64Array[] {
  const columns: Float64Array[] = [];
  const collect = (x: unknown): void => {
    if (x instanceof Float64Array) columns.push(x);
    else if (typeof x === "number") columns.push(Float64Array.of(x));
    else if (typeof x === "object" && x !== null) for (const v of Object.values(x)) collect(v);
  };
  for (const s of [...Object.values(presets), optionSellers()]) {
    const { timeline, summary } = simulate(s);
    collect(timeline);
    collect(summary);
  }
  return columns;
}

/** 60 option sellers on margin through a 25% fall (the presets have none). */
function optionSellers(): Scenario {
  const next = rng(31);
  const accounts = Array.from({ length: 60 }, () => ({
    collateral: 20 + 80 * next(),
    options: Array.from({ length: 1 + Math.floor(4 * next()) }, () => ({
      strike: 1500 + 1000 * next(),
      days: 1 + 60 * next(),
      call: next() < 0.5,
      qty: 1 + 20 * next(),
      vol: 0.4 + 0.8 * next(),
    })),
  }));
  return {
    version: 1,
    name: "option-sellers",
    steps: 80,
    ...ethPool(2000, 5000),
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "vault",
        type: "optionsVault",
        underlying: "ETH",
        oracle: "eth",
        venue: "pool",
        rate: 0.03,
        margin: { spotShock: 0.15, volShock: 0.25 },
        accounts,
      },
    ],
    liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool", maxPerStep: 3 }],
    shock: [{ type: "path", asset: "ETH", prices: [2000, 1500], everySteps: 60, pull: 0.3 }],
  };
}

/** 40 paths of every model at once, three assets correlated (the series: arithmetic only, no Math.exp). */
function paths(): Float64Array {
  const next = rng(41);
  const returns = Array.from({ length: 97 }, () => (next() - 0.52) * 0.04);
  const s: Scenario = {
    version: 1,
    name: "paths",
    steps: 300,
    stepSeconds: 600,
    seed: 4242,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8, model: { type: "gbm", drift: 0.1 } },
      {
        id: "BTC",
        price: 60_000,
        vol: 0.6,
        model: { type: "merton", jumpsPerYear: 400, jumpMean: -0.02, jumpVol: 0.03 },
      },
      { id: "SOL", price: 150, vol: 1.1, model: { type: "garch", alpha: 0.1, beta: 0.85, nu: 5 } },
      { id: "LINK", price: 15, model: { type: "bootstrap", returns, blockSteps: 8 } },
      { id: "UNI", price: 7, model: { type: "bootstrap", returns: returns.map((r) => -r), blockSteps: 8 } },
      { id: "USDC", price: 1 },
    ],
    correlations: [
      { assets: ["ETH", "BTC"], rho: 0.8 },
      { assets: ["SOL", "ETH"], rho: 0.6 },
    ],
    venues: [
      { id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 10, reserveQuote: 20_000 },
    ],
  };
  return generatePaths(s, { first: 1000, count: 40 }).prices;
}

/** The outcomes of 24 stress paths of a small market (in this thread). */
async function stressed(): Promise<Float64Array[]> {
  const s: Scenario = {
    ...presets.sharedOracle,
    steps: 40,
    shock: [],
    assets: [
      { id: "ETH", price: 2000, vol: 3 },
      { id: "USDC", price: 1 },
    ],
  };
  const r = await stress(s, { paths: 24, seed: 77 });
  return Object.values(r.outcomes);
}

export async function fingerprints(): Promise<Record<string, string>> {
  const input = options(50_000);
  const priced = greeks.bsm(input);
  return {
    "greeks.bsm": await fingerprint(Object.values(priced)),
    "greeks.impliedVol": await fingerprint([greeks.impliedVol({ ...input, price: priced.price })]),
    "greeks.gammaExposure": await fingerprint([exposure()]),
    OrderBook: await fingerprint(book()),
    pools: await fingerprint(pools()),
    simulate: await fingerprint(cascades()),
    generatePaths: await fingerprint([paths()]),
    stress: await fingerprint(await stressed()),
    riskOracle: await sha256((await oracleFingerprintReport()).text),
  };
}

/** SHA-256 (hex) of a text's UTF-8 bytes. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
