// The order book of assembly/book.ts in C: the native baseline of benchmarks/venues.js.
// Same data structure and layout as the core (one block: 16-byte levels with a FIFO of slots,
// two bitmaps of 64-bit words plus summary words, 32-byte order slots on a free list, ids
// gen·2^24 + slot, lots as integer-valued doubles) and the same results, bit for bit.
//
//   book FILE
//
// FILE (written by venues.js, little-endian): u32 n, u32 seed rows, u32 maxTicks, u32 capacity,
// f64 tickSize, f64 lotSize, then the columns op u8[n], side u8[n], price f64[n], qty f64[n],
// id f64[n] (-k: the order placed by row k - 1). Rows 0..seed-1 build the starting book
// untimed; rows seed..n-1 are timed: a warm-up run, then the best of RUNS, each on a fresh book.
// Prints JSON: the best time, the final book and checksums of the outputs.

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 5
#define BUY 0
#define SELL 1
#define SLOT_BITS 16777216.0
#define MAX_SAFE 9007199254740992.0

typedef struct {
  uint32_t head, tail;
  double lots;
} Level;

typedef struct {
  double lots;
  uint32_t tick, next, prev, gen, side, pad;
} Order;

typedef struct {
  double tickSize, lotSize, tickInv, lotInv;
  uint32_t maxTicks, capacity, nw, ns;
  Level *levels;
  uint64_t *bits[2]; // per side: nw words, then ns summary words
  Order *orders;
  uint32_t freeHead, fresh, live;
  int32_t bestBid, bestAsk;
  void *block;
  size_t bytes;
} Book;

// results of the last order, in lots
static double rFilled, rNotional, rRemaining;
static int32_t rLastTick;
static int rFull;

static double whole_inverse(double x) {
  double inv = round(1 / x);
  return inv >= 1 && fabs(inv * x - 1) <= 1e-9 ? inv : 0;
}

// One zeroed block, laid out as bookBytes/bookInit do.
static void book_init(Book *h, double tickSize, double lotSize, uint32_t maxTicks, uint32_t capacity) {
  h->tickSize = tickSize;
  h->lotSize = lotSize;
  h->tickInv = whole_inverse(tickSize);
  h->lotInv = whole_inverse(lotSize);
  h->maxTicks = maxTicks;
  h->capacity = capacity;
  h->nw = (maxTicks + 63) >> 6;
  h->ns = (h->nw + 63) >> 6;
  size_t levels = (size_t)maxTicks * sizeof(Level);
  size_t bits = (size_t)(h->nw + h->ns) * 8;
  h->bytes = levels + 2 * bits + (size_t)(capacity + 1) * sizeof(Order);
  if (!h->block) h->block = aligned_alloc(64, (h->bytes + 63) & ~(size_t)63);
  if (!h->block) {
    fprintf(stderr, "book: out of memory\n");
    exit(1);
  }
  memset(h->block, 0, h->bytes);
  h->levels = (Level *)h->block;
  h->bits[0] = (uint64_t *)((char *)h->block + levels);
  h->bits[1] = h->bits[0] + h->nw + h->ns;
  h->orders = (Order *)(h->bits[1] + h->nw + h->ns);
  h->freeHead = 0;
  h->fresh = 1;
  h->live = 0;
  h->bestBid = -1;
  h->bestAsk = (int32_t)maxTicks;
}

static inline double qty_of(const Book *h, double lots) { return h->lotInv > 0 ? lots / h->lotInv : lots * h->lotSize; }

static inline double to_quote(const Book *h, double tickLots) {
  if (h->tickInv > 0 && h->lotInv > 0) return tickLots / h->tickInv / h->lotInv;
  return tickLots * h->tickSize * h->lotSize;
}

static inline int32_t tick_of(const Book *h, double price) {
  double t = price / h->tickSize;
  double tick = round(t);
  if (!(tick >= 1 && tick < (double)h->maxTicks && fabs(t - tick) <= 1e-9 * fmax(1, tick))) return -1;
  return (int32_t)tick;
}

