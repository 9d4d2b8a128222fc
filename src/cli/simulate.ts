/** `fracture simulate`: runs a scenario (a file or a preset) and prints what the cascade did. @module */
import { parseArgs } from "node:util";
import { presets } from "../presets/index.ts";
import type { Scenario } from "../scenario/types.ts";
import { simulate } from "../simulate/simulate.ts";
import { readJson, UsageError } from "./args.ts";
import { format, table } from "./format.ts";

export const SIMULATE_USAGE = `  fracture simulate SCENARIO.json | --preset NAME [--json] [--timeline]
      runs the cascade step by step; prints bad debt, liquidations, drawdowns and their amplification
      (NAME: ${Object.keys(presets).join(", ")}; --timeline adds the per-step columns to --json)`;

export async function simulateCommand(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: { preset: { type: "string" }, json: { type: "boolean" }, timeline: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const scenario = await scenarioFrom(values.preset, positionals);
  const { summary, timeline } = simulate(scenario, { events: 0 });
  if (values.json) {
    const out = values.timeline ? { summary, timeline: columns(timeline) } : { summary };
    return JSON.stringify(out, (_, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x), 2);
  }
  const name = (scenario as { name?: string }).name ?? "scenario";
  const rows = Object.entries(summary.protocols).map(([id, p]) => [
    id,
    p.type,
    String(p.liquidations),
    format(p.liquidatedNotional),
    format(p.badDebt),
    String(p.zeroBidAuctions),
  ]);
  const drawdowns = Object.entries(summary.drawdowns).map(([asset, d]) => [
    asset,
    `${(100 * d.exogenous).toFixed(2)}%`,
    `${(100 * d.realized).toFixed(2)}%`,
    d.amplification.toFixed(2),
    format(summary.finalPrices[asset]),
  ]);
  // each protocol type's own figures (insurance fund, auctions, margin …), one line each
  const COMMON = new Set(["type", "badDebt", "liquidations", "liquidatedNotional", "zeroBidAuctions"]);
  const details = Object.entries(summary.protocols).map(
    ([id, p]) =>
      `${id}: ${Object.entries(p)
        .filter(([k]) => !COMMON.has(k))
        .map(([k, x]) => `${k} ${typeof x !== "number" || Number.isInteger(x) ? x : format(x)}`)
        .join(", ")}`,
  );
  return [
    `${name}: ${summary.steps} steps`,
    "",
    table(["protocol", "type", "liquidations", "notional", "bad debt", "zero bids"], rows),
    ...details.filter((d) => !d.endsWith(": ")),
    "",
    table(["asset", "exogenous drawdown", "realized", "amplification", "final price"], drawdowns),
    "",
    `bad debt ${format(summary.badDebt)}, liquidated ${format(summary.liquidatedNotional)}, slippage paid ${format(summary.slippagePaid)}`,
  ].join("\n");
}

async function scenarioFrom(preset: string | undefined, files: string[]): Promise<Scenario> {
  if (preset !== undefined) {
    if (files.length > 0) throw new UsageError("give a scenario file or --preset, not both");
    if (!Object.hasOwn(presets, preset))
      throw new UsageError(`unknown preset "${preset}" (one of ${Object.keys(presets).join(", ")})`);
    return presets[preset as keyof typeof presets];
  }
  if (files.length !== 1) throw new UsageError("give one scenario file or --preset NAME (see fracture --help)");
  return (await readJson(files[0])) as Scenario; // simulate validates it
}

/** Typed arrays as plain arrays, for JSON. */
function columns(x: unknown): unknown {
  if (x instanceof Float64Array) return Array.from(x);
  if (typeof x !== "object" || x === null) return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, columns(v)]));
}
