import fc from "fast-check";
import { type BatchResult, OrderBook } from "fracture";
import { ReferenceBook } from "./book-reference.ts";
import { ownCore } from "./core.ts";
import { assert, equal, near, rng, test, throws } from "./harness.ts";

// tick 0.01, lot 0.001: prices and quantities below are exact multiples
const options = { tickSize: 0.01, lotSize: 0.001, capacity: 4096 };
const TICK = 100; // 1/tickSize
const LOT = 1000; // 1/lotSize

type Op = { kind: "limit" | "market" | "cancel" | "reduce"; buy: boolean; tick: number; lots: number; target: number };

/**
 * A random op stream: around a mid of 100.00 (ticks 9900–10100), or (`wide`) also anywhere on
 * the grid up to 2,000.00, so levels lie in distant 64-tick words and the bitmaps' summary words
 * are searched. `size: "max"`: fast-check otherwise caps arrays near ten elements whatever
 * maxLength says, and a bug that needs a busy level or a long history would never be reached.
 */
function opStream(wide: boolean, maxLength: number) {
  const near = fc.integer({ min: 9900, max: 10100 });
  return fc.array(
    fc.record({
      kind: fc.constantFrom("limit", "limit", "limit", "market", "cancel", "reduce"),
      buy: fc.boolean(),
      tick: wide ? fc.oneof(near, fc.integer({ min: 1, max: 200_000 })) : near,
      lots: fc.integer({ min: 1, max: 5000 }),
      target: fc.nat(),
    }) as fc.Arbitrary<Op>,
    { minLength: 1, maxLength, size: "max" },
  );
}

/** Runs a stream on the core and on the reference, op by op; then checks every order one by one. */
function differential(stream: Op[]): void {
  const book = new OrderBook(options);
  const ref = new ReferenceBook();
  const ids: [number, number][] = []; // [core id, reference id] by creation
  try {
    stream.forEach((op, k) => {
      const side = op.buy ? "buy" : "sell";
      const where = `op ${k} ${JSON.stringify(op)}`;
      if (op.kind === "limit" || op.kind === "market") {
        const qty = op.lots / LOT;
        const got = op.kind === "limit" ? book.limit(side, op.tick / TICK, qty) : book.market(side, qty);
        const want = op.kind === "limit" ? ref.limit(op.buy, op.tick, op.lots) : ref.market(op.buy, op.lots);
        equal(Math.round(got.filled * LOT), want.filled, `${where}: filled`);
        equal(Math.round(got.remaining * LOT), want.remaining, `${where}: remaining`);
        equal(got.notional, want.tickLots / TICK / LOT, `${where}: notional`);
        if ("id" in got && got.id > 0) ids.push([got.id, want.id]);
        if ("lastPrice" in got && want.filled > 0) equal(got.lastPrice, want.lastTick / TICK, `${where}: last price`);
      } else if (ids.length > 0) {
        const [id, refId] = ids[op.target % ids.length];
        if (op.kind === "cancel") equal(book.cancel(id), ref.cancel(refId), `${where}: cancel`);
        else {
          const left = book.reduce(id, op.lots / LOT);
          const want = ref.reduce(refId, op.lots);
          equal(Number.isNaN(left) ? -1 : Math.round(left * LOT), want, `${where}: reduce`);
        }
      }
      // the same book afterwards, never crossed at rest
      equal(book.bestBid(), ref.best(true) / TICK, `${where}: best bid`);
      equal(book.bestAsk(), ref.best(false) / TICK, `${where}: best ask`);
      assert(!(book.bestBid() >= book.bestAsk()), `${where}: crossed book`);
      equal(book.size, ref.orders.length, `${where}: resting orders`);
    });
    for (const buy of [true, false]) {
      const d = book.depth(buy ? "buy" : "sell", 10);
      const want = ref.depth(buy, 10);
      equal(d.price.length, want.length, "depth levels");
      want.forEach(([tick, lots], i) => {
        equal(d.price[i], tick / TICK, `depth price ${i}`);
        equal(Math.round(d.qty[i] * LOT), lots, `depth qty ${i}`);
      });
    }
    // order by order: which orders still rest and what each has left (who was filled first
    // within a level shows here, not in the totals); reducing by one lot reads it
    for (const [id, refId] of ids) {
      const left = book.reduce(id, 1 / LOT);
      equal(Number.isNaN(left) ? -1 : Math.round(left * LOT), ref.reduce(refId, 1), `order ${id}: lots left − 1`);
    }
  } finally {
    book.dispose();
  }
}

