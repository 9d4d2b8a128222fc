// Column allocation for the bindings: blocks from the TLSF heap of the minimal
// runtime, so freed blocks are reused. Addresses are 16-byte aligned (SIMD loads).

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** Index of the first of `n` f64 at `ptr` outside [lo, hi] (NaN is outside), or -1. */
export function firstOutside(ptr: usize, n: i32, lo: f64, hi: f64): i32 {
  for (let i = 0; i < n; i++) {
    const v = load<f64>(ptr + (<usize>i << 3));
    if (!(v >= lo && v <= hi)) return i;
  }
  return -1;
}
