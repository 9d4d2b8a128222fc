// "Did you mean": only names near enough to be a typo are suggested.
import { expect, test } from "vitest";
import { nearest } from "../../src/scenario/explain.ts";

test("a typo finds its field; a different word finds none", () => {
  const known = ["id", "type", "base", "quote", "reserveBase", "reserveQuote", "feeBps"];
  expect(nearest("feeBp", known)).toBe("feeBps");
  expect(nearest("FeeBPS", known)).toBe("feeBps"); // case alone is no distance
  expect(nearest("reserve_base", known)).toBe("reserveBase");
  expect(nearest("ix", known)).toBe("id");
  expect(nearest("qty", known)).toBeUndefined();
  expect(nearest("liquidity", known)).toBeUndefined();
  expect(nearest("shocks", ["steps", "shock", "seed"])).toBe("shock");
});
