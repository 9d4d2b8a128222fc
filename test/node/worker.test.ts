// examples/worker in workerd (miniflare on loopback), bundled as wrangler bundles it: `fracture`
// through the package's `workerd` export condition (the built dist/), fracture.wasm as a compiled
// module, history in D1 kept in a folder so a second Miniflare is a restart. The same routes as
// the Node server; for the same inputs and time, Node serves the same bytes.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  exportOracleKey,
  generateOracleKey,
  importOracleKey,
  init,
  type OracleReport,
  riskOracle,
  type Signed,
  verifyReport,
} from "../../src/index.node.ts";
import { memoryHistory, OracleService, oracleApp } from "../../src/oracle/server.ts";
import { smallSharedOracle as small } from "../oracle_fixture.ts";
import { bundleWorker } from "../runtimes/workerd_bundle.ts";

const root = new URL("../../", import.meta.url);
const out = new URL("build/worker-example/", root);
let keyText = "";
let persist = "";
const running: Miniflare[] = [];

beforeAll(async () => {
  await init();
  keyText = await exportOracleKey(await generateOracleKey());
  persist = await mkdtemp(join(tmpdir(), "fracture-worker-"));
  // `fracture` and `fracture/server` as the package's export map gives them to wrangler
  const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
  await bundleWorker("examples/worker/src/index.ts", out, {
    fracture: pkg.exports["."].workerd,
    "fracture/server": pkg.exports["./server"].default,
  });
}, 60_000);

afterAll(async () => {
  for (const mf of running) await mf.dispose().catch(() => {});
});

/** The worker, as `wrangler dev` would run it, its D1 kept in `persist`. */
async function worker(bindings: Record<string, string> = { FRACTURE_ORACLE_KEY: keyText }): Promise<Miniflare> {
  const mf = new Miniflare({
    modules: true,
    scriptPath: new URL("worker.js", out).pathname,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-01-01",
    d1Databases: { DB: "fracture-oracle" },
    d1Persist: persist,
    bindings: { FRACTURE_ORACLE_PRESET: "sharedOracle", ...bindings },
    host: "127.0.0.1",
  });
  running.push(mf);
  await mf.ready;
  return mf;
}

const get = (mf: Miniflare, path: string, init?: RequestInit) =>
  mf.dispatchFetch(`http://oracle.test${path}`, init as never) as unknown as Promise<Response>;

/** GET until a report is there that `wanted` accepts (503 while it is computed). */
async function report(
  mf: Miniflare,
  wanted: (r: OracleReport) => boolean = () => true,
): Promise<{ text: string; signed: Signed<OracleReport> }> {
  const until = Date.now() + 90_000;
  for (;;) {
    const res = await get(mf, "/v1/report/ETH");
    if (res.status === 200) {
      const text = await res.text();
      const signed = JSON.parse(text) as Signed<OracleReport>;
      if (wanted(signed.report)) return { text, signed };
    } else {
      expect(res.status).toBe(503);
      await res.arrayBuffer();
    }
    if (Date.now() > until) throw new Error("no report in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

function noStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
}

test("examples/worker without its key answers 503, saying which secret to set", async () => {
  const mf = await worker({});
  const res = await get(mf, "/v1/report/ETH");
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ error: "no signing key: set the FRACTURE_ORACLE_KEY secret" });
  await mf.dispose();
});

test("examples/worker: the preset's report, signed; the same routes and errors; a posted scenario; the bytes Node serves; D1 across a restart", async () => {
  const mf = await worker();
  // the first request starts the preset's report; meanwhile 503
  const first = await report(mf);
  expect(first.signed.report.inputs.scenario).toBe("shared-oracle");
  const key = (await (await get(mf, "/v1/key")).json()) as { publicKey: string; algorithm: string };
  expect(key.algorithm).toBe("Ed25519");
  expect(key.publicKey).toBe((await importOracleKey(keyText)).publicKey);
  expect(await verifyReport(first.signed, key.publicKey)).toBe(true);

  const schema = await get(mf, "/v1/schema");
  expect(schema.headers.get("content-type")).toMatch(/schema\+json/);
  expect(((await schema.json()) as { $id: string }).$id).toMatch(/report/);

  // errors: JSON, no stack
  for (const [path, status, init] of [
    ["/v1/nothing", 404, undefined],
    ["/v1/report/BTC", 404, undefined],
    ["/v1/report/ETH?at=yesterday", 400, undefined],
    ["/v1/report/ETH?at=2000-01-01T00:00:00Z", 404, undefined],
    ["/v1/scenario", 400, { method: "POST", body: "{not json" }],
    ["/v1/scenario", 400, { method: "POST", body: JSON.stringify({ ...small(), steps: -1 }) }],
    ["/v1/scenario", 413, { method: "POST", body: "x".repeat(5 * 1024 * 1024) }],
  ] as const) {
    const res = await get(mf, path, init);
    expect(res.status, path).toBe(status);
    expect(res.headers.get("content-type"), path).toMatch(/application\/json/);
    const body = await res.text();
    noStack(body);
    expect(JSON.parse(body).error, path).toBeTypeOf("string");
  }

  // the event stream opens with the latest report
  const stream = await get(mf, "/v1/stream");
  expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!text.includes("event: report")) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();

  // a new scenario: 202 at once, its report computed after the answer
  const posted = await get(mf, "/v1/scenario", { method: "POST", body: JSON.stringify(small()) });
  expect(posted.status).toBe(202);
  await posted.arrayBuffer();
  const second = await report(mf, (r) => r.inputs.sha256 !== first.signed.report.inputs.sha256);
  expect(await verifyReport(second.signed, key.publicKey)).toBe(true);

  // Node, given the same inputs at the same time, serves the same bytes
  const service = new OracleService({
    key: await importOracleKey(keyText),
    history: memoryHistory(),
    compute: (s, o) => riskOracle(s, o),
    now: () => new Date(second.signed.report.createdAt),
  });
  await service.setScenario(small());
  await service.running;
  const node = await oracleApp(service).fetch(new Request("http://localhost/v1/report/ETH"));
  expect(await node.text()).toBe(second.text);

  // the cron trigger computes a new report of the saved scenario
  const fetcher = (await mf.getWorker()) as unknown as { scheduled(o: { cron: string }): Promise<unknown> };
  await fetcher.scheduled({ cron: "*/5 * * * *" });
  const third = (await report(mf, (r) => r.createdAt > second.signed.report.createdAt)).signed;
  expect(third.report.inputs.sha256).toBe(second.signed.report.inputs.sha256);
  await mf.dispose();

  // a restart: D1 kept every report, each still verifiable
  const again = await worker();
  const latest = await report(again);
  expect(latest.signed.report.createdAt >= third.report.createdAt).toBe(true);
  const at = await get(again, `/v1/report/ETH?at=${encodeURIComponent(first.signed.report.createdAt)}`);
  expect(at.status).toBe(200);
  expect(await at.text()).toBe(first.text);
  const between = new Date(Date.parse(second.signed.report.createdAt) - 1).toISOString();
  const before = JSON.parse(await (await get(again, `/v1/report/ETH?at=${between}`)).text());
  expect(before.report.inputs.sha256).toBe(first.signed.report.inputs.sha256);
  expect(await verifyReport(before, key.publicKey)).toBe(true);
}, 240_000);
