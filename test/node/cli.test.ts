// The `fracture` command as users run it (needs the build in dist/).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import parseCsv from "csv-simple-parser";
import { expect, test } from "vitest";
import { presets } from "../../src/presets/index.ts";

const bin = new URL("../../bin/fracture.js", import.meta.url).pathname;
const book = new URL("../fixtures/deribit_eth_book.json", import.meta.url).pathname;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWith("", ...args);
}

/** The command with `input` on its standard input. */
async function runWith(input: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const child = promisify(execFile)(process.execPath, [bin, ...args], { maxBuffer: 256 * 1024 * 1024 });
  child.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

test("greeks --example prints the chain; --json parses", async () => {
  const table = await run("greeks", "--example");
  expect(table.code).toBe(0);
  expect(table.out).toMatch(/90d\s+2,400\s+put/);
  const json = JSON.parse(
    (await run("greeks", "--spot", "100", "--strike", "100", "--time", "1", "--vol", "0.2", "--rate", "0.05", "--json"))
      .out,
  );
  expect(json[0].price).toBeCloseTo(10.450583572185565, 12);
});

test("gex reads a Deribit book and reports flip, peaks and flows", async () => {
  const r = await run("gex", "--deribit", book, "--json");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out);
  expect(report.spot).toBe(2001.5);
  expect(report.flows).toHaveLength(4);
  expect(report.peaks.length).toBeGreaterThan(0);
  expect((await run("gex", "--example")).out).toMatch(/gamma flip: /);
});

test("bad input exits 2 with one line; --help exits 0", async () => {
  for (const args of [
    ["greeks", "--spot", "100", "--strike", "90", "--time", "1", "--vol", "abc"],
    ["greeks", "--spot=-1", "--strike", "90", "--time", "1", "--vol", "0.2"],
    ["greeks", "--bogus"],
    ["nope"],
    ["gex", "--deribit", "/no/such/file.json"],
    ["gex", "--deribit", new URL("../../package.json", import.meta.url).pathname],
  ]) {
    const r = await run(...args);
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
    expect(r.err).toMatch(/^fracture: /);
  }
  expect((await run("greeks", "--spot=-1", "--strike", "90", "--time", "1", "--vol", "0.2")).err).toMatch(
    /^fracture: --spot expected a finite number in \[0, 1e15\], got -1\n$/,
  );
  expect((await run("--help")).code).toBe(0);
});

test("simulate --preset runs the main job; bad scenarios exit 2 with the path of the field", async () => {
  const out = await run("simulate", "--preset", "sharedOracle");
  expect(out.code).toBe(0);
  expect(out.out).toMatch(/lend-b\s+lending\s+\d+/);
  const json = JSON.parse((await run("simulate", "--preset", "separateOracles", "--json")).out);
  expect(json.summary.protocols["lend-b"].liquidations).toBe(0);
  const unknown = await run("simulate", "--preset", "nope");
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown preset "nope"/);
  const missing = await run("simulate", new URL("../fixtures/uniswap.json", import.meta.url).pathname);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/^fracture: \d+ problems:\n/);
  expect(missing.err).toMatch(/\nfracture: {3}version: missing \(a required field\)\n/);
  const nofile = await run("simulate", "/no/such/scenario.json");
  expect(nofile.code).toBe(2);
  expect(nofile.err.trim()).toBe("fracture: cannot read /no/such/scenario.json: no such file");
});

/** A file in a fresh temporary folder. */
async function temp(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "fracture-cli-")), name);
  await writeFile(path, text);
  return path;
}

test("a scenario's problems print one per line, grouped over indices", async () => {
  const s = structuredClone(presets.sharedOracle) as unknown as Record<string, Record<string, unknown>[]>;
  s.protocols[0].oracles = { ETH: "eth-thin" };
  s.protocols[0].positions = Array.from({ length: 200 }, () => ({ collateral: { USDC: 1000 }, debt: { ETH: 0.1 } }));
  s.liquidators[0].sellVenue = "nowhere";
  const r = await run("simulate", await temp("bad.json", JSON.stringify(s)));
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toEqual([
    "fracture: 201 problems:",
    "fracture:   protocols[0].positions[0..199].collateral.USDC: no market for USDC in protocols[0].markets",
    'fracture:   liquidators[0].sellVenue: unknown venue "nowhere"',
  ]);
});

