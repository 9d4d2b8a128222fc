// The CLI's progress bar: drawn on stderr when it is a terminal, nothing with --quiet or on a pipe.
import { compareMitigations, init, presets, replaySensitivity, riskOracle, simulate, solvencyBoundary } from "fracture";
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { progressBar, withProgress } from "../../src/cli/progress.ts";

beforeAll(() => init());

const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
afterEach(() => {
  vi.restoreAllMocks();
  if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
});

function capture(isTTY: boolean): string[] {
  Object.defineProperty(process.stderr, "isTTY", { value: isTTY, configurable: true });
  const written: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  // cli-progress moves the cursor on a terminal stream
  for (const f of ["cursorTo", "clearLine", "moveCursor"] as const)
    if (typeof process.stderr[f] !== "function")
      Object.defineProperty(process.stderr, f, { value: () => true, configurable: true });
  return written;
}

test("on a terminal the bar shows the label, the count and its unit, and stops", async () => {
  const written = capture(true);
  const result = await withProgress("compare", false, "variants", (update) => {
    update(0, 4);
    update(4, 4);
    return 42;
  });
  expect(result).toBe(42);
  expect(written.join("")).toMatch(/compare \[.*\] \d+% \d\/4 variants/);
});

test("--quiet or a pipe: nothing written", async () => {
  for (const [isTTY, quiet] of [
    [true, true],
    [false, false],
  ]) {
    const written = capture(isTTY);
    const bar = progressBar("boundary", quiet, "runs");
    bar.update(1, 3);
    bar.update(3, 3);
    bar.stop();
    expect(written, `isTTY ${isTTY}, quiet ${quiet}`).toEqual([]);
  }
});

test("the bar stops when the work throws", async () => {
  capture(true);
  await expect(
    withProgress("simulate", false, "runs", (update) => {
      update(0, 2);
      throw new RangeError("bad");
    }),
  ).rejects.toThrow("bad");
});

test("the API's onProgress: from 0 to all done, never past it, never backwards", async () => {
  const calls: Record<string, { done: number; total: number }[]> = {};
  const record = (name: string) => {
    calls[name] = [];
    return (p: { done: number; total: number }) => calls[name].push(p);
  };
  simulate(presets.sharedOracle, { onProgress: record("simulate") });
  simulate(presets.sharedOracle, { counterfactual: false, onProgress: record("one run") });
  compareMitigations(
    presets.sharedOracle,
    [
      { name: "none", mitigations: [] },
      { name: "insurance", mitigations: [{ type: "insurance" }] },
    ],
    { onProgress: record("compare") },
  );
  solvencyBoundary(presets.sharedOracle, { onProgress: record("boundary") });
  replaySensitivity("compoundDai2020", { onProgress: record("sensitivity") });
  await riskOracle(presets.sharedOracle, { recommendations: false, onProgress: record("oracle") });
  expect(calls.simulate).toEqual([0, 1, 2].map((done) => ({ done, total: 2 })));
  expect(calls["one run"]).toEqual([0, 1].map((done) => ({ done, total: 1 })));
  expect(calls.compare).toEqual([0, 1, 2].map((done) => ({ done, total: 2 })));
  expect(calls.sensitivity.length).toBe(calls.sensitivity[0].total + 1);
  expect(calls.oracle).toEqual([0, 1].map((done) => ({ done, total: 1 })));
  for (const [name, list] of Object.entries(calls)) {
    expect(list[0].done, name).toBe(0);
    expect(list.at(-1)?.done, name).toBe(list[0].total);
    list.forEach((p, i) => {
      expect(p.total, name).toBe(list[0].total);
      if (i > 0) expect(p.done, name).toBeGreaterThanOrEqual(list[i - 1].done);
    });
  }
});
