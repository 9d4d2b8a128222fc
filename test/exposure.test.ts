import { greeks, type OptionChain } from "fracture";
import book from "./fixtures/deribit_eth_book.json" with { type: "json" };
import { assert, equal, near, test, throws } from "./harness.ts";

/** A chain with every option priced on its own by bsm: the independent reference. */
function reference(ch: OptionChain, spot: number, volShift = 0) {
  const o = greeks.bsm({
    spot,
    strike: ch.strike,
    time: ch.time,
    vol: ch.vol.map((v) => Math.max(0, v + volShift)),
    rate: ch.rate,
    dividend: ch.dividend,
    call: ch.call,
  });
  let delta = 0;
  let gamma = 0;
  ch.position.forEach((p, i) => {
    delta += p * ch.contractSize * o.delta[i];
    gamma += (p * ch.contractSize * o.gamma[i] * spot * spot) / 100;
  });
  return { delta, gamma };
}

// built on first use: the suite loads before init()
let built: OptionChain | undefined;
const sample = (): OptionChain => {
  built ??= greeks.chain({
    strike: Float64Array.of(1600, 1800, 2000, 2000, 2200, 2500, 3000),
    time: Float64Array.of(0.05, 0.05, 0.05, 0.3, 0.3, 0.3, 1),
    call: Uint8Array.of(0, 0, 0, 1, 1, 1, 1),
    vol: Float64Array.of(0.9, 0.8, 0.7, 0.65, 0.7, 0.75, 0.8),
    openInterest: Float64Array.of(12000, 8000, 5000, 7000, 9000, 15000, 30000),
    dealers: "long-calls-short-puts",
    contractSize: 1,
    rate: 0.04,
  });
  return built;
};

test("exposure: the GEX profile equals Σ position·Γ·S²/100 priced option by option", () => {
  const spots = Float64Array.of(1500, 1800, 2000, 2100, 2600, 3500);
  const gex = greeks.gammaExposure(sample(), spots);
  spots.forEach((s, k) => {
    const want = reference(sample(), s).gamma;
    near(gex[k], want, 1e-12 * Math.abs(want) + 1e-9, `GEX at ${s}`);
  });
  equal(greeks.gammaExposure(sample(), 2000)[0], gex[2], "one spot as a number");
});

test("exposure: hedge flows are exact differences of delta, with and without a vol move", () => {
  for (const [from, to] of [
    [2000, 1800],
    [2000, 2300],
    [1900, 1500],
  ]) {
    const flow = greeks.hedgeFlow(sample(), from, to);
    const want = -(reference(sample(), to).delta - reference(sample(), from).delta);
    near(flow, want, 1e-12 * Math.abs(want) + 1e-9, `flow ${from}→${to}`);
    const spike = greeks.hedgeFlow(sample(), from, to, { fromVol: 0.7, toVol: 1.1 });
    const wantSpike = -(reference(sample(), to, 0.4).delta - reference(sample(), from).delta);
    near(spike, wantSpike, 1e-12 * Math.abs(wantSpike) + 1e-9, `flow ${from}→${to} with vol +40 points`);
    assert(Math.abs(spike - flow) > 1, "the vol move changes the flow (vanna)");
  }
  equal(greeks.hedgeFlow(sample(), 2000, 2000), 0, "no move, no flow");
});

test("exposure: the sign convention — long gamma damps, short gamma amplifies", () => {
  const only = (call: boolean, dealers: "long-all" | "short-all") =>
    greeks.chain({
      strike: Float64Array.of(2000),
      time: 0.1,
      call,
      vol: 0.7,
      openInterest: Float64Array.of(1000),
      dealers,
    });
  const longCalls = only(true, "long-all");
  const shortPuts = only(false, "short-all");
  assert(greeks.gammaExposure(longCalls, 2000)[0] > 0, "dealers long calls are long gamma");
  assert(greeks.hedgeFlow(longCalls, 2000, 2100) < 0, "...and sell into a rally");
  assert(greeks.gammaExposure(shortPuts, 2000)[0] < 0, "dealers short puts are short gamma");
  assert(greeks.hedgeFlow(shortPuts, 2000, 1900) < 0, "...and sell into a fall: the squeeze");
});

