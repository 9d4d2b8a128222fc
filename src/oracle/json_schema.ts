/**
 * The report's JSON Schema, generated from the valibot schemas its types come from (schema.ts),
 * so the published schema (`schema/report.schema.json`, also `GET /v1/schema`) and the report
 * cannot drift: test/node/schema.test.ts checks the file is this output.
 * @module
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import { REPORT_VERSION, ReportSchema } from "./schema.ts";

/**
 * Where the published schema lives (the schema's `$id`).
 * @example
 * ```ts
 * reportJsonSchema().$id === REPORT_SCHEMA_ID; // true
 * ```
 */
export const REPORT_SCHEMA_ID = "https://unpkg.com/fracture/schema/report.schema.json";

/**
 * The JSON Schema (draft-07) of a risk oracle report, version 1.
 * @returns the schema object
 * @example
 * ```ts
 * const schema = reportJsonSchema(); // as schema/report.schema.json and GET /v1/schema
 * schema.title; // "fracture risk oracle report, version 1"
 * ```
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ReportSchema, { errorMode: "ignore" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: REPORT_SCHEMA_ID,
    title: `fracture risk oracle report, version ${REPORT_VERSION}`,
    description:
      'A cascade-aware fragility report of one market state (a fracture scenario), per asset: the static liquidation ladder per protocol and in total, the cascade-adjusted ladder, the venues\' depth curve, system leverage and concentration, the solvency boundary (static and dynamic), a fragility index with each input, and recommendations. Published signed: { report, signature, publicKey, algorithm: "Ed25519", canonicalization: "RFC8785" }, the signature over the UTF-8 bytes of the report\'s RFC 8785 canonical JSON.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
