// The lending index: (key, id) pairs from which a step takes every entry whose key is above a
// threshold, in no particular order (the step sorts what it takes). Keys are liquidation ratios.
//
// A bucket queue: the buckets split the keys' range geometrically (1024 to a power of two, each
// 0.07% wide, found from the key's bits), so every entry of a bucket whose lower bound is above
// the threshold is taken without a comparison and only the bucket holding the threshold is
// checked entry by entry. Adding is O(1); taking k entries costs about k reads, in blocks of 20
// entries, where a heap of a million pays some 20 levels of sifting for each, and as much again
// to put it back.

const SHIFT: u64 = 42; // a key's bits >> SHIFT: its exponent and 10 bits of its mantissa
const BUCKETS: i32 = 16384; // 16 powers of two, from 4 below the smallest key at the start (beyond: the end buckets)
const PER_BLOCK: i32 = 20;
const BLOCK: usize = 256; // 20 keys (f64), 20 ids (u32), then the next block and the count (i32)
const IDS: usize = 160;
const NEXT: usize = 240;
const COUNT: usize = 244;

export class Buckets {
  base: u64; // bucket b holds keys whose bits >> SHIFT are base + b (bucket 0: and below; the last: and above)
  head: StaticArray<i32> = new StaticArray<i32>(BUCKETS); // its first block + 1 (0: empty)
  used: StaticArray<u64> = new StaticArray<u64>(BUCKETS >> 6); // a bit per non-empty bucket
  top: i32 = 0; // no bucket above is used
  pool: StaticArray<u8>; // the blocks, from `at` (aligned)
  at: usize;
  blocks: i32; // in the pool
  next: i32 = 0; // blocks handed out so far
  free: i32 = -1; // blocks returned, chained by NEXT
  size: i32 = 0; // entries
  taken: StaticArray<u32> = new StaticArray<u32>(64); // ids taken by the last takeAbove
  nTaken: i32 = 0;

  /** An index whose keys start at `smallest` or above; room for about `capacity` entries. */
  constructor(smallest: f64, capacity: i32) {
    const b = smallest > 0 && smallest < Infinity ? reinterpret<u64>(smallest) >> SHIFT : 1 << 20;
    this.base = b > 4 << 10 ? b - (4 << 10) : 0;
    // an account is in the index once: full blocks, and at most two part-full ones a bucket (it grows if need be)
    const blocks = capacity / PER_BLOCK + min(capacity, 1024) + 1;
    const pool = new StaticArray<u8>(<i32>(<usize>blocks * BLOCK + 64));
    this.pool = pool;
    this.at = (changetype<usize>(pool) + 63) & ~63;
    this.blocks = blocks;
  }

  @inline private bucket(key: f64): i32 {
    const b = reinterpret<u64>(key) >> SHIFT;
    if (b <= this.base) return 0;
    const x = b - this.base;
    return x >= <u64>BUCKETS ? BUCKETS - 1 : <i32>x;
  }

  /** The smallest key bucket b may hold (bucket 0: any). */
  @inline private low(b: i32): f64 {
    return b == 0 ? -Infinity : reinterpret<f64>((this.base + <u64>b) << SHIFT);
  }

  @inline private block(j: i32): usize {
    return this.at + <usize>j * BLOCK;
  }

  private allocate(): i32 {
    if (this.free >= 0) {
      const j = this.free;
      this.free = load<i32>(this.block(j) + NEXT);
      return j;
    }
    if (this.next == this.blocks) {
      const blocks = this.blocks + (this.blocks >> 1);
      const pool = new StaticArray<u8>(<i32>(<usize>blocks * BLOCK + 64));
      const at = (changetype<usize>(pool) + 63) & ~63;
      memory.copy(at, this.at, <usize>this.blocks * BLOCK);
      this.pool = pool;
      this.at = at;
      this.blocks = blocks;
    }
    return this.next++;
  }

  private release(j: i32): void {
    store<i32>(this.block(j) + NEXT, this.free);
    this.free = j;
  }

