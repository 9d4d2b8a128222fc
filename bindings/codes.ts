// The codes of the core's interface, one table for both sides: this file is valid AssemblyScript
// and TypeScript (plain `export const` of whole numbers, i32 in the core), imported by assembly/
// and by bindings/ and src/, so a code is written once.

// ---- kinds -------------------------------------------------------------------------------

/** Sides of a trade on any venue: BUY quote in, base out; SELL base in, quote out. */
export const BUY = 0;
export const SELL = 1;

/** Venues (assembly/venue.ts): what `kind` a venue's state is. */
export const VENUE_BOOK = 0;
export const VENUE_CP = 1;
export const VENUE_CL = 2;
export const VENUE_STABLE = 3;

/** Oracle types (assembly/engine/oracle.ts). */
export const ORACLE_SPOT = 0;
export const ORACLE_MEDIAN = 1;
export const ORACLE_TWAP = 2;
export const ORACLE_PUSH = 3;
export const ORACLE_INDEX = 4;

/** Shock types (assembly/engine/run.ts); a drop is a path from its first step. */
export const SHOCK_SELL = 0;
export const SHOCK_BUY = 1;
export const SHOCK_PATH = 2;
export const SHOCK_ORACLE = 3;
export const SHOCK_CONGESTION = 4;
export const SHOCK_ORACLE_OUTAGE = 5; // amount: OUTAGE_STALE or OUTAGE_MISSING
export const SHOCK_KEEPER_OUTAGE = 6; // target: a liquidator, or -1 for all

/** An oracle outage: it stops publishing (its last price stays, ageing), or publishes nothing. */
export const OUTAGE_NONE = 0;
export const OUTAGE_STALE = 1;
export const OUTAGE_MISSING = 2;

/** A faulty oracle source reports a constant, a multiple of its true price, or a lagged copy. */
export const FAULT_CONSTANT = 0;
export const FAULT_FACTOR = 1;
export const FAULT_LAG = 2;

/** A CDP auction's price curve (assembly/engine/clip.ts). */
export const CURVE_LINEAR = 0;
export const CURVE_EXPONENTIAL = 1;
export const CURVE_STAIRSTEP = 2;

/** Event kinds (assembly/engine/events.ts), in the order src/simulate/results.ts names them. */
export const EV_LIQUIDATION = 0;
export const EV_BARK = 1;
export const EV_TAKE = 2;
export const EV_AUCTION_END = 3;
export const EV_PERP_CLOSE = 4;
export const EV_ADL = 5;
export const EV_VAULT = 6;
export const EV_REDO = 7;
export const EV_VAULT_EXPIRY = 8;
export const EV_TEND = 9;
export const EV_DENT = 10;
export const EV_ACCOUNT_CLOSE = 11;
export const EV_ACCOUNT_ADL = 12;
export const EV_BACKSTOP = 13;
export const EV_COLLATERAL_SALE = 14;
/** f64 per event: step, protocol, position, kind, three figures, agent, auction. */
export const EVENT_FIELDS = 9;

/** Price path models (assembly/paths.ts): the `PATH_MODEL` of an asset's row. */
export const MODEL_GBM = 0;
export const MODEL_MERTON = 1;
export const MODEL_GARCH = 2;
export const MODEL_BOOTSTRAP = 3;

// ---- result areas: byte offsets of their f64 fields ----------------------------------------

/** An order's result (bookLimit, bookMarket), in the units of the book that filled it. */
export const ORDER_ID = 0; // 0 if nothing rests
export const ORDER_FILLED = 8;
export const ORDER_NOTIONAL = 16; // quote
export const ORDER_REMAINING = 24;
export const ORDER_LAST_PRICE = 32; // NaN if nothing filled
export const ORDER_STATUS = 40; // BOOK_OK, or BOOK_FULL: at its limit, nothing was done
export const ORDER_BYTES = 48;
export const BOOK_OK = 0;
export const BOOK_FULL = 1;

// ---- columns a world is built from ----------------------------------------------------------

