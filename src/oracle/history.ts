/**
 * The oracle's history: every signed report, by asset and creation time, in SQLite — Node's
 * `node:sqlite` (Node ≥ 22.13) or Cloudflare D1 (Workers' SQLite) through one small async
 * interface, with the same tables and queries — or in memory. A report is stored as the signed
 * JSON text it was served as, so every past report stays verifiable byte for byte.
 * @module
 */

/** One stored report. */
export interface ReportRecord {
  asset: string;
  /** ISO 8601, UTC, milliseconds: sorts as time does. */
  createdAt: string;
  /** The inputs' SHA-256 (hex). */
  sha256: string;
  /** The signed report's JSON text. */
  signed: string;
}

/** Where reports are kept. */
export interface ReportHistory {
  add(record: ReportRecord): Promise<void>;
  /** The latest report of an asset. */
  latest(asset: string): Promise<ReportRecord | undefined>;
  /** The latest report of an asset created at or before `time` (ISO 8601 UTC with milliseconds). */
  at(asset: string, time: string): Promise<ReportRecord | undefined>;
  /** Reports created after `time`, oldest first (for streams that poll). */
  after(time: string, limit?: number): Promise<ReportRecord[]>;
  /** The scenario the reports are computed from, as last saved (JSON text), if any. */
  scenario(): Promise<string | undefined>;
  saveScenario(json: string, time: string): Promise<void>;
}

/** The little of SQL the history needs, asynchronous so D1 fits. */
export interface SqlDatabase {
  run(sql: string, params?: unknown[]): Promise<void>;
  first<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

const TABLES = [
  `CREATE TABLE IF NOT EXISTS oracle_reports (
    asset TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signed TEXT NOT NULL,
    PRIMARY KEY (asset, created_at)
  )`,
  `CREATE TABLE IF NOT EXISTS oracle_scenario (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scenario TEXT NOT NULL,
    saved_at TEXT NOT NULL
  )`,
];

interface Row {
  asset: string;
  created_at: string;
  sha256: string;
  signed: string;
}

const record = (r: Row | undefined): ReportRecord | undefined =>
  r && { asset: r.asset, createdAt: r.created_at, sha256: r.sha256, signed: r.signed };

/**
 * The history in a SQL database (its tables made if missing).
 * @param db node:sqlite through {@link nodeSqlite}, D1 through {@link d1}, or your own
 * @returns the history
 */
export async function sqlHistory(db: SqlDatabase): Promise<ReportHistory> {
  for (const sql of TABLES) await db.run(sql);
  return {
    add: (r) =>
      db.run("INSERT OR REPLACE INTO oracle_reports (asset, created_at, sha256, signed) VALUES (?, ?, ?, ?)", [
        r.asset,
        r.createdAt,
        r.sha256,
        r.signed,
      ]),
    latest: async (asset) =>
      record(
        await db.first<Row>("SELECT * FROM oracle_reports WHERE asset = ? ORDER BY created_at DESC LIMIT 1", [asset]),
      ),
    at: async (asset, time) =>
      record(
        await db.first<Row>(
          "SELECT * FROM oracle_reports WHERE asset = ? AND created_at <= ? ORDER BY created_at DESC LIMIT 1",
          [asset, time],
        ),
      ),
    after: async (time, limit = 100) =>
      (
        await db.all<Row>("SELECT * FROM oracle_reports WHERE created_at > ? ORDER BY created_at, asset LIMIT ?", [
          time,
          limit,
        ])
      ).map((r) => record(r) as ReportRecord),
    scenario: async () =>
      (await db.first<{ scenario: string }>("SELECT scenario FROM oracle_scenario WHERE id = 1"))?.scenario,
    saveScenario: (json, time) =>
      db.run("INSERT OR REPLACE INTO oracle_scenario (id, scenario, saved_at) VALUES (1, ?, ?)", [json, time]),
  };
}

/** The history in memory: lost when the process ends. */
export function memoryHistory(): ReportHistory {
  const rows: ReportRecord[] = [];
  let saved: string | undefined;
  const of = (asset: string) => rows.filter((r) => r.asset === asset);
  const last = (list: ReportRecord[]) =>
    list.reduce<ReportRecord | undefined>((best, r) => (!best || r.createdAt >= best.createdAt ? r : best), undefined);
  return {
    add: async (r) => {
      const i = rows.findIndex((x) => x.asset === r.asset && x.createdAt === r.createdAt);
      if (i >= 0) rows[i] = r;
      else rows.push(r);
    },
    latest: async (asset) => last(of(asset)),
    at: async (asset, time) => last(of(asset).filter((r) => r.createdAt <= time)),
    after: async (time, limit = 100) =>
      rows
        .filter((r) => r.createdAt > time)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.asset < b.asset ? -1 : 1))
        .slice(0, limit),
    scenario: async () => saved,
    saveScenario: async (json) => {
      saved = json;
    },
  };
}

/** What {@link nodeSqlite} needs of a `node:sqlite` DatabaseSync. */
export interface DatabaseSyncLike {
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
}

/**
 * A `node:sqlite` database (Node ≥ 22.13) as a {@link SqlDatabase}.
 * @param db `new DatabaseSync(path)`
 */
export function nodeSqlite(db: DatabaseSyncLike): SqlDatabase {
  const statements = new Map<string, ReturnType<DatabaseSyncLike["prepare"]>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  return {
    run: async (sql, params = []) => {
      prepared(sql).run(...params);
    },
    first: async <T>(sql: string, params: unknown[] = []) =>
      (prepared(sql).get(...params) as T | undefined) ?? undefined,
    all: async <T>(sql: string, params: unknown[] = []) => prepared(sql).all(...params) as T[],
  };
}

/** What {@link d1} needs of a Cloudflare D1 binding. */
export interface D1Like {
  prepare(sql: string): {
    bind(...params: unknown[]): {
      run(): Promise<unknown>;
      first<T>(): Promise<T | null>;
      all<T>(): Promise<{ results: T[] }>;
    };
  };
}

/**
 * A Cloudflare D1 database (Workers' SQLite) as a {@link SqlDatabase}.
 * @param db the D1 binding (`env.DB`)
 */
export function d1(db: D1Like): SqlDatabase {
  return {
    run: async (sql, params = []) => {
      await db
        .prepare(sql)
        .bind(...params)
        .run();
    },
    first: async <T>(sql: string, params: unknown[] = []) =>
      (await db
        .prepare(sql)
        .bind(...params)
        .first<T>()) ?? undefined,
    all: async <T>(sql: string, params: unknown[] = []) =>
      (
        await db
          .prepare(sql)
          .bind(...params)
          .all<T>()
      ).results,
  };
}
