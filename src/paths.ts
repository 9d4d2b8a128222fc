/**
 * Generated price paths for Monte Carlo stress: `generatePaths` draws, in the core
 * (assembly/paths.ts), the prices of a scenario's modelled assets — those with a `vol` or a
 * `model` — over `steps` steps, path by path. Path i of a seed is the same bits whichever batch,
 * worker or shard generates it, on every runtime. `pathColumn` reads one asset's prices on one
 * path without copying.
 * @module
 */
import {
  MODEL_BOOTSTRAP,
  MODEL_GARCH,
  MODEL_GBM,
  MODEL_MERTON,
  PATH_ALPHA,
  PATH_BETA,
  PATH_BLOCK,
  PATH_DRIFT,
  PATH_FIELDS,
  PATH_JUMP_MEAN,
  PATH_JUMP_VOL,
  PATH_JUMPS,
  PATH_LENGTH,
  PATH_MODEL,
  PATH_NU,
  PATH_OMEGA,
  PATH_PRICE,
  PATH_RETURNS,
  PATH_STREAM_HI,
  PATH_STREAM_LO,
  PATH_VOL,
} from "../bindings/codes.ts";
import { core } from "../bindings/instance.ts";
import { correlationMatrix, modelled, YEAR_SECONDS } from "./scenario/models.ts";
import type { Parsed } from "./scenario/schema.ts";
import type { Scenario } from "./scenario/types.ts";
import { checkFields } from "./scenario/validate.ts";
import { integer, object, rangeError, typeError } from "./validate.ts";

/** Options of {@link generatePaths}. */
export interface PathOptions {
  /** Seed of the paths, a whole number in [0, 2^32 − 1]; default: the scenario's `seed`. */
  seed?: number;
  /** Index of the first path; default 0. Paths first … first + count − 1 are generated. */
  first?: number;
  /** How many paths. */
  count: number;
  /** Steps of each path, each of the scenario's `stepSeconds`; default: the scenario's `steps`. */
  steps?: number;
  /** Where to write the prices: count × assets × (steps + 1) values; default a new array. */
  out?: Float64Array;
}

/** A batch of generated paths. */
export interface Paths {
  /** The modelled assets (a `vol` or a `model`), in id order. The others keep their price. */
  assets: string[];
  /** Steps of each path: each column holds steps + 1 prices, the first the asset's `price`. */
  steps: number;
  /** Years of one step: stepSeconds / (365 × 86,400). */
  dtYears: number;
  seed: number;
  /** Index of the first path of the batch. */
  first: number;
  count: number;
  /**
   * Path-major, then asset, then step: asset a's price after step t on path first + p is
   * `prices[(p × assets.length + a) × (steps + 1) + t]` (see {@link pathColumn}).
   */
  prices: Float64Array;
}

/** A scenario's models as the core reads them, prepared once (by `preparePaths`) for any number of batches. */
export interface PreparedPaths {
  /** The modelled assets, in id order. */
  readonly assets: readonly string[];
  readonly dtYears: number;
  /** PATH_FIELDS values per asset (bindings/codes.ts). */
  readonly rows: Float64Array;
  /** The correlation matrix of the assets' normal shocks, n × n in the order of `assets`. */
  readonly correlation: Float64Array;
  /** Every bootstrap series, one after the other (a row's PATH_RETURNS is where its own starts). */
  readonly returns: Float64Array;
}

/** Values generated in one call of the core at most (8 MiB), so its memory stays bounded. */
const CHUNK_VALUES = 1 << 20;
/** Values one call of generatePaths returns at most (1 GiB). */
const MAX_VALUES = 2 ** 27;
const U32 = 2 ** 32 - 1;

/**
 * Generates price paths first, first + 1, …, first + count − 1 of a scenario's modelled assets
 * (those with a `vol` or a `model`): geometric Brownian motion, Merton's jump diffusion,
 * GARCH(1,1) with Student-t shocks or a block bootstrap of a historical series, the normal
 * shocks correlated by the scenario's `correlations`. Path i draws from random streams of the
 * seed, i and the asset's id alone, so it is the same bits in any batch and on every runtime.
 * @param scenario a scenario (validated here; positions are not read)
 * @param options seed, first path, count, steps, and where to write
 * @returns the assets, the steps and the prices (see {@link Paths})
 * @throws ScenarioError naming every bad field; RangeError or TypeError for bad options
 * @example
 * ```ts
 * const paths = generatePaths(presets.keeperOutage, { count: 1000, steps: 300 });
 * pathColumn(paths, 7, "ETH"); // path 7's ETH prices, 301 of them
 * ```
 */
export function generatePaths(scenario: Scenario, options: PathOptions): Paths {
  object("options", options);
  const s = checkFields(scenario);
  const model = preparePaths(s);
  const seed = integer("options.seed", options.seed ?? s.seed, 0, U32, "a whole number");
  const steps = integer("options.steps", options.steps ?? s.steps, 1, 10_000_000, "a whole number");
  const count = integer("options.count", options.count, 0, U32, "a whole number");
  const first = integer("options.first", options.first ?? 0, 0, U32 + 1 - count, "a whole number");
  const total = count * model.assets.length * (steps + 1);
  if (total > MAX_VALUES)
    throw rangeError(
      "options.count",
      `at most ${MAX_VALUES} prices in one call (count × assets × (steps + 1)): generate the paths in batches (first, count)`,
      count,
    );
  let out = options.out;
  if (out === undefined) out = new Float64Array(total);
  else if (!(out instanceof Float64Array)) throw typeError("options.out", "a Float64Array", out);
  else if (out.length !== total)
    throw rangeError("options.out", `a Float64Array of ${total} (count × assets × (steps + 1))`, out);
  writePaths(model, seed, first, count, steps, out);
  return { assets: [...model.assets], steps, dtYears: model.dtYears, seed, first, count, prices: out };
}

