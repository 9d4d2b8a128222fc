// Portfolio (cross) margin perps through simulate(): the account's margin ratio over several
// markets and haircut collateral, market orders on the venues (fills from the pools' math), the
// fee, collateral sold to cover a loss, the backstop vault's takeover and its equity, ADL at the
// bankruptcy price against the opposite side ranked by profit × leverage, an index oracle,
// generated accounts, order independence and bad input.
import { liquidationLadder, type Scenario, ScenarioError, simulate } from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";
import { eventOf, eventsOf, protocolOf } from "./scenarios.ts";

const GAMMA = 0.997; // the pools' 30 bps fee
/** Quote for selling q base into a pool of (base, quote) reserves (Uniswap v2 getAmountOut). */
const sell = (q: number, base: number, quote: number) => (quote * q * GAMMA) / (base + q * GAMMA);

type Account = {
  collateral: Record<string, number>;
  positions?: Record<string, { size: number; entryPrice: number }>;
};
type Extra = { backstop?: object; insuranceFund?: number; haircut?: number };

/**
 * ETH marked at `eth` and BTC at `btc` by spot oracles on the assets' own prices (the pools' moves
 * do not reach them), each liquidating on a pool of 1000 ETH / 100 BTC at that price; mm 5% and
 * 2%, fee 1%; collateral USDC (no venue) and USDE (a 1M-deep pool, haircut 10%).
 */
function venue(eth: number, btc: number, accounts: Account[], extra: Extra = {}): Scenario {
  return {
    version: 1,
    name: "portfolio-test",
    steps: 3,
    assets: [
      { id: "ETH", price: eth },
      { id: "BTC", price: btc },
      { id: "USDC", price: 1 },
      { id: "USDE", price: 1 },
    ],
    venues: [
      {
        id: "eth-pool",
        type: "constantProduct",
        base: "ETH",
        quote: "USDC",
        reserveBase: 1000,
        reserveQuote: 1000 * eth,
      },
      {
        id: "btc-pool",
        type: "constantProduct",
        base: "BTC",
        quote: "USDC",
        reserveBase: 100,
        reserveQuote: 100 * btc,
      },
      { id: "usde-pool", type: "constantProduct", base: "USDE", quote: "USDC", reserveBase: 1e6, reserveQuote: 1e6 },
    ],
    oracles: [
      { id: "eth", type: "spot", source: "ETH" },
      { id: "btc", type: "spot", source: "BTC" },
      { id: "usde", type: "spot", source: "usde-pool" },
    ],
    protocols: [
      {
        id: "x",
        type: "portfolio",
        markets: {
          ETH: { oracle: "eth", venue: "eth-pool", maintenanceMargin: 0.05 },
          BTC: { oracle: "btc", venue: "btc-pool", maintenanceMargin: 0.02 },
        },
        collateral: {
          USDC: {},
          USDE: { oracle: "usde", haircut: extra.haircut ?? 0.1, venue: "usde-pool" },
        },
        liquidationFee: 0.01,
        insuranceFund: extra.insuranceFund ?? 0,
        ...(extra.backstop ? { backstop: extra.backstop as never } : {}),
        accounts,
      },
    ],
  };
}

// long 10 ETH from 2000 and short 1 BTC from 50,000
const pair = { ETH: { size: 10, entryPrice: 2000 }, BTC: { size: -1, entryPrice: 50_000 } };

test("portfolio: the margin ratio sums every market and haircut collateral; at 1 it is safe", () => {
  // at ETH 1800, BTC 50,000: PnL −2000; margin 5%·18,000 + 2%·50,000 = 1900.
  // equity = USDC + 0.9·USDE − 2000: with 1000 USDC + 3222.2… USDE it is 1000 + 2900 − 2000 = 1900
  const safe = venue(1800, 50_000, [{ collateral: { USDC: 1000, USDE: 2900 / 0.9 }, positions: pair }]);
  equal(simulate(safe).summary.liquidations, 0, "ratio exactly 1");
  const under = venue(1800, 50_000, [{ collateral: { USDC: 999, USDE: 2900 / 0.9 }, positions: pair }]);
  equal(simulate(under).summary.liquidations, 1, "just below");
  // the same account counts USDE at its full value when the haircut is 0
  const full = venue(1800, 50_000, [{ collateral: { USDC: 999, USDE: 2900 / 0.9 }, positions: pair }], { haircut: 0 });
  equal(simulate(full).summary.liquidations, 0, "no haircut: safe");
});

