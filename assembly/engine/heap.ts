// A binary max-heap of (key, id) pairs: the index of positions by liquidation price, so that a
// step finds the liquidatable positions in O(k log n) for k of them instead of scanning n.
// Ties pop the lower id first (the order positions were given).

export class Heap {
  keys: StaticArray<f64>;
  ids: StaticArray<u32>;
  size: i32 = 0;

  constructor(capacity: i32) {
    this.keys = new StaticArray<f64>(capacity > 0 ? capacity : 1);
    this.ids = new StaticArray<u32>(capacity > 0 ? capacity : 1);
  }

  @inline private above(a: i32, b: i32): bool {
    const ka = unchecked(this.keys[a]);
    const kb = unchecked(this.keys[b]);
    return ka > kb || (ka == kb && unchecked(this.ids[a]) < unchecked(this.ids[b]));
  }

  @inline private swap(a: i32, b: i32): void {
    const k = unchecked(this.keys[a]);
    unchecked((this.keys[a] = this.keys[b]));
    unchecked((this.keys[b] = k));
    const i = unchecked(this.ids[a]);
    unchecked((this.ids[a] = this.ids[b]));
    unchecked((this.ids[b] = i));
  }

  push(key: f64, id: u32): void {
    if (this.size == this.keys.length) this.grow();
    let at = this.size++;
    unchecked((this.keys[at] = key));
    unchecked((this.ids[at] = id));
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.above(at, up)) break;
      this.swap(at, up);
      at = up;
    }
  }

  @inline topKey(): f64 {
    return this.size > 0 ? unchecked(this.keys[0]) : -Infinity;
  }

  @inline topId(): u32 {
    return unchecked(this.ids[0]);
  }

  /** Removes the top (the heap must not be empty). */
  pop(): void {
    const last = --this.size;
    if (last == 0) return;
    unchecked((this.keys[0] = this.keys[last]));
    unchecked((this.ids[0] = this.ids[last]));
    this.siftDown(0);
  }

  /** Builds the heap from its first `size` entries in O(n). */
  heapify(): void {
    for (let at = (this.size >> 1) - 1; at >= 0; at--) this.siftDown(at);
  }

  private siftDown(from: i32): void {
    const size = this.size;
    let at = from;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= size) break;
      const r = l + 1;
      const child = r < size && this.above(r, l) ? r : l;
      if (!this.above(child, at)) break;
      this.swap(child, at);
      at = child;
    }
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new StaticArray<f64>(n);
    const ids = new StaticArray<u32>(n);
    memory.copy(changetype<usize>(keys), changetype<usize>(this.keys), (<usize>this.size) << 3);
    memory.copy(changetype<usize>(ids), changetype<usize>(this.ids), (<usize>this.size) << 2);
    this.keys = keys;
    this.ids = ids;
  }
}
