// Builds scenario.json from the exchange data beside it, with fracture's adapters:
//   node build.js > scenario.json        (from a project that has fracture installed)
// binance-ethusdt-depth.json  an L2 order book snapshot (GET /api/v3/depth?symbol=ETHUSDT)
// deribit-eth-options.json    an option book (public/get_book_summary_by_currency?currency=ETH&kind=option)
// positions.csv               a lending market's positions, as a subgraph export (read by the scenario itself)
import { readFile } from "node:fs/promises";
import { dealersFromDeribit, init, orderBookVenueFromL2 } from "fracture";

await init(); // the option chain is checked in the core

const here = (name) => new URL(name, import.meta.url);
const depth = JSON.parse(await readFile(here("binance-ethusdt-depth.json"), "utf8"));
const options = JSON.parse(await readFile(here("deribit-eth-options.json"), "utf8"));

// the snapshot is one exchange's top of book: scale it to stand for the market it is a share of
const { venue: book, mid } = orderBookVenueFromL2(depth, { id: "eth-book", base: "ETH", quote: "USDC", scale: 20 });
const { dealers } = dealersFromDeribit(options, { id: "deribit", venue: "eth-amm", underlying: "ETH" });

const scenario = {
  $schema: "../../schema/scenario.schema.json",
  version: 1,
  name: "real-inputs",
  description:
    "ETH from an exchange's L2 snapshot (the order book, scaled ×20) beside a constant-product pool, a lending market whose positions come from positions.csv, and options dealers from a Deribit book hedging on the pool. The exchange files are illustrative, in the exchanges' own formats.",
  stepSeconds: 12,
  steps: 200,
  seed: 1,
  assets: [
    { id: "ETH", price: mid, vol: 0.7 },
    { id: "USDC", price: 1 },
  ],
  venues: [
    book,
    { id: "eth-amm", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 2000, reserveQuote: 2000 * mid },
  ],
  oracles: [{ id: "eth-usd", type: "median", sources: ["eth-book", "eth-amm"] }],
  protocols: [
    {
      id: "aave-eth",
      type: "lending",
      oracles: { ETH: "eth-usd" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      positions: { csvFile: "positions.csv" },
    },
  ],
  liquidators: [{ id: "bots", capital: null, sellVenue: "eth-amm" }],
  dealers: [dealers],
  arbitrageurs: [{ id: "arb", venues: ["eth-book", "eth-amm"] }],
};
console.log(JSON.stringify(scenario, null, 2));
