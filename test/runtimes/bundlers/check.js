// What each page of test/runtimes/bundlers.ts does with fracture, given the module it imported.
// Node runs it too, on the same tarball, for the numbers the pages must match bit for bit.

export async function check(fracture, wasm) {
  await fracture.init(wasm);
  const { price, delta } = fracture.greeks.bsm({ spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05 });
  const { summary } = fracture.simulate(fracture.presets.sharedOracle);
  return { price: price[0], delta: delta[0], badDebt: summary.badDebt, liquidations: summary.liquidations };
}

/** The same in a module worker, which posts its result back. */
export function inWorker(worker) {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
  });
}

/** Hands a page's outcome to the runner, which awaits globalThis.__result. */
export function report(outcome) {
  globalThis.__result = outcome.catch((err) => ({ error: err instanceof Error ? err.message : String(err) }));
}
