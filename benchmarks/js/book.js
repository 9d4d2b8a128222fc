// The order book of assembly/book.ts written as plain JavaScript over typed arrays: the
// "plain typed-array JavaScript book" of issue 4's benchmark. Same data structure (one FIFO per
// tick, bitmaps of non-empty levels with summary words, order slots recycled through a free
// list, ids gen·2^24 + slot, lots as integer-valued doubles) and the same results, bit for bit;
// only the bitmap words are 32 bits wide, since JavaScript has no fast 64-bit ctz/clz.

const BUY = 0;
const SLOT_BITS = 16777216; // 2^24
const MAX_SAFE = 9007199254740992; // 2^53

/** 1/x if that is a whole number (to 1e-9), else 0 (as the core's wholeInverse). */
function wholeInverse(x) {
  const inv = Math.round(1 / x);
  return inv >= 1 && Math.abs(inv * x - 1) <= 1e-9 ? inv : 0;
}

/** Index of the lowest set bit of a nonzero 32-bit word. */
function ctz(x) {
  return 31 - Math.clz32(x & -x);
}

/** Mask of bits 0..r of a word (r in 0..31). */
function upTo(r) {
  return r === 31 ? -1 : (1 << (r + 1)) - 1;
}

export class Book {
  /** maxTicks as the SDK derives it: floor(maxPrice / tickSize) + 1. */
  constructor({ tickSize, lotSize, maxTicks, capacity }) {
    this.tickSize = tickSize;
    this.lotSize = lotSize;
    this.maxTicks = maxTicks;
    this.capacity = capacity;
    this.tickInv = wholeInverse(tickSize);
    this.lotInv = wholeInverse(lotSize);
    // levels: a FIFO of slots and its total lots, per tick
    this.head = new Uint32Array(maxTicks);
    this.tail = new Uint32Array(maxTicks);
    this.levelLots = new Float64Array(maxTicks);
    // per side: one bit per tick, then one summary bit per word
    this.nw = (maxTicks + 31) >>> 5;
    this.ns = (this.nw + 31) >>> 5;
    this.bits = [new Int32Array(this.nw + this.ns), new Int32Array(this.nw + this.ns)];
    // order slots; slot 0 means "none"
    this.lots = new Float64Array(capacity + 1);
    this.tick = new Int32Array(capacity + 1);
    this.next = new Uint32Array(capacity + 1); // also the free-list link
    this.prev = new Uint32Array(capacity + 1);
    this.gen = new Uint32Array(capacity + 1);
    this.side = new Uint8Array(capacity + 1);
    this.freeHead = 0;
    this.fresh = 1;
    this.live = 0;
    this.bestBid = -1;
    this.bestAsk = maxTicks;
    // results of the last order, in lots (as the core's rFilled, rNotional, ...)
    this.filled = 0;
    this.notional = 0;
    this.lastTick = -1;
    this.remaining = 0;
    this.full = false;
  }

  // ---- grid conversions, the core's rules -------------------------------------------------

  tickOf(price) {
    const t = price / this.tickSize;
    const tick = Math.round(t);
    if (!(tick >= 1 && tick < this.maxTicks && Math.abs(t - tick) <= 1e-9 * Math.max(1, tick))) return -1;
    return tick;
  }

  lotsOf(qty) {
    const l = qty / this.lotSize;
    const lots = Math.round(l);
    if (!(lots >= 1 && lots < MAX_SAFE && Math.abs(l - lots) <= 1e-9 * Math.max(1, lots))) return -1;
    return lots;
  }

  qtyOf(lots) {
    return this.lotInv > 0 ? lots / this.lotInv : lots * this.lotSize;
  }

  priceOf(tick) {
    return this.tickInv > 0 ? tick / this.tickInv : tick * this.tickSize;
  }

  toQuote(tickLots) {
    if (this.tickInv > 0 && this.lotInv > 0) return tickLots / this.tickInv / this.lotInv;
    return tickLots * this.tickSize * this.lotSize;
  }

  // ---- bitmaps ------------------------------------------------------------------------------

  setBit(side, tick) {
    const b = this.bits[side];
    const w = tick >>> 5;
    b[w] |= 1 << (tick & 31);
    b[this.nw + (w >>> 5)] |= 1 << (w & 31);
  }

