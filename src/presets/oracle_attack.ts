/**
 * `presets.oracleAttack`: a circuit breaker against a fractured oracle. For three blocks an ETH
 * price feed reads the pool 60% low (a manipulated or faulty source: a `sourceFault` with factor
 * 0.4): the lending market's spot oracle publishes it at once, Maker's OSM (an hour of latency)
 * queues it and publishes it an hour later. The breaker (mitigations[0]) trips on the fall and
 * values collateral at its hour's TWAP meanwhile, caps each protocol's liquidations at 500,000 DAI
 * a step and 5M DAI an hour, halves the liquidation bonus while tripped, and pauses Maker's
 * auctions when the OSM's next price is more than 50% below its current one (ClipperMom with
 * ETH-A's tolerance). Every number is an assumption of the example; its description gives the
 * results with the breaker, without it, and with each of its parts alone.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

export const oracleAttack: Scenario = {
  version: 1,
  name: "oracle-attack",
  description:
    "An ETH feed reads its pool 60% low for three blocks (steps 10-12): a lending market's spot oracle publishes it at once, Maker's OSM an hour later. Under the circuit breaker (tripBps 1,000 over 300 steps, 75 steps held, bonus halved, collateral at the 300-step TWAP while tripped, at most 500,000 DAI liquidated a step and 5M an hour per protocol, Maker's auctions paused 600 steps when the OSM's next price is 50% below its current one, as ClipperMom's tolerance for ETH-A) nothing is liquidated and nothing is lost. Without it (remove mitigations): 5,620 liquidations, 24.0M DAI liquidated, 10.39M DAI of bad debt (lend 8.28M, maker 2.11M) and the pool 68.7% down. Each part alone: the TWAP alone, nothing liquidated; the caps alone, 3.17M of bad debt; the pause alone, Maker untouched but the lending market's 8.28M; the halved bonus alone, 10.09M. Assumptions: a 30,000 ETH pool, 5,000 lending positions over 20,000 ETH (health 1.05-2.5), 1,000 vaults over 20,000 ETH (ratio 1.6-4, ETH-A's Liquidations 2.0 parameters: chop 1.13, buf 1.3, 1% cut every 90 s, tail 140 min, cusp 0.4, chip 0.1%).",
  stepSeconds: 12,
  steps: 900,
  seed: 5,
  assets: [
    { id: "ETH", price: 2000, vol: 0.8 },
    { id: "DAI", price: 1 },
  ],
  venues: [
    { id: "eth-pool", type: "constantProduct", base: "ETH", quote: "DAI", reserveBase: 30_000, reserveQuote: 60e6 },
  ],
  oracles: [
    { id: "eth-spot", type: "spot", source: "eth-pool" },
    { id: "osm", type: "spot", source: "eth-pool", latencySteps: 300 },
  ],
  protocols: [
    {
      id: "lend",
      type: "lending",
      oracles: { ETH: "eth-spot" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      positions: {
        generate: {
          count: 5000,
          collateral: "ETH",
          debt: "DAI",
          totalCollateral: 20_000,
          health: { min: 1.05, max: 2.5, shape: 2 },
        },
      },
    },
    {
      id: "maker",
      type: "cdp",
      debt: "DAI",
      collateral: "ETH",
      oracle: "osm",
      liquidationRatio: 1.5,
      penalty: 1.13,
      auction: {
        buf: 1.3,
        curve: { type: "stairstep", cut: 0.99, step: 90 },
        tail: 8400,
        cusp: 0.4,
        chip: 0.001,
        hole: 5e6,
        Hole: 1e8,
      },
      vaults: { generate: { count: 1000, totalInk: 20_000, ratio: { min: 1.6, max: 4, shape: 2 } } },
    },
  ],
  liquidators: [{ id: "keepers", capital: null, sellVenue: "eth-pool" }],
  shock: [
    { type: "sourceFault", oracle: "eth-spot", source: "eth-pool", factor: 0.4, fromStep: 10, toStep: 12 },
    { type: "sourceFault", oracle: "osm", source: "eth-pool", factor: 0.4, fromStep: 10, toStep: 12 },
  ],
  mitigations: [
    {
      type: "circuitBreaker",
      windowSteps: 300,
      tripBps: 1000,
      holdSteps: 75,
      bonusFactor: 0.5,
      twapSteps: 300,
      maxPerStep: 500_000,
      maxPerWindow: 5_000_000,
      pauseDropBps: 5000,
      pauseSteps: 600,
    },
  ],
};
