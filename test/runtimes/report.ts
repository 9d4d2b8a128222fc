/** Prints a runner's report like a test reporter; returns whether every case passed. @module */
import type { Report } from "../run.ts";
import { recordFingerprints } from "./record.ts";

export function report(runtime: string, result: unknown): boolean {
  const r = result as Partial<Report> & { crashed?: string };
  if (!r || r.crashed || !r.results) {
    console.error(`${runtime}: the suite did not run: ${r?.crashed ?? JSON.stringify(result)}`);
    return false;
  }
  let failed = 0;
  for (const c of r.results) {
    console.log(`${c.ok ? "  ✓" : "  ✗"} ${c.name} (${c.ms.toFixed(0)} ms)`);
    if (!c.ok) {
      failed++;
      console.error(`    ${c.error?.split("\n").join("\n    ")}`);
    }
  }
  console.log(`${runtime}: ${r.results.length - failed} passed, ${failed} failed`);
  return failed === 0 && r.results.length > 0;
}

/**
 * Reports a runner's result under `label`; when every case passed, records its fingerprints as
 * `runtime`'s. Sets the process's exit code.
 */
export async function finish(runtime: string, label: string, result: unknown): Promise<void> {
  const ok = report(label, result);
  if (ok) await recordFingerprints(runtime, (result as { fingerprints: Record<string, string> }).fingerprints);
  process.exitCode = ok ? 0 : 1;
}
