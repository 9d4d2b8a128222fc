/**
 * Named, documented scenarios: each says where its numbers come from.
 * @module
 */
import { blackThursday2020, blackThursday2020Dutch } from "./black_thursday_2020.ts";
import { commonCollateral } from "./common_collateral.ts";
import { gammaSqueeze } from "./gamma_squeeze.ts";
import { keeperOutage } from "./keeper_outage.ts";
import { separateOracles, sharedOracle } from "./shared_oracle.ts";
import { thinMarketAuction, thinMarketBackstop, thinMarketIncentive, thinMarketInsurance } from "./thin_market.ts";

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
} as const;
