/**
 * The report's sections for each result: a run's prices, liquidations and bad debt over time; a
 * stress run's distributions with VaR and expected shortfall marked; the ladder against depth
 * with the boundary marked; a mitigation comparison.
 * @module
 */
import type { ReplayResult, SensitivityResult } from "../replay/run.ts";
import type { Boundary } from "../risk/boundary.ts";
import type { ComparisonRow } from "../risk/compare.ts";
import type { Ladder } from "../risk/ladder.ts";
import type { Scenario } from "../scenario/types.ts";
import type { SimulationResult } from "../simulate/simulate.ts";
import type { StressResult } from "../stress/stress.ts";
import type { Chart, Section, Table } from "./html.ts";

const arr = (x: Float64Array) => Array.from(x);

/** A run's sections: headline figures, each traded asset's prices, liquidations, bad debt, waiting debt. */
export function simulateSections(s: Scenario, r: SimulationResult): Section[] {
  const t = r.timeline;
  const minutes = Array.from({ length: t.steps }, (_, i) => ((i + 1) * t.every * (s.stepSeconds ?? 12)) / 60);
  const sum = r.summary;
  const headline: Section = {
    title: "Summary",
    tables: [
      {
        header: ["figure", "value"],
        rows: [
          ["steps run", sum.steps],
          ["bad debt", sum.badDebt],
          ["liquidations", sum.liquidations],
          ["liquidated notional", sum.liquidatedNotional],
          ["slippage paid", sum.slippagePaid],
          // a run without its counterfactual (a replay's) has no exogenous drawdown to compare with
          ...(Number.isNaN(sum.exogenousDrawdown)
            ? []
            : [[`exogenous drawdown of ${sum.drawdownAsset} (%)`, 100 * sum.exogenousDrawdown] as [string, number]]),
          [`realized drawdown of ${sum.drawdownAsset} (%)`, 100 * sum.realizedDrawdown],
          ...(Number.isNaN(sum.exogenousDrawdown) ? [] : [["amplification", sum.amplification] as [string, number]]),
          ["positions insolvent at the start", sum.insolventAtStart],
        ],
      },
      {
        title: "per protocol",
        header: ["protocol", "type", "liquidations", "liquidated notional", "bad debt"],
        rows: Object.entries(sum.protocols).map(([id, p]) => [
          id,
          p.type,
          p.liquidations,
          p.liquidatedNotional,
          p.badDebt,
        ]),
      },
    ],
  };
  // the steps with the largest liquidated notional, marked on the price charts
  const bursts = [...Array(t.steps).keys()]
    .filter((i) => t.liquidatedNotional[i] > 0)
    .sort((a, b) => t.liquidatedNotional[b] - t.liquidatedNotional[a])
    .slice(0, 6)
    .map((i) => ({
      x: minutes[i],
      label: `liquidations ${Math.round(t.liquidatedNotional[i]).toLocaleString("en-US")}`,
    }));
  const sourceAsset = (src: string) => s.venues.find((v) => v.id === src)?.base ?? src;
  const oracleAsset = (o: NonNullable<Scenario["oracles"]>[number]) =>
    "sources" in o ? sourceAsset(o.sources[0]) : sourceAsset(o.source);
  const prices: Chart[] = s.assets
    .filter((a) => s.venues.some((v) => v.base === a.id))
    .map((a) => ({
      title: `${a.id}: market price, outside reference, each venue and each oracle`,
      kind: "lines",
      xLabel: "minutes",
      yLabel: "price",
      x: minutes,
      series: [
        { label: `${a.id} market`, values: arr(t.assets[a.id].market) },
        { label: `${a.id} outside`, values: arr(t.assets[a.id].reference) },
        ...s.venues.filter((v) => v.base === a.id).map((v) => ({ label: v.id, values: arr(t.venues[v.id].price) })),
        ...(s.oracles ?? [])
          .filter((o) => oracleAsset(o) === a.id)
          .map((o) => ({ label: `oracle ${o.id}`, values: arr(t.oracles[o.id]) })),
      ],
      marks: bursts,
    }));
  const protocols = Object.entries(t.protocols);
  const liquidations: Chart = {
    title: "liquidated notional per step, by protocol",
    kind: "bars",
    xLabel: "minutes",
    yLabel: "quote",
    x: minutes,
    series: protocols.map(([id, p]) => ({ label: id, values: arr(p.liquidatedNotional) })),
  };
  const badDebt: Chart = {
    title: "bad debt (cumulative), by protocol",
    kind: "lines",
    xLabel: "minutes",
    yLabel: "quote",
    x: minutes,
    series: protocols.map(([id, p]) => ({ label: id, values: arr(p.badDebt) })),
  };
  const waiting: Chart = {
    title: "debt left liquidatable after each step (waiting for a keeper, a price or a venue)",
    kind: "lines",
    xLabel: "minutes",
    yLabel: "quote",
    x: minutes,
    series: protocols.map(([id, p]) => ({ label: id, values: arr(p.waiting) })),
  };
  const anyWaiting = protocols.some(([, p]) => p.waiting.some((x) => x > 0));
  return [
    headline,
    { title: "Prices", charts: prices },
    { title: "Liquidations and bad debt", charts: [liquidations, badDebt, ...(anyWaiting ? [waiting] : [])] },
  ];
}

