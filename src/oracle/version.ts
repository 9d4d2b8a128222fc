/**
 * fracture's version, as reports record it: the same on every runtime (no file to read in a
 * browser or a worker). test/node/oracle_server.test.ts checks it against package.json's.
 * @module
 */
export const FRACTURE_VERSION = "0.1.0";
