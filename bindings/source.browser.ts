/**
 * Browsers: the packaged module is fetched from beside the code that loads it.
 * @module
 */
import { NotTheCore, wasmOf } from "./fetched.ts";
import type { Adapter } from "./instance.ts";

const HOW = `Serve node_modules/fracture/dist/fracture.wasm beside your bundle, or pass its URL: await init(new URL("./fracture.wasm", import.meta.url))`;

// Where the packaged module may be, in order. Each is a literal new URL(path, import.meta.url),
// the pattern Vite (tested), webpack 5 and Parcel turn into an emitted asset. "./" is beside this
// code: dist/ in the package, or the folder of a bundle the file was copied beside (esbuild leaves
// the URL alone); "../dist/" is dist/ from the TypeScript sources (JSR, the Chromium suite). From
// dist/ both are one URL, fetched once. A function, so a worker never evaluates import.meta.url
// before init().
const candidates = () =>
  unique([new URL("./fracture.wasm", import.meta.url), new URL("../dist/fracture.wasm", import.meta.url)]);

const unique = (urls: URL[]) => urls.filter((u, i) => urls.findIndex((v) => v.href === u.href) === i);

async function fetchCore(url: URL | string): Promise<Response | ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new NotTheCore(`${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return wasmOf(response);
}

async function packaged(): Promise<Response | ArrayBuffer> {
  const tried: string[] = [];
  for (const url of candidates()) {
    try {
      return await fetchCore(url);
    } catch (err) {
      if (!(err instanceof NotTheCore)) throw err;
      tried.push(err.message);
    }
  }
  throw new Error(`fracture: cannot load the WebAssembly core; tried ${tried.join("; ")}. ${HOW}.`);
}

async function read(source: URL | string): Promise<Response | ArrayBuffer> {
  // What fetch() itself does with a relative string, made explicit so the error can name the URL.
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  const url = typeof source === "string" && base ? new URL(source, base) : source;
  try {
    return await fetchCore(url);
  } catch (err) {
    if (!(err instanceof NotTheCore)) throw err;
    const relative = typeof source === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(source);
    const page = globalThis.document ? "the page" : "the worker's script";
    const against = relative ? ` (init("${source}") resolves against ${page}, not against your module)` : "";
    throw new Error(`fracture: cannot load the WebAssembly core from ${err.message}${against}. ${HOW}.`);
  }
}

export const adapter: Adapter = { packaged, read };
