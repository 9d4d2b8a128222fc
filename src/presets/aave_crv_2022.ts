/**
 * `presets.aaveCrv2022`: the 92M CRV short on Aave v2, 22 November 2022. A trader borrowed 92M
 * CRV against USDC and sold it; CRV fell from $0.53 to $0.40, then rallied more than 50% to $0.61
 * and above $0.63, and the position was liquidated: 385 transactions over about 50 minutes, about
 * $63.6M of USDC seized, 2.64M CRV (≈ $1.7M) of bad debt. The mechanism: a debt asset whose price
 * rises into thin liquidity — each liquidator must buy the CRV it repays, and its purchases push
 * CRV up. Sources: [B] Blockworks, "Feature or Flaw? Aave Left With $1.7M in Bad Debt", 23 Nov
 * 2022 (92M CRV, $63.6M USDC, liquidation threshold 88%, 385 transactions, 50 minutes, 2.64M CRV);
 * [T] The Block via cryptovesti.ru and Coinspeaker, 22 Nov 2022 (CRV $0.53 → $0.40 → $0.61, then
 * above $0.63; liquidation above $0.63 at a health factor of 1.08 earlier); [M] Aave v2's rules
 * (close factor 50% whatever the health; USDC's liquidation bonus 4.5%); [A] an assumption.
 *
 * Not public: the depth of CRV's markets that day (here one book standing for all venues, 100,000
 * CRV per 0.1% level over 40% [A]), how fast the wider market pulls it back (10% of the gap a block
 * [A]), and the oracle (Chainlink's CRV feed, here a push oracle on that book, 1% deviation [A]).
 * Sensitivity (`fracture replay aaveCrv2022 --sensitivity`):
 *
 * | input | value | liquidations | USDC seized | bad debt (CRV) |
 * | --- | --- | --- | --- | --- |
 * | CRV's outside peak | $0.63 (reported, used) | 259 | 19.32M | 0 |
 * | | $0.66 | 691 | 56.62M | 0 |
 * | | $0.70 | 816 | 63.6M (all) | 4,062,117 |
 * | book depth per 0.1% | 50,000 CRV | 559 | 19.84M | 0 |
 * | | 100,000 (assumed) | 259 | 19.32M | 0 |
 * | | 200,000 | 103 | 18.33M | 0 |
 *
 * The finding: at the reported peak of the outside market ($0.63) the replay leaves no bad debt —
 * the liquidators' purchases raise the book, but its makers refill at the outside price and the
 * liquidations stop once the account is healthy. Bad debt needs CRV above about 0.661 (the price at
 * which health falls under (1 + bonus)·LT = 0.9196, where each liquidation leaves the account
 * worse: 0.608, the liquidation price, / 0.9196): with the outside market at $0.70 the replay ends
 * with every USDC seized and 4.06M CRV of bad debt (reported 2.64M).
 * @module
 */
import type { Replay } from "../replay/types.ts";
import type { Scenario } from "../scenario/types.ts";
import type { SimEvent } from "../simulate/results.ts";

/** Blocks of 12 s. */
const MINUTE = 5;

function squeeze(options: { peak?: number; depth?: number } = {}): Scenario {
  const { peak = 0.63, depth = 100_000 } = options;
  return {
    version: 1,
    name: "aave-crv-2022",
    description:
      "Aave v2's 92M CRV short on 22 Nov 2022: 92M CRV borrowed against $63.6M USDC (liquidation threshold 88%, bonus 4.5%, close factor 50%); CRV rallies from $0.45 to the reported $0.63 and liquidators buy the CRV they repay on one book standing for CRV's markets (100,000 CRV per 0.1%, assumed), up to the price the seized USDC pays for. Reported: 385 liquidations over ~50 minutes, 2.64M CRV of bad debt; the replay's table: fracture replay aaveCrv2022.",
    stepSeconds: 12,
    steps: 360 * MINUTE,
    seed: 2022,
    assets: [
      { id: "CRV", price: 0.45, vol: 1.2 }, // [T: after the fall to $0.40]; vol for the makers [A]
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        id: "crv-usd",
        type: "orderBook",
        base: "CRV",
        quote: "USDC",
        tickSize: 0.0001,
        lotSize: 1,
        profile: { spreadBps: 5, levels: 400, levelBps: 10, qtyPerLevel: depth }, // [A]
        resilience: { halfLifeSeconds: 300, sensitivity: 1 }, // [A]
      },
    ],
    oracles: [
      // Chainlink's CRV price: a push oracle on the market, 1% deviation, a day's heartbeat [A]
      { id: "chainlink-crv", type: "push", source: "crv-usd", deviationBps: 100, heartbeatSteps: 24 * 60 * MINUTE },
    ],
    protocols: [
      {
        id: "aave-v2",
        type: "lending",
        oracles: { CRV: "chainlink-crv" }, // USDC at $1
        markets: { USDC: { liquidationThreshold: 0.88, liquidationBonus: 0.045 } }, // [B; M]
        closeFactor: 0.5, // [M]
        fullCloseBelowHealth: 0, // Aave v2: always 50% [M]
        positions: [{ account: "crv-short", collateral: { USDC: 63.6e6 }, debt: { CRV: 92e6 } }], // [B]
      },
    ],
    // liquidators buy the CRV they repay on the market [B: "sell the USDC, buy back CRV"]; two a block [A]
    liquidators: [{ id: "liquidators", capital: null, sellVenue: "crv-usd", buyVenue: "crv-usd", maxPerStep: 2 }],
    // the rally [T]: $0.45 → $0.53 → $0.61 → the peak, 20 minutes apart; venues pulled 10% a block [A]
    shock: [{ type: "path", asset: "CRV", prices: [0.45, 0.53, 0.61, peak], everySteps: 20 * MINUTE, pull: 0.1 }],
  };
}

