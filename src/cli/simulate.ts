/** `fracture simulate`: runs a scenario (a file or a preset) and prints what the cascade did. @module */

import { simulateSections } from "../report/sections.ts";
import type { Scenario } from "../scenario/types.ts";
import { validateScenario } from "../scenario/validate.ts";
import { simulate } from "../simulate/simulate.ts";
import { type Io, parse, whole } from "./args.ts";
import { csvColumns } from "./csv.ts";
import { amount, count, pct, price, table, times } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { type Progress, progressBar, QUIET_HELP } from "./progress.ts";
import { scenarioFrom } from "./scenario.ts";
import { fieldUnit, mitigationUnit, quoteUnit } from "./units.ts";

export const SIMULATE_USAGE = `  fracture simulate SCENARIO.json | - | --preset NAME [--json] [--timeline] [--events] [--csv] [--seed S] [--html FILE]
                    [--quiet]
      runs the cascade step by step; prints bad debt, liquidations, drawdowns and their amplification;
      - reads the scenario from standard input; a csvFile is read beside the scenario file (stdin:
      the working directory); --timeline adds the per-step columns to --json, --events the first
      10,000 events (liquidations, barks, takes …) with each position's account; --html FILE writes
      a report with charts (prices, liquidations, bad debt) that opens from disk; --csv prints the
      timeline, a line per row (a row is \`every\` steps: 1 unless the run is huge), a column per
      series; --seed S replaces the scenario's seed (its generated positions and flows);
      amounts in the scenario's quote asset, prices in each venue's (NAME: fracture presets);
      ${QUIET_HELP}`;

export const SIMULATE_EXAMPLES = `  fracture simulate --preset blackThursday2020
  fracture simulate my.json --json --timeline > run.json
  fracture presets --show gammaSqueeze | fracture simulate -`;

export async function simulateCommand(args: string[], io: Io): Promise<string> {
  const { values, positionals } = parse(
    "simulate",
    args,
    {
      preset: { type: "string" },
      json: { type: "boolean" },
      timeline: { type: "boolean" },
      csv: { type: "boolean" },
      seed: { type: "string" },
      events: { type: "boolean" },
      html: { type: "string" },
      quiet: { type: "boolean" },
    },
    true,
  );
  const [given, baseUrl] = await scenarioFrom(values.preset, positionals);
  const seed = whole("seed", values.seed);
  const scenario = seed === undefined ? given : { ...given, seed };
  const bar = progressBar("simulate", values.quiet, "runs");
  // the run, its counterfactual, and the report when one is written
  const extra = values.html === undefined ? 0 : 1;
  // warnings wait until the bar is gone, so they do not land inside it
  const warnings: string[] = [];
  try {
    return await simulated(values, scenario, baseUrl, { warn: (m) => warnings.push(m) }, (done, total) =>
      bar.update(done, total + extra),
    );
  } finally {
    bar.stop();
    for (const w of warnings) io.warn(w);
  }
}

