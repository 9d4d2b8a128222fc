/**
 * Text output of the CLI: numbers as people read them, and aligned tables. Every number of a
 * table goes through one of these, so a column never mixes `1.826e+7` with `5519744.29`:
 * - amounts (`amount`): whole units with thousands separators from 1,000 (`5,519,744 DAI`),
 *   4 significant digits with M, B or T from 10 million (`18.26 M DAI`) and below 1,000
 *   (`182.6`, `0.4123`);
 * - prices (`price`): 6 significant digits, grouped (`1,826.43`, `0.998712`);
 * - shares (`pct`): one decimal (`42.7%`); counts grouped (`1,081`); ratios `1.42×`.
 * Zero is `0`, NaN `n/a`, infinities `∞`. JSON output keeps the raw numbers (json.ts).
 * @module
 */

const SCALES: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
];

/** What every format says for 0, NaN and ±Infinity; undefined for other numbers. */
function special(x: number): string | undefined {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  return undefined;
}

const withUnit = (text: string, unit?: string) => (unit && text !== "n/a" ? `${text} ${unit}` : text);

/** 4 significant digits without trailing zeros: `182.6`, `0.25`, `1.5e-7`. */
function significant(x: number): string {
  const [mantissa, exponent] = x.toPrecision(4).split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const PRICE = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * An amount (money, quantities, Greeks), with its unit if given.
 * @example amount(5519744.29, "DAI") → "5,519,744 DAI"; amount(18_260_000) → "18.26 M"
 */
export function amount(x: number, unit?: string): string {
  const s = special(x);
  if (s !== undefined) return withUnit(s, unit);
  const a = Math.abs(x);
  if (a >= 1e15) return withUnit(significant(x), unit);
  if (a >= 1e7) {
    // the largest scale that leaves at least 1 after rounding to 4 digits (999.96 M is 1 B)
    const [scale, suffix] = SCALES.find(([k]) => a >= k * 0.99995) as [number, string];
    return withUnit(`${significant(x / scale)} ${suffix}`, unit);
  }
  if (a >= 999.95) return withUnit(WHOLE.format(x), unit);
  return withUnit(significant(x), unit);
}

/** A price: 6 significant digits, grouped. @example price(1826.4321, "DAI") → "1,826.43 DAI" */
export function price(x: number, unit?: string): string {
  return withUnit(special(x) ?? (Math.abs(x) < 1e-6 ? significant(x) : PRICE.format(x)), unit);
}

/** A share as a percentage with one decimal. @example pct(0.427) → "42.7%" */
export function pct(x: number): string {
  if (x === 0) return "0%";
  return special(x) ?? `${ONE_DECIMAL.format(100 * x)}%`;
}

/** A move from a level: a percentage with its sign. @example move(0.05) → "+5.0%" */
export function move(x: number): string {
  return x > 0 ? `+${pct(x)}` : pct(x);
}

/** A whole count, grouped. @example count(1081) → "1,081" */
export function count(x: number): string {
  return special(x) ?? WHOLE.format(x);
}

/** A ratio such as an amplification. @example times(1.4213) → "1.42×" */
export function times(x: number): string {
  if (x === 0) return "0×";
  return special(x) ?? `${x.toFixed(2)}×`;
}

/** A length of time in its largest fitting unit. @example duration(5400) → "1.5 h" */
export function duration(seconds: number): string {
  const x = special(seconds);
  if (x !== undefined) return x;
  if (seconds < 60) return `${ONE_DECIMAL.format(seconds)} s`;
  if (seconds < 3600) return `${ONE_DECIMAL.format(seconds / 60)} min`;
  if (seconds < 172_800) return `${ONE_DECIMAL.format(seconds / 3600)} h`;
  return `${ONE_DECIMAL.format(seconds / 86_400)} d`;
}

/** Right-aligned columns under a header and a rule. */
export function table(header: string[], rows: string[][]): string {
  const width = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(width[k])).join("  ");
  return [line(header), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
