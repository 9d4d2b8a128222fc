/**
 * Option chains as columns — strike, time to expiry, call flag, implied vol and the dealers'
 * position — built from arrays (`chain`) or from a Deribit-style JSON book (`chainFromDeribit`).
 * @module
 */
import * as v from "valibot";
import { core } from "../bindings/instance.ts";
import { checkColumn } from "./columns.ts";
import { IssuesError, type PathIssue, pathOf } from "./issues.ts";
import { inRange, lengthError, object, range, rangeError, show, typeError } from "./validate.ts";

/** Options listed on one underlying, as columns; the dealers' side is in `position`. */
export interface OptionChain {
  /** Strikes in quote units. */
  readonly strike: Float64Array;
  /** Years to expiry. */
  readonly time: Float64Array;
  /** 1 for a call, 0 for a put. */
  readonly call: Uint8Array;
  /** Implied vol of each option (per √year, decimal). */
  readonly vol: Float64Array;
  /** The dealers' net position in contracts: positive long, negative short. */
  readonly position: Float64Array;
  /** Units of the underlying per contract. */
  readonly contractSize: number;
  /** Continuously compounded rate and dividend (or staking) yield of the underlying. */
  readonly rate: number;
  readonly dividend: number;
}

/**
 * Who holds the options when only open interest is known. Dealers are the other side of
 * customers, so:
 * - `"long-calls-short-puts"` (the classic GEX assumption): customers sell calls (overwriting)
 *   and buy puts (protection), so dealers are long calls and short puts;
 * - `"short-all"`: customers buy every option, dealers are short all of them;
 * - `"long-all"`: customers write every option, dealers are long all of them.
 */
export type DealerSide = "long-calls-short-puts" | "short-all" | "long-all";

/** Columns of {@link chain}; give `position`, or `openInterest` and `dealers`. */
export interface ChainInput {
  strike: Float64Array;
  time: number | Float64Array;
  call: boolean | Uint8Array;
  vol: number | Float64Array;
  /** The dealers' signed position in contracts. */
  position?: Float64Array;
  /** Open interest in contracts (≥ 0), signed by `dealers`. */
  openInterest?: Float64Array;
  dealers?: DealerSide;
  /** Units of the underlying per contract; default 1 (Deribit's ETH and BTC options). */
  contractSize?: number;
  rate?: number;
  dividend?: number;
}

const RANGES = {
  strike: range(1e-12, 1e15),
  time: range(0, 30),
  vol: range(0, 1e6),
  position: range(-1e15, 1e15),
  openInterest: range(0, 1e15),
  contractSize: range(1e-12, 1e12),
  rate: range(-3, 3),
  dividend: range(-3, 3),
};
const SIDES: readonly DealerSide[] = ["long-calls-short-puts", "short-all", "long-all"];
/** The largest chain: its prepared columns stay well inside the core's memory. */
export const MAX_OPTIONS = 1_000_000;

/**
 * Builds an {@link OptionChain} from columns, checking every value.
 * @example
 * ```ts
 * const c = greeks.chain({ strike: Float64Array.of(1800, 2200), time: 30 / 365, call: Uint8Array.of(0, 1),
 *   vol: 0.7, openInterest: Float64Array.of(5000, 8000), dealers: "long-calls-short-puts" });
 * ```
 */
export function chain(input: ChainInput): OptionChain {
  object("input", input);
  if (!(input.strike instanceof Float64Array)) throw typeError("strike", "a Float64Array", input.strike);
  const n = input.strike.length;
  if (n < 1 || n > MAX_OPTIONS) throw rangeError("strike", `between 1 and ${MAX_OPTIONS} options`, `${n} options`);
  core(); // checks run in the core
  const strike = checkColumn("strike", input.strike.slice(), RANGES.strike);
  const time = column("time", input.time, n);
  const vol = column("vol", input.vol, n);
  const call = flags("call", input.call, n);
  let position: Float64Array;
  if (input.position !== undefined) {
    position = column("position", input.position, n);
  } else if (input.openInterest !== undefined) {
    const oi = column("openInterest", input.openInterest, n);
    const side = input.dealers ?? "long-calls-short-puts";
    if (!SIDES.includes(side)) throw rangeError("dealers", `one of ${SIDES.map((s) => `"${s}"`).join(", ")}`, side);
    position = signed(oi, call, side);
  } else {
    throw typeError("position", "a Float64Array (or openInterest with dealers)", undefined);
  }
  return {
    strike,
    time,
    call,
    vol,
    position,
    contractSize: inRange("contractSize", input.contractSize ?? 1, RANGES.contractSize),
    rate: inRange("rate", input.rate ?? 0, RANGES.rate),
    dividend: inRange("dividend", input.dividend ?? 0, RANGES.dividend),
  };
}