/** Every string in a JSON value that a number was written as (`"NaN"`, `"0.2500y"`, `"12.5"`). */
function numberStrings(x: unknown): string[] {
  if (typeof x === "string") return /^[-+]?(\d|NaN|Infinity)/.test(x) ? [x] : [];
  if (Array.isArray(x)) return x.flatMap(numberStrings);
  if (typeof x === "object" && x !== null) return Object.values(x).flatMap(numberStrings);
  return [];
}

test("tables: grouped numbers with units and percentages, zero as 0, no exponents", async () => {
  const sim = await run("simulate", "--preset", "sharedOracle");
  expect(sim.code).toBe(0);
  expect(sim.out).toMatch(/lend-b\s+lending\s+[\d,]+\s+\d+(\.\d+)? M USDC\s+\d{1,3}(,\d{3})+ USDC\s+0\n/);
  expect(sim.out).toMatch(/ETH\s+\d+\.\d%\s+\d+\.\d%\s+\d+\.\d\d×\s+[\d,.]+ USDC\n/);
  expect(sim.out).toMatch(/amounts and prices in USDC/);
  const greeks = await run("greeks", "--example");
  const gex = await run("gex", "--example");
  for (const out of [sim.out, greeks.out, gex.out]) {
    expect(out).not.toMatch(/\de[+-]\d/);
    expect(out).not.toMatch(/\b0\.0+\b/);
  }
  expect(greeks.out).toMatch(/90d\s+2,400\s+put\s+74\.0%/);
  expect(gex.out).toMatch(/1,700 USD\s+-15\.0%\s+-?[\d,]+ USD/);
});

test("JSON: raw numbers, null where a number is missing or not finite, no numbers as strings", async () => {
  const greeks = JSON.parse(
    (await run("greeks", "--spot", "2000", "--strike", "1800", "--time", "0.25", "--vol", "0.8", "--json")).out,
  );
  expect(greeks[0]).toMatchObject({ spot: 2000, strike: 1800, time: 0.25, vol: 0.8, type: "call" });
  const gex = JSON.parse((await run("gex", "--example", "--dealers", "long-all", "--json")).out);
  expect(gex.flip).toBeNull(); // long gamma everywhere: no flip
  expect(gex.profile[1].spot).toBe(1700);
  expect(gex.flows[0].move).toBe(-0.1);
  const sim = JSON.parse((await run("simulate", "--preset", "gammaSqueeze", "--json", "--timeline")).out);
  expect(Array.isArray(sim.timeline.badDebt)).toBe(true);
  for (const json of [greeks, gex, sim]) expect(numberStrings(json)).toEqual([]);
});

