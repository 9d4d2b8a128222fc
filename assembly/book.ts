// A limit order book with price-time priority, in one block of linear memory.
//
// Prices are ticks (price = tick × tickSize, 1 ≤ tick < maxTicks) and quantities are lots
// (qty = lots × lotSize) held as integer-valued f64: sums and differences of lots are exact
// below 2^53, so filled + remaining = requested holds to the lot, not to a rounding error.
//
// Layout of the block (see bookBytes): the header, then one Level per tick (FIFO of orders:
// head, tail, total lots), two bitmaps of non-empty levels per side with a summary word per
// 64 words (best-price search by count-trailing/leading-zeros), then the order slots. Slots are
// recycled through a free list, so memory stays flat however many orders come and go. When
// every slot holds a resting order and the book may grow (limit > capacity), the slots move to
// a heap block of their own, doubled at each growth: the book's block cannot grow in place,
// and its address is the book. An order id is gen·2^24 + slot: a slot's generation grows each
// time it is freed, so the id of a filled or cancelled order never reaches the order that
// reuses its slot; growth keeps slot numbers, so ids stay valid across it.

import {
  BOOK_FULL,
  BOOK_OK,
  BUY,
  ORDER_BYTES,
  ORDER_FILLED,
  ORDER_ID,
  ORDER_LAST_PRICE,
  ORDER_NOTIONAL,
  ORDER_REMAINING,
  ORDER_STATUS,
  SELL,
} from "../bindings/codes";
import { HEADER, Header, LEVEL, Level, ORDER, Order } from "./book_layout";
import { writeOut } from "./pool_common";

export { BUY, SELL } from "../bindings/codes";

const SLOT_BITS: f64 = 16777216.0; // 2^24
export const MAX_CAPACITY: u32 = 16777215;
export const MAX_TICKS: u32 = 1 << 24;

@inline function words(maxTicks: u32): u32 {
  return (maxTicks + 63) >> 6;
}

@inline function summaryWords(maxTicks: u32): u32 {
  return (words(maxTicks) + 63) >> 6;
}

/** Bytes of a book with `maxTicks` price levels and room for `capacity` resting orders. */
export function bookBytes(maxTicks: u32, capacity: u32): usize {
  const bits = ((<usize>(words(maxTicks) + summaryWords(maxTicks))) << 3) * 2;
  return HEADER + <usize>maxTicks * LEVEL + bits + <usize>(capacity + 1) * ORDER;
}

/**
 * Lays out a zeroed block of bookBytes(maxTicks, capacity) bytes as an empty book, which grows
 * to `limit` slots when it needs to (limit ≤ capacity: never, it refuses orders once full).
 */
export function bookInit(self: usize, tickSize: f64, lotSize: f64, maxTicks: u32, capacity: u32, limit: u32): void {
  const h = changetype<Header>(self);
  h.tickSize = tickSize;
  h.lotSize = lotSize;
  h.maxTicks = maxTicks;
  h.capacity = capacity;
  h.limit = max(capacity, min(limit, MAX_CAPACITY));
  h.ownsOrders = 0;
  h.words = words(maxTicks) + summaryWords(maxTicks);
  h.levels = self + HEADER;
  h.bits0 = h.levels + <usize>maxTicks * LEVEL;
  h.bits1 = h.bits0 + ((<usize>h.words) << 3);
  h.orders = h.bits1 + ((<usize>h.words) << 3);
  h.freeHead = 0;
  h.fresh = 1;
  h.live = 0;
  h.bestBid = -1;
  h.bestAsk = <i32>maxTicks;
  h.profile = 0;
  h.tickInv = wholeInverse(tickSize);
  h.lotInv = wholeInverse(lotSize);
}

/** 1/x if that is a whole number (to 1e-9), else 0. */
function wholeInverse(x: f64): f64 {
  const inv = Math.round(1 / x);
  return inv >= 1 && Math.abs(inv * x - 1) <= 1e-9 ? inv : 0;
}