/** A stress run's sections: the measures, histograms of bad debt and liquidated notional with VaR and ES marked. */
export function stressSections(r: StressResult): Section[] {
  const m = r.measures;
  const histogram = (
    title: string,
    key: "badDebt" | "liquidatedNotional" | "realizedDrawdown",
    unit: string,
    marks: Chart["marks"],
  ): Chart => {
    const h = r.distributions[key].histogram;
    return {
      title,
      kind: "bars",
      xLabel: unit,
      yLabel: "paths",
      x: h.edges,
      series: [{ label: "paths", values: h.counts }],
      marks,
    };
  };
  return [
    {
      title: `Stress: ${r.count.toLocaleString("en-US")} paths × ${r.horizonSteps} steps (seed ${r.seed})`,
      text: "VaR is the 95th percentile of bad debt over the paths, extreme VaR the 99th, expected shortfall the mean of the worst 5%, liquidations at risk the 95th percentile of liquidated notional.",
      tables: [
        {
          header: ["measure", "value"],
          rows: [
            ["value at risk, 95%", m.valueAtRisk],
            ["extreme value at risk, 99%", m.extremeValueAtRisk],
            ["expected shortfall, 95%", m.expectedShortfall],
            ["liquidations at risk, 95%", m.liquidationsAtRisk],
            ["expected bad debt", m.expectedBadDebt],
            ["self-sustaining cascades (share)", m.selfSustainingShare],
          ],
        },
      ],
      charts: [
        histogram("bad debt over the paths", "badDebt", "bad debt (quote)", [
          { x: m.valueAtRisk, label: "VaR 95%" },
          { x: m.expectedShortfall, label: "ES 95%" },
        ]),
        histogram("liquidated notional over the paths", "liquidatedNotional", "liquidated notional (quote)", [
          { x: m.liquidationsAtRisk, label: "LaR 95%" },
        ]),
        histogram("realized drawdown over the paths", "realizedDrawdown", "drawdown", []),
      ],
    },
  ];
}

/** The ladder against depth, with both boundaries marked. */
export function boundarySections(ladders: Ladder[], boundaries: Record<string, Boundary> = {}): Section[] {
  return ladders.map((l) => {
    const b = boundaries[l.asset];
    // without a boundary computed, the ladder's own first crossing: the static boundary's level
    const crossing = l.cumulativeCollateral.findIndex((c, k) => c > l.depth[k]);
    const marks = b
      ? [
          ...(b.static ? [{ x: b.static.drop * 100, label: "static boundary" }] : []),
          ...(b.dynamic ? [{ x: b.dynamic.drop * 100, label: "dynamic boundary" }] : []),
        ]
      : crossing >= 0
        ? [{ x: (1 - l.prices[crossing] / l.spot) * 100, label: "static boundary" }]
        : [];
    const x = Array.from(l.prices, (p) => (1 - p / l.spot) * 100);
    return {
      title: `${l.asset}: liquidation ladder against depth`,
      text: "Collateral that becomes liquidatable as the price falls (cumulative, no feedback) against what the venues could take over the same fall; the static boundary is where the first crosses the second.",
      charts: [
        {
          title: `${l.asset}: cumulative liquidatable collateral and venue depth, by fall from ${l.spot}`,
          kind: "lines",
          xLabel: "fall (%)",
          yLabel: `${l.asset}`,
          x,
          series: [
            { label: "liquidatable collateral", values: arr(l.cumulativeCollateral) },
            { label: "venue depth", values: arr(l.depth) },
          ],
          marks,
        },
      ],
      tables: b
        ? [
            {
              header: ["boundary", "price", "drop", "there"],
              rows: [
                [
                  "static",
                  b.static?.price ?? null,
                  b.static?.drop ?? null,
                  b.static ? `${b.static.collateral} liquidatable, ${b.static.depth} of depth` : "none on the grid",
                ],
                [
                  "dynamic",
                  b.dynamic?.price ?? null,
                  b.dynamic?.drop ?? null,
                  b.dynamic ? `${b.dynamic.liquidations} liquidations` : "none up to the largest drop tried",
                ],
              ],
            },
          ]
        : [],
    };
  });
}

