/**
 * An obviously correct order book for differential tests: a plain list of resting orders,
 * sorted anew at every match. Prices are ticks and quantities lots (integers), as in the core.
 * @module
 */

export interface RefOrder {
  id: number;
  buy: boolean;
  tick: number;
  lots: number;
  seq: number;
}

export interface RefFill {
  filled: number;
  /** Σ lots·tick of the fills, in the order they happened. */
  tickLots: number;
  remaining: number;
  lastTick: number;
  id: number;
}

export class ReferenceBook {
  orders: RefOrder[] = [];
  #seq = 0;
  #nextId = 1;

  #take(buy: boolean, lots: number, limit: number): RefFill {
    const r: RefFill = { filled: 0, tickLots: 0, remaining: lots, lastTick: -1, id: 0 };
    // the other side, best price first, then oldest first
    const book = this.orders
      .filter((o) => o.buy !== buy && (buy ? o.tick <= limit : o.tick >= limit))
      .sort((a, b) => (buy ? a.tick - b.tick : b.tick - a.tick) || a.seq - b.seq);
    for (const o of book) {
      if (r.remaining === 0) break;
      const fill = Math.min(r.remaining, o.lots);
      r.remaining -= fill;
      o.lots -= fill;
      r.filled += fill;
      r.tickLots += fill * o.tick;
      r.lastTick = o.tick;
    }
    this.orders = this.orders.filter((o) => o.lots > 0);
    return r;
  }

  limit(buy: boolean, tick: number, lots: number): RefFill {
    const r = this.#take(buy, lots, tick);
    if (r.remaining > 0) {
      r.id = this.#nextId++;
      this.orders.push({ id: r.id, buy, tick, lots: r.remaining, seq: this.#seq++ });
    }
    return r;
  }

  market(buy: boolean, lots: number): RefFill {
    return this.#take(buy, lots, buy ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
  }

  cancel(id: number): boolean {
    const before = this.orders.length;
    this.orders = this.orders.filter((o) => o.id !== id);
    return this.orders.length < before;
  }

  /** Lots left, or -1 for an unknown id. */
  reduce(id: number, lots: number): number {
    const o = this.orders.find((x) => x.id === id);
    if (!o) return -1;
    o.lots = Math.max(0, o.lots - lots);
    if (o.lots === 0) this.cancel(id);
    return o.lots;
  }

  best(buy: boolean): number {
    const ticks = this.orders.filter((o) => o.buy === buy).map((o) => o.tick);
    if (ticks.length === 0) return Number.NaN;
    return buy ? Math.max(...ticks) : Math.min(...ticks);
  }

  /** [tick, lots] of the first n levels of a side. */
  depth(buy: boolean, n: number): [number, number][] {
    const levels = new Map<number, number>();
    for (const o of this.orders) if (o.buy === buy) levels.set(o.tick, (levels.get(o.tick) ?? 0) + o.lots);
    return [...levels.entries()].sort((a, b) => (buy ? b[0] - a[0] : a[0] - b[0])).slice(0, n);
  }
}
