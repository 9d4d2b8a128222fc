/**
 * Files a scenario refers to (`csvFile`): resolved against a base — the scenario file's own URL or
 * path, or a folder ending in "/" — and read synchronously where there is a file system (Node, Deno
 * and Bun, through `process.getBuiltinModule`), or fetched by {@link readText} anywhere.
 * @module
 */

/** Where a scenario's files are resolved from. */
export type BaseUrl = string | URL;

interface NodeFs {
  readFileSync(path: URL, encoding: "utf8"): string;
}
interface NodeProcess {
  cwd(): string;
  getBuiltinModule?(id: string): unknown;
}

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

const hasScheme = (s: string) => /^[a-z][a-z0-9+.-]+:/i.test(s);

/** A file path as a file: URL (a Windows drive letter included). */
function fileUrl(path: string): URL {
  const slashed = path.replace(/\\/g, "/");
  return new URL(`file://${slashed.startsWith("/") ? "" : "/"}${slashed.split("/").map(encodeURIComponent).join("/")}`);
}

/**
 * The URL of `path` seen from `base`; without a base, from the working directory where there is
 * one. A base without a scheme is a file path.
 */
export function resolveFile(path: string, base?: BaseUrl): URL {
  if (hasScheme(path)) return new URL(path);
  let from: URL | undefined;
  if (base instanceof URL) from = base;
  else if (typeof base === "string") from = hasScheme(base) ? new URL(base) : fileUrl(absolute(base));
  else {
    const cwd = nodeProcess()?.cwd?.();
    if (cwd !== undefined) from = fileUrl(`${cwd.replace(/\\/g, "/").replace(/\/?$/, "/")}`);
  }
  if (!from) throw new Error(`cannot resolve "${path}": no base URL (pass baseUrl, or the file's text)`);
  return path.startsWith("/") && from.protocol === "file:" ? fileUrl(path) : new URL(path, from);
}

function absolute(path: string): string {
  if (path.startsWith("/") || /^[a-z]:[\\/]/i.test(path)) return path;
  const cwd = nodeProcess()?.cwd?.();
  return cwd === undefined ? path : `${cwd.replace(/\\/g, "/").replace(/\/?$/, "/")}${path}`;
}

/** Node's `fs`, where the runtime has one. */
function fs(): NodeFs | undefined {
  return nodeProcess()?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
}

/**
 * A text file's contents now (Node, Deno, Bun); an Error saying why not elsewhere or on failure.
 * @param path the file, relative to `base`
 * @param base the scenario's URL or path, or a folder ending in "/"
 */
export function readTextSync(path: string, base?: BaseUrl): string {
  const url = resolveFile(path, base);
  const node = fs();
  if (url.protocol !== "file:" || !node)
    throw new Error(
      `cannot read ${url.href} here: in a browser or a worker pass the CSV text as "csv", or load the scenario with await loadScenario(url)`,
    );
  try {
    return node.readFileSync(url, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${decodeURIComponent(url.pathname)}: ${why(err)}`);
  }
}

/** A text file's contents: read from disk where there is a file system, else fetched. */
export async function readText(path: string, base?: BaseUrl): Promise<string> {
  const url = resolveFile(path, base);
  if (url.protocol === "file:" && fs()) return readTextSync(url.href);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot read ${url.href}: HTTP ${res.status}`);
  return res.text();
}

function why(err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  return { ENOENT: "no such file", EISDIR: "a directory", EACCES: "permission denied" }[code] ?? (err as Error).message;
}
