// Order book throughput (issue 4): fracture's OrderBook beside a plain typed-array JavaScript
// port of the same data structure (js/book.js), a native C build of it (native/book.c), the
// TypeScript reference engine of the differential test and the npm peers, all on the same
// stream of 1,000,000 mixed operations, for a deep and a shallow book; then 10 million
// operations on one book to show that memory stays flat.
//
//   npm run build && node benchmarks/venues.js
//
// Prints tables and writes build/bench/venues.json. See benchmarks/README.md.

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import hftPkg from "hft-limit-order-book";
import nobPkg from "nodejs-order-book";
import { init, OrderBook } from "../dist/index.node.js";
import { captureCore, compileNative, machineInfo, OUT_DIR, printMachine, ROOT, rng, writeSummary } from "./common.js";
import { Book } from "./js/book.js";

const TICK = 0.01;
const LOT = 0.001;
const TICK_INV = 100; // prices are tick / 100: the double the core's priceOf gives
const LOT_INV = 1000;
const MAX_PRICE = 4000;
const MAX_TICKS = Math.floor(MAX_PRICE / TICK) + 1; // as src/book.ts derives it
const CAPACITY = 1 << 18; // the JS port's and C's slots, and fracture's where a row says "fixed"
const MID = 200_000; // the mid, 2000, in ticks
const N = 1_000_000;
const CHUNK = 65_536;
const RUNS = 5; // best of, after a warm-up run, for the fast engines
const MEMORY_BATCHES = 10; // of N operations each, on one book

const VARIANTS = [
  {
    name: "deep",
    seed: 1,
    orders: 10_000, // resting to start with, and the size the stream keeps the book near
    // ticks from the mid: exponential with mean 15, so ~200 levels hold ~50 orders each
    offset: (r) => 1 + Math.floor(-Math.log(1 - r()) * 15),
    peerOps: N, // ~10 s each: their cancel and fill are linear in the orders at a level
    referenceOps: 20_000, // linear in the resting orders per operation
  },
  {
    name: "shallow",
    seed: 2,
    orders: 2_000,
    // up to 2000 ticks (1%) from the mid, denser near it: ~1.7 orders per level
    offset: (r) => {
      const u = r();
      return 1 + Math.floor(2000 * u * u);
    },
    peerOps: N,
    referenceOps: 20_000,
  },
];

// ---- the operation stream --------------------------------------------------------------------

function newJsBook() {
  return new Book({ tickSize: TICK, lotSize: LOT, maxTicks: MAX_TICKS, capacity: CAPACITY });
}

function columns(n) {
  return {
    op: new Uint8Array(n),
    side: new Uint8Array(n),
    price: new Float64Array(n),
    qty: new Float64Array(n),
    target: new Int32Array(n), // the row whose order a cancel targets, -1 for none
    ref: new Float64Array(n), // that order's id (as the core numbers orders), 0 for none
  };
}

/**
 * Makes operations row by row and plays them on its own JavaScript book, so that cancels can
 * target orders that are still live: 70% limit orders (a tenth of them priced through the mid,
 * so they cross), 10% market orders, 20% cancels of earlier orders. Market orders grow with the
 * book's size over its target, which keeps the book near `orders` resting orders.
 */
class Workload {
  constructor(variant) {
    this.v = variant;
    this.r = rng(variant.seed);
    this.book = newJsBook();
    this.poolRow = []; // rows whose order rested, not yet cancelled by the stream
    this.poolId = [];
    this.row = 0;
    this.stats = { limit: 0, crossed: 0, market: 0, cancel: 0, cancelLive: 0 };
  }

  limit(c, i, side, tick, lots) {
    c.op[i] = 0;
    c.side[i] = side;
    c.price[i] = tick / TICK_INV;
    c.qty[i] = lots / LOT_INV;
    c.target[i] = -1;
    const id = this.book.limit(side, tick, lots);
    if (this.book.filled > 0) this.stats.crossed++;
    if (id !== 0) {
      this.poolRow.push(this.row);
      this.poolId.push(id);
    }
    this.stats.limit++;
  }

