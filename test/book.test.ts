import fc from "fast-check";
import { OrderBook } from "fracture";
import { ReferenceBook } from "./book-reference.ts";
import { assert, equal, near, rng, test, throws } from "./harness.ts";

// tick 0.01, lot 0.001: prices and quantities below are exact multiples
const options = { tickSize: 0.01, lotSize: 0.001, capacity: 4096 };
const TICK = 100; // 1/tickSize
const LOT = 1000; // 1/lotSize

type Op = { kind: "limit" | "market" | "cancel" | "reduce"; buy: boolean; tick: number; lots: number; target: number };

/** A random op stream around a mid of 100.00 (ticks 9900–10100). */
const ops = fc.array(
  fc.record({
    kind: fc.constantFrom("limit", "limit", "limit", "market", "cancel", "reduce"),
    buy: fc.boolean(),
    tick: fc.integer({ min: 9900, max: 10100 }),
    lots: fc.integer({ min: 1, max: 5000 }),
    target: fc.nat(),
  }) as fc.Arbitrary<Op>,
  { minLength: 1, maxLength: 300 },
);

test("book: same fills, prices and depth as the reference engine over random operations", () => {
  fc.assert(
    fc.property(ops, (stream) => {
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
            if ("lastPrice" in got && want.filled > 0)
              equal(got.lastPrice, want.lastTick / TICK, `${where}: last price`);
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
      } finally {
        book.dispose();
      }
    }),
    { seed: 1, numRuns: 150 },
  );
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