/** A checked copy of a column given as a number (broadcast) or a Float64Array of length n. */
function column(name: keyof typeof RANGES, value: unknown, n: number): Float64Array {
  const r = RANGES[name];
  if (typeof value === "number") return new Float64Array(n).fill(inRange(name, value, r));
  if (!(value instanceof Float64Array)) throw typeError(name, "a number or a Float64Array", value);
  if (value.length !== n) throw lengthError(name, value.length, n, "the number of strikes");
  return checkColumn(name, value.slice(), r);
}

function flags(name: string, value: unknown, n: number): Uint8Array {
  if (typeof value === "boolean") return new Uint8Array(n).fill(value ? 1 : 0);
  if (!(value instanceof Uint8Array)) throw typeError(name, "a boolean or a Uint8Array", value);
  if (value.length !== n) throw lengthError(name, value.length, n, "the number of strikes");
  return value.map((x) => (x ? 1 : 0));
}

/** Open interest signed by the dealers' side: +1 long, -1 short. */
export function signed(oi: Float64Array, call: Uint8Array, side: DealerSide): Float64Array {
  if (side === "short-all") return oi.map((x) => -x);
  if (side === "long-all") return oi;
  return oi.map((x, i) => (call[i] ? x : -x));
}

// ---- Deribit ------------------------------------------------------------------------------

/** A chain read from a Deribit book, with what the rows said about the market. */
export interface DeribitChain {
  chain: OptionChain;
  /** The underlying's price: the median of the rows' `underlying_price` (NaN if none). */
  spot: number;
  /** The currency of the instruments, e.g. "ETH". */
  currency: string;
  /** The time the years to expiry are measured from (ms since the epoch). */
  asOf: number;
  /** Rows left out because their option had expired at `asOf`. */
  expired: string[];
}

/** One problem of an input, by path: what a caller needs to fix it. */
export type Issue = PathIssue;

/** Bad rows of a chain import; `issues` lists every one. */
export class ChainError extends IssuesError {
  override name = "ChainError";
  /**
   * The error for a chain's problems.
   * @param issues every problem of the chain, by path
   */
  constructor(issues: Issue[]) {
    super(issues, "bad option chain: ");
  }
}

const INSTRUMENT = /^([A-Z0-9_]+)-(\d{1,2})([A-Z]{3})(\d{2})-(\d+(?:d\d+)?)-([CP])$/;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const YEAR_MS = 365 * 24 * 3600 * 1000; // years are ACT/365 here, like the rest of fracture

const Row = v.object({
  instrument_name: v.pipe(
    v.string("expected a string"),
    v.regex(INSTRUMENT, 'expected an option name like "ETH-27DEC26-3000-C"'),
  ),
  mark_iv: v.pipe(v.number("expected a number"), v.finite("expected a finite number"), v.minValue(0, "expected >= 0")),
  open_interest: v.pipe(
    v.number("expected a number"),
    v.finite("expected a finite number"),
    v.minValue(0, "expected >= 0"),
  ),
  underlying_price: v.optional(v.pipe(v.number("expected a number"), v.gtValue(0, "expected > 0"))),
  creation_timestamp: v.optional(v.pipe(v.number("expected a number"), v.integer("expected whole milliseconds"))),
});
const Book = v.union(
  [v.array(v.unknown()), v.object({ result: v.array(v.unknown()) })],
  "expected an array of rows or a Deribit response { result: [...] }",
);

