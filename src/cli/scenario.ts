/** The scenario a command runs: a file, standard input (-) or a preset. @module */
import { resolve } from "node:path";
import type { Scenario } from "../scenario/types.ts";
import { readJson, UsageError } from "./args.ts";
import { preset as presetNamed } from "./presets.ts";

/** The scenario, and where its files are: beside the scenario file, or the working directory. */
export async function scenarioFrom(
  preset: string | undefined,
  files: string[],
): Promise<[Scenario, string | undefined]> {
  if (preset !== undefined) {
    if (files.length > 0) throw new UsageError("give a scenario file or --preset, not both");
    return [presetNamed(preset), undefined];
  }
  if (files.length !== 1) throw new UsageError("give one scenario file or --preset NAME (see fracture --help)");
  const file = files[0];
  // simulate validates it
  return [(await readJson(file)) as Scenario, file === "-" ? undefined : resolve(file)];
}
