// A page's entry as a user writes it: `await init()` with no argument, in the page and in a worker.
import * as fracture from "fracture";
import { check, inWorker, report } from "./check.js";

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
report(Promise.all([check(fracture), inWorker(worker)]).then(([page, inside]) => ({ ...page, worker: inside })));
