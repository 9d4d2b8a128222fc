/**
 * Blocks of the core's memory owned by JavaScript objects (a pool's state, a book's arrays):
 * freed by the owner's `dispose()`, or by the garbage collector if the owner is dropped first.
 * @module
 */
import type { Core } from "./core.ts";
import { core } from "./instance.ts";

const registry = new FinalizationRegistry<{ c: Core; ptr: number }>(({ c, ptr }) => c.exports.free(ptr));

/** Allocates `bytes` (zeroed) in the core for `owner`; freed when `owner` is collected. */
export function ownBlock(owner: object, bytes: number): number {
  const c = core();
  const ptr = c.alloc(bytes, true);
  registry.register(owner, { c, ptr }, owner);
  return ptr;
}

/** Frees `owner`'s block now (its `dispose()`); the collector will not free it again. */
export function freeBlock(owner: object, ptr: number): void {
  if (registry.unregister(owner)) core().exports.free(ptr);
}
