/**
 * `fracture oracle`: the Systemic Risk Oracle's report of a scenario, as a table or signed JSON;
 * with `--serve`, the oracle as an HTTP service (oracle_serve.ts).
 * @module
 */
import type { OracleOptions, OracleReport } from "../oracle/report.ts";
import { riskOracle } from "../oracle/report.ts";
import { signReport } from "../oracle/sign.ts";
import { type Io, parse, positive, UsageError } from "./args.ts";
import { amount, count, pct, price, table } from "./format.ts";
import { keyFrom, newKey } from "./oracle_key.ts";
import { QUIET_HELP, withProgress } from "./progress.ts";
import { scenarioFrom } from "./scenario.ts";

export const ORACLE_USAGE = `  fracture oracle SCENARIO.json | - | --preset NAME [--asset ID] [--target DROP] [--fast]
                  [--created-at ISO] [--json] [--key FILE] [--quiet]
      the Systemic Risk Oracle's report per asset: liquidation ladder (static and with the
      cascade), depth, leverage, concentration, solvency boundary, fragility index 0-100 with each
      input, and what moves the dynamic boundary beyond --target (default 0.2) at what cost;
      --json prints it signed (Ed25519 over its RFC 8785 JSON) with --key FILE or
      FRACTURE_ORACLE_KEY (a JWK or PKCS#8), else a new key; --fast skips the recommendations;
      ${QUIET_HELP}
  fracture oracle --serve [SCENARIO.json | --preset NAME] [--port 8787] [--host 127.0.0.1]
                  [--key FILE] [--db FILE] [--every SECONDS]
  fracture oracle --new-key FILE
      serves signed reports over HTTP (GET /v1/report/:asset[?at=ISO], /v1/key, /v1/schema,
      /v1/stream; POST /v1/scenario), computed in a worker thread on start, on each new scenario
      and every --every seconds; history in SQLite (--db, Node >= 22.13), else in memory;
      --new-key FILE saves a new Ed25519 signing key (a private JWK) for --key or FRACTURE_ORACLE_KEY`;

export const ORACLE_EXAMPLES = `  fracture oracle --preset sharedOracle
  fracture oracle my.json --json --key oracle-key.json > report.json
  fracture oracle --serve --preset sharedOracle --db oracle.db --every 300`;

export async function oracleCommand(args: string[], io: Io): Promise<string> {
  const { values, positionals } = parse(
    "oracle",
    args,
    {
      preset: { type: "string" },
      asset: { type: "string", multiple: true },
      target: { type: "string" },
      fast: { type: "boolean" },
      "created-at": { type: "string" },
      json: { type: "boolean" },
      key: { type: "string" },
      serve: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      db: { type: "string" },
      every: { type: "string" },
      "new-key": { type: "string" },
      quiet: { type: "boolean" },
    },
    true,
  );
  if (values["new-key"] !== undefined) return newKey(values["new-key"], args.length);
  const report: Omit<OracleOptions, "assets" | "createdAt" | "baseUrl"> = {};
  if (values.target !== undefined) report.targetDrop = positive("target", values.target);
  if (values.fast) report.recommendations = false;
  if (values.serve) {
    for (const flag of ["json", "asset", "created-at"] as const)
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} does not go with --serve (see fracture oracle --help)`);
    // the server (hono, its Node adapter, the history) loads only here: every other command starts without it
    const { serveOracle } = await import("./oracle_serve.ts");
    return serveOracle({ ...values, positionals, report }, io);
  }
  for (const flag of ["port", "host", "db", "every"] as const)
    if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --serve (see fracture oracle --help)`);
  const [scenario, baseUrl] = await scenarioFrom(values.preset, positionals);
  const options: OracleOptions = { ...report, baseUrl, assets: values.asset, createdAt: values["created-at"] };
  const result = await withProgress("oracle", values.quiet, "parts", (update) =>
    riskOracle(scenario, { ...options, onProgress: ({ done, total }) => update(done, total) }),
  );
  if (values.json) {
    const key = await keyFrom(values.key, io, { ephemeral: true });
    return JSON.stringify(await signReport(result, key));
  }
  return render(result);
}