test("book: same fills, prices, depth and orders as the reference engine over random streams of up to 300 operations", () => {
  fc.assert(fc.property(opStream(false, 300), differential), { seed: 1, numRuns: 100 });
});

test("book: the same over prices spread across the grid (distant bitmap words)", () => {
  fc.assert(fc.property(opStream(true, 300), differential), { seed: 2, numRuns: 40 });
});

test("book: a batch does what the same operations do one by one", () => {
  const next = rng(4);
  const n = 3000;
  const op = Uint8Array.from({ length: n }, (_, i) => (i < 10 ? 0 : next() < 0.7 ? 0 : next() < 0.5 ? 1 : 2));
  const side = Uint8Array.from({ length: n }, () => (next() < 0.5 ? 0 : 1));
  const price = Float64Array.from({ length: n }, () => (9950 + Math.floor(100 * next())) / TICK);
  const qty = Float64Array.from({ length: n }, () => (1 + Math.floor(100 * next())) / LOT);
  // cancels refer to the order of an earlier limit operation
  const limits: number[] = [];
  const id = Float64Array.from({ length: n }, (_, i) => {
    if (op[i] === 0) limits.push(i);
    return op[i] === 2 ? -(limits[Math.floor(next() * (limits.length - 1))] + 1) : 0;
  });
  const a = new OrderBook(options);
  const b = new OrderBook(options);
  const batched = a.batch({ op, side, price, qty, id });
  for (let i = 0; i < n; i++) {
    const s = side[i] ? "sell" : "buy";
    if (op[i] === 0) {
      const r = b.limit(s, price[i], qty[i]);
      equal(batched.id[i], r.id, `id ${i}`);
      equal(batched.filled[i], r.filled, `filled ${i}`);
      equal(batched.notional[i], r.notional, `notional ${i}`);
    } else if (op[i] === 1) {
      const r = b.market(s, qty[i]);
      equal(batched.filled[i], r.filled, `filled ${i}`);
      equal(batched.remaining[i], r.remaining, `remaining ${i}`);
    } else {
      equal(batched.id[i], b.cancel(batched.id[-id[i] - 1]) ? 1 : 0, `cancel ${i}`);
    }
  }
  equal(a.bestBid(), b.bestBid(), "best bid");
  equal(a.size, b.size, "resting orders");
  a.dispose();
  b.dispose();
});

test("book: conservation, priority, no-op cancels, capacity", () => {
  const book = new OrderBook({ ...options, capacity: 3 });
  const a = book.limit("sell", 100, 1).id;
  const b = book.limit("sell", 100, 2).id;
  book.limit("sell", 101, 4);
  // full: a resting order is refused without doing anything; a marketable one is fine
  throws(() => book.limit("buy", 99, 1), RangeError, /full \(capacity 3 orders\): nothing was done/);
  equal(book.size, 3, "nothing changed");
  // time priority at 100: a fills before b
  const m = book.market("buy", 1.5);
  equal(m.filled + m.remaining, 1.5, "filled + remaining = requested");
  near(m.avgPrice, 100, 1e-12, "average price");
  equal(book.cancel(a), false, "a was filled: cancel is a no-op");
  equal(book.reduce(b, 0.5), 1, "b keeps 1.5 - 0.5 after its partial fill");
  equal(book.cancel(123456789), false, "unknown id");
  const cross = book.limit("buy", 101, 5);
  equal(cross.filled, 5, "crosses b and the level at 101 entirely");
  equal(cross.remaining, 0, "nothing rests");
  equal(cross.id, 0, "no id when nothing rests");
  const empty = book.market("buy", 1);
  equal(empty.remaining, 1, "an empty side fills nothing");
  assert(Number.isNaN(empty.avgPrice) && Number.isNaN(book.bestAsk()), "NaN prices when empty");
  book.dispose();
  throws(() => book.bestBid(), Error, /disposed/);
});

