// The packed package in headless Chromium, loaded the ways README's "In the browser" describes:
// a Vite build, an esbuild bundle with fracture.wasm copied beside it, a plain module script with
// fracture/standalone (no import map), each in the page and (bundled) in a module worker; init() with a relative string;
// the errors when the file is missing; and the shipped example under Vite's dev server. Every page
// must get Node's numbers from the same tarball, bit for bit. Run with Node 24.
import { execFileSync } from "node:child_process";
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { build as esbuild } from "esbuild";
import { chromium } from "playwright-core";
import { build as viteBuild, createServer as viteServer } from "vite";

const root = new URL("../../", import.meta.url).pathname;
// Outside the repository, so that no tsconfig.json or package.json of fracture's own is in reach.
const dir = `${await mkdtemp(join(tmpdir(), "fracture-bundlers-"))}/`;
const app = `${dir}app/`;
const started = performance.now();

function run(cmd: string, args: string[], cwd: string): string {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

// A fresh folder with the tarball installed, as a user has it.
await mkdir(app, { recursive: true });
const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root));
await writeFile(`${app}package.json`, JSON.stringify({ name: "app", private: true, type: "module" }));
run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `${dir}${packed.filename}`], app);
const pkg = `${app}node_modules/fracture/`;
await cp(`${root}test/runtimes/bundlers/`, `${app}src/`, { recursive: true });

// Vite: `vite build` emits fracture.wasm as an asset from fracture's new URL(…, import.meta.url).
const quiet = { configFile: false, logLevel: "warn", clearScreen: false } as const;
await viteBuild({ ...quiet, root: `${app}src`, base: "./", build: { outDir: `${app}vite`, emptyOutDir: true } });

// esbuild leaves that URL alone: the user copies the file beside the bundle.
const bundle = (entries: string[], outdir: string) =>
  esbuild({
    entryPoints: entries.map((e) => `${app}src/${e}`),
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    logLevel: "warning",
  });
