// MakerDAO Liquidations 2.0 arithmetic in the core (assembly/engine/clip.ts) against dss's own
// tests (makerdao/dss abaci.t.sol and clip.t.sol, via shared/vectors/maker_liquidations.json):
// the price curves, the Clipper's take, reset rule and keepers' incentives, and the Dog's bark.
// The vectors' integers (WAD 1e18, RAY 1e27, RAD 1e45) become plain units, correctly rounded.
import { ownCore } from "./core.ts";
import vectors from "./fixtures/maker_liquidations.json" with { type: "json" };
import { assert, equal, relative, test } from "./harness.ts";

const WAD = 18;
const RAY = 27;
const RAD = 45;

/**
 * A vector's value in plain units: the integer (or `40e18`-style literal) divided by 10^scale,
 * correctly rounded by the decimal parser. Texts such as `"a + b = 102.2e45"` give the value after
 * the final `=`; others (`"110e45 (= 100 debt * chop 1.1)"`) their leading number.
 */
function units(text: unknown, scale: number): number {
  if (typeof text !== "string" && typeof text !== "number") throw new Error(`expected a vector value, got ${text}`);
  const s = String(text);
  const found = /=\s*([0-9.]+(?:e[0-9]+)?)\s*$/i.exec(s) ?? /^\s*([0-9.]+(?:e[0-9]+)?)/i.exec(s);
  if (!found) throw new Error(`no number in "${s}"`);
  const [mantissa, exponent = "0"] = found[1].toLowerCase().split("e");
  return Number(`${mantissa}e${Number(exponent) - scale}`);
}

/**
 * x^n for a double x in (0, 1) and an integer n ≥ 0, exactly (x = m·2^e, so x^n = m^n·2^(e·n) in
 * BigInt), then rounded to a double: the reference for the core's exp(n·ln x).
 */
function powExact(x: number, n: number): number {
  if (n === 0) return 1;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn) - 1075;
  const power = ((bits & ((1n << 52n) - 1n)) | (1n << 52n)) ** BigInt(n);
  const length = power.toString(2).length;
  const head = power >> BigInt(length - 64); // 64 leading bits: one more rounding, below 2^-63
  return Number(head) * 2 ** (length - 64 + exponent * n);
}

function close(got: number, want: number, tol: number, label: string): void {
  assert(relative(got, want) <= tol, `${label}: got ${got}, want ${want} (relative ${relative(got, want)} > ${tol})`);
}

/** The setup of dss's clip.t.sol, in units. */
const setup = vectors.clipper.setup;
const DUST = units(setup.vat_dust_rad, RAD); // 20
const CHOP = units(setup.dog.chop_wad, WAD); // 1.1
const HOLE = units(setup.dog.hole_rad, RAD); // 1000
const BIG_HOLE = units(setup.dog.Hole_rad, RAD); // 1000
const INK = units(setup.vault.ink_wad, WAD); // 40
const ART = units(setup.vault.art_wad, WAD); // 100
const RATE = units(setup.vault.rate_ray, RAY); // 1
const CHOST = units(setup.clipper.chost_rad, RAD); // 22
const BUF = units(setup.clipper.buf_ray, RAY); // 1.25
const CUT = units(/cut=(\S+)/.exec(setup.clipper.calc)?.[1] ?? "", RAY); // 0.99 per second, step 1
const FEED = units(setup.oracle.after_drop, 0); // 4

/** A clipper scenario of the vectors; its fields differ by case. */
interface Scenario {
  id: string;
  params: Record<string, string | number>;
  take: Record<string, string | number>;
  expected: Record<string, string | boolean>;
  steps: {
    amt_wad: string;
    max_ray?: string;
    at_dur_seconds: number;
    price_ray?: string;
    expected: Record<string, string>;
  }[];
  derived_price_ray_at_69s?: string;
}
const scenarios = vectors.clipper.cases as unknown as Scenario[];
function scenario(id: string): Scenario {
  const c = scenarios.find((x) => x.id === id);
  if (!c) throw new Error(`no clipper case ${id}`);
  return c;
}

