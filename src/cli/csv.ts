/**
 * CSV output (RFC 4180): a header line, then one line per row; text quoted when it holds a comma,
 * a quote or a line break; numbers as JavaScript prints them (every digit kept), a missing or
 * non-finite number as an empty cell.
 * @module
 */

/** A cell: quoted text, a number, or empty. */
function cell(x: string | number | undefined): string {
  if (typeof x === "string") return /[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
  return x === undefined || !Number.isFinite(x) ? "" : String(x);
}

/** Rows under a header. */
export function csvTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
): string {
  return [header.map(cell).join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n");
}

/**
 * Equal-length columns as a table: each Float64Array found under `root`, named by its path
 * (`venues.eth-book.price`), after a first column `index` counting the rows from `first`.
 */
export function csvColumns(index: string, root: object, first = 0): string {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const walk = (x: unknown, path: string) => {
    if (x instanceof Float64Array) {
      names.push(path);
      columns.push(x);
    } else if (x !== null && typeof x === "object" && !ArrayBuffer.isView(x)) {
      for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(root, "");
  const n = columns.length > 0 ? Math.max(...columns.map((c) => c.length)) : 0;
  const rows = Array.from({ length: n }, (_, t) => [first + t, ...columns.map((c) => c[t])]);
  return csvTable([index, ...names], rows);
}