await bundle(["main.js", "worker.js", "relative.js"], `${app}esbuild/assets`);
await copyFile(`${pkg}dist/fracture.wasm`, `${app}esbuild/assets/fracture.wasm`);
const page = (title: string, head: string, script: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>${head}<script type="module">${script}</script>`;
await writeFile(`${app}esbuild/index.html`, page("esbuild", "", `import "./assets/main.js";`));
await writeFile(`${app}esbuild/relative.html`, page("init(string)", "", `import "./assets/relative.js";`));
await bundle(["bare.js"], `${app}spa`);
await writeFile(`${app}spa/index.html`, page("a single-page app", "", `import "./bare.js";`));

// No bundler: the standalone browser entry (its dependencies inside) by path, no import map.
await writeFile(
  `${app}plain.html`,
  page(
    "plain module script",
    "",
    `import * as fracture from "/node_modules/fracture/dist/fracture.standalone.js";
     import { check, report } from "/src/check.js";
     report(check(fracture));`,
  ),
);

// The example as a user copies it out of the package.
await cp(`${pkg}examples/browser/`, `${app}example/`, { recursive: true });

// A static server over the app folder. Unknown paths get an HTML 404 page, except under /spa/,
// which answers every path with its page (HTTP 200), as single-page apps' hosts do.
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
};
const wasmRequests: string[] = [];
const NOT_FOUND = "<!doctype html><title>Not found</title><h1>404 Not found</h1>";
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const wanted = join(app, path.endsWith("/") ? `${path}index.html` : path);
  const file = wanted.startsWith(app) ? wanted : app; // reading a folder fails: a 404
  const [status, body, type] = await readFile(file).then(
    (bytes) => [200, bytes, TYPES[extname(file)] ?? "application/octet-stream"] as const,
    async () =>
      path.startsWith("/spa/")
        ? ([200, await readFile(`${app}spa/index.html`), "text/html"] as const)
        : ([404, NOT_FOUND, "text/html"] as const),
  );
  if (path.endsWith(".wasm")) wasmRequests.push(`${status} ${path}`);
  res.writeHead(status, { "content-type": type }).end(body);
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const vite = await viteServer({ ...quiet, root: `${app}example`, server: { host: "127.0.0.1", port: 0 } });
await vite.listen();
const viteOrigin = vite.resolvedUrls?.local[0]?.replace(/\/$/, "") ?? "";

// What the pages must compute: Node on the same tarball.
const { check } = await import(`${app}src/check.js`);
const expected = await check(await import(`${pkg}dist/index.node.js`));

const browser = await chromium.launchPersistentContext(`${dir}profile`, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
const version = browser.browser()?.version() ?? "";

/** Opens a page and returns what it reported (globalThis.__result) and the .wasm requests it made. */
async function visit(url: string): Promise<{ result: Record<string, unknown>; wasm: string[] }> {
  wasmRequests.length = 0;
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (err) => errors.push(err.message));
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => "__result" in globalThis, null, { timeout: 15_000 });
    const result = await tab.evaluate(() => (globalThis as { __result?: unknown }).__result);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    return { result: result as Record<string, unknown>, wasm: [...wasmRequests] };
  } finally {
    await tab.close();
  }
}

function expect(ok: boolean, what: string, got: unknown): void {
  if (!ok) throw new Error(`${what}; got ${JSON.stringify(got, null, 1)}`);
}

/** The page and its worker got Node's numbers, fetching the .wasm once per realm without a miss. */
function loaded({ result, wasm }: Awaited<ReturnType<typeof visit>>, at: RegExp, worker = true): void {
  const { worker: inside, ...page } = result;
  expect(isDeepStrictEqual(page, expected), "the page's numbers equal Node's", result);
  if (worker) expect(isDeepStrictEqual(inside, expected), "the worker's numbers equal Node's", inside);
  expect(wasm.length > 0 && wasm.every((r) => at.test(r)), `every .wasm request matches ${at}`, wasm);
}

const cases: Record<string, () => Promise<void>> = {
  "Vite build: init() finds the emitted asset": async () => {
    loaded(await visit(`${origin}/vite/`), /^200 \/vite\/assets\/fracture-[\w-]+\.wasm$/);
  },
  "esbuild: init() finds fracture.wasm copied beside the bundle": async () => {
    loaded(await visit(`${origin}/esbuild/`), /^200 \/esbuild\/assets\/fracture\.wasm$/);
  },
  "plain module script, fracture/standalone: init() finds dist/fracture.wasm": async () => {
    loaded(await visit(`${origin}/plain.html`), /^200 \/node_modules\/fracture\/dist\/fracture\.wasm$/, false);
  },
  "init(string) resolves against the page; a failed init() can be retried": async () => {
    const { result } = await visit(`${origin}/esbuild/relative.html`);
    const { first, samePending, sameAfter, ...numbers } = result;
    const missed = `${origin}/esbuild/fracture.wasm: HTTP 404`;
    expect(String(first).includes(missed), `the first error names ${missed}`, first);
    expect(/resolves against the page/.test(String(first)), "the first error says why", first);
    expect(samePending === true && sameAfter === true, "later init() calls return the first promise", result);
    expect(isDeepStrictEqual(numbers, expected), "the numbers equal Node's", numbers);
  },
  "missing .wasm: the error names each URL tried and what to do": async () => {
    const { error } = (await visit(`${origin}/spa/`)).result;
    for (const part of [
      `${origin}/spa/fracture.wasm: not WebAssembly (text/html`,
      `${origin}/dist/fracture.wasm: HTTP 404`,
      "Serve node_modules/fracture/dist/fracture.wasm beside your bundle, or pass its URL",
    ]) {
      expect(String(error).includes(part), `the error says "${part}"`, error);
    }
  },
  "examples/browser under Vite's dev server": async () => {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${viteOrigin}/`);
      await tab.waitForFunction(() => !/^Loading/.test(document.getElementById("status")?.textContent ?? ""));
      const [status, option, cascade] = await Promise.all(
        ["status", "option", "cascade"].map((id) => tab.locator(`#${id}`).textContent()),
      );
      expect(status?.startsWith("Done") ?? false, "the example says Done", status);
      expect(/price \d+\.\d{4}/.test(option ?? ""), "the example shows a price", option);
      expect(/bad debt +[\d,]+/.test(cascade ?? ""), "the example shows the bad debt", cascade);
    } finally {
      await tab.close();
    }
  },
};

let failed = 0;
try {
  for (const [name, test] of Object.entries(cases)) {
    const t = performance.now();
    try {
      await test();
      console.log(`  ✓ ${name} (${(performance.now() - t).toFixed(0)} ms)`);
    } catch (err) {
      failed++;
      console.error(
        `  ✗ ${name}\n    ${String((err as Error)?.stack ?? err)
          .split("\n")
          .join("\n    ")}`,
      );
    }
  }
} finally {
  await browser.close();
  await vite.close();
  server.close();
}
// Kept for a look when something failed.
if (failed) console.error(`the app and its builds are in ${app}`);
else await rm(dir, { recursive: true, force: true });
const total = Object.keys(cases).length;
console.log(
  `bundlers (Chromium ${version}): ${total - failed} passed, ${failed} failed ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failed ? 1 : 0;