interface Take {
  status: number;
  slice: number;
  owe: number;
  tab: number;
  lot: number;
}

async function take(lot: number, tab: number, price: number, amt: number, max: number, chost = CHOST): Promise<Take> {
  const core = await ownCore();
  const out = core.scratch(Number(core.exports.TAKE_BYTES.value));
  const status = core.exports.takeAmount(lot, tab, price, amt, max, chost, out);
  const [slice, owe, tabLeft, lotLeft] = core.f64.slice(out / 8, out / 8 + 4);
  return { status, slice, owe, tab: tabLeft, lot: lotLeft };
}

interface Bark {
  status: number;
  dart: number;
  dink: number;
  tab: number;
  due: number;
}

async function bark(p: {
  ink?: number;
  art?: number;
  rate?: number;
  chop?: number;
  dust?: number;
  hole?: number;
  dirt?: number;
  Hole?: number;
  Dirt?: number;
}): Promise<Bark> {
  const core = await ownCore();
  const out = core.scratch(Number(core.exports.BARK_BYTES.value));
  const status = core.exports.barkAmount(
    p.ink ?? INK,
    p.art ?? ART,
    p.rate ?? RATE,
    p.chop ?? CHOP,
    p.dust ?? DUST,
    p.hole ?? HOLE,
    p.dirt ?? 0,
    p.Hole ?? BIG_HOLE,
    p.Dirt ?? 0,
    out,
  );
  const [dart, dink, tab, due] = core.f64.slice(out / 8, out / 8 + 4);
  return { status, dart, dink, tab, due };
}

/** The takeSetup auction's price `dur` seconds after the kick: stairstep from top 5, cut 0.99/s. */
async function clipPrice(dur: number): Promise<number> {
  return (await ownCore()).exports.stairstepDecrease(FEED * BUF, dur, CUT, 1);
}

const OPEN = 0;
const DONE = 1;
const TOO_EXPENSIVE = -1;
const NO_PARTIAL = -2;

test("maker: LinearDecrease equals abaci.t.sol's prices exactly (each tenth of tau)", async () => {
  const { exports: core } = await ownCore();
  const { params, cases } = vectors.linear_decrease;
  const top = units(params.top_ray, RAY);
  for (const c of cases) {
    const got = core.linearDecrease(top, c.dur_seconds, params.tau_seconds);
    equal(got, units(c.expected_price_ray, RAY), `linear at ${c.dur_seconds} s`);
    equal(core.auctionPrice(0, top, c.dur_seconds, params.tau_seconds, 0), got, `auctionPrice linear ${c.dur_seconds}`);
  }
  equal(core.linearDecrease(top, 7200, 3600), 0, "past tau");
  equal(core.linearDecrease(top, 10, 0), 0, "tau 0");
  assert(Number.isNaN(core.auctionPrice(3, top, 10, 3600, 0)), "an unknown calc gives NaN");
});

test("maker: ExponentialDecrease within abaci.t.sol's tolerance, 1e-14 of the exact power, dur·ε of rpow", async () => {
  const { exports: core } = await ownCore();
  const { params, cases } = vectors.exponential_decrease;
  const top = units(params.top_ray, RAY);
  const cut = units(params.cut_ray, RAY);
  for (const c of cases) {
    const got = core.exponentialDecrease(top, c.dur_seconds, cut);
    const tol = units(c.tolerance_ray, RAY); // RAY/1000 on a 4000 RAY top: 1e-6 relative at dur 0
    assert(
      Math.abs(got - units(c.expected_price_ray, RAY)) <= tol,
      `exp at ${c.dur_seconds} s: ${got} off the test's halving`,
    );
    // against the exact power of the double cut, our own error
    close(got, top * powExact(cut, c.dur_seconds), 1e-14, `exp at ${c.dur_seconds} s vs the exact power`);
    // against rpow of the decimal cut: the double cut is ½ ulp off it, an error the power multiplies by dur
    const rpow = units(c.value_by_independent_rpow_recompute, RAY);
    close(got, rpow, c.dur_seconds * 2 ** -53 + 1e-14, `exp at ${c.dur_seconds} s vs rpow`);
    equal(core.auctionPrice(1, top, c.dur_seconds, cut, 0), got, `auctionPrice exponential ${c.dur_seconds}`);
  }
  equal(core.exponentialDecrease(top, 0, 0), top, "cut 0 at dur 0 (rpow(0, 0) = 1)");
  equal(core.exponentialDecrease(top, 1, 0), 0, "cut 0 after a second");
  equal(core.exponentialDecrease(top, 100, 1), top, "cut 1");
});

