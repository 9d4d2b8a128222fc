// fracture in a page: load the core, price an option, run a preset cascade and show its summary.
import { greeks, init, presets, simulate } from "fracture";

const show = (id, text) => {
  document.getElementById(id).textContent = text;
};
const money = (x) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const pct = (x) => `${(100 * x).toFixed(1)}%`;

try {
  // With no argument init() fetches fracture.wasm from beside fracture's code; Vite emits it as an
  // asset and rewrites that URL. Elsewhere pass its URL: init(new URL("./fracture.wasm", import.meta.url)).
  await init();

  const option = { spot: 2000, strike: 2200, time: 30 / 365, vol: 0.8, rate: 0.04 };
  const g = greeks.bsm(option);
  show(
    "option",
    [
      `ETH call, strike ${option.strike}, 30 days, spot ${option.spot}, vol 80%, rate 4%`,
      `price ${g.price[0].toFixed(4)}`,
      `delta ${g.delta[0].toFixed(4)}   gamma ${g.gamma[0].toExponential(3)}   vega ${g.vega[0].toFixed(2)}`,
      `theta ${g.theta[0].toFixed(2)} a year   rho ${g.rho[0].toFixed(2)}`,
    ].join("\n"),
  );

  const scenario = presets.sharedOracle;
  const started = performance.now();
  const { summary } = simulate(scenario);
  const ms = performance.now() - started;
  show("about", scenario.description);
  show(
    "cascade",
    [
      `liquidations        ${money(summary.liquidations)}`,
      `liquidated notional ${money(summary.liquidatedNotional)}`,
      `bad debt            ${money(summary.badDebt)}`,
      ...Object.entries(summary.badDebtByProtocol).map(([id, debt]) => `  of which ${id.padEnd(9)} ${money(debt)}`),
      `${summary.drawdownAsset} drawdown         ${pct(summary.realizedDrawdown)} (the sale alone: ${pct(summary.exogenousDrawdown)})`,
      `amplification       ${summary.amplification.toFixed(2)}×`,
      `steps               ${summary.steps}`,
    ].join("\n"),
  );
  show("status", `Done: the core ran in this page (the cascade took ${ms.toFixed(0)} ms).`);
} catch (err) {
  show("status", `Failed: ${err instanceof Error ? err.message : String(err)}`);
  throw err;
}
