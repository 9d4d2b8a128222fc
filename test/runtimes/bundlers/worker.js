// The module worker of main.js: fracture's default init() from inside a worker's own bundle.
import * as fracture from "fracture";
import { check } from "./check.js";

check(fracture).then(
  (result) => postMessage(result),
  (err) => postMessage({ error: err.message }),
);