test("book: bad input is named and changes nothing", () => {
  const book = new OrderBook(options);
  book.limit("buy", 99, 1);
  throws(() => book.limit("hold" as never, 100, 1), RangeError, /^"side" expected "buy" or "sell", got "hold"$/);
  throws(
    () => book.limit("buy", 100.005, 1),
    RangeError,
    /^"price" expected a multiple of the tick size 0\.01 .* got 100\.005$/,
  );
  throws(() => book.limit("buy", Number.NaN, 1), RangeError, /"price" .* got NaN/);
  throws(
    () => book.limit("buy", 100, -1),
    RangeError,
    /^"qty" expected a positive multiple of the lot size 0\.001, got -1$/,
  );
  throws(() => book.limit("buy", 100, 0), RangeError, /"qty"/);
  throws(() => book.market("sell", 0.0005), RangeError, /"qty" .* got 0\.0005/);
  throws(() => new OrderBook({ tickSize: 0 }), RangeError, /^"tickSize" expected/);
  const bad = {
    op: Uint8Array.of(0, 0),
    side: Uint8Array.of(0, 0),
    price: Float64Array.of(98, Number.NaN),
    qty: Float64Array.of(1, 1),
    id: new Float64Array(2),
  };
  throws(() => book.batch(bad), RangeError, /^"ops\.price\[1\]" .* got NaN$/);
  throws(
    () => book.batch({ ...bad, op: Uint8Array.of(2, 0), id: Float64Array.of(-1, 0) }),
    RangeError,
    /"ops\.id\[0\]"/,
  );
  equal(book.size, 1, "the first row of the bad batch did not run");
  equal(book.bestBid(), 99, "book unchanged");
  book.dispose();
});

test("book: makers' depth refills with its half-life and withdraws as volatility rises", () => {
  const book = new OrderBook({ tickSize: 0.01, lotSize: 0.001 });
  book.seedProfile(
    { mid: 2000, spreadBps: 2, levels: 100, levelBps: 2, qtyPerLevel: 40 },
    { halfLifeSeconds: 60, baseVol: 0.5, sensitivity: 2 },
  );
  equal(book.bestBid(), 1999.8, "best bid at mid·(1 - 1 bp)");
  equal(book.bestAsk(), 2000.2, "best ask at mid·(1 + 1 bp)");
  near(book.liquidityWithin("buy", 20).qty, 400, 1e-9, "ten levels of 40 within 20 bp");
  // eat the first five bid levels, then wait one half-life at the same reference
  book.market("sell", 200);
  book.replenish(60, 2000);
  near(book.depth("buy", 1).qty[0], 20, 1e-9, "half of the shortfall is back after one half-life");
  book.replenish(60, 2000);
  near(book.depth("buy", 1).qty[0], 30, 1e-9, "three quarters after two");
  // ten levels of 40 within 20 bp, level i at 2000·(1 - (1 + 2i) bp)
  const target = Array.from({ length: 10 }, (_, i) => 40 * 2000 * (1 - (1 + 2 * i) / 1e4)).reduce((x, y) => x + y);
  near(
    book.liquidityVelocity("buy", 20),
    (target * Math.LN2) / 60,
    1e-6,
    "velocity = target notional × ln2 / half-life",
  );
  // a violent reference path: realized vol far above 50% → depth withdraws at once
  let mid = 2000;
  for (let k = 0; k < 30; k++) {
    mid *= k % 2 ? 1.02 : 0.98;
    book.replenish(12, mid);
  }
  const { realizedVol, depthFactor } = book.makers;
  assert(realizedVol > 2, `realized vol ${realizedVol}`);
  near(depthFactor, 1 / (1 + 2 * (realizedVol / 0.5 - 1)), 1e-12, "depth factor");
  const level = book.depth("buy", 1).qty[0];
  assert(level <= 40 * depthFactor + 0.001, `the first level holds ${level}, at most ${40 * depthFactor} (+1 lot)`);
  book.dispose();
});

test("book: an L2 snapshot seeds the book", () => {
  const book = new OrderBook(options);
  book.seedSnapshot({
    bids: [
      [99.99, 3],
      [99.98, 5],
    ],
    asks: [
      [100.01, 2],
      [100.03, 1],
    ],
  });
  equal(book.bestBid(), 99.99, "best bid");
  equal(book.depth("sell", 5).qty.join(), "2,1", "asks");
  near(book.mid(), 100, 1e-12, "mid");
  throws(() => book.seedSnapshot({ bids: [[101, 1]], asks: [] }), RangeError, /bids below asks/);
  throws(() => book.seedSnapshot({ bids: [[99, -1]], asks: [] }), RangeError, /"snapshot\.bids\[0\]\[1\]"/);
  book.dispose();
});

