// CDP markets with Dutch auctions inside simulate(): bark at the oracle's price, the curve's price
// at the take, keepers' profit rule against the venue's slippage, the tab covered and the rest of
// the lot returned, shortfalls as bad debt, resets by tail and cusp, incentives, hole limits.
import { type Scenario, ScenarioError, simulate } from "fracture";
import vectors from "./fixtures/maker_liquidations.json" with { type: "json" };
import { assert, equal, near, test, throws } from "./harness.ts";
import { ethPool, eventsOf, cdpMarket as market, protocolOf } from "./scenarios.ts";

test("cdp: a vault below its ratio is barked at the oracle's price; the auction starts at buf above it", () => {
  const { events, summary } = simulate(market({}), { events: 100 });
  const [bark] = eventsOf(events, "bark");
  assert(bark !== undefined, "barked");
  equal(bark.step, 0, "at once");
  near(bark.tab, 700 * 1.13, 1e-9, "tab = art × chop");
  equal(bark.lot, 10, "lot = all the ink");
  near(bark.top, 120, 1e-12, "top = 100 × buf");
  // a keeper selling on the pool (price 100, no fee, a little slippage) takes once the linear
  // curve is below 100: 120·(1 − dur/3600) = 100 at 600 s (step 10, no profit left after the
  // slippage), 98 at 660 s (step 11)
  const [take] = eventsOf(events, "take");
  assert(take !== undefined, "taken");
  equal(take.step, 11, "the first step the curve's price leaves the keeper a profit");
  near(take.price, 120 * (1 - 660 / 3600), 1e-12, "price on the linear curve at 660 s");
  // tab 791 at 98 DAI: 8.07 ETH bought, 1.93 ETH to the owner, no bad debt
  near(take.owe, 791, 1e-9, "owe = the tab");
  near(take.slice, 791 / 98, 1e-12, "slice = tab / price");
  const [end] = eventsOf(events, "auctionEnd");
  near(end?.lotLeft ?? 0, 10 - 791 / 98, 1e-12, "lot to the owner");
  equal(summary.badDebt, 0, "bad debt");
});

test("cdp: a keeper's minimum profit and the venue's slippage delay the take", () => {
  const thin = market(
    {},
    {
      venues: ethPool(100, 100, 30, "DAI").venues,
      liquidators: [{ id: "keeper", capital: 1e6, sellVenue: "pool", minProfitBps: 500 }],
    },
  );
  const { events } = simulate(thin, { events: 100 });
  const [take] = eventsOf(events, "take");
  assert(take !== undefined && take.step > 11, `later than on a deep pool: step ${take?.step}`);
});

test("cdp: with nobody to take until the price is 0, the whole lot goes for nothing: bad debt, a zero-bid auction", () => {
  const s = market(
    { auction: { buf: 1.2, curve: { type: "linear", tau: 600 }, tail: 1e6, cusp: 0 } },
    { liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool", strategy: "hold" }] },
  );
  const { events, summary } = simulate(s, { events: 100 });
  const [take] = eventsOf(events, "take");
  assert(take !== undefined, "taken");
  equal(take.price, 0, "at a price of 0");
  equal(take.owe, 0, "for nothing");
  near(summary.badDebt, 700, 1e-9, "the debt moved off the vault (due, before the penalty)");
  equal(summary.zeroBidAuctions, 1, "zero bid");
  equal(summary.liquidators.keeper.held, 10, "the keeper holds the lot");
});

test("cdp: an auction below cusp·top restarts at the current oracle price; past tail too", () => {
  // exponential curve, 0.999 a second: price/top falls below cusp 0.5 after ln 0.5 / ln 0.999 = 692.8 s,
  // so at 12 minutes (720 s) it needs a reset; a keeper with no capital can only take at 0, never
  const s = market(
    { auction: { buf: 1.2, curve: { type: "exponential", cut: 0.999 }, tail: 1e6, cusp: 0.5 } },
    {
      liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool", strategy: "hold" }],
      shock: [{ type: "oracle", oracle: "osm", price: 80, fromStep: 5, toStep: 59 }],
      steps: 30,
    },
  );
  const { events, summary } = simulate(s, { events: 100 });
  const redo = eventsOf(events, "redo");
  equal(redo.map((e) => e.step).join(","), "12,24", "reset every 12 minutes");
  near(redo[0].top, 80 * 1.2, 1e-12, "restarted at the oracle's price × buf");
  equal(protocolOf(summary, "maker", "cdp").auctionsRunning, 1, "still running");
  const tail = market(
    { auction: { buf: 1.2, curve: { type: "linear", tau: 1e6 }, tail: 300, cusp: 0 } },
    { liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool", strategy: "hold" }], steps: 20 },
  );
  const redoByTail = simulate(tail, { events: 100 }).events.filter((e) => e.kind === "redo");
  equal(redoByTail.map((e) => e.step).join(","), "6,12,18", "past tail (300 s): at 360 s");
});

test("cdp: hole limits the debt in auction; the next vault waits for room", () => {
  const s = market({
    vaults: [
      { ink: 10, art: 700 },
      { ink: 10, art: 700 },
    ],
    dust: 100, // a partial auction of the room left (9 DAI) would be dusty: the vault waits
    auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 7200, cusp: 0.4, hole: 800 },
  });
  const { events } = simulate(s, { events: 100 });
  const barks = eventsOf(events, "bark");
  equal(barks.length, 2, "both barked in the end");
  // the first auction's tab 791 fits under hole 800; the second waits until the first is done
  const end = events.find((e) => e.kind === "auctionEnd");
  assert(end !== undefined && barks[1].step >= end.step, "the second bark waits for room");
  near(barks[0].tab, 791, 1e-9, "first tab");
});

test("cdp: keepers are paid tip + tab·chip for a bark, and it is system debt (dss: vat.suck on the vow)", () => {
  const { summary } = simulate(
    market({ auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 7200, cusp: 0.4, tip: 5, chip: 0.01 } }),
  );
  const cdp = protocolOf(summary, "maker", "cdp");
  near(cdp.keeperIncentives, 5 + 791 * 0.01, 1e-9, "incentive");
  // the auction raised its whole tab (no shortfall): the deficit is the incentive alone
  near(cdp.badDebt, cdp.keeperIncentives, 1e-9, "counted in the protocol's bad debt");
  near(summary.badDebt, cdp.keeperIncentives, 1e-9, "and in the total");
});

