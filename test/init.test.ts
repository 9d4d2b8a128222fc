import { greeks, init } from "fracture";
import { instantiate } from "../bindings/instance.ts";
import { assert, equal, near, rejects, test, throws } from "./harness.ts";
import { platform } from "./platform.ts";

// Must stay the first case of the suite: nothing may have called init() yet.
test("init: using the API before init() throws a clear error", () => {
  throws(() => greeks.bsm({ spot: 1, strike: 1, time: 1, vol: 0.2 }), Error, /call `await init\(\)` first/);
});

test("init: concurrent and repeated calls share the first promise", async () => {
  const a = init();
  const b = init();
  equal(a, b, "second concurrent call");
  await a;
  equal(init(), a, "call after resolving");
  equal(init(new Uint8Array([0, 1, 2])), a, "call with another source");
  await init();
});

test("init: every input kind of this runtime instantiates the core", async () => {
  const { adapter, inputs } = platform();
  for (const [label, make] of Object.entries(inputs)) {
    const core = await instantiate(adapter, await make());
    const at = core.scratch(16);
    core.f64[at / 8] = 0;
    core.exports.vmathColumn(3, at, 1, at + 8);
    near(core.f64[at / 8 + 1], 0.5, 2e-16, `${label}: Φ(0)`);
  }
  assert(Object.keys(inputs).length > 0, "the platform lists at least one input kind");
});

test("init: a wrong input is rejected with what came", async () => {
  await rejects(() => instantiate(platform().adapter, 42 as never), /expected a WebAssembly\.Module.*got number/);
  await rejects(() => instantiate(platform().adapter, new Uint8Array([1, 2, 3, 4])), /./);
});

test("init: a fetched file that is not the core is named, not compiled", async () => {
  const { adapter } = platform();
  const html = { "content-type": "text/html" };
  const missing = new Response("<h1>Not found</h1>", { status: 404, statusText: "Not Found", headers: html });
  await rejects(
    () => instantiate(adapter, missing),
    /core from the Response given: HTTP 404 Not Found\. .*dist\/fracture\.wasm/,
  );
  // a server that answers every path with its page (a single-page app's host)
  const page = new Response("<!doctype html>", { headers: html });
  await rejects(() => instantiate(adapter, page), /the Response given: not WebAssembly \(text\/html, 15 bytes\)/);
});
