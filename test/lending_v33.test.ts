// Aave v3.3's liquidation rules as an option of the lending protocol (`aaveV33`), each alone and at
// its exact boundaries: the whole debt when the collateral or the debt being liquidated is worth
// less than 2,000 USD (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD; exactly 2,000 keeps the close factor),
// the close factor applied to the account's whole debt, a partial liquidation leaving at least 1,000
// USD (MIN_LEFTOVER_BASE; exactly 1,000 is allowed) of the debt and of the collateral — cut back to
// that when it would leave less — and the debt left without collateral written off into the asset's
// deficit. Constants: test/fixtures/lending_liquidations.json (aave_v3_3, from aave-dao/aave-v3-origin).
import { type Scenario, simulate } from "fracture";
import vectors from "./fixtures/lending_liquidations.json" with { type: "json" };
import { equal, near, test } from "./harness.ts";
import { aaveMarket, eventOf } from "./scenarios.ts";

type Position = { collateral: Record<string, number>; debt: Record<string, number> };
type Market = { liquidationThreshold: number; liquidationBonus: number; protocolFee?: number };

/** Aave's constants in USD: "2000e8" and "1000e8", base currency at 8 decimals. */
const usd = (x: string) => Number(x.split(" ")[0]) / 1e8;
const FULL_BELOW = usd(vectors.aave_v3_3.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD);
const MIN_LEFT = usd(vectors.aave_v3_3.MIN_LEFTOVER_BASE);

/** aaveMarket (test/scenarios.ts) with v3.3's rules unless `v33` is false, ETH's LT, a USDC market and the liquidator's capital. */
function market(
  ethPrice: number,
  positions: Position[],
  options: { v33?: boolean; ethLt?: number; usdc?: Market; capital?: number | null } = {},
): Scenario {
  const { v33 = true, ethLt = 0.825, usdc, capital = null } = options;
  const s = aaveMarket(ethPrice, positions, { liquidators: [{ id: "bot", capital, sellVenue: "pool" }] });
  const [p] = s.protocols ?? [];
  if (p.type !== "lending") throw new Error("a lending market");
  p.markets.ETH.liquidationThreshold = ethLt;
  if (usdc) p.markets.USDC = usdc;
  if (v33) p.aaveV33 = {};
  return s;
}

const first = (s: Scenario) => eventOf(simulate(s).events[0], "liquidation");

test("aave v3.3: the fixture's constants are Aave's (2,000 and 1,000 USD), and {} takes them", () => {
  equal(FULL_BELOW, 2000, "MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD");
  equal(MIN_LEFT, 1000, "MIN_LEFTOVER_BASE");
  const explicit = market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1700 } }]);
  const [p] = explicit.protocols ?? [];
  if (p.type === "lending") p.aaveV33 = { fullCloseBelowValue: FULL_BELOW, minLeftoverValue: MIN_LEFT };
  equal(first(explicit).repaid, first(market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1700 } }])).repaid, "same");
});

test("aave v3.3: a debt worth less than 2,000 is repaid whole at health 0.97; exactly 2,000 keeps the close factor and leaves exactly 1,000", () => {
  // 1 ETH at 2000 (LT 0.825: 1650) against 1,700 USDC: health 0.9706 > 0.95
  const small = [{ collateral: { ETH: 1 }, debt: { USDC: 1700 } }];
  equal(first(market(2000, small, { v33: false })).repaid, 850, "v3.0-3.2: half");
  equal(first(market(2000, small)).repaid, 1700, "v3.3: the whole debt (1,700 < 2,000)");
  // 1.2 ETH (1,980 of LT value) against 2,000 USDC: health 0.99
  const edge = (debt: number) => [{ collateral: { ETH: 1.2 }, debt: { USDC: debt } }];
  const at = first(market(2000, edge(FULL_BELOW)));
  equal(at.repaid, 1000, "debt exactly 2,000: the close factor, leaving exactly MIN_LEFTOVER_BASE of debt (allowed)");
  equal(first(market(2000, edge(1999.99))).repaid, 1999.99, "a cent below 2,000: the whole debt");
});

