/**
 * Readers of a replay's figures: what a day's reports counted, read from a run the same way.
 * @module
 */
import type { ReplayRun } from "./types.ts";

/** The lowest market price of `asset` over steps [from, to) of the timeline (rows, not steps, when it thins). */
export function marketLow(run: ReplayRun, asset: string, from = 0, to = Infinity): number {
  const { timeline } = run.result;
  const market = timeline.assets[asset].market;
  let low = Infinity;
  const a = Math.floor(from / timeline.every);
  const b = Math.min(market.length, Math.ceil(to / timeline.every));
  for (let k = a; k < b; k++) if (market[k] < low) low = market[k];
  return low;
}

/** The market price of `asset` at a step (its row, when the timeline thins). */
export function marketAt(run: ReplayRun, asset: string, step: number): number {
  const { timeline } = run.result;
  const market = timeline.assets[asset].market;
  return market[Math.min(market.length - 1, Math.floor(step / timeline.every))];
}

/**
 * The collateral a protocol took from its positions — a lending liquidation's seizure, a CDP
 * bark's lot (the whole vault put up for auction) — valued at `asset`'s market price at the step.
 */
export function liquidatedValue(run: ReplayRun, protocol: string, asset: string): number {
  let sum = 0;
  for (const e of run.result.events) {
    if (e.protocol !== protocol) continue;
    if (e.kind === "liquidation") sum += e.seized * marketAt(run, asset, e.step);
    else if (e.kind === "bark") sum += e.lot * marketAt(run, asset, e.step);
  }
  return sum;
}

/** The highest price an oracle published over the run. */
export function oracleHigh(run: ReplayRun, oracle: string): number {
  let high = -Infinity;
  for (const x of run.result.timeline.oracles[oracle]) if (x > high) high = x;
  return high;
}

/**
 * A CDP's auctions that raised (almost) nothing — under 5% of their collateral's value at the
 * price they started from, the engine's own test (`zeroBidAuctions`) — with the collateral they
 * gave away, valued at the market price of the step each ended.
 * @returns how many, and that collateral's value in quote units
 */
export function zeroBidCollateral(run: ReplayRun, protocol: string, asset: string): { count: number; value: number } {
  const { events } = run.result;
  const barks = new Map<number, { lot: number; top: number }>();
  let count = 0;
  let value = 0;
  for (const e of events) {
    if (e.protocol !== protocol || e.auction === undefined) continue;
    if (e.kind === "bark") barks.set(e.auction, { lot: e.lot, top: e.top });
    if (e.kind !== "auctionEnd") continue;
    const bark = barks.get(e.auction);
    if (bark === undefined) continue;
    const won = bark.lot - e.lotLeft;
    if (!(e.raised < 0.05 * won * bark.top)) continue;
    count++;
    value += won * marketAt(run, asset, e.step);
  }
  return { count, value };
}