static inline double lots_of(const Book *h, double qty) {
  double l = qty / h->lotSize;
  double lots = round(l);
  if (!(lots >= 1 && lots < MAX_SAFE && fabs(l - lots) <= 1e-9 * fmax(1, lots))) return -1;
  return lots;
}

// ---- bitmaps ----------------------------------------------------------------------------

static inline void set_bit(Book *h, int side, int32_t tick) {
  uint64_t *b = h->bits[side];
  uint32_t w = (uint32_t)tick >> 6;
  b[w] |= 1ull << (tick & 63);
  b[h->nw + (w >> 6)] |= 1ull << (w & 63);
}

static inline void clear_bit(Book *h, int side, int32_t tick) {
  uint64_t *b = h->bits[side];
  uint32_t w = (uint32_t)tick >> 6;
  uint64_t word = b[w] & ~(1ull << (tick & 63));
  b[w] = word;
  if (word == 0) b[h->nw + (w >> 6)] &= ~(1ull << (w & 63));
}

static int32_t next_up(const Book *h, int side, int32_t from) {
  if (from >= (int32_t)h->maxTicks) return (int32_t)h->maxTicks;
  const uint64_t *b = h->bits[side];
  uint32_t w = (uint32_t)from >> 6;
  uint64_t word = b[w] & (~0ull << (from & 63));
  if (word) return (int32_t)((w << 6) + __builtin_ctzll(word));
  if (w + 1 >= h->nw) return (int32_t)h->maxTicks;
  uint32_t sw = (w + 1) >> 6;
  uint64_t summary = b[h->nw + sw] & (~0ull << ((w + 1) & 63));
  while (!summary) {
    if (++sw >= h->ns) return (int32_t)h->maxTicks;
    summary = b[h->nw + sw];
  }
  w = (sw << 6) + __builtin_ctzll(summary);
  return (int32_t)((w << 6) + __builtin_ctzll(b[w]));
}

static inline uint64_t up_to(uint32_t r) { return r == 63 ? ~0ull : (1ull << (r + 1)) - 1; }

static int32_t next_down(const Book *h, int side, int32_t from) {
  if (from < 0) return -1;
  const uint64_t *b = h->bits[side];
  uint32_t w = (uint32_t)from >> 6;
  uint64_t word = b[w] & up_to(from & 63);
  if (word) return (int32_t)((w << 6) + 63 - __builtin_clzll(word));
  if (w == 0) return -1;
  int32_t sw = (int32_t)((w - 1) >> 6);
  uint64_t summary = b[h->nw + sw] & up_to((w - 1) & 63);
  while (!summary) {
    if (--sw < 0) return -1;
    summary = b[h->nw + sw];
  }
  w = ((uint32_t)sw << 6) + 63 - __builtin_clzll(summary);
  return (int32_t)((w << 6) + 63 - __builtin_clzll(b[w]));
}

// ---- order slots -------------------------------------------------------------------------

static inline uint32_t take_slot(Book *h) {
  if (h->freeHead) {
    uint32_t slot = h->freeHead;
    h->freeHead = h->orders[slot].next;
    return slot;
  }
  if (h->fresh <= h->capacity) {
    uint32_t slot = h->fresh++;
    h->orders[slot].gen = 1;
    return slot;
  }
  return 0;
}

static inline void free_slot(Book *h, uint32_t slot) {
  Order *o = &h->orders[slot];
  o->lots = 0;
  o->gen = o->gen >= 0x1fffffff ? 1 : o->gen + 1; // ids stay below 2^53
  o->next = h->freeHead;
  h->freeHead = slot;
  h->live--;
}

static inline double id_of(const Book *h, uint32_t slot) { return (double)h->orders[slot].gen * SLOT_BITS + slot; }

static inline uint32_t slot_of(const Book *h, double id) {
  if (!(id >= SLOT_BITS && id < MAX_SAFE)) return 0;
  double gen = floor(id / SLOT_BITS);
  uint32_t slot = (uint32_t)(id - gen * SLOT_BITS);
  if (slot == 0 || slot >= h->fresh || (double)h->orders[slot].gen != gen) return 0;
  if (h->orders[slot].lots == 0) return 0;
  return slot;
}

