/** Reading the CLI's arguments: bad input is a {@link UsageError} (exit code 2). @module */

/** Bad input from the user: exit code 2 with one line. */
export class UsageError extends Error {}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A required number option. */
export function num(name: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${name} is required (see fracture --help)`);
  if (!NUMBER.test(text.trim())) throw new UsageError(`--${name} expected a number, got "${text}"`);
  return Number(text);
}
