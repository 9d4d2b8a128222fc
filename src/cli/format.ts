/** Text output of the CLI: numbers and aligned tables. @module */

/** A number for a table: fixed point, or exponent form when very small or large. */
export function format(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return x.toExponential(3);
  return x.toFixed(a >= 100 ? 2 : 4);
}

/** Right-aligned columns under a header and a rule. */
export function table(header: string[], rows: string[][]): string {
  const width = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(width[k])).join("  ");
  return [line(header), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