static uint32_t rest(Book *h, int side, int32_t tick, double lots) {
  uint32_t slot = take_slot(h);
  if (!slot) return 0;
  Order *o = &h->orders[slot];
  o->lots = lots;
  o->tick = (uint32_t)tick;
  o->side = (uint32_t)side;
  o->next = 0;
  Level *lv = &h->levels[tick];
  o->prev = lv->tail;
  if (lv->tail) h->orders[lv->tail].next = slot;
  else lv->head = slot;
  lv->tail = slot;
  if (lv->lots == 0) set_bit(h, side, tick);
  lv->lots += lots;
  h->live++;
  if (side == BUY) {
    if (tick > h->bestBid) h->bestBid = tick;
  } else if (tick < h->bestAsk) h->bestAsk = tick;
  return slot;
}

static void unlink_order(Book *h, uint32_t slot) {
  Order *o = &h->orders[slot];
  int32_t tick = (int32_t)o->tick;
  Level *lv = &h->levels[tick];
  if (o->prev) h->orders[o->prev].next = o->next;
  else lv->head = o->next;
  if (o->next) h->orders[o->next].prev = o->prev;
  else lv->tail = o->prev;
  lv->lots -= o->lots;
  if (lv->head == 0) {
    lv->lots = 0;
    clear_bit(h, (int)o->side, tick);
    if (o->side == BUY) {
      if (tick == h->bestBid) h->bestBid = next_down(h, BUY, tick - 1);
    } else if (tick == h->bestAsk) h->bestAsk = next_up(h, SELL, tick + 1);
  }
  free_slot(h, slot);
}

// ---- trading ----------------------------------------------------------------------------

static inline void reset(void) {
  rFilled = 0;
  rNotional = 0;
  rLastTick = -1;
  rRemaining = 0;
  rFull = 0;
}

static double take(Book *h, int side, double lots, int32_t limit) {
  double tickLots = 0;
  while (lots > 0) {
    int32_t tick = side == BUY ? h->bestAsk : h->bestBid;
    if (side == BUY ? tick > limit || tick >= (int32_t)h->maxTicks : tick < limit || tick < 0) break;
    Level *lv = &h->levels[tick];
    uint32_t slot = lv->head;
    while (slot && lots > 0) {
      Order *o = &h->orders[slot];
      double fill = lots < o->lots ? lots : o->lots;
      lots -= fill;
      rFilled += fill;
      tickLots += fill * (double)tick;
      rLastTick = tick;
      uint32_t next = o->next;
      if (fill == o->lots) {
        unlink_order(h, slot);
      } else {
        o->lots -= fill;
        lv->lots -= fill;
      }
      slot = next;
    }
  }
  rNotional = to_quote(h, tickLots);
  return lots;
}

static double marketable(const Book *h, int side, int32_t limit, double enough) {
  double sum = 0;
  int32_t tick = side == BUY ? h->bestAsk : h->bestBid;
  while (sum < enough) {
    if (side == BUY ? tick > limit || tick >= (int32_t)h->maxTicks : tick < limit || tick < 0) break;
    sum += h->levels[tick].lots;
    tick = side == BUY ? next_up(h, SELL, tick + 1) : next_down(h, BUY, tick - 1);
  }
  return sum;
}

static double book_limit(Book *h, int side, int32_t tick, double lots) {
  reset();
  if (h->freeHead == 0 && h->fresh > h->capacity && marketable(h, side, tick, lots) < lots) {
    rFull = 1;
    rRemaining = lots;
    return 0;
  }
  double left = take(h, side, lots, tick);
  rRemaining = left;
  return left > 0 ? id_of(h, rest(h, side, tick, left)) : 0;
}

static void book_market(Book *h, int side, double lots) {
  reset();
  rRemaining = take(h, side, lots, side == BUY ? (int32_t)h->maxTicks - 1 : 0);
}

static int book_cancel(Book *h, double id) {
  uint32_t slot = slot_of(h, id);
  if (!slot) return 0;
  unlink_order(h, slot);
  return 1;
}

static double book_reduce(Book *h, double id, double lots) {
  uint32_t slot = slot_of(h, id);
  if (!slot) return -1;
  Order *o = &h->orders[slot];
  if (lots >= o->lots) {
    unlink_order(h, slot);
    return 0;
  }
  o->lots -= lots;
  h->levels[o->tick].lots -= lots;
  return o->lots;
}