/** A tick to its price (÷ a whole inverse where there is one: 10096 × 0.01 is not 100.96). */
@inline function priceOf(h: Header, tick: f64): f64 {
  return h.tickInv > 0 ? tick / h.tickInv : tick * h.tickSize;
}

/** Lots to a quantity, likewise. */
@inline function qtyOf(h: Header, lots: f64): f64 {
  return h.lotInv > 0 ? lots / h.lotInv : lots * h.lotSize;
}

/** Σ lots·tick (exact below 2^53) to quote units: by dividing by whole inverses where the
 *  steps are 1/n (0.01 × 0.001 is not exact in binary, ÷ 100 ÷ 1000 rounds once each). */
@inline function toQuote(h: Header, tickLots: f64): f64 {
  if (h.tickInv > 0 && h.lotInv > 0) return tickLots / h.tickInv / h.lotInv;
  return tickLots * h.tickSize * h.lotSize;
}

@inline function level(h: Header, tick: i32): Level {
  return changetype<Level>(h.levels + <usize>tick * LEVEL);
}

@inline function order(h: Header, slot: u32): Order {
  return changetype<Order>(h.orders + <usize>slot * ORDER);
}

// ---- bitmaps of non-empty levels ----------------------------------------------------------

@inline function bitsOf(h: Header, side: i32): usize {
  return side == BUY ? h.bits0 : h.bits1;
}

function setBit(h: Header, side: i32, tick: i32): void {
  const bits = bitsOf(h, side);
  const w = <u32>tick >> 6;
  const at = bits + ((<usize>w) << 3);
  store<u64>(at, load<u64>(at) | ((<u64>1) << (<u64>tick & 63)));
  const s = bits + ((<usize>(words(h.maxTicks) + (w >> 6))) << 3);
  store<u64>(s, load<u64>(s) | ((<u64>1) << (<u64>w & 63)));
}

function clearBit(h: Header, side: i32, tick: i32): void {
  const bits = bitsOf(h, side);
  const w = <u32>tick >> 6;
  const at = bits + ((<usize>w) << 3);
  const word = load<u64>(at) & ~((<u64>1) << (<u64>tick & 63));
  store<u64>(at, word);
  if (word == 0) {
    const s = bits + ((<usize>(words(h.maxTicks) + (w >> 6))) << 3);
    store<u64>(s, load<u64>(s) & ~((<u64>1) << (<u64>w & 63)));
  }
}

/** The lowest non-empty tick ≥ from on `side`, or maxTicks. */
function nextUp(h: Header, side: i32, from: i32): i32 {
  if (from >= <i32>h.maxTicks) return h.maxTicks;
  const bits = bitsOf(h, side);
  const nw = words(h.maxTicks);
  let w = <u32>from >> 6;
  let word = load<u64>(bits + ((<usize>w) << 3)) & (~(<u64>0) << (<u64>from & 63));
  if (word != 0) return <i32>((w << 6) + <u32>ctz(word));
  // the summary: the next word with any bit, from w + 1
  let sw = (w + 1) >> 6;
  const ns = summaryWords(h.maxTicks);
  if (w + 1 >= nw) return h.maxTicks;
  let summary = load<u64>(bits + ((<usize>(nw + sw)) << 3)) & (~(<u64>0) << (<u64>(w + 1) & 63));
  while (summary == 0) {
    sw++;
    if (sw >= ns) return h.maxTicks;
    summary = load<u64>(bits + ((<usize>(nw + sw)) << 3));
  }
  w = (sw << 6) + <u32>ctz(summary);
  word = load<u64>(bits + ((<usize>w) << 3));
  return <i32>((w << 6) + <u32>ctz(word));
}

