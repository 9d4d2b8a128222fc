/**
 * Blocks of the core's memory owned by JavaScript objects (a pool's state, a book's arrays):
 * freed by the owner's `dispose()`, or by the garbage collector if the owner is dropped first —
 * where the runtime has a `FinalizationRegistry` (Workers before compatibility date 2025-05-05
 * have none: there `dispose()` is the only way to free).
 * @module
 */
import type { Core } from "./core.ts";
import { core } from "./instance.ts";

interface Held {
  c: Core;
  ptr: number;
}

// checked, not assumed: a module that names a missing global fails to load at all
const registry =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<Held>(({ c, ptr }) => c.exports.free(ptr))
    : undefined;

// which owners still hold their block, so a block is freed once whether or not a registry exists
const live = new WeakSet<object>();

/** Allocates `bytes` (zeroed) in the core for `owner`; freed when `owner` is collected. */
export function ownBlock(owner: object, bytes: number): number {
  const c = core();
  const ptr = c.alloc(bytes, true);
  live.add(owner);
  registry?.register(owner, { c, ptr }, owner);
  return ptr;
}

/** Frees `owner`'s block now (its `dispose()`); the collector will not free it again. */
export function freeBlock(owner: object, ptr: number): void {
  if (!live.delete(owner)) return;
  registry?.unregister(owner);
  core().exports.free(ptr);
}