test("maker: StairstepExponentialDecrease equals clip.t.sol's exact prices to 1e-13", async () => {
  const { exports: core } = await ownCore();
  const cases = vectors.stairstep_exponential_decrease_exact;
  for (const c of cases) {
    const want = units("expected_price_ray" in c ? c.expected_price_ray : c.value_by_independent_rpow_recompute, RAY);
    const got = core.stairstepDecrease(units(c.top_ray, RAY), c.dur_seconds, units(c.cut_ray, RAY), c.step_seconds);
    close(got, want, 1e-13, `stairstep at ${c.dur_seconds} s`);
    const a = units(c.cut_ray, RAY);
    equal(core.auctionPrice(2, units(c.top_ray, RAY), c.dur_seconds, a, c.step_seconds), got, "auctionPrice stairstep");
  }
  close(await clipPrice(30), Number(cases[1].expected_price_approx), 1e-15, "5·0.99^30 of the test's comment");
  // the reset auction 100 s later (test_redo_incentive)
  const redo = scenario("redo_price_after_reset").expected;
  close(await clipPrice(100), units(redo.price_at_dur_100_ray, RAY), 1e-13, "price 100 s after a reset");
});

test("maker: StairstepExponentialDecrease keeps abaci.t.sol's recurrence on all five parameter sets", async () => {
  const { exports: core } = await ownCore();
  for (const set of vectors.stairstep_exponential_decrease_property_tests) {
    const top = units(set.top_ray, RAY);
    const cut = units(set.cut_ray, RAY);
    const step = set.step_seconds;
    const label = `${set.label}, cut ${set.cut_text}, step ${step}`;
    let previous = core.stairstepDecrease(top, 0, cut, step);
    equal(previous, top, `${label}: price(0) = top`);
    let worst = 0;
    for (let i = 1; i < set.test_window_seconds; i++) {
      const price = core.stairstepDecrease(top, i, cut, step);
      close(price, top * powExact(cut, Math.floor(i / step)), 1e-14, `${label}: at ${i} s vs the exact power`);
      if (i % step === 0) worst = Math.max(worst, relative(price, previous * cut));
      else equal(price, previous, `${label}: flat between steps at ${i} s`);
      previous = price;
    }
    // the test's tolerance is a few RAY units (1e-27 relative); in f64 the rule holds to a few ulps
    assert(worst <= 1e-14, `${label}: a step differs from ×cut by ${worst}`);
    for (const [at, value] of Object.entries(set.derived_values_by_independent_recompute)) {
      close(core.stairstepDecrease(top, Number(at), cut, step), units(value, RAY), 1e-13, `${label} at ${at} s`);
    }
  }
});

test("maker: bark kicks the whole vault, top = feed·buf, and the kicking keeper's tip and chip", async () => {
  const { exports: core } = await ownCore();
  const kick = scenario("kick_from_bark").expected;
  const b = await bark({});
  equal(b.status, 0, "bark status");
  close(b.tab, units(kick.tab_rad, RAD), 1e-12, "tab = 100 · chop");
  close(b.dink, units(kick.lot_wad, WAD), 1e-12, "lot");
  equal(b.dart, ART, "all the debt");
  equal(b.dink, INK, "all the collateral");
  close(FEED * BUF, units(kick.top_ray, RAY), 1e-15, "top");
  for (const id of ["kick_incentive_tip_only", "kick_incentive_tip_plus_chip"]) {
    const c = scenario(id);
    close(FEED * units(c.params.buf_ray, RAY), units(c.expected.top_ray, RAY), 1e-15, `${id}: top`);
    const paid = core.incentive(b.tab, units(c.params.tip_rad, RAD), units(c.params.chip_wad, WAD));
    close(paid, units(c.expected.keeper_paid_rad, RAD), 1e-12, `${id}: keeper paid`);
  }
});

