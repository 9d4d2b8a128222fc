// Exit codes: 2 for the user's bad input (the SDK's own validation errors included), 1 for a bug.
import { afterEach, expect, test, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { isBadInput, rangeError, typeError } from "../../src/validate.ts";

let thrown: unknown;
vi.mock(import("../../src/cli/greeks.ts"), async (original) => ({
  ...(await original()),
  greeksCommand: () => {
    throw thrown;
  },
}));

afterEach(() => vi.restoreAllMocks());

async function exitOf(err: unknown): Promise<{ code: number; said: string }> {
  thrown = err;
  const said: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => said.push(line));
  const code = await main(["greeks"]);
  return { code, said: said.join("\n") };
}

test("a TypeError that is a bug exits 1 with its stack", async () => {
  const bug = await exitOf(new TypeError("Cannot read properties of undefined (reading 'length')"));
  expect(bug.code).toBe(1);
  expect(bug.said).toMatch(/^fracture: internal failure: TypeError: Cannot read properties of undefined/);
  expect((await exitOf(new RangeError("Invalid array length"))).code).toBe(1);
});

test("the SDK's validation errors exit 2 with their message, and stay plain TypeErrors and RangeErrors", async () => {
  const wrongType = typeError("spot", "a number or a Float64Array", "2000");
  const wrongValue = rangeError("vol", "a finite number in [0, 1e6]", -1);
  expect(wrongType).toBeInstanceOf(TypeError);
  expect(wrongValue).toBeInstanceOf(RangeError);
  expect([isBadInput(wrongType), isBadInput(new TypeError("x"))]).toEqual([true, false]);
  expect(Object.keys(wrongValue)).toEqual(["field", "expected"]); // the mark is not enumerable
  expect(await exitOf(wrongValue)).toEqual({
    code: 2,
    said: 'fracture: "vol" expected a finite number in [0, 1e6], got -1',
  });
  expect((await exitOf(wrongType)).code).toBe(2);
});
