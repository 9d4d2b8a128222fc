/** Reading the CLI's arguments: bad input is a {@link UsageError} (exit code 2). @module */
import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { nearest } from "../scenario/explain.ts";
import type { FieldError } from "../validate.ts";

/** Bad input from the user: exit code 2 with one line. */
export class UsageError extends Error {}

/** What a command may say besides its output. */
export interface Io {
  /** A legal but implausible value: said on stderr, the command still runs (exit 0). */
  warn(message: string): void;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util's parseArgs, with two differences: a negative number after an option that takes a
 * value is that value (`--rate -0.01`; parseArgs would take it for an option), and its errors
 * are said in the CLI's words, naming the command.
 */
export function parse<O extends Options>(command: string, args: string[], options: O, positionals = false) {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([\w-]+)$/.exec(args[i])?.[1];
    if (name && options[name]?.type === "string" && /^-[\d.]/.test(args[i + 1] ?? "")) {
      joined.push(`${args[i]}=${args[++i]}`);
    } else joined.push(args[i]);
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw inOwnWords(err, command, options);
  }
}

function inOwnWords(err: unknown, command: string, options: Options): unknown {
  const { code, message } = err as { code?: string; message: string };
  const see = `(see fracture ${command} --help)`;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const near = nearest(quoted.replace(/^-+/, ""), Object.keys(options));
    return new UsageError(`unknown option ${quoted}${near ? `: did you mean --${near}?` : ""} ${see}`);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const flag = quoted.split(" ")[0];
    const takesValue = options[flag.replace(/^-+/, "")]?.type === "string";
    return new UsageError(takesValue ? `${flag} needs a value ${see}` : `${flag} takes no value ${see}`);
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return new UsageError(`unexpected argument "${quoted}" ${see}`);
  return err;
}

/**
 * A JSON file's value, `-` for standard input; a file that cannot be read or parsed is the
 * user's mistake, said in one line.
 */
export async function readJson(path: string): Promise<unknown> {
  const name = path === "-" ? "standard input" : path;
  let text: string;
  try {
    text = path === "-" ? await readStdin() : await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as { code?: string }).code ?? "";
    const why = { ENOENT: "no such file", EISDIR: "a directory", EACCES: "permission denied" }[code];
    throw new UsageError(`cannot read ${name}: ${why ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${name} is not JSON: ${(err as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  // a terminal would wait for typing with no prompt: say how to give the file instead
  if (process.stdin.isTTY)
    throw new UsageError("- reads standard input, which is a terminal: pipe a file into it (… - < file.json)");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A required number option. */
export function num(name: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${name} is required (see fracture --help)`);
  if (!NUMBER.test(text.trim())) throw new UsageError(`--${name} expected a number, got "${text}"`);
  return Number(text);
}

/** A comma-separated list of numbers (`1800,2000,2200`); an empty item is an error, not skipped. */
export function numbers(name: string, text: string | undefined): number[] {
  if (text === undefined) throw new UsageError(`--${name} is required (see fracture --help)`);
  return text.split(",").map((item, k) => {
    if (item.trim() === "") throw new UsageError(`--${name} item ${k + 1} is empty in "${text}"`);
    if (!NUMBER.test(item.trim())) throw new UsageError(`--${name} item ${k + 1} expected a number, got "${item}"`);
    return Number(item);
  });
}

/** A number option that must be above 0. */
export function positive(name: string, text: string | undefined): number {
  const x = num(name, text);
  if (!(x > 0)) throw new UsageError(`--${name} must be > 0, got ${text}`);
  return x;
}

/**
 * An API error about one of the options, said with the option's name: `"vol" expected …` becomes
 * `--vol expected …`, `"strike[1]"` becomes `--strike item 2`. Other errors pass unchanged.
 * @param flags the API's field name → the option's
 */
export function asOption(err: unknown, flags: Record<string, string>): unknown {
  const { field, expected } = err as Partial<FieldError>;
  const [, base, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(field ?? "") ?? [];
  if (!base || expected === undefined || !Object.hasOwn(flags, base)) return err;
  return new UsageError(`--${flags[base]}${index === undefined ? "" : ` item ${Number(index) + 1}`} ${expected}`);
}

/** A whole-number flag's value, or undefined when the flag is absent. */
export function whole(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} expected a whole number, got "${text}"`);
  return Number(text);
}