test("maker: take over, at and under the tab (clip.t.sol)", async () => {
  for (const id of ["take_over_tab", "take_at_tab", "take_under_tab"]) {
    const c = scenario(id);
    const price = await clipPrice(Number(c.take.at_dur_seconds ?? 0));
    const t = await take(INK, 110, price, units(c.take.amt_wad, WAD), units(c.take.max_ray, RAY));
    const e = c.expected;
    close(t.slice, units(e.buyer_gem_wad as string, WAD), 1e-12, `${id}: slice`);
    close(t.owe, units(e.buyer_paid_dai_rad as string, RAD), 1e-12, `${id}: owe`);
    if (e.auction_ends) {
      equal(t.status, DONE, `${id}: status`);
      equal(t.tab, 0, `${id}: tab left`);
      close(
        t.lot,
        units((e.collateral_returned_to_vault_owner_wad ?? e.collateral_returned_wad) as string, WAD),
        1e-12,
        `${id}: returned`,
      );
    } else {
      equal(t.status, OPEN, `${id}: status`);
      close(t.tab, units(e.remaining_tab_rad as string, RAD), 1e-12, `${id}: tab left`);
      close(t.lot, units(e.remaining_lot_wad as string, WAD), 1e-12, `${id}: lot left`);
    }
  }
  // testFail_take_bid_too_low: max 4 below the price 5
  const refused = await take(INK, 110, await clipPrice(0), 22, 4);
  equal(refused.status, TOO_EXPENSIVE, "max below price");
  equal([refused.slice, refused.owe, refused.tab, refused.lot].join(), `0,0,110,${INK}`, "nothing bought");
});

test("maker: taking the whole lot below the tab ends the auction with a shortfall (clip.t.sol)", async () => {
  const c = scenario("take_full_lot_partial_tab");
  const price = await clipPrice(Number(c.take.at_dur_seconds));
  close(price, units(c.derived_price_ray_at_69s, RAY), 1e-13, "price at 69 s");
  const t = await take(INK, 110, price, units(c.take.amt_wad, WAD), units(c.take.max_ray, RAY));
  equal(t.status, DONE, "status");
  equal(t.slice, INK, "bought the whole lot");
  equal(t.lot, 0, "lot left");
  assert(Math.abs(t.owe - 100) < 0.1, `paid about 100 (the test's |paid − 100| < 0.1), got ${t.owe}`);
  close(t.tab, 110 - t.owe, 1e-15, "the shortfall is the tab left");
  // test_take_bid_avoids_recalculate_due_no_more_lot: 40 at 2.7358 leaves < chost but no lot
  const exact = vectors.stairstep_exponential_decrease_exact[0];
  const at60 = await clipPrice(exact.dur_seconds);
  close(at60, units(exact.expected_price_ray, RAY), 1e-13, "price at 60 s");
  const all = await take(INK, 110, at60, 40, 2.8);
  equal(all.status, DONE, "no more lot: status");
  equal(all.lot, 0, "no more lot: lot left");
  close(all.owe, 40 * at60, 1e-15, "no more lot: paid the whole lot's price");
});