  clearBit(side, tick) {
    const b = this.bits[side];
    const w = tick >>> 5;
    const word = b[w] & ~(1 << (tick & 31));
    b[w] = word;
    if (word === 0) b[this.nw + (w >>> 5)] &= ~(1 << (w & 31));
  }

  /** The lowest non-empty tick ≥ from on `side`, or maxTicks. */
  nextUp(side, from) {
    if (from >= this.maxTicks) return this.maxTicks;
    const b = this.bits[side];
    const nw = this.nw;
    let w = from >>> 5;
    const word = b[w] & (-1 << (from & 31));
    if (word !== 0) return (w << 5) + ctz(word);
    w++;
    if (w >= nw) return this.maxTicks;
    let sw = w >>> 5;
    let summary = b[nw + sw] & (-1 << (w & 31));
    while (summary === 0) {
      if (++sw >= this.ns) return this.maxTicks;
      summary = b[nw + sw];
    }
    w = (sw << 5) + ctz(summary);
    return (w << 5) + ctz(b[w]);
  }

  /** The highest non-empty tick ≤ from on `side`, or -1. */
  nextDown(side, from) {
    if (from < 0) return -1;
    const b = this.bits[side];
    const nw = this.nw;
    let w = from >>> 5;
    const word = b[w] & upTo(from & 31);
    if (word !== 0) return (w << 5) + 31 - Math.clz32(word);
    if (w === 0) return -1;
    w--;
    let sw = w >>> 5;
    let summary = b[nw + sw] & upTo(w & 31);
    while (summary === 0) {
      if (--sw < 0) return -1;
      summary = b[nw + sw];
    }
    w = (sw << 5) + 31 - Math.clz32(summary);
    return (w << 5) + 31 - Math.clz32(b[w]);
  }

  // ---- order slots --------------------------------------------------------------------------

  takeSlot() {
    if (this.freeHead !== 0) {
      const slot = this.freeHead;
      this.freeHead = this.next[slot];
      return slot;
    }
    if (this.fresh <= this.capacity) {
      const slot = this.fresh++;
      this.gen[slot] = 1;
      return slot;
    }
    return 0;
  }

  freeSlot(slot) {
    this.lots[slot] = 0;
    const g = this.gen[slot];
    this.gen[slot] = g >= 0x1fffffff ? 1 : g + 1; // ids stay below 2^53
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    this.live--;
  }

  idOf(slot) {
    return this.gen[slot] * SLOT_BITS + slot;
  }

  /** The slot of a live order `id`, or 0. */
  slotOf(id) {
    if (!(id >= SLOT_BITS && id < MAX_SAFE)) return 0;
    const g = Math.floor(id / SLOT_BITS);
    const slot = (id - g * SLOT_BITS) >>> 0;
    if (slot === 0 || slot >= this.fresh || this.gen[slot] !== g) return 0;
    if (this.lots[slot] === 0) return 0;
    return slot;
  }

  isLive(id) {
    return this.slotOf(id) !== 0;
  }

  rest(side, tick, lots) {
    const slot = this.takeSlot();
    if (slot === 0) return 0;
    this.lots[slot] = lots;
    this.tick[slot] = tick;
    this.side[slot] = side;
    this.next[slot] = 0;
    const tail = this.tail[tick];
    this.prev[slot] = tail;
    if (tail !== 0) this.next[tail] = slot;
    else this.head[tick] = slot;
    this.tail[tick] = slot;
    if (this.levelLots[tick] === 0) this.setBit(side, tick);
    this.levelLots[tick] += lots;
    this.live++;
    if (side === BUY) {
      if (tick > this.bestBid) this.bestBid = tick;
    } else if (tick < this.bestAsk) this.bestAsk = tick;
    return slot;
  }

  unlink(slot) {
    const tick = this.tick[slot];
    const prev = this.prev[slot];
    const next = this.next[slot];
    if (prev !== 0) this.next[prev] = next;
    else this.head[tick] = next;
    if (next !== 0) this.prev[next] = prev;
    else this.tail[tick] = prev;
    this.levelLots[tick] -= this.lots[slot];
    if (this.head[tick] === 0) {
      this.levelLots[tick] = 0;
      const side = this.side[slot];
      this.clearBit(side, tick);
      if (side === BUY) {
        if (tick === this.bestBid) this.bestBid = this.nextDown(BUY, tick - 1);
      } else if (tick === this.bestAsk) this.bestAsk = this.nextUp(1, tick + 1);
    }
    this.freeSlot(slot);
  }

