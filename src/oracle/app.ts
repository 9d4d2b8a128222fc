/**
 * The oracle's HTTP routes, on web standards through hono, so the same code serves from Node
 * (`fracture oracle --serve`) and from a Cloudflare Worker (examples/worker):
 *
 * | route | answer |
 * | --- | --- |
 * | `GET /v1/report/:asset` | the asset's latest signed report |
 * | `GET /v1/report/:asset?at=ISO` | the latest created at or before that time, from the history |
 * | `GET /v1/key` | the public key reports are signed with |
 * | `GET /v1/schema` | the report's JSON Schema |
 * | `GET /v1/stream` | Server-Sent Events: each asset's latest report, then each new one (`event: report`) |
 * | `POST /v1/scenario` | replaces the inputs (JSON, at most `maxBody` bytes: 413 beyond; 400 naming each problem of a bad scenario); 202, the reports follow |
 *
 * Errors are JSON `{ error, issues? }`: 400 for a bad request, 404 for an unknown route or asset,
 * 413 for a body too large, 503 while an asset has no report yet; never a stack trace.
 * @module
 */

import { IssuesError } from "../issues.ts";
import { isBadInput } from "../validate.ts";
import type { ReportRecord } from "./history.ts";
import { Hono } from "./hono.ts";
import { reportJsonSchema } from "./json_schema.ts";
import type { OracleService } from "./service.ts";

/** Options of {@link oracleApp}. */
export interface OracleAppOptions {
  /** Largest POST body in bytes; default 4 MiB. */
  maxBody?: number;
  /** Seconds between the event stream's keep-alive comments; default 15. */
  keepAliveSeconds?: number;
  /**
   * New reports for the event stream. Default: the service's own (a single process). A Worker,
   * whose reports may be made by another isolate, polls its history instead.
   */
  subscribe?: (listener: (record: ReportRecord) => void) => () => void;
}

/** A fetch handler, as Workers and Node's adapter call it. */
export interface OracleApp {
  fetch(request: Request, ...rest: unknown[]): Response | Promise<Response>;
}

const ASSET = /^[A-Za-z0-9._:-]{1,64}$/;
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * The routes over a service.
 * @param service the oracle's state (reports, key, history, inputs)
 * @param options body limit, keep-alive, the stream's source
 * @returns a fetch handler
 */
export function oracleApp(service: OracleService, options: OracleAppOptions = {}): OracleApp {
  const maxBody = options.maxBody ?? 4 * 1024 * 1024;
  const keepAlive = (options.keepAliveSeconds ?? 15) * 1000;
  const subscribe = options.subscribe ?? ((f) => service.subscribe(f));
  let schemaText: string | undefined;
  const app = new Hono();
  const error = (status: number, message: string, issues?: readonly { path: string; message: string }[]) =>
    new Response(JSON.stringify(issues ? { error: message, issues } : { error: message }), {
      status,
      headers: { "content-type": JSON_TYPE, "cache-control": "no-store" },
    });
  const report = (r: ReportRecord) =>
    new Response(r.signed, {
      headers: {
        "content-type": JSON_TYPE,
        "cache-control": "no-cache",
        "last-modified": new Date(r.createdAt).toUTCString(),
      },
    });

  app.get("/v1/report/:asset", async (c) => {
    const asset = c.req.param("asset");
    if (!ASSET.test(asset))
      return error(
        400,
        `asset: expected an asset id (1-64 of letters, digits, . _ - :), got ${JSON.stringify(asset.slice(0, 70))}`,
      );
    const at = c.req.query("at");
    if (at !== undefined) {
      const t = Date.parse(at);
      if (!/^\d{4}-\d{2}-\d{2}/.test(at) || Number.isNaN(t))
        return error(
          400,
          `at: expected an ISO 8601 time such as 2026-01-01T00:00:00Z, got ${JSON.stringify(at.slice(0, 70))}`,
        );
      const r = await service.history.at(asset, new Date(t).toISOString());
      if (r) return report(r);
      return error(404, `no report of ${asset} at or before ${new Date(t).toISOString()}`);
    }
    const r = await service.latest(asset);
    if (r) return report(r);
    if (service.assets.includes(asset)) {
      const res = error(503, `no report of ${asset} yet: it is being computed`);
      res.headers.set("retry-after", "5");
      return res;
    }
    return error(404, `no asset ${asset}: the oracle reports on ${service.assets.join(", ") || "nothing yet"}`);
  });

  app.get("/v1/key", (c) =>
    c.json({
      algorithm: "Ed25519",
      canonicalization: "RFC8785",
      publicKey: service.key.publicKey,
      jwk: service.key.publicJwk,
    }),
  );

  app.get("/v1/schema", () => {
    schemaText ??= JSON.stringify(reportJsonSchema());
    return new Response(schemaText, { headers: { "content-type": "application/schema+json; charset=utf-8" } });
  });

  app.get("/v1/stream", async () => {
    const encoder = new TextEncoder();
    const opening: ReportRecord[] = [];
    for (const a of service.assets) {
      const r = await service.latest(a);
      if (r) opening.push(r);
    }
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const event = (r: ReportRecord) => send(`event: report\nid: ${r.createdAt} ${r.asset}\ndata: ${r.signed}\n\n`);
        send("retry: 5000\n\n");
        for (const r of opening) event(r);
        const unsubscribe = subscribe(event);
        const timer = setInterval(() => send(": keep-alive\n\n"), keepAlive);
        stop = () => {
          clearInterval(timer);
          unsubscribe();
        };
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
      },
    });
  });

  app.post("/v1/scenario", async (c) => {
    const req = c.req.raw;
    const declared = Number(req.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBody) return error(413, `body: at most ${maxBody} bytes, got ${declared}`);
    const bytes = await readLimited(req, maxBody);
    if (bytes === undefined) return error(413, `body: at most ${maxBody} bytes`);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return error(400, "body: expected UTF-8 text");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return error(400, `body: expected a scenario as JSON (${(err as Error).message})`);
    }
    try {
      const s = await service.setScenario(json, { http: true });
      return c.json({ accepted: true, scenario: s.name, assets: service.assets }, 202);
    } catch (err) {
      if (err instanceof IssuesError) return error(400, "invalid scenario", err.issues);
      if (isBadInput(err)) return error(400, (err as Error).message);
      throw err;
    }
  });

  app.notFound(() =>
    error(404, "no such route: see GET /v1/report/:asset, /v1/key, /v1/schema, /v1/stream, POST /v1/scenario"),
  );
  app.onError((err) => {
    if (err instanceof IssuesError) return error(400, "bad request", err.issues);
    if (isBadInput(err)) return error(400, err.message);
    return error(500, "internal error");
  });
  return { fetch: (request, ...rest) => app.fetch(request, ...(rest as [])) };
}

/** The body's bytes, or undefined past `limit` (the rest is not read). */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
