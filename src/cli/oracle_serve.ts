/**
 * `fracture oracle --serve`: the oracle's routes (src/oracle/app.ts) on node:http, reports
 * computed in a worker thread (dist/oracle.worker.js) on start, on each new scenario and every
 * `--every` seconds, so a computation never blocks a request; history in SQLite through
 * `node:sqlite` (Node ≥ 22.13) with `--db`, else in memory. The signing key comes from `--key`
 * or FRACTURE_ORACLE_KEY; without either a new one is made and saved (beside the database, or in
 * the temporary folder), and where is printed.
 * @module
 */
import { chmod, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { core } from "../../bindings/instance.ts";
import { oracleApp } from "../oracle/app.ts";
import { memoryHistory, nodeSqlite, type ReportHistory, sqlHistory } from "../oracle/history.ts";
import type { OracleOptions, OracleReport } from "../oracle/report.ts";
import { riskOracle } from "../oracle/report.ts";
import { type Compute, OracleService } from "../oracle/service.ts";
import { exportOracleKey, generateOracleKey, type OracleKey } from "../oracle/sign.ts";
import { ScenarioError } from "../scenario/error.ts";
import type { Scenario } from "../scenario/types.ts";
import { type Io, num, UsageError } from "./args.ts";
import { listen } from "./oracle_http.ts";
import { keyFrom } from "./oracle_key.ts";
import type { OracleWorkerReply, OracleWorkerRequest } from "./oracle_worker.ts";
import { scenarioFrom } from "./scenario.ts";

/** The options `fracture oracle --serve` was given. */
export interface ServeOptions {
  positionals: string[];
  preset?: string;
  port?: string;
  host?: string;
  key?: string;
  db?: string;
  every?: string;
  report: Omit<OracleOptions, "assets" | "createdAt" | "baseUrl">;
}

const say = (line: string) => console.error(`fracture oracle: ${line}`);

export async function serveOracle(o: ServeOptions, io: Io): Promise<string> {
  const port = o.port === undefined ? 8787 : num("port", o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port expected 0 to 65535, got ${o.port}`);
  const host = o.host ?? "127.0.0.1";
  const every = o.every === undefined ? undefined : num("every", o.every);
  if (every !== undefined && !(every >= 1)) throw new UsageError(`--every expected seconds ≥ 1, got ${o.every}`);

  const { history, close } = await openHistory(o.db);
  try {
    const key = await serverKey(o, io);
    const given =
      o.preset !== undefined || o.positionals.length > 0 ? await scenarioFrom(o.preset, o.positionals) : undefined;
    const saved = given ? undefined : await history.scenario();
    if (!given && saved === undefined)
      throw new UsageError("give a scenario (SCENARIO.json or --preset NAME): the history holds none to resume");
    const computer = await threadCompute();
    const service = new OracleService({
      key,
      history,
      compute: computer.compute,
      report: o.report,
      onError: (err) => say(`a computation failed: ${(err as Error).message}`),
    });
    const scenario = given ? given[0] : (JSON.parse(saved as string) as Scenario);
    const first = Date.now();
    await service.setScenario(scenario, { baseUrl: given?.[1] }).catch((err) => {
      computer.stop();
      throw err;
    });
    // a restart serves the reports it had until the new ones are made
    await service.restore(service.assets);
    const { server, url } = await listen(oracleApp(service), port, host);
    say(`listening on ${url} (reports of ${service.assets.join(", ")}; public key ${key.publicKey})`);
    const timer =
      every === undefined
        ? undefined
        : setInterval(
            () => service.refresh().catch((err) => say(`a computation failed: ${(err as Error).message}`)),
            every * 1000,
          );
    (service.running ?? Promise.resolve()).then(
      () => say(`first reports in ${((Date.now() - first) / 1000).toFixed(1)} s`),
      (err) => say(`the first reports failed: ${(err as Error).message}`),
    );
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    if (timer) clearInterval(timer);
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await computer.stop();
    return `fracture oracle: stopped after publishing ${service.published} report${service.published === 1 ? "" : "s"}`;
  } finally {
    close();
  }
}

/** SQLite at `file` (node:sqlite), or memory without one. */
async function openHistory(file: string | undefined): Promise<{ history: ReportHistory; close: () => void }> {
  if (file === undefined) {
    say("history in memory (give --db FILE to keep it across restarts)");
    return { history: memoryHistory(), close: () => {} };
  }
  let sqlite: { DatabaseSync: new (path: string) => DatabaseSync } | undefined;
  try {
    sqlite = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(
      "node:sqlite",
    ) as typeof sqlite;
  } catch {
    // Node 22.5 to 22.12 without --experimental-sqlite
  }
  if (!sqlite)
    throw new UsageError(
      `--db keeps the history in SQLite through node:sqlite, which Node ${process.versions.node} does not have (Node 22.13 and later have it; 22.5 to 22.12 with --experimental-sqlite): run on a newer Node, or leave out --db to keep the history in memory, lost when the server stops`,
    );
  const db = new sqlite.DatabaseSync(resolve(file));
  db.exec("PRAGMA journal_mode = WAL");
  say(`history in ${resolve(file)}`);
  return { history: await sqlHistory(nodeSqlite(db)), close: () => db.close() };
}

interface DatabaseSync {
  exec(sql: string): void;
  close(): void;
  prepare(sql: string): {
    run(...p: unknown[]): unknown;
    get(...p: unknown[]): unknown;
    all(...p: unknown[]): unknown[];
  };
}

/** --key, FRACTURE_ORACLE_KEY, else a key made and saved (beside the database, or in the temporary folder). */
async function serverKey(o: ServeOptions, io: Io): Promise<OracleKey> {
  if (o.key !== undefined || (process.env.FRACTURE_ORACLE_KEY ?? "").trim() !== "") return keyFrom(o.key, io);
  const file =
    o.db !== undefined ? `${resolve(o.db)}.key.json` : join(tmpdir(), `fracture-oracle-${process.pid}.key.json`);
  if (o.db !== undefined) {
    const kept = await readFile(file, "utf8").catch(() => undefined);
    if (kept !== undefined) {
      say(`signing with the key saved in ${file}`);
      return keyFrom(file, io);
    }
  }
  const key = await generateOracleKey();
  await writeFile(file, `${await exportOracleKey(key)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  say(`no --key: made a new Ed25519 key and saved it to ${file} (give --key ${file} to sign with it again)`);
  return key;
}

/** Reports computed on a worker thread (the built dist/oracle.worker.js), else in this thread between requests. */
async function threadCompute(): Promise<{ compute: Compute; stop: () => Promise<void> }> {
  const url = new URL("./oracle.worker.js", import.meta.url);
  let worker: Worker;
  try {
    await readFile(url);
    worker = new Worker(url);
  } catch {
    say("no dist/oracle.worker.js beside the CLI: computing in the server's own thread, one asset at a time");
    return { compute: (s, options) => riskOracle(s, options), stop: async () => {} };
  }
  const pending = new Map<number, { resolve: (r: OracleReport) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let failure: unknown;
  worker.on("message", (reply: OracleWorkerReply) => {
    if (reply.type === "ready") return;
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (!p) return;
    if (reply.type === "done") p.resolve(reply.report as OracleReport);
    else p.reject(reply.issues ? new ScenarioError(reply.issues) : new Error(reply.message));
  });
  worker.on("error", (err) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  worker.postMessage({ type: "setup", module: core().module } satisfies OracleWorkerRequest);
  return {
    compute: (scenario, options) =>
      new Promise<OracleReport>((resolve, reject) => {
        if (failure) return reject(failure);
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "compute", id, scenario, options } satisfies OracleWorkerRequest);
      }),
    stop: async () => {
      await worker.terminate();
    },
  };
}
