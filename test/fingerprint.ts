/**
 * The bits every runtime must agree on: SHA-256 of the output columns of fixed workloads.
 * Each runner records them; the runners after Node compare theirs with Node's.
 * @module
 */
import { greeks } from "fracture";
import { fingerprint, rng } from "./harness.ts";

/**
 * A deterministic option grid that reaches the tails and the edge rules. Only + − × ÷ here:
 * engines disagree in the last bit of Math.exp and Math.pow, which would change the inputs.
 */
function options(n: number) {
  const next = rng(20261124);
  const col = (f: () => number) => Float64Array.from({ length: n }, f);
  return {
    spot: col(() => 100),
    strike: col(() => {
      const u = next();
      return 100 * (0.12 + 8 * u * u * u); // 12 to 812: deep in and out of the money
    }),
    time: col(() => {
      const u = next();
      return next() < 0.02 ? 0 : 10 * u * u * u;
    }),
    vol: col(() => {
      const u = next();
      return next() < 0.02 ? 0 : 3 * u * u;
    }),
    rate: col(() => 0.2 * next() - 0.05),
    dividend: col(() => 0.1 * next()),
    call: Uint8Array.from({ length: n }, () => (next() < 0.5 ? 1 : 0)),
  };
}

/** The GEX profile of a chain of 2001 options over 301 spots. */
function exposure(): Float64Array {
  const next = rng(7);
  const n = 2001;
  const ch = greeks.chain({
    strike: Float64Array.from({ length: n }, () => 1000 + 2000 * next()),
    time: Float64Array.from({ length: n }, () => 0.01 + next()),
    call: Uint8Array.from({ length: n }, () => (next() < 0.5 ? 1 : 0)),
    vol: Float64Array.from({ length: n }, () => 0.3 + next()),
    openInterest: Float64Array.from({ length: n }, () => 1000 * next()),
    rate: 0.03,
  });
  return greeks.gammaExposure(
    ch,
    Float64Array.from({ length: 301 }, (_, k) => 1000 + 10 * k),
  );
}

export async function fingerprints(): Promise<Record<string, string>> {
  const input = options(50_000);
  const priced = greeks.bsm(input);
  return {
    "greeks.bsm": await fingerprint(Object.values(priced)),
    "greeks.impliedVol": await fingerprint([greeks.impliedVol({ ...input, price: priced.price })]),
    "greeks.gammaExposure": await fingerprint([exposure()]),
  };
}