test("aave v3.3: a collateral worth less than 2,000 is seized whole; exactly 2,000 keeps the close factor, cut back to leave 1,000 of collateral", () => {
  // LT 0.99 so that a debt above 2,000 is liquidatable above health 0.95: 1 ETH against 2,050 USDC
  const position = [{ collateral: { ETH: 1 }, debt: { USDC: 2050 } }];
  // at 2000: health 1980/2050 = 0.9659; half the debt (1,025) would seize 0.538125 ETH, the
  // liquidator's part 0.5355625 (the fee is 10% of the bonus), leaving 0.4644375 ETH = 928.88 < 1,000
  const cut = first(market(2000, position, { ethLt: 0.99 }));
  near(cut.repaid, (2000 - MIN_LEFT) / (1 + 0.05 - 0.05 * 0.1), 1e-12, "repaid: the largest leaving 1,000 of ETH");
  near(
    (1 - (cut.seized - cut.fee)) * 2000,
    MIN_LEFT,
    1e-9,
    "ETH left, as the contract counts it (its balance less the liquidator's part)",
  );
  equal(first(market(2000, position, { ethLt: 0.99, v33: false })).repaid, 1025, "v3.0-3.2: half, leaving dust");
  // at 1999 the collateral is worth 1,999 < 2,000: the whole debt, capped by all the ETH; the rest is the deficit
  const run = simulate(market(1999, position, { ethLt: 0.99 }));
  const all = eventOf(run.events[0], "liquidation");
  equal(all.seized, 1, "all the ETH");
  near(all.repaid, 1999 / 1.05, 1e-12, "repaid: what all the ETH pays for");
  const deficit = 2050 - 1999 / 1.05;
  near(run.summary.badDebt, deficit, 1e-9, "bad debt, USDC");
  const aave = run.summary.protocols.aave;
  if (aave.type === "lending") {
    near(aave.deficit.USDC, deficit, 1e-9, "the USDC reserve's deficit, in USDC");
    equal(aave.deficit.ETH, 0, "no ETH owed");
  }
});

test("aave v3.3: the close factor applies to the account's whole debt, not to the asset's alone", () => {
  // 10,000 USDC (LT 0.875) against 3,000 USDC and 3 ETH (6,000) of debt: health 8750/9000 = 0.9722;
  // the largest debt, ETH, is repaid up to half of 9,000 (2.25 ETH), not half of its own 3 ETH
  const position = [{ collateral: { USDC: 10_000 }, debt: { USDC: 3000, ETH: 3 } }];
  const usdc = { liquidationThreshold: 0.875, liquidationBonus: 0.05 };
  equal(first(market(2000, position, { usdc })).repaid, 2.25, "v3.3: 0.5 × 9,000 / 2,000 ETH");
  equal(first(market(2000, position, { usdc, v33: false })).repaid, 1.5, "v3.0-3.2: half of the 3 ETH");
});

test("aave v3.3: a liquidator short of capital leaves at least 1,000 of debt, or liquidates nothing that step", () => {
  // 1 ETH at 2000 against 1,700 USDC: the whole debt may go, but 1,500 of capital would leave 200
  const cut = first(market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1700 } }], { capital: 1500 }));
  equal(cut.repaid, 1700 - MIN_LEFT, "cut back to leave exactly 1,000 of debt");
  // 0.5 ETH (1,000) against 900 USDC, health 0.917: with 300 of capital any repayment leaves < 1,000 of both
  const none = simulate(market(2000, [{ collateral: { ETH: 0.5 }, debt: { USDC: 900 } }], { capital: 300 }));
  equal(none.summary.liquidations, 0, "no liquidation allowed");
  equal(none.timeline.protocols.aave.waiting[0], 900, "the account waits, liquidatable");
  const whole = simulate(market(2000, [{ collateral: { ETH: 0.5 }, debt: { USDC: 900 } }], { capital: 900 }));
  equal(eventOf(whole.events[0], "liquidation").repaid, 900, "with the capital for all of it: liquidated whole");
});

test("aave v3.3: without the option, results are those of v3.0-3.2, and the deficit is reported either way", () => {
  const position = [{ collateral: { ETH: 10 }, debt: { USDC: 17_500 } }]; // example B: health 0.8014
  const old = simulate(market(1700, position, { v33: false }));
  const v33 = simulate(market(1700, position));
  equal(v33.summary.badDebt, old.summary.badDebt, "a full close below 0.95 is the same in both");
  const aave = old.summary.protocols.aave;
  if (aave.type === "lending") near(aave.deficit.USDC, old.summary.badDebt, 0, "deficit = bad debt in USDC at $1");
});