/** The highest non-empty tick ≤ from on `side`, or -1. */
function nextDown(h: Header, side: i32, from: i32): i32 {
  if (from < 0) return -1;
  const bits = bitsOf(h, side);
  const nw = words(h.maxTicks);
  let w = <u32>from >> 6;
  const keep = <u64>(from & 63) == 63 ? ~(<u64>0) : ((<u64>1) << (<u64>(from & 63) + 1)) - 1;
  let word = load<u64>(bits + ((<usize>w) << 3)) & keep;
  if (word != 0) return <i32>((w << 6) + 63 - <u32>clz(word));
  if (w == 0) return -1;
  let sw = <i32>((w - 1) >> 6);
  const below = (w - 1) & 63;
  const mask = below == 63 ? ~(<u64>0) : ((<u64>1) << (<u64>below + 1)) - 1;
  let summary = load<u64>(bits + ((<usize>(nw + <u32>sw)) << 3)) & mask;
  while (summary == 0) {
    sw--;
    if (sw < 0) return -1;
    summary = load<u64>(bits + ((<usize>(nw + <u32>sw)) << 3));
  }
  w = ((<u32>sw) << 6) + 63 - <u32>clz(summary);
  word = load<u64>(bits + ((<usize>w) << 3));
  return <i32>((w << 6) + 63 - <u32>clz(word));
}

// ---- order slots ------------------------------------------------------------------------

/** A free slot (0 if the book is full: bookLimit grows it first where it may). */
function takeSlot(h: Header): u32 {
  if (h.freeHead != 0) {
    const slot = h.freeHead;
    h.freeHead = order(h, slot).next;
    return slot;
  }
  if (h.fresh <= h.capacity) {
    const slot = h.fresh++;
    order(h, slot).gen = 1;
    return slot;
  }
  return 0;
}

/**
 * Doubles the slots (up to the limit), moving them into a heap block of their own the first
 * time (the block's own slots then lie unused: 128 KiB for the SDK's first 4,096); false at
 * the limit. Nothing may hold an Order across a call that can get here.
 */
function grow(h: Header): bool {
  if (h.capacity >= h.limit) return false;
  const slots = h.capacity <= h.limit - h.capacity ? h.capacity << 1 : h.limit;
  const bytes = <usize>(slots + 1) * ORDER;
  if (h.ownsOrders != 0) {
    h.orders = heap.realloc(h.orders, bytes);
  } else {
    const to = heap.alloc(bytes);
    memory.copy(to, h.orders, <usize>h.fresh * ORDER); // slots never used hold nothing yet
    h.orders = to;
    h.ownsOrders = 1;
  }
  h.capacity = slots;
  return true;
}

/** Frees the slots' own block, if the book grew one; the caller frees the book's block after. */
export function bookRelease(self: usize): void {
  const h = changetype<Header>(self);
  if (h.ownsOrders == 0) return;
  heap.free(h.orders);
  h.ownsOrders = 0;
  h.orders = 0;
  h.capacity = 0;
  h.limit = 0;
}

function freeSlot(h: Header, slot: u32): void {
  const o = order(h, slot);
  o.lots = 0;
  o.gen = o.gen >= 0x1fffffff ? 1 : o.gen + 1; // ids stay below 2^53
  o.next = h.freeHead;
  h.freeHead = slot;
  h.live--;
}

@inline function idOf(h: Header, slot: u32): f64 {
  return <f64>order(h, slot).gen * SLOT_BITS + <f64>slot;
}

/** The slot of a live order `id`, or 0. */
function slotOf(h: Header, id: f64): u32 {
  if (!(id >= SLOT_BITS && id < 9007199254740992.0)) return 0;
  const gen = Math.floor(id / SLOT_BITS);
  const slot = <u32>(id - gen * SLOT_BITS);
  if (slot == 0 || slot >= h.fresh || <f64>order(h, slot).gen != gen) return 0;
  if (order(h, slot).lots == 0) return 0;
  return slot;
}

