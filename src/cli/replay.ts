/** `fracture replay`: a historical cascade's calibration table — what was reported beside what the replay gives. @module */

import { replays } from "../replay/index.ts";
import { type CalibrationRow, replaySensitivity, runReplay, type SensitivityResult } from "../replay/run.ts";
import { nearest } from "../scenario/explain.ts";
import { type Io, parse, UsageError } from "./args.ts";
import { amount, count, pct, price, table, times } from "./format.ts";
import { toJson } from "./json.ts";

export const REPLAY_USAGE = `  fracture replay [NAME] [--sensitivity] [--json]
      without NAME lists the replays of historical cascades; with it, runs the preset and prints
      its calibration table: each figure reported of the day (with its source) beside the
      replay's value and their ratio; --sensitivity adds, for each input that is not public, the
      figures again at each value tried (one run per value)`;

export const REPLAY_EXAMPLES = `  fracture replay
  fracture replay blackThursday2020
  fracture replay aaveCrv2022 --sensitivity --json`;

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

export function replayCommand(args: string[], _io: Io): string {
  const { values, positionals } = parse(
    "replay",
    args,
    { json: { type: "boolean" }, sensitivity: { type: "boolean" } },
    true,
  );
  if (positionals.length > 1) throw new UsageError("give one replay's name (see fracture replay)");
  const names = Object.keys(replays);
  if (positionals.length === 0) {
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
  const result = runReplay(name);
  const sensitivity = values.sensitivity ? replaySensitivity(name) : undefined;
  if (values.json) return toJson({ ...result, ...(sensitivity ? { sensitivity } : {}) });
  return [
    `${name}: ${result.event} (${result.date})`,
    result.mechanism,
    "",
    calibrationTable(result.rows),
    "",
    `Where it misses: ${result.findings}`,
    ...(sensitivity ? sensitivity.flatMap((s) => ["", sensitivityTable(s)]) : []),
  ].join("\n");
}
