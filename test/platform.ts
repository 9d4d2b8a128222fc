/**
 * What a runtime's runner tells the portable suite about itself: its name and the ways
 * it can hand the core to `init` (workerd, for one, can only take a compiled module).
 * @module
 */
import type { Adapter, InitInput } from "../bindings/instance.ts";

export interface Platform {
  readonly name: "node" | "deno" | "chromium" | "workerd";
  /** The adapter of the entry under test. */
  readonly adapter: Adapter;
  /** Every kind of `init` input this runtime accepts, by label. */
  readonly inputs: Record<string, () => InitInput | Promise<InitInput>>;
  /** Where the built stress worker is served (the suite runs fracture from its sources, away from dist/). */
  readonly workerUrl?: URL;
}

let current: Platform | undefined;

export function setPlatform(p: Platform): void {
  current = p;
}

export function platform(): Platform {
  if (!current) throw new Error("the runner did not call setPlatform()");
  return current;
}