async function simulated(
  values: { events?: boolean; html?: string; csv?: boolean; json?: boolean; timeline?: boolean },
  scenario: Scenario,
  baseUrl: string | undefined,
  io: Io,
  update: Progress["update"],
): Promise<string> {
  let runs = 0;
  const { summary, timeline, events } = simulate(scenario, {
    events: values.events ? 10_000 : 0,
    baseUrl,
    onProgress: ({ done, total }) => {
      runs = total;
      update(done, total);
    },
  });
  if (summary.insolventAtStart > 0) {
    const where = Object.entries(summary.protocols)
      .filter(([, p]) => p.insolventAtStart > 0)
      .map(([id, p]) => `${count(p.insolventAtStart)} in ${id}`)
      .join(", ");
    io.warn(
      `${count(summary.insolventAtStart)} ${summary.insolventAtStart === 1 ? "position is" : "positions are"} insolvent before the first step (debt above the collateral's value: ${where}); their shortfall is bad debt at once, not the cascade's doing`,
    );
  }
  const html =
    values.html === undefined
      ? undefined
      : await writeHtml(
          values.html,
          `${(scenario as { name?: string }).name ?? "scenario"}: a cascade`,
          "fracture simulate",
          simulateSections(validateScenario(scenario, { baseUrl }), { summary, timeline, events }),
          scenario,
        );
  if (html) update(runs + 1, runs);
  if (values.csv) {
    // a protocol's own series under its own name (insuranceFund, debtInAuction …), none where it has none
    const protocols = Object.fromEntries(
      Object.entries(timeline.protocols).map(([id, { extra, extraName, ...series }]) => [
        id,
        extraName === "none" ? series : { ...series, [extraName]: extra },
      ]),
    );
    return csvColumns("row", { ...timeline, protocols });
  }
  if (values.json)
    return toJson({ summary, ...(values.timeline ? { timeline } : {}), ...(values.events ? { events } : {}) });

  const quote = quoteUnit(scenario);
  const name = (scenario as { name?: string }).name ?? "scenario";
  const specs = new Map((scenario.protocols ?? []).map((p) => [p.id, p]));
  const rows = Object.entries(summary.protocols).map(([id, p]) => [
    id,
    p.type,
    count(p.liquidations),
    amount(p.liquidatedNotional, quote),
    amount(p.badDebt, quote),
    count(p.zeroBidAuctions),
  ]);
  const drawdowns = Object.entries(summary.drawdowns).map(([asset, d]) => [
    asset,
    pct(d.exogenous),
    pct(d.realized),
    times(d.amplification),
    price(summary.finalPrices[asset], quote),
  ]);
  // each protocol type's own figures (insurance fund, auctions, margin …), one line each
  const COMMON = new Set([
    "type",
    "badDebt",
    "liquidations",
    "liquidatedNotional",
    "zeroBidAuctions",
    "insolventAtStart",
  ]);
  const details = Object.entries(summary.protocols).map(([id, p]) => {
    const spec = specs.get(id) as NonNullable<Scenario["protocols"]>[number];
    const fields = Object.entries(p).filter(([k]) => !COMMON.has(k));
    const shown = fields.flatMap(([k, x]) => {
      if (typeof x === "object") {
        // by asset, in its own units (a lending protocol's deficit); nothing when all are 0
        const owed = Object.entries(x as Record<string, number>).filter(([, v]) => v !== 0);
        return owed.length > 0 ? [`${k} ${owed.map(([a, v]) => amount(v, a)).join(" + ")}`] : [];
      }
      if (typeof x !== "number") return `${k} ${x}`;
      const unit = fieldUnit(k, spec, quote);
      return `${k} ${unit === "count" ? count(x) : amount(x, unit)}`;
    });
    return shown.length > 0 ? `${id}: ${shown.join(", ")}` : "";
  });
  // each mitigation's costs and own figures, one line each
  const mitigations = Object.entries(summary.mitigations).map(([id, m]) => {
    const shown = Object.entries(m)
      .filter(([k]) => k !== "type")
      .map(([k, x]) => {
        const unit = mitigationUnit(k, quote);
        const one = (y: number) => (unit === "count" ? count(y) : unit === "share" ? pct(y) : amount(y, unit));
        if (typeof x === "number") return `${k} ${one(x)}`;
        if (typeof x === "object")
          return `${k} ${Object.entries(x as Record<string, number>)
            .map(([n, y]) => `${n} ${one(y)}`)
            .join(" / ")}`;
        return `${k} ${x}`;
      });
    return `mitigation ${id} (${m.type}): ${shown.join(", ")}`;
  });
  return [
    `${name}: ${count(summary.steps)} steps`,
    "",
    table(["protocol", "type", "liquidations", "liquidated notional", "bad debt", "zero bids"], rows),
    ...details.filter((d) => d !== ""),
    ...mitigations,
    "",
    table(["asset", "exogenous drawdown", "realized", "amplification", "final price"], drawdowns),
    "",
    `bad debt ${amount(summary.badDebt, quote)}, liquidated ${amount(summary.liquidatedNotional, quote)}, slippage paid ${amount(summary.slippagePaid, quote)}`,
    `amounts and prices in ${quote === "quote" ? "the unit of the assets' prices" : `${quote} (the scenario's quote asset)`}`,
    "drawdown: the largest fall of an asset's market price (its venues' prices weighted by their depth within 5%) from the start, without the cascade (exogenous) and with it (realized)",
    ...(html ? [html] : []),
  ].join("\n");
}
