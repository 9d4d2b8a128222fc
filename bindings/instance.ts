/**
 * `init()`: one idempotent instantiation of the core, shared by every caller.
 * The runtime adapters (`source.*.ts`) only say where the packaged module comes from.
 * @module
 */
import { Core } from "./core.ts";
import { NotTheCore, wasmOf } from "./fetched.ts";

const WHERE =
  "The file is dist/fracture.wasm in the fracture package: serve it there, or pass init() its URL or bytes.";

/** What `init` accepts: a compiled module, the bytes, or where to fetch them. */
export type InitInput =
  | WebAssembly.Module
  | BufferSource
  | URL
  | string
  | Response
  | PromiseLike<WebAssembly.Module | BufferSource | Response>;

/** How one runtime finds the packaged `fracture.wasm`. */
export interface Adapter {
  /** The packaged module, for `init()` with no argument. */
  packaged(): Promise<WebAssembly.Module | BufferSource | Response>;
  /** Reads a URL, or a string: a URL, or a file path where there is a file system. */
  read(source: URL | string): Promise<BufferSource | Response>;
}

let pending: Promise<void> | undefined;
let current: Core | undefined;

/**
 * Instantiates the core once. Later and concurrent calls return the first call's promise
 * (whatever they pass); if that first attempt failed, the next call tries again.
 */
export function initWith(adapter: Adapter, input?: InitInput): Promise<void> {
  if (!pending) {
    pending = instantiate(adapter, input).then(
      (core) => {
        current = core;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
  }
  return pending;
}

/** The instantiated core; throws until `init()` has resolved. */
export function core(): Core {
  if (!current) throw new Error("fracture: call `await init()` first: the WebAssembly core is not loaded yet");
  return current;
}

/** Instantiates the core from any {@link InitInput}, without touching the shared state (used by tests). */
export async function instantiate(adapter: Adapter, input: InitInput | undefined): Promise<Core> {
  let source = await (input === undefined ? adapter.packaged() : input);
  if (typeof source === "string" || source instanceof URL) {
    source = await adapter.read(source);
  }
  if (source instanceof WebAssembly.Module) {
    return new Core(await WebAssembly.instantiate(source, {}), source);
  }
  if (isResponse(source)) {
    const body = await wasmOf(source).catch((err: unknown) => {
      if (!(err instanceof NotTheCore)) throw err;
      throw new Error(`fracture: cannot load the WebAssembly core from ${err.message}. ${WHERE}`);
    });
    if (isResponse(body) && typeof WebAssembly.instantiateStreaming === "function") {
      const { instance, module } = await WebAssembly.instantiateStreaming(body, {});
      return new Core(instance, module);
    }
    source = isResponse(body) ? await body.arrayBuffer() : body;
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = source as BufferSource;
    const { instance, module } = await WebAssembly.instantiate(bytes, {});
    return new Core(instance, module);
  }
  throw new TypeError(
    `fracture: init() expected a WebAssembly.Module, bytes, a URL, a string or a Response, got ${describe(source)}`,
  );
}

function isResponse(x: unknown): x is Response {
  return typeof Response !== "undefined" && x instanceof Response;
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/**
 * Loads the WebAssembly core. Call it once before anything else; later and concurrent
 * calls return the first call's promise. With no argument it loads the `fracture.wasm`
 * packaged beside the entry (a file read on Node and Deno, a fetch in browsers, a static
 * import on Workers); otherwise a `WebAssembly.Module`, bytes, a URL, a path or a `Response`.
 */
export type Init = (input?: InitInput) => Promise<void>;

/** The `init` of one runtime entry: {@link initWith} bound to that runtime's adapter. */
export function makeInit(adapter: Adapter): Init {
  return (input) => initWith(adapter, input);
}
