// The API reference's examples (the `@example` blocks of the published types, dist/index.d.ts, which
// TypeDoc shows under each export) run, and every export the package makes at run time has one.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { EXPORTS, type Example, runExamples } from "./examples.ts";

/**
 * Each `@example` block of the declarations, named by the declaration it documents; a method's
 * example runs after its class's own (which makes the instance it uses), without its disposal.
 */
async function examples(): Promise<(Example & { of: string })[]> {
  const text = await readFile(new URL("../../dist/index.d.ts", import.meta.url), "utf8");
  const classes = [...text.matchAll(/^declare class (\w+)[^\n]*\{$/gm)].map((m) => ({
    name: m[1],
    start: m.index,
    end: text.indexOf("\n}\n", m.index),
  }));
  const out: (Example & { of: string; at: number })[] = [];
  for (const m of text.matchAll(
    /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:function|const|class|let|interface|type|namespace)?\s*([A-Za-z_$][\w$]*)?/g,
  )) {
    const comment = m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    for (let i = 0; i < comment.length; i++) {
      if (!/^```ts\s*$/.test(comment[i])) continue;
      const body: string[] = [];
      let j = i + 1;
      for (; j < comment.length && !/^```\s*$/.test(comment[j]); j++) body.push(comment[j]);
      out.push({
        of: m[2] ?? "?",
        at: m.index,
        where: `the @example of ${m[2] ?? "?"} (dist/index.d.ts)`,
        code: body.join("\n"),
      });
      i = j;
    }
  }
  return out.map((e) => {
    const owner = classes.find((c) => e.at > c.start && e.at < c.end);
    const made = owner && out.find((x) => x.of === owner.name);
    if (!made) return e;
    const setup = made.code.replace(/^.*\.dispose\(\);.*$/gm, "");
    return { ...e, where: `the @example of ${owner.name}.${e.of}`, code: `${setup}\n${e.code}` };
  });
}

test("every export made at run time has an @example that uses it", async () => {
  const all = await examples();
  const missing = EXPORTS.filter(
    (name) => !all.some((e) => new RegExp(`\\b${name.replace("$", "\\$")}\\b`).test(e.code)),
  );
  expect(missing).toEqual([]);
});

test("every @example of the API reference runs", async () => {
  const all = await examples();
  expect(all.length).toBeGreaterThanOrEqual(EXPORTS.length / 2);
  await runExamples(all, "api-examples");
});
