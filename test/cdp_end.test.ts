// How a CDP's auctions take and end, pinned through simulate() alone (no engine internals, so it holds
// whatever shape the engine takes): the bad debt of an auction whose lot sold out for less than
// the debt it moved off the vault is that shortfall, also when the keepers paid part of it; the
// stairstep curve drops once per `step` seconds, not every second.
import { simulate } from "fracture";
import { equal, near, test } from "./harness.ts";
import { eventsOf, cdpMarket as market } from "./scenarios.ts";

test("cdp end: a lot sold out below the debt leaves the shortfall as bad debt, though the keeper paid part", () => {
  // 990 DAI of debt on 10 ETH at 100 (solvent: 1000 > 990), tab 990·1.13 = 1118.7; the linear
  // curve from 120 leaves the keeper a profit at step 11, 120·(1 − 660/3600) = 98: it buys the
  // whole lot for 980, less than the tab, and the auction ends with 990 − 980 = 10 unraised
  const { events, summary } = simulate(market({ vaults: [{ ink: 10, art: 990 }] }), { events: 100 });
  const takes = eventsOf(events, "take");
  equal(takes.length, 1, "one take");
  equal(takes[0].step, 11, "at step 11");
  near(takes[0].price, 98, 1e-12, "at 98");
  equal(takes[0].slice, 10, "the whole lot");
  near(takes[0].owe, 980, 1e-9, "paid 980");
  equal(eventsOf(events, "auctionEnd").length, 1, "the auction ended");
  near(summary.badDebt, 10, 1e-9, "bad debt = debt moved off − raised");
  near(summary.badDebtByProtocol.maker, 10, 1e-9, "by protocol");
  equal(summary.insolventAtStart, 0, "not insolvent before the auction");
});

test("cdp end: the stairstep curve steps once per `step` seconds; a lot sold out at the first step down leaves 100 unraised", () => {
  // stairstep from top 120 by cut 0.5 every 60 s (one step of the run): 60 at step 1, the first
  // price below the market; 10 ETH sell for 600 against 700 of debt: 100 of bad debt. (Stepping
  // every second instead would take it at 120·0.5^60 ≈ 1e-16.)
  const { events, summary } = simulate(
    market({ auction: { buf: 1.2, curve: { type: "stairstep", cut: 0.5, step: 60 }, tail: 7200, cusp: 0.4 } }),
    { events: 100 },
  );
  const [take] = eventsOf(events, "take");
  equal(take?.step, 1, "taken at step 1");
  near(take.price, 60, 1e-12, "at 120·0.5");
  equal(take.slice, 10, "the whole lot");
  near(take.owe, 600, 1e-9, "paid 600");
  near(summary.badDebt, 100, 1e-9, "700 − 600");
  equal(summary.zeroBidAuctions, 0, "not a zero bid");
});

test("cdp end: a partial take that would leave less than chost = dust·chop leaves exactly chost", () => {
  // tab 700·1.13 = 791; dust 100, so chost = 113. A keeper who holds (values ETH at the pool's
  // 100) takes at step 10, at 100, and with 686 DAI could pay 686 for 6.86 ETH, leaving 105 < 113:
  // it pays 791 − 113 = 678 instead, and 113 stays in the auction
  const s = market({ dust: 100 });
  s.liquidators = [{ id: "keeper", capital: 686, sellVenue: "pool", strategy: "hold" }];
  const { events } = simulate(s, { events: 100 });
  const [take] = eventsOf(events, "take");
  equal(take?.step, 10, "at step 10");
  near(take.price, 100, 1e-12, "at 100");
  near(take.owe, 791 - 113, 1e-9, "pays the tab less chost");
  near(take.slice, (791 - 113) / take.price, 1e-12, "slice = owe / price");
});
