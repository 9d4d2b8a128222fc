/** `fracture boundary`: the solvency boundary of each asset, static and dynamic. @module */
import { solvencyBoundary } from "../risk/boundary.ts";
import { type Io, parse, UsageError } from "./args.ts";
import { amount, count, pct, price, table } from "./format.ts";
import { toJson } from "./json.ts";
import { scenarioFrom } from "./scenario.ts";
import { quoteUnit } from "./units.ts";

export const BOUNDARY_USAGE = `  fracture boundary SCENARIO.json | - | --preset NAME [--asset ID] [--json]
      the price per asset at which a cascade turns self-sustaining: static (forced sales between
      spot and the price outrun the venues' depth) and dynamic (the smallest sudden drop whose
      simulated cascade at least doubles the fall)`;

export const BOUNDARY_EXAMPLES = `  fracture boundary --preset sharedOracle
  fracture boundary my.json --asset ETH --json`;

export async function boundaryCommand(args: string[], _io: Io): Promise<string> {
  const { values, positionals } = parse(
    "boundary",
    args,
    { preset: { type: "string" }, asset: { type: "string" }, json: { type: "boolean" } },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  if (values.asset === "") throw new UsageError("--asset expected an asset id");
  const result = solvencyBoundary(scenario, { assets: values.asset ? [values.asset] : undefined, baseUrl });
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
  const name = (scenario as { name?: string }).name ?? "scenario";
  return [`${name}: solvency boundary`, "", table(["asset", "boundary", "price", "drop", "there"], rows)].join("\n");
}
