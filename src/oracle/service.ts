/**
 * The oracle as a service, for any host (Node's server, a Cloudflare Worker): it holds the
 * scenario, computes a signed report per asset off the request path — one asset at a time,
 * through the host's `compute` (a worker thread on Node) — stores each in the history, keeps the
 * latest in memory for the routes, and tells subscribers (the event stream) of each new one.
 * @module
 */
import { canonical } from "../scenario/canonical.ts";
import { ScenarioError } from "../scenario/error.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import type { ReportHistory, ReportRecord } from "./history.ts";
import type { OracleOptions, OracleReport } from "./report.ts";
import { type OracleKey, signReport } from "./sign.ts";

/** Computes one asset's report. */
export type Compute = (
  scenario: Scenario,
  options: OracleOptions & { assets: [string]; createdAt: string },
) => Promise<OracleReport>;

/** Options of {@link OracleService}. */
export interface ServiceOptions {
  key: OracleKey;
  history: ReportHistory;
  compute: Compute;
  /** The report's options (its assets and creation time are the service's). */
  report?: Omit<OracleOptions, "assets" | "createdAt" | "baseUrl">;
  /** Limits on a scenario replaced over HTTP: positions (listed or generated) and steps. */
  limits?: { positions?: number; steps?: number };
  now?: () => Date;
  /**
   * Serve the latest reports from memory (default true: one process makes them all). A Worker,
   * whose isolates each compute, reads the history instead, where every isolate's reports are.
   */
  cacheLatest?: boolean;
  /** Told of a failed computation (the service keeps serving the last reports). */
  onError?: (err: unknown) => void;
}

/** What a new report tells subscribers. */
export type Listener = (record: ReportRecord) => void;

/** The oracle's state and its computations. */
export class OracleService {
  readonly #o: ServiceOptions;
  readonly #latest = new Map<string, ReportRecord>();
  readonly #listeners = new Set<Listener>();
  #scenario: Scenario | undefined;
  #assets: string[] = [];
  #generation = 0;
  #running: Promise<void> | undefined;
  #again = false;
  /** Reports published so far (by this process). */
  published = 0;

  constructor(options: ServiceOptions) {
    this.#o = options;
  }

  get key(): OracleKey {
    return this.#o.key;
  }

  get history(): ReportHistory {
    return this.#o.history;
  }

  /** The assets reported on. */
  get assets(): readonly string[] {
    return this.#assets;
  }

  get scenario(): Scenario | undefined {
    return this.#scenario;
  }

  /**
   * Replaces the inputs (validated here: a ScenarioError names every problem) and starts a
   * computation; the reports come later.
   * @param json the scenario
   * @param options where it comes from: `http` applies the limits and refuses files; `compute:
   *   false` only loads it (a restart resuming the saved scenario), `save: false` keeps it out of the history
   */
  async setScenario(
    json: unknown,
    options: { http?: boolean; baseUrl?: string; compute?: boolean; save?: boolean } = {},
  ): Promise<Scenario> {
    if (options.http) refuseFiles(json);
    const s = canonical(checkScenario(json, { baseUrl: options.baseUrl }));
    if (options.http) this.#limit(s as unknown as Scenario);
    const traded = (id: string) => s.venues.some((v) => v.base === id);
    const assets = s.assets.filter((a) => a.vol > 0 && traded(a.id)).map((a) => a.id);
    if (assets.length === 0)
      throw new ScenarioError([
        { path: "assets", message: "no asset with a vol above 0 that a venue trades: nothing to report on" },
      ]);
    this.#scenario = s as unknown as Scenario;
    this.#assets = assets;
    this.#generation++;
    if (options.save !== false) await this.#o.history.saveScenario(JSON.stringify(s), this.#now());
    if (options.compute !== false) this.refresh().catch((err) => this.#o.onError?.(err));
    return this.#scenario;
  }

  /** Restores the latest reports of the history (after a restart), for the assets given. */
  async restore(assets: readonly string[]): Promise<void> {
    for (const a of assets) {
      const r = await this.#o.history.latest(a);
      if (r && !this.#latest.has(a)) this.#latest.set(a, r);
    }
  }

  /**
   * Computes every asset's report again (a new creation time); one computation at a time: a call
   * during one makes it run once more after.
   * @returns when the computation (and any it queued) is done
   */
  refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#cycle();
        } while (this.#again);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  /** The computation under way (and those it queued), if any. */
  get running(): Promise<void> | undefined {
    return this.#running;
  }

  async #cycle(): Promise<void> {
    const scenario = this.#scenario;
    if (!scenario) return;
    const generation = this.#generation;
    const createdAt = this.#now();
    for (const asset of this.#assets) {
      let report: OracleReport;
      try {
        report = await this.#o.compute(scenario, { ...this.#o.report, assets: [asset], createdAt });
      } catch (err) {
        this.#o.onError?.(err);
        return;
      }
      if (generation !== this.#generation) return; // the inputs changed meanwhile: start over
      const signed = await signReport(report, this.#o.key);
      const record: ReportRecord = { asset, createdAt, sha256: report.inputs.sha256, signed: JSON.stringify(signed) };
      await this.#o.history.add(record);
      if (this.#o.cacheLatest !== false) this.#latest.set(asset, record);
      this.published++;
      for (const f of this.#listeners) f(record);
    }
  }

  /** The latest report of an asset (memory, then history). */
  async latest(asset: string): Promise<ReportRecord | undefined> {
    if (this.#o.cacheLatest === false) return this.#o.history.latest(asset);
    return this.#latest.get(asset) ?? (await this.#o.history.latest(asset));
  }

  /** Tells `listener` of each new report; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #now(): string {
    return (this.#o.now?.() ?? new Date()).toISOString();
  }

  #limit(s: Scenario): void {
    const positions = this.#o.limits?.positions ?? 1_000_000;
    const steps = this.#o.limits?.steps ?? 100_000;
    const issues: { path: string; message: string }[] = [];
    if (s.steps > steps) issues.push({ path: "steps", message: `at most ${steps} over HTTP, got ${s.steps}` });
    let total = 0;
    for (const p of s.protocols ?? []) {
      const lists: unknown[] = [];
      if (p.type === "lending" || p.type === "perps") lists.push(p.positions);
      else if (p.type === "optionsVault" || p.type === "portfolio") lists.push(p.accounts);
      else if ("ilks" in p) for (const il of p.ilks) lists.push(il.vaults);
      else lists.push(p.vaults);
      for (const x of lists) {
        if (Array.isArray(x)) total += x.length;
        else if (x && typeof x === "object" && "generate" in x)
          total += (x as { generate: { count: number } }).generate.count;
      }
    }
    if (total > positions)
      issues.push({ path: "protocols", message: `at most ${positions} positions over HTTP, got ${total}` });
    if (issues.length > 0) throw new ScenarioError(issues);
  }
}

/** A scenario sent over HTTP names no file: the server's files are not the sender's to read. */
function refuseFiles(json: unknown): void {
  const issues: { path: string; message: string }[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) walk(x[i], `${path}[${i}]`);
    } else if (x !== null && typeof x === "object")
      for (const [k, y] of Object.entries(x)) {
        const at = path ? `${path}.${k}` : k;
        if (k === "csvFile") issues.push({ path: at, message: 'no files over HTTP: send the CSV text as "csv"' });
        else walk(y, at);
      }
  };
  walk(json, "");
  if (issues.length > 0) throw new ScenarioError(issues);
}
