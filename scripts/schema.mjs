// Writes schema/scenario.schema.json and schema/report.schema.json from the built package (npm run schema).
import { writeFileSync } from "node:fs";
import { reportJsonSchema, scenarioJsonSchema } from "../dist/index.node.js";

for (const [file, schema] of [
  ["scenario.schema.json", scenarioJsonSchema()],
  ["report.schema.json", reportJsonSchema()],
]) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${file}`);
}