/**
 * One asset's prices on one path of a batch, as a view into `paths.prices` (no copy): steps + 1
 * values, the first the asset's price at step 0.
 * @param paths a batch from {@link generatePaths}
 * @param path the path's index (first … first + count − 1)
 * @param asset the asset's id, or its index in `paths.assets`
 * @returns a subarray of `paths.prices`
 */
export function pathColumn(paths: Paths, path: number, asset: string | number): Float64Array {
  const p = integer("path", path, paths.first, paths.first + paths.count - 1, "a path of the batch");
  const a = typeof asset === "number" ? asset : paths.assets.indexOf(asset);
  if (!Number.isInteger(a) || a < 0 || a >= paths.assets.length)
    throw rangeError("asset", `one of the batch's assets (${paths.assets.join(", ")})`, asset);
  const n = paths.steps + 1;
  const at = ((p - paths.first) * paths.assets.length + a) * n;
  return paths.prices.subarray(at, at + n);
}

/**
 * A validated scenario's models, as the core reads them: for callers that generate many
 * batches of one scenario (Monte Carlo stress), which validate it once.
 * @param s the scenario, validated
 */
export function preparePaths(s: Pick<Parsed, "assets" | "correlations" | "stepSeconds">): PreparedPaths {
  const list = s.assets.filter(modelled).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = list.length;
  const rows = new Float64Array(n * PATH_FIELDS);
  const series: number[][] = [];
  let length = 0;
  list.forEach((a, i) => {
    const row = (f: number, x: number) => {
      rows[i * PATH_FIELDS + f] = x;
    };
    const m = a.model ?? { type: "gbm" as const, drift: 0 };
    row(PATH_PRICE, a.price);
    row(PATH_VOL, a.vol);
    const [hi, lo] = streamOf(a.id);
    row(PATH_STREAM_HI, hi);
    row(PATH_STREAM_LO, lo);
    if (m.type === "gbm") {
      row(PATH_MODEL, MODEL_GBM);
      row(PATH_DRIFT, m.drift);
    } else if (m.type === "merton") {
      row(PATH_MODEL, MODEL_MERTON);
      row(PATH_DRIFT, m.drift);
      row(PATH_JUMPS, m.jumpsPerYear);
      row(PATH_JUMP_MEAN, m.jumpMean);
      row(PATH_JUMP_VOL, m.jumpVol);
    } else if (m.type === "garch") {
      row(PATH_MODEL, MODEL_GARCH);
      row(PATH_OMEGA, m.omega ?? Number.NaN);
      row(PATH_ALPHA, m.alpha);
      row(PATH_BETA, m.beta);
      row(PATH_NU, m.nu);
    } else {
      row(PATH_MODEL, MODEL_BOOTSTRAP);
      row(PATH_RETURNS, length);
      row(PATH_LENGTH, m.returns.length);
      row(PATH_BLOCK, m.blockSteps);
      series.push(m.returns);
      length += m.returns.length;
    }
  });
  const returns = new Float64Array(length);
  let at = 0;
  for (const r of series) {
    returns.set(r, at);
    at += r.length;
  }
  const assets = list.map((a) => a.id);
  return {
    assets,
    dtYears: s.stepSeconds / YEAR_SECONDS,
    rows,
    correlation: correlationMatrix(s.correlations, assets),
    returns,
  };
}

/**
 * Paths first … first + count − 1 of `seed` into `out` (count × assets × (steps + 1)), in calls
 * of the core of at most CHUNK_VALUES values (one call for a batch of usual size).
 */
export function writePaths(
  model: PreparedPaths,
  seed: number,
  first: number,
  count: number,
  steps: number,
  out: Float64Array,
): void {
  const n = model.assets.length;
  if (n === 0 || count === 0) return;
  const c = core();
  const e = c.exports;
  const per = n * (steps + 1);
  const chunk = Math.max(1, Math.min(count, Math.floor(CHUNK_VALUES / per)));
  const pad = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const stateBytes = pad(e.pathsStateBytes(n));
  const rowsBytes = pad(model.rows.length * 8);
  const corrBytes = pad(model.correlation.length * 8);
  const returnsBytes = pad(model.returns.length * 8);
  const state = c.scratch(stateBytes + rowsBytes + corrBytes + returnsBytes + chunk * per * 8);
  const rows = state + stateBytes;
  const correlation = rows + rowsBytes;
  const returns = correlation + corrBytes;
  const block = returns + returnsBytes;
  const f64 = c.f64;
  f64.set(model.rows, rows / 8);
  f64.set(model.correlation, correlation / 8);
  f64.set(model.returns, returns / 8);
  const prepared = c.guard(() => e.pathsPrepare(n, model.dtYears, rows, correlation, returns, state));
  if (prepared !== 0)
    throw new Error(`fracture: internal failure: the core found the correlations not positive semi-definite`);
  for (let done = 0; done < count; done += chunk) {
    const k = Math.min(chunk, count - done);
    c.guard(() => e.pathsGenerate(state, seed, first + done, k, steps, block));
    out.set(c.f64.subarray(block / 8, block / 8 + k * per), done * per);
  }
}

/**
 * An asset's random stream: FNV-1a (64 bits) of its id, as two 32-bit halves. Keyed by the id,
 * an asset's draws do not change when other assets are added, removed or renamed.
 */
function streamOf(id: string): [number, number] {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < id.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(id.charCodeAt(i))) * 0x100000001b3n);
  return [Number(h >> 32n), Number(h & 0xffffffffn)];
}
