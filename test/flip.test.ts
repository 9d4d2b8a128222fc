// The English auctions of 12 March 2020 (the Cat and the Flipper of the MCD launch: makerdao/dss at
// 44330065) in the core (assembly/engine/flip.ts) against the Flipper's own tests of that commit
// (test/fixtures/maker_flip.json), then through simulate: bids up to the tab, lots down, the deal
// after ttl, the restart after tau, the 0-DAI bid that wins when nobody else gets a transaction in.
import { type CdpSingleSpec, type Scenario, simulate } from "fracture";
import { ownCore } from "./core.ts";
import flip from "./fixtures/maker_flip.json" with { type: "json" };
import { assert, equal, near, test } from "./harness.ts";
import { cdpMarket, eventsOf, protocolOf } from "./scenarios.ts";

type Bid = [string, "tend" | "dent", number, number, boolean];

/** Replays a case's bids on one auction with the core's checks: each allowed bid must pass, each refused one fail. */
async function replay(kick: { lot: number; tab: number }, bids: Bid[], beg: number) {
  const { exports: core } = await ownCore();
  let bid = 0;
  let lot = kick.lot;
  let guy = "";
  const dai: Record<string, number> = { ali: 0, bob: 0, gal: 0, usr: 0 };
  let usrGem = 0;
  for (const [who, phase, l, b, allowed] of bids) {
    const ok =
      phase === "tend"
        ? l === lot && core.tendOk(b, bid, kick.tab, beg) === 1
        : core.dentOk(l, lot, b, kick.tab, beg) === 1 && b === bid;
    equal(ok, allowed, `${who} ${phase}(${l}, ${b})`);
    if (!ok) continue;
    dai[who] -= phase === "tend" ? bid + (b - bid) : b; // pays the last bidder back and the rest to gal
    if (guy) dai[guy] += bid;
    if (phase === "tend") dai.gal += b - bid;
    else usrGem += lot - l;
    guy = who;
    bid = b;
    lot = l;
  }
  return { dai, usrGem, guy, lot, bid };
}

test("flip: tend, dent and beg as flip.t.sol of 12 March 2020 (test_tend, test_dent, test_beg)", async () => {
  const beg = flip.defaults.beg;
  const tend = await replay(flip.test_tend.kick, flip.test_tend.bids as Bid[], beg);
  // balances relative to the setup's 200 DAI each
  equal(200 + tend.dai.ali, flip.test_tend.expected.ali_dai_after_both, "ali refunded");
  equal(200 + tend.dai.bob, flip.test_tend.expected.bob_dai_after_both, "bob paid his bid");
  equal(tend.dai.gal, flip.test_tend.expected.gal_dai_after_both, "gal received the excess");
  const dent = await replay(flip.test_dent.kick, flip.test_dent.bids as Bid[], beg);
  equal(dent.usrGem, flip.test_dent.expected.usr_gem, "the dent returned 5 to the owner");
  equal(200 + dent.dai.ali, flip.test_dent.expected.ali_dai, "ali paid the tab");
  equal(200 + dent.dai.bob, flip.test_dent.expected.bob_dai, "bob refunded the tab");
  await replay(flip.test_beg.kick, flip.test_beg.bids as Bid[], beg);
});

test("flip: deal after ttl or end, tick past end with no bid (test_deal, test_tick, test_no_deal_after_end)", async () => {
  const { exports: core } = await ownCore();
  const { ttl, tau } = flip.defaults;
  const d = flip.test_deal;
  for (const [label, c, kick] of [
    ["first", d.first, 0],
    ["second", d.second, d.second.kick_at],
  ] as const) {
    const tic = c.bid_at + ttl;
    for (const [at, want] of c.deal_at as [number, boolean][])
      equal(core.dealable(tic, kick + tau, at), want ? 1 : 0, `${label} auction: deal at ${at} s`);
  }
  const t = flip.test_tick;
  equal(core.tickable(0, t.kick_at + tau, t.kick_at), t.tickable_at_kick ? 1 : 0, "no tick at the kick");
  equal(core.biddable(0, t.kick_at + tau, t.after), t.biddable_before_tick ? 1 : 0, "not biddable past end");
  equal(core.tickable(0, t.kick_at + tau, t.after), t.tickable ? 1 : 0, "tick past end");
  equal(core.biddable(0, t.after + tau, t.after), t.biddable_after_tick ? 1 : 0, "biddable after the tick");
  const n = flip.test_no_deal_after_end;
  equal(core.dealable(0, n.kick_at + tau, n.kick_at), n.dealable_at_kick ? 1 : 0, "no deal without a bid");
  equal(core.dealable(0, n.kick_at + tau, n.after), n.dealable_after_end ? 1 : 0, "nor past end");
  equal(core.tickable(0, n.kick_at + tau, n.after), n.tickable ? 1 : 0, "it ticks instead");
  equal(core.dealable(0, n.after + tau, n.after), n.dealable_after_tick ? 1 : 0, "and still no deal");
});