test("maker: the chost rule — adjusted to leave tab = chost, no partial purchase at tab ≤ chost", async () => {
  const adjust = scenario("take_chost_adjustment");
  const price = await clipPrice(0);
  const t = await take(INK, 110, price, units(adjust.take.amt_wad, WAD), units(adjust.take.max_ray, RAY));
  equal(t.status, OPEN, "adjusted: status");
  equal(t.tab, CHOST, "adjusted: tab left is chost exactly");
  close(t.tab, units(adjust.expected.remaining_tab_rad, RAD), 1e-12, "adjusted: tab left");
  close(t.lot, units(adjust.expected.remaining_lot_wad, WAD), 1e-12, "adjusted: lot left");
  close(t.owe, 110 - CHOST, 1e-15, "adjusted: owe");

  const np = scenario("take_no_partial_when_tab_le_chost");
  const first = await take(INK, 110, price, units(np.take.amt_wad, WAD), units(np.take.max_ray, RAY));
  close(first.tab, units(np.expected.remaining_tab_rad, RAD), 1e-12, "no partial: tab left");
  close(first.lot, units(np.expected.remaining_lot_wad, WAD), 1e-12, "no partial: lot left");
  const partial = await take(first.lot, first.tab, price, 1, 5);
  equal(partial.status, NO_PARTIAL, "a partial take of 1 is refused");
  equal([partial.slice, partial.owe, partial.tab, partial.lot].join(), `0,0,${first.tab},${first.lot}`, "unchanged");
  const whole = await take(first.lot, first.tab, price, first.tab / price, 5);
  equal(whole.status, DONE, "taking the whole tab succeeds");
  equal(whole.tab, 0, "whole: tab left");
  close(whole.owe, CHOST, 1e-15, "whole: paid chost");
  close(whole.lot, first.lot - CHOST / price, 1e-15, "whole: collateral returned");
});

test("maker: multiple bids at different prices (clip.t.sol)", async () => {
  const c = scenario("take_multiple_bids");
  const [s1, s2] = c.steps;
  const one = await take(INK, 110, await clipPrice(s1.at_dur_seconds), units(s1.amt_wad, WAD), units(s1.max_ray, RAY));
  equal(one.status, OPEN, "first bid: status");
  close(one.tab, units(s1.expected.tab_rad, RAD), 1e-12, "first bid: tab left");
  close(one.lot, units(s1.expected.lot_wad, WAD), 1e-12, "first bid: lot left");
  const price = await clipPrice(s2.at_dur_seconds);
  close(price, units(s2.price_ray, RAY), 1e-13, "price at 30 s");
  // bob buys the rest of the lot; the test's max (ray(_price)) is far above the price
  const two = await take(one.lot, one.tab, price, one.lot, units(s1.max_ray, RAY));
  equal(two.status, DONE, "second bid: status");
  equal(two.tab, 0, "second bid: tab left");
  close(two.slice, units(s2.expected.bob_gem_wad, WAD), 1e-12, "second bid: bob's collateral");
  close(two.owe, units(s2.expected.bob_paid_rad, RAD), 1e-12, "second bid: bob paid");
  close(two.lot, units(s2.expected.lot_returned_wad, WAD), 1e-12, "second bid: returned to the owner");
});

test("maker: needsRedo by tail and by cusp, at the seconds of clip.t.sol", async () => {
  const { exports: core } = await ownCore();
  const top = FEED * BUF;
  for (const id of ["auction_reset_tail", "auction_reset_cusp"]) {
    const c = scenario(id);
    const tau = Number(/tau=(\d+)/.exec(String(c.params.calc))?.[1]);
    const cusp = units(c.params.cusp_ray, RAY);
    for (const [key, want] of Object.entries(c.expected)) {
      const dur = Number(/_at_(\d+)s$/.exec(key)?.[1]);
      const price = core.linearDecrease(top, dur, tau);
      equal(core.needsRedo(price, top, dur, Number(c.params.tail), cusp), want ? 1 : 0, `${id} at ${dur} s`);
    }
  }
  // the stairstep auction of takeSetup (cusp 0.3, tail 3600): 0.99^n < 0.3 from n = 120 on
  const cusp = units("0.3e27", RAY);
  equal(core.needsRedo(await clipPrice(119), top, 119, 3600, cusp), 0, "stairstep before cusp");
  equal(core.needsRedo(await clipPrice(120), top, 120, 3600, cusp), 1, "stairstep past cusp");
});