  /** The next `count` rows into columns c from index `at`; `seeding` makes resting limits only. */
  fill(c, at, count, seeding) {
    const { r, book, v } = this;
    for (let i = at; i < at + count; i++, this.row++) {
      c.ref[i] = 0;
      const u = seeding ? 0 : r();
      if (u < 0.7) {
        const side = seeding ? this.row & 1 : r() < 0.5 ? 0 : 1;
        const lots = 1 + Math.floor(r() * 999);
        const through = !seeding && r() < 0.1;
        const off = through ? -Math.floor(r() * 10) : v.offset(r);
        this.limit(c, i, side, side ? MID + off : MID - off, lots);
      } else if (u < 0.8) {
        const side = r() < 0.5 ? 0 : 1;
        const scale = 3.6 * Math.min(4, Math.max(0.25, book.live / v.orders));
        const lots = 1 + Math.floor(r() * 1000 * scale);
        c.op[i] = 1;
        c.side[i] = side;
        c.price[i] = 0;
        c.qty[i] = lots / LOT_INV;
        c.target[i] = -1;
        book.market(side, lots);
        this.stats.market++;
      } else {
        this.cancel(c, i);
      }
    }
  }

  cancel(c, i) {
    const { poolRow, poolId } = this;
    let row = -1;
    let id = 0;
    // random earlier orders until a live one (dead ones leave the pool); else a filled one
    for (let tries = 0; tries < 8 && poolRow.length > 0; tries++) {
      const j = Math.floor(this.r() * poolRow.length);
      row = poolRow[j];
      id = poolId[j];
      poolRow[j] = poolRow[poolRow.length - 1];
      poolId[j] = poolId[poolId.length - 1];
      poolRow.pop();
      poolId.pop();
      if (this.book.isLive(id)) break;
    }
    c.op[i] = 2;
    c.side[i] = 0;
    c.price[i] = 0;
    c.qty[i] = 0;
    c.target[i] = row;
    c.ref[i] = id;
    this.stats.cancel++;
    if (this.book.cancel(id)) this.stats.cancelLive++;
  }
}

/** The seed rows, then N operations, with the columns each engine needs derived up front. */
function makeStream(variant) {
  const w = new Workload(variant);
  const seed = variant.orders;
  const n = seed + N;
  const c = columns(n);
  w.fill(c, 0, seed, true);
  const seeded = { ...w.stats };
  w.fill(c, seed, N, false);
  const stats = Object.fromEntries(Object.keys(w.stats).map((k) => [k, w.stats[k] - seeded[k]]));
  // -k ids over the whole columns (one batch from row 0), for the JS port, C and the core alone
  const idAbs = new Float64Array(n);
  for (let i = 0; i < n; i++) if (c.target[i] >= 0) idAbs[i] = -(c.target[i] + 1);
  // ticks and lots for the reference engine and the peers, whose quantities are then integers
  const tick = Int32Array.from(c.price, (p) => Math.round(p * TICK_INV));
  const lots = Float64Array.from(c.qty, (q) => Math.round(q * LOT_INV));
  return { name: variant.name, variant, n, seed, ...c, idAbs, tick, lots, stats, end: bookShape(w.book) };
}

/** Resting orders, non-empty levels and orders per level of a JS book. */
function bookShape(b) {
  let levels = 0;
  for (let t = b.nextDown(0, MAX_TICKS - 1); t >= 0; t = b.nextDown(0, t - 1)) levels++;
  for (let t = b.nextUp(1, 0); t < MAX_TICKS; t = b.nextUp(1, t + 1)) levels++;
  return { live: b.live, levels, perLevel: b.live / levels };
}

// ---- what every engine reports ---------------------------------------------------------------

