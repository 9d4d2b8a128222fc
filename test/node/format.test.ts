// The CLI's numbers: grouped, with units, to a fixed significance; zero as 0.
import { expect, test } from "vitest";
import { amount, count, move, pct, price, times } from "../../src/cli/format.ts";
import { toJson } from "../../src/cli/json.ts";

test("amounts: whole units grouped below 10 million, M/B/T above, 4 significant digits below 1,000", () => {
  expect(amount(5519744.29, "DAI")).toBe("5,519,744 DAI");
  expect(amount(18_260_000)).toBe("18.26 M");
  expect(amount(18_264_999, "DAI")).toBe("18.26 M DAI");
  expect(amount(999_960_000)).toBe("1 B");
  expect(amount(-1.5e12)).toBe("-1.5 T");
  expect(amount(182.64)).toBe("182.6");
  expect(amount(0.000412345)).toBe("0.0004123");
  expect(amount(0.25)).toBe("0.25");
  expect(amount(999.96)).toBe("1,000");
  expect(amount(0, "USDC")).toBe("0 USDC");
  expect(amount(Number.NaN, "USDC")).toBe("n/a");
  expect(amount(Number.POSITIVE_INFINITY)).toBe("∞");
});

test("prices, shares, counts and ratios", () => {
  expect(price(1826.4321, "DAI")).toBe("1,826.43 DAI");
  expect(price(0.99871234)).toBe("0.998712");
  expect(price(2000)).toBe("2,000");
  expect(pct(0.427)).toBe("42.7%");
  expect(pct(0)).toBe("0%");
  expect(pct(80)).toBe("8,000.0%");
  expect(move(0.05)).toBe("+5.0%");
  expect(move(-0.1)).toBe("-10.0%");
  expect(count(1081)).toBe("1,081");
  expect(times(1.4213)).toBe("1.42×");
  expect(times(Number.POSITIVE_INFINITY)).toBe("∞");
});

test("JSON: raw numbers, null for NaN and infinities, typed arrays as arrays", () => {
  const text = toJson({
    a: 1700.0000000000002,
    b: Number.NaN,
    c: [Number.NEGATIVE_INFINITY],
    d: new Float64Array([0.5]),
  });
  expect(JSON.parse(text)).toEqual({ a: 1700.0000000000002, b: null, c: [null], d: [0.5] });
});