/** Appends a resting order of `lots` at `tick` on `side`; returns its slot (0 if full). */
function rest(h: Header, side: i32, tick: i32, lots: f64): u32 {
  const slot = takeSlot(h);
  if (slot == 0) return 0;
  const o = order(h, slot);
  o.lots = lots;
  o.tick = tick;
  o.side = side;
  o.next = 0;
  const lv = level(h, tick);
  o.prev = lv.tail;
  if (lv.tail != 0) order(h, lv.tail).next = slot;
  else lv.head = slot;
  lv.tail = slot;
  if (lv.lots == 0) setBit(h, side, tick);
  lv.lots += lots;
  h.live++;
  if (side == BUY) {
    if (tick > h.bestBid) h.bestBid = tick;
  } else if (tick < h.bestAsk) h.bestAsk = tick;
  return slot;
}

/** Takes an order out of its level (and the best price past an emptied level). */
function unlink(h: Header, slot: u32): void {
  const o = order(h, slot);
  const tick = <i32>o.tick;
  const lv = level(h, tick);
  if (o.prev != 0) order(h, o.prev).next = o.next;
  else lv.head = o.next;
  if (o.next != 0) order(h, o.next).prev = o.prev;
  else lv.tail = o.prev;
  lv.lots -= o.lots;
  if (lv.head == 0) {
    lv.lots = 0;
    clearBit(h, <i32>o.side, tick);
    if (o.side == BUY) {
      if (tick == h.bestBid) h.bestBid = nextDown(h, BUY, tick - 1);
    } else if (tick == h.bestAsk) h.bestAsk = nextUp(h, SELL, tick + 1);
  }
  freeSlot(h, slot);
}

// ---- trading --------------------------------------------------------------------------

// An order's result goes to the caller's area (bindings/codes.ts ORDER_*): its id (0 if nothing
// rests), the quantity filled, their notional (quote), the quantity remaining, the last fill's price
// (NaN if none) and a status (BOOK_FULL: at its limit, nothing was done) — in the units of the
// book that filled it.

/** What a taker got, while one call runs: lots, Σ lots·tick, and the last tick (-1: none). */
@unmanaged
class Fill {
  lots: f64;
  tickLots: f64;
  last: i32;
}

const FILL = changetype<Fill>(memory.data(offsetof<Fill>(), 16));

/** Writes an order's result in the book's units to `out` (nothing when `out` is 0). */
function writeOrder(h: Header, out: usize, id: f64, remaining: f64, status: i32): void {
  if (out == 0) return;
  store<f64>(out + ORDER_ID, id);
  store<f64>(out + ORDER_FILLED, qtyOf(h, FILL.lots));
  store<f64>(out + ORDER_NOTIONAL, toQuote(h, FILL.tickLots));
  store<f64>(out + ORDER_REMAINING, qtyOf(h, remaining));
  store<f64>(out + ORDER_LAST_PRICE, FILL.last < 0 ? NaN : priceOf(h, <f64>FILL.last));
  store<f64>(out + ORDER_STATUS, <f64>status);
}

/** A quantity in lots of `self` (NaN off the grid): the conversion the core itself uses. */
export function bookLots(self: usize, qty: f64): f64 {
  const l = lotsOf(changetype<Header>(self), qty);
  return l < 0 ? NaN : l;
}

/** Lots of `self` as a quantity. */
export function bookQty(self: usize, lots: f64): f64 {
  return qtyOf(changetype<Header>(self), lots);
}

/** A price in ticks of `self` (-1 off the grid or outside the book). */
export function bookTick(self: usize, price: f64): i32 {
  return tickOf(changetype<Header>(self), price);
}

/** The price of the best `side` (NaN when that side is empty). */
export function bookBestPrice(self: usize, side: i32): f64 {
  const h = changetype<Header>(self);
  const t = side == BUY ? h.bestBid : h.bestAsk;
  return t < 0 || t >= <i32>h.maxTicks ? NaN : priceOf(h, <f64>t);
}

