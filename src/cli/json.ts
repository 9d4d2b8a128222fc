/**
 * `--json` output: the numbers exactly as the API returns them, never rounded nor turned into
 * strings; `null` where a number is missing or not finite (NaN, ±Infinity — JSON has no such
 * numbers); typed arrays as arrays.
 * @module
 */

/** The JSON text of a command's result. */
export function toJson(value: unknown): string {
  // JSON.stringify itself writes NaN and ±Infinity as null; typed arrays would be objects
  return JSON.stringify(
    value,
    (_, x) => (ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x),
    2,
  );
}

/** What the help says of null in JSON. */
export const JSON_NULL = `null for a number that is missing or not finite (NaN, ±Infinity), such as
a gamma flip that does not exist or an amplification without an exogenous fall`;

/**
 * JSON to read and edit: two-space indents, and an array of plain values (a price path, an
 * order book level) on one line when it fits in 100 columns.
 */
export function pretty(value: unknown): string {
  return toJson(value).replace(
    /^( *)(.*)\[\n([^[\]{}]*?)\n *\]/gm,
    (all, indent: string, head: string, body: string) => {
      const line = `${indent}${head}[${body
        .split("\n")
        .map((x) => x.trim())
        .join(" ")}]`;
      return line.length <= 100 ? line : all;
    },
  );
}
