/**
 * The replays of historical cascades, each a preset with what was reported of its day
 * (`types.ts`). `runReplay(name)` prints nothing: it returns the calibration table.
 * @module
 */

import { aaveCrv2022Replay } from "../presets/aave_crv_2022.ts";
import { blackThursday2020DutchReplay, blackThursday2020Replay } from "../presets/black_thursday_2020.ts";
import { compoundDai2020Replay } from "../presets/compound_dai_2020.ts";
import { may2021Replay } from "../presets/may_2021.ts";
import { october2025Replay } from "../presets/october_2025.ts";
import type { Replay } from "./types.ts";

/**
 * Every replay, by its preset's name.
 * @example
 * ```ts
 * Object.keys(replays);                                 // the events replayed
 * for (const name of Object.keys(replays)) runReplay(name).rows.length;
 * ```
 */
export const replays = {
  blackThursday2020: blackThursday2020Replay,
  blackThursday2020Dutch: blackThursday2020DutchReplay,
  compoundDai2020: compoundDai2020Replay,
  aaveCrv2022: aaveCrv2022Replay,
  may2021: may2021Replay,
  october2025: october2025Replay,
} as const satisfies Record<string, Replay>;