/** FNV-1a over the 32-bit halves of doubles (native/book.c computes the same). */
function fnv(hash, col, from, to) {
  const u = new Uint32Array(col.buffer, col.byteOffset + from * 8, (to - from) * 2);
  for (let k = 0; k < u.length; k++) hash = Math.imul(hash ^ u[k], 16777619) >>> 0;
  return hash;
}

/** The book after the stream, and checksums of the outputs of rows from..to-1. */
function summary(bestBid, bestAsk, live, out, from, to) {
  let filledLots = 0;
  let notional = 0;
  for (let i = from; i < to; i++) {
    filledLots += Math.round(out.filled[i] / LOT);
    notional += out.notional[i];
  }
  let hash = 2166136261;
  for (const col of [out.id, out.filled, out.notional, out.remaining]) hash = fnv(hash, col, from, to);
  return { bestBid: price(bestBid), bestAsk: price(bestAsk), live, filledLots, notional, hash };
}

/** A price, or null for an empty side. */
function price(p) {
  return Number.isFinite(p) ? p : null;
}

function outputs(n) {
  return {
    id: new Float64Array(n),
    filled: new Float64Array(n),
    notional: new Float64Array(n),
    remaining: new Float64Array(n),
  };
}

/** run() → { seconds, state }: one warm-up, then the best of `runs`. */
function best(run, runs = RUNS) {
  let last = run();
  let seconds = Infinity;
  for (let k = 0; k < runs; k++) {
    last = run();
    seconds = Math.min(seconds, last.seconds);
  }
  return { ...last, seconds, runs };
}

// ---- engines ---------------------------------------------------------------------------------
// Each builds its starting book from the seed rows untimed, then times rows seed..end-1.

/** fracture's book as users make it: without a capacity it grows (here while the seed rows rest, untimed). */
function newFracture(capacity) {
  return new OrderBook({ tickSize: TICK, lotSize: LOT, capacity, maxPrice: MAX_PRICE });
}

/** fracture's batch, `chunk` operations per call: cancels of orders placed in the same call
 *  use -k, earlier ones the ids the earlier calls returned (that bookkeeping is timed). */
function fractureBatch(s, chunk, end = s.n, capacity = undefined) {
  const book = newFracture(capacity);
  const ids = new Float64Array(end);
  const idCol = new Float64Array(Math.max(chunk, s.seed));
  const cols = (a, b) => ({
    op: s.op.subarray(a, b),
    side: s.side.subarray(a, b),
    price: s.price.subarray(a, b),
    qty: s.qty.subarray(a, b),
    id: idCol.subarray(0, b - a),
  });
  ids.set(book.batch(cols(0, s.seed)).id);
  const results = [];
  const t0 = performance.now();
  for (let a = s.seed; a < end; a += chunk) {
    const b = Math.min(end, a + chunk);
    for (let i = a; i < b; i++) {
      const t = s.target[i];
      idCol[i - a] = t < 0 ? 0 : t >= a ? -(t - a + 1) : ids[t];
    }
    const res = book.batch(cols(a, b));
    ids.set(res.id, a);
    results.push(res);
  }
  const seconds = (performance.now() - t0) / 1e3;
  const out = outputs(end);
  let at = s.seed;
  for (const res of results) {
    for (const k of Object.keys(out)) out[k].set(res[k], at);
    at += res.id.length;
  }
  const state = summary(book.bestBid(), book.bestAsk(), book.size, out, s.seed, end);
  book.dispose();
  return { seconds, state };
}

