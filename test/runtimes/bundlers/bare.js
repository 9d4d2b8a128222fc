// An esbuild bundle served without fracture.wasm, where the server answers every path with its page.
import * as fracture from "fracture";
import { check, report } from "./check.js";

report(check(fracture));
