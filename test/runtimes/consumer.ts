// The package as users get it: `npm pack`, publint and attw on the tarball, then a fresh
// folder installs the tarball and uses it from Node 20 (the machine's node), from Deno, and
// through its `fracture` command; `deno publish --dry-run` checks the JSR side. Run with Node 24.
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";

const root = new URL("../../", import.meta.url).pathname;
const dir = new URL("build/consumer/", `file://${root}`).pathname;
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

function run(cmd: string, args: string[], cwd: string): string {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

await rm(dir, { recursive: true, force: true });
await mkdir(`${dir}app`, { recursive: true });

const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root));
const tarball = `${dir}${packed.filename}`;
run(bin("publint"), ["run", "--strict", tarball], root);
run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "table-flipped", "--no-summary"], root);

await writeFile(`${dir}app/package.json`, JSON.stringify({ name: "app", private: true, type: "module" }));
run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], `${dir}app`);

// the README's first example, as a user writes it
await writeFile(
  `${dir}app/main.js`,
  `import { init, greeks } from "fracture";
await init();
const { price, delta } = greeks.bsm({ spot: 100, strike: new Float64Array([90, 100, 110]), time: 1, vol: 0.2, rate: 0.05 });
const expected = [16.699448408416004, 10.450583572185565, 6.040088129724232];
for (let i = 0; i < 3; i++) {
  if (Math.abs(price[i] - expected[i]) > 1e-12) throw new Error("price " + i + ": " + price[i]);
}
if (!(delta[1] > 0.63 && delta[1] < 0.64)) throw new Error("delta " + delta[1]);
const runtime = typeof Deno === "object" ? "Deno " + Deno.version.deno : "Node " + process.version;
console.log(runtime + ": fracture from the tarball prices", Array.from(price).join(", "));
`,
);
console.log(run("node", ["main.js"], `${dir}app`).trim());
console.log(run(bin("deno"), ["run", "--allow-read", "--quiet", "main.js"], `${dir}app`).trim());
const table = run(`${dir}app/node_modules/.bin/fracture`, ["greeks", "--example"], `${dir}app`);
if (!table.includes("2,400  call")) throw new Error("`fracture greeks --example` printed no chain");
const gex = run(`${dir}app/node_modules/.bin/fracture`, ["gex", "--example"], `${dir}app`);
if (!gex.includes("gamma flip")) throw new Error("`fracture gex --example` printed no report");
const version = run(`${dir}app/node_modules/.bin/fracture`, ["--version"], `${dir}app`).trim();
if (version !== packed.version) throw new Error(`\`fracture --version\` printed ${version}, not ${packed.version}`);

// the README's Quick start "with the package", line by line as written (npx fracture → the
// installed command), in the empty folder
const readme = await readFile(`${root}README.md`, "utf8");
const quick = /With the package[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
if (!quick) throw new Error("README: no Quick start for the package");
for (const line of quick.split("\n").filter((l) => l.trim() !== "")) {
  const command = line.replace(/\s+#.*$/, "").replace(/^npx fracture/, `${dir}app/node_modules/.bin/fracture`);
  console.log(`$ ${line.replace(/\s+#.*$/, "")}`);
  execFileSync("sh", ["-c", command], { cwd: `${dir}app`, stdio: ["ignore", "pipe", "inherit"] });
}
// the shipped examples: a scenario whose positions are a CSV file beside it, and the design's example
const examples = `${dir}app/node_modules/fracture/examples/`;
const csvRun = run(
  `${dir}app/node_modules/.bin/fracture`,
  ["simulate", `${examples}lending-csv/scenario.json`],
  `${dir}app`,
);
if (!/aave-eth\s+lending\s+[\d,]+/.test(csvRun)) throw new Error(`examples/lending-csv: ${csvRun}`);
await writeFile(
  `${dir}app/load.js`,
  `import { init, loadScenario, simulate } from "fracture";
await init();
const s = await loadScenario(new URL("./node_modules/fracture/examples/lending-csv/scenario.json", import.meta.url));
const d = await loadScenario("node_modules/fracture/examples/design-example.json");
const a = simulate(s).summary, b = simulate(d).summary;
if (!(a.liquidations > 100 && b.liquidations === 1)) throw new Error(JSON.stringify([a.liquidations, b.liquidations]));
console.log("examples: lending-csv liquidates " + a.liquidations + " positions; the design example " + b.liquidations);
`,
);
console.log(run("node", ["load.js"], `${dir}app`).trim());
console.log(run(bin("deno"), ["run", "--allow-read", "--quiet", "load.js"], `${dir}app`).trim());

// --allow-slow-types: the oracle's report types reach the valibot scenario schema, whose inferred
// types JSR calls slow (it publishes them with a lower score); explicit types there are still to write
run(bin("deno"), ["publish", "--dry-run", "--allow-dirty", "--allow-slow-types", "--quiet"], root);
console.log("consumer: the packed package installs and runs; publint, attw and deno publish --dry-run pass");
