// Writes schema/scenario.schema.json from the built package (npm run schema).
import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../dist/index.node.js";

writeFileSync(
  new URL("../schema/scenario.schema.json", import.meta.url),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
console.log("wrote schema/scenario.schema.json");
