/**
 * Runs a stress plan's batches on workers: Node worker threads, or Web Workers in browsers and
 * Deno, each with its own core instantiated from the one compiled module. Batches go to whichever
 * worker is free, and each lands at its own rows, so the result is the same for any worker count.
 * @module
 */
import { core } from "../../bindings/instance.ts";
import { OUTCOMES, type Outcome } from "./path.ts";
import type { Plan } from "./plan.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";

interface AnyWorker {
  postMessage(message: WorkerRequest): void;
  terminate(): unknown;
  onMessage(listener: (reply: WorkerReply) => void): void;
  onError(listener: (err: unknown) => void): void;
}

/** The built worker beside this module (dist/stress.worker.js); not there when running from the sources. */
/** The worker's script: the caller's, or the one built beside this module. */
const workerUrl = (given?: string | URL) =>
  given === undefined ? new URL("./stress.worker.js", import.meta.url) : new URL(given, globalThis.location?.href);

/** Whether this runtime can run workers (Node's worker threads, or a Worker global). */
export function workersAvailable(): boolean {
  return nodeThreads() !== undefined || typeof (globalThis as { Worker?: unknown }).Worker === "function";
}

function nodeThreads(): { Worker: new (url: URL) => NodeWorker } | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.("node:worker_threads") as { Worker: new (url: URL) => NodeWorker } | undefined;
}

interface NodeWorker {
  postMessage(m: unknown): void;
  terminate(): unknown;
  on(event: "message" | "error", listener: (x: unknown) => void): void;
}

function spawn(url: URL): AnyWorker {
  const threads = nodeThreads();
  if (threads) {
    const w = new threads.Worker(url);
    return {
      postMessage: (m) => w.postMessage(m),
      terminate: () => w.terminate(),
      onMessage: (f) => w.on("message", (x) => f(x as WorkerReply)),
      onError: (f) => w.on("error", f),
    };
  }
  const Web = (globalThis as unknown as { Worker: new (url: URL, o: object) => Worker }).Worker;
  const w = new Web(url, { type: "module" });
  return {
    postMessage: (m) => w.postMessage(m),
    terminate: () => w.terminate(),
    onMessage: (f) => w.addEventListener("message", (e) => f((e as MessageEvent).data as WorkerReply)),
    // a Web Worker that cannot load its script reports a bare Event: say which file and what to do
    onError: (f) =>
      w.addEventListener("error", (e) => {
        e.preventDefault(); // handled here: not also an uncaught error of the page (Deno fails a test on one)
        f(
          (e as ErrorEvent).message
            ? new Error(`fracture: the stress worker ${url.href} failed: ${(e as ErrorEvent).message}`)
            : new Error(
                `fracture: a stress worker could not start from ${url.href}: serve the package's self-contained "fracture/stress.worker.js" there or name where it is served (options.workerUrl), or run with workers: 1`,
              ),
        );
      }),
  };
}

/**
 * Runs every batch of `plan` on `count` workers into `out`.
 * @param plan the run's plan
 * @param count workers
 * @param batch paths per batch
 * @param out outcome columns of plan.count rows
 * @param progress called with the paths done after each batch
 * @param signal stops the run (the workers are terminated)
 * @param url the workers' script, default beside this module
 */
export function runOnWorkers(
  plan: Plan,
  count: number,
  batch: number,
  out: Record<Outcome, Float64Array>,
  progress: (done: number) => void,
  signal?: AbortSignal,
  url?: string | URL,
): Promise<void> {
  const module = core().module;
  const queue: { from: number; n: number; row: number }[] = [];
  for (let row = 0; row < plan.count; row += batch)
    queue.push({ from: plan.first + row, n: Math.min(batch, plan.count - row), row });
  const script = workerUrl(url);
  const workers = Array.from({ length: Math.min(count, queue.length) }, () => spawn(script));
  let done = 0;
  return new Promise<void>((resolve, reject) => {
    let over = false;
    const finish = (err?: unknown) => {
      if (over) return;
      over = true;
      for (const w of workers) w.terminate();
      signal?.removeEventListener("abort", abort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const abort = () => finish(signal?.reason ?? new Error("stress: aborted"));
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort);
    const next = (w: AnyWorker) => {
      const job = queue.shift();
      if (job) w.postMessage({ type: "batch", ...job });
    };
    for (const w of workers) {
      w.onError((err) => finish(err));
      w.onMessage((reply) => {
        if (over) return;
        if (reply.type === "failed") return finish(new Error(`fracture: a stress worker failed: ${reply.message}`));
        if (reply.type === "done") {
          for (const k of OUTCOMES) out[k].set(reply.outcomes[k], reply.row);
          done += reply.n;
          progress(done);
          if (done === plan.count) return finish();
        }
        next(w);
      });
      w.postMessage({ type: "setup", module, plan });
    }
  });
}