test("cdp: vaults from CSV (ink and art as a subgraph exports them) run as the same vaults listed", () => {
  const vaults = [
    { ink: 10, art: 700 },
    { ink: 4, art: 200 },
    { ink: 3, art: 250 },
  ];
  const csv = [
    "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount",
    "maker,0xa,ETH,10,DAI,700",
    "maker,0xb,ETH,4,DAI,200",
    "maker,0xc,ETH,1,DAI,100",
    "maker,0xc,ETH,2,DAI,150", // rows of one account add up
  ].join("\n");
  const listed = simulate(market({ vaults }), { events: 100 });
  const fromCsv = simulate(market({ vaults: { csv } }), { events: 100 });
  // the same events, the CSV's naming its accounts
  const unnamed = (list: typeof listed.events) => JSON.stringify(list.map(({ account: _, ...e }) => e));
  equal(unnamed(fromCsv.events), unnamed(listed.events), "events");
  equal(fromCsv.events.find((e) => e.position === 0)?.account, "0xa", "the CSV's account id");
  assert(listed.events.filter((e) => e.kind === "bark").length === 2, "two vaults unsafe");
  equal(fromCsv.summary.badDebt, listed.summary.badDebt, "bad debt");
  const bad =
    "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount\nmaker,0xa,BTC,1,DAI,5\nmaker,0xb,,,DAI,5";
  throws(
    () => simulate(market({ vaults: { csv: bad } })),
    ScenarioError,
    /protocols\[0\]\.vaults\.csv: account 0xa: expected collateral ETH and debt DAI, got BTC\n.*account 0xb: expected collateral behind its debt, got none/,
  );
});

/**
 * The vault of dss's Dog tests (ink 40, art 100; chop 1, dust 20, hole 80) at an oracle of 4 and
 * a liquidation ratio of 2: a partial bark (dart 80, dink 32) leaves ink 8, art 20, still unsafe.
 */
function partial(extra: Partial<Scenario> = {}): Scenario {
  return market(
    {
      liquidationRatio: 2,
      penalty: 1,
      dust: 20,
      auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 1e6, cusp: 0, hole: 80 },
      vaults: [{ ink: 40, art: 100 }],
    },
    { ...ethPool(4, 1e6, 0, "DAI"), ...extra },
  );
}

test("cdp: collateral an auction returns goes to the owner, not back into the vault and its next auction (dss take: vat.flux to usr)", () => {
  const { events, summary } = simulate(partial(), { events: 100 });
  const [first, second] = eventsOf(events, "bark");
  near(first.tab, 80, 1e-12, "first tab: the room under hole");
  near(first.lot, 32, 1e-12, "first lot: 40 · 80/100");
  const end = eventsOf(events, "auctionEnd").find((e) => e.auction === first.auction);
  assert(end !== undefined && end.tabLeft === 0 && end.lotLeft > 0, "the first auction raised its tab with lot left");
  // the second auction sells what the vault kept after the first bark: ink 8, not 8 + the lot left
  assert(second !== undefined, "the rest of the vault is barked once there is room");
  near(second.lot, 8, 1e-12, "second lot: the ink the vault had after the first bark");
  near(second.tab, 20, 1e-12, "second tab: the art it had");
  const cdp = protocolOf(summary, "maker", "cdp");
  const left = eventsOf(events, "auctionEnd").reduce((s, e) => s + e.lotLeft, 0);
  near(cdp.collateralReturned, left, 1e-12, "collateralReturned: Σ lotLeft of the auctions that raised their tab");
});

