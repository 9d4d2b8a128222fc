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
  const vlo = f64x2.splat(lo);
  const vhi = f64x2.splat(hi);
  let i = 0;
  // two at a time; a failing pair falls through to the scalar loop, which finds the index
  for (; i + 1 < n; i += 2) {
    const v = v128.load(ptr + ((<usize>i) << 3));
    if (!i64x2.all_true(v128.and(f64x2.ge(v, vlo), f64x2.le(v, vhi)))) break;
  }
  for (; i < n; i++) {
    const v = load<f64>(ptr + ((<usize>i) << 3));
    if (!(v >= lo && v <= hi)) return i;
  }
  return -1;
}