/**
 * Reads a Deribit-style book (the `result` of `public/get_book_summary_by_currency` with
 * `kind=option`, or its array of rows): `instrument_name` like `ETH-27DEC26-3000-C` (expiry
 * at 08:00 UTC), `mark_iv` in percent, `open_interest` in contracts. Malformed rows throw one
 * {@link ChainError} listing every problem by path; expired options are left out.
 *
 * @param json the parsed JSON
 * @param options `asOf` (ms or Date; default: the rows' latest `creation_timestamp`, which
 *   Deribit includes), the `dealers` side (default `"long-calls-short-puts"`), rates
 */
export function chainFromDeribit(
  json: unknown,
  options: { asOf?: number | Date; dealers?: DealerSide; rate?: number; dividend?: number; contractSize?: number } = {},
): DeribitChain {
  const book = v.safeParse(Book, json);
  if (!book.success) throw new ChainError([{ path: "(root)", message: book.issues[0].message }]);
  const rows = Array.isArray(book.output) ? book.output : book.output.result;
  const prefix = Array.isArray(book.output) ? "" : "result";
  const issues: Issue[] = [];
  const parsed: v.InferOutput<typeof Row>[] = [];
  rows.forEach((row, i) => {
    const r = v.safeParse(Row, row);
    if (r.success) parsed.push(r.output);
    else
      for (const issue of r.issues)
        issues.push({
          path: pathOf(`${prefix}[${i}]`, issue.path),
          message: `${issue.message}, got ${show(issue.input)}`,
        });
  });
  if (issues.length > 0) throw new ChainError(issues);
  if (parsed.length === 0) throw new ChainError([{ path: prefix || "(root)", message: "no rows" }]);

  const asOf = asOfTime(options.asOf, parsed);
  const currencies = new Set<string>();
  const kept: { strike: number; time: number; call: boolean; vol: number; oi: number }[] = [];
  const expired: string[] = [];
  parsed.forEach((row, i) => {
    const [, currency, day, month, year, strike, kind] = INSTRUMENT.exec(row.instrument_name) as RegExpExecArray;
    const expiry = Date.UTC(2000 + Number(year), MONTHS.indexOf(month), Number(day), 8);
    if (!MONTHS.includes(month) || new Date(expiry).getUTCDate() !== Number(day)) {
      issues.push({ path: `${prefix}[${i}].instrument_name`, message: `no such expiry date "${day}${month}${year}"` });
      return;
    }
    currencies.add(currency);
    const time = (expiry - asOf) / YEAR_MS;
    if (!(time > 0)) expired.push(row.instrument_name);
    else
      kept.push({
        strike: Number(strike.replace("d", ".")),
        time,
        call: kind === "C",
        vol: row.mark_iv / 100,
        oi: row.open_interest,
      });
  });
  if (issues.length > 0) throw new ChainError(issues);
  const whole = prefix || "(root)";
  if (currencies.size > 1)
    throw new ChainError([{ path: whole, message: `rows of several underlyings: ${[...currencies].join(", ")}` }]);
  if (kept.length === 0) throw new ChainError([{ path: whole, message: "every option has expired at asOf" }]);
  const prices = parsed
    .map((r) => r.underlying_price)
    .filter((p): p is number => p !== undefined)
    .sort((a, b) => a - b);
  return {
    chain: chain({
      strike: Float64Array.from(kept, (k) => k.strike),
      time: Float64Array.from(kept, (k) => k.time),
      call: Uint8Array.from(kept, (k) => (k.call ? 1 : 0)),
      vol: Float64Array.from(kept, (k) => k.vol),
      openInterest: Float64Array.from(kept, (k) => k.oi),
      dealers: options.dealers,
      rate: options.rate,
      dividend: options.dividend,
      contractSize: options.contractSize,
    }),
    spot: prices.length ? prices[Math.floor(prices.length / 2)] : Number.NaN,
    currency: [...currencies][0],
    asOf,
    expired,
  };
}

function asOfTime(asOf: number | Date | undefined, rows: { creation_timestamp?: number }[]): number {
  if (asOf instanceof Date) asOf = asOf.getTime();
  if (asOf === undefined) {
    const stamps = rows.map((r) => r.creation_timestamp).filter((t): t is number => t !== undefined);
    if (stamps.length === 0) throw typeError("asOf", "a time (the rows carry no creation_timestamp)", undefined);
    return Math.max(...stamps);
  }
  return inRange("asOf", asOf, range(0, 8.64e15));
}
