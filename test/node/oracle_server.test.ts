// The Systemic Risk Oracle as users run it (needs the build in dist/): `fracture oracle` prints a
// report or signed JSON; `fracture oracle --serve` serves signed reports on an ephemeral loopback
// port — verified with the server's key, byte for byte the report computed here for the same
// inputs and time — streams them, takes a new scenario, refuses bad requests, and (with
// node:sqlite, Node ≥ 22.5) keeps its history across a restart. Also: the report's published JSON
// Schema, the package version reports carry, and the examples of real-world inputs.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import { afterAll, expect, test } from "vitest";
import {
  exportOracleKey,
  generateOracleKey,
  importOracleKey,
  init,
  jcs,
  loadScenario,
  type OracleReport,
  presets,
  reportJsonSchema,
  riskOracle,
  type Signed,
  verifyReport,
} from "../../src/index.node.ts";
import { FRACTURE_VERSION } from "../../src/oracle/version.ts";
import { smallSharedOracle as small } from "../oracle_fixture.ts";

const root = new URL("../../", import.meta.url);
const bin = new URL("bin/fracture.js", root).pathname;
const sqlite = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.("node:sqlite");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), "fracture-oracle-"));
}

/** `fracture oracle --serve …` started; resolves once it listens, with its URL. */
async function serve(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [bin, "oracle", "--serve", "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let err = "";
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line: ${err}`)), 30_000);
    child.stderr?.on("data", () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  return { url, child, log: () => err };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** GET until the report is there (503 while it is computed). */
async function report(
  url: string,
  asset = "ETH",
  wait = 60_000,
): Promise<{ text: string; signed: Signed<OracleReport> }> {
  const until = Date.now() + wait;
  for (;;) {
    const res = await fetch(`${url}/v1/report/${asset}`);
    if (res.status === 200) {
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const text = await res.text();
      return { text, signed: JSON.parse(text) };
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    if (Date.now() > until) throw new Error("no report in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The events of a stream, as they come. */
async function* events(url: string, signal: AbortSignal): AsyncGenerator<{ event: string; data: string }> {
  const res = await fetch(`${url}/v1/stream`, { signal });
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) yield { event, data };
      end = buffer.indexOf("\n\n");
    }
  }
}

function noStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
}

test("reports carry the package's version", async () => {
  const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
  expect(FRACTURE_VERSION).toBe(pkg.version);
});

test("schema/report.schema.json is the generated schema, and real reports pass it (ajv)", async () => {
  await init();
  const published = JSON.parse(await readFile(new URL("schema/report.schema.json", root), "utf8"));
  expect(published).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
  const check = new Ajv({ strict: false, allErrors: true }).compile(published);
  for (const s of [small(), presets.commonCollateral, presets.gammaSqueeze]) {
    const r = await riskOracle(s, { recommendIterations: 2, maxDrop: 0.2 });
    expect(check(r), `${s.name}: ${JSON.stringify(check.errors?.slice(0, 3))}`).toBe(true);
  }
  const bad = await riskOracle(small(), { recommendations: false });
  (bad.assets.ETH.fragility as { index: number }).index = 101;
  expect(check(bad)).toBe(false);
});

test("fracture oracle prints the report; --json prints it signed with --key, and it verifies", async () => {
  const dir = await tmp();
  const scenario = join(dir, "s.json");
  await writeFile(scenario, JSON.stringify(small()));
  const key = await generateOracleKey();
  const keyFile = join(dir, "key.json");
  await writeFile(keyFile, await exportOracleKey(key));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [bin, "oracle", ...args], { maxBuffer: 1 << 26 });
  const table = await run(scenario);
  expect(table.stdout).toMatch(/ETH at 2,000 USDC: fragility \d+\.\d \/ 100/);
  expect(table.stdout).toMatch(/dynamicBoundary/);
  expect(table.stdout).toMatch(/to move the dynamic boundary beyond 20\.0%/);
  const json = await run(scenario, "--json", "--key", keyFile, "--created-at", "2026-02-03T04:05:06Z", "--fast");
  const signed = JSON.parse(json.stdout);
  expect(await verifyReport(signed, key.publicKey)).toBe(true);
  expect(signed.report.createdAt).toBe("2026-02-03T04:05:06.000Z");
  // the same bytes as the API's report for the same inputs and time
  await init();
  const here = await riskOracle(small(), { createdAt: "2026-02-03T04:05:06Z", recommendations: false });
  expect(jcs(signed.report)).toBe(jcs(here));
  // FRACTURE_ORACLE_KEY instead of --key
  const env = await promisify(execFile)(process.execPath, [bin, "oracle", scenario, "--json", "--fast"], {
    env: { ...process.env, FRACTURE_ORACLE_KEY: await exportOracleKey(key) },
    maxBuffer: 1 << 26,
  });
  expect(JSON.parse(env.stdout).publicKey).toBe(key.publicKey);
  // a bad key: exit 2, one line, no key material
  await writeFile(join(dir, "bad.json"), '{"kty":"OKP","crv":"Ed25519","d":"c2VjcmV0"}');
  const failed = await run(scenario, "--json", "--key", join(dir, "bad.json")).catch((e) => e);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toMatch(/--key .*expected an Ed25519 private key/);
  expect(failed.stderr).not.toMatch(/c2VjcmV0/);
});

test("fracture oracle --new-key FILE saves a key the oracle signs with, readable by its owner only, and never overwrites one", async () => {
  const dir = await tmp();
  const file = join(dir, "oracle-key.json");
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, "oracle", ...args]);
  const made = await run("--new-key", file);
  const publicKey = /its public key is (\S+)/.exec(made.stdout)?.[1];
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect((await importOracleKey(await readFile(file, "utf8"))).publicKey).toBe(publicKey);
  const again = await run("--new-key", file).catch((e) => e);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/the file exists/);
});

test("fracture oracle --serve: signed reports, the key, the schema, the stream, a new scenario, bad requests", async () => {
  const dir = await tmp();
  const scenarioFile = join(dir, "s.json");
  await writeFile(scenarioFile, JSON.stringify(small()));
  const key = await generateOracleKey();
  const keyFile = join(dir, "key.json");
  await writeFile(keyFile, await exportOracleKey(key));
  const { url, child } = await serve([scenarioFile, "--key", keyFile, "--host", "127.0.0.1"]);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const first = await report(url);
  const k = await (await fetch(`${url}/v1/key`)).json();
  expect(k.publicKey).toBe(key.publicKey);
  expect(k.jwk).toEqual({ kty: "OKP", crv: "Ed25519", x: key.publicKey });
  expect(await verifyReport(first.signed, k.publicKey)).toBe(true);
  // the same bytes as the report computed here for the same inputs and creation time
  await init();
  const here = await riskOracle(small(), { assets: ["ETH"], createdAt: first.signed.report.createdAt });
  expect(jcs(first.signed.report)).toBe(jcs(here));
  const schema = await (await fetch(`${url}/v1/schema`)).json();
  expect(new Ajv({ strict: false }).validate(schema, first.signed.report)).toBe(true);

  // the stream: the latest first, then the report of a new scenario
  const abort = new AbortController();
  const stream = events(url, abort.signal);
  const opening = await stream.next();
  expect(opening.value?.event).toBe("report");
  expect(opening.value?.data).toBe(first.text);
  const posted = await fetch(`${url}/v1/scenario`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(small(8_000)),
  });
  expect(posted.status).toBe(202);
  expect(await posted.json()).toEqual({ accepted: true, scenario: "shared-oracle", assets: ["ETH"] });
  let pushed: Signed<OracleReport> | undefined;
  for (;;) {
    const next = await stream.next();
    if (next.done) break;
    const signed = JSON.parse(next.value.data) as Signed<OracleReport>;
    if (signed.report.inputs.sha256 !== first.signed.report.inputs.sha256) {
      pushed = signed;
      break;
    }
  }
  abort.abort();
  expect(pushed).toBeDefined();
  expect(await verifyReport(pushed, key.publicKey)).toBe(true);
  const latest = await report(url);
  expect(latest.signed.report.inputs.sha256).toBe(pushed?.report.inputs.sha256);

  // bad requests: JSON errors, no stack traces
  const cases: [string, RequestInit | undefined, number, RegExp][] = [
    ["/v1/nothing", undefined, 404, /no such route/],
    ["/v1/report/BTC", undefined, 404, /no asset BTC/],
    ["/v1/report/ETH?at=yesterday", undefined, 400, /at: expected an ISO 8601 time/],
    ["/v1/report/ETH?at=1999-01-01T00:00:00Z", undefined, 404, /no report of ETH at or before 1999/],
    ["/v1/report/E%20TH", undefined, 400, /asset: expected an asset id/],
    ["/v1/scenario", { method: "POST", body: "{not json" }, 400, /body: expected a scenario as JSON/],
    ["/v1/scenario", { method: "POST", body: JSON.stringify({ ...small(), steps: -1 }) }, 400, /invalid scenario/],
    ["/v1/key", { method: "POST", body: "{}" }, 404, /no such route/],
  ];
  for (const [path, init_, status, pattern] of cases) {
    const res = await fetch(`${url}${path}`, init_);
    const body = await res.text();
    expect(res.status, path).toBe(status);
    expect(res.headers.get("content-type"), path).toMatch(/application\/json/);
    expect(JSON.parse(body).error, path).toMatch(pattern);
    noStack(body);
  }
  const invalid = await (
    await fetch(`${url}/v1/scenario`, { method: "POST", body: JSON.stringify({ ...small(), steps: -1 }) })
  ).json();
  expect(invalid.issues).toEqual([{ path: "steps", message: "expected a whole number in [1, 1e7], got -1" }]);
  const withFile = structuredClone(small()) as unknown as { protocols: { positions: unknown }[] };
  withFile.protocols[0].positions = { csvFile: "/etc/passwd" };
  const refused = await (await fetch(`${url}/v1/scenario`, { method: "POST", body: JSON.stringify(withFile) })).json();
  expect(refused.issues[0]).toEqual({
    path: "protocols[0].positions.csvFile",
    message: 'no files over HTTP: send the CSV text as "csv"',
  });
  // too large: declared, and streamed without a length
  const big = "x".repeat(5 * 1024 * 1024);
  const declared = await fetch(`${url}/v1/scenario`, { method: "POST", body: big });
  expect(declared.status).toBe(413);
  const chunks = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < 5; i++) c.enqueue(new TextEncoder().encode("y".repeat(1024 * 1024)));
      c.close();
    },
  });
  const streamed = await fetch(`${url}/v1/scenario`, { method: "POST", body: chunks, duplex: "half" } as RequestInit);
  expect(streamed.status).toBe(413);
  noStack(await streamed.text());
  // still serving
  expect((await fetch(`${url}/v1/report/ETH`)).status).toBe(200);
  await stop(child);
});

test.skipIf(!sqlite)(
  "fracture oracle --serve --db: a restart with the same database loses nothing; ?at= finds past reports, still verifiable",
  async () => {
    const dir = await tmp();
    const db = join(dir, "oracle.db");
    const scenarioFile = join(dir, "s.json");
    await writeFile(scenarioFile, JSON.stringify(small()));
    // no --key: the server makes one and keeps it beside the database
    const a = await serve([scenarioFile, "--db", db]);
    expect(a.log()).toMatch(new RegExp(`saved it to ${db}\\.key\\.json`));
    const one = await report(a.url);
    const posted = await fetch(`${a.url}/v1/scenario`, { method: "POST", body: JSON.stringify(small(9_000)) });
    expect(posted.status).toBe(202);
    let two = await report(a.url);
    while (two.signed.report.createdAt === one.signed.report.createdAt) {
      await new Promise((r) => setTimeout(r, 100));
      two = await report(a.url);
    }
    await stop(a.child);

    // restarted without a scenario: it resumes the last one, and serves what it had at once
    const b = await serve(["--db", db]);
    expect(b.log()).toMatch(/signing with the key saved in/);
    const key = await (await fetch(`${b.url}/v1/key`)).json();
    expect(key.publicKey).toBe(one.signed.publicKey);
    const at = async (time: string) => fetch(`${b.url}/v1/report/ETH?at=${encodeURIComponent(time)}`);
    const past = await at(one.signed.report.createdAt);
    expect(past.status).toBe(200);
    const pastText = await past.text();
    expect(pastText).toBe(one.text);
    expect(await verifyReport(JSON.parse(pastText), key.publicKey)).toBe(true);
    const between = new Date(Date.parse(two.signed.report.createdAt) - 1).toISOString();
    expect(await (await at(between)).text()).toBe(one.text);
    expect(await (await at(two.signed.report.createdAt)).text()).toBe(two.text);
    expect((await at("2000-01-01T00:00:00Z")).status).toBe(404);
    // the resumed scenario is the posted one
    const resumed = await report(b.url);
    expect(resumed.signed.report.inputs.sha256).toBe(two.signed.report.inputs.sha256);
    await stop(b.child);
  },
);

test.skipIf(sqlite)("fracture oracle --serve --db on a Node without node:sqlite says what history needs", async () => {
  const dir = await tmp();
  const failed = await promisify(execFile)(process.execPath, [
    bin,
    "oracle",
    "--serve",
    "--preset",
    "sharedOracle",
    "--db",
    join(dir, "x.db"),
  ]).catch((e) => e);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toMatch(
    /--db keeps the history in SQLite through node:sqlite, which Node 2\d\.\d+\.\d+ does not have \(Node 22\.13 and later have it/,
  );
});

test("examples/oracle: scenario.json is what build.js makes of the exchange files; it loads its CSV and reports", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [new URL("examples/oracle/build.js", root).pathname]);
  const committed = JSON.parse(await readFile(new URL("examples/oracle/scenario.json", root), "utf8"));
  expect(JSON.parse(stdout)).toEqual(committed);
  await init();
  const s = await loadScenario(new URL("examples/oracle/scenario.json", root));
  const lend = s.protocols?.[0];
  expect(lend?.type === "lending" && Array.isArray(lend.positions) && lend.positions.length).toBe(60);
  const r = await riskOracle(s, { recommendations: false });
  expect(r.assets.ETH.ladder.liquidatable).toBeGreaterThan(0);
  expect(Object.keys(r.assets.ETH.venues)).toEqual(["eth-amm", "eth-book"]);
});