// ---- a book that grows ------------------------------------------------------------------------

/** The grid of the streams below, without a capacity: the book grows. */
const growing = { tickSize: 0.01, lotSize: 0.001, maxPrice: 200 };
/** What a book used to hold when no capacity was given: a stream that outgrows it fails on a fixed book. */
const OLD_DEFAULT = 65_536;
/** The slots a growing book starts with (src/book.ts): more resting orders than this grow it. */
const FIRST_SLOTS = 4096;

const OP_LIMIT = 0;
const OP_MARKET = 1;
const OP_CANCEL = 2;
const OP_REDUCE = 3;

/** A stream of operations as columns; cancels and reduces name the row of their limit (`target`). */
interface Stream {
  n: number;
  op: Uint8Array;
  side: Uint8Array;
  tick: Int32Array;
  lots: Float64Array;
  target: Int32Array;
  limits: number;
}

/**
 * n operations around a mid of 100.00 from rng(seed): 70% limit orders of 1-999 lots, most of
 * them resting up to 200 ticks from the mid (a tenth priced up to 10 ticks through it), 10%
 * market orders of 1-4999 lots, 15% cancels and 5% reduces of earlier limits (any, filled or
 * not, each at most once). More rests than trades away, so the book keeps growing. The first
 * `resting` operations are limits that rest, to grow a book early in a short stream.
 */
function stream(n: number, seed: number, resting = 0): Stream {
  const next = rng(seed);
  const s: Stream = {
    n,
    op: new Uint8Array(n),
    side: new Uint8Array(n),
    tick: new Int32Array(n),
    lots: new Float64Array(n),
    target: new Int32Array(n).fill(-1),
    limits: 0,
  };
  const open: number[] = []; // limit rows not named yet
  for (let i = 0; i < n; i++) {
    const u = i < resting ? 0 : next();
    const buy = next() < 0.5;
    s.side[i] = buy ? 0 : 1;
    if (u < 0.7) {
      const off = next() < 0.1 && i >= resting ? -Math.floor(next() * 10) : 1 + Math.floor(next() * 200);
      s.op[i] = OP_LIMIT;
      s.tick[i] = buy ? 10_000 - off : 10_000 + off;
      s.lots[i] = 1 + Math.floor(next() * 999);
      open.push(i);
      s.limits++;
    } else if (u < 0.8) {
      s.op[i] = OP_MARKET;
      s.lots[i] = 1 + Math.floor(next() * 4999);
    } else {
      s.op[i] = u < 0.95 ? OP_CANCEL : OP_REDUCE;
      s.lots[i] = 1 + Math.floor(next() * 500);
      if (open.length > 0) {
        const j = Math.floor(next() * open.length);
        s.target[i] = open[j];
        open[j] = open[open.length - 1];
        open.pop();
      }
    }
  }
  return s;
}

/** Per operation, as `batch` reports it; `peak` is the most orders that rested at once (seen at chunk ends). */
interface Outcome extends BatchResult {
  peak: number;
}

function outcome(n: number): Outcome {
  return {
    id: new Float64Array(n),
    filled: new Float64Array(n),
    notional: new Float64Array(n),
    remaining: new Float64Array(n),
    peak: 0,
  };
}

/** Rows from..to-1 of a stream through `batch`, `chunk` rows a call; ids of earlier calls by value, of the same call by -k. */
function runBatch(book: OrderBook, s: Stream, chunk: number, out = outcome(s.n), from = 0, to = s.n): Outcome {
  const size = Math.min(chunk, to - from);
  const cols = {
    op: new Uint8Array(size),
    side: new Uint8Array(size),
    price: new Float64Array(size),
    qty: new Float64Array(size),
    id: new Float64Array(size),
  };
  for (let a = from; a < to; a += chunk) {
    const b = Math.min(to, a + chunk);
    const k = b - a;
    for (let i = a; i < b; i++) {
      const t = s.target[i];
      cols.op[i - a] = s.op[i];
      cols.side[i - a] = s.side[i];
      cols.price[i - a] = s.op[i] === OP_LIMIT ? s.tick[i] / TICK : 0;
      cols.qty[i - a] = s.op[i] === OP_CANCEL ? 0 : s.lots[i] / LOT;
      cols.id[i - a] = t < 0 ? 0 : t >= a ? -(t - a + 1) : out.id[t];
    }
    const sub = (x: Uint8Array | Float64Array) => x.subarray(0, k) as never;
    const r = book.batch(
      { op: sub(cols.op), side: sub(cols.side), price: sub(cols.price), qty: sub(cols.qty), id: sub(cols.id) },
      {
        id: out.id.subarray(a, b),
        filled: out.filled.subarray(a, b),
        notional: out.notional.subarray(a, b),
        remaining: out.remaining.subarray(a, b),
      },
    );
    equal(r.id.length, k, "rows run");
    out.peak = Math.max(out.peak, book.size);
  }
  return out;
}

