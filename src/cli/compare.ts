/** `fracture compare`: the scenario under each mitigation, side by side. @module */

import { compareSections, sweepSections } from "../report/sections.ts";
import { type ComparisonRow, compareMitigations, OPPORTUNITY_RATE, sweepMitigation } from "../risk/compare.ts";
import { MECHANISM_TYPES, mechanismEntry } from "../risk/variants.ts";
import { nearest } from "../scenario/explain.ts";
import { type Io, numbers, parse, UsageError, whole } from "./args.ts";
import { csvTable } from "./csv.ts";
import { amount, count, duration, pct, table, times } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { QUIET_HELP, withProgress } from "./progress.ts";
import { scenarioFrom } from "./scenario.ts";
import { quoteUnit } from "./units.ts";

export const COMPARE_USAGE = `  fracture compare SCENARIO.json | - | --preset NAME [--sweep MECHANISM.PARAMETER=V1,V2,...] [--paths N]
                   [--seed S] [--rate R] [--json | --csv] [--html FILE] [--quiet]
      runs the scenario with no mitigation, with each mechanism alone (its documented defaults) and
      with all together: bad debt, drawdown, amplification, liquidations, slippage, liquidation
      delay, and the cost side (capital committed, incentives paid, lost borrowing power); --paths N
      adds each variant's VaR and liquidations at risk on the same N stress paths; --rate R is the
      yearly return committed capital forgoes (default ${OPPORTUNITY_RATE});
      --sweep runs instead the baseline and one mechanism (the scenario's own of that type, else
      its defaults) with one parameter at each value: the trade-off curve, drawn by --html
      (mechanisms: ${MECHANISM_TYPES.join(", ")}); ${QUIET_HELP}`;

export const COMPARE_EXAMPLES = `  fracture compare --preset sharedOracle
  fracture compare my.json --paths 500 --csv > compare.csv
  fracture compare --preset commonCollateral --sweep insurance.capacity=1e6,5e6,1e7,2e7,5e7 --html sweep.html`;

/** A --sweep: the mechanism, the parameter and its values. */
interface Sweep {
  mechanism: string;
  parameter: string;
  values: number[];
}

function sweepOf(text: string): Sweep {
  const m = /^(\w+)\.(\w+)=(.*)$/.exec(text);
  if (!m)
    throw new UsageError(
      `--sweep expected MECHANISM.PARAMETER=V1,V2,... (e.g. insurance.capacity=1e6,5e6,2e7), got "${text}"`,
    );
  const [, mechanism, parameter, list] = m;
  if (!MECHANISM_TYPES.includes(mechanism)) {
    const near = nearest(mechanism, [...MECHANISM_TYPES]);
    throw new UsageError(
      `--sweep: unknown mechanism "${mechanism}" (${near ? `did you mean "${near}"? ` : ""}one of ${MECHANISM_TYPES.join(", ")})`,
    );
  }
  if (parameter === "type" || parameter === "id")
    throw new UsageError(`--sweep: "${parameter}" is not a parameter to sweep (a number of the mechanism's)`);
  return { mechanism, parameter, values: numbers("sweep", list) };
}

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
      sweep: { type: "string" },
      quiet: { type: "boolean" },
    },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  const rate = values.rate === undefined ? OPPORTUNITY_RATE : Number(values.rate);
  if (!(rate >= 0 && rate <= 10))
    throw new UsageError(`--rate expected a yearly rate in [0, 10], got "${values.rate}"`);
  const sweep = values.sweep === undefined ? undefined : sweepOf(values.sweep);
  const entry = sweep && mechanismEntry(scenario, sweep.mechanism);
  if (sweep && !entry)
    throw new UsageError(`--sweep: ${sweep.mechanism} does not apply to this scenario (see fracture compare --help)`);
  const rows = await withProgress("compare", values.quiet, "variants", (update) => {
    const options = {
      opportunityRate: rate,
      paths: whole("paths", values.paths),
      seed: whole("seed", values.seed),
      baseUrl,
      onProgress: ({ done, total }: { done: number; total: number }) => update(done, total),
    };
    return sweep && entry
      ? sweepMitigation(scenario, entry, sweep.parameter, sweep.values, options)
      : compareMitigations(scenario, undefined, options);
  });
  const name = (scenario as { name?: string }).name ?? "scenario";
  const title = sweep ? `${name}: ${sweep.mechanism}.${sweep.parameter} swept` : `${name}: mitigations compared`;
  const html = values.html
    ? await writeHtml(
        values.html,
        title,
        "fracture compare",
        sweep ? sweepSections(sweep.mechanism, sweep.parameter, sweep.values, rows) : compareSections(rows),
        scenario,
      )
    : undefined;
  if (values.json) return toJson(sweep ? { ...sweep, rows } : rows);
  if (values.csv) return csv(rows, sweep?.values);
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
    title,
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

/** The rows as CSV: one header, one line per variant, raw numbers; a sweep's value after the variant. */
function csv(rows: ComparisonRow[], swept?: number[]): string {
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
  const lines = rows.map((r) => [
    r.name,
    ...header.slice(1, -2).map((k) => r[k as keyof ComparisonRow] as number),
    r.stress?.valueAtRisk,
    r.stress?.liquidationsAtRisk,
  ]);
  if (!swept) return csvTable(header, lines);
  // the baseline first, then one row per value
  return csvTable(
    ["variant", "value", ...header.slice(1)],
    lines.map(([variant, ...rest], i) => [variant, i === 0 ? undefined : swept[i - 1], ...rest]),
  );
}