test("cdp: an auction can be taken in the step that kicks it, at its top (dss: take at elapsed 0)", () => {
  // the oracle shows 90 while the pool trades at 100: with buf 1 the auction starts at 90, which
  // already leaves the keeper a profit on the pool
  const s = market(
    { auction: { buf: 1, curve: { type: "linear", tau: 3600 }, tail: 7200, cusp: 0.4 } },
    { shock: [{ type: "oracle", oracle: "osm", price: 90, fromStep: 0, toStep: 59 }] },
  );
  const { events } = simulate(s, { events: 100 });
  const [bark] = eventsOf(events, "bark");
  const [take] = eventsOf(events, "take");
  equal(bark.step, 0, "barked at step 0");
  assert(take !== undefined, "taken");
  equal(take.step, 0, "taken in the same step");
  equal(take.price, 90, "at the top: the oracle's price × buf, elapsed 0");
  near(take.owe, 791, 1e-9, "the whole tab");
});

test("cdp: rate, the accumulated stability fee, in the safety check, the tab and the dust rule (dog.t.sol bark_not_leaving_dust_rate)", () => {
  const [, dusty] = vectors.dog_bark as unknown as {
    params: Record<string, string>;
    expected: Record<string, string>;
  }[];
  const rate = Number(dusty.params.rate_ray) / 1e27; // 1.02
  // ink 40, art 100 with mat 2 at 5.05: ink·p = 202 ≥ art·mat = 200, but < art·rate·mat = 204
  const at = (r: number) =>
    market(
      {
        liquidationRatio: 2,
        penalty: Number(dusty.params.chop_wad) / 1e18, // 1
        dust: Number(dusty.params.dust_rad) / 1e45, // 20
        rate: r,
        auction: {
          buf: 1.2,
          curve: { type: "linear", tau: 3600 },
          tail: 1e6,
          cusp: 0,
          hole: Number(dusty.params.hole_rad) / 1e45,
        },
        vaults: [{ ink: 40, art: 100 }],
      },
      { ...ethPool(5.05, 1e6, 0, "DAI"), steps: 2 },
    );
  equal(eventsOf(simulate(at(1), { events: 100 }).events, "bark").length, 0, "safe at rate 1");
  const { events } = simulate(at(rate), { events: 100 });
  const [bark] = eventsOf(events, "bark");
  assert(bark !== undefined, "unsafe at rate 1.02");
  // room 100 would take dart = 100/1.02 and leave (100 − dart)·1.02 = 2 < dust: the whole vault goes
  near(bark.tab, 102, 1e-12, "tab = art·rate·chop = 102 (the vector's tab)");
  equal(bark.lot, 40, "the whole collateral (vault 0/0)");
});

test("cdp: one Hole over several collateral types (dss's single Dog); separate cdp protocols are separate systems", () => {
  // two ilks, each a vault whose auction would need a tab of 110; Hole 150 leaves room for one
  // (the second's partial auction of 40 would be below dust 50: it waits)
  const ilk = (id: string) => ({
    id,
    collateral: "ETH",
    oracle: "osm",
    liquidationRatio: 1.5,
    penalty: 1.1,
    dust: 50,
    auction: { buf: 1.2, curve: { type: "linear" as const, tau: 3600 }, tail: 7200, cusp: 0.4 },
    vaults: [{ ink: 1, art: 100 }],
  });
  const multi = market(
    {},
    { protocols: [{ id: "maker", type: "cdp", debt: "DAI", Hole: 150, ilks: [ilk("ETH-B"), ilk("ETH-A")] }] },
  );
  const { events, timeline } = simulate(multi, { events: 100 });
  const barks = eventsOf(events, "bark");
  equal(barks.filter((b) => b.step === 0).length, 1, "one auction at first");
  equal(barks[0].position, 0, "ETH-A's vault (ilks run in id order; its vaults come first)");
  near(barks[0].tab, 110, 1e-12, "its tab");
  assert(Math.max(...timeline.protocols.maker.extra) <= 150, "never more than Hole in auction");
  equal(barks.length, 2, "the other once the first has ended");
  // two cdp protocols with Hole 150 each are two Dogs: both start at once (220 in auction)
  const single = (id: string) => ({
    ...ilk(id),
    type: "cdp" as const,
    debt: "DAI",
    auction: { ...ilk(id).auction, Hole: 150 },
  });
  const two = market({}, { protocols: [single("a"), single("b")] });
  const both = eventsOf(simulate(two, { events: 100 }).events, "bark").filter((b) => b.step === 0);
  equal(both.length, 2, "separate systems");
});

test("cdp: with the keepers offline an unsafe vault waits (its debt in `waiting`), and is barked the step they return", () => {
  const s = market({}, { shock: [{ type: "keeperOutage", fromStep: 0, toStep: 3 }] });
  const { events, timeline } = simulate(s, { events: 100 });
  equal(eventsOf(events, "bark")[0]?.step, 4, "barked once the keepers are back");
  equal(Array.from(timeline.protocols.maker.waiting.slice(0, 5)).join(","), "700,700,700,700,0", "art × rate waiting");
});

test("cdp: an OSM publishing nothing stops barks until it publishes again", () => {
  const s = market({}, { shock: [{ type: "oracleOutage", oracle: "osm", mode: "missing", fromStep: 0, toStep: 2 }] });
  equal(eventsOf(simulate(s, { events: 100 }).events, "bark")[0]?.step, 3, "the first step with a price");
});