test("flip: the Cat of 2020 bites lots of at most lump, the debt in proportion", async () => {
  const core = await ownCore();
  const out = core.scratch(Number(core.exports.BITE_BYTES.value));
  equal(core.exports.biteAmount(120, 6000, 50, out), 0, "bitten");
  const [dart, dink] = core.f64.slice(out / 8, out / 8 + 2);
  equal(dink, 50, "lot = lump");
  equal(dart, 2500, "art·lot/ink");
  core.exports.biteAmount(30, 6000, 50, out);
  equal(core.f64[out / 8], 6000, "the last lot takes all the art");
  equal(core.exports.biteAmount(0, 10, 50, out), -1, "no collateral");
});

/** cdpMarket's ETH at 100 and its unsafe vault, under a flip auction (beg 3%, ttl 10 min, tau 6 h, lump 50). */
function english(cdp: Partial<CdpSingleSpec>, extra: Partial<Scenario> = {}): Scenario {
  return cdpMarket(
    { auction: { type: "flip", beg: 1.03, ttl: 600, tau: 6 * 3600, lump: 50 }, ...cdp },
    {
      name: "flip",
      steps: 120,
      liquidators: [{ id: "keeper", capital: 1e6, sellVenue: "pool", minProfitBps: 100 }],
      ...extra,
    },
  );
}

test("flip: keepers bid up to the tab, then the lot down; the deal comes ttl after the last bid", () => {
  const s = english(
    {},
    {
      liquidators: [
        { id: "a", capital: 1e6, sellVenue: "pool", minProfitBps: 500 },
        { id: "b", capital: 1e6, sellVenue: "pool", minProfitBps: 100 },
      ],
    },
  );
  const { events, summary } = simulate(s, { events: 100 });
  const [bark] = eventsOf(events, "bark");
  near(bark.tab, 791, 1e-9, "tab = 700 × 1.13");
  const tends = eventsOf(events, "tend");
  const dents = eventsOf(events, "dent");
  // the 10 ETH sell for ~1,000 on the pool: a pays ≤ 1000/1.05, which is above the tab
  equal(tends.length, 1, "one tend: a bids the whole tab at once");
  equal(tends[0].bid, bark.tab, "at the tab");
  equal(tends[0].step, 0, "in the step of the bite");
  assert(dents.length >= 1, "b (smaller margin) dents");
  const last = dents[dents.length - 1];
  // b accepts the least lot its 1% margin allows: it sells for 791 × 1.01
  assert(last.lot * 100 > 791 * 1.01 * 0.999 && last.lot * 100 < 791 * 1.01 * 1.01, `b's lot ${last.lot}`);
  const end = eventsOf(events, "auctionEnd")[0];
  assert(end !== undefined, "dealt");
  equal(end.step, last.step + 11, "ttl (600 s = 10 steps) after the last bid, the first step past it");
  equal(end.raised, bark.tab, "raised the tab");
  equal(end.agent, last.agent, "won by the last bidder");
  const cdp = protocolOf(summary, "maker", "cdp");
  near(cdp.collateralReturned, 10 - last.lot, 1e-12, "the dents returned the rest to the owner");
  equal(summary.badDebt, 0, "no bad debt");
});

test("flip: a lone 0-DAI bid wins when nobody else gets a transaction in before ttl; a bid restarts nothing after it", () => {
  const s = english(
    {},
    {
      liquidators: [
        { id: "keeper", capital: 1e6, sellVenue: "pool", minProfitBps: 100 },
        { id: "zero", capital: 0, sellVenue: "pool", strategy: "hold" },
      ],
      // keepers land a transaction in one block of 20 (20 minutes, longer than ttl)
      shock: [{ type: "congestion", maxPerStep: 1, everySteps: 20, fromStep: 0, toStep: 119 }],
    },
  );
  const { events, summary } = simulate(s, { events: 100 });
  const [tend] = eventsOf(events, "tend");
  // the keeper's one action of step 0 is the bite; the zero bidder's is its bid
  equal(tend.agent, "zero", "the zero bidder bids");
  equal(tend.bid, 0, "0 DAI (dss: 1 wei)");
  const [end] = eventsOf(events, "auctionEnd");
  equal(end.agent, "zero", "and wins: ttl passed before the keeper's next transaction");
  equal(end.raised, 0, "for nothing");
  near(summary.badDebt, 700, 1e-9, "the whole debt is bad debt");
  equal(summary.zeroBidAuctions, 1, "a zero-bid auction");
  equal(summary.liquidators.zero.held, 10, "it holds the lot");
});

test("flip: a vault larger than lump is bitten into several auctions while block space lasts", () => {
  const { events } = simulate(english({ vaults: [{ ink: 120, art: 8400 }] }), { events: 1000 }); // 120·100/8400 = 1.43
  const barks = eventsOf(events, "bark");
  equal(barks.map((b) => b.lot).join(), "50,50,20", "lots of at most lump");
  equal(barks.map((b) => b.step).join(), "0,0,0", "in one step");
  near(barks[0].tab, 3500 * 1.13, 1e-9, "each with its share of the debt: 8400 × 50/120, with the penalty");
});
