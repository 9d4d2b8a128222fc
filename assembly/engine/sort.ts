// Sorting candidates by (key, id) ascending: the order positions are liquidated in a step
// (ascending health, ties by the order positions were given).

/** Sorts the first n entries of keys/ids in place, by key then id. */
export function sortPairs(keys: StaticArray<f64>, ids: StaticArray<u32>, n: i32): void {
  if (n < 2) return;
  quick(keys, ids, 0, n - 1);
}

@inline function less(keys: StaticArray<f64>, ids: StaticArray<u32>, a: i32, kb: f64, ib: u32): bool {
  const ka = unchecked(keys[a]);
  return ka < kb || (ka == kb && unchecked(ids[a]) < ib);
}

@inline function swap(keys: StaticArray<f64>, ids: StaticArray<u32>, a: i32, b: i32): void {
  const k = unchecked(keys[a]);
  unchecked((keys[a] = keys[b]));
  unchecked((keys[b] = k));
  const i = unchecked(ids[a]);
  unchecked((ids[a] = ids[b]));
  unchecked((ids[b] = i));
}

function quick(keys: StaticArray<f64>, ids: StaticArray<u32>, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    // median of three as the pivot
    const mid = lo + ((hi - lo) >> 1);
    if (less(keys, ids, mid, unchecked(keys[lo]), unchecked(ids[lo]))) swap(keys, ids, mid, lo);
    if (less(keys, ids, hi, unchecked(keys[lo]), unchecked(ids[lo]))) swap(keys, ids, hi, lo);
    if (less(keys, ids, hi, unchecked(keys[mid]), unchecked(ids[mid]))) swap(keys, ids, hi, mid);
    const pk = unchecked(keys[mid]);
    const pi = unchecked(ids[mid]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(keys, ids, i, pk, pi)) i++;
      while (unchecked(keys[j]) > pk || (unchecked(keys[j]) == pk && unchecked(ids[j]) > pi)) j--;
      if (i <= j) {
        swap(keys, ids, i, j);
        i++;
        j--;
      }
    }
    // recurse into the smaller part, loop on the larger
    if (j - lo < hi - i) {
      if (lo < j) quick(keys, ids, lo, j);
      lo = i;
    } else {
      if (i < hi) quick(keys, ids, i, hi);
      hi = j;
    }
  }
  for (let a = lo + 1; a <= hi; a++) {
    const k = unchecked(keys[a]);
    const id = unchecked(ids[a]);
    let b = a - 1;
    while (b >= lo && (unchecked(keys[b]) > k || (unchecked(keys[b]) == k && unchecked(ids[b]) > id))) {
      unchecked((keys[b + 1] = keys[b]));
      unchecked((ids[b + 1] = ids[b]));
      b--;
    }
    unchecked((keys[b + 1] = k));
    unchecked((ids[b + 1] = id));
  }
}

/** The positions a step found liquidatable: (health, id) pairs, grown as needed, then sorted. */
export class Candidates {
  keys: StaticArray<f64> = new StaticArray<f64>(64);
  ids: StaticArray<u32> = new StaticArray<u32>(64);
  count: i32 = 0;

  add(id: u32, key: f64): void {
    const count = this.count;
    if (count == this.keys.length) {
      const keys = new StaticArray<f64>(count * 2);
      const ids = new StaticArray<u32>(count * 2);
      memory.copy(changetype<usize>(keys), changetype<usize>(this.keys), (<usize>count) << 3);
      memory.copy(changetype<usize>(ids), changetype<usize>(this.ids), (<usize>count) << 2);
      this.keys = keys;
      this.ids = ids;
    }
    unchecked((this.keys[count] = key));
    unchecked((this.ids[count] = id));
    this.count = count + 1;
  }

  /** Ascending health, ties by the order positions were given. */
  sort(): void {
    sortPairs(this.keys, this.ids, this.count);
  }
}
