// init() with a string resolves it against the page, not this bundle: "fracture.wasm" misses the
// copy beside the bundle; new URL(…, import.meta.url) finds it. A failed init() may be retried.
import * as fracture from "fracture";
import { check, report } from "./check.js";

async function run() {
  const first = await fracture.init("fracture.wasm").then(
    () => "loaded",
    (err) => err.message,
  );
  const retry = fracture.init(new URL("./fracture.wasm", import.meta.url));
  const samePending = fracture.init() === retry;
  const result = await check(fracture);
  const sameAfter = fracture.init("elsewhere.wasm") === retry;
  return { first, samePending, sameAfter, ...result };
}
report(run());
