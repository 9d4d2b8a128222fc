/** `fracture compare`: the scenario under each mitigation, side by side. @module */

import { compareSections } from "../report/sections.ts";
import { type ComparisonRow, compareMitigations, OPPORTUNITY_RATE } from "../risk/compare.ts";
import { type Io, parse, UsageError, whole } from "./args.ts";
import { csvTable } from "./csv.ts";
import { amount, count, duration, pct, table, times } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { scenarioFrom } from "./scenario.ts";
import { quoteUnit } from "./units.ts";

export const COMPARE_USAGE = `  fracture compare SCENARIO.json | - | --preset NAME [--paths N] [--seed S] [--rate R] [--json | --csv] [--html FILE]
      runs the scenario with no mitigation, with each mechanism alone (its documented defaults) and
      with all together: bad debt, drawdown, amplification, liquidations, slippage, liquidation
      delay, and the cost side (capital committed, incentives paid, lost borrowing power); --paths N
      adds each variant's VaR and liquidations at risk on the same N stress paths; --rate R is the
      yearly return committed capital forgoes (default ${OPPORTUNITY_RATE})`;

export const COMPARE_EXAMPLES = `  fracture compare --preset sharedOracle
  fracture compare my.json --paths 500 --csv > compare.csv`;

export async function compareCommand(args: string[], _io: Io): Promise<string> {
  const { values, positionals } = parse(
    "compare",
    args,
    {
      preset: { type: "string" },
      paths: { type: "string" },
      seed: { type: "string" },
      rate: { type: "string" },
      json: { type: "boolean" },
      csv: { type: "boolean" },
      html: { type: "string" },
    },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  const rate = values.rate === undefined ? OPPORTUNITY_RATE : Number(values.rate);
  if (!(rate >= 0 && rate <= 10))
    throw new UsageError(`--rate expected a yearly rate in [0, 10], got "${values.rate}"`);
  const rows = compareMitigations(scenario, undefined, {
    opportunityRate: rate,
    paths: whole("paths", values.paths),
    seed: whole("seed", values.seed),
    baseUrl,
  });
  const name = (scenario as { name?: string }).name ?? "scenario";
  const html = values.html
    ? await writeHtml(values.html, `${name}: mitigations compared`, "fracture compare", compareSections(rows), scenario)
    : undefined;
  if (values.json) return toJson(rows);
  if (values.csv) return csv(rows);
  const quote = quoteUnit(scenario);
  const effect = rows.map((r) => [
    r.name,
    amount(r.badDebt, quote),
    pct(r.realizedDrawdown),
    times(r.amplification),
    count(r.liquidations),
    amount(r.liquidatedNotional, quote),
    amount(r.slippagePaid, quote),
    duration(r.liquidationDelay * (scenario.stepSeconds ?? 12)),
    ...(r.stress ? [amount(r.stress.valueAtRisk, quote), amount(r.stress.liquidationsAtRisk, quote)] : []),
  ]);
  const cost = rows.map((r) => [
    r.name,
    amount(r.capitalCommitted, quote),
    amount(r.opportunityCostPerYear, quote),
    amount(r.incentivesPaid, quote),
    amount(r.lostBorrowingPower, quote),
  ]);
  const stressed = rows[0].stress ? ["VaR 95%", "liquidations at risk"] : [];
  return [
    `${name}: mitigations compared`,
    "",
    table(
      [
        "variant",
        "bad debt",
        "drawdown",
        "amplification",
        "liquidations",
        "notional",
        "slippage",
        "liquidation delay",
        ...stressed,
      ],
      effect,
    ),
    "",
    table(
      ["variant", "capital committed", `its cost / year (${pct(rate)})`, "incentives paid", "lost borrowing power"],
      cost,
    ),
    ...(html ? ["", html] : []),
  ].join("\n");
}

/** The rows as CSV: one header, one line per variant, raw numbers. */
function csv(rows: ComparisonRow[]): string {
  const header = [
    "variant",
    "badDebt",
    "realizedDrawdown",
    "amplification",
    "liquidations",
    "liquidatedNotional",
    "slippagePaid",
    "liquidationDelay",
    "capitalCommitted",
    "opportunityCostPerYear",
    "incentivesPaid",
    "lostBorrowingPower",
    "valueAtRisk",
    "liquidationsAtRisk",
  ] as const;
  return csvTable(
    header,
    rows.map((r) => [
      r.name,
      ...header.slice(1, -2).map((k) => r[k as keyof ComparisonRow] as number),
      r.stress?.valueAtRisk,
      r.stress?.liquidationsAtRisk,
    ]),
  );
}
