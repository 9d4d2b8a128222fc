// The dashboard's worker: the core runs here, so the page never waits on it. The page posts
//   { type: "load", scenario }                                 the scenario picked, once (a big file is cloned once)
//   { type: "run", id, levers, ctx }                           → { type: "result", id, ms, summary, series }
//                                                                 (the loaded scenario with the levers applied:
//                                                                 the cascade alone, its summary without exogenous drawdowns)
//   { type: "side", id, levers, ctx, counterfactual }          → { type: "side", id, ms, ladder, lows, reused }
//                                                                 (the same scenario's ladder and, when asked, its
//                                                                 exogenous counterfactual, for withCounterfactual)
//   { type: "stress", id, scenario, paths, horizonSteps, seed } → { type: "progress", id, done, total }…
//                                                                 then { type: "stressed", id, ms, … }
//   { type: "cancel", id }                                     → the stress run stops: { type: "cancelled", id }
// and gets { type: "error", id, message } when fracture refuses a scenario. On start: { type: "ready", … }.
import { init, liquidationLadder, runCounterfactual, scenarioJsonSchema, simulate, stress } from "fracture";
import { applyLevers, compact } from "./levers.js";

const ready = init(); // fetches and compiles fracture.wasm (Vite emits it beside this worker's bundle), once
const running = new Map(); // stress id → its AbortController
let loaded = null; // the scenario picked, before the levers
// the last exogenous counterfactual: a move of a mitigation's lever (which the counterfactual has
// none of) reuses it, with the same bits as running it again (runCounterfactual's cache)
const cache = {};

ready.then(
  () => {
    // the mitigation types this build of fracture knows, so the page shows only levers it can run
    const variants = scenarioJsonSchema().properties?.mitigations?.items?.oneOf ?? [];
    const mitigations = variants.map((v) => v.properties?.type?.const).filter((t) => typeof t === "string");
    postMessage({ type: "ready", mitigations });
  },
  (err) => postMessage({ type: "error", id: null, message: messageOf(err) }),
);

self.onmessage = async ({ data }) => {
  await ready;
  try {
    if (data.type === "load") loaded = data.scenario;
    else if (data.type === "run") postMessage(run(data));
    else if (data.type === "side") postMessage(side(data));
    else if (data.type === "stress") await stressRun(data);
    else if (data.type === "cancel") running.get(data.id)?.abort();
  } catch (err) {
    running.delete(data.id);
    postMessage({ type: "error", id: data.id, message: messageOf(err) });
  }
};

/** One cascade, cut down to the series the charts draw. */
function run({ id, levers, ctx }) {
  const started = performance.now();
  const scenario = applyLevers(loaded, levers, ctx);
  const asset = ctx.asset;
  const { summary, timeline } = simulate(scenario, { events: 0, counterfactual: false });
  const ms = performance.now() - started;
  const venuesOfAsset = scenario.venues.filter((v) => v.base === asset).map((v) => v.id);
  // an oracle is the asset's when one of its sources is the asset or one of its venues
  const oraclesOfAsset = (scenario.oracles ?? [])
    .filter((o) => (o.sources ?? [o.source]).some((s) => s === asset || venuesOfAsset.includes(s)))
    .map((o) => o.id);
  const perProtocol = (key) => Object.entries(timeline.protocols).map(([p, t]) => [p, t[key]]);
  // the steps with the largest liquidated notional, marked on the price chart (as the HTML report does)
  const total = timeline.liquidatedNotional;
  const bursts = [...total.keys()]
    .filter((i) => total[i] > 0)
    .sort((a, b) => total[b] - total[a])
    .slice(0, 5)
    .map((i) => ({ x: i * timeline.every, label: `liquidated ${compact(total[i])}` }));
  const series = {
    every: timeline.every,
    bursts,
    prices: [
      ["market", timeline.assets[asset].market],
      ["outside market", timeline.assets[asset].reference],
      ...venuesOfAsset.map((v) => [`venue ${v}`, timeline.venues[v].price]),
      ...oraclesOfAsset.map((o) => [`oracle ${o}`, timeline.oracles[o]]),
    ],
    liquidated: perProtocol("liquidatedNotional"),
    badDebt: perProtocol("badDebt"),
  };
  return { type: "result", id, ms, summary, series };
}

/**
 * What the cascade does not need, at the same time in this other worker: the asset's ladder and,
 * when the page asks, the exogenous counterfactual (its lows; the last ones when they are its).
 */
function side({ id, levers, ctx, counterfactual }) {
  const started = performance.now();
  const scenario = applyLevers(loaded, levers, ctx);
  const ladder = liquidationLadder(scenario, { asset: ctx.asset });
  const before = cache.reused ?? 0;
  if (counterfactual) runCounterfactual(scenario, cache);
  return {
    type: "side",
    id,
    ms: performance.now() - started,
    ladder: {
      spot: ladder.spot,
      fall: Float64Array.from(ladder.prices, (p) => (1 - p / ladder.spot) * 100),
      collateral: ladder.cumulativeCollateral,
      depth: ladder.depth,
    },
    lows: counterfactual ? cache.lows : undefined,
    reused: cache.reused > before,
  };
}

/** A stress run in this worker, reporting progress after each batch of paths; cancelled by its signal. */
async function stressRun({ id, scenario, paths, horizonSteps, seed }) {
  const controller = new AbortController();
  running.set(id, controller);
  const started = performance.now();
  try {
    const result = await stress(scenario, {
      paths,
      horizonSteps,
      seed,
      signal: controller.signal,
      onProgress: ({ done, total }) => postMessage({ type: "progress", id, done, total }),
    });
    const d = result.distributions.badDebt;
    postMessage({
      type: "stressed",
      id,
      ms: performance.now() - started,
      paths: result.paths,
      measures: result.measures,
      histogram: { edges: d.histogram.edges, counts: d.histogram.counts },
    });
  } catch (err) {
    if (controller.signal.aborted) postMessage({ type: "cancelled", id });
    else throw err;
  } finally {
    running.delete(id);
  }
}

function messageOf(err) {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
