/**
 * Every number of every preset's summary, flattened to `path: value` so a committed copy
 * (test/fixtures/preset_summaries.json) can be compared exactly. Exact equality is right: every
 * runtime must give the same bits. Numbers JSON cannot hold are written as strings ("NaN",
 * "Infinity", "-Infinity"). `npm run fixtures:update` rewrites the copy on purpose.
 * @module
 */
import { presets, simulate } from "fracture";

/** A flattened summary: "protocols.lend.badDebt" → 1234.5; strings and booleans as they are. */
export type Flat = Record<string, number | string | boolean | null>;

/** Non-finite numbers as strings, so that JSON keeps them. */
export function encode(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

function flatten(x: unknown, at: string, out: Flat): void {
  if (typeof x === "number") out[at] = encode(x);
  else if (typeof x === "string" || typeof x === "boolean" || x === null) out[at] = x;
  else if (typeof x === "object")
    for (const [k, v] of Object.entries(x as object)) flatten(v, at ? `${at}.${k}` : k, out);
}

/** Each preset's summary (simulate with its default options), flattened. */
export function presetSummaries(): Record<string, Flat> {
  const out: Record<string, Flat> = {};
  for (const [name, scenario] of Object.entries(presets)) {
    const flat: Flat = {};
    flatten(simulate(scenario).summary, "", flat);
    out[name] = flat;
  }
  return out;
}

/** Where two sets of summaries differ: one line per key, "preset key: want → got". */
export function differences(want: Record<string, Flat>, got: Record<string, Flat>): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const a = want[name] ?? {};
    const b = got[name] ?? {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.is(a[key], b[key])) lines.push(`${name} ${key}: ${String(a[key])} → ${String(b[key])}`);
    }
  }
  return lines;
}
