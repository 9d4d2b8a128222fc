/**
 * A fetch handler served by node:http through hono's Node adapter (@hono/node-server), which
 * makes web `Request`s lazily and writes string and byte bodies without a stream, and cancels a
 * streamed body (an event stream) when its client goes away. No stack trace ever reaches a
 * client: a handler that throws answers a plain JSON 500.
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";

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
  const server = createServer(
    getRequestListener((request) => handler.fetch(request), {
      errorHandler: () =>
        new Response('{"error":"internal error"}', {
          status: 500,
          headers: { "content-type": "application/json; charset=utf-8" },
        }),
    }),
  );
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
