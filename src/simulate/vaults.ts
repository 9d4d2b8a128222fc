/**
 * Builds an options vault (assembly/engine/vaults.ts) from its scenario entry: the accounts'
 * collateral, and their short options as columns grouped by account.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Vault = Extract<ScenarioV1["protocols"][number], { type: "optionsVault" }>;

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @returns its index in the core
 */
export function buildVault(w: World, p: Vault): number {
  const e = w.c.exports;
  const h = w.h;
  const options = p.accounts.flatMap((a, i) => a.options.map((o) => ({ ...o, owner: i })));
  const x = e.worldVault(
    h,
    p.accounts.length,
    options.length,
    w.oracle.get(p.oracle) as number,
    w.venue.get(p.venue) as number,
    p.rate,
    p.margin.spotShock,
    p.margin.volShock,
  );
  // the core's column order: collateral, then strike, days, qty, vol, call flag, owner
  const columns = [
    p.accounts.map((a) => a.collateral),
    options.map((o) => o.strike),
    options.map((o) => o.days),
    options.map((o) => o.qty),
    options.map((o) => o.vol),
    options.map((o) => (o.call ? 1 : 0)),
    options.map((o) => o.owner),
  ];
  columns.forEach((values, which) => {
    e.worldVaultColumn(h, x, which, w.put(Float64Array.from(values)));
  });
  w.freeColumns();
  e.worldVaultReady(h, x);
  return x;
}
