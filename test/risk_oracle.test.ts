// The Systemic Risk Oracle: the report (ladder, boundaries, fragility, recommendations), RFC 8785
// canonical JSON, Ed25519 signatures, and the adapters of real-world inputs — on every runtime.
import {
  bookSnapshotFromL2,
  dealersFromDeribit,
  ed25519Supported,
  generateOracleKey,
  importOracleKey,
  JcsError,
  jcs,
  liquidationLadder,
  orderBookVenueFromL2,
  presets,
  riskOracle,
  type Scenario,
  SnapshotError,
  signReport,
  simulate,
  solvencyBoundary,
  validateScenario,
  verifyReport,
} from "fracture";
import * as v from "valibot";
import binance from "../examples/oracle/binance-ethusdt-depth.json" with { type: "json" };
import coinbase from "../examples/oracle/coinbase-eth-usd-book.json" with { type: "json" };
import deribit from "../examples/oracle/deribit-eth-options.json" with { type: "json" };
import { ReportSchema } from "../src/oracle/schema.ts";
import { assert, equal, near, rejects, test, throws } from "./harness.ts";
import { hex, ladderMarket, RFC8032, toHex } from "./oracle_fixture.ts";

/** presets.sharedOracle, smaller (fewer positions) so every runtime runs it quickly. */
function smallShared(): Scenario {
  const s = structuredClone(presets.sharedOracle);
  for (const p of s.protocols ?? []) {
    if (p.type === "lending" && !Array.isArray(p.positions) && "generate" in p.positions)
      p.positions.generate.count = 400;
  }
  return s;
}

const FAST = { recommendations: false, createdAt: "2026-01-01T00:00:00.000Z" } as const;

// ---- RFC 8785 ---------------------------------------------------------------------------------

test("risk oracle: JCS writes numbers as RFC 8785's appendix B does", () => {
  const table: [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];
  for (const [bits, text] of table) {
    const x = new DataView(hex(bits).buffer).getFloat64(0);
    equal(jcs(x), text, bits);
  }
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
    throws(() => jcs({ x: [bad] }), JcsError, /\$\.x\[0\].*RFC 8785/, String(bad));
});