/** The report as tables, one section per asset. */
export function render(r: OracleReport): string {
  const quote = r.inputs.quote;
  const out: string[] = [
    `${r.inputs.scenario}: risk oracle report, ${r.createdAt} (inputs sha256 ${r.inputs.sha256.slice(0, 16)}…, fracture ${r.fracture})`,
    "",
    `system: leverage ${r.system.leverage === null ? "∞" : `${r.system.leverage.toFixed(2)}×`}; top ${r.system.concentration.top} accounts hold ${pct(r.system.concentration.topShare)} of exposure; HHI ${r.system.concentration.protocols.toFixed(3)} across protocols, ${r.system.concentration.accounts.toFixed(4)} across accounts`,
  ];
  const shared = Object.entries(r.system.sharedOracles).map(([o, ps]) => `${o} (${ps.join(", ")})`);
  if (shared.length > 0) out.push(`shared oracles: ${shared.join("; ")}`);
  for (const a of Object.values(r.assets)) {
    out.push("", `${a.asset} at ${price(a.spot, quote)}: fragility ${a.fragility.index.toFixed(1)} / 100`, "");
    out.push(
      table(
        ["component", "input", "score", "weight", "points"],
        a.fragility.components.map((c) => [
          c.name,
          c.input === null
            ? "none"
            : c.unit === "×"
              ? `${c.input.toFixed(2)}×`
              : c.unit === "ratio"
                ? c.input.toFixed(2)
                : pct(c.input),
          c.score.toFixed(2),
          c.weight.toFixed(2),
          c.contribution.toFixed(1),
        ]),
      ),
    );
    const b = a.boundary;
    out.push(
      "",
      b.static
        ? `static boundary  ${price(b.static.price, quote)} (−${pct(b.static.drop)}): ${amount(b.static.collateral, a.asset)} liquidatable, ${amount(b.static.depth, a.asset)} of depth`
        : "static boundary  none: forced sales never outrun depth on the grid",
      b.dynamic
        ? `dynamic boundary ${price(b.dynamic.price, quote)} (−${pct(b.dynamic.drop)}): ${count(b.dynamic.liquidations)} liquidations, the market falls ${pct(b.dynamic.realizedDrawdown)}`
        : `dynamic boundary none: no drop up to ${pct(r.method.maxDrop)} sustains a cascade`,
      `liquidatable ${amount(a.ladder.liquidatable, a.asset)} in all (${amount(a.ladder.beyondGrid.collateral, a.asset)} only below the grid)`,
      "",
    );
    const c = a.cascade;
    const rows = c.drops
      .map((d, i) => ({ d, i }))
      .filter(
        ({ i }) => i % Math.max(1, Math.ceil(c.drops.length / 10)) === Math.max(1, Math.ceil(c.drops.length / 10)) - 1,
      )
      .map(({ d, i }) => [
        `−${pct(d)}`,
        amount(c.static[i], a.asset),
        amount(c.liquidatable[i], a.asset),
        amount(c.feedback[i], a.asset),
        pct(c.realizedDrawdown[i]),
        c.sustains[i] ? "yes" : "",
      ]);
    out.push(table(["drop", "static ladder", "with the cascade", "feedback", "market falls", "sustains"], rows));
    const rec = a.recommendations;
    out.push("");
    if (!rec.needed) out.push(`recommendations: none needed (dynamic boundary beyond ${pct(rec.targetDrop)})`);
    else if (rec.items.length === 0)
      out.push(`recommendations: not searched (dynamic boundary within ${pct(rec.targetDrop)})`);
    else {
      out.push(`to move the dynamic boundary beyond ${pct(rec.targetDrop)}:`);
      out.push(
        table(
          ["lever", "protocol", "now", "to", "cost"],
          rec.items.map((x) => [
            x.kind,
            x.protocol ?? a.asset,
            level(x.kind, x.current, quote),
            x.recommended === null ? "not reached" : level(x.kind, x.recommended, quote),
            x.cost.amount === null
              ? "—"
              : `${amount(x.cost.amount, quote)} ${x.cost.measure === "capital" ? "capital" : "borrowing power"}`,
          ]),
        ),
      );
    }
  }
  return out.join("\n");
}

function level(kind: string, x: number, quote: string): string {
  if (kind === "backstop") return amount(x, quote);
  if (kind === "depth") return `${x.toFixed(2)}×`;
  return x.toFixed(4);
}
