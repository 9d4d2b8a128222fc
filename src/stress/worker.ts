/**
 * A stress worker (a Node worker thread or a Web Worker): it instantiates its own core from the
 * compiled module it is sent, then runs the batches of paths it is given and posts their outcomes
 * back. Built as dist/stress.worker.js.
 * @module
 */
import { initWith } from "../../bindings/instance.ts";
import { OUTCOMES } from "./path.ts";
import { columns, type Plan, runBatch, setupOf } from "./plan.ts";

/** What the pool sends. */
export type WorkerRequest =
  | { type: "setup"; module: WebAssembly.Module; plan: Plan }
  | { type: "batch"; from: number; n: number; row: number };

/** What a worker answers: a batch's outcome columns, or its failure. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; row: number; n: number; outcomes: Record<string, Float64Array> }
  | { type: "failed"; message: string };

interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  on?(event: "message", listener: (data: unknown) => void): void;
  addEventListener?(event: "message", listener: (e: MessageEvent) => void): void;
}

/** Node's parentPort in a worker thread; the worker's own global elsewhere. */
async function port(): Promise<Port> {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = node?.getBuiltinModule?.("node:worker_threads") as { parentPort?: Port } | undefined;
  return threads?.parentPort ?? (globalThis as unknown as Port);
}

const NO_ADAPTER = {
  packaged: () => Promise.reject(new Error("a stress worker needs the compiled module")),
  read: () => Promise.reject(new Error("a stress worker needs the compiled module")),
};

const p = await port();
let plan: Plan | undefined;
let setup: ReturnType<typeof setupOf> | undefined;

async function handle(msg: WorkerRequest): Promise<void> {
  try {
    if (msg.type === "setup") {
      await initWith(NO_ADAPTER, msg.module);
      plan = msg.plan;
      setup = setupOf(plan);
      p.postMessage({ type: "ready" } satisfies WorkerReply);
      return;
    }
    if (!plan || !setup) throw new Error("a batch before the setup");
    const out = columns(msg.n);
    runBatch(plan, setup, msg.from, msg.n, out, 0);
    const transfer = OUTCOMES.map((k) => out[k].buffer);
    p.postMessage({ type: "done", row: msg.row, n: msg.n, outcomes: out } satisfies WorkerReply, transfer);
  } catch (err) {
    p.postMessage({ type: "failed", message: (err as Error)?.stack ?? String(err) } satisfies WorkerReply);
  }
}

if (p.on) p.on("message", (data) => void handle(data as WorkerRequest));
else p.addEventListener?.("message", (e) => void handle(e.data as WorkerRequest));
