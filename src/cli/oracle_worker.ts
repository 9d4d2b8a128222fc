/**
 * The oracle server's worker thread (built as dist/oracle.worker.js): it instantiates its own
 * core from the compiled module it is sent and computes reports, so a computation never blocks
 * the server's requests.
 * @module
 */
import { parentPort } from "node:worker_threads";
import { initWith } from "../../bindings/instance.ts";
import { IssuesError } from "../issues.ts";
import { type OracleOptions, riskOracle } from "../oracle/report.ts";
import type { Scenario } from "../scenario/types.ts";
import { isBadInput } from "../validate.ts";

/** What the server sends. */
export type OracleWorkerRequest =
  | { type: "setup"; module: WebAssembly.Module }
  | { type: "compute"; id: number; scenario: Scenario; options: OracleOptions };

/** What it answers. */
export type OracleWorkerReply =
  | { type: "ready" }
  | { type: "done"; id: number; report: unknown }
  | { type: "failed"; id: number; message: string; issues?: { path: string; message: string }[]; badInput: boolean };

const NO_ADAPTER = {
  packaged: () => Promise.reject(new Error("the oracle worker needs the compiled module")),
  read: () => Promise.reject(new Error("the oracle worker needs the compiled module")),
};

const port = parentPort;
if (!port) throw new Error("oracle.worker.js runs as a worker thread");
let ready: Promise<void> | undefined;
port.on("message", async (msg: OracleWorkerRequest) => {
  if (msg.type === "setup") {
    ready = initWith(NO_ADAPTER, msg.module);
    await ready;
    port.postMessage({ type: "ready" } satisfies OracleWorkerReply);
    return;
  }
  try {
    // a computation asked for while the core is still being instantiated waits for it
    await ready;
    const report = await riskOracle(msg.scenario, msg.options);
    port.postMessage({ type: "done", id: msg.id, report } satisfies OracleWorkerReply);
  } catch (err) {
    port.postMessage({
      type: "failed",
      id: msg.id,
      message: err instanceof Error ? err.message : String(err),
      issues: err instanceof IssuesError ? [...err.issues] : undefined,
      badInput: isBadInput(err) || err instanceof IssuesError,
    } satisfies OracleWorkerReply);
  }
});
