// Options vaults through simulate() (assembly/engine/vaults.ts): the margin requirement against
// the formula computed here from greeks.bsm, liquidations that buy the options back at their BSM
// value and sell collateral as the pool's own math says, bad debt, order and block space,
// settlement at expiry, and bad input.
import { greeks, type OptionsVaultSpec, type Scenario, ScenarioError, simulate } from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";
import { ethPool, eventOf, eventsOf, protocolOf } from "./scenarios.ts";

type Option = { strike: number; days: number; call: boolean; qty: number; vol: number };
type Account = { collateral: number; options: Option[] };

const RATE = 0.03;
const SPOT_SHOCK = 0.1;
const VOL_SHOCK = 0.2;
// the pool: 10,000 ETH and 20,000,000 USDC, 30 bps on the input
const X = 1e4;
const Y = 2e7;
const GAMMA = 0.997;

/** One vault on ETH, priced by a spot oracle on the asset (a path moves it; the pool only moves by the vault's sales). */
function vault(accounts: Account[], extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "vault-test",
    steps: 20,
    ...ethPool(2000, X),
    oracles: [{ id: "eth", type: "spot", source: "ETH" }],
    protocols: [
      {
        id: "vault",
        type: "optionsVault",
        underlying: "ETH",
        oracle: "eth",
        venue: "pool",
        rate: RATE,
        margin: { spotShock: SPOT_SHOCK, volShock: VOL_SHOCK },
        accounts,
      },
    ],
    // a keeper with no capital: the vault's own sale pays for the buy-back
    liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool" }],
    ...extra,
  };
}

/** The exogenous price path of ETH, one price a step; the pool is not pulled toward it. */
const path = (...prices: number[]) => ({ shock: [{ type: "path" as const, asset: "ETH", prices, pull: 0 }] });

/** Value and margin requirement of an account's short options at spot S, `elapsed` days after step 0, from greeks.bsm. */
function margin(options: Option[], S: number, elapsed = 0): { value: number; requirement: number } {
  const g = greeks.bsm({
    spot: S,
    strike: Float64Array.from(options, (o) => o.strike),
    time: Float64Array.from(options, (o) => Math.max((o.days - elapsed) / 365, 0)),
    vol: Float64Array.from(options, (o) => o.vol),
    rate: RATE,
    call: Uint8Array.from(options, (o) => (o.call ? 1 : 0)),
  });
  let value = 0;
  let D = 0;
  let G = 0;
  let N = 0;
  options.forEach((o, k) => {
    value += o.qty * g.price[k];
    D += o.qty * g.delta[k];
    G += o.qty * g.gamma[k];
    N += o.qty * g.vega[k];
  });
  const h = SPOT_SHOCK * S;
  return { value, requirement: Math.abs(D) * h + 0.5 * G * h * h + N * VOL_SHOCK };
}

/** Base the pool must take to pay out `quote` (Uniswap v2 getAmountIn, unrounded). */
const baseFor = (quote: number) => (quote * X) / ((Y - quote) * GAMMA);
/** What the pool pays for `base` (getAmountOut). */
const quoteFor = (base: number) => (Y * base * GAMMA) / (X + base * GAMMA);

const mixed: Option[] = [
  { strike: 2200, days: 30, call: true, qty: 3, vol: 0.7 },
  { strike: 1800, days: 7, call: false, qty: 5, vol: 0.9 },
  { strike: 2000, days: 60, call: true, qty: 1, vol: 0.75 },
];
const put: Option[] = [{ strike: 1900, days: 30, call: false, qty: 10, vol: 0.8 }];

test("vaults: the margin requirement is |Σq·Δ|·h + ½Σq·Γ·h² + Σq·vega·volShock from greeks.bsm, at the oracle price and the time left", () => {
  const accounts = [
    { collateral: 50, options: put },
    { collateral: 40, options: mixed },
  ];
  const { summary } = simulate(vault(accounts, { ...path(2000, 1900, 1950), steps: 10 }));
  equal(summary.steps, 3, "steps run (quiet after the path)");
  // the last evaluation: step 2, at 1950, 24 seconds in
  const elapsed = (2 * 12) / 86400;
  const want = margin(put, 1950, elapsed).requirement + margin(mixed, 1950, elapsed).requirement;
  const row = protocolOf(summary, "vault", "optionsVault");
  near(row.marginRequirement as number, want, 1e-12 * want, "requirement");
  equal(row.liquidations, 0, "nobody is breached");
  equal(row.optionsOpen, 4, "options open");
  equal(row.collateralLeft, 90, "collateral untouched");
});

