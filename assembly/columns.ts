// Reading the kernels' input columns two elements at a time.
//
// A column is n f64 (or, for flags, n u8) at a pointer; a column whose bit is set in a
// kernel's `scalars` holds one value for every element and is read with stride 0. The last
// element of an odd n is read alone with its lane duplicated, so it gets the same bits as in
// a pair (see vmath.ts).

/** The byte stride of input `bit` of `scalars`: 0 for a broadcast number, else `size`. */
@inline export function stride(scalars: i32, bit: i32, size: usize): usize {
  return scalars & bit ? 0 : size;
}

/** Elements j and j + 1 of an f64 column (element j twice when `single`). */
@inline export function ld(p: usize, step: usize, j: usize, single: bool): v128 {
  return step == 0 || single ? v128.load64_splat(p + j * step) : v128.load(p + (j << 3));
}

/** +1 where the flag is set (a call), -1 elsewhere (a put), for elements j and j + 1. */
@inline export function sign(p: usize, step: usize, j: usize, single: bool): v128 {
  const a = load<u8>(p + j * step);
  const b = single ? a : load<u8>(p + (j + 1) * step);
  return f64x2.replace_lane(f64x2.splat(a ? 1.0 : -1.0), 1, b ? 1.0 : -1.0);
}
