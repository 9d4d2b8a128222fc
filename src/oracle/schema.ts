/**
 * The risk oracle's report, version 1, as valibot schemas: the one source of the report's
 * TypeScript types and of its published JSON Schema (`schema/report.schema.json`, written by
 * `npm run schema`; test/node/schema.test.ts checks the file is this output, and the suites check
 * real reports against it). Amounts are in the scenario's price unit (quote) unless a field says
 * units of the asset; every number is finite — one that is not (a leverage with no equity, a
 * ratio over nothing) is `null`.
 * @module
 */
import * as v from "valibot";
import type { OracleReport } from "./types.ts";

/**
 * The report format's version: a reader must refuse a report with another.
 * @example
 * ```ts
 * const report = await riskOracle(presets.sharedOracle, { recommendations: false });
 * if (report.version !== REPORT_VERSION) throw new Error("a report of another format");
 * ```
 */
export const REPORT_VERSION = 1;

const num = (description: string) => v.pipe(v.number(), v.finite(), v.description(description));
const share = (description: string) =>
  v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1), v.description(description));
const maybe = (description: string) => v.pipe(v.nullable(v.pipe(v.number(), v.finite())), v.description(description));
const list = (description: string) => v.pipe(v.array(v.pipe(v.number(), v.finite())), v.description(description));
const maybeList = (description: string) =>
  v.pipe(v.array(v.nullable(v.pipe(v.number(), v.finite()))), v.description(description));
const id = (description: string) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,64}$/), v.description(description));
const text = (description: string) => v.pipe(v.string(), v.description(description));
const byId = <T extends v.GenericSchema>(item: T, description: string) =>
  v.pipe(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,64}$/)), item), v.description(description));

export const MethodSchema = v.pipe(
  v.strictObject({
    stepBps: num("Distance between ladder levels, basis points of the asset's price."),
    levels: num("Ladder levels (level 0 is the price itself)."),
    dropSteps: num("Steps over which each drop of the outside market happens (1: inside one step)."),
    pull: share("Share of the gap to the outside price that venues close each step during a drop."),
    selfSustaining: num("A cascade sustains itself when realized ≥ this × exogenous drawdown."),
    scanStep: num("Drops tried: every scanStep up to maxDrop (the cascade ladder's rows)."),
    maxDrop: num("The largest drop tried."),
    iterations: num("Bisection steps refining the dynamic boundary."),
    targetDrop: num("Recommendations move the dynamic boundary beyond this drop."),
    recommendations: v.pipe(v.boolean(), v.description("Whether recommendations were searched.")),
    recommendIterations: num("Bisection steps of each recommendation."),
    top: num("Accounts in the top holders' share."),
    velocityBps: num("Band of a book's liquidity velocity, basis points around its price."),
  }),
  v.description("The options the report was computed with: with the scenario they reproduce it exactly."),
);

export const ComponentSchema = v.strictObject({
  name: v.picklist([
    "staticBoundary",
    "dynamicBoundary",
    "leverage",
    "concentration",
    "depthToLadder",
    "sharedOracles",
  ]),
  description: text("What the input measures and how it maps to a score."),
  input: maybe("The input's value (null: none exists, e.g. no boundary on the grid)."),
  unit: text("The input's unit."),
  range: v.pipe(
    v.tuple([num("Input giving score 0."), num("Input giving score 1.")]),
    v.description("The score is linear between these inputs and clamped to [0, 1] outside them."),
  ),
  score: share("The input mapped to [0, 1]: 1 is the most fragile."),
  weight: share("Its weight; the weights add up to 1."),
  contribution: num("100 × weight × score: its part of the index."),
});

export const FragilitySchema = v.strictObject({
  index: v.pipe(
    v.number(),
    v.finite(),
    v.minValue(0),
    v.maxValue(100),
    v.description("100 × Σ weight × score over the components: 0 robust, 100 fragile."),
  ),
  components: v.array(ComponentSchema),
});

const LevelsSchema = v.strictObject({
  collateral: list("Collateral (units of the asset) first liquidatable at each level."),
  debt: list("Its debt (quote)."),
});

