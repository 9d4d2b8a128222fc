/**
 * The JSON Canonicalization Scheme (RFC 8785, "JCS"): one text per JSON value, so that a value
 * can be hashed and signed and the signature checked after any JSON round trip.
 *
 * - objects: members sorted by their names' UTF-16 code units (JavaScript's default string order),
 *   no whitespace;
 * - numbers: ECMAScript's Number::toString (what `JSON.stringify` writes: shortest round-trip
 *   digits, exponent from 1e21 and below 1e-6), -0 as 0; NaN and ±Infinity are errors;
 * - strings: `JSON.stringify`'s escapes (", \, and control characters as \b \f \n \r \t or
 *   \u00xx); a lone surrogate is an error (JCS text must be valid Unicode);
 * - literals: `null`, `true`, `false`.
 *
 * The text is hashed and signed as UTF-8 (`TextEncoder`). Anything that is not plain JSON data —
 * `undefined` (except as an object member, which is left out, as `JSON.stringify` does), a
 * function, a bigint, a typed array, a Map, a Date, a class instance — is an error rather than
 * being converted silently.
 * @module
 */

/**
 * A value that cannot be canonicalized, with the path to it.
 * @example
 * ```ts
 * try {
 *   jcs({ at: new Date() }); // a Date is not JSON data: write its ISO text instead
 * } catch (err) {
 *   if (!(err instanceof JcsError)) throw err;
 * }
 * ```
 */
export class JcsError extends TypeError {
  override name = "JcsError";
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The canonical JSON text of a value (RFC 8785).
 * @param value plain JSON data: objects, arrays, strings, finite numbers, booleans, null
 * @returns its canonical text
 * @throws JcsError naming the path of the first value JSON cannot carry exactly
 * @example
 * ```ts
 * jcs({ b: [1e21, 0.1], a: "€" }); // '{"a":"€","b":[1e+21,0.1]}'
 * ```
 */
export function jcs(value: unknown): string {
  const out: string[] = [];
  write(value, "$", out);
  return out.join("");
}

/** The canonical text as UTF-8 bytes: what is hashed and signed. */
export function jcsBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(jcs(value)) as Uint8Array<ArrayBuffer>;
}

function write(x: unknown, path: string, out: string[]): void {
  if (x === null) {
    out.push("null");
    return;
  }
  switch (typeof x) {
    case "boolean":
      out.push(x ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(x)) throw new JcsError(`${path}: ${x} has no JSON form (RFC 8785 forbids NaN and Infinity)`);
      // JSON.stringify writes ECMAScript's Number::toString, and -0 as 0
      out.push(JSON.stringify(x));
      return;
    case "string":
      out.push(string(x, path));
      return;
    case "object":
      break;
    default:
      throw new JcsError(`${path}: a ${typeof x} is not JSON data`);
  }
  if (Array.isArray(x)) {
    out.push("[");
    for (let i = 0; i < x.length; i++) {
      if (i > 0) out.push(",");
      const item = x[i];
      if (item === undefined) throw new JcsError(`${path}[${i}]: undefined is not JSON data`);
      write(item, `${path}[${i}]`, out);
    }
    out.push("]");
    return;
  }
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null)
    throw new JcsError(`${path}: a ${(x as object).constructor?.name ?? "non-plain object"} is not JSON data`);
  const record = x as Record<string, unknown>;
  // the default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 asks
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  out.push("{");
  keys.forEach((k, i) => {
    if (i > 0) out.push(",");
    out.push(string(k, `${path}.${k}`), ":");
    write(record[k], `${path}.${k}`, out);
  });
  out.push("}");
}

function string(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new JcsError(`${path}: a string with a lone surrogate is not valid Unicode`);
  return JSON.stringify(s);
}
