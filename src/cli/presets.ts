/** `fracture presets`: the documented scenarios, listed or printed as a file to edit. @module */
import { presets } from "../presets/index.ts";
import { nearest } from "../scenario/explain.ts";
import { SCENARIO_SCHEMA_ID } from "../scenario/json_schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { type Io, parse, UsageError } from "./args.ts";
import { pretty } from "./json.ts";

export const PRESETS_USAGE = `  fracture presets [--show NAME]
      lists the presets with what each shows; --show prints one as a scenario file to edit and run:
      fracture presets --show blackThursday2020 > my.json && fracture simulate my.json`;

export const PRESETS_EXAMPLES = `  fracture presets
  fracture presets --show sharedOracle > my.json   # edit it, then: fracture simulate my.json`;

/** A preset by name; an unknown name is bad input, with the nearest name if one is close. */
export function preset(name: string): Scenario {
  if (Object.hasOwn(presets, name)) return presets[name as keyof typeof presets];
  const near = nearest(name, Object.keys(presets));
  const hint = near ? `did you mean "${near}"? ` : "";
  throw new UsageError(`unknown preset "${name}" (${hint}one of ${Object.keys(presets).join(", ")})`);
}

export function presetsCommand(args: string[], _io: Io): string {
  const { values } = parse("presets", args, { show: { type: "string" } });
  if (values.show !== undefined) {
    // $schema first: editors then check and complete the file against the published schema
    return pretty({ $schema: SCENARIO_SCHEMA_ID, ...preset(values.show) });
  }
  const width = Math.max(...Object.keys(presets).map((k) => k.length));
  const lines = Object.entries(presets).map(([name, s]) => `${name.padEnd(width)}  ${firstSentence(s.description)}`);
  return [
    ...lines,
    "",
    "fracture presets --show NAME prints one as a scenario file; fracture simulate --preset NAME runs it",
  ].join("\n");
}

/** A description's first sentence, cut at a word to fit one line. */
function firstSentence(text = "", max = 100): string {
  const sentence = /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence;
  return `${sentence.slice(0, sentence.lastIndexOf(" ", max - 1))} …`;
}
