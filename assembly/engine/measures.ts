// System measures over a built world's accounts, at the prices before step 0: gross exposure and
// equity per protocol (total-system leverage), exposure per asset (the protocol × asset matrix),
// and the concentration of exposure across accounts (Σv, Σv², the largest k).

import { world } from "./handles";
import { EQUITY, EXPOSURE } from "./world";

const ACCOUNT = memory.data(16, 16);

/** Figures of worldAccounts' out area, then the k largest exposures (descending). */
export const ACCOUNTS_COUNT: i32 = 0;
export const ACCOUNTS_EXPOSURE: i32 = 1;
export const ACCOUNTS_EQUITY: i32 = 2;
export const ACCOUNTS_SQUARES: i32 = 3;
export const ACCOUNTS_TOP: i32 = 4;

/**
 * Protocol p's accounts: to `out` their count, Σ exposure, Σ equity, Σ exposure², then the k
 * largest exposures in descending order (0 past the count); exposure per world asset added to
 * `byAsset` (an f64 per asset, zeroed by the caller).
 */
export function worldAccounts(h: i32, p: i32, k: i32, out: usize, byAsset: usize): void {
  const w = world(h);
  const x = unchecked(w.protocols[p]);
  const n = x.count();
  x.valueAccounts(w);
  const top = out + ((<usize>ACCOUNTS_TOP) << 3);
  memory.fill(top, 0, (<usize>k) << 3);
  let exposure: f64 = 0;
  let equity: f64 = 0;
  let squares: f64 = 0;
  let kept = 0; // the top is a min-heap of `kept` values while it fills, its root the smallest
  for (let i = 0; i < n; i++) {
    x.account(w, i, ACCOUNT, byAsset);
    const v = load<f64>(ACCOUNT + EXPOSURE);
    exposure += v;
    equity += load<f64>(ACCOUNT + EQUITY);
    squares += v * v;
    if (k == 0) continue;
    if (kept < k) {
      siftUp(top, kept++, v);
    } else if (v > load<f64>(top)) {
      siftDown(top, kept, v);
    }
  }
  // the heap in descending order: pop the smallest to the end, repeatedly
  for (let end = kept - 1; end > 0; end--) {
    const smallest = load<f64>(top);
    const last = load<f64>(top + ((<usize>end) << 3));
    siftDown(top, end, last);
    store<f64>(top + ((<usize>end) << 3), smallest);
  }
  // ascending by construction of the pops: reverse into descending
  for (let i = 0, j = kept - 1; i < j; i++, j--) {
    const a = load<f64>(top + ((<usize>i) << 3));
    store<f64>(top + ((<usize>i) << 3), load<f64>(top + ((<usize>j) << 3)));
    store<f64>(top + ((<usize>j) << 3), a);
  }
  store<f64>(out + ((<usize>ACCOUNTS_COUNT) << 3), <f64>n);
  store<f64>(out + ((<usize>ACCOUNTS_EXPOSURE) << 3), exposure);
  store<f64>(out + ((<usize>ACCOUNTS_EQUITY) << 3), equity);
  store<f64>(out + ((<usize>ACCOUNTS_SQUARES) << 3), squares);
}

/** Puts v at the end of a min-heap of `size` f64 at `heap` and sifts it up. */
function siftUp(heap: usize, size: i32, v: f64): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pv = load<f64>(heap + ((<usize>parent) << 3));
    if (pv <= v) break;
    store<f64>(heap + ((<usize>i) << 3), pv);
    i = parent;
  }
  store<f64>(heap + ((<usize>i) << 3), v);
}

/** Replaces the root of a min-heap of `size` f64 by v and sifts it down. */
function siftDown(heap: usize, size: i32, v: f64): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && load<f64>(heap + ((<usize>r) << 3)) < load<f64>(heap + ((<usize>l) << 3)) ? r : l;
    const cv = load<f64>(heap + ((<usize>c) << 3));
    if (cv >= v) break;
    store<f64>(heap + ((<usize>i) << 3), cv);
    i = c;
  }
  store<f64>(heap + ((<usize>i) << 3), v);
}
