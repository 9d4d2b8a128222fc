// The HTML reports as users open them: made by the CLI (simulate, stress, boundary, compare, a
// mitigation sweep, a replay with its sensitivity),
// opened from disk in headless Chromium (Debian's /usr/bin/chromium), each chart drawn and not
// blank, no network request, no page error; screenshots saved in build/artifacts/. Run with Node 24.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "./launch.ts";

const root = new URL("../../", import.meta.url).pathname;
const artifacts = join(root, "build/artifacts/");
await mkdir(artifacts, { recursive: true });
const dir = await mkdtemp(join(tmpdir(), "fracture-html-"));
const fracture = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, "bin/fracture.js"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });

// each report: the command, and text its page must show (a table's header, a chart's title)
const reports: [string, string[], string[]][] = [
  ["simulate", ["simulate", "--preset", "sharedOracle"], ["liquidated notional per step"]],
  [
    "stress",
    ["stress", "--preset", "sharedOracle", "--paths", "60", "--workers", "1", "--quiet"],
    ["value at risk, 95%"],
  ],
  ["boundary", ["boundary", "--preset", "sharedOracle"], ["liquidation ladder against depth"]],
  ["compare", ["compare", "--preset", "sharedOracle"], ["bad debt by variant"]],
  [
    "sweep",
    ["compare", "--preset", "sharedOracle", "--sweep", "insurance.capacity=2e5,1e6,5e6", "--quiet"],
    ["what it costs against capacity", "every run"],
  ],
  [
    "replay",
    ["replay", "aaveCrv2022", "--sensitivity", "--quiet"],
    ["replay / reported", "in its band", "Sensitivity:", "liquidation ladder against depth", "Prices"],
  ],
];
for (const [name, args] of reports) fracture(...args, "--html", join(dir, `${name}.html`));

const { browser, close } = await launchChromium({ viewport: { width: 1200, height: 1600 } });
let failed = 0;
try {
  for (const [name, , shows] of reports) {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`file://${join(dir, `${name}.html`)}`);
    await page
      .waitForFunction(
        () => [...document.querySelectorAll(".chart")].every((c) => (c as HTMLElement).dataset.drawn === "1"),
        null,
        { timeout: 15_000 },
      )
      .catch(() => {});
    // each chart's canvas has ink on it: some pixel differs from the first
    const charts = await page.$$eval(".chart", (els) =>
      els.map((el) => {
        const canvas = el.querySelector("canvas");
        if (!canvas) return false;
        const ctx = canvas.getContext("2d");
        if (!ctx) return false;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 3] !== data[3]) return true;
        return false;
      }),
    );
    await page.screenshot({ path: join(artifacts, `report-${name}.png`), fullPage: true });
    // the sections' text (not the scripts', whose chart data holds the same titles)
    const text = await page.$$eval("section", (els) => els.map((el) => el.textContent).join("\n"));
    const problems = [
      ...shows.filter((t) => !text.includes(t)).map((t) => `no "${t}" on the page`),
      ...(charts.length === 0 ? ["no chart"] : []),
      ...charts.flatMap((ok, i) => (ok ? [] : [`chart ${i} is blank`])),
      ...requests.map((u) => `a network request: ${u}`),
      ...errors.map((e) => `a page error: ${e}`),
    ];
    if (problems.length > 0) {
      failed++;
      console.log(`  ✗ ${name}.html: ${problems.join("; ")}`);
    } else
      console.log(
        `  ✓ ${name}.html: ${charts.length} charts drawn from disk, no network (build/artifacts/report-${name}.png)`,
      );
    await page.close();
  }
} finally {
  await close();
  await rm(dir, { recursive: true, force: true });
}
console.log(`html reports: ${reports.length - failed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
