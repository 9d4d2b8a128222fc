/**
 * Named, documented scenarios: each says where its numbers come from.
 * @module
 */
import { aaveCrv2022 } from "./aave_crv_2022.ts";
import { basketContagion } from "./basket_contagion.ts";
import { blackThursday2020, blackThursday2020Dutch } from "./black_thursday_2020.ts";
import { commonCollateral } from "./common_collateral.ts";
import { compoundDai2020 } from "./compound_dai_2020.ts";
import { gammaSqueeze } from "./gamma_squeeze.ts";
import { keeperOutage } from "./keeper_outage.ts";
import { may2021 } from "./may_2021.ts";
import { october2025 } from "./october_2025.ts";
import { oracleAttack } from "./oracle_attack.ts";
import { separateOracles, sharedOracle } from "./shared_oracle.ts";
import { thinMarketAuction, thinMarketBackstop, thinMarketIncentive, thinMarketInsurance } from "./thin_market.ts";
import { volatileMargin } from "./volatile_margin.ts";

/**
 * The built-in scenarios, each documented in its module: replays of historical cascades, the
 * design's contagion vectors, failure shocks and a market per mitigation.
 * @example
 * ```ts
 * Object.keys(presets);                   // their names (fracture presets lists them with what each shows)
 * simulate(presets.sharedOracle).summary; // one of them run
 * ```
 */
export const presets = {
  blackThursday2020,
  sharedOracle,
  separateOracles,
  commonCollateral,
  gammaSqueeze,
  blackThursday2020Dutch,
  keeperOutage,
  thinMarketAuction,
  thinMarketInsurance,
  thinMarketBackstop,
  thinMarketIncentive,
  oracleAttack,
  basketContagion,
  volatileMargin,
  compoundDai2020,
  aaveCrv2022,
  may2021,
  october2025,
} as const;
