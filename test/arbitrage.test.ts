import { arbitrage, ConcentratedLiquidityPool, ConstantProductPool, OrderBook } from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";

function bookAt(mid: number): OrderBook {
  const book = new OrderBook({ tickSize: 0.01, lotSize: 0.001 });
  book.seedProfile({ mid, spreadBps: 2, levels: 300, levelBps: 2, qtyPerLevel: 40 });
  return book;
}

test("arbitrage: a pool below a book is bought until its price meets the bids within its fee", () => {
  const book = bookAt(2000);
  const pool = new ConstantProductPool({ reserveBase: 10_000, reserveQuote: 19_000_000, feeBps: 30 });
  const r = arbitrage(pool, book);
  equal(r.direction, 1, "bought on the pool, sold on the book");
  near(r.profit, r.quoteReceived - r.quoteSpent, 1e-9, "profit");
  assert(r.profit > 0 && r.base > 0, `flow ${JSON.stringify(r)}`);
  // no more profit: buying a lot more on the pool costs at least what the best bid pays
  const marginal = pool.price() / 0.997;
  // (within a few ticks: the book trades whole lots at whole ticks)
  assert(marginal >= book.bestBid() - 0.05, `pool ${marginal} below the best bid ${book.bestBid()}`);
  assert(marginal <= book.bestBid() + 0.02 * 2, `pool ${marginal} far above the best bid ${book.bestBid()}`);
  equal(arbitrage(pool, book).direction, 0, "nothing left to take");
  pool.dispose();
  book.dispose();
});

test("arbitrage: two pools end within their fees; capital caps the trade", () => {
  const a = new ConstantProductPool({ reserveBase: 10_000, reserveQuote: 19_000_000, feeBps: 30 });
  const b = new ConstantProductPool({ reserveBase: 100, reserveQuote: 210_000, feeBps: 30 });
  const capped = arbitrage(a, b, { maxQuote: 1000 });
  assert(capped.quoteSpent <= 1000 * (1 + 1e-12), `spent ${capped.quoteSpent}`);
  const r = arbitrage(a, b);
  equal(r.direction, 1, "a is cheaper");
  const ratio = b.price() / a.price();
  near(ratio, 1 / 0.997 ** 2, 1e-3, "prices differ by the two fees at most");
  equal(arbitrage(b, a).direction, 0, "and the reverse does not pay either");
  a.dispose();
  b.dispose();
});

test("arbitrage: a concentrated pool against a book, and the book's own swap", () => {
  const book = bookAt(2000);
  const cl = new ConcentratedLiquidityPool({
    price: 2050,
    feePips: 500,
    tickSpacing: 10,
    positions: [{ tickLower: 75000, tickUpper: 77000, liquidity: 1e7 }],
  });
  const r = arbitrage(book, cl);
  equal(r.direction, 1, "bought on the book, sold on the pool");
  assert(cl.price() <= book.bestAsk() / (1 - 0.0005) + 0.05, `pool ${cl.price()} vs ask ${book.bestAsk()}`);
  const q = book.quote("sell", 5.0005);
  const s = book.swap("sell", 5.0005);
  equal(s.amountOut, q.amountOut, "quote = swap");
  near(s.remaining, 0.0005, 1e-12, "dust below a lot stays");
  equal(book.price(), s.price, "the price after");
  throws(() => arbitrage(book, {} as never), TypeError, /"b" expected a pool or an OrderBook/);
  throws(() => book.swap("sell", -1), RangeError, /"amountIn"/);
  cl.dispose();
  book.dispose();
});