/** Executes `lots` of a `side` taker against the other side, up to `limit` (inclusive), into FILL; returns the lots left. */
function take(h: Header, side: i32, lots: f64, limit: i32): f64 {
  FILL.lots = 0;
  FILL.tickLots = 0;
  FILL.last = -1;
  let tickLots: f64 = 0;
  while (lots > 0) {
    const tick = side == BUY ? h.bestAsk : h.bestBid;
    if (side == BUY ? tick > limit || tick >= <i32>h.maxTicks : tick < limit || tick < 0) break;
    const lv = level(h, tick);
    let slot = lv.head;
    while (slot != 0 && lots > 0) {
      const o = order(h, slot);
      const fill = lots < o.lots ? lots : o.lots;
      lots -= fill;
      FILL.lots += fill;
      tickLots += fill * <f64>tick;
      FILL.last = tick;
      const next = o.next;
      if (fill == o.lots) {
        unlink(h, slot); // empties the level after its last order and moves the best price
      } else {
        o.lots -= fill;
        lv.lots -= fill;
      }
      slot = next;
    }
  }
  FILL.tickLots = tickLots;
  return lots;
}

/** Lots the other side offers up to `limit`, counted until `enough`. */
function marketable(h: Header, side: i32, limit: i32, enough: f64): f64 {
  let sum: f64 = 0;
  let tick = side == BUY ? h.bestAsk : h.bestBid;
  while (sum < enough) {
    if (side == BUY ? tick > limit || tick >= <i32>h.maxTicks : tick < limit || tick < 0) break;
    sum += level(h, tick).lots;
    tick = side == BUY ? nextUp(h, SELL, tick + 1) : nextDown(h, BUY, tick - 1);
  }
  return sum;
}

/**
 * A limit order: the part that crosses executes at once (best price first, then time), the
 * rest rests at `tick` under the returned id (0 if nothing rests). If the rest would need a
 * slot and every slot is taken, the book grows first (before anything trades, so that a failed
 * growth leaves it as it was); at its limit nothing happens and the status is BOOK_FULL.
 */
export function bookLimit(self: usize, side: i32, tick: i32, lots: f64, out: usize): f64 {
  const h = changetype<Header>(self);
  if (h.freeHead == 0 && h.fresh > h.capacity && marketable(h, side, tick, lots) < lots && !grow(h)) {
    FILL.lots = 0;
    FILL.tickLots = 0;
    FILL.last = -1;
    writeOrder(h, out, 0, lots, BOOK_FULL);
    return 0;
  }
  const left = take(h, side, lots, tick);
  const id = left > 0 ? idOf(h, rest(h, side, tick, left)) : 0;
  writeOrder(h, out, id, left, BOOK_OK);
  return id;
}

/** A market order: walks the other side until filled or the book runs out; returns filled lots (`out`: its result). */
export function bookMarket(self: usize, side: i32, lots: f64, out: usize): f64 {
  const h = changetype<Header>(self);
  const left = take(h, side, lots, side == BUY ? <i32>h.maxTicks - 1 : 0);
  writeOrder(h, out, 0, left, BOOK_OK);
  return FILL.lots;
}

/** Cancels a live order; false (0) for an unknown, filled or cancelled id. */
export function bookCancel(self: usize, id: f64): i32 {
  const h = changetype<Header>(self);
  const slot = slotOf(h, id);
  if (slot == 0) return 0;
  unlink(h, slot);
  return 1;
}

/** Reduces a live order by `lots`, keeping its place in the queue (cancels it at 0); returns
 *  the lots left, or -1 for an unknown, filled or cancelled id. */
export function bookReduce(self: usize, id: f64, lots: f64): f64 {
  const h = changetype<Header>(self);
  const slot = slotOf(h, id);
  if (slot == 0) return -1;
  const o = order(h, slot);
  if (lots >= o.lots) {
    unlink(h, slot);
    return 0;
  }
  o.lots -= lots;
  level(h, <i32>o.tick).lots -= lots;
  return o.lots;
}

