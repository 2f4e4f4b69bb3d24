/**
 * The database behind alerts, audit and sessions: PostgreSQL when DATABASE_URL is set
 * (several web instances share it), otherwise PGlite on disk under DATA_DIR (the
 * embedded default). One SQL dialect, one schema, one set of migrations for both.
 *
 * Durability: a transaction's promise resolves only after COMMIT. PGlite writes through
 * the operating system on every commit (relaxedDurability off), so an answered action
 * survives `kill -9` of the server; surviving a power cut needs PostgreSQL.
 */
import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements, no parameters (schema changes). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; resolves after COMMIT, rejects after ROLLBACK. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Delivers NOTIFY payloads of `channel` (sent on commit) until the returned function is called. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Tries to become the one holder of a named, process-lifetime lock (a session-level advisory
   * lock on its own connection); it is released when this process or its connection dies.
   */
  tryLock(key: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres://… ; unset: PGlite in `dataDir`. */
  url: string | undefined;
  dataDir: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return openPostgres(config.url);
  // memory:// (tests) keeps nothing; anything else is a directory on disk.
  return openPglite(config.dataDir.startsWith('memory://') ? 'memory://' : path.join(config.dataDir, 'pglite'));
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  return {
    kind: 'pglite',
    query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await db.query<R>(sql, params)).rows }),
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    listen: async (channel, onPayload) => {
      const unlisten = await db.listen(channel, onPayload);
      return () => unlisten();
    },
    // One process holds an embedded database: it is always the holder.
    tryLock: async () => true,
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error(`[db] idle connection failed: ${err.message}`));
  await pool.query('select 1');
  const dedicated: InstanceType<typeof pg.Client>[] = [];
  const dedicatedClient = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => console.error(`[db] dedicated connection failed: ${err.message}`));
    await client.connect();
    dedicated.push(client);
    return client;
  };
  let lockClient: InstanceType<typeof pg.Client> | undefined;
  const held = new Set<number>();
  return {
    kind: 'postgres',
    query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as R[] }),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => ({
            rows: (await client.query(sql, params)).rows as R[],
          }),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onPayload) => {
      const client = await dedicatedClient();
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      await client.query(`listen ${channel}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    tryLock: async (key) => {
      // A lost lock connection means lost leadership: start again on a fresh one.
      if (!lockClient) {
        lockClient = await dedicatedClient();
        const c = lockClient;
        const lost = () => {
          if (lockClient !== c) return;
          lockClient = undefined;
          held.clear();
        };
        c.on('error', lost);
        c.on('end', lost);
      }
      // Session locks stack: ask only until we hold it.
      if (held.has(key)) return true;
      const { rows } = await lockClient.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
      if (rows[0]?.ok === true) held.add(key);
      return held.has(key);
    },
    close: async () => {
      await Promise.all(dedicated.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