/** fracture's per-operation methods: one call into the SDK (and several into the core) per row. */
function fracturePerOp(s) {
  const book = newFracture();
  const out = outputs(s.n);
  const ids = out.id; // a limit's id is its output
  const t0 = performance.now();
  let timed = 0;
  for (let i = 0; i < s.n; i++) {
    if (i === s.seed) timed = performance.now();
    const op = s.op[i];
    if (op === 0) {
      const r = book.limit(s.side[i] ? "sell" : "buy", s.price[i], s.qty[i]);
      ids[i] = r.id;
      out.filled[i] = r.filled;
      out.notional[i] = r.notional;
      out.remaining[i] = r.remaining;
    } else if (op === 1) {
      const r = book.market(s.side[i] ? "sell" : "buy", s.qty[i]);
      out.filled[i] = r.filled;
      out.notional[i] = r.notional;
      out.remaining[i] = r.remaining;
    } else {
      const t = s.target[i];
      ids[i] = book.cancel(t < 0 ? 0 : ids[t]) ? 1 : 0;
    }
  }
  const seconds = (performance.now() - (timed || t0)) / 1e3;
  const state = summary(book.bestBid(), book.bestAsk(), book.size, out, s.seed, s.n);
  book.dispose();
  return { seconds, state };
}

/** The core's bookBatch called directly on columns already in wasm memory: no checks, no copies. */
function coreAlone(s, e) {
  const n = s.n;
  const bytes = e.bookBytes(MAX_TICKS, CAPACITY);
  const self = e.alloc(bytes);
  const base = e.alloc(2 * n + 7 * 8 * n + 16);
  if (!self || !base) throw new Error("the core could not allocate the columns");
  const col = (k) => ((base + 2 * n + 15) & ~15) + k * n * 8;
  const u8 = new Uint8Array(e.memory.buffer);
  u8.fill(0, self, self + bytes);
  u8.set(s.op, base);
  u8.set(s.side, base + n);
  let f64 = new Float64Array(e.memory.buffer);
  f64.set(s.price, col(0) / 8);
  f64.set(s.qty, col(1) / 8);
  f64.set(s.idAbs, col(2) / 8);
  e.bookInit(self, TICK, LOT, MAX_TICKS, CAPACITY, CAPACITY); // fixed slots, as C's
  const args = [col(0), col(1), col(2), col(3), col(4), col(5), col(6)];
  // the check pass turns prices into ticks and sizes into lots in place, as the SDK's batch does before timing starts here
  const check = (from, count) =>
    e.bookBatchCheck(self, count, base + from, base + n + from, ...args.slice(0, 3).map((p) => p + from * 8));
  if (check(0, s.seed) !== -1) throw new Error("the core alone: the seed rows fail the check");
  e.bookBatch(self, s.seed, base, base + n, ...args);
  // the stream runs as one call from row seed: its -k count from there, and orders of the seed
  // rows are named by the ids the seed call returned
  f64 = new Float64Array(e.memory.buffer);
  for (let i = s.seed; i < n; i++) {
    const t = s.target[i];
    f64[col(2) / 8 + i] = t < 0 ? 0 : t >= s.seed ? -(t - s.seed + 1) : f64[col(3) / 8 + t];
  }
  const shifted = args.map((p) => p + s.seed * 8);
  if (check(s.seed, n - s.seed) !== -1) throw new Error("the core alone: the stream fails the check");
  const t0 = performance.now();
  const ran = e.bookBatch(self, n - s.seed, base + s.seed, base + n + s.seed, ...shifted);
  const seconds = (performance.now() - t0) / 1e3;
  if (ran !== n - s.seed) throw new Error("the core alone: the book filled up");
  f64 = new Float64Array(e.memory.buffer);
  const view = (k) => f64.slice(col(k) / 8, col(k) / 8 + n);
  const out = { id: view(3), filled: view(4), notional: view(5), remaining: view(6) };
  const state = summary(e.bookBestPrice(self, 0), e.bookBestPrice(self, 1), e.bookLive(self), out, s.seed, n);
  e.free(base);
  e.free(self);
  return { seconds, state };
}