/** The tick of a live order, or -1. */
export function bookTickOf(self: usize, id: f64): i32 {
  const h = changetype<Header>(self);
  const slot = slotOf(h, id);
  return slot == 0 ? -1 : <i32>order(h, slot).tick;
}

/** The lots of a live order, or -1. */
export function bookOrderLots(self: usize, id: f64): f64 {
  const h = changetype<Header>(self);
  const slot = slotOf(h, id);
  return slot == 0 ? -1 : order(h, slot).lots;
}

/** Resting orders in the book. */
export function bookLive(self: usize): u32 {
  return changetype<Header>(self).live;
}

/** The first `n` levels of `side` from the best: prices and quantities; returns how many there were. */
export function bookDepth(self: usize, side: i32, n: i32, prices: usize, qtys: usize): i32 {
  const h = changetype<Header>(self);
  let tick = side == BUY ? h.bestBid : h.bestAsk;
  let k = 0;
  while (k < n && tick >= 0 && tick < <i32>h.maxTicks) {
    store<f64>(prices + ((<usize>k) << 3), priceOf(h, <f64>tick));
    store<f64>(qtys + ((<usize>k) << 3), qtyOf(h, level(h, tick).lots));
    k++;
    tick = side == BUY ? nextDown(h, BUY, tick - 1) : nextUp(h, SELL, tick + 1);
  }
  return k;
}

/** Lots resting on `side` between ticks `from` and `to` inclusive; their notional (quote) to `out` (0: not wanted). */
export function bookWithin(self: usize, side: i32, from: i32, to: i32, out: usize): f64 {
  const h = changetype<Header>(self);
  let lots: f64 = 0;
  let notional: f64 = 0;
  let tick = side == BUY ? nextDown(h, BUY, to) : nextUp(h, SELL, from);
  while (tick >= from && tick <= to && tick >= 0 && tick < <i32>h.maxTicks) {
    const l = level(h, tick).lots;
    lots += l;
    notional += l * <f64>tick;
    tick = side == BUY ? nextDown(h, BUY, tick - 1) : nextUp(h, SELL, tick + 1);
  }
  if (out != 0) store<f64>(out, toQuote(h, notional));
  return lots;
}

/** Base resting on the bids at or above `floor` (the depth a seller meets down to that price). */
export function bookBidsAbove(self: usize, floor: f64): f64 {
  const h = changetype<Header>(self);
  if (h.bestBid < 0) return 0;
  const from = max<i32>(1, <i32>Math.ceil(floor / h.tickSize - 1e-9));
  if (from > h.bestBid) return 0;
  return qtyOf(h, bookWithin(self, BUY, from, h.bestBid, 0));
}

/** Base resting on the asks at or below `ceiling` (the depth a buyer meets up to that price). */
export function bookAsksBelow(self: usize, ceiling: f64): f64 {
  const h = changetype<Header>(self);
  if (h.bestAsk >= <i32>h.maxTicks) return 0;
  const to = min<i32>(<i32>h.maxTicks - 1, <i32>Math.floor(ceiling / h.tickSize + 1e-9));
  if (to < h.bestAsk) return 0;
  return qtyOf(h, bookWithin(self, SELL, h.bestAsk, to, 0));
}

// ---- batches ------------------------------------------------------------------------------

export const OP_LIMIT: i32 = 0;
export const OP_MARKET: i32 = 1;
export const OP_CANCEL: i32 = 2;
export const OP_REDUCE: i32 = 3;

// what bookBatchCheck found wrong, in the low 4 bits of its answer
export const BAD_OP: i32 = 1;
export const BAD_SIDE: i32 = 2;
export const BAD_PRICE: i32 = 3;
export const BAD_QTY: i32 = 4;
export const BAD_ID: i32 = 5;