test("option checks: clear messages in the CLI's words; implausible values warn and still run", async () => {
  const option = ["--spot", "2000", "--strike", "1800", "--time", "0.25"];
  const percent = await run("greeks", ...option, "--vol", "80");
  expect(percent.code).toBe(0);
  expect(percent.err).toBe(
    "fracture: warning: --vol 80 is 8,000.0% a year; did you mean 0.8? (vol is a decimal: 0.8 = 80%)\n",
  );
  expect(percent.out).toMatch(/8,000\.0%/);
  const days = await run("greeks", ...option.slice(0, 4), "--time", "30", "--vol", "0.8");
  expect(days.err).toMatch(/warning: --time 30 is 30 years; did you mean 30 days, --time 0\.08219\?/);
  // a negative number after an option is its value
  expect((await run("greeks", ...option, "--vol", "0.8", "--rate", "-0.01", "--json")).out).toMatch(/"rate": -0\.01/);
  const bad: [string[], string][] = [
    [["greeks", ...option, "--vol", "-0.8"], "--vol expected a finite number in [0, 1e6], got -0.8"],
    [
      ["greeks", "--spot", "2000", "--strike", "1800,,2200", "--time", "1", "--vol", "0.8"],
      '--strike item 2 is empty in "1800,,2200"',
    ],
    [
      ["greeks", ...option, "--vol", "0.8", "--strike", "1800,-5"],
      "--strike item 2 expected a finite number in [0, 1e15], got -5",
    ],
    [
      ["greeks", "--example", "--vol", "0.5"],
      "--example prices its own options: it takes no --vol (drop --example to price yours; --spot, --rate and --dividend apply to it)",
    ],
    [["gex", "--example", "--spot", "0"], "--spot must be > 0, got 0"],
    [["greeks", "--vols", "0.8"], "unknown option --vols: did you mean --vol? (see fracture greeks --help)"],
    [["greeks", "--spot"], "--spot needs a value (see fracture greeks --help)"],
    [
      ["gex", "--example", "--dealers", "some"],
      '--dealers expected one of "long-calls-short-puts", "short-all", "long-all", got "some"',
    ],
  ];
  for (const [args, message] of bad) {
    const r = await run(...args);
    expect([r.code, r.err], args.join(" ")).toEqual([2, `fracture: ${message}\n`]);
  }
  // --spot applies to the example chain, as it does for gex
  const moved = await run("greeks", "--example", "--spot", "2100", "--json");
  expect(JSON.parse(moved.out)[0].spot).toBe(2100);
});

test("gex: a Deribit book without timestamps asks for --asof; expired at --asof says so", async () => {
  const rows = JSON.parse(await readFile(book, "utf8"));
  for (const row of rows.result ?? rows) delete row.creation_timestamp;
  const file = await temp("book.json", JSON.stringify(rows));
  const r = await run("gex", "--deribit", file);
  expect([r.code, r.err]).toEqual([
    2,
    `fracture: ${file}: its rows carry no creation_timestamp, so the time to measure expiries from is unknown: give --asof ISO-TIME\n`,
  ]);
  expect((await run("gex", "--deribit", file, "--asof", "2026-01-01T00:00Z", "--json")).code).toBe(0);
  const late = await run("gex", "--deribit", book, "--asof", "2099-01-01");
  expect(late.err).toBe(`fracture: ${book}: every option has expired at --asof 2099-01-01\n`);
});

test("simulate - reads the scenario from standard input", async () => {
  const piped = await runWith(JSON.stringify(presets.separateOracles), "simulate", "-", "--json");
  expect(piped.code).toBe(0);
  const file = await run("simulate", "--preset", "separateOracles", "--json");
  expect(JSON.parse(piped.out)).toEqual(JSON.parse(file.out));
  const notJson = await runWith("{", "simulate", "-");
  expect([notJson.code, notJson.err]).toEqual([2, expect.stringMatching(/^fracture: standard input is not JSON: /)]);
});

test("validate: what a valid scenario holds, exit 0; every problem by the path as given, exit 2, also those only a build finds", async () => {
  const ok = await run("validate", "--preset", "commonCollateral");
  expect([ok.code, ok.out.split("\n")[0]]).toEqual([
    0,
    "common-collateral: valid — 300 steps of 12 s; 2 assets, 2 venues, 2 oracles, 1 liquidator, 0 dealers, 1 arbitrageur, 1 shock, 0 mitigations",
  ]);
  expect(ok.out).toMatch(/\n {2}lend \(lending\): 10,000 positions\n/);
  expect(JSON.parse((await run("validate", "--preset", "sharedOracle", "--json")).out)).toMatchObject({ valid: true });
  // the book is listed second but sorts first: its problem names it where the file has it
  const thin = structuredClone(presets.thinMarketAuction) as { venues: { profile?: { levelBps: number } }[] };
  (thin.venues[1].profile as { levelBps: number }).levelBps = 10;
  const bad = await runWith(JSON.stringify(thin), "validate", "-");
  expect([bad.code, bad.err]).toEqual([
    2,
    'fracture: venues[1].profile: expected levels that stay above a price of 0, got "3000 levels"\n',
  ]);
  const many = await runWith(JSON.stringify({ version: 1 }), "validate", "-");
  expect([many.code, many.err.split("\n")[0]]).toEqual([2, "fracture: 4 problems:"]);
});