test("risk oracle: JCS canonicalizes RFC 8785's examples (escapes, literals, member order by UTF-16 code units)", () => {
  // section 3.2.2, as parsed from its JSON text
  const sample = JSON.parse(
    '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
  );
  equal(
    jcs(sample),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    "3.2.2",
  );
  // section 3.2.3: the members sort by their names' UTF-16 code units
  const sorting = {
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis",
  };
  // the values in the order the canonical text has them (JSON.parse would put "1" first: an index)
  const order = [...jcs(sorting).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
  equal(
    order.join(", "),
    "Carriage Return, One, Control, Latin Small Letter O With Diaeresis, Euro Sign, Emoji: Grinning Face, Hebrew Letter Dalet With Dagesh",
    "3.2.3 order",
  );
  // the UTF-8 bytes of the 3.2.2 output (appendix: e2 82 ac for the euro sign, 5c 75 30 30 30 66 for \u000f)
  const bytes = new TextEncoder().encode(jcs({ s: "€\u000f" }));
  equal(toHex(bytes), "7b2273223a22e282ac5c7530303066227d", "UTF-8");
  equal(jcs({ b: undefined, a: -0 }), '{"a":0}', "undefined members left out, -0 as 0");
  throws(() => jcs({ s: "\ud800x" }), JcsError, /lone surrogate/, "lone surrogate");
  throws(() => jcs({ a: new Float64Array(2) }), JcsError, /Float64Array is not JSON data/, "typed array");
  throws(() => jcs([1, undefined]), JcsError, /\$\[1\]: undefined/, "undefined in an array");
  throws(() => jcs({ n: 10n }), JcsError, /bigint/, "bigint");
});

// ---- Ed25519 ----------------------------------------------------------------------------------

test("risk oracle: Ed25519 is there, and signs RFC 8032's first vector as the RFC says", async () => {
  assert(await ed25519Supported(), "this runtime's WebCrypto has Ed25519");
  const key = await crypto.subtle.importKey("pkcs8", RFC8032.pkcs8, { name: "Ed25519" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, new Uint8Array(0)));
  equal(toHex(signature), RFC8032.emptySignature, "signature of the empty message");
});

test("risk oracle: a key read as PKCS#8 bytes, PEM, base64 or JWK signs alike; a new key round-trips", async () => {
  const b64 = btoa(String.fromCharCode(...RFC8032.pkcs8));
  const pem = `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
  const jwk = { kty: "OKP", crv: "Ed25519", d: RFC8032.d, x: RFC8032.publicKey };
  const report = { a: 1, b: [2.5, "x"] };
  const texts = new Set<string>();
  for (const input of [RFC8032.pkcs8, pem, b64, jwk, JSON.stringify(jwk)]) {
    const key = await importOracleKey(input);
    equal(key.publicKey, RFC8032.publicKey, "public key");
    texts.add(JSON.stringify(await signReport(report, key)));
  }
  equal(texts.size, 1, "one signature whatever the key's form (Ed25519 is deterministic)");
  const fresh = await generateOracleKey();
  const signed = await signReport(report, fresh);
  assert(await verifyReport(signed, fresh.publicKey), "a new key verifies");
  assert(await verifyReport(signed, fresh.publicJwk), "…by its JWK too");
  await rejectsType(() => importOracleKey("not a key"), "text that is no key");
  await rejectsType(() => importOracleKey({ kty: "EC", crv: "P-256" } as JsonWebKey), "another JWK");
});

async function rejectsType(fn: () => Promise<unknown>, label: string): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert(err instanceof TypeError, `${label}: a TypeError, got ${String(err)}`);
    assert(!/nWGxne|MC4CAQAw/.test((err as Error).message), `${label}: the message echoes no key`);
    return;
  }
  throw new Error(`${label}: expected a rejection`);
}

test("risk oracle: any changed byte fails verification — a digit, a key, the signature, the envelope", async () => {
  const key = await importOracleKey(RFC8032.pkcs8);
  const report = await riskOracle(ladderMarket(), FAST);
  const signed = await signReport(report, key);
  // what a client gets: the JSON text, parsed
  const wire = () => JSON.parse(JSON.stringify(signed));
  assert(await verifyReport(wire()), "as published, against its own key");
  assert(await verifyReport(wire(), RFC8032.publicKey), "against the trusted key");
  const other = await generateOracleKey();
  assert(!(await verifyReport(wire(), other.publicKey)), "not against another key");

  const digit = wire();
  digit.report.assets.ETH.spot = 2001;
  assert(!(await verifyReport(digit)), "a digit of the report changed");
  const flipped = wire();
  flipped.report.assets.ETH.ladder.liquidatable *= 1 + 2 ** -52;
  assert(!(await verifyReport(flipped)), "the last bit of one number changed");
  const added = wire();
  added.report.extra = true;
  assert(!(await verifyReport(added)), "a key added to the report");
  const removed = wire();
  delete removed.report.fracture;
  assert(!(await verifyReport(removed)), "a key removed");
  const sig = wire();
  sig.signature = (sig.signature[0] === "A" ? "B" : "A") + sig.signature.slice(1);
  assert(!(await verifyReport(sig)), "the signature changed");
  const envelope = wire();
  envelope.note = "hi";
  assert(!(await verifyReport(envelope)), "a key added to the envelope");
  const alg = wire();
  alg.canonicalization = "none";
  assert(!(await verifyReport(alg)), "another canonicalization claimed");
  const swapped = wire();
  swapped.publicKey = other.publicKey;
  assert(!(await verifyReport(swapped)), "another public key claimed");
  // the member order of the JSON text changes nothing: the signature is over the canonical form
  const reordered = JSON.parse(
    JSON.stringify({
      ...wire(),
      report: { ...wire().report, assets: wire().report.assets, createdAt: report.createdAt },
    }),
  );
  assert(await verifyReport(reordered), "members in another order");
  for (const junk of [null, 1, "x", [], {}, { ...wire(), signature: 5 }])
    assert(!(await verifyReport(junk)), `junk ${JSON.stringify(junk)}`);
});

// ---- the report -------------------------------------------------------------------------------

test("risk oracle: the report is valid against its schema, with its metadata", async () => {
  const r = await riskOracle(ladderMarket(), { createdAt: "2026-03-01T12:00:00Z", recommendIterations: 3 });
  const checked = v.safeParse(ReportSchema, r);
  assert(
    checked.success,
    `schema: ${checked.success ? "" : JSON.stringify(checked.issues[0].path?.map((p) => p.key))} ${checked.success ? "" : checked.issues[0].message}`,
  );
  equal(r.version, 1, "version");
  equal(r.createdAt, "2026-03-01T12:00:00.000Z", "createdAt");
  assert(/^[0-9a-f]{64}$/.test(r.inputs.sha256), "sha256");
  equal(r.inputs.quote, "USDC", "quote");
  // the inputs' hash is the validated scenario's: listing order and defaults change nothing
  const s = ladderMarket();
  const shuffled = { ...s, protocols: [...(s.protocols ?? [])].reverse(), assets: [...s.assets].reverse() };
  const again = await riskOracle(shuffled, FAST);
  equal(again.inputs.sha256, r.inputs.sha256, "same inputs, same hash");
  const moved = await riskOracle({ ...s, steps: 61 }, FAST);
  assert(moved.inputs.sha256 !== r.inputs.sha256, "other inputs, another hash");
  await rejects(() => riskOracle(s, { createdAt: "yesterday" }), /createdAt/, "a bad time");
});

test("risk oracle: the ladder sums to the total liquidatable collateral, per protocol and in all", async () => {
  const r = await riskOracle(ladderMarket(), FAST);
  const a = r.assets.ETH;
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  // lending: a 10 (1950), b 20 (1800), c 5 (1500), d 7 (50, below the grid), e 3 (already); f never
  // CDP: 30 (1800), 12 (1600)
  near(a.ladder.liquidatable, 10 + 20 + 5 + 7 + 3 + 30 + 12, 1e-9, "liquidatable");
  near(
    sum(a.ladder.collateral) + a.ladder.beyondGrid.collateral,
    a.ladder.liquidatable,
    1e-9,
    "ladder + beyond the grid",
  );
  near(a.ladder.beyondGrid.collateral, 7, 1e-9, "below the grid: d");
  near(a.ladder.cumulative.at(-1) as number, sum(a.ladder.collateral), 1e-9, "cumulative");
  for (let k = 0; k < a.ladder.prices.length; k++) {
    near(
      a.ladder.protocols.lend.collateral[k] + a.ladder.protocols.maker.collateral[k],
      a.ladder.collateral[k],
      1e-9,
      `level ${k}`,
    );
  }
  equal(a.ladder.collateral[0], 3, "level 0: liquidatable already");
  // a position sits at the first level at or below its liquidation price
  const at = (k: number, price: number) => a.ladder.prices[k] <= price && a.ladder.prices[k - 1] > price;
  const lend = a.ladder.protocols.lend.collateral;
  assert(at(lend.indexOf(10), 1950), "a (10 ETH) at 1950");
  assert(at(lend.indexOf(20), 1800), "b (20 ETH) at 1800");
  assert(at(a.ladder.protocols.maker.collateral.indexOf(30), 1800), "a vault of 30 ETH at 1800");
  assert(at(a.ladder.collateral.indexOf(50), 1800), "20 + 30 ETH at 1800");
  // the total is liquidationLadder's, bit for bit
  const l = liquidationLadder(ladderMarket(), { asset: "ETH" });
  equal(JSON.stringify(a.ladder.collateral), JSON.stringify(Array.from(l.collateral)), "liquidationLadder's");
  equal(JSON.stringify(a.depth.total), JSON.stringify(Array.from(l.depth)), "its depth");
});

test("risk oracle: the boundaries are solvencyBoundary's; the cascade ladder's runs are the dynamic scan's", async () => {
  const s = smallShared();
  const r = await riskOracle(s, FAST);
  const b = solvencyBoundary(s).ETH;
  const a = r.assets.ETH;
  assert(b.static !== null && a.boundary.static !== null, "a static boundary");
  assert(b.dynamic !== null && a.boundary.dynamic !== null, "a dynamic boundary");
  equal(a.boundary.static.price, b.static.price, "static price");
  equal(a.boundary.static.collateral, b.static.collateral, "static collateral");
  equal(a.boundary.dynamic.drop, b.dynamic.drop, "dynamic drop");
  equal(a.boundary.dynamic.badDebt, b.dynamic.badDebt, "dynamic bad debt");
  // the first sustaining scan drop is where the bisection started
  const first = a.cascade.sustains.indexOf(true);
  assert(
    first >= 0 && a.cascade.drops[first] >= a.boundary.dynamic.drop,
    "the boundary lies at or below the first sustaining drop",
  );
  // with the feedback, at least as much is liquidatable as the static ladder says, and more somewhere
  for (let i = 0; i < a.cascade.drops.length; i++) {
    assert(a.cascade.liquidatable[i] >= a.cascade.static[i] - 1e-9, `drop ${a.cascade.drops[i]}: cascade ≥ static`);
    near(a.cascade.feedback[i], a.cascade.liquidatable[i] - a.cascade.static[i], 1e-9, "feedback");
  }
  assert(
    a.cascade.feedback.some((x) => x > 0),
    "the feedback adds something",
  );
  // a row is the run of its drop: simulate says the same
  const row = 2;
  const run = simulate(
    { ...s, shock: [{ type: "drop", asset: "ETH", fraction: a.cascade.drops[row], steps: 1, step: 0, pull: 0.5 }] },
    { events: 0 },
  );
  equal(a.cascade.realizedDrawdown[row], run.summary.drawdowns.ETH.realized, "realized drawdown");
  equal(a.cascade.liquidatedNotional[row], run.summary.liquidatedNotional, "liquidated notional");
});

test("risk oracle: moving positions toward spot raises the fragility index and the static boundary", async () => {
  // (no position liquidatable already: that puts the static boundary at the price itself)
  const far = await riskOracle(ladderMarket(1, false), FAST);
  const near_ = await riskOracle(ladderMarket(1.02, false), FAST);
  const [a, b] = [far.assets.ETH, near_.assets.ETH];
  assert(a.boundary.static !== null && b.boundary.static !== null, "static boundaries");
  assert(
    b.boundary.static.price > a.boundary.static.price,
    `static boundary up: ${a.boundary.static.price} → ${b.boundary.static.price}`,
  );
  assert(b.fragility.index > a.fragility.index, `index up: ${a.fragility.index} → ${b.fragility.index}`);
  // every component's contribution is 100 × weight × score, and they add up to the index
  for (const r of [a, b]) {
    let total = 0;
    for (const c of r.fragility.components) {
      near(c.contribution, 100 * c.weight * c.score, 1e-12, c.name);
      assert(c.score >= 0 && c.score <= 1, `${c.name} score in [0, 1]`);
      total += c.contribution;
    }
    near(r.fragility.index, total, 1e-9, "index = Σ contributions");
    near(
      r.fragility.components.reduce((w, c) => w + c.weight, 0),
      1,
      1e-12,
      "weights add up to 1",
    );
  }
});

test("risk oracle: recommendations, when the dynamic boundary lies within the target, are each checked on the engine", async () => {
  const s = smallShared();
  const r = await riskOracle(s, { createdAt: 0, recommendIterations: 3 });
  const a = r.assets.ETH;
  assert(a.recommendations.needed, "needed: the boundary is at 2%");
  const kinds = a.recommendations.items.map((x) => `${x.kind}:${x.protocol}`).sort();
  equal(
    kinds.join(" "),
    "backstop:lend-a backstop:lend-b depth:null liquidationThreshold:lend-a liquidationThreshold:lend-b",
    "levers",
  );
  for (const x of a.recommendations.items) {
    if (!x.reached) continue;
    assert(x.cost.amount !== null && x.cost.amount > 0, `${x.kind} ${x.protocol}: a cost`);
    equal(x.checkedDrops.at(-1), 0.2, `${x.kind}: checked up to the target`);
  }
  // the depth the report recommends: solvencyBoundary finds no boundary within the target there
  const depth = a.recommendations.items.find((x) => x.kind === "depth");
  assert(depth?.reached && depth.recommended !== null, "depth reached");
  const g = depth.recommended;
  const deeper = {
    ...s,
    venues: s.venues.map((x) =>
      x.type === "constantProduct" ? { ...x, reserveBase: x.reserveBase * g, reserveQuote: x.reserveQuote * g } : x,
    ),
  };
  const after = solvencyBoundary(deeper, { maxDrop: 0.2 }).ETH.dynamic;
  assert(after === null, `no self-sustaining cascade up to 20% with ${g}× depth, got ${after?.drop}`);
  // no recommendation is searched when the boundary is beyond the target
  const calm = await riskOracle(s, { createdAt: 0, targetDrop: 0.01 });
  equal(calm.assets.ETH.recommendations.needed, false, "beyond a 1% target");
  equal(calm.assets.ETH.recommendations.items.length, 0, "no items");
});

test("risk oracle: bad options name the field", async () => {
  const s = ladderMarket();
  await rejects(() => riskOracle(s, { assets: ["BTC"] }), /options\.assets\[0\]/);
  await rejects(() => riskOracle(s, { assets: ["USDC"] }), /an asset some venue trades/);
  await rejects(() => riskOracle(s, { stepBps: 100, levels: 200 }), /options\.levels/);
  await rejects(() => riskOracle(s, { dropSteps: 1000 }), /options\.dropSteps/);
});

// ---- adapters ---------------------------------------------------------------------------------

test("risk oracle: an exchange's L2 snapshot becomes a book venue (Binance, Coinbase, Kraken, plain)", () => {
  const b = bookSnapshotFromL2(binance);
  equal(b.format, "binance", "format");
  equal(b.tickSize, 0.01, "tick from the prices' decimals");
  equal(b.lotSize, 0.0001, "lot from the quantities' decimals");
  assert(b.snapshot.bids[0][0] < b.snapshot.asks[0][0], "uncrossed");
  assert(
    b.snapshot.bids.every((l, i) => i === 0 || l[0] < b.snapshot.bids[i - 1][0]),
    "bids best first",
  );
  const c = bookSnapshotFromL2(coinbase, { levels: 5, scale: 2 });
  equal(c.format, "coinbase", "coinbase");
  equal(c.snapshot.asks.length, 5, "levels kept");
  const { venue, mid } = orderBookVenueFromL2(binance, { id: "binance", base: "ETH", quote: "USDT" });
  const s = validateScenario({
    version: 1,
    name: "l2",
    steps: 5,
    assets: [
      { id: "ETH", price: mid, vol: 0.7 },
      { id: "USDT", price: 1 },
    ],
    venues: [venue],
    shock: [{ type: "sell", venue: "binance", qty: 5, step: 0 }],
  });
  const run = simulate(s);
  assert(run.summary.drawdowns.ETH.realized > 0, "a sale moves the book");
  const advanced = bookSnapshotFromL2({
    pricebook: {
      product_id: "ETH-USD",
      bids: [{ price: "1999.5", size: "2" }],
      asks: [{ price: "2000.5", size: "1.5" }],
    },
  });
  equal(advanced.format, "coinbase-advanced", "advanced trade");
  const kraken = bookSnapshotFromL2({
    error: [],
    result: { XETHZUSD: { bids: [["1999.9", "1.0", 1]], asks: [["2000.1", "2.0", 1]] } },
  });
  equal(kraken.format, "kraken", "kraken");
  equal(bookSnapshotFromL2({ bids: [[10, 1]], asks: [[11, 2]] }).format, "plain", "plain");
  const err = throws(
    () => bookSnapshotFromL2({ bids: [["x", "1"]], asks: [["11", "-2"]] }),
    SnapshotError,
    /2 problems/,
  );
  equal((err as SnapshotError).issues.map((i) => i.path).join(" "), "bids[0].price asks[0].quantity", "paths");
  throws(() => bookSnapshotFromL2({ bids: [[12, 1]], asks: [[11, 2]] }), SnapshotError, /crossed/);
});

test("risk oracle: a Deribit option book becomes a scenario dealers entry", () => {
  const d = dealersFromDeribit(deribit, { id: "deribit", venue: "pool", underlying: "ETH" });
  assert(d.dealers.options.length > 0, "options");
  assert(
    d.dealers.options.every((o) => o.openInterest > 0 && o.days > 0 && o.vol > 0),
    "each with open interest, days, vol",
  );
  near(d.spot, 2000, 100, "spot");
  const s = validateScenario({
    version: 1,
    name: "dealers",
    steps: 10,
    assets: [
      { id: "ETH", price: d.spot, vol: 0.7 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        id: "pool",
        type: "constantProduct",
        base: "ETH",
        quote: "USDC",
        reserveBase: 20_000,
        reserveQuote: 20_000 * d.spot,
      },
    ],
    dealers: [d.dealers],
    shock: [{ type: "sell", venue: "pool", qty: 500, step: 0 }],
  });
  const run = simulate(s);
  assert(
    run.timeline.dealers.deribit.hedgeFlow.some((x) => x !== 0),
    "the dealers hedge",
  );
});
