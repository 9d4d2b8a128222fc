/** `fracture stress`: Monte Carlo over price paths, its shards, and their merge. @module */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { stressSections } from "../report/sections.ts";
import type { Distribution } from "../stress/distribution.ts";
import { mergeStress } from "../stress/merge.ts";
import { type StressResult, stress } from "../stress/stress.ts";
import { type Io, parse, UsageError, whole } from "./args.ts";
import { csvColumns } from "./csv.ts";
import { amount, count, pct, table, times } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { progressBar, QUIET_HELP } from "./progress.ts";
import { scenarioFrom } from "./scenario.ts";
import { quoteUnit } from "./units.ts";

export const STRESS_USAGE = `  fracture stress SCENARIO.json | - | --preset NAME [--paths N] [--seed S] [--horizon STEPS]
      [--workers N] [--shard i/n] [--json | --csv] [--quiet] [--html FILE]
      runs the scenario over N price paths of its assets (each asset's vol, or its model); prints
      VaR (95th percentile of bad debt), extreme VaR (99th), expected shortfall, liquidations at
      risk (95th percentile of liquidated notional) and the distributions; --shard i/n runs only
      its share of the paths (for a cluster), --json writes every path's outcomes, --csv
      them alone, a line per path; ${QUIET_HELP}
  fracture stress merge PART.json... [--json]
      merges the --json parts of one sharded run into the whole run's result`;

export const STRESS_EXAMPLES = `  fracture stress --preset sharedOracle --paths 2000
  fracture stress my.json --paths 100000 --workers 8 --json > run.json
  fracture stress my.json --paths 100000 --shard 3/10 --json > part-3.json
  fracture stress merge part-*.json`;

export async function stressCommand(args: string[], _io: Io): Promise<string> {
  if (args[0] === "merge") return mergeCommand(args.slice(1));
  const { values, positionals } = parse(
    "stress",
    args,
    {
      preset: { type: "string" },
      paths: { type: "string" },
      seed: { type: "string" },
      horizon: { type: "string" },
      workers: { type: "string" },
      shard: { type: "string" },
      json: { type: "boolean" },
      csv: { type: "boolean" },
      quiet: { type: "boolean" },
      html: { type: "string" },
    },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  let shard: [number, number] | undefined;
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m) throw new UsageError(`--shard expected i/n (e.g. 3/10, 0 ≤ i < n), got "${values.shard}"`);
    shard = [Number(m[1]), Number(m[2])];
  }
  const workers = whole("workers", values.workers) ?? Math.max(1, Math.min(availableParallelism(), 8));
  const bar = progressBar("stress", values.quiet);
  const started = performance.now();
  let result: StressResult;
  try {
    result = await stress(scenario, {
      paths: whole("paths", values.paths) ?? 1000,
      seed: whole("seed", values.seed),
      horizonSteps: whole("horizon", values.horizon),
      workers,
      shard,
      baseUrl,
      onProgress: ({ done, total }) => bar.update(done, total),
    });
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const name = (scenario as { name?: string }).name ?? "scenario";
  const html = values.html
    ? await writeHtml(values.html, `${name}: stress`, "fracture stress", stressSections(result), scenario)
    : undefined;
  if (values.json) return toJson(result);
  if (values.csv) return csvColumns("path", result.outcomes, result.first);
  const part = shard
    ? `, shard ${shard[0]}/${shard[1]} (paths ${result.first}–${result.first + result.count - 1})`
    : "";
  const text = report(
    result,
    quoteUnit(scenario),
    `${name}: ${count(result.count)} paths × ${count(result.horizonSteps)} steps (seed ${result.seed})${part}, ${workers} ${workers === 1 ? "worker" : "workers"}, ${seconds.toFixed(1)} s`,
  );
  return html ? `${text}\n\n${html}` : text;
}

async function mergeCommand(args: string[]): Promise<string> {
  const { values, positionals } = parse("stress", args, { json: { type: "boolean" } }, true);
  if (positionals.length === 0) throw new UsageError("stress merge expected the --json parts of a sharded run");
  const parts = await Promise.all(
    positionals.map(async (file) => {
      try {
        return JSON.parse(await readFile(file, "utf8")) as StressResult;
      } catch (err) {
        throw new UsageError(`cannot read ${file} as a stress --json part: ${(err as Error).message}`);
      }
    }),
  );
  const merged = mergeStress(parts);
  if (values.json) return toJson(merged);
  return report(merged, "quote", `${count(merged.paths)} paths merged from ${parts.length} parts`);
}

/** The measures and the distributions as tables. */
function report(r: StressResult, quote: string, head: string): string {
  const m = r.measures;
  const measures = [
    ["value at risk, 95% (bad debt)", amount(m.valueAtRisk, quote)],
    ["extreme value at risk, 99%", amount(m.extremeValueAtRisk, quote)],
    ["expected shortfall, 95%", amount(m.expectedShortfall, quote)],
    ["liquidations at risk, 95% (notional)", amount(m.liquidationsAtRisk, quote)],
    ["expected bad debt", amount(m.expectedBadDebt, quote)],
    ["self-sustaining cascades", pct(m.selfSustainingShare)],
  ];
  const d = r.distributions;
  const row = (label: string, x: Distribution, f: (v: number) => string) => [
    label,
    f(x.mean),
    f(x.quantiles.p50),
    f(x.quantiles.p95),
    f(x.quantiles.p99),
    f(x.quantiles.p999),
    f(x.max),
  ];
  const rows = [
    row("bad debt", d.badDebt, (v) => amount(v, quote)),
    row("liquidated notional", d.liquidatedNotional, (v) => amount(v, quote)),
    row("liquidations", d.liquidations, count),
    row("slippage paid", d.slippagePaid, (v) => amount(v, quote)),
    row("realized drawdown", d.realizedDrawdown, pct),
    row("exogenous drawdown", d.exogenousDrawdown, pct),
    row("amplification", d.amplification, times),
  ];
  return [
    head,
    "",
    table(["measure", "value"], measures),
    "",
    table(["outcome, over the paths", "mean", "p50", "p95", "p99", "p99.9", "max"], rows),
    "",
    `a cascade is self-sustaining when its realized drawdown is at least ${r.selfSustaining}× the exogenous one`,
  ].join("\n");
}