test("--csv: simulate's timeline (a real day: 9,000 rows), stress's paths and compare's rows load as CSV, every number as --json has it", async () => {
  const csvOf = (text: string) => {
    const [header, ...rows] = parseCsv(text.trimEnd(), { optimistic: false }) as string[][];
    return { header, rows };
  };
  const sim = csvOf((await run("simulate", "--preset", "blackThursday2020", "--csv")).out);
  const json = JSON.parse((await run("simulate", "--preset", "blackThursday2020", "--json", "--timeline")).out);
  expect(sim.rows.length).toBe(json.timeline.steps);
  expect(sim.rows.every((r) => r.length === sim.header.length)).toBe(true);
  expect(sim.header).toContain("protocols.maker-eth-a.debtInAuction");
  const col = (name: string) =>
    sim.rows.map((r) => (r[sim.header.indexOf(name)] === "" ? null : Number(r[sim.header.indexOf(name)])));
  expect(col("protocols.maker-eth-a.badDebt")).toEqual(json.timeline.protocols["maker-eth-a"].badDebt);
  expect(col("oracles.osm")).toEqual(json.timeline.oracles.osm);
  const paths = csvOf(
    (await run("stress", "--preset", "sharedOracle", "--paths", "40", "--workers", "1", "--csv")).out,
  );
  const stressJson = JSON.parse(
    (await run("stress", "--preset", "sharedOracle", "--paths", "40", "--workers", "1", "--json")).out,
  );
  expect(paths.rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 40 }, (_, i) => i));
  expect(paths.rows.map((r) => Number(r[paths.header.indexOf("badDebt")]))).toEqual(stressJson.outcomes.badDebt);
  const rows = csvOf((await run("compare", "--preset", "sharedOracle", "--csv")).out);
  expect(rows.rows.map((r) => r[0])).toEqual([
    "baseline",
    "circuitBreaker",
    "internalAuction",
    "insurance",
    "backstop",
    "dynamicMargin",
    "all together",
  ]);
});

test("simulate --seed S runs the scenario with that seed", async () => {
  const seeded = await runWith(JSON.stringify({ ...presets.sharedOracle, seed: 5 }), "simulate", "-", "--json");
  const flag = await run("simulate", "--preset", "sharedOracle", "--seed", "5", "--json");
  const own = await run("simulate", "--preset", "sharedOracle", "--json");
  expect(JSON.parse(flag.out)).toEqual(JSON.parse(seeded.out));
  expect(JSON.parse(flag.out).summary.badDebt).not.toBe(JSON.parse(own.out).summary.badDebt);
  expect((await run("simulate", "--preset", "sharedOracle", "--seed", "x")).code).toBe(2);
});

test("presets lists the presets; --show prints each as a scenario file valid against the packaged schema", async () => {
  const list = await run("presets");
  expect(list.code).toBe(0);
  for (const name of Object.keys(presets)) expect(list.out).toMatch(new RegExp(`^${name} +\\S`, "m"));
  expect(list.out).toMatch(/^blackThursday2020 +MakerDAO ETH vaults on 12 Mar 2020/m);
  const schema = JSON.parse(await readFile(new URL("../../schema/scenario.schema.json", import.meta.url), "utf8"));
  const check = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const [name, scenario] of Object.entries(presets)) {
    const shown = JSON.parse((await run("presets", "--show", name)).out);
    expect(check(shown), `${name}: ${JSON.stringify(check.errors)}`).toBe(true);
    expect(shown.$schema).toBe(schema.$id);
    expect({ ...shown, $schema: undefined }).toEqual({ ...scenario, $schema: undefined });
  }
  const unknown = await run("presets", "--show", "sharedOracles");
  expect([unknown.code, unknown.err]).toEqual([
    2,
    `fracture: unknown preset "sharedOracles" (did you mean "sharedOracle"? one of ${Object.keys(presets).join(", ")})\n`,
  ]);
});

