/** Reading the CLI's arguments: bad input is a {@link UsageError} (exit code 2). @module */
import { readFile } from "node:fs/promises";

/** Bad input from the user: exit code 2 with one line. */
export class UsageError extends Error {}

/** A JSON file's value; a file that cannot be read or parsed is the user's mistake, said in one line. */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    const why = { ENOENT: "no such file", EISDIR: "a directory", EACCES: "permission denied" }[code];
    throw new UsageError(`cannot read ${path}: ${why ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path} is not JSON: ${(err as Error).message}`);
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A required number option. */
export function num(name: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${name} is required (see fracture --help)`);
  if (!NUMBER.test(text.trim())) throw new UsageError(`--${name} expected a number, got "${text}"`);
  return Number(text);
}
