/** Node, Deno and Bun: the packaged module is read from disk beside the bundle. @module */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Adapter } from "./instance.ts";

// "../dist/" resolves to dist/ both from bindings/ (source) and from dist/ (bundled).
const PACKAGED = "../dist/fracture.wasm";

const hasScheme = (s: string) => /^[a-z][a-z0-9+.-]+:/i.test(s);

async function read(source: URL | string): Promise<BufferSource | Response> {
  const url = source instanceof URL ? source : hasScheme(source) ? new URL(source) : pathToFileURL(resolve(source));
  return url.protocol === "file:" ? readFile(url) : fetch(url);
}

export const adapter: Adapter = {
  packaged: () => read(new URL(PACKAGED, import.meta.url)),
  read,
};
