/**
 * Checks a fetched file before it is compiled, so that a missing `.wasm` reads as "HTTP 404 at
 * <url>" — or, when a server answers every path with its HTML page, as "not WebAssembly" —
 * instead of WebAssembly's "expected magic word 00 61 73 6d".
 * @module
 */

/** Why a fetched file cannot be the core; the message names the URL and what came. */
export class NotTheCore extends Error {}

/**
 * The core from a fetched response: the response itself when the server says `application/wasm`
 * (so it can compile while streaming), else its bytes once they start like a WebAssembly module.
 */
export async function wasmOf(response: Response): Promise<Response | ArrayBuffer> {
  const at = response.url || "the Response given";
  if (!response.ok) {
    throw new NotTheCore(`${at}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }
  const type = response.headers.get("content-type") ?? "";
  if (type.split(";")[0].trim() === "application/wasm") return response;
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (head.length === 4 && head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d) return bytes;
  throw new NotTheCore(`${at}: not WebAssembly (${type || "no content-type"}, ${bytes.byteLength} bytes)`);
}
