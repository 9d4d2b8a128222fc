/**
 * A core instance of the tests' own, for the step functions that are not part of the public API.
 * @module
 */
import type { Core } from "../bindings/core.ts";
import { instantiate } from "../bindings/instance.ts";
import { platform } from "./platform.ts";

let instance: Promise<Core> | undefined;

/** A core instance of the tests' own: the suite may run against a built package whose core we cannot reach. */
export function ownCore(): Promise<Core> {
  const p = platform();
  instance ??= (async () => instantiate(p.adapter, await p.inputs.module()))();
  return instance;
}
