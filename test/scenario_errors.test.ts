// A scenario's problems as ScenarioError says them: grouped over indices, the full list kept.
import { presets, type Scenario, ScenarioError, validateScenario } from "fracture";
import { assert, equal, test, throws } from "./harness.ts";

/** sharedOracle with 200 explicit positions in USDC debt, whose oracle is left out: one cause, 200 problems. */
function noDebtOracle(): Scenario {
  const s = structuredClone(presets.sharedOracle) as Scenario & {
    protocols: { oracles: object; positions: unknown }[];
  };
  s.protocols[0].oracles = { ETH: "eth-thin" };
  s.protocols[0].positions = Array.from({ length: 200 }, () => ({ collateral: { ETH: 10 }, debt: { USDC: 1000 } }));
  return s;
}

test("scenario errors: one cause over 200 positions is one line; issues keep all 200", () => {
  const err = throws(() => validateScenario(noDebtOracle()), ScenarioError, /^200 problems:\n/) as ScenarioError;
  equal(err.issues.length, 200, "issues");
  equal(
    err.message,
    "200 problems:\n  protocols[0].positions[0..199].debt.USDC: no oracle for USDC in protocols[0].oracles",
    "message",
  );
  assert(
    err.issues.every((i, k) => i.path === `protocols[0].positions[${k}].debt.USDC`),
    "each issue's own path",
  );
});