test("portfolio: a liquidation closes every position on its venue; the fee goes to the fund", () => {
  const { summary, events } = simulate(
    venue(1800, 50_000, [{ collateral: { USDC: 1500 }, positions: pair }], { insuranceFund: 100 }),
  );
  const closes = eventsOf(events, "accountClose");
  equal(closes.length, 2, "two market orders");
  // markets in the order of their ids: BTC (0) then ETH (1)
  const btc = closes[0];
  const eth = closes[1];
  equal(btc.market, 0, "BTC first");
  equal(btc.size, -1, "buys back the short");
  equal(eth.size, 10, "sells the long");
  const gotEth = sell(10, 1000, 1.8e6);
  near(eth.price, gotEth / 10, 1e-9, "ETH fill");
  // buying 1 BTC from 100 BTC / 5M: in = 5e6·1 / ((100 − 1)·0.997)
  const paidBtc = (5e6 * 1) / (99 * GAMMA);
  near(btc.price, paidBtc, 1e-6, "BTC fill");
  const p = protocolOf(summary, "x", "portfolio");
  // cash after: 1500 + (gotEth − 20,000) + (50,000 − paidBtc); fee 1% of the notional closed
  const left = 1500 + gotEth - 20_000 + 50_000 - paidBtc;
  const fee = Math.min(Math.max(left, 0), 0.01 * (gotEth + paidBtc));
  near(p.insuranceFees, fee, 1e-6, "fee");
  near(p.insuranceFund, 100 + fee - p.insuranceDrawn, 1e-6, "fund");
  near(summary.badDebt, left - fee < 0 ? -(left - fee) - p.insuranceDrawn : 0, 1e-6, "bad debt beyond the fund");
});

test("portfolio: an order stops at the account's bankruptcy price; the rest waits", () => {
  // long 10 ETH from 2000 at 1800 with 2100 USDC: worth 100, so the order sells down to 1800 − 100/10
  // = 1790 at most; on the pool that is x with 1.8e9 / ((1000 + 0.997x)(1000 + x)) = 1790
  const s = venue(1800, 50_000, [{ collateral: { USDC: 2100 }, positions: { ETH: { size: 10, entryPrice: 2000 } } }]);
  s.steps = 1;
  const close = eventOf(simulate(s).events[0], "accountClose");
  let [lo, hi] = [0, 10];
  for (let k = 0; k < 200; k++) {
    const x = (lo + hi) / 2;
    if (1.8e9 / ((1000 + GAMMA * x) * (1000 + x)) > 1790) lo = x;
    else hi = x;
  }
  near(close.size, lo, 1e-6, "sold down to 1790");
  // the limit is the pool's price: its 0.3% fee comes on top of it
  assert(close.size < 10 && close.price > 1790 * GAMMA, "a part, above the bankruptcy price less the fee");
});

test("portfolio: once flat, a negative cash balance sells collateral on its venue", () => {
  // long 10 ETH from 2000 at 1700: −3000 and slippage realized; 4000 USDE (3600 of margin) cover it
  const { summary, events } = simulate(
    venue(1700, 50_000, [{ collateral: { USDE: 4000 }, positions: { ETH: { size: 10, entryPrice: 2000 } } }]),
  );
  const gotEth = sell(10, 1000, 1.7e6);
  const sale = eventOf(eventsOf(events, "collateralSale")[0], "collateralSale");
  equal(sale.collateral, 1, "USDE (collateral in id order: USDC, USDE)");
  // the loss, and the 1% fee taken from what the account is worth once its position is closed
  const need = 20_000 - gotEth + 0.01 * gotEth;
  near(sale.proceeds, need, 1e-6, "sells just enough to cover the loss and the fee");
  near(sale.amount, (need * 1e6) / ((1e6 - need) * GAMMA), 1e-4, "the pool's amount in for that quote");
  const p = protocolOf(summary, "x", "portfolio");
  near(p.collateralRaised, sale.proceeds, 1e-9, "raised");
  equal(summary.badDebt, 0, "covered");
});