test("vaults: health = (collateral·S − value)/requirement; just above 1 is safe, just below is liquidated", () => {
  const { value, requirement } = margin(mixed, 2000);
  const at = (health: number) =>
    simulate(vault([{ collateral: (value + health * requirement) / 2000, options: mixed }]));
  const safe = at(1 + 1e-6);
  equal(safe.summary.liquidations, 0, "health 1 + 1e-6");
  equal(safe.timeline.protocols.vault.extra[0], 0, "no margin shortfall");
  const breached = at(1 - 1e-6);
  equal(breached.summary.liquidations, 1, "health 1 − 1e-6");
  equal(breached.events[0].step, 0, "at step 0");
  equal(breached.timeline.protocols.vault.extraName, "marginShortfall", "extra series");
  near(breached.timeline.protocols.vault.extra[0], 1e-6 * requirement, 1e-9 * requirement, "R − E");
});

test("vaults: a spot move breaches an account: options bought back at their BSM value, the pool takes just enough collateral", () => {
  const accounts = [
    { collateral: 3, options: put },
    { collateral: 30, options: put }, // stays healthy
  ];
  const { events, summary, timeline } = simulate(vault(accounts, path(2000, 1600)));
  const at0 = margin(put, 2000);
  assert((3 * 2000 - at0.value) / at0.requirement > 1, "healthy at step 0");
  equal(events.length, 1, "one liquidation");
  const e = eventOf(events[0], "vaultLiquidation");
  equal(e.kind, "vaultLiquidation", "kind");
  equal(`${e.step} ${e.position} ${e.agent}`, "1 0 keeper", "step, account, keeper");
  const cost = margin(put, 1600, 12 / 86400).value;
  near(e.cost, cost, 1e-12 * cost, "buy-back cost = Σ q·bsm price at 1600");
  near(e.collateralSold, baseFor(cost), 1e-9 * e.collateralSold, "collateral sold: getAmountIn of the cost");
  equal(e.shortfall, 0, "no shortfall");
  const row = protocolOf(summary, "vault", "optionsVault");
  near(row.collateralLeft as number, 33 - e.collateralSold, 1e-12, "the rest stays with the account");
  equal(row.optionsOpen, 1, "the healthy account keeps its options");
  near(row.liquidatedNotional, cost, 1e-12 * cost, "notional");
  equal(summary.badDebt, 0, "bad debt");
  // the sale moved the pool and paid slippage against its price before
  const got = quoteFor(e.collateralSold);
  near(timeline.venues.pool.price[1], (Y - got) / (X + e.collateralSold), 1e-9, "pool price after the sale");
  near(summary.slippagePaid, 2000 * e.collateralSold - got, 1e-6, "slippage");
});

test("vaults: when all the collateral does not cover the buy-back, the shortfall is bad debt", () => {
  const { events, summary } = simulate(vault([{ collateral: 0.5, options: put }]));
  equal(events.length, 1, "liquidated at step 0");
  const cost = margin(put, 2000).value;
  const e = eventOf(events[0], "vaultLiquidation");
  near(e.cost, cost, 1e-12 * cost, "cost");
  equal(e.collateralSold, 0.5, "all the collateral is sold");
  near(e.shortfall, cost - quoteFor(0.5), 1e-9, "shortfall");
  near(summary.badDebt, e.shortfall, 0, "bad debt");
  near(summary.badDebtByProtocol.vault, e.shortfall, 0, "by protocol");
  equal(protocolOf(summary, "vault", "optionsVault").collateralLeft, 0, "collateral left");
});

test("vaults: an oracle forced to 0 leaves no Greeks (requirement 0), and negative equity alone breaches", () => {
  const shock = [{ type: "oracle" as const, oracle: "eth", price: 0, fromStep: 1, toStep: 1 }];
  const { events } = simulate(vault([{ collateral: 30, options: put }], { shock }));
  equal(events.length, 1, "liquidated once");
  const e = eventOf(events[0], "vaultLiquidation");
  equal(e.step, 1, "at the forced step");
  const cost = margin(put, 0, 12 / 86400).value; // the put's discounted strike
  near(e.cost, cost, 1e-12 * cost, "bought back at the BSM limit");
  near(e.collateralSold, baseFor(cost), 1e-9 * e.collateralSold, "the pool still pays its own price");
});

