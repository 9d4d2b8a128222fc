// A scenario's problems as ScenarioError says them: grouped over indices, the full list kept.
import { presets, type Scenario, ScenarioError, validateScenario } from "fracture";
import { assert, equal, test, throws } from "./harness.ts";

/** sharedOracle with 200 explicit positions holding USDC, which the protocol has no market for: one cause, 200 problems. */
function noMarket(): Scenario {
  const s = structuredClone(presets.sharedOracle) as Scenario & {
    protocols: { oracles: object; positions: unknown }[];
  };
  s.protocols[0].oracles = { ETH: "eth-thin" };
  s.protocols[0].positions = Array.from({ length: 200 }, () => ({ collateral: { USDC: 1000 }, debt: { ETH: 0.1 } }));
  return s;
}

test("scenario errors: one cause over 200 positions is one line; issues keep all 200", () => {
  const err = throws(() => validateScenario(noMarket()), ScenarioError, /^200 problems:\n/) as ScenarioError;
  equal(err.issues.length, 200, "issues");
  equal(
    err.message,
    "200 problems:\n  protocols[0].positions[0..199].collateral.USDC: no market for USDC in protocols[0].markets",
    "message",
  );
  assert(
    err.issues.every((i, k) => i.path === `protocols[0].positions[${k}].collateral.USDC`),
    "each issue's own path",
  );
});

test("scenario errors: an unknown field names the nearest known one, inside variants and records too", () => {
  const s = structuredClone(presets.commonCollateral) as unknown as Record<string, Record<string, unknown>[]> & {
    shocks?: unknown;
  };
  s.shocks = s.shock;
  delete (s as { shock?: unknown }).shock;
  s.venues[0].tickSise = 0.01; // an order book
  (s.venues[0].profile as Record<string, unknown>).levls = 10;
  (s.protocols[0].markets as Record<string, Record<string, unknown>>).ETH.liquidationTreshold = 0.8;
  s.assets[0].zzzz = 1;
  const err = throws(() => validateScenario(s), ScenarioError, /problems/) as ScenarioError;
  const said = Object.fromEntries(err.issues.map((i) => [i.path, i.message]));
  equal(said.shocks, 'unknown field (did you mean "shock"?)', "shocks");
  equal(said["venues[0].tickSise"], 'unknown field (did you mean "tickSize"?)', "an order book's field");
  equal(said["venues[0].profile.levls"], 'unknown field (did you mean "levels"?)', "its profile's");
  equal(
    said["protocols[0].markets.ETH.liquidationTreshold"],
    'unknown field (did you mean "liquidationThreshold"?)',
    "a market's, in a record",
  );
  equal(
    said["assets[0].zzzz"],
    "unknown field (expected one of id, price, vol, referenceVenue, model)",
    "nothing near: the fields",
  );
});

test("scenario errors: inside a union of shapes (positions), the problems of the shape given, by path", () => {
  const s = structuredClone(presets.sharedOracle) as unknown as Record<string, Record<string, unknown>[]>;
  s.protocols[0].positions = [{ collateral: { ETH: -1 }, debt: { USDC: 10 }, acount: "a" }];
  ((s.protocols[1].positions as Record<string, Record<string, unknown>>).generate as Record<string, unknown>).cont = 3;
  const err = throws(() => validateScenario(s), ScenarioError, /problems/) as ScenarioError;
  equal(
    err.message,
    [
      "3 problems:",
      "  protocols[0].positions[0].collateral.ETH: expected a number in [0, 1e15], got -1",
      '  protocols[0].positions[0].acount: unknown field (did you mean "account"?)',
      '  protocols[1].positions.generate.cont: unknown field (did you mean "count"?)',
    ].join("\n"),
    "message",
  );
  // a shape that fits no option is still said as the union's expectation
  s.protocols[0].positions = 7 as never;
  s.protocols[1].positions = [];
  throws(
    () => validateScenario(s),
    ScenarioError,
    /^protocols\[0\]\.positions: expected an array of positions, \{ generate: \{\.\.\.\} \}, \{ csv: "\.\.\." \} or \{ csvFile: "path" \}, got 7$/,
  );
});
