// The dashboard's page: picks a scenario, builds the lever panel from levers.js, and sends each
// change of the levers to a worker (worker.js) that runs the cascade in the core and to a second
// one that computes the ladder and runs the exogenous counterfactual at the same time, on another
// core; completes the one's summary with the other's drawdowns (withCounterfactual: the bits of a
// run of both) and draws it.
// A third worker runs stress, so the levers keep working during a long Monte Carlo run.
import { presets, withCounterfactual } from "fracture"; // the presets' JSON and plain arithmetic: the core lives in the workers
import { draw } from "./charts.js";
import { applyLevers, LEVERS, tradedAssets } from "./levers.js";

const $ = (id) => document.getElementById(id);
const spawn = () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const sim = spawn(); // the cascade
const cf = spawn(); // the ladder and the counterfactual
const stresser = spawn();

let base = null; // the scenario picked (a preset or a file), before the levers
let ctx = { asset: "", mitigations: [] };
let levers = {}; // lever id → { on, values }
let ready = false;

// ---- formatting ---------------------------------------------------------------------------------

const amount = (x) =>
  !Number.isFinite(x)
    ? "—"
    : Math.abs(x) >= 1000
      ? Math.round(x).toLocaleString("en-US")
      : Number.isInteger(x)
        ? String(x)
        : x.toPrecision(4);
const share = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");