/** The comparison's rows as one table; a sweep's value after the variant's name. */
function comparisonTable(rows: ComparisonRow[], swept?: { parameter: string; values: number[] }): Table {
  return {
    header: [
      "variant",
      ...(swept ? [swept.parameter] : []),
      "bad debt",
      "realized drawdown",
      "amplification",
      "liquidated notional",
      "slippage paid",
      "liquidation delay (steps)",
      "capital committed",
      "opportunity cost / year",
      "incentives paid",
      "lost borrowing power",
      "VaR 95%",
    ],
    rows: rows.map((r, i) => [
      r.name,
      ...(swept ? [i === 0 ? null : swept.values[i - 1]] : []),
      r.badDebt,
      r.realizedDrawdown,
      r.amplification,
      r.liquidatedNotional,
      r.slippagePaid,
      r.liquidationDelay,
      r.capitalCommitted,
      r.opportunityCostPerYear,
      r.incentivesPaid,
      r.lostBorrowingPower,
      r.stress?.valueAtRisk ?? null,
    ]),
  };
}

/** A mitigation comparison: the table, and bars of bad debt and liquidated notional per variant. */
export function compareSections(rows: ComparisonRow[]): Section[] {
  const x = rows.map((_, i) => i);
  return [
    {
      title: "Mitigations compared",
      text: `Variants: ${rows.map((r, i) => `${i} = ${r.name}`).join(", ")}.`,
      tables: [comparisonTable(rows)],
      charts: [
        {
          title: "bad debt by variant",
          kind: "bars",
          xLabel: "variant",
          yLabel: "quote",
          x,
          series: [{ label: "bad debt", values: rows.map((r) => r.badDebt) }],
        },
        {
          title: "liquidated notional and slippage by variant",
          kind: "bars",
          xLabel: "variant",
          yLabel: "quote",
          x,
          series: [
            { label: "liquidated notional", values: rows.map((r) => r.liquidatedNotional) },
            { label: "slippage paid", values: rows.map((r) => r.slippagePaid) },
          ],
        },
      ],
    },
  ];
}

/**
 * A mitigation sweep's trade-off curve: the effect (bad debt, slippage, drawdown) and the cost
 * (capital, its yearly cost, incentives, lost borrowing power) against the parameter, the
 * baseline drawn flat beside them; the rows in a table under it.
 * @param mechanism the mechanism swept
 * @param parameter its parameter
 * @param values the values, in the order of `rows` after the baseline
 * @param rows `sweepMitigation`'s rows: the baseline, then one per value
 */