  push(key: f64, id: u32): void {
    const b = this.bucket(key);
    let j = unchecked(this.head[b]) - 1;
    if (j < 0 || load<i32>(this.block(j) + COUNT) == PER_BLOCK) {
      const k = this.allocate();
      const at = this.block(k);
      store<i32>(at + NEXT, j);
      store<i32>(at + COUNT, 0);
      unchecked((this.head[b] = k + 1));
      unchecked((this.used[b >> 6] |= (<u64>1) << (<u64>(b & 63))));
      if (b > this.top) this.top = b;
      j = k;
    }
    const at = this.block(j);
    const n = load<i32>(at + COUNT);
    store<f64>(at + ((<usize>n) << 3), key);
    store<u32>(at + IDS + ((<usize>n) << 2), id);
    store<i32>(at + COUNT, n + 1);
    this.size++;
  }

  /** The highest non-empty bucket at or below `from`, -1 if none. */
  private highest(from: i32): i32 {
    if (from < 0) return -1;
    let w = from >> 6;
    let bits = unchecked(this.used[w]) & (~(<u64>0) >> <u64>(63 - (from & 63)));
    while (bits == 0) {
      if (--w < 0) return -1;
      bits = unchecked(this.used[w]);
    }
    return (w << 6) + 63 - <i32>clz(bits);
  }

  private take(id: u32): void {
    const n = this.nTaken;
    if (n == this.taken.length) {
      const t = new StaticArray<u32>(n * 2);
      memory.copy(changetype<usize>(t), changetype<usize>(this.taken), (<usize>n) << 2);
      this.taken = t;
    }
    unchecked((this.taken[n] = id));
    this.nTaken = n + 1;
  }

  private empty(b: i32): void {
    unchecked((this.head[b] = 0));
    unchecked((this.used[b >> 6] &= ~((<u64>1) << (<u64>(b & 63)))));
  }

  /** Removes every entry with a key above r; their ids are `taken[0 … nTaken)`. */
  takeAbove(r: f64): i32 {
    this.nTaken = 0;
    if (this.size == 0) return 0;
    let b = this.highest(this.top);
    while (b >= 0 && this.low(b) > r) {
      // every key of the bucket is above r
      let j = unchecked(this.head[b]) - 1;
      while (j >= 0) {
        const at = this.block(j);
        const n = load<i32>(at + COUNT);
        for (let k = 0; k < n; k++) this.take(load<u32>(at + IDS + ((<usize>k) << 2)));
        this.size -= n;
        const next = load<i32>(at + NEXT);
        this.release(j);
        j = next;
      }
      this.empty(b);
      b = this.highest(b - 1);
    }
    if (b >= 0) this.takeSome(b, r);
    this.top = max(b, 0);
    return this.nTaken;
  }

  /** The bucket holding r: takes its keys above r, and packs the rest toward its head. */
  private takeSome(b: i32, r: f64): void {
    const head = unchecked(this.head[b]) - 1;
    let wj = head; // where the next kept entry goes
    let wk = 0;
    let j = wj;
    while (j >= 0) {
      const at = this.block(j);
      const n = load<i32>(at + COUNT);
      for (let k = 0; k < n; k++) {
        const key = load<f64>(at + ((<usize>k) << 3));
        const id = load<u32>(at + IDS + ((<usize>k) << 2));
        if (key > r) {
          this.take(id);
          this.size--;
          continue;
        }
        if (wk == PER_BLOCK) {
          store<i32>(this.block(wj) + COUNT, PER_BLOCK);
          wj = load<i32>(this.block(wj) + NEXT);
          wk = 0;
        }
        const w = this.block(wj);
        store<f64>(w + ((<usize>wk) << 3), key);
        store<u32>(w + IDS + ((<usize>wk) << 2), id);
        wk++;
      }
      j = load<i32>(at + NEXT);
    }
    // the blocks after the last one written are empty now
    if (wk == 0 && wj == head) {
      j = head;
      while (j >= 0) {
        const next = load<i32>(this.block(j) + NEXT);
        this.release(j);
        j = next;
      }
      this.empty(b);
      return;
    }
    const w = this.block(wj);
    store<i32>(w + COUNT, wk);
    j = load<i32>(w + NEXT);
    store<i32>(w + NEXT, -1);
    while (j >= 0) {
      const next = load<i32>(this.block(j) + NEXT);
      this.release(j);
      j = next;
    }
  }
}
