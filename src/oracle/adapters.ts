/**
 * Inputs from the real world, as scenario parts:
 * - an exchange's L2 order-book snapshot → an order book venue's `snapshot` (and the venue itself,
 *   its tick and lot read off the numbers): Binance `GET /api/v3/depth` (and the futures
 *   `/fapi/v1/depth`), Coinbase Exchange `GET /products/{id}/book?level=2`, Coinbase Advanced
 *   Trade `GET /api/v3/brokerage/product_book`, Kraken `GET /0/public/Depth`, or plain
 *   `{ bids: [[price, qty]], asks: [[price, qty]] }`;
 * - a Deribit option book (`public/get_book_summary_by_currency?kind=option`) → a scenario
 *   `dealers` entry, through `greeks.chainFromDeribit` (its checks, its expiry rule);
 * - positions from CSV need no adapter: a protocol's `positions: { csvFile: "…" }`.
 * @module
 */
import { chainFromDeribit, type DealerSide } from "../chain.ts";
import { IssuesError, type PathIssue } from "../issues.ts";
import type { DealerSpec, VenueSpec } from "../scenario/types.ts";
import { bounded, integer, object } from "../validate.ts";

/** An L2 snapshot as a book venue takes it: bids best first, asks best first. */
export interface L2Snapshot {
  bids: [number, number][];
  asks: [number, number][];
}

/** What {@link bookSnapshotFromL2} read. */
export interface L2Book {
  snapshot: L2Snapshot;
  /** The format recognised. */
  format: "binance" | "coinbase" | "coinbase-advanced" | "kraken" | "plain";
  /** (best bid + best ask) / 2. */
  mid: number;
  /** The finest price and quantity steps the numbers use (10^−decimals): a tick and lot they all sit on. */
  tickSize: number;
  lotSize: number;
}

/**
 * Bad levels of a snapshot; `issues` lists every one by path.
 * @example
 * ```ts
 * try {
 *   bookSnapshotFromL2({ bids: [[2001, 1]], asks: [[2000, 1]] }); // crossed
 * } catch (err) {
 *   if (!(err instanceof SnapshotError)) throw err;
 * }
 * ```
 */
export class SnapshotError extends IssuesError {
  override name = "SnapshotError";
  /**
   * The error for a snapshot's problems.
   * @param issues each bad level by path
   */
  constructor(issues: PathIssue[]) {
    super(issues, "bad order book snapshot: ");
  }
}

/** Options of {@link bookSnapshotFromL2}. */
export interface L2Options {
  /** Keep at most this many levels a side, the best (default: all). */
  levels?: number;
  /** Multiply every quantity (one exchange standing for a share of the market: 1 / that share); default 1. */
  scale?: number;
}

/**
 * Reads an exchange's L2 order-book snapshot.
 * @param json the parsed response
 * @param options levels kept, a quantity scale
 * @returns the snapshot (sorted, equal prices merged), its format, mid, tick and lot
 * @throws SnapshotError listing every bad level by path, or a crossed book
 * @example
 * ```ts
 * // Binance's GET /api/v3/depth?symbol=ETHUSDT, parsed
 * const depth = { lastUpdateId: 1, bids: [["1999.50", "12.5"], ["1999.00", "30.0"]], asks: [["2000.50", "8.0"]] };
 * const { snapshot, tickSize, lotSize, mid } = bookSnapshotFromL2(depth); // mid 2000
 * ```
 */