  // ---- trading ------------------------------------------------------------------------------

  reset() {
    this.filled = 0;
    this.notional = 0;
    this.lastTick = -1;
    this.remaining = 0;
    this.full = false;
  }

  /** Executes `lots` of a `side` taker against the other side up to tick `limit`; returns lots left. */
  take(side, lots, limit) {
    const maxTicks = this.maxTicks;
    const orderLots = this.lots;
    let tickLots = 0;
    while (lots > 0) {
      const tick = side === BUY ? this.bestAsk : this.bestBid;
      if (side === BUY ? tick > limit || tick >= maxTicks : tick < limit || tick < 0) break;
      let slot = this.head[tick];
      while (slot !== 0 && lots > 0) {
        const have = orderLots[slot];
        const fill = Math.min(lots, have);
        lots -= fill;
        this.filled += fill;
        tickLots += fill * tick;
        this.lastTick = tick;
        const next = this.next[slot];
        if (fill === have) {
          this.unlink(slot); // empties the level after its last order and moves the best price
        } else {
          orderLots[slot] = have - fill;
          this.levelLots[tick] -= fill;
        }
        slot = next;
      }
    }
    this.notional = this.toQuote(tickLots);
    return lots;
  }

  /** Lots the other side offers up to `limit`, counted until `enough`. */
  marketable(side, limit, enough) {
    let sum = 0;
    let tick = side === BUY ? this.bestAsk : this.bestBid;
    while (sum < enough) {
      if (side === BUY ? tick > limit || tick >= this.maxTicks : tick < limit || tick < 0) break;
      sum += this.levelLots[tick];
      tick = side === BUY ? this.nextUp(1, tick + 1) : this.nextDown(BUY, tick - 1);
    }
    return sum;
  }

  /** A limit order in ticks and lots; returns the id of the rest (0 if none). */
  limit(side, tick, lots) {
    this.reset();
    if (this.freeHead === 0 && this.fresh > this.capacity && this.marketable(side, tick, lots) < lots) {
      this.full = true;
      this.remaining = lots;
      return 0;
    }
    const left = this.take(side, lots, tick);
    this.remaining = left;
    return left > 0 ? this.idOf(this.rest(side, tick, left)) : 0;
  }

  /** A market order in lots; returns the lots filled. */
  market(side, lots) {
    this.reset();
    this.remaining = this.take(side, lots, side === BUY ? this.maxTicks - 1 : 0);
    return this.filled;
  }

  /** 1 if a live order was cancelled, else 0. */
  cancel(id) {
    const slot = this.slotOf(id);
    if (slot === 0) return 0;
    this.unlink(slot);
    return 1;
  }

  /** Lots left after reducing a live order (0: cancelled), or -1 for an unknown id. */
  reduce(id, lots) {
    const slot = this.slotOf(id);
    if (slot === 0) return -1;
    if (lots >= this.lots[slot]) {
      this.unlink(slot);
      return 0;
    }
    this.lots[slot] -= lots;
    this.levelLots[this.tick[slot]] -= lots;
    return this.lots[slot];
  }

  /**
   * Rows from..to-1 of operation columns, as the core's bookBatch (prices and quantities in
   * quote and base units; id -k: the order placed by row k - 1 of the same columns), writing
   * id, filled, notional and remaining per row. Returns the first row the full book could not
   * take, or `to`.
   */
  batch(from, to, op, side, price, qty, ids, outId, outFilled, outNotional, outRemaining) {
    for (let i = from; i < to; i++) {
      const o = op[i];
      let id = ids[i];
      if (id < 0) id = outId[-id - 1];
      let result = 0;
      this.reset();
      if (o === 0) {
        result = this.limit(side[i], this.tickOf(price[i]), this.lotsOf(qty[i]));
        if (this.full) return i;
      } else if (o === 1) {
        this.market(side[i], this.lotsOf(qty[i]));
      } else if (o === 2) {
        result = this.cancel(id);
      } else {
        result = this.reduce(id, this.lotsOf(qty[i]));
        if (result > 0) result = this.qtyOf(result);
      }
      outId[i] = result;
      outFilled[i] = this.qtyOf(this.filled);
      outNotional[i] = this.notional;
      outRemaining[i] = this.qtyOf(this.remaining);
    }
    return to;
  }
}
