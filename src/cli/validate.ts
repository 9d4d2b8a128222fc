/** `fracture validate`: a scenario checked as a run checks it, without running it. @module */

import { ilksOf } from "../scenario/ilks.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { checkBuild } from "../simulate/check.ts";
import { type Io, parse } from "./args.ts";
import { count } from "./format.ts";
import { toJson } from "./json.ts";
import { scenarioFrom } from "./scenario.ts";

export const VALIDATE_USAGE = `  fracture validate SCENARIO.json | - | --preset NAME [--json]
      checks every field, every reference between fields and what building its venues and
      protocols checks, without running it: exit 0 with what it holds, or 2 with every problem,
      one per line, by path (venues[1].profile: …)`;

export const VALIDATE_EXAMPLES = `  fracture validate my.json
  fracture presets --show sharedOracle | fracture validate -`;

/** A count and its noun: 1 venue, 2 venues. */
function plural(n: number, nouns: string): string {
  return `${count(n)} ${n === 1 ? nouns.slice(0, -1) : nouns}`;
}

/** A list's length or a generator's count. */
function sizeOf(list: unknown[] | { generate: { count: number } }): number {
  return Array.isArray(list) ? list.length : list.generate.count;
}

/** The positions (accounts, vaults) a protocol holds. */
function positionsOf(p: ScenarioV1["protocols"][number]): number {
  if (p.type === "cdp") return ilksOf(p).ilks.reduce((n, il) => n + sizeOf(il.vaults as never), 0);
  if (p.type === "optionsVault" || p.type === "portfolio") return sizeOf(p.accounts as never);
  return sizeOf(p.positions as never);
}

export async function validateCommand(args: string[], _io: Io): Promise<string> {
  const { values, positionals } = parse(
    "validate",
    args,
    { preset: { type: "string" }, json: { type: "boolean" } },
    true,
  );
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  const s = checkBuild(scenario, baseUrl);
  const protocols = s.protocols.map((p) => ({ id: p.id, type: p.type, positions: positionsOf(p) }));
  const held = {
    valid: true,
    name: s.name,
    steps: s.steps,
    stepSeconds: s.stepSeconds,
    assets: s.assets.length,
    venues: s.venues.length,
    oracles: s.oracles.length,
    protocols,
    liquidators: s.liquidators.length,
    dealers: s.dealers.length,
    arbitrageurs: s.arbitrageurs.length,
    shocks: s.shock.length,
    mitigations: s.mitigations.length,
  };
  if (values.json) return toJson(held);
  const lists = (
    ["assets", "venues", "oracles", "liquidators", "dealers", "arbitrageurs", "shocks", "mitigations"] as const
  )
    .map((k) => plural(held[k], k))
    .join(", ");
  return [
    `${s.name ?? "scenario"}: valid — ${count(s.steps)} steps of ${s.stepSeconds} s; ${lists}`,
    ...protocols.map((p) => `  ${p.id} (${p.type}): ${plural(p.positions, "positions")}`),
  ].join("\n");
}