export function bookSnapshotFromL2(json: unknown, options: L2Options = {}): L2Book {
  object("options", options);
  const keep =
    options.levels === undefined ? Number.POSITIVE_INFINITY : integer("options.levels", options.levels, 1, 1e7);
  const scale = bounded("options.scale", options.scale ?? 1, 0, 1e9, true);
  const { format, bids, asks, prefix } = shapeOf(json);
  const issues: PathIssue[] = [];
  let priceDecimals = 0;
  let qtyDecimals = 0;
  const read = (rows: unknown[], side: "bids" | "asks"): Map<number, number> => {
    const levels = new Map<number, number>();
    rows.forEach((row, i) => {
      const path = `${prefix}${side}[${i}]`;
      let price: unknown;
      let qty: unknown;
      if (Array.isArray(row)) [price, qty] = row;
      else if (row !== null && typeof row === "object") {
        price = (row as Record<string, unknown>).price;
        qty = (row as Record<string, unknown>).size ?? (row as Record<string, unknown>).qty;
      } else {
        issues.push({ path, message: `expected [price, quantity], got ${typeof row}` });
        return;
      }
      const p = number(price, `${path}.price`, issues);
      const q = number(qty, `${path}.quantity`, issues);
      if (p === undefined || q === undefined) return;
      if (q === 0) return; // an emptied level (diff feeds send these)
      priceDecimals = Math.max(priceDecimals, decimals(price));
      qtyDecimals = Math.max(qtyDecimals, decimals(qty));
      levels.set(p, (levels.get(p) ?? 0) + q);
    });
    return levels;
  };
  const bidLevels = read(bids, "bids");
  const askLevels = read(asks, "asks");
  if (issues.length > 0) throw new SnapshotError(issues);
  // (parsed, not 10 ** -d: parsing rounds correctly on every engine)
  const lotSize = Number(`1e-${Math.min(qtyDecimals, 12)}`);
  const tickSize = Number(`1e-${Math.min(priceDecimals, 12)}`);
  const side = (levels: Map<number, number>, descending: boolean): [number, number][] =>
    [...levels]
      .sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]))
      .slice(0, keep)
      // scaled quantities rounded to the lot, written with the lot's decimals (toFixed is exact on every engine)
      .map(([p, q]) => [
        p,
        scale === 1
          ? q
          : Number((Math.max(1, Math.round((q * scale) / lotSize)) * lotSize).toFixed(Math.min(qtyDecimals, 12))),
      ]);
  const snapshot = { bids: side(bidLevels, true), asks: side(askLevels, false) };
  if (snapshot.bids.length === 0 || snapshot.asks.length === 0)
    throw new SnapshotError([{ path: prefix || "(root)", message: "a side without levels" }]);
  const [bid, ask] = [snapshot.bids[0][0], snapshot.asks[0][0]];
  if (!(bid < ask))
    throw new SnapshotError([
      { path: prefix || "(root)", message: `a crossed book: best bid ${bid} ≥ best ask ${ask}` },
    ]);
  return { snapshot, format, mid: (bid + ask) / 2, tickSize, lotSize };
}

/** Options of {@link orderBookVenueFromL2}: the venue's identity, and {@link L2Options}. */
export interface L2VenueOptions extends L2Options {
  id: string;
  base: string;
  quote: string;
  /** Default: the finest step of the snapshot's prices and quantities. */
  tickSize?: number;
  lotSize?: number;
}

type BookVenue = Extract<VenueSpec, { type: "orderBook" }>;

/**
 * A scenario order book venue seeded from an exchange's L2 snapshot (no makers' profile: the book
 * is what the exchange showed; add `profile` and `resilience` for makers who refill it).
 * @param json the parsed response
 * @param options the venue's id, base and quote; levels kept, scale
 * @returns the venue entry, and the snapshot's mid (set the asset's `price` to it)
 * @example
 * ```ts
 * const depth = { bids: [[1999.5, 12.5], [1999, 30]], asks: [[2000.5, 8], [2001, 25]] };
 * // one exchange standing for a twentieth of the market
 * const { venue, mid } = orderBookVenueFromL2(depth, { id: "eth-book", base: "ETH", quote: "USDC", scale: 20 });
 * ```
 */
export function orderBookVenueFromL2(json: unknown, options: L2VenueOptions): { venue: BookVenue; mid: number } {
  object("options", options);
  const book = bookSnapshotFromL2(json, { levels: options.levels, scale: options.scale });
  return {
    venue: {
      id: options.id,
      type: "orderBook",
      base: options.base,
      quote: options.quote,
      tickSize: options.tickSize ?? book.tickSize,
      lotSize: options.lotSize ?? book.lotSize,
      snapshot: book.snapshot,
    },
    mid: book.mid,
  };
}

/** Options of {@link dealersFromDeribit}. */
export interface DeribitDealersOptions {
  /** The dealers entry's id, the venue they hedge on and the underlying asset's id. */
  id: string;
  venue: string;
  underlying: string;
  /** Who holds the options (default "long-calls-short-puts", the classic GEX assumption). */
  dealers?: DealerSide;
  /** The time the days to expiry are measured from (default: the rows' latest creation_timestamp). */
  asOf?: number | Date;
  rate?: number;
}

type DealerEntry = DealerSpec;

