/**
 * A replay of a historical cascade: a preset beside what was reported of the day. The scenario
 * stays a plain scenario (`presets.NAME`); its replay descriptor (`replays.NAME`) says which
 * figures were reported, where, and how the replay's own value of each is read from a run — so
 * the calibration table (figure, reported with its source, replay, ratio) is computed, never typed
 * in. Outputs are compared, not fitted: a figure far from what was reported is a finding, and the
 * descriptor's `findings` say why.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";
import type { SimulationResult } from "../simulate/simulate.ts";

/** What a figure's reader gets: the scenario run and what the run gave. */
export interface ReplayRun {
  scenario: Scenario;
  result: SimulationResult;
}

/** One reported figure of the day and how the replay's value of it is read. */
export interface ReportedFigure {
  /** What it is, in a few words: "system deficit". */
  figure: string;
  /** `share` (0.36 = 36%), `count`, or the unit of an amount or price ("DAI", "USD", "USD/ETH"). */
  unit: string;
  /** The value reported. */
  reported: number;
  /** Where it was reported: author, title, date, and the URL or repository path. */
  source: string;
  /** How the replay's value is read from the run, in words (shown beside it). */
  readFrom: string;
  /** The replay's value, from the run. */
  read(run: ReplayRun): number;
  /**
   * The band a test keeps the replay's value in, so that a change of the engine that moves
   * history is seen (documented in the preset's module).
   */
  band: [number, number];
}

/** How a headline moves when one input that is not public moves. */
export interface Sensitivity {
  /** The input, in words: "ETH in vaults at risk (totalInk)". */
  input: string;
  unit: string;
  /** The preset's assumption. */
  assumed: number;
  /** The values tried (the assumed one among them). */
  values: number[];
  /** The scenario with the input at `value`. */
  apply(value: number): Scenario;
}

/** A replay: the preset it runs, the event, the reported figures and the assumptions' sensitivity. */
export interface Replay {
  /** The preset's name (`presets[preset]`). */
  preset: string;
  /** The event in a line: "MakerDAO's ETH vaults on Black Thursday". */
  event: string;
  /** Its day, ISO: "2020-03-12". */
  date: string;
  /** The mechanism the replay is about, in a sentence. */
  mechanism: string;
  figures: ReportedFigure[];
  /** Inputs that are not public, each with the figures' dependence on it. */
  sensitivity: Sensitivity[];
  /** Where the replay misses what was reported, and why. */
  findings: string;
  /** Events a reader needs kept (default 0). */
  events?: number;
}