/** The tick of a price on the grid, or -1. */
@inline function tickOf(h: Header, price: f64): i32 {
  const t = price / h.tickSize;
  const tick = Math.round(t);
  if (!(tick >= 1 && tick < <f64>h.maxTicks && Math.abs(t - tick) <= 1e-9 * Math.max(1, tick))) return -1;
  return <i32>tick;
}

/** The lots of a quantity on the grid, or -1. */
@inline function lotsOf(h: Header, qty: f64): f64 {
  const l = qty / h.lotSize;
  const lots = Math.round(l);
  if (!(lots >= 1 && lots < 9007199254740992.0 && Math.abs(l - lots) <= 1e-9 * Math.max(1, lots))) return -1;
  return lots;
}

/** The result area of a batch's orders. */
const RESULT = memory.data(<i32>ORDER_BYTES, 16);

/**
 * Checks a batch of n operations (columns: op u8, side u8, price f64, qty f64, id f64) before
 * any runs: returns -1, or row·16 + BAD_* for the first bad field. On success the price
 * column holds ticks and the qty column lots: bookBatch runs on them without converting again.
 */
export function bookBatchCheck(
  self: usize,
  n: i32,
  ops: usize,
  sides: usize,
  prices: usize,
  qtys: usize,
  ids: usize,
): i32 {
  const h = changetype<Header>(self);
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const op = <i32>load<u8>(ops + <usize>i);
    if (op > OP_REDUCE) return (i << 4) | BAD_OP;
    if (op <= OP_MARKET && load<u8>(sides + <usize>i) > 1) return (i << 4) | BAD_SIDE;
    if (op == OP_LIMIT) {
      const tick = tickOf(h, load<f64>(prices + at));
      if (tick < 0) return (i << 4) | BAD_PRICE;
      store<f64>(prices + at, <f64>tick);
    }
    if (op != OP_CANCEL) {
      const lots = lotsOf(h, load<f64>(qtys + at));
      if (lots < 0) return (i << 4) | BAD_QTY;
      store<f64>(qtys + at, lots);
    }
    if (op >= OP_CANCEL) {
      const id = load<f64>(ids + at);
      // -k: the order of earlier operation k - 1, which must be a limit
      if (id < 0 && !(id == Math.floor(id) && -id <= <f64>i && load<u8>(ops + <usize>(<i32>-id - 1)) == OP_LIMIT)) {
        return (i << 4) | BAD_ID;
      }
      if (!(id == id)) return (i << 4) | BAD_ID;
    }
  }
  return -1;
}

/**
 * Runs n operations as bookBatchCheck left them (prices as ticks, quantities as lots) and
 * writes per operation: id (the resting order's for a limit, 1/0 for a cancel, the
 * quantity left or -1 for a reduce), filled quantity, notional, remaining quantity. Stops at an
 * operation the book, full at its limit, cannot take and returns its index; returns n when all
 * ran. (Only the columns' pointers are held across operations: a limit may move the slots.)
 */
export function bookBatch(
  self: usize,
  n: i32,
  ops: usize,
  sides: usize,
  prices: usize,
  qtys: usize,
  ids: usize,
  outId: usize,
  outFilled: usize,
  outNotional: usize,
  outRemaining: usize,
): i32 {
  const h = changetype<Header>(self);
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const op = <i32>load<u8>(ops + <usize>i);
    const side = <i32>load<u8>(sides + <usize>i);
    let id = load<f64>(ids + at);
    if (id < 0) id = load<f64>(outId + ((<usize>(<i32>-id - 1)) << 3));
    let result: f64 = 0;
    let filled: f64 = 0;
    let notional: f64 = 0;
    let remaining: f64 = 0;
    if (op == OP_LIMIT || op == OP_MARKET) {
      if (op == OP_LIMIT) result = bookLimit(self, side, <i32>load<f64>(prices + at), load<f64>(qtys + at), RESULT);
      else bookMarket(self, side, load<f64>(qtys + at), RESULT);
      if (load<f64>(RESULT + ORDER_STATUS) != <f64>BOOK_OK) return i;
      filled = load<f64>(RESULT + ORDER_FILLED);
      notional = load<f64>(RESULT + ORDER_NOTIONAL);
      remaining = load<f64>(RESULT + ORDER_REMAINING);
    } else if (op == OP_CANCEL) {
      result = <f64>bookCancel(self, id);
    } else {
      result = bookReduce(self, id, load<f64>(qtys + at));
      if (result > 0) result = qtyOf(h, result);
    }
    store<f64>(outId + at, result);
    store<f64>(outFilled + at, filled);
    store<f64>(outNotional + at, notional);
    store<f64>(outRemaining + at, remaining);
  }
  return n;
}

