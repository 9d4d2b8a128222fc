/**
 * `loadScenario`: a scenario from a file or a URL, its CSV files read beside it — on every
 * runtime (files on Node and Deno, fetch in browsers and workers).
 * @module
 */
import { ScenarioError } from "./error.ts";
import { type BaseUrl, readText, resolveFile } from "./files.ts";
import type { Scenario } from "./types.ts";
import { checkScenario } from "./validate.ts";

/**
 * Reads a scenario file, and every `csvFile` it names relative to it, and validates the whole.
 * @param source the scenario's path or URL (relative ones resolve against the working directory on Node and Deno)
 * @returns the validated scenario, CSV positions read into lists
 * @throws ScenarioError naming every bad field, an unreadable CSV file or the JSON's own syntax error
 * @example
 * ```ts
 * const scenario = await loadScenario("examples/lending-csv/scenario.json"); // its positions.csv beside it
 * const { summary } = simulate(scenario);
 * ```
 */
export async function loadScenario(source: BaseUrl): Promise<Scenario> {
  const url = source instanceof URL ? source : resolveFile(source);
  let text: string;
  try {
    text = await readText(url.href);
  } catch (err) {
    throw new ScenarioError([{ path: "(scenario)", message: (err as Error).message }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError([{ path: "(scenario)", message: `${url.href} is not JSON: ${(err as Error).message}` }]);
  }
  return checkScenario(await withFiles(json, url), { baseUrl: url }) as Scenario;
}

/** The scenario with each `csvFile` replaced by the text it names (fetched: no sync read in browsers). */
async function withFiles(json: unknown, base: URL): Promise<unknown> {
  const protocols = (json as { protocols?: unknown })?.protocols;
  if (!Array.isArray(protocols)) return json;
  const read = async (p: Record<string, unknown>, key: string) => {
    const x = p[key] as { csvFile?: unknown } | undefined;
    if (typeof x?.csvFile !== "string") return p;
    try {
      return { ...p, [key]: { csv: await readText(x.csvFile, base) } };
    } catch {
      return p; // validation reads it again and says why it cannot
    }
  };
  const out = [];
  for (const p of protocols) {
    if (!p || typeof p !== "object") {
      out.push(p);
      continue;
    }
    let x = await read(await read(p as Record<string, unknown>, "positions"), "vaults");
    const ilks = x.ilks;
    if (Array.isArray(ilks)) {
      // a Maker system's collateral types name their own vaults' files
      const read2 = [];
      for (const il of ilks)
        read2.push(il && typeof il === "object" ? await read(il as Record<string, unknown>, "vaults") : il);
      x = { ...x, ilks: read2 };
    }
    out.push(x);
  }
  return { ...(json as object), protocols: out };
}
