/**
 * The one place the oracle's routes import hono from.
 * DEVELOPMENT ONLY: hono 4.13.19 from a prefix outside the repository (/work/tools/oracle) through
 * a shim; at the merge this line becomes `export { Hono } from "hono";` with hono in package.json.
 * @module
 */
export { Hono } from "/work/tools/oracle/shim/hono.js";