/** A stream through the one-order methods, reported as `batch` would. */
function runEach(book: OrderBook, s: Stream): Outcome {
  const out = outcome(s.n);
  for (let i = 0; i < s.n; i++) {
    const side = s.side[i] ? "sell" : "buy";
    const t = s.target[i];
    const id = t < 0 ? 0 : out.id[t];
    if (s.op[i] === OP_LIMIT) {
      const r = book.limit(side, s.tick[i] / TICK, s.lots[i] / LOT);
      out.id[i] = r.id;
      out.filled[i] = r.filled;
      out.notional[i] = r.notional;
      out.remaining[i] = r.remaining;
    } else if (s.op[i] === OP_MARKET) {
      const r = book.market(side, s.lots[i] / LOT);
      out.filled[i] = r.filled;
      out.notional[i] = r.notional;
      out.remaining[i] = r.remaining;
    } else if (s.op[i] === OP_CANCEL) {
      out.id[i] = book.cancel(id) ? 1 : 0;
    } else {
      const left = book.reduce(id, s.lots[i] / LOT);
      out.id[i] = Number.isNaN(left) ? -1 : left;
    }
    out.peak = Math.max(out.peak, book.size);
  }
  return out;
}

test("book: without a capacity it grows: 1,000,000 operations (70% limits) run as on a book with room for every order", () => {
  const s = stream(1_000_000, 11);
  const grown = new OrderBook(growing);
  const roomy = new OrderBook({ ...growing, capacity: s.limits }); // can never be full
  try {
    const a = runBatch(grown, s, 65_536);
    const b = runEach(roomy, s);
    assert(a.peak > OLD_DEFAULT, `the stream outgrows the old default (peak ${a.peak} orders)`);
    for (const k of ["id", "filled", "notional", "remaining"] as const) {
      for (let i = 0; i < s.n; i++) if (!Object.is(a[k][i], b[k][i])) equal(a[k][i], b[k][i], `${k} of operation ${i}`);
    }
    equal(grown.size, roomy.size, "resting orders");
    equal(grown.bestBid(), roomy.bestBid(), "best bid");
    equal(grown.bestAsk(), roomy.bestAsk(), "best ask");
    for (const side of ["buy", "sell"] as const) {
      const x = grown.depth(side, 500);
      const y = roomy.depth(side, 500);
      equal(x.price.join(), y.price.join(), `${side} depth prices`);
      equal(x.qty.join(), y.qty.join(), `${side} depth quantities`);
    }
  } finally {
    grown.dispose();
    roomy.dispose();
  }
});

