/**
 * Running a replay: its preset once, each reported figure beside the replay's value of it; and,
 * for the inputs that are not public, the figures again at each value tried.
 * @module
 */
import { presets } from "../presets/index.ts";
import { simulate } from "../simulate/simulate.ts";
import { object, rangeError } from "../validate.ts";
import { replays } from "./index.ts";
import type { Replay, ReplayRun } from "./types.ts";

/** One row of a calibration table. */
export interface CalibrationRow {
  figure: string;
  unit: string;
  reported: number;
  source: string;
  readFrom: string;
  /** The replay's value. */
  replay: number;
  /** replay / reported. */
  ratio: number;
  /** The band the tests keep `replay` in, and whether it is. */
  band: [number, number];
  inBand: boolean;
}

/** A replay's calibration table. */
export interface ReplayResult {
  name: string;
  event: string;
  date: string;
  mechanism: string;
  findings: string;
  rows: CalibrationRow[];
  /** Steps the run took. */
  steps: number;
}

/** The figures at each value of one input that is not public. */
export interface SensitivityResult {
  input: string;
  unit: string;
  assumed: number;
  /** The figures' names, in the order of each row's `figures`. */
  figures: string[];
  units: string[];
  rows: { value: number; figures: number[] }[];
}

/** A replay by name; an unknown name is bad input naming the replays. */
export function replayNamed(name: string): Replay {
  if (Object.hasOwn(replays, name)) return replays[name as keyof typeof replays];
  throw rangeError("replay", `one of ${Object.keys(replays).join(", ")}`, name);
}

function runOf(r: Replay, scenario = presets[r.preset as keyof typeof presets]): ReplayRun {
  return { scenario, result: simulate(scenario, { counterfactual: false, events: r.events ?? 0 }) };
}

/**
 * Runs a replay's preset and reads each reported figure's value from the run.
 * @param name a key of `replays` (the preset's name)
 * @returns the calibration table: figure, reported (with its source), replay, ratio
 * @throws RangeError for an unknown name
 * @example
 * ```ts
 * const table = runReplay("blackThursday2020");
 * table.rows[0]; // { figure: "system deficit", reported: 5_670_000, replay: 510_035…, ratio: 0.09… }
 * ```
 */
export function runReplay(name: string): ReplayResult {
  return replayWithRun(name).result;
}

/**
 * {@link runReplay} with the run it read its figures from (the report draws the run's charts).
 * @internal
 */
export function replayWithRun(name: string): { result: ReplayResult; run: ReplayRun } {
  const r = replayNamed(name);
  const run = runOf(r);
  const result: ReplayResult = {
    name,
    event: r.event,
    date: r.date,
    mechanism: r.mechanism,
    findings: r.findings,
    steps: run.result.summary.steps,
    rows: r.figures.map((f) => {
      const replay = f.read(run);
      return {
        figure: f.figure,
        unit: f.unit,
        reported: f.reported,
        source: f.source,
        readFrom: f.readFrom,
        replay,
        ratio: replay / f.reported,
        band: f.band,
        inBand: replay >= f.band[0] && replay <= f.band[1],
      };
    }),
  };
  return { result, run };
}

/** Options of {@link replaySensitivity}. */
export interface SensitivityOptions {
  /** Called before the first run and after each: runs done of all (a CLI's progress bar). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * Runs a replay once per value of each input that is not public (`replays.NAME.sensitivity`) and
 * reads every figure of each run: how the headline moves when the assumption moves.
 * @param name a key of `replays`
 * @param options a progress callback
 * @returns one table per input
 * @example
 * ```ts
 * const [first] = replaySensitivity("aaveCrv2022"); // one table per assumption that is not public
 * ```
 */
export function replaySensitivity(name: string, options: SensitivityOptions = {}): SensitivityResult[] {
  const r = replayNamed(name);
  object("options", options);
  const total = r.sensitivity.reduce((n, s) => n + s.values.length, 0);
  let done = 0;
  options.onProgress?.({ done, total });
  return r.sensitivity.map((s) => ({
    input: s.input,
    unit: s.unit,
    assumed: s.assumed,
    figures: r.figures.map((f) => f.figure),
    units: r.figures.map((f) => f.unit),
    rows: s.values.map((value) => {
      const run = runOf(r, s.apply(value));
      const figures = r.figures.map((f) => f.read(run));
      options.onProgress?.({ done: ++done, total });
      return { value, figures };
    }),
  }));
}