test("presets --show blackThursday2020 > my.json && simulate my.json: the preset's own run", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-cli-"));
  const fracture = `"${process.execPath}" "${bin}"`;
  const { stdout } = await promisify(execFile)(
    "sh",
    ["-c", `${fracture} presets --show blackThursday2020 > my.json && ${fracture} simulate my.json`],
    { cwd: dir },
  );
  expect(stdout).toMatch(/^black-thursday-2020: [\d,]+ steps\n/);
  expect(stdout).toMatch(/maker-eth-a\s+cdp\s+[\d,]+/);
  const file = await run("simulate", join(dir, "my.json"), "--json");
  const preset = await run("simulate", "--preset", "blackThursday2020", "--json");
  expect(JSON.parse(file.out)).toEqual(JSON.parse(preset.out));
});

test("every command has --help with examples, exit codes and what null means in JSON", async () => {
  for (const command of ["simulate", "stress", "boundary", "compare", "validate", "presets", "greeks", "gex"]) {
    for (const args of [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage:\\n  fracture ${command} `));
      expect(r.out).toMatch(new RegExp(`\\nExamples:\\n  fracture ${command}\\b`));
      expect(r.out).toMatch(
        /Exit codes: 0 success; 2 bad input, its problems one per line on stderr; 1 internal failure/,
      );
      expect(r.out).toMatch(/null for a number that is missing or not finite/);
    }
  }
  const top = await run("--help");
  expect(top.out).toMatch(/fracture presets \[--show NAME\]/);
  expect(top.out).toMatch(/Exit codes: /);
});

test("simulate reads a csvFile beside the scenario file, from any working directory; --events names accounts", async () => {
  const scenario = new URL("../../examples/lending-csv/scenario.json", import.meta.url).pathname;
  const r = await run("simulate", scenario, "--json", "--events");
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out);
  expect(out.summary.liquidations).toBeGreaterThan(100);
  expect(out.events[0]).toMatchObject({ kind: "liquidation", protocol: "aave-eth", agent: "searchers" });
  expect(out.events[0].account).toMatch(/^0x[0-9a-f]{40}$/);
});

test("positions insolvent before the first step are told on stderr, and the run goes on", async () => {
  const s = {
    version: 1,
    name: "insolvent",
    steps: 3,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: {},
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: [{ collateral: { ETH: 1 }, debt: { USDC: 2500 } }],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
  };
  const r = await run("simulate", await temp("insolvent.json", JSON.stringify(s)));
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/warning: 1 position is insolvent before the first step .*1 in lend/);
});

test("stress and boundary run from the command line; their --json parses", async () => {
  const b = await run("boundary", "--preset", "sharedOracle");
  expect(b.code).toBe(0);
  expect(b.out).toMatch(/ETH\s+static\s+[\d,.]+ USDC\s+[\d.]+%/);
  const bj = JSON.parse((await run("boundary", "--preset", "sharedOracle", "--json")).out);
  expect(bj.ETH.static.drop).toBeGreaterThan(0);
  const s = await run("stress", "--preset", "sharedOracle", "--paths", "20", "--workers", "1");
  expect(s.code).toBe(0);
  expect(s.out).toMatch(/value at risk, 95% \(bad debt\)/);
  const bad = await run("stress", "--preset", "sharedOracle", "--shard", "3/2");
  expect([bad.code, bad.err.trim()]).toEqual([2, 'fracture: "options.shard[0]" expected an integer in [0, 1], got 3']);
});

test("replay lists the replays; replay NAME prints the calibration table, --json its numbers", async () => {
  const list = await run("replay");
  expect(list.code).toBe(0);
  expect(list.out).toMatch(/^blackThursday2020 +2020-03-12 +MakerDAO/m);
  const table = await run("replay", "blackThursday2020Dutch");
  expect(table.code).toBe(0);
  expect(table.out).toMatch(/system deficit +5,670,000 DAI \[1\] +5,519,744 DAI +0\.97×/);
  expect(table.out).toMatch(/^\[1\] Whiterabbit/m);
  const json = JSON.parse((await run("replay", "blackThursday2020Dutch", "--json")).out);
  expect(json.rows[0]).toMatchObject({ figure: "system deficit", reported: 5_670_000, inBand: true });
  expect(json.rows[0].ratio).toBeCloseTo(json.rows[0].replay / 5_670_000, 12);
  const unknown = await run("replay", "blackThursday2021");
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown replay "blackThursday2021" \(did you mean "blackThursday2020"\?/);
});

test("long commands list --quiet in their help; piped, they draw no progress bar", async () => {
  for (const command of ["simulate", "stress", "boundary", "compare", "replay", "oracle"]) {
    const r = await run(command, "--help");
    expect(r.code, command).toBe(0);
    expect(r.out, command).toMatch(/--quiet: no progress bar \(there is none when stderr is not a terminal\)/);
  }
  for (const args of [
    ["simulate", "--preset", "sharedOracle"],
    ["boundary", "--preset", "sharedOracle"],
    ["replay", "compoundDai2020", "--sensitivity"],
  ]) {
    const r = await run(...args);
    expect([r.code, r.err], args.join(" ")).toEqual([0, ""]);
  }
});

test("compare --sweep MECHANISM.PARAMETER=V1,V2: the baseline, then one row per value; bad sweeps exit 2", async () => {
  const json = JSON.parse(
    (await run("compare", "--preset", "sharedOracle", "--sweep", "insurance.capacity=1e6,5e6", "--json")).out,
  );
  expect(json).toMatchObject({ mechanism: "insurance", parameter: "capacity", values: [1e6, 5e6] });
  expect(json.rows.map((r: { name: string }) => r.name)).toEqual(["baseline", "capacity=1000000", "capacity=5000000"]);
  expect(json.rows[2].capitalCommitted).toBe(5e6);
  const csv = (await run("compare", "--preset", "sharedOracle", "--sweep", "insurance.capacity=1e6,5e6", "--csv")).out;
  const lines = csv.trim().split("\n");
  expect(lines[0]).toMatch(/^variant,value,badDebt,/);
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
    "baseline,",
    "capacity=1000000,1000000",
    "capacity=5000000,5000000",
  ]);
  const table = await run("compare", "--preset", "sharedOracle", "--sweep", "insurance.capacity=1e6");
  expect(table.out).toMatch(/^shared-oracle: insurance\.capacity swept/);
  for (const [sweep, message] of [
    ["insurance", /--sweep expected MECHANISM\.PARAMETER=V1,V2,\.\.\./],
    ["insurence.capacity=1", /unknown mechanism "insurence" \(did you mean "insurance"\?/],
    ["insurance.type=1", /"type" is not a parameter to sweep/],
    ["insurance.capacity=1,,2", /--sweep item 2 is empty/],
    ["insurance.capcity=1", /mitigations\[0\]\.capcity: unknown field/],
  ] as const) {
    const r = await run("compare", "--preset", "sharedOracle", "--sweep", sweep);
    expect(r.code, sweep).toBe(2);
    expect(r.err, sweep).toMatch(message);
  }
});

test("replay NAME --html writes the calibration table, the sensitivity and the run's charts", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-replay-"));
  const file = join(dir, "replay.html");
  const r = await run("replay", "compoundDai2020", "--sensitivity", "--html", file);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/report written to .*replay\.html$/m);
  const html = await readFile(file, "utf8");
  for (const text of ["replay / reported", "in its band", "Sensitivity: ", "Where it misses", "liquidation ladder"])
    expect(html, text).toContain(text);
  const noName = await run("replay", "--html", file);
  expect([noName.code, noName.err.trim()]).toEqual([2, "fracture: --html needs a replay's NAME (see fracture replay)"]);
});