test("exposure: the gamma flip lies where the profile changes sign; gamma by strike sums to the total", () => {
  const flip = greeks.gammaFlip(sample(), 2000);
  assert(Number.isFinite(flip) && flip > 1000 && flip < 4000, `flip ${flip}`);
  const [below, above] = greeks.gammaExposure(sample(), Float64Array.of(flip * 0.999, flip * 1.001));
  assert(Math.sign(below) !== Math.sign(above), `GEX ${below} and ${above} around the flip ${flip}`);
  const onlyLong = greeks.chain({
    strike: Float64Array.of(2000),
    time: 0.1,
    call: true,
    vol: 0.7,
    position: Float64Array.of(5),
  });
  assert(Number.isNaN(greeks.gammaFlip(onlyLong, 2000)), "no flip when the sign never changes");
  const by = greeks.gammaByStrike(sample(), 2000);
  equal(Array.from(by.strike).join(), "1600,1800,2000,2200,2500,3000", "distinct strikes, ascending");
  near(
    by.gamma.reduce((a, b) => a + b, 0),
    greeks.gammaExposure(sample(), 2000)[0],
    1e-9,
    "the strikes sum to the total",
  );
  const top = Math.max(...by.gamma.map(Math.abs));
  equal(Math.abs(by.gamma[by.strike.indexOf(by.peaks[0])]), top, "the first peak is the largest |gamma|");
});

test("chain: a Deribit book imports, expired options left out", () => {
  const d = greeks.chainFromDeribit(book);
  equal(d.currency, "ETH", "currency");
  equal(d.asOf, 1795521600000, "asOf from creation_timestamp");
  equal(d.expired.join(), "ETH-20NOV26-2000-C", "expired");
  equal(d.chain.strike.length, 8, "kept options");
  equal(d.spot, 2001.5, "median underlying price");
  // ETH-25DEC26-2500-C: 25 Dec 2026 08:00 UTC is 30.833 days after 24 Nov 12:00
  const i = 6;
  equal(d.chain.strike[i], 2500, "strike");
  near(d.chain.time[i], (30 * 24 + 20) / 24 / 365, 1e-15, "years to expiry");
  equal(d.chain.call[i], 1, "call");
  near(d.chain.vol[i], 0.71, 1e-15, "mark_iv in percent");
  equal(d.chain.position[i], 21000, "dealers long calls by default");
  equal(d.chain.position[0], -5210, "... and short puts");
  const short = greeks.chainFromDeribit(book.result, { dealers: "short-all", asOf: new Date(1795521600000) });
  equal(short.chain.position[i], -21000, "rows as a plain array, dealers short all");
});

test("chain: malformed rows are listed by path", () => {
  const rows = [
    { instrument_name: "ETH-PERPETUAL", mark_iv: 50, open_interest: 1 },
    { instrument_name: "ETH-31FEB27-2000-C", mark_iv: 50, open_interest: 1, creation_timestamp: 1 },
    { instrument_name: "ETH-27DEC26-2000-C", mark_iv: "high", open_interest: -3, creation_timestamp: 1 },
  ];
  const err = throws(
    () => greeks.chainFromDeribit({ result: rows }),
    greeks.ChainError,
    /result\[0\]\.instrument_name/,
  );
  const issues = (err as InstanceType<typeof greeks.ChainError>).issues.map((i) => i.path);
  equal(issues.join(), "result[0].instrument_name,result[2].mark_iv,result[2].open_interest", "every bad field");
  throws(
    () => greeks.chainFromDeribit(rows.slice(1, 2)),
    greeks.ChainError,
    /\[0\]\.instrument_name: no such expiry date "31FEB27"/,
  );
  throws(
    () => greeks.chainFromDeribit({ nope: 1 }),
    greeks.ChainError,
    /expected an array of rows or a Deribit response/,
  );
  throws(
    () => greeks.chainFromDeribit([{ instrument_name: "ETH-27DEC26-2000-C", mark_iv: 1, open_interest: 1 }]),
    TypeError,
    /"asOf"/,
  );
});

test("chain: bad columns are named", () => {
  const ok = { strike: Float64Array.of(100, 110), time: 1, call: true, vol: 0.5, position: Float64Array.of(1, -1) };
  throws(() => greeks.chain({ ...ok, strike: Float64Array.of(100, -1) }), RangeError, /^"strike\[1\]" .* got -1$/);
  throws(() => greeks.chain({ ...ok, vol: Float64Array.of(0.5) }), RangeError, /"vol" has length 1, expected 2/);
  throws(
    () => greeks.chain({ ...ok, position: undefined }),
    TypeError,
    /"position" expected a Float64Array \(or openInterest/,
  );
  throws(
    () =>
      greeks.chain({ ...ok, dealers: "sideways" as never, position: undefined, openInterest: Float64Array.of(1, 1) }),
    RangeError,
    /"dealers"/,
  );
  throws(() => greeks.gammaExposure(greeks.chain(ok), -5), RangeError, /"spots" expected/);
  throws(() => greeks.hedgeFlow(greeks.chain(ok), 100, 110, { volShift: Number.NaN }), RangeError, /"move.volShift"/);
});
