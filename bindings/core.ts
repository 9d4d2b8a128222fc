/**
 * The exports of `fracture.wasm` (see `assembly/index.ts`) and typed views over its memory.
 * Only this folder knows how the module is loaded and laid out; `src/` calls `core()`.
 * @module
 */

/** The raw exports of the core. Pointers and counts are plain numbers (wasm32). */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  readonly abortLine: WebAssembly.Global;
  readonly abortColumn: WebAssembly.Global;
  alloc(bytes: number): number;
  free(ptr: number): void;
  firstOutside(ptr: number, n: number, lo: number, hi: number): number;
  /** dst[i] = f(src[i]); f by `op`: 0 exp, 1 log, 2 erfc, 3 Φ, 4 φ (the core's own math). */
  vmathColumn(op: number, src: number, n: number, dst: number): void;
  chainPrepare(
    n: number,
    strike: number,
    time: number,
    vol: number,
    position: number,
    call: number,
    rate: number,
    dividend: number,
    volShift: number,
    contractSize: number,
    prep: number,
  ): void;
  chainDelta(n: number, prep: number, spot: number): number;
  chainGamma(n: number, prep: number, m: number, spots: number, out: number): void;
  optionGamma(n: number, prep: number, spot: number, out: number): void;
  binSum(n: number, keys: number, values: number, m: number, bins: number, out: number): void;
  bookBytes(maxTicks: number, capacity: number): number;
  /** A book of `capacity` order slots that grows to `limit` (≤ capacity: never). */
  bookInit(self: number, tickSize: number, lotSize: number, maxTicks: number, capacity: number, limit: number): void;
  /** Frees what a book allocated beyond its own block (its grown order slots). */
  bookRelease(self: number): void;
  /** out: an order result area (ORDER_BYTES, bindings/codes.ts). */
  bookLimit(self: number, side: number, tick: number, lots: number, out: number): number;
  bookMarket(self: number, side: number, lots: number, out: number): number;
  bookCancel(self: number, id: number): number;
  bookReduce(self: number, id: number, lots: number): number;
  bookLive(self: number): number;
  bookDepth(self: number, side: number, n: number, prices: number, qtys: number): number;
  /** Lots within; their notional to `out` (0: not wanted). */
  bookWithin(self: number, side: number, from: number, to: number, out: number): number;
  bookLots(self: number, qty: number): number;
  bookQty(self: number, lots: number): number;
  bookTick(self: number, price: number): number;
  bookBestPrice(self: number, side: number): number;
  bookBatchCheck(
    self: number,
    n: number,
    ops: number,
    sides: number,
    prices: number,
    qtys: number,
    ids: number,
  ): number;
  bookBatch(
    self: number,
    n: number,
    ops: number,
    sides: number,
    prices: number,
    qtys: number,
    ids: number,
    outId: number,
    outFilled: number,
    outNotional: number,
    outRemaining: number,
  ): number;
  bookPrice(self: number): number;
  bookSwap(self: number, side: number, amountIn: number, commit: number, out: number): number;
  arbitrage(kindA: number, a: number, kindB: number, b: number, maxQuote: number, probe: number, out: number): number;
  profileBytes(n: number): number;
  profileInit(
    book: number,
    self: number,
    n: number,
    dist: number,
    bidLots: number,
    askLots: number,
    halfLife: number,
    volHalfLife: number,
    baseVol: number,
    sensitivity: number,
  ): void;
  profileReplenish(book: number, self: number, dt: number, ref: number): number;
  profileState(self: number, which: number): number;
  profileTarget(book: number, self: number, side: number, bps: number, mid: number): number;
  impliedVol(
    n: number,
    price: number,
    spot: number,
    strike: number,
    time: number,
    rate: number,
    dividend: number,
    call: number,
    scalars: number,
    out: number,
  ): void;
  bsm(
    n: number,
    spot: number,
    strike: number,
    time: number,
    vol: number,
    rate: number,
    dividend: number,
    call: number,
    scalars: number,
    out: number,
  ): void;
  /** Bytes of a swap's result area: amount out, price after, input left, input used (f64 each). */
  readonly POOL_OUT_BYTES: WebAssembly.Global;
  readonly CP_BYTES: WebAssembly.Global;
  cpInit(self: number, reserveBase: number, reserveQuote: number, feeBps: number): void;
  /** side 0 buy (quote in), 1 sell (base in); commit 0 quotes without changing the pool. */
  cpSwap(self: number, side: number, amountIn: number, commit: number, out: number): number;
  cpAmountIn(self: number, side: number, amountOut: number): number;
  cpPrice(self: number): number;
  /** which 0 the base reserve, 1 the quote reserve. */
  cpReserve(self: number, which: number): number;
  readonly CL_BYTES: WebAssembly.Global;
  clTicksBytes(positions: number): number;
  clScratchBytes(positions: number): number;
  /** The positions as f64 columns in `work` (tickLower, tickUpper, liquidity); returns the initialized ticks. */
  clInit(self: number, ticks: number, price: number, feePips: number, spacing: number, m: number, work: number): number;
  clSwap(self: number, side: number, amountIn: number, commit: number, out: number): number;
  clPrice(self: number): number;
  /** which 0 √P, 1 active liquidity, 2 tick, 3 initialized ticks. */
  clGet(self: number, which: number): number;
  /** which 0 tick, 1 √P there, 2 liquidity above, 3 liquidityNet. */
  clTickInfo(self: number, i: number, which: number): number;
  clSqrtRatioAtTick(tick: number): number;
  clTickAtSqrtRatio(sqrtP: number): number;
  clAmount0Delta(a: number, b: number, liquidity: number): number;
  clAmount1Delta(a: number, b: number, liquidity: number): number;
  clNextSqrtPriceFromInput(sqrtP: number, liquidity: number, amount: number, zeroForOne: number): number;
  clNextSqrtPriceFromOutput(sqrtP: number, liquidity: number, amount: number, zeroForOne: number): number;
  /** Writes √P next, amount in, amount out, fee (4 f64) to `out`; rem < 0 is an exact output. */
  clSwapStep(cur: number, target: number, liquidity: number, rem: number, feePips: number, out: number): void;
  readonly STABLE_BYTES: WebAssembly.Global;
  stableInit(self: number, reserveBase: number, reserveQuote: number, amplification: number, feeBps: number): void;
  stableSwap(self: number, side: number, amountIn: number, commit: number, out: number): number;
  stablePrice(self: number): number;
  /** which 0 base, 1 quote, 2 the invariant D. */
  stableGet(self: number, which: number): number;
  /** MakerDAO auction price curves (assembly/engine/clip.ts; dss abaci.sol); amounts in plain units. */
  linearDecrease(top: number, dur: number, tau: number): number;
  exponentialDecrease(top: number, dur: number, cut: number): number;
  stairstepDecrease(top: number, dur: number, cut: number, step: number): number;
  /** calc 0 linear (a = tau), 1 exponential (a = cut), 2 stairstep (a = cut, b = step). */
  auctionPrice(calc: number, top: number, dur: number, a: number, b: number): number;
  /** 1 when dur > tail or price/top < cusp (dss clip.sol status), else 0. */
  needsRedo(price: number, top: number, dur: number, tail: number, cusp: number): number;
  /** Writes dart, dink, tab, due (BARK_BYTES); returns 0 ok, −1 limit hit, −2 dusty, −3 null auction. */
  barkAmount(
    ink: number,
    art: number,
    rate: number,
    chop: number,
    dust: number,
    hole: number,
    dirt: number,
    Hole: number,
    Dirt: number,
    out: number,
  ): number;
  /** Writes slice, owe, tab left, lot left (TAKE_BYTES); returns 0 open, 1 done, −1 too expensive, −2 no partial. */
  takeAmount(lot: number, tab: number, price: number, amt: number, max: number, chost: number, out: number): number;
  /** tip + tab·chip: the kicking keeper's incentive. */
  incentive(tab: number, tip: number, chip: number): number;
  /** tip + tab·chip if tab ≥ chost and lot·feedPrice ≥ chost, else 0: the resetting keeper's. */
  redoIncentive(tab: number, lot: number, feedPrice: number, tip: number, chip: number, chost: number): number;
  readonly BARK_BYTES: WebAssembly.Global;
  readonly TAKE_BYTES: WebAssembly.Global;
  /** The Cat's bite of 2020 (assembly/engine/flip.ts): writes dart, dink (BITE_BYTES); 0, or −1 without collateral. */
  biteAmount(ink: number, art: number, lump: number, out: number): number;
  /** Flipper.tend's and dent's checks on the amounts (1 allowed, 0 refused). */
  tendOk(bid: number, last: number, tab: number, beg: number): number;
  dentOk(lot: number, last: number, bid: number, tab: number, beg: number): number;
  /** Flipper's clock: bids taken, deal allowed, tick allowed (1 or 0). */
  biddable(tic: number, end: number, now: number): number;
  dealable(tic: number, end: number, now: number): number;
  tickable(tic: number, end: number, now: number): number;
  readonly BITE_BYTES: WebAssembly.Global;
  // ---- the cascade engine (assembly/engine/): worlds by handle, built then run ----
  /** The timeline keeps one row per `every` steps (0: none, only totals and lows). */
  worldNew(stepSeconds: number, steps: number, passive: number, eventCapacity: number, every: number): number;
  worldFree(h: number): void;
  worldAsset(h: number, price: number, vol: number): number;
  /** Venue v alone makes asset a's market price. */
  worldAssetReference(h: number, a: number, v: number): void;
  /** kind: VENUE_KIND; at: the venue's state; profile: a book's makers (0: none). */
  worldVenue(h: number, kind: number, at: number, base: number, quote: number, profile: number): number;
  /** type 0 spot, 1 median, 2 TWAP, 3 push. */
  worldOracle(
    h: number,
    type: number,
    nSources: number,
    latency: number,
    window: number,
    deviation: number,
    heartbeat: number,
  ): number;
  /** source: a venue index, or −(asset + 1). */
  worldOracleSource(h: number, o: number, k: number, source: number): void;
  /** Source k of an index oracle weighs `weight`. */
  worldOracleWeight(h: number, o: number, k: number, weight: number): void;
  worldOracleMaxAge(h: number, o: number, maxAge: number): void;
  worldLiquidatorBuyVenue(h: number, l: number, venue: number): void;
  worldOracleAnchor(h: number, o: number, anchor: number, band: number, clamp: number): void;
  worldOracleFault(
    h: number,
    o: number,
    k: number,
    mode: number,
    value: number,
    lag: number,
    first: number,
    last: number,
  ): void;
  /** After its sources: the price it shows before step 0 (what they say), returned. */
  worldOracleReady(h: number, o: number): number;
  worldLending(h: number, m: number, n: number, closeFactor: number, fullClose: number): number;
  worldLendingAsset(
    h: number,
    p: number,
    a: number,
    asset: number,
    oracle: number,
    lt: number,
    bonus: number,
    fee: number,
  ): void;
  /** which 0 collateral, 1 debt: n f64 of protocol asset a from src. */
  worldLendingColumn(h: number, p: number, which: number, a: number, src: number): void;
  worldLendingReady(h: number, p: number): void;
  /** Lending protocol p under circuit breaker m: its caps, and (a ≥ 0) the watch of asset slot a. */
  worldLendingBreaker(h: number, p: number, m: number, a: number): void;
  /** Asset slot a of lending protocol p follows dynamic margin m; returns the feed's index in m. */
  worldLendingMargin(h: number, p: number, m: number, a: number, vol0: number): number;
  /** Segments lending protocol p's accounts: src an f64 basket per protocol asset; returns the mitigation's index. */
  worldLendingSegment(h: number, p: number, src: number, nb: number): number;
  /** Aave v3.3's rules on lending protocol p: full close below minFull, minLeft left at least (quote). */
  worldLendingV33(h: number, p: number, minFull: number, minLeft: number): void;
  /** Debt of protocol asset a written off over the run, in its units. */
  worldLendingDeficit(h: number, p: number, a: number): number;
  /** A Maker system under Hole (its ilks: worldCdpIlk). */
  worldCdp(h: number, Hole: number): number;
  /** Adds an ilk of n vaults; returns its index. */
  worldCdpIlk(
    h: number,
    p: number,
    n: number,
    asset: number,
    oracle: number,
    mat: number,
    chop: number,
    rate: number,
    dust: number,
    hole: number,
  ): number;
  /** Ilk k's Dutch auctions: calc 0 linear (a = tau), 1 exponential (a = cut), 2 stairstep (a = cut, b = step). */
  worldCdpClip(
    h: number,
    p: number,
    k: number,
    buf: number,
    calc: number,
    a: number,
    b: number,
    tail: number,
    cusp: number,
    chip: number,
    tip: number,
  ): void;
  /** Ilk k's English auctions of 2020. */
  worldCdpFlip(h: number, p: number, k: number, beg: number, ttl: number, tau: number, lump: number): void;
  /** Ilk k's vaults: which 0 ink, 1 art (then indexes them). */
  worldCdpColumn(h: number, p: number, k: number, which: number, src: number): void;
  /** which 0 debt in auction, 1 auctions started, 2 still running, 3 keeper incentives paid, 4 collateral returned. */
  worldCdpState(h: number, p: number, which: number): number;
  /** CDP protocol p under circuit breaker m: its caps, and (k ≥ 0) the watch of ilk k's oracle. */
  worldCdpBreaker(h: number, p: number, m: number, k: number): void;
  /** Ilk k of CDP protocol p follows dynamic margin m; returns the feed's index in m. */
  worldCdpMargin(h: number, p: number, m: number, k: number, vol0: number): number;
  /** A circuit breaker (assembly/engine/rules.ts); trip, slip and pauseDrop fractions (slip, pauseDrop 0: none), perStep and perWindow quote (Infinity: none). */
  worldBreaker(
    h: number,
    window: number,
    trip: number,
    slip: number,
    hold: number,
    bonusFactor: number,
    ramp: number,
    twap: number,
    perStep: number,
    perWindow: number,
    pauseDrop: number,
    pauseSteps: number,
  ): number;
  /** A dynamic margin (assembly/engine/rules.ts). */
  worldMargin(h: number, maxCut: number, sensitivity: number, volWindow: number, phaseIn: number): number;
  /** A mitigation's figure `which` (BREAKER_*, MARGIN_*, SEGMENT_*), k a part of it (a basket). */
  worldMitigationState(h: number, m: number, which: number, k: number): number;
  worldPerps(h: number, n: number, oracle: number, venue: number, mm: number, fee: number, fund: number): number;
  /** which 0 size, 1 entry, 2 margin (then indexes the positions). */
  worldPerpsColumn(h: number, p: number, which: number, src: number): void;
  /** which 0 insurance fund, 1 ADL count, 2 ADL notional, 3 ADL profit taken, 4 fees to the fund, 5 drawn from it, 6 returned to traders. */
  worldPerpsState(h: number, p: number, which: number): number;
  /** A portfolio-margin venue (assembly/engine/portfolio.ts) of n accounts, nm markets, nc collateral assets. */
  worldPortfolio(h: number, n: number, nm: number, nc: number, fee: number, fund: number): number;
  worldPortfolioMarket(h: number, p: number, m: number, oracle: number, venue: number, mm: number): void;
  /** oracle −1: the asset's price; venue −1: converted at its price, not sold. */
  worldPortfolioCollateral(
    h: number,
    p: number,
    c: number,
    asset: number,
    oracle: number,
    haircut: number,
    venue: number,
  ): void;
  worldPortfolioVault(
    h: number,
    p: number,
    capital: number,
    threshold: number,
    lossLimit: number,
    unwind: number,
  ): void;
  /** Field k of every account's row: sizes 0…nm−1, entries nm…2nm−1, amounts 2nm…2nm+nc−1, cash 2nm+nc. */
  worldPortfolioColumn(h: number, p: number, k: number, src: number): void;
  worldPortfolioGenerated(
    h: number,
    p: number,
    notional: number,
    leverage: number,
    sign: number,
    weights: number,
    marks: number,
    shares: number,
    prices: number,
  ): void;
  /** which: PORTFOLIO_* (bindings/codes.ts). */
  worldPortfolioState(h: number, p: number, which: number): number;
  worldVault(
    h: number,
    n: number,
    m: number,
    oracle: number,
    venue: number,
    rate: number,
    spotShock: number,
    volShock: number,
  ): number;
  /** which 0 collateral (n f64); of the m options, grouped by account: 1 strike, 2 days, 3 qty, 4 vol, 5 call flag, 6 owner. */
  worldVaultColumn(h: number, p: number, which: number, src: number): void;
  worldVaultReady(h: number, p: number): void;
  worldVaultGenerate(
    h: number,
    p: number,
    seed: number,
    stream: number,
    total: number,
    dispersion: number,
    callShare: number,
    levels: number,
    vol: number,
    spot: number,
  ): void;
  /** which 0 collateral left, 1 options open, 2 collateral sold, 3 intrinsic paid at expiry, 4 margin requirement. */
  worldVaultState(h: number, p: number, which: number): number;
  worldLiquidator(
    h: number,
    capital: number,
    maxPerStep: number,
    venue: number,
    hold: number,
    minProfit: number,
    nProtocols: number,
  ): number;
  worldLiquidatorProtocol(h: number, l: number, k: number, protocol: number): void;
  /** which 0 capital, 1 collateral held. */
  worldLiquidatorState(h: number, l: number, which: number): number;
  worldDealer(h: number, venue: number, n: number, rate: number): number;
  worldDealerColumn(h: number, d: number, which: number, src: number): void;
  worldArbitrageur(h: number, a: number, b: number, capital: number): void;
  /** type 0 sell, 1 buy, 2 path, 3 oracle, 4 congestion; steps first..last inclusive. */
  worldShock(
    h: number,
    type: number,
    target: number,
    amount: number,
    first: number,
    last: number,
    pull: number,
    every: number,
    nPrices: number,
  ): number;
  worldShockPrices(h: number, s: number, src: number): void;
  worldSeriesCount(h: number): number;
  /** Runs to the end; returns the steps run. */
  worldRun(h: number): number;
  /** The timeline's address: worldSeriesCount columns of ceil(steps / every) f64. */
  worldSeries(h: number): number;
  /** which 0 asset i's market price before step 0, 1 its lowest, 2 its last; 3 venue i's price before step 0, 4 its lowest. */
  worldMarket(h: number, which: number, i: number): number;
  /** The static liquidation ladder of an asset on n descending grid prices: collateral units and debt (quote) per level. */
  worldLadder(h: number, asset: number, grid: number, n: number, coll: number, debt: number): void;
  /** Protocol p's own part of worldLadder on the same grid (the protocols' parts add up to it). */
  worldProtocolLadder(h: number, p: number, asset: number, grid: number, n: number, coll: number, debt: number): void;
  /** Quote that selling qty base on venue v returns now; with commit 1 the sale is made. */
  worldSell(h: number, v: number, qty: number, commit: number): number;
  /** Base venue v could sell before its price falls by `share`, now. */
  worldDepth(h: number, v: number, share: number): number;
  /**
   * Protocol p's accounts at the prices before step 0: count, Σ exposure, Σ equity, Σ exposure²,
   * then the k largest exposures, to `out`; exposure per world asset added to `byAsset`.
   */
  worldAccounts(h: number, p: number, k: number, out: number, byAsset: number): void;
  /** Quote lost to slippage by forced sellers over the run. */
  worldSlippage(h: number): number;
  /** Positions of protocol p insolvent at the prices before step 0. */
  worldInsolvent(h: number, p: number): number;
  /** which 0 bad debt, 1 liquidations, 2 liquidated notional, 3 zero-bid auctions, 4 its own series. */
  worldProtocolTotal(h: number, p: number, which: number): number;
  /** which 0 address, 1 events recorded, 2 events that happened. */
  worldEvents(h: number, which: number): number;
  generateSizes(seed: number, stream: number, n: number, total: number, dispersion: number, out: number): void;
  generateLevels(seed: number, stream: number, n: number, lo: number, hi: number, shape: number, out: number): void;
  generateDerived(n: number, size: number, level: number, factor: number, out: number): void;
  generateSigns(seed: number, stream: number, n: number, share: number, out: number): void;
  // ---- price paths (assembly/paths.ts) ----
  /** Bytes of the state pathsPrepare writes for n assets. */
  pathsStateBytes(n: number): number;
  /**
   * n assets' models (rows of PATH_FIELDS f64, bindings/codes.ts), the n × n correlation matrix
   * and the bootstrap series (kept in place while generating) into `state`; steps of dt years.
   * Returns 0, or −(a + 1) when the correlations are not positive semi-definite at asset a.
   */
  pathsPrepare(n: number, dt: number, rows: number, correlation: number, returns: number, state: number): number;
  /** Paths first … first + count − 1 of seed (u32), steps each: count × n × (steps + 1) f64 to out. */
  pathsGenerate(state: number, seed: number, first: number, count: number, steps: number, out: number): void;
  // ---- mitigations that trade (assembly/engine/absorbers.ts, incentives.ts) ----
  /** kind ABSORB_*; oracle −1: the asset's own price; capacity Infinity: none; nProtocols 0: all. */
  worldAbsorber(
    h: number,
    kind: number,
    asset: number,
    oracle: number,
    capacity: number,
    unwindSteps: number,
    nProtocols: number,
  ): number;
  worldAbsorberProtocol(h: number, a: number, k: number, protocol: number): void;
  worldAbsorberPricing(
    h: number,
    a: number,
    discount: number,
    floor: number,
    auctionSteps: number,
    liquidationFactor: number,
    storeFront: number,
    minOrder: number,
  ): void;
  /** which: ABSORBER_* (bindings/codes.ts). */
  worldAbsorberState(h: number, a: number, which: number): number;
  /** Compound III's storefront price: price·(1 − storeFrontPriceFactor·(1 − liquidationFactor)). */
  backstopStorefront(price: number, liquidationFactor: number, storeFrontPriceFactor: number): number;
  /** Plans `depth` base of bids on book venue `venue` between the prices `low` and `high`; returns its index. */
  worldIncentive(h: number, venue: number, low: number, high: number, depth: number): number;
  /** which 0 base placed, 1 of it still resting. */
  worldIncentiveState(h: number, k: number, which: number): number;
}

