/** Runs the portable suite outside a test framework (Chromium page, workerd handler). @module */
import { fingerprints } from "./fingerprint.ts";
import { cases } from "./suite.ts";

export interface Report {
  results: { name: string; ok: boolean; ms: number; error?: string }[];
  fingerprints: Record<string, string>;
}

export async function runAll(): Promise<Report> {
  const results: Report["results"] = [];
  for (const c of cases) {
    const t0 = performance.now();
    try {
      await c.fn();
      results.push({ name: c.name, ok: true, ms: performance.now() - t0 });
    } catch (err) {
      const error = err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
      results.push({ name: c.name, ok: false, ms: performance.now() - t0, error });
    }
  }
  return { results, fingerprints: await fingerprints() };
}
