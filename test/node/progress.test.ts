// The CLI's progress bar: drawn on stderr when it is a terminal, nothing with --quiet or on a pipe.
import { afterEach, expect, test, vi } from "vitest";
import { progressBar, withProgress } from "../../src/cli/progress.ts";

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
