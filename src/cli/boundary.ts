/** `fracture boundary`: the solvency boundary of each asset, static and dynamic. @module */

import { boundarySections } from "../report/sections.ts";
import { solvencyBoundary } from "../risk/boundary.ts";
import { liquidationLadder } from "../risk/ladder.ts";
import { type Io, parse, UsageError } from "./args.ts";
import { amount, count, pct, price, table } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { QUIET_HELP, withProgress } from "./progress.ts";
import { scenarioFrom } from "./scenario.ts";
import { quoteUnit } from "./units.ts";

export const BOUNDARY_USAGE = `  fracture boundary SCENARIO.json | - | --preset NAME [--asset ID] [--json] [--html FILE] [--quiet]
      the price per asset at which a cascade turns self-sustaining: static (forced sales between
      spot and the price outrun the venues' depth) and dynamic (the smallest sudden drop whose
      simulated cascade at least doubles the fall); ${QUIET_HELP}`;

export const BOUNDARY_EXAMPLES = `  fracture boundary --preset sharedOracle
  fracture boundary my.json --asset ETH --json`;

export async function boundaryCommand(args: string[], _io: Io): Promise<string> {
  const { values, positionals } = parse(
    "boundary",
    args,
    {
      preset: { type: "string" },
      asset: { type: "string" },
      json: { type: "boolean" },
      html: { type: "string" },
      quiet: { type: "boolean" },
    },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  if (values.asset === "") throw new UsageError("--asset expected an asset id");
  const result = await withProgress("boundary", values.quiet, "runs", (update) =>
    solvencyBoundary(scenario, {
      assets: values.asset ? [values.asset] : undefined,
      baseUrl,
      onProgress: ({ done, total }) => update(done, total),
    }),
  );
  const name = (scenario as { name?: string }).name ?? "scenario";
  const html = values.html
    ? await writeHtml(
        values.html,
        `${name}: solvency boundary`,
        "fracture boundary",
        boundarySections(
          Object.keys(result).map((asset) => liquidationLadder(scenario, { asset, baseUrl })),
          result,
        ),
        scenario,
      )
    : undefined;
  if (values.json) return toJson(result);
  const quote = quoteUnit(scenario);
  const rows = Object.entries(result).flatMap(([asset, b]) => [
    b.static
      ? [
          asset,
          "static",
          price(b.static.price, quote),
          pct(b.static.drop),
          `${amount(b.static.collateral, asset)} liquidatable, ${amount(b.static.depth, asset)} of depth`,
        ]
      : [asset, "static", "—", "—", "forced sales never outrun depth on the grid"],
    b.dynamic
      ? [
          asset,
          "dynamic",
          price(b.dynamic.price, quote),
          pct(b.dynamic.drop),
          `${count(b.dynamic.liquidations)} liquidations, falls ${pct(b.dynamic.realizedDrawdown)}`,
        ]
      : [asset, "dynamic", "—", "—", "no drop up to 50% sustains a cascade"],
  ]);
  return [
    `${name}: solvency boundary`,
    "",
    table(["asset", "boundary", "price", "drop", "there"], rows),
    ...(html ? ["", html] : []),
  ].join("\n");
}