test("book: a book that grows fills as the reference engine does, order by order", () => {
  // (the reference takes time in proportion to its resting orders: a short stream that grows early)
  const s = stream(7000, 12, FIRST_SLOTS + 500);
  const book = new OrderBook(growing);
  const ref = new ReferenceBook();
  const refIds = new Float64Array(s.n);
  try {
    const got = runEach(book, s);
    assert(got.peak > FIRST_SLOTS, `the book grew (peak ${got.peak} orders)`);
    for (let i = 0; i < s.n; i++) {
      const where = `operation ${i} (op ${s.op[i]})`;
      const buy = s.side[i] === 0;
      const t = s.target[i];
      if (s.op[i] === OP_LIMIT || s.op[i] === OP_MARKET) {
        const want = s.op[i] === OP_LIMIT ? ref.limit(buy, s.tick[i], s.lots[i]) : ref.market(buy, s.lots[i]);
        refIds[i] = want.id;
        equal(Math.round(got.filled[i] * LOT), want.filled, `${where}: filled`);
        equal(Math.round(got.remaining[i] * LOT), want.remaining, `${where}: remaining`);
        equal(got.notional[i], want.tickLots / TICK / LOT, `${where}: notional`);
        equal(got.id[i] > 0, want.id > 0, `${where}: rests`);
      } else if (s.op[i] === OP_CANCEL) {
        equal(got.id[i], t >= 0 && ref.cancel(refIds[t]) ? 1 : 0, `${where}: cancel`);
      } else {
        const left = t >= 0 ? ref.reduce(refIds[t], s.lots[i]) : -1;
        equal(got.id[i] < 0 ? -1 : Math.round(got.id[i] * LOT), left, `${where}: reduce`);
      }
    }
    equal(book.size, ref.orders.length, "resting orders");
    equal(book.bestBid(), ref.best(true) / TICK, "best bid");
    equal(book.bestAsk(), ref.best(false) / TICK, "best ask");
    for (const buy of [true, false]) {
      const d = book.depth(buy ? "buy" : "sell", 300);
      const want = ref.depth(buy, 300);
      equal(d.price.join(), want.map(([tick]) => tick / TICK).join(), "depth prices");
      equal(d.qty.join(), want.map(([, lots]) => lots / LOT).join(), "depth quantities");
    }
  } finally {
    book.dispose();
  }
});

test("book: a given capacity is a hard cap: the order that would rest beyond it is refused, one by one or in a batch", () => {
  const capped = new OrderBook({ ...growing, capacity: 5000 });
  const free = new OrderBook(growing);
  const n = 5001;
  const bids = {
    op: new Uint8Array(n),
    side: new Uint8Array(n),
    price: Float64Array.from({ length: n }, (_, i) => (9000 + (i % 900)) / TICK),
    qty: new Float64Array(n).fill(0.001),
    id: new Float64Array(n),
  };
  const err = throws(
    () => capped.batch(bids),
    RangeError,
    /^the order book is full \(capacity 5000 orders\) at operation 5000$/,
  );
  equal((err as RangeError & { ran: number }).ran, 5000, "rows run");
  equal(capped.size, 5000, "the rows before it rested");
  throws(
    () => capped.limit("buy", 80, 1),
    RangeError,
    /^the order book is full \(capacity 5000 orders\): nothing was done$/,
  );
  equal(capped.size, 5000, "nothing changed");
  equal(capped.bestBid(), 98.99, "nothing changed");
  equal(capped.limit("sell", 98.99, 0.001).filled, 0.001, "an order that rests nothing still trades");
  equal(capped.limit("buy", 80, 1).remaining, 1, "and frees a slot for the next");
  equal(capped.capacity, 5000, "capacity");
  free.batch(bids);
  equal(free.size, n, "without a capacity the same orders rest");
  equal(free.capacity, undefined, "no capacity");
  capped.dispose();
  free.dispose();
});