test("vaults: breached accounts go lowest health first (ties in the order given), one per keeper slot; none without a keeper", () => {
  const call: Option[] = [{ strike: 2000, days: 30, call: true, qty: 1, vol: 0.8 }];
  const { value, requirement } = margin(call, 2000);
  const at = (health: number) => ({ collateral: (value + health * requirement) / 2000, options: call });
  const accounts = [at(0.6), at(0.3), at(0.6), at(2)];
  const spaced = simulate(
    vault(accounts, { liquidators: [{ id: "keeper", capital: 0, sellVenue: "pool", maxPerStep: 1 }] }),
  );
  equal(spaced.events.map((e) => `${e.step}:${e.position}`).join(","), "0:1,1:0,2:2", "step:account");
  const all = simulate(vault(accounts));
  equal(all.events.map((e) => `${e.step}:${e.position}`).join(","), "0:1,0:0,0:2", "all in step 0");
  const none = simulate(vault(accounts, { liquidators: [] }));
  equal(none.summary.liquidations, 0, "no keeper, no liquidation");
  equal(none.summary.steps, 20, "the breached accounts keep the run going");
});

test("vaults: options settle their intrinsic value in collateral at expiry; beyond the collateral it is bad debt", () => {
  const days = 3 / 24; // 3 hours: expires at step 3 of an hour each
  const accounts = [
    { collateral: 1, options: [{ strike: 2100, days, call: true, qty: 2, vol: 0.8 }] },
    { collateral: 1, options: [{ strike: 1900, days, call: false, qty: 2, vol: 0.8 }] },
    { collateral: 0.3, options: [{ strike: 2500, days, call: true, qty: 1, vol: 0.8 }] },
  ];
  const s = vault(accounts, { ...path(2000, 2000, 2000, 4000, 4000), stepSeconds: 3600 });
  const { events, summary } = simulate(s);
  equal(summary.liquidations, 0, "nothing is liquidated before expiry");
  equal(
    events.map((e) => `${e.kind}@${e.step}:${e.position}`).join(","),
    "vaultExpiry@3:0,vaultExpiry@3:1,vaultExpiry@3:2",
  );
  const [a, b, c] = eventsOf(events, "vaultExpiry");
  equal(a.intrinsic, 2 * (4000 - 2100), "in the money: intrinsic value");
  equal(a.collateralPaid, (2 * 1900) / 4000, "paid in collateral at the oracle price");
  equal(`${b.intrinsic} ${b.collateralPaid} ${b.shortfall}`, "0 0 0", "out of the money: nothing");
  equal(c.intrinsic, 1500, "intrinsic");
  equal(c.collateralPaid, 0.3, "all the collateral");
  near(c.shortfall, 1500 - 0.3 * 4000, 1e-9, "shortfall");
  near(summary.badDebt, c.shortfall, 0, "bad debt");
  const row = protocolOf(summary, "vault", "optionsVault");
  equal(row.optionsOpen, 0, "all expired");
  equal(row.settledAtExpiry, 2 * 1900 + 1500, "intrinsic paid");
  near(row.collateralLeft as number, 1 - a.collateralPaid + 1, 1e-12, "collateral left");
});

test("vaults: a quiet market runs on to an expiry within the steps, and stops once nothing is left to settle", () => {
  const option = (days: number) => ({ strike: 1900, days, call: false, qty: 1, vol: 0.8 });
  const accounts = [
    { collateral: 5, options: [option(10 / 24)] }, // expires at step 10 of an hour each
    { collateral: 5, options: [option(500 / 24)] }, // beyond the 40 steps: not waited for
  ];
  const { timeline, events, summary } = simulate(vault(accounts, { steps: 40, stepSeconds: 3600 }));
  equal(events.map((e) => `${e.kind}@${e.step}:${e.position}`).join(","), "vaultExpiry@10:0");
  equal(timeline.steps, 11, "steps run: to the expiry, then quiet");
  equal(protocolOf(summary, "vault", "optionsVault").optionsOpen, 1, "the later option is still open");
});

test("vaults: a liquidation's sale moves the pool the oracle reads and breaches the next account a step later", () => {
  // a pool a tenth the size, read by the oracle; 85 ETH sold into it at step 0
  const [x, y, dump] = [1e3, 2e6, 85];
  const out = (y * dump * GAMMA) / (x + dump * GAMMA);
  const p1 = (y - out) / (x + dump);
  const big = put.map((o) => ({ ...o, qty: 100 }));
  const at = (options: Option[], health: number) => {
    const { value, requirement } = margin(options, p1);
    return { collateral: (value + health * requirement) / p1, options };
  };
  const a = at(big, 0.8);
  const start = margin(big, 2000);
  assert((a.collateral * 2000 - start.value) / start.requirement > 1, "A is healthy before the sale");
  const b = at(put, 1.05);
  const scenario = (accounts: Account[]) =>
    vault(accounts, {
      venues: ethPool(2000, x).venues,
      oracles: [{ id: "eth", type: "spot", source: "pool" }],
      shock: [{ type: "sell", venue: "pool", qty: dump, step: 0 }],
    });
  equal(simulate(scenario([b])).summary.liquidations, 0, "the shock alone leaves B healthy");
  const { events, summary } = simulate(scenario([a, b]));
  equal(events.map((e) => `${e.step}:${e.position}`).join(","), "0:0,1:1", "A at step 0, then B");
  assert(summary.amplification > 1, `the cascade deepens the fall (amplification ${summary.amplification})`);
});

