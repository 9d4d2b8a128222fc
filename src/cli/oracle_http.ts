/**
 * A fetch handler served by node:http: each request becomes a web `Request`, the handler's
 * `Response` is streamed back (with backpressure, and cancelled when the client goes away — an
 * event stream ends there). No stack trace ever reaches a client: a handler that throws answers
 * a plain 500.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** What node:http serves. */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * Listens on `host:port` (0: any free port).
 * @returns the server and the address it listens on
 */
export async function listen(
  handler: FetchHandler,
  port: number,
  host: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handle(handler, req, res).catch(() => {
      if (!res.headersSent)
        res.writeHead(500, { "content-type": "application/json" }).end('{"error":"internal error"}');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  const shown = a.family === "IPv6" ? `[${a.address}]` : a.address;
  return { server, url: `http://${shown}:${a.port}` };
}

async function handle(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal: abort.signal };
  if (method !== "GET" && method !== "HEAD") {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  // the path is all that routes; the host is ours, whatever the client said
  const response = await handler.fetch(new Request(`http://localhost${req.url ?? "/"}`, init));
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  if (!response.body || method === "HEAD") {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => {
    reader.cancel().catch(() => {});
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value))
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off("drain", go);
          res.off("close", go);
          resolve();
        };
        res.on("drain", go);
        res.on("close", go);
      });
    if (res.destroyed) return;
  }
  res.end();
}
