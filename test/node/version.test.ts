// --version is the package's own version, from the sources and from the built package alike.
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { version } from "../../src/cli/version.ts";

const root = new URL("../../", import.meta.url);

test("from the sources: package.json's version", async () => {
  const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
  expect(version()).toBe(pkg.version);
});

test("from the built package (bin/ and dist/ beside its package.json): that package.json's version", async () => {
  // a copy laid out as the tarball installs it, under build/ so the dependencies still resolve
  const dir = new URL("build/version-test/", root);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(new URL("dist/", root), new URL("dist/", dir), { recursive: true });
  await cp(new URL("bin/", root), new URL("bin/", dir), { recursive: true });
  await writeFile(new URL("package.json", dir), JSON.stringify({ name: "fracture", version: "9.8.7", type: "module" }));
  const { stdout } = await promisify(execFile)(process.execPath, [
    new URL("bin/fracture.js", dir).pathname,
    "--version",
  ]);
  expect(stdout).toBe("9.8.7\n");
});