test("vaults: bad scenarios name the field", () => {
  const s = vault([{ collateral: 1, options: [{ ...put[0], days: 20_000 }] }]);
  throws(
    () => simulate(s),
    ScenarioError,
    /protocols\[0\]\.accounts\[0\]\.options\[0\]\.days: expected a number in \(0, 10950\], got 20000/,
  );
  const t = vault([{ collateral: 1, options: put }]);
  Object.assign((t.protocols as object[])[0], { margin: { spotShock: 0, volShock: 0.2 } });
  throws(() => simulate(t), ScenarioError, /protocols\[0\]\.margin\.spotShock: expected a number in \(0, 1\], got 0/);
  const u = vault([{ collateral: 1, options: [] }]);
  throws(() => simulate(u), ScenarioError, /protocols\[0\]\.accounts\[0\]\.options: expected at least one option/);
  const w = vault([{ collateral: 1, options: put }], {
    assets: [
      { id: "ETH", price: 2000 },
      { id: "BTC", price: 60000 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "BTC", quote: "USDC", reserveBase: 10, reserveQuote: 6e5 }],
  });
  throws(() => simulate(w), ScenarioError, /protocols\[0\]\.venue: venue "pool" trades BTC, not ETH/);
});

/** A vault of generated accounts (one short option each) on the `vault` market above. */
function generated(generate: object, extra: Partial<Scenario> = {}): Scenario {
  const s = vault([], extra);
  const accounts = { generate } as OptionsVaultSpec["accounts"];
  return { ...s, protocols: [{ ...(s.protocols?.[0] as OptionsVaultSpec), accounts }] };
}

test("vaults: a generated account sells the quantity that puts its margin health where it was drawn", () => {
  // one account: all the collateral, a put 10% out of the money, 30 days, health 1.7
  const g = {
    count: 1,
    totalCollateral: 50,
    callShare: 0,
    otm: { min: 0.1, max: 0.1 },
    days: { min: 30, max: 30 },
    vol: 0.8,
  };
  const { summary, events } = simulate(generated({ ...g, health: { min: 1.7, max: 1.7 } }, { steps: 1 }));
  const unit = margin([{ strike: 1800, days: 30, call: false, qty: 1, vol: 0.8 }], 2000);
  const qty = (50 * 2000) / (1.7 * unit.requirement + unit.value);
  near(
    Number(protocolOf(summary, "vault", "optionsVault").marginRequirement),
    qty * unit.requirement,
    1e-9 * qty * unit.requirement,
    "requirement of the quantity sold",
  );
  equal(events.length, 0, "healthy at the start");
  equal(protocolOf(summary, "vault", "optionsVault").optionsOpen, 1, "one option");
});

test("vaults: generated accounts are deterministic for a seed, healthy at step 0, and breach as the price falls", () => {
  const g = {
    count: 300,
    totalCollateral: 3000,
    callShare: 0.3,
    otm: { min: 0, max: 0.3 },
    days: { min: 1, max: 60 },
    vol: 0.9,
    health: { min: 1.05, max: 4, shape: 2 },
  };
  const calm = simulate(generated(g, { steps: 1 }));
  equal(calm.events.length, 0, "no account breached at the start");
  const fall = path(...Array.from({ length: 20 }, (_, t) => 2000 * (1 - 0.01 * t)));
  const a = simulate(generated(g, fall));
  const b = simulate(generated(g, fall));
  equal(JSON.stringify(a.events), JSON.stringify(b.events), "the same run twice");
  const puts = a.events.filter((e) => e.kind === "vaultLiquidation").length;
  assert(puts > 10 && puts < 300, `accounts liquidated by a 19% fall: ${puts}`);
  const c = simulate({ ...generated(g, fall), seed: 2 });
  assert(JSON.stringify(c.events) !== JSON.stringify(a.events), "another seed draws other accounts");
  throws(
    () => simulate(generated({ ...g, days: { min: 30, max: 10 } })),
    ScenarioError,
    /protocols\[0\]\.accounts\.generate\.days\.max: expected ≥ min 30, got 10/,
  );
});