/** worldDealerColumn: a dealer book's option columns. */
export const DEALER_STRIKE = 0;
export const DEALER_DAYS = 1;
export const DEALER_VOL = 2;
export const DEALER_POSITION = 3;
export const DEALER_CALL = 4;

/** worldLendingColumn: one asset's amounts over the accounts. */
export const LENDING_COLLATERAL = 0;
export const LENDING_DEBT = 1;

/** worldCdpColumn: the vaults' collateral and debt (the debt column indexes them). */
export const CDP_INK = 0;
export const CDP_ART = 1;

/** worldPerpsColumn: the positions' signed size, entry price and margin. */
export const PERPS_SIZE = 0;
export const PERPS_ENTRY = 1;
export const PERPS_MARGIN = 2;

/** worldVaultColumn: accounts' collateral, then their options grouped by account. */
export const VAULT_COLLATERAL = 0;
export const VAULT_STRIKE = 1;
export const VAULT_DAYS = 2;
export const VAULT_QTY = 3;
export const VAULT_VOL = 4;
export const VAULT_CALL = 5;
export const VAULT_OWNER = 6;

/**
 * pathsPrepare: one row of PATH_FIELDS f64 per modelled asset; these are indices of its fields
 * (not byte offsets). Rates are annualized, omega is per step; fields a model does not use are 0.
 */
export const PATH_MODEL = 0; // MODEL_*
export const PATH_PRICE = 1; // at step 0
export const PATH_VOL = 2;
export const PATH_DRIFT = 3; // gbm, merton: E[S_t] = S_0·e^(drift·t)
export const PATH_JUMPS = 4; // merton: jumps per year
export const PATH_JUMP_MEAN = 5; // merton: of each jump in the log price
export const PATH_JUMP_VOL = 6;
export const PATH_OMEGA = 7; // garch: per-step variance constant; NaN: vol²·dt·(1 − alpha − beta)
export const PATH_ALPHA = 8;
export const PATH_BETA = 9;
export const PATH_NU = 10; // garch: the Student-t shocks' degrees of freedom
export const PATH_RETURNS = 11; // bootstrap: index of its first return in the returns column
export const PATH_LENGTH = 12; // bootstrap: returns in its series
export const PATH_BLOCK = 13; // bootstrap: mean block length, in steps
export const PATH_STREAM_HI = 14; // its random stream, a 64-bit key as two 32-bit halves
export const PATH_STREAM_LO = 15;
export const PATH_FIELDS = 16;

// ---- results read after a run -------------------------------------------------------------

/** worldProtocolTotal. */
export const TOTAL_BAD_DEBT = 0;
export const TOTAL_LIQUIDATIONS = 1;
export const TOTAL_NOTIONAL = 2;
export const TOTAL_ZERO_BIDS = 3;

/** worldLiquidatorState. */
export const LIQUIDATOR_CAPITAL = 0;
export const LIQUIDATOR_HELD = 1;

/** worldEvents. */
export const EVENTS_ADDRESS = 0;
export const EVENTS_RECORDED = 1;
export const EVENTS_SEEN = 2;

/** worldMarket: an asset's market price and a venue's price, before step 0, lowest, last. */
export const MARKET_START = 0;
export const MARKET_LOW = 1;
export const MARKET_LAST = 2;
export const VENUE_START = 3;
export const VENUE_LOW = 4;

/** worldCdpState. */
export const CDP_DEBT_IN_AUCTION = 0;
export const CDP_AUCTIONS = 1;
export const CDP_AUCTIONS_RUNNING = 2;
export const CDP_KEEPER_INCENTIVES = 3;
export const CDP_COLLATERAL_RETURNED = 4;

/** worldPerpsState. */
export const PERPS_INSURANCE_FUND = 0;
export const PERPS_ADL_COUNT = 1;
export const PERPS_ADL_NOTIONAL = 2;
export const PERPS_ADL_PROFIT = 3;
export const PERPS_INSURANCE_FEES = 4;
export const PERPS_INSURANCE_DRAWN = 5;
export const PERPS_RETURNED = 6;

