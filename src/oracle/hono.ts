/**
 * The one place the oracle's routes import hono from (a dependency of `fracture/server` only:
 * the package's main entry loads no router).
 * @module
 */
export { Hono } from "hono";