/** The plain typed-array JavaScript book, over the whole columns in one call like one batch. */
function jsBook(s, end = s.n) {
  const b = newJsBook();
  const out = outputs(s.n);
  const run = (from, to) =>
    b.batch(from, to, s.op, s.side, s.price, s.qty, s.idAbs, out.id, out.filled, out.notional, out.remaining);
  run(0, s.seed);
  const t0 = performance.now();
  const ran = run(s.seed, end);
  const seconds = (performance.now() - t0) / 1e3;
  if (ran !== end) throw new Error("the JS book filled up");
  return { seconds, state: jsState(b, out, s.seed, end) };
}

function jsState(b, out, from, to) {
  const bid = b.bestBid >= 0 ? b.priceOf(b.bestBid) : NaN;
  const ask = b.bestAsk < MAX_TICKS ? b.priceOf(b.bestAsk) : NaN;
  return summary(bid, ask, b.live, out, from, to);
}

/** The differential test's reference engine (a list sorted anew at each match), ticks and lots. */
function reference(Ref, s, end) {
  const book = new Ref();
  const ids = new Float64Array(end);
  let filledLots = 0;
  let t0 = 0;
  for (let i = 0; i < end; i++) {
    if (i === s.seed) t0 = performance.now();
    const op = s.op[i];
    if (op === 0) {
      const r = book.limit(s.side[i] === 0, s.tick[i], s.lots[i]);
      ids[i] = r.id;
      if (i >= s.seed) filledLots += r.filled;
    } else if (op === 1) {
      const r = book.market(s.side[i] === 0, s.lots[i]);
      filledLots += r.filled;
    } else if (s.target[i] >= 0) {
      book.cancel(ids[s.target[i]]);
    }
  }
  const seconds = (performance.now() - t0) / 1e3;
  const bid = book.best(true);
  const ask = book.best(false);
  return {
    seconds,
    state: { bestBid: price(bid / TICK_INV), bestAsk: price(ask / TICK_INV), live: book.orders.length, filledLots },
  };
}

/** hft-limit-order-book or nodejs-order-book (the same code): string ids, sizes in lots. */
function peer(PeerBook, s, end, names) {
  const book = new PeerBook();
  let filledLots = 0;
  let t0 = 0;
  for (let i = 0; i < end; i++) {
    if (i === s.seed) t0 = performance.now();
    const op = s.op[i];
    if (op === 0) {
      const size = s.lots[i];
      const r = book.limit({ side: s.side[i] ? "sell" : "buy", id: names[i], size, price: s.price[i] });
      if (r.err) throw new Error(`peer: ${r.err.message} at row ${i}`);
      if (i >= s.seed) filledLots += size - r.quantityLeft;
    } else if (op === 1) {
      const size = s.lots[i];
      const r = book.market({ side: s.side[i] ? "sell" : "buy", size });
      filledLots += size - r.quantityLeft;
    } else if (s.target[i] >= 0) {
      book.cancel(names[s.target[i]]);
    }
  }
  const seconds = (performance.now() - t0) / 1e3;
  return {
    seconds,
    state: {
      bestBid: price(book.bids.maxPriceQueue()?.price()),
      bestAsk: price(book.asks.minPriceQueue()?.price()),
      live: book.bids.len() + book.asks.len(),
      filledLots,
    },
  };
}

// ---- native C --------------------------------------------------------------------------------

const NATIVE = [
  { key: "c", label: "native C, gcc -O3", flags: ["-O3"] },
  { key: "cNative", label: "native C, gcc -O3 -march=native", flags: ["-O3", "-march=native"] },
];

/** native/book.c both ways; no FMA contraction: the core has none, and the outputs are compared bit for bit. */
const NATIVE_JOBS = NATIVE.map((b) => ({
  src: "book.c",
  out: `book-${b.key}`,
  flags: [...b.flags, "-ffp-contract=off"],
}));

