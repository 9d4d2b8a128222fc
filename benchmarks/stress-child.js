// One stress run for benchmarks/stress.js, in a process of its own: prints its time, peak memory
// and measures as JSON. Usage: node benchmarks/stress-child.js PATHS WORKERS
import { init, presets, stress } from "../dist/index.node.js";

const [paths, workers] = process.argv.slice(2).map(Number);
await init();
const scenario = {
  ...presets.sharedOracle,
  steps: 250,
  shock: [],
  assets: [
    { id: "ETH", price: 2000, vol: 0.8 },
    { id: "USDC", price: 1 },
  ],
};
let peak = 0;
const watch = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 200);
const t = performance.now();
const r = await stress(scenario, { paths, seed: 1, workers });
const seconds = (performance.now() - t) / 1000;
clearInterval(watch);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ workers, seconds, rssMiB: peak / 2 ** 20, ...r.measures }));
