/** The portable suite, in the order it runs: init.test.ts must come first. @module */
import "./init.test.ts";
import "./greeks.test.ts";
import "./impliedvol.test.ts";
import "./exposure.test.ts";
import "./book.test.ts";
import "./arbitrage.test.ts";
import "./vmath.test.ts";
import "./pool_cp.test.ts";
import "./pool_cl.test.ts";
import "./pool_stable.test.ts";
import "./maker.test.ts";
import "./lending.test.ts";
import "./cdp.test.ts";
import "./cdp_end.test.ts";
import "./perps.test.ts";
import "./presets.test.ts";
import "./oracle.test.ts";
import "./vaults.test.ts";
import "./cascade.test.ts";
import "./properties.test.ts";
import "./scenario.test.ts";
import "./fuzz.test.ts";
import "./scenario_errors.test.ts";
import "./references.test.ts";
import "./validate.test.ts";

export { cases } from "./harness.ts";
