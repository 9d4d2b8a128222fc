// Bindings internals, on Node only (the JavaScript involved is the same on every engine).
import { greeks, init } from "fracture";
import { expect, test } from "vitest";
import { core, instantiate } from "../../bindings/instance.ts";
import { adapter } from "../../bindings/source.node.ts";
import { fingerprint, rng, uniformColumns } from "../harness.ts";

test("views over the core's memory are rebuilt after it grows (growth detaches the old buffer)", async () => {
  await init();
  const next = rng(5);
  const n = 30_000;
  const col = uniformColumns(next, n);
  const input = { spot: col(50, 150), strike: col(50, 150), time: col(0.01, 2), vol: col(0.05, 1.5) };
  const before = greeks.bsm(input);
  const old = core().exports.memory.buffer;
  const block = core().exports.alloc(64 << 20);
  expect(core().exports.memory.buffer).not.toBe(old);
  expect(old.byteLength).toBe(0); // detached
  const after = greeks.bsm(input);
  core().exports.free(block);
  expect(await fingerprint(Object.values(after))).toBe(await fingerprint(Object.values(before)));
});

test("a trap in the core surfaces as an error naming the core, not a bare RuntimeError", async () => {
  await init();
  const c = core();
  expect(() =>
    c.guard(() => {
      throw new WebAssembly.RuntimeError("unreachable");
    }),
  ).toThrow(/internal failure in the WebAssembly core/);
});

test("a zeroed allocation is zero wherever it lies, also in memory it grew (which the bindings do not write)", async () => {
  const c = await instantiate(adapter, undefined); // an instance of its own: its memory starts small
  for (const bytes of [1 << 10, 3 << 20, 40 << 20, (40 << 20) + 13]) {
    // dirty every free byte there is, then ask for a block that must grow memory
    const dirt = c.alloc(c.exports.memory.buffer.byteLength >> 2);
    c.u8.fill(0xa5, dirt, dirt + (c.exports.memory.buffer.byteLength >> 2));
    c.exports.free(dirt);
    const small = c.alloc(bytes >> 1, true);
    const big = c.alloc(bytes * 3, true);
    for (const [ptr, n] of [
      [small, bytes >> 1],
      [big, bytes * 3],
    ]) {
      const view = c.u8.subarray(ptr, ptr + n);
      expect(view.findIndex((x) => x !== 0)).toBe(-1);
      view.fill(0x5a); // dirty for the next round
    }
    c.exports.free(small);
    c.exports.free(big);
  }
});
