/**
 * Builds an options vault (assembly/engine/vaults.ts) from its scenario entry: the accounts'
 * collateral, and their short options as columns grouped by account.
 * @module
 */
import {
  VAULT_CALL,
  VAULT_COLLATERAL,
  VAULT_DAYS,
  VAULT_OWNER,
  VAULT_QTY,
  VAULT_STRIKE,
  VAULT_VOL,
} from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Vault = Extract<ScenarioV1["protocols"][number], { type: "optionsVault" }>;
type Generated = Extract<Vault["accounts"], { generate: unknown }>["generate"];

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @param stream its first random stream (generated accounts)
 * @returns its index in the core
 */
export function buildVault(w: World, p: Vault, stream: number): number {
  const e = w.c.exports;
  const h = w.h;
  const list = Array.isArray(p.accounts) ? p.accounts : undefined;
  const options = list?.flatMap((a, i) => a.options.map((o) => ({ ...o, owner: i })));
  const n = list ? list.length : (p.accounts as { generate: Generated }).generate.count;
  const x = e.worldVault(
    h,
    n,
    options ? options.length : n,
    w.oracle.get(p.oracle) as number,
    w.venue.get(p.venue) as number,
    p.rate,
    p.margin.spotShock,
    p.margin.volShock,
  );
  if (list && options) {
    const columns: [number, number[]][] = [
      [VAULT_COLLATERAL, list.map((a) => a.collateral)],
      [VAULT_STRIKE, options.map((o) => o.strike)],
      [VAULT_DAYS, options.map((o) => o.days)],
      [VAULT_QTY, options.map((o) => o.qty)],
      [VAULT_VOL, options.map((o) => o.vol)],
      [VAULT_CALL, options.map((o) => (o.call ? 1 : 0))],
      [VAULT_OWNER, options.map((o) => o.owner)],
    ];
    for (const [which, values] of columns) e.worldVaultColumn(h, x, which, w.put(Float64Array.from(values)));
    e.worldVaultReady(h, x);
  } else {
    const g = (p.accounts as { generate: Generated }).generate;
    const levels = [g.otm, g.days, g.health].flatMap((l) => [l.min, l.max, l.shape]);
    const S = w.oraclePrice[w.oracle.get(p.oracle) as number];
    const at = w.put(Float64Array.from(levels));
    e.worldVaultGenerate(h, x, w.scenario.seed, stream, g.totalCollateral, g.sizeDispersion, g.callShare, at, g.vol, S);
  }
  w.freeColumns();
  return x;
}
