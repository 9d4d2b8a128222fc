/**
 * The order a scenario runs in: its lists sorted by id (shocks by type, target, then their fields), so that listing
 * the same venues, oracles, protocols (a Maker system's collateral types too), liquidators, dealers, arbitrageurs, shocks or mitigations in another
 * order changes no bit of a result. Within a step, protocols act in the order of their ids and
 * liquidators compete in the order of theirs. Positions keep their given order (it breaks ties of
 * health).
 * @module
 */
import { mitigationId } from "./mitigations.ts";
import type { ScenarioV1 } from "./schema.ts";

/** Each sorted item's index in its list as given: an error found while building names the user's entry. */
const given = new WeakMap<object, number>();

/**
 * Where an item of a canonical scenario's list stood in the scenario as given.
 * @param item an item of one of the canonical scenario's lists
 * @param sorted its index in the canonical list, returned when the item was not sorted here
 * @returns its index in the list as given
 */
export function givenIndex(item: object, sorted: number): number {
  return given.get(item) ?? sorted;
}

function byId<T extends { id: string }>(list: readonly T[]): T[] {
  for (const [i, x] of list.entries()) given.set(x, i);
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * JSON with every object's keys sorted: one text per value, whatever order its fields were written in.
 * @param x a JSON value
 * @returns its canonical JSON text
 */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  if (x !== null && typeof x === "object") {
    const keys = Object.keys(x)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(x) ?? "null";
}

/** A total order on JSON values: by kind, numbers by value, strings by code unit, arrays item by item, objects by their sorted keys then values. */
export function compareJson(a: unknown, b: unknown): number {
  const rank = (x: unknown) =>
    x === null || x === undefined
      ? 0
      : typeof x === "boolean"
        ? 1
        : typeof x === "number"
          ? 2
          : typeof x === "string"
            ? 3
            : Array.isArray(x)
              ? 4
              : 5;
  const [ra, rb] = [rank(a), rank(b)];
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2) return Number(a) - Number(b) || 0;
  if (ra === 3) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ra === 4) {
    const [x, y] = [a as unknown[], b as unknown[]];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareJson(x[i], y[i]);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  if (ra === 5) {
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    const [kx, ky] = [Object.keys(x).sort(), Object.keys(y).sort()];
    const keys = compareJson(kx, ky);
    if (keys !== 0) return keys;
    for (const k of kx) {
      const c = compareJson(x[k], y[k]);
      if (c !== 0) return c;
    }
  }
  return 0;
}

/** What a shock acts on: a venue, an asset or an oracle (none for congestion). */
function targetOf(x: ScenarioV1["shock"][number]): string {
  return "venue" in x ? x.venue : "asset" in x ? x.asset : "oracle" in x ? x.oracle : "";
}

/**
 * The scenario in its canonical order.
 * @param s a validated scenario
 * @returns the same scenario, its lists sorted
 */
export function canonical(s: ScenarioV1): ScenarioV1 {
  // shocks by type, then what they act on, then their fields (numbers by value: scaling every
  // amount keeps the order)
  const shock = [...s.shock].sort(
    (a, b) => compareJson(a.type, b.type) || compareJson(targetOf(a), targetOf(b)) || compareJson(a, b),
  );
  return {
    ...s,
    assets: byId(s.assets),
    venues: byId(s.venues),
    oracles: byId(s.oracles),
    // a Maker system's collateral types run in the order of their ids too
    protocols: byId(s.protocols).map((p) => (p.type === "cdp" && "ilks" in p ? { ...p, ilks: byId(p.ilks) } : p)),
    liquidators: byId(s.liquidators),
    dealers: byId(s.dealers),
    arbitrageurs: byId(s.arbitrageurs),
    shock,
    // mitigations by id (a mitigation's id defaults to its type): absorbers take a sale in that order
    mitigations: [...s.mitigations].sort((a, b) => compareJson(mitigationId(a), mitigationId(b))),
  };
}
