// simulate's counterfactual cache: runs that differ only in protocols and mitigations (the
// dashboard's mitigation levers, compareMitigations' variants) reuse the counterfactual, and
// every result is the same bits as a run without the cache; a change the counterfactual reads (a
// shock, a venue) runs it again. The counterfactual run apart (runCounterfactual, another worker)
// completes a run without one (withCounterfactual) to the same bits.
import { beforeAll, describe, expect, test } from "vitest";
import {
  type CounterfactualCache,
  init,
  presets,
  runCounterfactual,
  type Scenario,
  simulate,
  withCounterfactual,
} from "../../src/index.node.ts";
import { defaultVariants } from "../../src/risk/variants.ts";

beforeAll(async () => {
  await init();
});

/** A result as text in which every number is its 64 bits (NaN's and −0's too), typed arrays included. */
function bits(x: unknown): string {
  const f = new Float64Array(1);
  const hex = (v: number) => {
    f[0] = v;
    return Buffer.from(f.buffer).toString("hex");
  };
  return JSON.stringify(x, (_k, v) => {
    if (typeof v === "number") return hex(v);
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, hex);
    return v;
  });
}

const cases: [string, Scenario][] = [
  ["sharedOracle", presets.sharedOracle],
  ["thinMarketInsurance", presets.thinMarketInsurance],
  ["basketContagion", presets.basketContagion],
  ["gammaSqueeze", presets.gammaSqueeze], // dealers: the counterfactual builds them without hedging
];

describe("counterfactual cache", () => {
  for (const [name, preset] of cases) {
    test(`${name}: each mitigation variant, cached, is the same bits as uncached`, () => {
      const cache: CounterfactualCache = {};
      const variants = defaultVariants(preset);
      for (const [k, v] of variants.entries()) {
        const s = { ...preset, mitigations: v.mitigations };
        const cached = simulate(s, { events: 100, counterfactual: cache });
        expect(cache.reused, v.name).toBe(k);
        const plain = simulate(s, { events: 100 });
        expect(bits(cached), v.name).toBe(bits(plain));
        expect(Number.isFinite(cached.summary.exogenousDrawdown)).toBe(true);
      }
      expect(variants.length).toBeGreaterThan(2);
    });
  }

  for (const [name, preset] of [...cases, ["blackThursday2020", presets.blackThursday2020] as const]) {
    test(`${name}: the cascade alone completed with a counterfactual run apart is the same bits as both at once`, () => {
      const both = simulate(preset, { events: 10 });
      const alone = simulate(preset, { events: 10, counterfactual: false });
      expect(alone.summary.exogenousDrawdown).toBeNaN();
      const cache = runCounterfactual(preset, {});
      expect(bits(withCounterfactual(alone.summary, cache))).toBe(bits(both.summary));
      expect(bits(alone.timeline)).toBe(bits(both.timeline));
      // run again for the same scenario, it is reused
      expect(runCounterfactual(preset, cache).reused).toBe(1);
    });
  }

  test("withCounterfactual refuses a cache without the summary's counterfactual", () => {
    const { summary } = simulate(presets.sharedOracle, { counterfactual: false });
    expect(() => withCounterfactual(summary, {})).toThrow(/expected the counterfactual of the summary's scenario/);
    const other = runCounterfactual(presets.blackThursday2020Dutch, {});
    expect(() => withCounterfactual(summary, other)).toThrow(/one without ETH or its venues/);
  });

  test("a changed shock runs it again; changed protocols reuse it", () => {
    const s = presets.thinMarketInsurance;
    const cache: CounterfactualCache = {};
    simulate(s, { counterfactual: cache });
    const first = cache.key;
    // another drop of the outside market: the counterfactual moves with it
    const shock = (s.shock ?? []).map((x) => (x.type === "drop" ? { ...x, fraction: x.fraction / 2 } : x));
    const dropped = { ...s, shock };
    const cached = simulate(dropped, { counterfactual: cache });
    expect(cache.reused).toBe(0);
    expect(cache.key).not.toBe(first);
    expect(bits(cached)).toBe(bits(simulate(dropped)));
    expect(cached.summary.exogenousDrawdown).not.toBe(simulate(s).summary.exogenousDrawdown);
    // fewer positions: the protocols are not in the counterfactual, which is reused
    const fewer = {
      ...dropped,
      protocols: dropped.protocols?.map((p) =>
        p.type === "lending" && "generate" in p.positions
          ? { ...p, positions: { generate: { ...p.positions.generate, count: 100 } } }
          : p,
      ),
    };
    const reused = simulate(fewer, { counterfactual: cache });
    expect(cache.reused).toBe(1);
    expect(bits(reused)).toBe(bits(simulate(fewer)));
    // counterfactual: false still runs none
    expect(simulate(s, { counterfactual: false }).summary.exogenousDrawdown).toBeNaN();
  });
});
