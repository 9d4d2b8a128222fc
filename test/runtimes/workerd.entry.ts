// The portable suite inside workerd: `fracture` resolves through the package's `workerd`
// export condition to the built dist/, which imports fracture.wasm as a compiled module.
import packaged from "fracture/fracture.wasm";
import { setPlatform } from "../platform.ts";
import { runAll } from "../run.ts";

setPlatform({
  name: "workerd",
  // Workers refuse to compile bytes, so a compiled module is the one input kind here.
  adapter: { packaged: async () => packaged, read: (s) => fetch(s) },
  inputs: { module: () => packaged },
});

export default {
  async fetch(): Promise<Response> {
    return Response.json(await runAll());
  },
};