function writeNativeInput(s) {
  const head = new Uint32Array([s.n, s.seed, MAX_TICKS, CAPACITY]);
  const steps = new Float64Array([TICK, LOT]);
  const path = join(OUT_DIR, `book-${s.name}.bin`);
  writeFileSync(
    path,
    Buffer.concat(
      [head, steps, s.op, s.side, s.price, s.qty, s.idAbs].map((a) =>
        Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      ),
    ),
  );
  return path;
}

function runNative(key, path) {
  const r = JSON.parse(execFileSync(join(OUT_DIR, `book-${key}`), [path], { encoding: "utf8" }));
  const state = {
    bestBid: r.bestBid >= 0 ? r.bestBid / TICK_INV : null,
    bestAsk: r.bestAsk < MAX_TICKS ? r.bestAsk / TICK_INV : null,
    live: r.live,
    filledLots: r.filledLots,
    notional: r.notional,
    hash: r.hash,
  };
  return { seconds: r.seconds, runs: r.runs, state };
}

// ---- the run ---------------------------------------------------------------------------------

const fmt = (x, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const same = (a, b, keys) => keys.every((k) => Object.is(a[k], b[k]));
const FULL_KEYS = ["bestBid", "bestAsk", "live", "filledLots", "notional", "hash"];
const SUBSET_KEYS = ["bestBid", "bestAsk", "live", "filledLots"];

function row(label, r, ops) {
  return {
    label,
    ops,
    runs: r.runs ?? 1,
    seconds: r.seconds,
    perSecond: ops / r.seconds,
    nsPerOp: (r.seconds / ops) * 1e9,
    state: r.state,
  };
}

function benchVariant(v, ctx) {
  const t0 = performance.now();
  const s = makeStream(v);
  const st = s.stats;
  console.log(
    `\n${v.name} book: ${fmt(s.seed)} resting orders to start, ${fmt(N)} operations: ` +
      `${fmt(st.limit)} limit (${fmt(st.crossed)} crossing), ${fmt(st.market)} market, ` +
      `${fmt(st.cancel)} cancel (${fmt(st.cancelLive)} of live orders); at the end ${fmt(s.end.live)} orders ` +
      `on ${fmt(s.end.levels)} levels (${fmt(s.end.perLevel, 1)} per level)`,
  );
  // the engines that take the whole stream, and how many timed runs each gets
  const engines = [
    ["batch", `fracture batch (${fmt(CHUNK)} ops per call)`, () => best(() => fractureBatch(s, CHUNK))],
    ["batchOne", "fracture batch (1 call)", () => best(() => fractureBatch(s, N))],
    [
      "batchFixed",
      `fracture batch, capacity ${fmt(CAPACITY)} (fixed)`,
      () => best(() => fractureBatch(s, CHUNK, s.n, CAPACITY)),
    ],
    ["perOp", "fracture per-op limit/market/cancel", () => best(() => fracturePerOp(s), 3)],
    ["core", "  core alone (bookBatch, no check/copy)", () => best(() => coreAlone(s, ctx.core))],
    ["js", "plain typed-array JS book (js/book.js)", () => best(() => jsBook(s))],
  ];
  if (ctx.gcc) {
    const path = writeNativeInput(s);
    for (const b of NATIVE) engines.push([b.key, b.label, () => runNative(b.key, path)]);
  }
  const rows = {};
  for (const [key, label, run] of engines) rows[key] = row(label, run(), N);
  // the slow engines run on the first operations; fracture is timed on the same ones
  const subset = (key, label, ops, run) => {
    const end = s.seed + ops;
    const expect = jsBook(s, end).state;
    const r = run(end);
    rows[key] = { ...row(label, r, ops), subset: ops, agrees: same(r.state, expect, SUBSET_KEYS), expect };
    rows[key].fractureSameOps = row(
      "fracture batch",
      best(() => fractureBatch(s, CHUNK, end)),
      ops,
    );
  };
  subset("reference", "TS reference engine (test/book-reference.ts)", v.referenceOps, (end) =>
    reference(ctx.Ref, s, end),
  );
  const names = Array.from({ length: s.n }, (_, i) => String(i));
  subset("hft", "hft-limit-order-book", v.peerOps, (end) => peer(hftPkg.OrderBook, s, end, names));
  subset("nob", "nodejs-order-book", v.peerOps, (end) => peer(nobPkg.OrderBook, s, end, names));

  const base = rows.batch;
  console.log(
    `${"engine".padEnd(44)}${"ops timed".padStart(11)}${"Mops/s".padStart(9)}${"ns/op".padStart(9)}` +
      `${"fracture ×".padStart(12)}  agrees`,
  );
  for (const r of Object.values(rows)) {
    const vs = r.fractureSameOps ? r.fractureSameOps.perSecond / r.perSecond : base.perSecond / r.perSecond;
    const ok = r.subset ? r.agrees : same(r.state, base.state, FULL_KEYS);
    const agrees = ok ? (r.subset ? "yes (with JS book, same ops)" : "yes") : "NO";
    console.log(
      `${r.label.padEnd(44)}${fmt(r.ops).padStart(11)}${fmt(r.perSecond / 1e6, 3).padStart(9)}` +
        `${fmt(r.nsPerOp, 0).padStart(9)}${fmt(vs, 2).padStart(12)}  ${agrees}`,
    );
  }
  const b = base.state;
  console.log(
    `final book: best bid ${b.bestBid}, best ask ${b.bestAsk}, ${fmt(b.live)} resting, ` +
      `${fmt(b.filledLots * LOT, 3)} filled, outputs hash ${b.hash.toString(16)}`,
  );
  for (const k of ["reference", "hft", "nob"]) {
    const r = rows[k];
    if (!r.agrees)
      console.log(
        `  ${r.label} after ${fmt(r.subset)} ops: ${JSON.stringify(r.state)}, JS book: ${JSON.stringify(r.expect)}`,
      );
  }
  const targets = {
    opsPerSecond: base.perSecond,
    atLeast5M: base.perSecond >= 5e6,
    vsReference: rows.reference.fractureSameOps.perSecond / rows.reference.perSecond,
    timeVsNativeC: rows.c ? rows.c.perSecond / base.perSecond : null,
    timeVsNativeCMarchNative: rows.cNative ? rows.cNative.perSecond / base.perSecond : null,
    vsJs: base.perSecond / rows.js.perSecond,
    vsPeers: rows.hft.fractureSameOps.perSecond / rows.hft.perSecond,
  };
  console.log(
    `targets: ${fmt(base.perSecond / 1e6, 2)}M ops/s (≥ 5M: ${targets.atLeast5M ? "met" : "MISSED"}); ` +
      `${fmt(targets.vsReference, 0)}× the reference engine (≥ 2×: ${targets.vsReference >= 2 ? "met" : "MISSED"}); ` +
      (rows.c
        ? `time ${fmt(targets.timeVsNativeC, 2)}× native C -O3 (≤ 1.5×: ${targets.timeVsNativeC <= 1.5 ? "met" : "MISSED"}; ` +
          `${fmt(targets.timeVsNativeCMarchNative, 2)}× with -march=native)`
        : "no native C"),
  );
  console.log(`(${v.name}: ${fmt((performance.now() - t0) / 1e3, 1)} s)`);
  return { stream: { seed: s.seed, ops: N, ...s.stats, end: s.end }, rows, targets };
}

/** 10 batches of N operations on one fracture book: wasm memory and RSS before and after. */
function memoryFlat(core) {
  const v = VARIANTS[0];
  const w = new Workload({ ...v, seed: 99 });
  const mem = () => ({ wasm: core.memory.buffer.byteLength, rss: process.memoryUsage().rss });
  const before = mem();
  const book = newFracture();
  const c = columns(Math.max(N, v.orders));
  const batch = (n) => ({
    op: c.op.subarray(0, n),
    side: c.side.subarray(0, n),
    price: c.price.subarray(0, n),
    qty: c.qty.subarray(0, n),
    id: c.ref.subarray(0, n), // the ids the generator's JS book gave: the core gives the same
  });
  w.fill(c, 0, v.orders, true);
  book.batch(batch(v.orders));
  const created = mem();
  const after = [];
  const sizes = [];
  let seconds = 0;
  for (let k = 0; k < MEMORY_BATCHES; k++) {
    w.fill(c, 0, N, false);
    const t0 = performance.now();
    book.batch(batch(N));
    seconds += (performance.now() - t0) / 1e3;
    after.push(mem());
    sizes.push(book.size);
  }
  const g = w.book;
  const agrees =
    book.size === g.live &&
    Object.is(price(book.bestBid()), g.bestBid >= 0 ? g.priceOf(g.bestBid) : null) &&
    Object.is(price(book.bestAsk()), g.bestAsk < MAX_TICKS ? g.priceOf(g.bestAsk) : null);
  book.dispose();
  const ops = MEMORY_BATCHES * N;
  const r = { ops, seconds, perSecond: ops / seconds, before, created, after, sizes, agreesWithJsBook: agrees };
  const mib = (x) => `${fmt(x / 2 ** 20, 1)} MiB`;
  console.log(
    `\nmemory: ${fmt(ops)} operations (deep mix, ${MEMORY_BATCHES} batches of ${fmt(N)}) on one book at ` +
      `${fmt(r.perSecond / 1e6, 2)}M ops/s; resting orders after each batch ${Math.min(...sizes)}-${Math.max(...sizes)}`,
  );
  console.log(
    `  wasm memory: ${mib(before.wasm)} before, ${mib(created.wasm)} with the book, ` +
      `${mib(after[0].wasm)} after batch 1, ${mib(after.at(-1).wasm)} after batch ${MEMORY_BATCHES} ` +
      `(${after.every((m) => m.wasm === after[0].wasm) ? "flat" : "GREW"}); ` +
      `RSS ${mib(after[0].rss)} after batch 1, ${mib(after.at(-1).rss)} after batch ${MEMORY_BATCHES}; ` +
      `final book equals the generator's JS book: ${agrees ? "yes" : "NO"}`,
  );
  return r;
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  // the core's exports, to call bookBatch directly and read its memory size
  const exports = captureCore();
  await init();
  const core = exports();

  const refPath = join(OUT_DIR, "book-reference.js");
  buildSync({
    entryPoints: [join(ROOT, "test", "book-reference.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: refPath,
    logLevel: "error",
  });
  const { ReferenceBook: Ref } = await import(pathToFileURL(refPath).href);

  const gcc = compileNative(NATIVE_JOBS);
  const date = new Date().toISOString();
  const machine = machineInfo({ v8: process.versions.v8, gcc });
  printMachine(machine, date);
  console.log(
    `order book: tick ${TICK}, lot ${LOT}, mid 2000; fracture's books grow (no capacity) unless a row says ` +
      `otherwise, the JS port and C hold ${fmt(CAPACITY)} orders; best of ${RUNS} after a warm-up ` +
      "(per-op: 3; subsets and the peers: 1 run); fracture × = fracture batch ops/s ÷ the engine's, on the same ops",
  );
  // first, so that "before" is the memory of a fresh instance
  const memory = memoryFlat(core);
  const variants = {};
  for (const v of VARIANTS) variants[v.name] = benchVariant(v, { core, gcc, Ref });
  const result = {
    date,
    machine,
    grid: { tickSize: TICK, lotSize: LOT, maxPrice: MAX_PRICE, capacity: CAPACITY },
    variants,
    memory,
  };
  console.log(`\nwrote ${writeSummary("venues", result)}`);
}

await main();