test("portfolio: below 2/3 of its margin the backstop vault takes the account; its equity marks to market", () => {
  // at ETH 1800, one long 10 from 2000 with 2400 USDC: equity 2400 − 2000 = 400 < 2/3 · 900
  const s = venue(1800, 50_000, [{ collateral: { USDC: 2400 }, positions: { ETH: { size: 10, entryPrice: 2000 } } }], {
    backstop: { capital: 1e6 },
  });
  const { summary, events, timeline } = simulate(s);
  const b = eventOf(eventsOf(events, "backstop")[0], "backstop");
  near(b.notional, 18_000, 1e-9, "notional at the mark");
  near(b.equity, 400, 1e-9, "the trader's equity goes to the vault");
  near(b.marginRatio, 400 / 900, 1e-12, "ratio");
  equal(eventsOf(events, "accountClose").length, 0, "nothing on the venue");
  const p = protocolOf(summary, "x", "portfolio");
  equal(p.vaultTakeovers, 1, "one takeover");
  near(p.vaultEquity, 1e6 + 400, 1e-6, "capital + the equity it took (marks unchanged)");
  equal(timeline.protocols.x.extraName, "reserve", "the vault's equity in the timeline");
  near(timeline.protocols.x.extra[0], 1e6 + 400, 1e-6, "series");
  // between 2/3 and 1 the book takes it
  const book = venue(
    1800,
    50_000,
    [{ collateral: { USDC: 2700 }, positions: { ETH: { size: 10, entryPrice: 2000 } } }],
    {
      backstop: { capital: 1e6 },
    },
  );
  equal(eventsOf(simulate(book).events, "accountClose").length, 1, "ratio 0.78: market order");
});

test("portfolio: a vault past its loss limit takes nothing; a bankrupt account is deleveraged at its bankruptcy price", () => {
  // account 0: long 10 ETH from 2000 with 1000 USDC at 1800 → worth −1000, bankrupt.
  // accounts 1, 2: shorts from 2000 in profit; 2 ranks first (higher leverage)
  const accounts: Account[] = [
    { collateral: { USDC: 1000 }, positions: { ETH: { size: 10, entryPrice: 2000 } } },
    { collateral: { USDC: 20_000 }, positions: { ETH: { size: -6, entryPrice: 2000 } } },
    { collateral: { USDC: 5000 }, positions: { ETH: { size: -6, entryPrice: 2000 } } },
  ];
  // taking account 0 (worth −1000) would leave a vault of 1500 down 67%, past its 50% limit
  const { summary, events } = simulate(venue(1800, 50_000, accounts, { backstop: { capital: 1500, lossLimit: 0.5 } }));
  const fills = eventsOf(events, "accountAdl");
  equal(fills.length, 2, "two fills");
  const bankrupt = 1800 + 1000 / 10; // E(b) = −1000 + 10·(b − 1800) = 0
  equal(fills[0].position, 2, "the higher score first: (1200/6200)·(10,800/6200) > (1200/21,200)·(10,800/21,200)");
  equal(fills[0].size, -6, "closes all 6");
  near(fills[0].price, bankrupt, 1e-9, "at the bankruptcy price");
  equal(fills[1].position, 1, "then the other");
  equal(fills[1].size, -4, "the 4 left");
  const p = protocolOf(summary, "x", "portfolio");
  equal(p.adlFills, 2, "fills");
  equal(p.adlAccounts, 2, "accounts");
  near(p.adlNotional, 10 * 1800, 1e-9, "at the mark");
  equal(summary.badDebt, 0, "ADL leaves no bad debt");
  equal(eventsOf(events, "accountClose").length, 0, "nothing traded");
  // with no loss limit the same vault takes the account and is down 1000
  const taken = simulate(venue(1800, 50_000, accounts, { backstop: { capital: 1500 } })).summary;
  equal(protocolOf(taken, "x", "portfolio").vaultTakeovers, 1, "taken over");
  near(protocolOf(taken, "x", "portfolio").vaultEquity, 500, 1e-9, "1500 − 1000");
});