export function sweepSections(
  mechanism: string,
  parameter: string,
  values: number[],
  rows: ComparisonRow[],
): Section[] {
  const [baseline, ...swept] = rows;
  // the chart's x ascends: the values sorted, each with its row
  const order = values.map((v, i) => [v, swept[i]] as const).sort((a, b) => a[0] - b[0]);
  const x = order.map(([v]) => v);
  const series = (label: string, f: (r: ComparisonRow) => number) => ({ label, values: order.map(([, r]) => f(r)) });
  const flat = (label: string, value: number) => ({ label, values: x.map(() => value), dash: true });
  const stressed = baseline.stress !== undefined;
  const xLabel = `${mechanism}.${parameter}`;
  return [
    {
      title: `${mechanism}: ${parameter} swept`,
      text: `The scenario with ${mechanism} at each value of ${parameter} (its other parameters the scenario's, else the defaults), beside the baseline with no mitigation, drawn flat: what each value buys and what it costs.`,
      charts: [
        {
          title: `bad debt and slippage paid against ${parameter}`,
          kind: "lines",
          xLabel,
          yLabel: "quote",
          x,
          series: [
            series("bad debt", (r) => r.badDebt),
            flat("bad debt, baseline", baseline.badDebt),
            series("slippage paid", (r) => r.slippagePaid),
            flat("slippage paid, baseline", baseline.slippagePaid),
            ...(stressed
              ? [
                  series("VaR 95%", (r) => r.stress?.valueAtRisk ?? Number.NaN),
                  flat("VaR 95%, baseline", baseline.stress?.valueAtRisk ?? Number.NaN),
                ]
              : []),
          ],
        },
        {
          title: `realized drawdown against ${parameter}`,
          kind: "lines",
          xLabel,
          yLabel: "drawdown (%)",
          x,
          series: [
            series("realized drawdown (%)", (r) => 100 * r.realizedDrawdown),
            flat("baseline (%)", 100 * baseline.realizedDrawdown),
          ],
        },
        {
          title: `what it costs against ${parameter}`,
          kind: "lines",
          xLabel,
          yLabel: "quote",
          x,
          series: [
            series("capital committed", (r) => r.capitalCommitted),
            series("its opportunity cost / year", (r) => r.opportunityCostPerYear),
            series("incentives paid", (r) => r.incentivesPaid),
            series("lost borrowing power", (r) => r.lostBorrowingPower),
          ],
        },
      ],
      tables: [{ title: "every run", ...comparisonTable(rows, { parameter, values }) }],
    },
  ];
}

/**
 * A replay's report: the calibration table (each reported figure with its source beside the
 * replay's value, their ratio and the band the tests keep it in), where the replay misses, each
 * assumption's sensitivity, then the run's own charts and its ladder against depth.
 * @param r the calibration
 * @param run the replay's run and its validated scenario
 * @param sensitivity `replaySensitivity`'s tables, when run
 * @param ladder the ladder of the scenario's first traded asset
 */
export function replaySections(
  r: ReplayResult,
  run: { scenario: Scenario; result: SimulationResult },
  sensitivity: SensitivityResult[] | undefined,
  ladder: Ladder,
): Section[] {
  const calibration: Section = {
    title: `Calibration: ${r.event} (${r.date})`,
    text: r.mechanism,
    tables: [
      {
        header: [
          "figure",
          "unit",
          "reported",
          "source",
          "replay",
          "replay / reported",
          "band, low",
          "band, high",
          "in its band",
        ],
        rows: r.rows.map((x) => [
          x.figure,
          x.unit,
          x.reported,
          x.source,
          x.replay,
          x.ratio,
          x.band[0],
          x.band[1],
          x.inBand ? "yes" : "no",
        ]),
      },
      {
        title: "how each replay value is read",
        header: ["figure", "read from"],
        rows: r.rows.map((x) => [x.figure, x.readFrom]),
      },
    ],
  };
  const misses: Section = { title: "Where it misses", text: r.findings };
  const sensitivities: Section[] = (sensitivity ?? []).map((s) => {
    const rows = [...s.rows].sort((a, b) => a.value - b.value);
    const at = s.rows.find((row) => row.value === s.assumed) ?? rows[0];
    return {
      title: `Sensitivity: ${s.input}`,
      text: `Each figure again with ${s.input} at each value tried (${s.unit}; the preset assumes ${s.assumed}); the chart shows each figure as a multiple of its value at the assumption.`,
      tables: [
        {
          header: [`${s.input} (${s.unit})`, ...s.figures.map((f, k) => `${f} (${s.units[k]})`)],
          rows: rows.map((row) => [row.value === s.assumed ? `${row.value} (assumed)` : row.value, ...row.figures]),
        },
      ],
      charts: [
        {
          title: `each figure against ${s.input}, as a multiple of its value at ${s.assumed}`,
          kind: "lines",
          xLabel: s.input,
          yLabel: "× at the assumption",
          x: rows.map((row) => row.value),
          series: s.figures.map((f, k) => ({
            label: f,
            values: rows.map((row) => (at.figures[k] === 0 ? Number.NaN : row.figures[k] / at.figures[k])),
          })),
          marks: [{ x: s.assumed, label: "assumed" }],
        },
      ],
    };
  });
  return [
    calibration,
    misses,
    ...sensitivities,
    ...simulateSections(run.scenario, run.result),
    ...boundarySections([ladder]),
  ];
}
