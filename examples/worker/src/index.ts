/**
 * The Systemic Risk Oracle on Cloudflare Workers: the same routes as `fracture oracle --serve`
 * (src/oracle/app.ts of the package), the core imported as a compiled WebAssembly module, every
 * signed report kept in D1 (Workers' SQLite).
 *
 * - Reports are computed off the request path: by the cron trigger (wrangler.toml), and after a
 *   `POST /v1/scenario` has been answered (`ctx.waitUntil`). Requests read D1, where every
 *   isolate's reports are.
 * - The scenario is kept in D1 too; before one was posted, the preset named by
 *   `FRACTURE_ORACLE_PRESET` is reported on.
 * - The signing key is the `FRACTURE_ORACLE_KEY` secret (an Ed25519 JWK or PKCS#8); a Worker
 *   never makes one, since each isolate would sign with its own.
 */
import { importOracleKey, init, type OracleOptions, presets, riskOracle } from "fracture";
import wasm from "fracture/fracture.wasm";
import {
  type D1Like,
  d1,
  type OracleApp,
  OracleService,
  oracleApp,
  type ReportHistory,
  type ReportRecord,
  sqlHistory,
} from "fracture/server";

export interface Env {
  /** The D1 database holding the history. */
  DB: D1Like;
  /** The signing key (a secret: `wrangler secret put FRACTURE_ORACLE_KEY < oracle-key.json`). */
  FRACTURE_ORACLE_KEY?: string;
  /** The preset reported on until a scenario is posted (default sharedOracle). */
  FRACTURE_ORACLE_PRESET?: string;
  /** The drop the recommendations aim the dynamic boundary beyond (default 0.2). */
  FRACTURE_ORACLE_TARGET?: string;
}

interface Context {
  waitUntil(promise: Promise<unknown>): void;
}

interface Oracle {
  service: OracleService;
  app: OracleApp;
  history: ReportHistory;
  /** The saved scenario this isolate loaded (its JSON text). */
  loaded?: string;
}

let opened: Promise<Oracle> | undefined;

/** One oracle per isolate, made on its first event (a failed start is tried again on the next). */
function oracle(env: Env): Promise<Oracle> {
  opened ??= open(env).catch((err) => {
    opened = undefined;
    throw err;
  });
  return opened;
}

async function open(env: Env): Promise<Oracle> {
  if (!env.FRACTURE_ORACLE_KEY?.trim()) throw new Setup("no signing key: set the FRACTURE_ORACLE_KEY secret");
  await init(wasm);
  const key = await importOracleKey(env.FRACTURE_ORACLE_KEY).catch(() => {
    throw new Setup("FRACTURE_ORACLE_KEY: expected an Ed25519 private key as a JWK or PKCS#8");
  });
  const history = await sqlHistory(d1(env.DB));
  const report: Omit<OracleOptions, "assets" | "createdAt" | "baseUrl"> = {};
  if (env.FRACTURE_ORACLE_TARGET) report.targetDrop = Number(env.FRACTURE_ORACLE_TARGET);
  const service = new OracleService({
    key,
    history,
    report,
    // this isolate may not be the one that computed the latest report: read D1
    cacheLatest: false,
    compute: async (scenario, options) => riskOracle(scenario, options),
    onError: (err) => console.error(`fracture oracle: a computation failed: ${(err as Error).message}`),
  });
  // another isolate's reports reach this one's event streams through D1
  const app = oracleApp(service, { subscribe: (listener) => poll(history, listener) });
  return { service, app, history };
}

/** Loads the saved scenario (another isolate may have replaced it), or saves the preset; true when there was none. */
async function load(o: Oracle, env: Env): Promise<boolean> {
  const saved = await o.history.scenario();
  if (saved === undefined) {
    const name = env.FRACTURE_ORACLE_PRESET ?? "sharedOracle";
    const preset = (presets as Record<string, unknown>)[name];
    if (preset === undefined) throw new Setup(`FRACTURE_ORACLE_PRESET: no preset ${name}`);
    await o.service.setScenario(preset, { compute: false });
    o.loaded = await o.history.scenario();
    return true;
  }
  if (saved !== o.loaded) {
    await o.service.setScenario(JSON.parse(saved), { compute: false, save: false });
    o.loaded = saved;
  }
  return false;
}

/** Reports added to the history after now, every 2 s; returns the function that stops. */
function poll(history: ReportHistory, listener: (record: ReportRecord) => void): () => void {
  let since = new Date().toISOString();
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const r of await history.after(since)) {
        if (r.createdAt > since) since = r.createdAt;
        listener(r);
      }
    } catch {
      // D1 unavailable for a moment: the next tick tries again
    } finally {
      busy = false;
    }
  }, 2000);
  return () => clearInterval(timer);
}

/** A Worker that cannot start (its configuration), told to the client plainly. */
class Setup extends Error {}

export default {
  async fetch(request: Request, env: Env, ctx: Context): Promise<Response> {
    let o: Oracle;
    try {
      o = await oracle(env);
      // the scenario once per isolate (the cron trigger loads it again before each computation)
      if (o.loaded === undefined && (await load(o, env))) ctx.waitUntil(o.service.refresh());
    } catch (err) {
      const message = err instanceof Setup ? err.message : "the oracle could not start";
      if (!(err instanceof Setup)) console.error(err);
      return Response.json({ error: message }, { status: 503 });
    }
    const response = await o.app.fetch(request);
    // a posted scenario is computed after the answer
    const running = o.service.running;
    if (running) {
      ctx.waitUntil(running);
      running.then(async () => {
        o.loaded = await o.history.scenario();
      });
    }
    return response;
  },

  async scheduled(_event: unknown, env: Env, ctx: Context): Promise<void> {
    const o = await oracle(env);
    await load(o, env);
    ctx.waitUntil(o.service.refresh());
  },
};