test("book: ids of orders resting before a growth cancel and reduce the same orders after it", () => {
  const book = new OrderBook(growing);
  // no order crosses, so the book is the orders' sum by level: kept here by id
  const resting = new Map<number, { buy: boolean; tick: number; lots: number }>();
  const next = rng(13);
  const place = (buy: boolean, tick: number, lots: number) => {
    const { id } = book.limit(buy ? "buy" : "sell", tick / TICK, lots / LOT);
    resting.set(id, { buy, tick, lots });
    return id;
  };
  const scattered = () => {
    const buy = next() < 0.5;
    const tick = buy ? 9000 + Math.floor(next() * 900) : 10_100 + Math.floor(next() * 900);
    return place(buy, tick, 10 + Math.floor(next() * 90));
  };
  // a full set of first slots, then 16 times as many again
  const early = Array.from({ length: FIRST_SLOTS }, scattered);
  for (let k = 0; k < 16 * FIRST_SLOTS; k++) scattered();
  equal(book.size, 17 * FIRST_SLOTS, "every order rests");
  // one by one: reduce every third early order by 5 lots, cancel every third
  early.forEach((id, k) => {
    const o = resting.get(id) as { lots: number };
    if (k % 3 === 0) {
      o.lots -= 5;
      equal(book.reduce(id, 0.005), o.lots / LOT, `reduce early order ${k}`);
    } else if (k % 3 === 1) {
      equal(book.cancel(id), true, `cancel early order ${k}`);
      resting.delete(id);
    }
  });
  // in a batch that grows the book again: 70,000 new bids, then cancels of the other early orders
  const m = 70_000;
  const rest = early.filter((_, k) => k % 3 === 2);
  const n = m + rest.length;
  const ticks = Int32Array.from({ length: m }, () => 8000 + Math.floor(next() * 900));
  const r = book.batch({
    op: Uint8Array.from({ length: n }, (_, i) => (i < m ? OP_LIMIT : OP_CANCEL)),
    side: new Uint8Array(n),
    price: Float64Array.from({ length: n }, (_, i) => (i < m ? ticks[i] / TICK : 0)),
    qty: Float64Array.from({ length: n }, (_, i) => (i < m ? 0.001 : 0)),
    id: Float64Array.from({ length: n }, (_, i) => (i < m ? 0 : rest[i - m])),
  });
  for (let i = 0; i < m; i++) resting.set(r.id[i], { buy: true, tick: ticks[i], lots: 1 });
  rest.forEach((id, k) => {
    equal(r.id[m + k], 1, `cancel early order ${3 * k + 2} in the batch`);
    resting.delete(id);
  });
  // the early ids name nothing now, and the book holds exactly what is left
  early.forEach((id, k) => {
    if (k % 3 !== 0) equal(book.cancel(id), false, `early order ${k} after its cancel`);
  });
  equal(book.size, resting.size, "resting orders");
  for (const buy of [true, false]) {
    const levels = new Map<number, number>();
    for (const o of resting.values()) if (o.buy === buy) levels.set(o.tick, (levels.get(o.tick) ?? 0) + o.lots);
    const want = [...levels].sort((x, y) => (buy ? y[0] - x[0] : x[0] - y[0]));
    const d = book.depth(buy ? "buy" : "sell", want.length + 1);
    equal(d.price.join(), want.map(([tick]) => tick / TICK).join(), "depth prices");
    equal(d.qty.join(), want.map(([, lots]) => lots / LOT).join(), "depth quantities");
  }
  book.dispose();
});

test("book: wasm memory stays flat once a growing book has stopped growing, and releasing it frees its slots", async () => {
  const c = await ownCore();
  const e = c.exports;
  const maxTicks = 20_001;
  const s = stream(200_000, 14);
  /** A growing book in the core (as OrderBook makes one without a capacity), `s` run through it. */
  const run = (self: number) => {
    const ids = new Float64Array(s.n);
    for (let i = 0; i < s.n; i++) {
      const t = s.target[i];
      if (s.op[i] === OP_LIMIT) ids[i] = e.bookLimit(self, s.side[i], s.tick[i], s.lots[i], 0);
      else if (s.op[i] === OP_MARKET) e.bookMarket(self, s.side[i], s.lots[i], 0);
      else if (s.op[i] === OP_CANCEL) e.bookCancel(self, t < 0 ? 0 : ids[t]);
      else e.bookReduce(self, t < 0 ? 0 : ids[t], s.lots[i]);
    }
    return ids;
  };
  const make = () => {
    const self = c.alloc(e.bookBytes(maxTicks, FIRST_SLOTS), true);
    e.bookInit(self, 0.01, 0.001, maxTicks, FIRST_SLOTS, 16_777_215);
    return self;
  };
  const self = make();
  const ids = run(self);
  const live = e.bookLive(self);
  assert(live > 4 * FIRST_SLOTS, `the book grew three times or more (${live} orders rest)`);
  // empty it; the same stream again needs no more slots than it had, so no memory either
  for (const id of ids) e.bookCancel(self, id);
  equal(e.bookLive(self), 0, "emptied");
  const grown = e.memory.buffer.byteLength;
  run(self);
  equal(e.bookLive(self), live, "the same book again");
  equal(e.memory.buffer.byteLength, grown, "wasm memory after the second run");
  e.bookRelease(self);
  e.free(self);
  // books that grow and are released, one after another, reuse the same memory
  for (let k = 0; k < 3; k++) {
    const b = make();
    run(b);
    e.bookRelease(b);
    e.free(b);
  }
  equal(e.memory.buffer.byteLength, grown, "wasm memory after three more books grown and released");
});