/** Bytes around a grown region's and a block's ends where the heap may have left its headers. */
const FRESH_SLACK = 256;

const REQUIRED = ["memory", "alloc", "free", "firstOutside", "bsm", "impliedVol", "vmathColumn"] as const;

/**
 * One instance of the core. Views over linear memory are rebuilt whenever the memory
 * has grown (growth detaches the old `ArrayBuffer`).
 */
export class Core {
  readonly exports: CoreExports;
  #buffer: ArrayBuffer | undefined;
  #f64 = new Float64Array(0);
  #u8 = new Uint8Array(0);
  #scratch = 0;
  #scratchBytes = 0;

  constructor(
    instance: WebAssembly.Instance,
    /** The compiled module, for workers to instantiate their own core from (no second compile). */
    readonly module: WebAssembly.Module,
  ) {
    const e = instance.exports as unknown as CoreExports;
    for (const name of REQUIRED) {
      if (!(name in e))
        throw new TypeError(
          `fracture: the WebAssembly module lacks the export "${name}"; is it fracture.wasm of this version?`,
        );
    }
    this.exports = e;
  }

  #refresh(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer !== this.#buffer) {
      this.#buffer = buffer;
      this.#f64 = new Float64Array(buffer);
      this.#u8 = new Uint8Array(buffer);
    }
  }

  /** All of memory as f64; index = byte address / 8. Re-read after any allocation. */
  get f64(): Float64Array {
    this.#refresh();
    return this.#f64;
  }

  /** All of memory as bytes. Re-read after any allocation. */
  get u8(): Uint8Array {
    this.#refresh();
    return this.#u8;
  }

  /** Allocates `bytes` in the core (zeroed with `zero`); a RangeError if the core has no room. */
  alloc(bytes: number, zero = false): number {
    const before = this.exports.memory.buffer.byteLength;
    const ptr = this.exports.alloc(bytes);
    if (!ptr) throw new RangeError(`fracture: the core could not allocate ${bytes} bytes`);
    if (zero) {
      // memory the allocation grew is zero already, but for the heap's own headers near the
      // block's ends: writing zeros there would only touch pages (a book's 50 MB of price
      // levels, mostly never used, cost 0.2 s of page faults)
      const end = ptr + bytes;
      const u8 = this.u8;
      if (end <= before + FRESH_SLACK) u8.fill(0, ptr, end);
      else {
        u8.fill(0, ptr, Math.max(ptr, Math.min(end, before + FRESH_SLACK)));
        u8.fill(0, ptr, Math.min(end, ptr + FRESH_SLACK));
        u8.fill(0, Math.max(ptr, end - FRESH_SLACK), end);
      }
    }
    return ptr;
  }

  /**
   * A scratch block of at least `bytes`, reused between calls (synchronous callers only:
   * its contents are valid until the next call that asks for scratch).
   */
  scratch(bytes: number): number {
    if (bytes > this.#scratchBytes) {
      if (this.#scratch) this.exports.free(this.#scratch);
      this.#scratch = 0;
      this.#scratchBytes = 0;
      const ptr = this.alloc(bytes);
      this.#scratch = ptr;
      this.#scratchBytes = bytes;
    }
    return this.#scratch;
  }

  /** Runs `fn`, turning a trap of the core into an error that says where it happened. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        const line = Number(this.exports.abortLine?.value ?? 0);
        const where = line ? ` (assembly line ${line}:${Number(this.exports.abortColumn.value)})` : "";
        throw new Error(`fracture: internal failure in the WebAssembly core${where}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
}