export const LadderSchema = v.pipe(
  v.strictObject({
    prices: list("Level k's price: spot × (1 − k × stepBps / 10⁴)."),
    collateral: list(
      "Collateral (units of the asset) first liquidatable at each level, over every protocol: positions whose liquidation price lies in (prices[k+1], prices[k]]; level 0 also holds what is liquidatable already.",
    ),
    debt: list("Its debt (quote)."),
    cumulative: list(
      "Σ collateral from level 0 to k: what forced sales bring to market by the time the price is there.",
    ),
    protocols: byId(LevelsSchema, "Each protocol's own ladder; they add up to the total."),
    beyondGrid: v.pipe(
      v.strictObject({ collateral: num("Units of the asset."), debt: num("Quote.") }),
      v.description("Liquidatable only below the grid's last price."),
    ),
    liquidatable: num(
      "All the collateral of the asset that some fall of its price liquidates: Σ collateral + beyondGrid.collateral.",
    ),
  }),
  v.description("The static liquidation ladder (no feedback), per protocol and in total."),
);

export const DepthSchema = v.pipe(
  v.strictObject({
    total: list("Base the asset's venues could take between spot and each level, before anything trades."),
    venues: byId(list("This venue's part."), "Each venue's depth curve."),
    toLadder: maybeList("depth / cumulative ladder at each level (null where nothing is liquidatable yet)."),
  }),
  v.description("The venues' depth curve against the ladder."),
);

export const CascadeSchema = v.pipe(
  v.strictObject({
    drops: list("The drop of the outside market in each run (every scanStep up to maxDrop)."),
    prices: list("The outside price each drop leads to."),
    realizedDrawdown: list("The asset's market drawdown with the cascade."),
    exogenousDrawdown: list("…and without liquidations nor hedging."),
    sustains: v.pipe(v.array(v.boolean()), v.description("realized ≥ selfSustaining × exogenous.")),
    static: list("Collateral liquidatable at the drop's price with no feedback (the static ladder there)."),
    liquidatable: list(
      "Collateral liquidatable once the cascade has run: each protocol's ladder at the lowest price its oracle published.",
    ),
    feedback: list("liquidatable − static: what the engine's feedback adds."),
    liquidatedNotional: list("Debt repaid or moved to auction in the run (quote), over every protocol."),
    badDebt: list("Bad debt of the run (quote)."),
    protocols: byId(
      v.strictObject({
        oracleLow: maybeList("The lowest price its oracle of the asset published in the run."),
        liquidatable: list("Its collateral liquidatable at that price (units)."),
        liquidatedNotional: list("Quote."),
        badDebt: list("Quote."),
      }),
      "Each protocol's part.",
    ),
  }),
  v.description(
    "The cascade-adjusted ladder: for each drop, the scenario run with that sudden drop of the asset's outside market (as the dynamic boundary runs it), against the static ladder at the same price.",
  ),
);

export const BoundarySchema = v.strictObject({
  static: v.pipe(
    v.nullable(
      v.strictObject({
        price: num("The highest grid price at which the cumulative ladder exceeds the depth."),
        drop: num("1 − price / spot."),
        level: num("Its level on the grid."),
        collateral: num("Collateral liquidatable between spot and the price (units)."),
        debt: num("Its debt (quote)."),
        depth: num("What the venues could take over the same range (units)."),
        around: v.pipe(
          v.strictObject({
            drops: list("Drops of the levels around the boundary (two either side)."),
            depthToLadder: maybeList("depth / cumulative ladder there."),
          }),
          v.description("The depth-to-ladder ratio around the boundary."),
        ),
      }),
    ),
    v.description("Forced sales outrun depth (no feedback); null when they never do on the grid."),
  ),
  dynamic: v.pipe(
    v.nullable(
      v.strictObject({
        price: num("spot × (1 − drop)."),
        drop: num("The smallest sudden drop whose cascade sustains itself."),
        liquidations: num("The run at that drop."),
        liquidatedNotional: num("Quote."),
        badDebt: num("Quote."),
        realizedDrawdown: num("Realized drawdown."),
        exogenousDrawdown: num("Exogenous drawdown."),
      }),
    ),
    v.description("null when no drop up to maxDrop sustains a cascade."),
  ),
});

