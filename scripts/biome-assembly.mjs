// Biome over assembly/ (`npm run lint:assembly`; `--write` formats and applies safe fixes).
// AssemblyScript is TypeScript's syntax but for decorators on functions (`@inline function f`),
// which Biome cannot parse: they are masked as comments in a copy, checked there, and unmasked
// when written back. The rules AssemblyScript's own idioms break are off in biome-assembly.json:
// `==` compares values (`===` is identity), `unchecked((a[i] = x))` assigns in an expression,
// `x != x` is a NaN test, fitted coefficients keep every digit, there is no `import type`, and a
// base class's default method keeps the parameters its overrides use (a signature must match), and
// AssemblyScript has no optional chaining.
import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const copy = join(root, "build/assembly-lint/");
const write = process.argv.includes("--write");
const DECORATED = /^@(inline|lazy|global)\s+((?:export\s+)?function)/gm;
const MASKED = /^\/\*@(inline|lazy|global)\*\/ ((?:export\s+)?function)/gm;

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

await rm(copy, { recursive: true, force: true });
await mkdir(copy, { recursive: true });
await cp(join(root, "scripts/biome-assembly.json"), join(copy, "biome.json"));
const sources = await files(join(root, "assembly"));
for (const f of sources) {
  const to = join(copy, relative(root, f));
  await mkdir(join(to, ".."), { recursive: true });
  await writeFile(to, (await readFile(f, "utf8")).replace(DECORATED, "/*@$1*/ $2"));
}
let failed = false;
try {
  execFileSync(join(root, "node_modules/.bin/biome"), ["check", ...(write ? ["--write"] : []), "assembly"], {
    cwd: copy,
    stdio: "inherit",
  });
} catch {
  failed = true;
}
if (write) {
  for (const f of sources) {
    const text = (await readFile(join(copy, relative(root, f)), "utf8")).replace(MASKED, "@$1 $2");
    if (text !== (await readFile(f, "utf8"))) await writeFile(f, text);
  }
}
if (failed) {
  console.error("lint:assembly: the paths above are in build/assembly-lint/, a copy of assembly/");
  process.exit(1);
}
