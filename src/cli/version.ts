/** The package's version, for `fracture --version`. @module */
import { readFileSync } from "node:fs";

/**
 * The version in the package's own package.json: one folder up from the built dist/cli.js (as
 * installed from the tarball), two from src/cli/ in the sources.
 */
export function version(): string {
  for (const path of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
      if (pkg.name === "fracture") return pkg.version;
    } catch {
      // not here: the other place
    }
  }
  throw new Error("the package's package.json is not beside the CLI");
}
