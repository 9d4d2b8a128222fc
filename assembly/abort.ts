// The core has no imports: an `abort` records where it happened, then traps.
// The bindings read `abortLine`/`abortColumn` to name the site in the error they throw.
// (Validation happens in TypeScript first, so reaching this is an internal bug.)

export let abortLine: u32 = 0;
export let abortColumn: u32 = 0;

export function abort(_message: string | null, _fileName: string | null, line: u32, column: u32): void {
  abortLine = line;
  abortColumn = column;
  unreachable();
}