test("maker: the resetting keeper's tip and chip, only when tab and lot value reach chost", async () => {
  const { exports: core } = await ownCore();
  const c = scenario("redo_incentive");
  const tip = units(c.params.tip_rad, RAD);
  const chip = units("0.02e18", WAD);
  const tab = 110;
  equal(core.redoIncentive(tab, INK, FEED, tip, 0, CHOST), tip, "tip only");
  close(core.redoIncentive(tab, INK, FEED, tip, chip, CHOST), 102.2, 1e-15, "tip + chip");
  close(core.redoIncentive(tab, INK, FEED, 0, chip, CHOST), 2.2, 1e-15, "chip only");
  // chost = 110e45 + 1 (one wei over the tab): in f64 the next double above the tab
  const above = tab + tab * 2 ** -52;
  equal(core.redoIncentive(tab, INK, FEED, 0, chip, above), 0, "chost above the tab");
  equal(core.redoIncentive(tab, INK, FEED, 0, chip, tab), 2.2, "chost equal to the tab");
  // 38 bought at the price 100 s after the reset leaves a tab above chost and a dusty lot (2·4 < 22)
  const t = await take(INK, tab, await clipPrice(100), 38, 5);
  equal(t.status, OPEN, "take 38: status");
  close(t.tab, tab - 38 * (await clipPrice(100)), 1e-15, "take 38: tab left");
  assert(t.tab > CHOST, "take 38: tab left above chost");
  close(t.lot, 2, 1e-15, "take 38: lot left");
  equal(core.redoIncentive(t.tab, t.lot, FEED, tip, chip, CHOST), 0, "dusty lot: no incentive");
});

test("maker: Dog.bark's partial liquidation under hole and under Hole, and the dust rule", async () => {
  const [partial, dusty] = vectors.dog_bark as unknown as {
    params: Record<string, string>;
    expected: Record<string, string>;
  }[];
  const cap = units(partial.params.hole_or_Hole_rad, RAD);
  for (const limits of [{ hole: cap }, { Hole: cap }]) {
    const label = `partial (${Object.keys(limits)[0]} = 75)`;
    const b = await bark({
      ink: units(partial.params.ink_wad, WAD),
      art: units(partial.params.art_wad, WAD),
      rate: units(partial.params.rate_ray, RAY),
      chop: units(partial.params.chop_wad, WAD),
      ...limits,
    });
    equal(b.status, 0, `${label}: status`);
    close(b.tab, units(partial.expected.tab_rad_exact, RAD), 1e-12, `${label}: tab`);
    close(b.dart, units(partial.expected.dart_wad, WAD), 1e-12, `${label}: dart`);
    close(b.dink, units(partial.expected.lot_wad, WAD), 1e-12, `${label}: lot`);
    close(b.due, b.dart, 0, `${label}: due at rate 1`);
  }
  const rate = units(dusty.params.rate_ray, RAY);
  const b = await bark({
    rate,
    hole: units(dusty.params.hole_rad, RAD),
    chop: units(dusty.params.chop_wad, WAD),
    dust: units(dusty.params.dust_rad, RAD),
  });
  equal(b.status, 0, "dusty remainder: status");
  close(b.tab, units(dusty.expected.tab_rad, RAD), 1e-12, "dusty remainder: tab = 100 · 1.02");
  close(b.dink, units(dusty.expected.lot_wad, WAD), 1e-12, "dusty remainder: lot");
  equal(b.dart, ART, "dusty remainder: the whole debt (vault 0/0)");
  equal(b.dink, INK, "dusty remainder: the whole collateral (vault 0/0)");
});

test("maker: bark refuses without room, a dusty partial auction, and an empty lot", async () => {
  equal((await bark({ Dirt: BIG_HOLE })).status, -1, "Dirt = Hole");
  equal((await bark({ dirt: HOLE + 1 })).status, -1, "dirt over hole");
  // room for 10 of debt leaves 90 (not dusty) but the auction (10) is below dust 20
  const small = await bark({ hole: 10 * CHOP });
  equal(small.status, -2, "dusty partial auction");
  equal([small.dart, small.dink, small.tab, small.due].join(), "0,0,0,0", "refused: zeros");
  equal((await bark({ ink: 0 })).status, -3, "no collateral");
  // a remainder exactly at dust is allowed (test_bark_only_leaving_dust_over_hole_rate's rule)
  const edge = await bark({ hole: 80, chop: 1, dust: 20 });
  equal(edge.status, 0, "remainder at dust: status");
  close(edge.dart, 80, 1e-15, "remainder at dust: partial");
  close(edge.dink, 32, 1e-15, "remainder at dust: lot");
});
