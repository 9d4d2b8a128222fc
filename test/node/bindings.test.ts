// Bindings internals, on Node only (the JavaScript involved is the same on every engine).
import { greeks, init } from "fracture";
import { expect, test } from "vitest";
import { core } from "../../bindings/instance.ts";
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