typedef struct {
  const uint8_t *op, *side;
  const double *price, *qty, *id;
  double *outId, *outFilled, *outNotional, *outRemaining;
} Columns;

// Rows from..to-1, as the core's bookBatch; -k ids index the whole columns.
static uint32_t batch(Book *h, const Columns *c, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++) {
    int op = c->op[i];
    int side = c->side[i];
    double id = c->id[i];
    if (id < 0) id = c->outId[(uint32_t)(-id) - 1];
    double result = 0;
    reset();
    if (op == 0) {
      result = book_limit(h, side, tick_of(h, c->price[i]), lots_of(h, c->qty[i]));
      if (rFull) return i;
    } else if (op == 1) {
      book_market(h, side, lots_of(h, c->qty[i]));
    } else if (op == 2) {
      result = book_cancel(h, id);
    } else {
      result = book_reduce(h, id, lots_of(h, c->qty[i]));
      if (result > 0) result = qty_of(h, result);
    }
    c->outId[i] = result;
    c->outFilled[i] = qty_of(h, rFilled);
    c->outNotional[i] = rNotional;
    c->outRemaining[i] = qty_of(h, rRemaining);
  }
  return to;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

// FNV-1a over the 32-bit halves of doubles: the same checksum venues.js computes.
static uint32_t fnv(uint32_t hash, const double *x, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++) {
    uint32_t half[2];
    memcpy(half, &x[i], 8);
    hash = (hash ^ half[0]) * 16777619u;
    hash = (hash ^ half[1]) * 16777619u;
  }
  return hash;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: book FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  uint32_t head[4];
  double steps[2];
  if (fread(head, 4, 4, f) != 4 || fread(steps, 8, 2, f) != 2) {
    fprintf(stderr, "book: short header\n");
    return 1;
  }
  uint32_t n = head[0], seed = head[1];
  uint8_t *op = malloc(n), *side = malloc(n);
  double *cols = malloc((size_t)n * 8 * 7);
  if (!op || !side || !cols) return 1;
  if (fread(op, 1, n, f) != n || fread(side, 1, n, f) != n || fread(cols, 8, (size_t)n * 3, f) != (size_t)n * 3) {
    fprintf(stderr, "book: short file\n");
    return 1;
  }
  fclose(f);
  Columns c = {op, side, cols, cols + n, cols + 2 * (size_t)n,
               cols + 3 * (size_t)n, cols + 4 * (size_t)n, cols + 5 * (size_t)n, cols + 6 * (size_t)n};
  Book h = {0};
  double best = INFINITY;
  for (int run = 0; run <= RUNS; run++) { // run 0 warms up
    book_init(&h, steps[0], steps[1], head[2], head[3]);
    if (batch(&h, &c, 0, seed) != seed) {
      fprintf(stderr, "book: full while seeding\n");
      return 1;
    }
    double t0 = now();
    uint32_t ran = batch(&h, &c, seed, n);
    double t = now() - t0;
    if (ran != n) {
      fprintf(stderr, "book: full at row %u\n", ran);
      return 1;
    }
    if (run > 0 && t < best) best = t;
  }
  double filledLots = 0, notional = 0;
  for (uint32_t i = seed; i < n; i++) {
    filledLots += round(c.outFilled[i] / h.lotSize);
    notional += c.outNotional[i];
  }
  uint32_t hash = 2166136261u;
  hash = fnv(hash, c.outId, seed, n);
  hash = fnv(hash, c.outFilled, seed, n);
  hash = fnv(hash, c.outNotional, seed, n);
  hash = fnv(hash, c.outRemaining, seed, n);
  printf("{\"ops\":%u,\"runs\":%d,\"seconds\":%.9g,\"bestBid\":%d,\"bestAsk\":%d,\"live\":%u,"
         "\"filledLots\":%.17g,\"notional\":%.17g,\"hash\":%u}\n",
         n - seed, RUNS, best, h.bestBid, h.bestAsk, h.live, filledLots, notional, hash);
  return 0;
}
