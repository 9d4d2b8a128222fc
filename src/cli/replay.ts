/** `fracture replay`: a historical cascade's calibration table — what was reported beside what the replay gives. @module */

import { replays } from "../replay/index.ts";
import {
  type CalibrationRow,
  replayNamed,
  replaySensitivity,
  replayWithRun,
  type SensitivityResult,
} from "../replay/run.ts";
import { replaySections } from "../report/sections.ts";
import { liquidationLadder } from "../risk/ladder.ts";
import { nearest } from "../scenario/explain.ts";
import { validateScenario } from "../scenario/validate.ts";
import { type Io, parse, UsageError } from "./args.ts";
import { amount, count, pct, price, table, times } from "./format.ts";
import { writeHtml } from "./html.ts";
import { toJson } from "./json.ts";
import { QUIET_HELP, withProgress } from "./progress.ts";

export const REPLAY_USAGE = `  fracture replay [NAME] [--sensitivity] [--json] [--html FILE] [--quiet]
      without NAME lists the replays of historical cascades; with it, runs the preset and prints
      its calibration table: each figure reported of the day (with its source) beside the
      replay's value and their ratio; --sensitivity adds, for each input that is not public, the
      figures again at each value tried (one run per value); --html FILE writes a report that
      opens from disk: the calibration table, the sensitivity tables and charts, the run's prices,
      liquidations and bad debt, and its ladder against depth; ${QUIET_HELP}`;

export const REPLAY_EXAMPLES = `  fracture replay
  fracture replay blackThursday2020
  fracture replay aaveCrv2022 --sensitivity --json
  fracture replay may2021 --sensitivity --html may2021.html`;

/** A figure's value as its unit says. */
export function figureValue(x: number, unit: string): string {
  if (unit === "share") return pct(x);
  if (unit === "count") return count(x);
  if (Math.abs(x) < 1000 && unit.startsWith("USD")) return price(x, unit);
  return amount(x, unit);
}

/**
 * The calibration table's text: figure | reported [its source's note] | replay | ratio, the
 * sources below (one note per distinct source), then how each replay value is read.
 */
export function calibrationTable(rows: CalibrationRow[]): string {
  const sources = [...new Set(rows.map((r) => r.source))];
  const outside = rows.some((r) => !r.inBand);
  const body = rows.map((r) => [
    r.figure,
    `${figureValue(r.reported, r.unit)} [${sources.indexOf(r.source) + 1}]`,
    figureValue(r.replay, r.unit),
    times(r.ratio),
    ...(outside ? [r.inBand ? "" : "outside its band"] : []),
  ]);
  return [
    table(["figure", "reported", "replay", "replay/reported", ...(outside ? [""] : [])], body),
    "",
    ...sources.map((s, k) => `[${k + 1}] ${s}`),
    "",
    "replay values:",
    ...rows.map((r) => `  ${r.figure}: ${r.readFrom}`),
  ].join("\n");
}

function sensitivityTable(s: SensitivityResult): string {
  const rows = s.rows.map((r) => [
    `${figureValue(r.value, s.unit)}${r.value === s.assumed ? " (assumed)" : ""}`,
    ...r.figures.map((x, k) => figureValue(x, s.units[k])),
  ]);
  return [`how the figures move with ${s.input}:`, table([s.input, ...s.figures], rows)].join("\n");
}

export async function replayCommand(args: string[], _io: Io): Promise<string> {
  const { values, positionals } = parse(
    "replay",
    args,
    {
      json: { type: "boolean" },
      sensitivity: { type: "boolean" },
      html: { type: "string" },
      quiet: { type: "boolean" },
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError("give one replay's name (see fracture replay)");
  const names = Object.keys(replays);
  if (positionals.length === 0) {
    if (values.html !== undefined) throw new UsageError("--html needs a replay's NAME (see fracture replay)");
    const list = Object.entries(replays).map(([name, r]) => ({ name, date: r.date, event: r.event }));
    if (values.json) return toJson(list);
    const width = Math.max(...names.map((n) => n.length));
    return [
      ...list.map((r) => `${r.name.padEnd(width)}  ${r.date}  ${r.event}`),
      "",
      "fracture replay NAME runs one and prints what was reported beside what the replay gives",
    ].join("\n");
  }
  const name = positionals[0];
  if (!Object.hasOwn(replays, name)) {
    const near = nearest(name, names);
    throw new UsageError(
      `unknown replay "${name}" (${near ? `did you mean "${near}"? ` : ""}one of ${names.join(", ")})`,
    );
  }
  const [{ result }, sensitivity, html] = await withProgress("replay", values.quiet, "runs", async (update) => {
    // the run, each sensitivity run, and the report's ladder
    const runs = values.sensitivity ? replayNamed(name).sensitivity.reduce((n, s) => n + s.values.length, 0) : 0;
    const total = 1 + runs + (values.html === undefined ? 0 : 1);
    update(0, total);
    const replayed = replayWithRun(name);
    update(1, total);
    const sensitivity = values.sensitivity
      ? replaySensitivity(name, { onProgress: ({ done }) => update(1 + done, total) })
      : undefined;
    const html =
      values.html === undefined
        ? undefined
        : await writeHtml(
            values.html,
            `${name}: ${replayed.result.event}`,
            "fracture replay",
            replaySections(
              replayed.result,
              { scenario: validateScenario(replayed.run.scenario), result: replayed.run.result },
              sensitivity,
              liquidationLadder(replayed.run.scenario),
            ),
            replayed.run.scenario,
          );
    update(total, total);
    return [replayed, sensitivity, html] as const;
  });
  if (values.json) return toJson({ ...result, ...(sensitivity ? { sensitivity } : {}) });
  return [
    `${name}: ${result.event} (${result.date})`,
    result.mechanism,
    "",
    calibrationTable(result.rows),
    "",
    `Where it misses: ${result.findings}`,
    ...(sensitivity ? sensitivity.flatMap((s) => ["", sensitivityTable(s)]) : []),
    ...(html ? ["", html] : []),
  ].join("\n");
}
