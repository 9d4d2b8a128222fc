// The memory layout of an order book (see book.ts for what it is).

@unmanaged
export class Header {
  tickSize: f64;
  lotSize: f64;
  maxTicks: u32;
  capacity: u32; // order slots now (1..capacity)
  levels: usize;
  bits0: usize; // per side: words (1 bit per tick), then summary words (1 bit per word)
  bits1: usize;
  words: u32; // words per side
  orders: usize; // the slots: in the book's block, or in a heap block of their own once grown
  freeHead: u32; // a free slot, 0 when none
  fresh: u32; // slots 1..fresh-1 have been used at least once
  live: u32; // resting orders
  bestBid: i32; // -1: no bids
  bestAsk: i32; // maxTicks: no asks
  profile: usize; // the makers' profile (book_profile.ts), 0 if none
  tickInv: f64; // 1/tickSize when that is a whole number (0.01 → 100), else 0
  lotInv: f64; // 1/lotSize likewise
  limit: u32; // the most slots the book may grow to (capacity: none)
  ownsOrders: u32; // 1 when `orders` is a heap block of its own (bookRelease frees it)
}

@unmanaged
export class Level {
  head: u32;
  tail: u32;
  lots: f64;
}

@unmanaged
export class Order {
  lots: f64;
  tick: u32;
  next: u32; // also the free-list link
  prev: u32;
  gen: u32;
  side: u32;
  pad: u32;
}

export const HEADER: usize = (offsetof<Header>() + 15) & ~15;
export const LEVEL: usize = offsetof<Level>();
export const ORDER: usize = offsetof<Order>();