/** The day, on the assumptions above. */
export const aaveCrv2022: Scenario = squeeze();

const BLOCKWORKS =
  "Blockworks, “Feature or Flaw? Aave Left With $1.7M in Bad Debt”, 23 Nov 2022 (blockworks.co/news/aave-curve-bad-debt)";

/** Bad debt in CRV: each step's new bad debt (quote) at that step's oracle price. */
function badDebtCrv({ result }: Parameters<Replay["figures"][number]["read"]>[0]): number {
  const bad = result.timeline.badDebt;
  const price = result.timeline.oracles["chainlink-crv"];
  let crv = 0;
  for (let t = 0; t < bad.length; t++) {
    const added = bad[t] - (t > 0 ? bad[t - 1] : 0);
    if (added > 0) crv += added / price[t];
  }
  return crv;
}

/** The liquidation events of a run. */
const liquidations = (events: SimEvent[]) =>
  events.filter((e): e is Extract<SimEvent, { kind: "liquidation" }> => e.kind === "liquidation");

/** The calibration of `aaveCrv2022`. */
export const aaveCrv2022Replay: Replay = {
  preset: "aaveCrv2022",
  event: "Aave v2's 92M CRV short, liquidated while CRV rallied",
  date: "2022-11-22",
  mechanism: "a debt asset whose price rises into thin liquidity: liquidators buy the debt they repay and push it up",
  figures: [
    {
      figure: "bad debt",
      unit: "CRV",
      reported: 2.64e6,
      source: BLOCKWORKS,
      readFrom: "each step's new bad debt at the oracle's CRV price, summed",
      read: badDebtCrv,
      band: [0, 3e6],
    },
    {
      figure: "USDC seized",
      unit: "USD",
      reported: 63.6e6,
      source: BLOCKWORKS,
      readFrom: "Σ seized over the liquidations",
      read: ({ result }) => liquidations(result.events).reduce((s, e) => s + e.seized, 0),
      band: [10e6, 63.6e6 + 1],
    },
    {
      figure: "liquidations",
      unit: "count",
      reported: 385,
      source: BLOCKWORKS,
      readFrom: "liquidation events",
      read: ({ result }) => result.summary.liquidations,
      band: [50, 1000],
    },
    {
      figure: "minutes from first to last",
      unit: "count",
      reported: 50,
      source: BLOCKWORKS,
      readFrom: "steps between the first and the last liquidation × 12 s",
      read: ({ result }) => {
        const l = liquidations(result.events);
        return l.length > 0 ? ((l[l.length - 1].step - l[0].step) * 12) / 60 : 0;
      },
      band: [10, 150],
    },
  ],
  sensitivity: [
    {
      input: "CRV's outside peak",
      unit: "USD",
      assumed: 0.63,
      values: [0.63, 0.66, 0.7],
      apply: (peak) => squeeze({ peak }),
    },
    {
      input: "book depth per 0.1% (CRV)",
      unit: "count",
      assumed: 100_000,
      values: [50_000, 100_000, 200_000],
      apply: (depth) => squeeze({ depth }),
    },
  ],
  findings:
    "With the outside market at the reported $0.63 the replay leaves no bad debt: the liquidators' purchases lift the book, its makers refill at the outside price, and once the account is healthy again liquidations stop with about a third of the USDC seized. The account turns into a death spiral only above about $0.661, where its health falls under (1 + bonus)·LT = 0.9196 and each 50% liquidation leaves it worse; at $0.70 the replay seizes all the USDC and leaves 4.06M CRV of bad debt (sensitivity table; reported 2.64M). So the day's bad debt says CRV where liquidators bought it traded well above the $0.63 reported for the wider market, or the oracle ran ahead of it — neither is in this replay's public inputs.",
  events: 10_000,
};
