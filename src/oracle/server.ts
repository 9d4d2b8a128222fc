/**
 * `fracture/server`: the risk oracle's HTTP side — the routes (hono, web standards), the service
 * that computes and signs reports off the request path, and the history (node:sqlite, D1, memory).
 * The package's main entry has `riskOracle`, `signReport` and `verifyReport`; this entry adds what
 * a server needs, so the main one loads no router.
 * @module
 */
export { type OracleApp, type OracleAppOptions, oracleApp } from "./app.ts";
export {
  type D1Like,
  type DatabaseSyncLike,
  d1,
  memoryHistory,
  nodeSqlite,
  type ReportHistory,
  type ReportRecord,
  type SqlDatabase,
  sqlHistory,
} from "./history.ts";
export { type Compute, type Listener, OracleService, type ServiceOptions } from "./service.ts";
