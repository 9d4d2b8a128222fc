/**
 * Blocks of the core's memory owned by JavaScript objects (a pool's state, a book's arrays):
 * freed by the owner's `dispose()`, or by the garbage collector if the owner is dropped first —
 * where the runtime has a `FinalizationRegistry` (Workers before compatibility date 2025-05-05
 * have none: there `dispose()` is the only way to free).
 * @module
 */
import type { Core, CoreExports } from "./core.ts";
import { core } from "./instance.ts";

/**
 * Frees what a block's state allocated on its own (a grown book's order slots) before the
 * block goes; a plain function of the module, never a closure over the owner, which the
 * registry would then keep alive.
 */
export type Release = (e: CoreExports, ptr: number) => void;

interface Held {
  c: Core;
  ptr: number;
  release: Release | undefined;
}

function free({ c, ptr, release }: Held): void {
  release?.(c.exports, ptr);
  c.exports.free(ptr);
}

// checked, not assumed: a module that names a missing global fails to load at all
const registry = typeof FinalizationRegistry === "function" ? new FinalizationRegistry<Held>(free) : undefined;

// the owners whose block is not freed yet, so a block is freed once, with or without a registry
const live = new WeakMap<object, Held>();

/** Allocates `bytes` (zeroed) in the core for `owner`; freed (after `release`) when `owner` is collected. */
export function ownBlock(owner: object, bytes: number, release?: Release): number {
  const c = core();
  const ptr = c.alloc(bytes, true);
  const held = { c, ptr, release };
  live.set(owner, held);
  registry?.register(owner, held, owner);
  return ptr;
}

/** Frees `owner`'s block now (its `dispose()`); the collector will not free it again. */
export function freeBlock(owner: object): void {
  const held = live.get(owner);
  if (!held) return;
  live.delete(owner);
  registry?.unregister(owner);
  free(held);
}