// ---- the venue interface of the pools (pool_common.ts): amounts in, amounts out ----------------

/** The price of the book as a venue: the mid, or the best price of the only side, or NaN. */
export function bookPrice(self: usize): f64 {
  const h = changetype<Header>(self);
  return midOf(h, h.bestBid, h.bestAsk);
}

/** The mid of two ticks (either may be missing: -1 / maxTicks), from their mean tick. */
function midOf(h: Header, bid: i32, ask: i32): f64 {
  const hasBid = bid >= 0;
  const hasAsk = ask < <i32>h.maxTicks;
  if (hasBid && hasAsk) return priceOf(h, (<f64>bid + <f64>ask) / 2);
  if (hasBid) return priceOf(h, <f64>bid);
  return hasAsk ? priceOf(h, <f64>ask) : NaN;
}

/**
 * Swaps like a pool (see pool_common.ts): SELL `amountIn` base for quote (a market sell of the
 * whole lots in it), BUY with `amountIn` quote (the whole lots it pays for, walking the asks).
 * With `commit` 0 only computes. The result area gets the amount out, the price after (the
 * mid, see bookPrice), the input left (dust below a lot, or what the book could not take) and
 * the input used. Returns the amount out.
 */
export function bookSwap(self: usize, side: i32, amountIn: f64, commit: i32, out: usize): f64 {
  const h = changetype<Header>(self);
  const sell = side == SELL;
  let lots: f64 = 0; // lots to take
  let tickLots: f64 = 0; // their Σ lots·tick
  // the best price of the side taken once the trade is done (-1 / maxTicks: emptied)
  let after: i32 = sell ? h.bestBid : h.bestAsk;
  if (sell) {
    let want = Math.floor(amountIn / h.lotSize + 1e-9);
    while (want > 0 && after >= 0) {
      const take = Math.min(want, level(h, after).lots);
      lots += take;
      tickLots += take * <f64>after;
      want -= take;
      if (take < level(h, after).lots) break;
      after = nextDown(h, BUY, after - 1);
    }
  } else {
    let budget = amountIn;
    while (after < <i32>h.maxTicks) {
      const afford = Math.floor(budget / toQuote(h, <f64>after) + 1e-9);
      const take = Math.min(afford, level(h, after).lots);
      if (take <= 0) break;
      lots += take;
      tickLots += take * <f64>after;
      budget -= toQuote(h, take * <f64>after);
      if (take < level(h, after).lots) break;
      after = nextUp(h, SELL, after + 1);
    }
  }
  const quote = toQuote(h, tickLots);
  const used = sell ? qtyOf(h, lots) : quote;
  const amountOut = sell ? quote : qtyOf(h, lots);
  if (commit != 0 && lots > 0) take(h, side == SELL ? SELL : BUY, lots, sell ? 0 : <i32>h.maxTicks - 1);
  // the mid the trade leaves (committed or not)
  const bid = sell ? after : h.bestBid;
  const ask = sell ? h.bestAsk : after;
  writeOut(out, amountOut, midOf(h, bid, ask), amountIn - used, used);
  return amountOut;
}