/** worldPortfolioState. */
export const PORTFOLIO_INSURANCE_FUND = 0;
export const PORTFOLIO_INSURANCE_DRAWN = 1;
export const PORTFOLIO_INSURANCE_FEES = 2;
export const PORTFOLIO_VAULT_EQUITY = 3;
export const PORTFOLIO_VAULT_TAKEOVERS = 4;
export const PORTFOLIO_VAULT_TAKEN = 5;
export const PORTFOLIO_ADL_FILLS = 6;
export const PORTFOLIO_ADL_ACCOUNTS = 7;
export const PORTFOLIO_ADL_NOTIONAL = 8;
export const PORTFOLIO_COLLATERAL_SOLD = 9;

/** worldVaultState. */
export const VAULT_COLLATERAL_LEFT = 0;
export const VAULT_OPTIONS_OPEN = 1;
export const VAULT_COLLATERAL_SOLD = 2;
export const VAULT_SETTLED = 3;
export const VAULT_REQUIREMENT = 4;

// ---- mitigations on the rules path (assembly/engine/rules.ts, lending.ts) --------------------

/** worldMitigationState of a circuit breaker (assembly/engine/rules.ts). */
export const BREAKER_TRIPS = 0;
export const BREAKER_TRIPPED_STEPS = 1;
export const BREAKER_PAUSES = 2;
export const BREAKER_PAUSED_STEPS = 3;
export const BREAKER_CAPPED = 4;
export const BREAKER_CAPPED_STEPS = 5;
export const BREAKER_BONUS_WITHHELD = 6;

/** worldMitigationState of a dynamic margin (assembly/engine/rules.ts). */
export const MARGIN_AVERAGE_CUT = 0;
export const MARGIN_LARGEST_CUT = 1;
export const MARGIN_TIGHTENED_STEPS = 2;
export const MARGIN_LOST_BORROWING_POWER = 3;

/** worldMitigationState of a segmentation (assembly/engine/lending.ts); SEGMENT_BASKET_LIQUIDATIONS takes the basket. */
export const SEGMENT_LOST_BORROWING_POWER = 0;
export const SEGMENT_SPLIT_ACCOUNTS = 1;
export const SEGMENT_CAUSED = 2;
export const SEGMENT_BASKET_LIQUIDATIONS = 3;

// ---- mitigations that trade (assembly/engine/absorbers.ts, incentives.ts) -------------------

/** worldAbsorber: an internal Dutch auction, an insurance fund, a backstop. */
export const ABSORB_AUCTION = 0;
export const ABSORB_INSURANCE = 1;
export const ABSORB_BACKSTOP = 2;

/** worldAbsorberState. */
export const ABSORBER_ABSORBED = 0; // base bought
export const ABSORBER_PAID = 1; // quote paid for it
export const ABSORBER_DISCOUNT = 2; // quote: its oracle value less what was paid
export const ABSORBER_UNWOUND = 3; // base sold back
export const ABSORBER_PROCEEDS = 4; // quote received
export const ABSORBER_UNWOUND_COST = 5; // quote: the cost of what was sold
export const ABSORBER_HELD = 6; // base held at the end
export const ABSORBER_HELD_COST = 7; // quote: its cost
export const ABSORBER_IN_AUCTION = 8; // base in auction at the end
export const ABSORBER_PASSED_ON = 9; // base it could not take
export const ABSORBER_PEAK = 10; // quote: the most capital at cost committed at once
export const ABSORBER_LAST_INTAKE = 11; // step (−1: none)
export const ABSORBER_LAST_SALE = 12; // step (−1: none)
export const ABSORBER_AUCTIONS = 13;
export const ABSORBER_WON = 14;
export const ABSORBER_FAILED = 15;
export const ABSORBER_BELOW_MIN = 16; // base of orders under a backstop's minOrder
export const ABSORBER_ABOVE_BID = 17; // base the venue took above an insurance fund's bid

/** worldIncentiveState. */
export const INCENTIVE_PLACED = 0; // base of bids placed
export const INCENTIVE_RESTING = 1; // of it, still resting at the end