/**
 * A scenario `dealers` entry from a Deribit option book: each listed option with its open
 * interest (options with none are left out), days to expiry from `asOf`, and mark vol.
 * @param json the parsed `public/get_book_summary_by_currency?currency=ETH&kind=option` response (or its `result`)
 * @param options the entry's id, venue and underlying; the dealers' side, asOf, rate
 * @returns the entry, the book's underlying price (the rows' median) and the options left out as expired
 * @throws ChainError naming every malformed row
 * @example
 * ```ts
 * const book = {
 *   result: [
 *     { instrument_name: "ETH-5DEC26-1800-P", mark_iv: 75, open_interest: 4423, underlying_price: 2000.4, creation_timestamp: 1795507200000 },
 *     { instrument_name: "ETH-5DEC26-2200-C", mark_iv: 66, open_interest: 6100, underlying_price: 2000.4, creation_timestamp: 1795507200000 },
 *   ],
 * };
 * const { dealers, spot } = dealersFromDeribit(book, { id: "deribit", venue: "eth-amm", underlying: "ETH" });
 * ```
 */
export function dealersFromDeribit(
  json: unknown,
  options: DeribitDealersOptions,
): { dealers: DealerEntry; spot: number; expired: string[] } {
  object("options", options);
  const read = chainFromDeribit(json, { asOf: options.asOf, dealers: "long-all", rate: options.rate });
  const c = read.chain;
  const list: DealerSpec["options"] = [];
  for (let i = 0; i < c.strike.length; i++) {
    if (!(c.position[i] > 0)) continue;
    list.push({
      strike: c.strike[i],
      days: c.time[i] * 365,
      call: c.call[i] === 1,
      openInterest: c.position[i] * c.contractSize,
      vol: c.vol[i],
    });
  }
  return {
    dealers: {
      id: options.id,
      venue: options.venue,
      underlying: options.underlying,
      rate: c.rate,
      dealers: options.dealers ?? "long-calls-short-puts",
      options: list,
    },
    spot: read.spot,
    expired: read.expired,
  };
}

function shapeOf(json: unknown): { format: L2Book["format"]; bids: unknown[]; asks: unknown[]; prefix: string } {
  const fail = (message: string) => new SnapshotError([{ path: "(root)", message }]);
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw fail("expected an exchange's order book response (an object with bids and asks)");
  const o = json as Record<string, unknown>;
  const sides = (x: Record<string, unknown>, prefix: string) => {
    if (!Array.isArray(x.bids) || !Array.isArray(x.asks))
      throw new SnapshotError([
        { path: prefix.replace(/\.$/, "") || "(root)", message: "expected arrays bids and asks" },
      ]);
    return { bids: x.bids as unknown[], asks: x.asks as unknown[], prefix };
  };
  if (o.pricebook !== null && typeof o.pricebook === "object")
    return { format: "coinbase-advanced", ...sides(o.pricebook as Record<string, unknown>, "pricebook.") };
  if (o.result !== null && typeof o.result === "object" && Array.isArray(o.error)) {
    const pairs = Object.keys(o.result as object);
    if (pairs.length !== 1) throw fail(`expected one pair in a Kraken result, got ${pairs.length}`);
    return {
      format: "kraken",
      ...sides((o.result as Record<string, Record<string, unknown>>)[pairs[0]], `result.${pairs[0]}.`),
    };
  }
  if ("lastUpdateId" in o) return { format: "binance", ...sides(o, "") };
  if ("sequence" in o) return { format: "coinbase", ...sides(o, "") };
  return { format: "plain", ...sides(o, "") };
}

/** A positive finite price or quantity, from a number or exchange text ("2000.01"). */
function number(x: unknown, path: string, issues: PathIssue[]): number | undefined {
  const value =
    typeof x === "number" ? x : typeof x === "string" && /^\s*[0-9.eE+-]+\s*$/.test(x) ? Number(x) : Number.NaN;
  if (!(Number.isFinite(value) && value >= 0)) {
    issues.push({ path, message: `expected a number ≥ 0 (or its text), got ${JSON.stringify(x) ?? String(x)}` });
    return undefined;
  }
  if (path.endsWith(".price") && value === 0) {
    issues.push({ path, message: "expected a price above 0, got 0" });
    return undefined;
  }
  return value;
}

/** Decimal places the number is written with ("2000.10" → 2; 2000.1 → 1; 1e-7 → 7). */
function decimals(x: unknown): number {
  const text = typeof x === "string" ? x.trim() : String(x);
  const m = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}
