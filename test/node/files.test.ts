// Scenarios that refer to files (`csvFile`), as users keep them on disk: resolved beside the
// scenario by loadScenario, against `baseUrl` by validateScenario and simulate, and said plainly
// when missing. Uses the shipped example examples/lending-csv/.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { init, loadScenario, type Scenario, ScenarioError, simulate, validateScenario } from "fracture";
import { beforeAll, expect, test } from "vitest";

const folder = new URL("../../examples/lending-csv/", import.meta.url);
const scenarioUrl = new URL("scenario.json", folder);

beforeAll(() => init());

test("loadScenario reads a scenario and the CSV file beside it", async () => {
  const s = await loadScenario(scenarioUrl);
  const p = s.protocols?.[0] as { positions: { account: string }[] };
  expect(p.positions).toHaveLength(2000);
  expect(p.positions[0].account).toMatch(/^0x[0-9a-f]{40}$/);
  const { summary } = simulate(s, { events: 0 });
  expect(summary.liquidations).toBeGreaterThan(100);
  // a path as well as a URL
  const again = await loadScenario(scenarioUrl.pathname);
  expect(simulate(again, { events: 0 }).summary).toEqual(summary);
});

test("simulate and validateScenario resolve csvFile against baseUrl (a file's URL, a path, or a folder)", async () => {
  const json = JSON.parse(await readFile(scenarioUrl, "utf8")) as Scenario;
  const want = simulate(await loadScenario(scenarioUrl), { events: 0 }).summary;
  expect(simulate(json, { baseUrl: scenarioUrl, events: 0 }).summary).toEqual(want);
  expect(simulate(json, { baseUrl: scenarioUrl.pathname, events: 0 }).summary).toEqual(want);
  expect(simulate(json, { baseUrl: `${new URL(".", folder).pathname}`, events: 0 }).summary).toEqual(want);
  expect(validateScenario(json, { baseUrl: folder }).protocols?.[0]).toMatchObject({ id: "aave-eth" });
});

test("a missing CSV file is a ScenarioError naming the field and the file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-"));
  const json = JSON.parse(await readFile(scenarioUrl, "utf8"));
  await writeFile(join(dir, "scenario.json"), JSON.stringify(json));
  const err = await loadScenario(join(dir, "scenario.json")).catch((e) => e);
  expect(err).toBeInstanceOf(ScenarioError);
  expect(err.message).toMatch(/protocols\[0\]\.positions\.csvFile: cannot read .*positions\.csv: no such file/);
  expect(() => simulate(json, { baseUrl: pathToFileURL(`${dir}/`) })).toThrow(/no such file/);
  // not JSON
  await writeFile(join(dir, "bad.json"), "{ nope");
  await expect(loadScenario(join(dir, "bad.json"))).rejects.toThrow(/bad\.json is not JSON/);
});

test("a CSV of 100,000 rows in a file loads, and the time it takes is printed", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-"));
  const rows = ["account,collateralAsset,collateralAmount,debtAsset,debtAmount"];
  for (let i = 0; i < 100_000; i++)
    rows.push(`0x${i.toString(16).padStart(40, "0")},ETH,${1 + (i % 50)},USDC,${(1 + (i % 50)) * 2000}`);
  await writeFile(join(dir, "positions.csv"), rows.join("\n"));
  const json = JSON.parse(await readFile(scenarioUrl, "utf8"));
  await writeFile(join(dir, "scenario.json"), JSON.stringify(json));
  const t = performance.now();
  const s = await loadScenario(join(dir, "scenario.json"));
  const ms = performance.now() - t;
  expect((s.protocols as { positions: unknown[] }[])[0].positions).toHaveLength(100_000);
  console.log(
    `100,000 CSV rows (${(rows.join("\n").length / 1e6).toFixed(1)} MB) loaded and validated in ${ms.toFixed(0)} ms`,
  );
});