test("portfolio: an index oracle publishes the weighted mean of its sources", () => {
  const s = venue(1800, 50_000, []);
  s.oracles = [
    ...(s.oracles ?? []),
    { id: "mix", type: "index", sources: ["usde-pool", "USDE", "eth-pool"], weights: [0.5, 0.3, 0.2] },
  ];
  s.shock = [{ type: "sell", venue: "usde-pool", qty: 1e6, step: 0 }];
  const { timeline } = simulate(s);
  const book = timeline.oracles.mix;
  const usdePool = timeline.venues["usde-pool"].price[0];
  const ethPool = timeline.venues["eth-pool"].price[0];
  near(book[0], 0.5 * usdePool + 0.3 * 1 + 0.2 * ethPool, 1e-12, "weighted mean");
  throws(
    () => simulate({ ...s, oracles: [{ id: "mix", type: "index", sources: ["USDE"], weights: [0.9] }] }),
    ScenarioError,
    /weights summing to 1/,
  );
});

test("portfolio: generated accounts start safe; listing markets and collateral in another order changes no bit", () => {
  const gen = (markets: Record<string, number>, collateral: Record<string, number>): Scenario => {
    const s = venue(2000, 50_000, []);
    const p = s.protocols?.[0] as { accounts: unknown };
    p.accounts = {
      generate: { count: 500, totalNotional: 5e6, leverage: { min: 2, max: 15 }, longShare: 0.7, markets, collateral },
    };
    s.steps = 30;
    s.shock = [{ type: "drop", asset: "ETH", fraction: 0.12, steps: 10 }];
    return s;
  };
  const a = simulate(gen({ ETH: 0.6, BTC: 0.4 }, { USDC: 0.5, USDE: 0.5 }));
  const b = simulate(gen({ BTC: 0.4, ETH: 0.6 }, { USDE: 0.5, USDC: 0.5 }));
  assert(a.summary.liquidations > 0, "the drop liquidates some");
  equal(JSON.stringify(a.summary), JSON.stringify(b.summary), "same summary");
  const still = simulate({ ...gen({ ETH: 0.6, BTC: 0.4 }, { USDC: 1 }), shock: [] });
  equal(still.summary.liquidations, 0, "nothing liquidatable at step 0");
});

test("portfolio: the ladder puts an account at the price of the asset where its margin ratio reaches 1", () => {
  // long 10 ETH from 2000 with 1500 USDC: 1500 + 10·(P − 2000) = 5%·10·P at P = 18,500/9.5 = 1947.37,
  // the first level at or below it on a 50 bps grid is −3% (1940); a BTC short moves with BTC only
  const s = venue(2000, 50_000, [
    { collateral: { USDC: 1500 }, positions: { ETH: { size: 10, entryPrice: 2000 } } },
    { collateral: { USDC: 1e6 }, positions: { ETH: { size: 1, entryPrice: 2000 } } },
    { collateral: { USDC: 100 }, positions: { BTC: { size: -1, entryPrice: 50_000 } } },
  ]);
  const l = liquidationLadder(s, { asset: "ETH", stepBps: 50, levels: 190 });
  equal(l.collateral[6], 10, "10 ETH at level 6");
  near(l.debt[6], 10 * 1940, 1e-9, "valued at the level");
  equal(l.cumulativeCollateral[189], 10, "the well-margined long and the BTC short are not on ETH's ladder");
});

test("portfolio: bad input names the field", () => {
  const s = venue(2000, 50_000, [{ collateral: { DAI: 1 }, positions: { SOL: { size: 1, entryPrice: 1 } } }]);
  throws(() => simulate(s), ScenarioError, /protocols\[0\]\.accounts\[0\]\.collateral\.DAI/);
  throws(() => simulate(s), ScenarioError, /protocols\[0\]\.accounts\[0\]\.positions\.SOL/);
  const g = venue(2000, 50_000, []);
  (g.protocols?.[0] as { accounts: unknown }).accounts = {
    generate: {
      count: 1,
      totalNotional: 1,
      leverage: { min: 2, max: 40 },
      markets: { ETH: 0.5 },
      collateral: { USDC: 1 },
    },
  };
  throws(() => simulate(g), ScenarioError, /generate\.markets.*summing to 1/);
  throws(() => simulate(g), ScenarioError, /leverage\.max/);
});