function status(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

function rows(table, list) {
  table.tBodies[0].replaceChildren(
    ...list.map(([key, label, value]) => {
      const tr = document.createElement("tr");
      tr.dataset.key = key;
      const th = document.createElement("th");
      th.textContent = label;
      const td = document.createElement("td");
      td.textContent = value;
      tr.append(th, td);
      return tr;
    }),
  );
}

// ---- picking a scenario -------------------------------------------------------------------------

for (const name of Object.keys(presets)) $("preset").append(new Option(name, name));
const wanted = new URLSearchParams(location.search).get("preset");
$("preset").value = wanted && wanted in presets ? wanted : "sharedOracle";

function load(scenario) {
  base = scenario;
  kept = null;
  // once: each run sends only the levers' state
  sim.postMessage({ type: "load", scenario });
  cf.postMessage({ type: "load", scenario });
  const assets = tradedAssets(scenario);
  $("asset").replaceChildren(...assets.map((a) => new Option(a, a)));
  $("about").textContent = scenario.description ?? scenario.name ?? "";
  $("horizon").value = String(Math.min(scenario.steps, 300));
  pickAsset(assets[0] ?? "");
}

function pickAsset(asset) {
  ctx = { ...ctx, asset };
  buildLevers();
  rerun(performance.now());
}

$("preset").addEventListener("change", () => load(presets[$("preset").value]));
$("asset").addEventListener("change", () => pickAsset($("asset").value));

async function loadFile(file) {
  try {
    load(JSON.parse(await file.text())); // the worker validates it and names any bad field
    $("preset").value = "";
  } catch (err) {
    status(`${file.name}: ${err.message}`, true);
  }
}
$("file").addEventListener("change", () => $("file").files[0] && loadFile($("file").files[0]));
addEventListener("dragover", (e) => {
  e.preventDefault();
  $("drop-zone").classList.add("over");
});
addEventListener("dragleave", () => $("drop-zone").classList.remove("over"));
addEventListener("drop", (e) => {
  e.preventDefault();
  $("drop-zone").classList.remove("over");
  const file = e.dataTransfer?.files[0];
  if (file) loadFile(file);
});

// ---- the lever panel, from the table ------------------------------------------------------------

function buildLevers() {
  levers = {};
  for (const group of ["shock", "mitigation"]) $(group).replaceChildren($(group).querySelector("legend"));
  for (const lever of LEVERS) {
    const available = base ? lever.available(base, ctx) : false;
    if (available === false) continue;
    const box = document.createElement("div");
    box.className = "lever";
    box.id = `lever-${lever.id}`;
    const title = document.createElement("p");
    if (available !== true) {
      // the scenario does not accept this mechanism: the lever is shown, off, with the reason
      box.classList.add("disabled");
      box.dataset.reason = available;
      title.append(lever.label);
      const why = Object.assign(document.createElement("p"), {
        className: "muted",
        textContent: `Not here: ${available}.`,
      });
      box.append(title, why);
      $(lever.group).append(box);
      continue;
    }
    const state = { on: !lever.optional, values: { ...lever.initial(base, ctx) } };
    levers[lever.id] = state;
    if (lever.optional) {
      const on = document.createElement("input");
      on.type = "checkbox";
      on.id = `${lever.id}-on`;
      on.addEventListener("change", () => {
        state.on = on.checked;
        rerun(performance.now());
      });
      title.append(on, " ");
      state.box = on;
    }
    title.append(lever.label);
    box.append(title);
    for (const p of lever.params) {
      // a log parameter's slider moves over log10 of its range; its values keep 3 significant digits
      const toSlider = p.log ? Math.log10 : (x) => x;
      const exact = p.log ? (x) => Number((10 ** x).toPrecision(3)) : (x) => x;
      const fromSlider = p.integer ? (x) => Math.round(exact(x)) : exact;
      const label = document.createElement("label");
      const slider = Object.assign(document.createElement("input"), {
        type: "range",
        id: `${lever.id}-${p.key}`,
        min: toSlider(p.min),
        max: toSlider(typeof p.max === "function" ? p.max(base) : p.max), // a range may depend on the scenario
        step: p.step,
        value: toSlider(state.values[p.key]),
      });
      const out = document.createElement("output");
      out.textContent = p.format(state.values[p.key]);
      slider.addEventListener("input", (e) => {
        state.values[p.key] = fromSlider(Number(slider.value));
        out.textContent = p.format(state.values[p.key]);
        if (state.box && !state.on) state.on = state.box.checked = true; // moving a slider turns its lever on
        rerun(e.timeStamp);
      });
      label.append(p.label, slider, out);
      box.append(label);
    }
    $(lever.group).append(box);
  }
}

const current = () => applyLevers(base, levers, ctx);

// ---- running: one run at a time, the latest state next -----------------------------------------

let runId = 0;
let busy = false;
let queued = null; // the time of the input that asked for a run while one was going
let asked = 0;
let runs = 0;
let pending = null; // the run in flight: { id, result?, side?, reads? }
let kept = null; // the last counterfactual: { reads, lows }, `reads` the state of the levers it depends on

function rerun(at) {
  if (!ready || !base) return;
  if (busy) {
    queued = at;
    return;
  }
  busy = true;
  asked = at;
  status("Running…");
  // the levers' values and switches (not their elements): the worker applies them to its copy of the scenario
  const state = Object.fromEntries(Object.entries(levers).map(([id, { on, values }]) => [id, { on, values }]));
  pending = { id: ++runId };
  sim.postMessage({ type: "run", id: runId, levers: state, ctx });
  // the counterfactual again only when a lever it reads moved (not a mitigation's)
  const reads = JSON.stringify([
    ctx.asset,
    Object.entries(state).filter(([id]) => LEVERS.find((l) => l.id === id)?.counterfactual !== false),
  ]);
  const again = kept?.reads !== reads;
  if (again) pending.reads = reads;
  cf.postMessage({ type: "side", id: runId, levers: state, ctx, counterfactual: again });
}

/** A part of the run in flight came back; with both, it is shown. */
function arrived(id, part, data) {
  if (pending?.id !== id) return;
  pending[part] = data;
  const { result, side, reads } = pending;
  if (!result || !side) return;
  pending = null;
  if (reads !== undefined) kept = { reads, lows: side.lows };
  const counterfactual = { ms: side.ms, reused: reads === undefined || side.reused, lows: kept.lows };
  show({
    ...result,
    summary: withCounterfactual(result.summary, counterfactual),
    series: { ...result.series, ladder: side.ladder },
    counterfactual,
  });
}

/** A worker refused the run in flight (both refuse a bad scenario: the first says why). */
function failed(data) {
  status(data.message, true);
  if (data.id !== null && pending?.id === data.id) {
    pending = null;
    finished();
  }
}

function finished() {
  busy = false;
  if (queued !== null) {
    const at = queued;
    queued = null;
    rerun(at);
  }
}

function show({ ms, summary, series, counterfactual }) {
  const got = performance.now();
  const steps = series.prices[0][1].length;
  const x = Float64Array.from({ length: steps }, (_, i) => i * series.every);
  const drop = levers.drop?.on ? levers.drop.values.fraction * 100 : Number.NaN;
  draw("chart-prices", { x, xLabel: "step", yLabel: "price", series: series.prices, marks: series.bursts });
  draw("chart-liquidated", { x, xLabel: "step", yLabel: "quote", series: series.liquidated, bars: steps <= 400 });
  draw("chart-baddebt", { x, xLabel: "step", yLabel: "quote", series: series.badDebt });
  draw("chart-ladder", {
    x: series.ladder.fall,
    xLabel: `fall from ${series.ladder.spot} (%)`,
    yLabel: ctx.asset,
    series: [
      ["liquidatable collateral (cumulative)", series.ladder.collateral],
      ["venue depth", series.ladder.depth],
    ],
    marks: [{ x: drop, label: "the drop" }],
  });
  rows($("summary"), [
    ["badDebt", "bad debt", amount(summary.badDebt)],
    ...Object.entries(summary.badDebtByProtocol).map(([p, v]) => [`badDebt.${p}`, `  of which ${p}`, amount(v)]),
    ["liquidations", "liquidations", amount(summary.liquidations)],
    ["liquidatedNotional", "liquidated notional", amount(summary.liquidatedNotional)],
    ["exogenousDrawdown", `${summary.drawdownAsset} drawdown, outside market alone`, share(summary.exogenousDrawdown)],
    ["realizedDrawdown", `${summary.drawdownAsset} drawdown, with the cascade`, share(summary.realizedDrawdown)],
    [
      "amplification",
      "amplification",
      Number.isFinite(summary.amplification) ? `${summary.amplification.toFixed(2)}×` : "—",
    ],
    ["slippagePaid", "slippage paid by forced sellers", amount(summary.slippagePaid)],
    ["zeroBidAuctions", "zero-bid auctions", amount(summary.zeroBidAuctions)],
    ["steps", "steps run", amount(summary.steps)],
  ]);
  // after the charts have painted: the time from the input to what it shows
  requestAnimationFrame(() => {
    const total = performance.now() - asked;
    $("timing").textContent =
      `Input to redrawn charts: ${total.toFixed(0)} ms (in the workers, at once: the cascade ${ms.toFixed(0)} ms; the ladder and the counterfactual ${counterfactual.ms.toFixed(0)} ms${counterfactual.reused ? ", the last one's reused" : ""}).`;
    document.body.dataset.counterfactual = counterfactual.reused ? "reused" : "run";
    document.body.dataset.counterfactualMs = counterfactual.ms.toFixed(0);
    document.body.dataset.redrawMs = total.toFixed(0);
    document.body.dataset.coreMs = ms.toFixed(0);
    document.body.dataset.drawMs = (performance.now() - got).toFixed(0); // the result in the page to the frame after
    document.body.dataset.runs = String(++runs);
    status("Ready.");
    finished();
  });
}

sim.onmessage = ({ data }) => {
  if (data.type === "ready") {
    ready = true;
    ctx = { ...ctx, mitigations: data.mitigations };
    $("stress-run").disabled = false;
    status("Ready.");
    load(presets[$("preset").value]);
  } else if (data.type === "result") arrived(data.id, "result", data);
  else if (data.type === "error") failed(data);
};
cf.onmessage = ({ data }) => {
  if (data.type === "side") arrived(data.id, "side", data);
  else if (data.type === "error") failed(data);
};

// ---- stress -------------------------------------------------------------------------------------

let stressId = 0;

$("stress-run").addEventListener("click", () => {
  if (!base) return;
  stressId++;
  $("stress-run").disabled = true;
  $("stress-cancel").disabled = false;
  $("stress-progress").value = 0;
  $("stress-status").textContent = "Running…";
  $("stress-status").dataset.state = "running";
  stresser.postMessage({
    type: "stress",
    id: stressId,
    scenario: current(),
    paths: Number($("paths").value),
    horizonSteps: Number($("horizon").value),
    seed: Number($("seed").value),
  });
});
$("stress-cancel").addEventListener("click", () => {
  stresser.postMessage({ type: "cancel", id: stressId });
  $("stress-cancel").disabled = true;
  $("stress-status").textContent = "Cancelling after the batch of paths in progress…";
});

stresser.onmessage = ({ data }) => {
  if (data.id !== stressId) return;
  const over = () => {
    $("stress-run").disabled = false;
    $("stress-cancel").disabled = true;
  };
  if (data.type === "progress") {
    $("stress-progress").max = data.total;
    $("stress-progress").value = data.done;
    $("stress-status").textContent = `${data.done} of ${data.total} paths`;
  } else if (data.type === "cancelled") {
    over();
    $("stress-status").textContent = `Cancelled at ${$("stress-progress").value} of ${$("stress-progress").max} paths.`;
    $("stress-status").dataset.state = "cancelled";
  } else if (data.type === "error") {
    over();
    $("stress-status").textContent = data.message;
    $("stress-status").dataset.state = "error";
  } else if (data.type === "stressed") {
    over();
    const m = data.measures;
    $("stress-status").textContent = `${data.paths} paths in ${(data.ms / 1000).toFixed(1)} s.`;
    $("stress-status").dataset.state = "done";
    $("stress-table").hidden = false;
    rows($("stress-table"), [
      ["valueAtRisk", "VaR (95th percentile of bad debt)", amount(m.valueAtRisk)],
      ["extremeValueAtRisk", "extreme VaR (99th)", amount(m.extremeValueAtRisk)],
      ["expectedShortfall", "expected shortfall (worst 5%)", amount(m.expectedShortfall)],
      ["liquidationsAtRisk", "liquidations at risk (95th)", amount(m.liquidationsAtRisk)],
      ["expectedBadDebt", "mean bad debt", amount(m.expectedBadDebt)],
      ["selfSustainingShare", "self-sustaining cascades", share(m.selfSustainingShare)],
    ]);
    $("stress-figure").hidden = false;
    draw("chart-stress", {
      x: data.histogram.edges,
      xLabel: "bad debt (lower edge of the bin)",
      yLabel: "paths",
      series: [["paths", data.histogram.counts]],
      bars: true,
      marks: [
        { x: m.valueAtRisk, label: "VaR" },
        { x: m.expectedShortfall, label: "ES" },
      ],
    });
  }
};