export const RecommendationSchema = v.strictObject({
  kind: v.pipe(
    v.picklist(["liquidationThreshold", "liquidationRatio", "backstop", "depth"]),
    v.description(
      "liquidationThreshold (lending) / liquidationRatio (CDP): the protocol's parameter for this collateral, its borrowers keeping their health; backstop: capital of a liquidator that holds what it seizes; depth: every venue of the asset scaled.",
    ),
  ),
  protocol: v.pipe(v.nullable(id("The protocol.")), v.description("null for depth (the asset's venues).")),
  parameter: text("The scenario field changed, e.g. protocols[lend].markets.ETH.liquidationThreshold."),
  reached: v.pipe(
    v.boolean(),
    v.description("Whether the change, within its range, moves the boundary beyond the target."),
  ),
  current: num("The parameter now (backstop: 0; depth: 1 = the venues as they are)."),
  recommended: maybe("The value that does it (null when not reached)."),
  change: maybe("recommended − current."),
  cost: v.strictObject({
    amount: maybe("What the change costs (null when not reached)."),
    unit: text("Its unit (the scenario's quote)."),
    measure: v.picklist(["lostBorrowingPower", "capital"]),
    description: text("How it is counted."),
  }),
  checkedDrops: list("The drops run at the recommended value: none of them sustains a cascade."),
});

export const AssetReportSchema = v.strictObject({
  asset: id("The asset."),
  spot: num("Its price the levels are measured from (quote)."),
  ladder: LadderSchema,
  depth: DepthSchema,
  venues: byId(
    v.strictObject({
      type: text("Venue type."),
      quote: id("Its quote asset."),
      price: num("Its price before anything trades."),
      liquidityVelocity: maybe(
        "Quote per second its makers put back within velocityBps of its price (order books with a profile); null for pools.",
      ),
    }),
    "The asset's venues.",
  ),
  cascade: CascadeSchema,
  boundary: BoundarySchema,
  fragility: FragilitySchema,
  recommendations: v.strictObject({
    targetDrop: num("The drop the dynamic boundary should lie beyond."),
    needed: v.pipe(v.boolean(), v.description("Whether the dynamic boundary is at or below it now.")),
    items: v.array(RecommendationSchema),
  }),
});

export const SystemSchema = v.pipe(
  v.strictObject({
    leverage: maybe("Total-system leverage: Σ gross exposure / Σ equity over every protocol's accounts."),
    protocols: byId(
      v.strictObject({
        type: text("Protocol type."),
        accounts: num("Accounts."),
        exposure: num("Σ gross exposure (quote)."),
        equity: num("Σ equity (quote)."),
        leverage: maybe("exposure / equity."),
      }),
      "Per protocol.",
    ),
    exposure: v.strictObject({
      protocols: v.array(id("Row.")),
      assets: v.array(id("Column.")),
      matrix: v.pipe(v.array(list("A protocol's exposure per asset.")), v.description("Quote.")),
    }),
    concentration: v.strictObject({
      protocols: share("Herfindahl index of exposure across protocols."),
      accounts: share("…across accounts of every protocol."),
      topShare: share("The top accounts' share of all exposure."),
      top: num("How many top accounts."),
    }),
    sharedOracles: byId(v.array(id("Protocol.")), "Oracles read by more than one protocol."),
    sharedCollateral: byId(v.array(id("Protocol.")), "Collateral assets held in more than one protocol."),
    liquidityVelocity: byId(maybe("Quote per second."), "Every venue's liquidity velocity."),
  }),
  v.description("The market state's system measures (before anything moves)."),
);

export const ReportSchema = v.strictObject({
  version: v.pipe(v.literal(REPORT_VERSION), v.description("The report format's version.")),
  kind: v.literal("fracture.riskOracle"),
  createdAt: v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    v.description("When the report was made (ISO 8601, UTC, milliseconds)."),
  ),
  inputs: v.strictObject({
    sha256: v.pipe(
      v.string(),
      v.regex(/^[0-9a-f]{64}$/),
      v.description(
        "SHA-256 (hex) of the validated scenario — defaults filled in, CSV read, lists in their canonical order — as RFC 8785 canonical JSON.",
      ),
    ),
    scenario: id("The scenario's name."),
    steps: num("Its steps."),
    stepSeconds: num("Seconds per step."),
    quote: text("The unit of amounts and prices."),
  }),
  fracture: v.pipe(v.string(), v.description("fracture's version that made it.")),
  method: MethodSchema,
  system: SystemSchema,
  fragility: v.strictObject({
    index: v.pipe(v.number(), v.minValue(0), v.maxValue(100), v.description("The highest asset index.")),
    asset: v.nullable(id("Whose.")),
  }),
  assets: byId(AssetReportSchema, "Per asset (assets with a venue and a vol, or those asked for)."),
});

// The public types (types.ts) and these schemas must describe the same report: this fails to
// compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const REPORT_TYPES_AGREE: Same<OracleReport, v.InferOutput<typeof ReportSchema>> = true;
