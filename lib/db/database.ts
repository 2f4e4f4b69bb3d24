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
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements, no parameters (schema changes). */
  exec(sql: string): Promise<void>;
}

/** The state of the connection that receives NOTIFY, for readiness and /api/metrics. */
export interface ListenLink {
  listening: boolean;
  /** When it last started or stopped listening. */
  since: number;
  /** Times it came back after losing its connection. */
  relistens: number;
  lastError: string | null;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; resolves after COMMIT, rejects after ROLLBACK. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Delivers NOTIFY payloads of `channel` (sent on commit) until the returned function is called.
   * A lost connection is re-established with backoff and listens again; `onRelisten` then runs, so
   * the caller can reload whatever was notified while it was away. Fails only if the first try does.
   */
  listen(channel: string, onPayload: (payload: string) => void, onRelisten?: () => void): Promise<() => Promise<void>>;
  /** The NOTIFY connection's state (null until listen is called). */
  listenLink(): ListenLink | null;
  /** Resolves when the database answers a trivial query within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
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

/** A connection that does not open within this is refused, so an action fails instead of hanging. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement with no answer within this fails, and its connection is dropped (it may be half-open). */
const QUERY_TIMEOUT_MS = 15_000;
/** The NOTIFY connection is idle by nature: a query this often finds a link that died silently. */
const LISTEN_WATCHDOG_MS = 5_000;
const RELISTEN_BACKOFF_MS = { first: 250, max: 10_000 };
/**
 * The rules leader's lock connection is checked on every pass: no answer within this and the
 * leader steps down at once, so two instances never both think they lead.
 */
const LOCK_CHECK_MS = 2_000;
/**
 * PostgreSQL ends a lock session that has sent nothing for this long, releasing the lock, so a
 * leader cut off without a word (a half-open link) does not keep the others from taking over.
 */
const LOCK_SESSION_IDLE_MS = 10_000;

/** Rejects after `ms` unless `p` settles first. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** An error PostgreSQL itself sent (an SQLSTATE), as opposed to a lost or silent connection. */
const fromServer = (err: unknown) =>
  typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);

const LINK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01']);

/** The database could not be reached or did not answer (as opposed to refusing a statement). */
export function isDatabaseLinkError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && LINK_ERROR_CODES.has(code)) return true;
  if (fromServer(err)) return false;
  return /timeout|terminated|not queryable|no answer within|connection/i.test((err as Error).message ?? '');
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return openPostgres(config.url);
  // memory:// (tests) keeps nothing; anything else is a directory on disk.
  return openPglite(config.dataDir.startsWith('memory://') ? 'memory://' : path.join(config.dataDir, 'pglite'));
}

/** Whether a process with this id is running (and is a Node process, where /proc tells). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/**
 * One server per embedded database: PGlite is not made for two processes writing one directory,
 * and two would corrupt it. A lock file holds the owner's process id; a lock left by a process that
 * is gone (kill -9, a crash) is taken over. Returns its release.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && running(owner)) {
        throw new Error(
          `the embedded database in ${path.dirname(dir)} is in use by process ${owner}: two servers must never ` +
            'share one DATA_DIR (give each its own, or share PostgreSQL through DATABASE_URL)',
        );
      }
      console.log(`[db] taking over the lock left by process ${owner || '?'}, which is gone`);
      unlinkSync(file);
    }
  }
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const onDisk = !dir.startsWith('memory://');
  if (onDisk) mkdirSync(dir, { recursive: true });
  const unlock = onDisk ? lockDataDir(dir) : () => undefined;
  const db = await PGlite.create(dir).catch((err: unknown) => {
    unlock();
    throw err;
  });
  let link: ListenLink | null = null;
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
      link = { listening: true, since: Date.now(), relistens: 0, lastError: null };
      return () => unlisten();
    },
    // In-process: the link cannot break.
    listenLink: () => link,
    ping: async (timeoutMs) => {
      await within(db.query('select 1'), timeoutMs, 'database');
    },
    // One process holds an embedded database: it is always the holder.
    tryLock: async () => true,
    close: async () => {
      await db.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error(`[db] idle connection failed: ${err.message}`));
  await pool.query('select 1');
  type Client = InstanceType<typeof pg.Client>;
  const clientSettings = (queryTimeoutMs: number) => ({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
  });
  /** end() waits for the server, which may never answer: close the socket too. */
  const abandon = (c: Client) => {
    void c.end().catch(() => undefined);
    (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  };
  let link: ListenLink | null = null;
  /** The rules leader's lock connection and the session locks it holds. */
  let lock: { client: Client; held: Set<number>; lost: (why: string) => void } | undefined;
  const openLock = async () => {
    const client = new pg.Client(clientSettings(LOCK_CHECK_MS));
    const current = {
      client,
      held: new Set<number>(),
      lost: (why: string) => {
        if (lock !== current) return;
        lock = undefined;
        if (current.held.size > 0)
          console.error(`[db] lost the rules leader's lock connection (${why}): stepping down`);
        current.held.clear();
        abandon(client);
      },
    };
    lock = current;
    client.on('error', (err) => current.lost(err.message));
    client.on('end', () => current.lost('connection closed'));
    try {
      await within(client.connect(), CONNECT_TIMEOUT_MS, 'database');
      await within(client.query(`set idle_session_timeout = ${LOCK_SESSION_IDLE_MS}`), LOCK_CHECK_MS, 'database').catch(
        (err: unknown) => {
          // PostgreSQL before 14 has no such setting: its TCP keepalives must do instead.
          if (!fromServer(err)) throw err;
          console.warn(`[db] lock sessions without an idle timeout: ${(err as Error).message}`);
        },
      );
    } catch (err) {
      current.lost((err as Error).message);
      throw err;
    }
    return current;
  };
  return {
    kind: 'postgres',
    query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as R[] }),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        await client.query('begin');
        result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => ({
            rows: (await client.query(sql, params)).rows as R[],
          }),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
      } catch (err) {
        // PostgreSQL refused a statement: roll back and reuse the connection. Anything else (a
        // reset, a timeout on a link gone silent): drop the connection; the server rolls back.
        if (fromServer(err)) {
          await client.query('rollback').catch(() => undefined);
          client.release();
        } else {
          client.release(err as Error);
        }
        throw err;
      }
      client.release();
      return result;
    },
    listen: async (channel, onPayload, onRelisten) => {
      const state: ListenLink = { listening: false, since: Date.now(), relistens: 0, lastError: null };
      link = state;
      let current: InstanceType<typeof pg.Client> | undefined;
      let stopped = false;
      let failures = 0;
      let retry: NodeJS.Timeout | undefined;
      const lost = (c: InstanceType<typeof pg.Client>, err: Error) => {
        if (current !== c) return;
        current = undefined;
        abandon(c);
        Object.assign(state, { listening: false, since: Date.now(), lastError: err.message });
        if (stopped) return;
        const delay = Math.min(RELISTEN_BACKOFF_MS.max, RELISTEN_BACKOFF_MS.first * 2 ** failures++);
        console.error(`[db] lost the notification connection (${err.message}); listening again in ${delay} ms`);
        retry = setTimeout(() => void connect().catch(() => undefined), delay * (0.5 + Math.random() / 2));
      };
      const connect = async () => {
        const c = new pg.Client(clientSettings(LISTEN_WATCHDOG_MS));
        current = c;
        c.on('error', (err) => lost(c, err));
        c.on('end', () => lost(c, new Error('connection closed')));
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
        });
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
        } catch (err) {
          lost(c, err as Error);
          throw err;
        }
        if (stopped || current !== c) return;
        const again = state.lastError !== null;
        Object.assign(state, { listening: true, since: Date.now() });
        failures = 0;
        if (again) {
          state.relistens++;
          console.log(`[db] listening again on ${channel}`);
          onRelisten?.();
        }
      };
      try {
        await connect();
      } catch (err) {
        // Only a first try that fails is the caller's to handle; no retries behind its back.
        stopped = true;
        clearTimeout(retry);
        throw err;
      }
      const watchdog = setInterval(() => {
        const c = current;
        if (c && state.listening) c.query('select 1').catch((err: Error) => lost(c, err));
      }, LISTEN_WATCHDOG_MS);
      watchdog.unref();
      return async () => {
        stopped = true;
        clearInterval(watchdog);
        clearTimeout(retry);
        const c = current;
        current = undefined;
        await c?.end().catch(() => undefined);
      };
    },
    listenLink: () => link,
    ping: async (timeoutMs) => {
      await within(pool.query('select 1'), timeoutMs, 'database');
    },
    tryLock: async (key) => {
      // A lost lock connection means lost leadership: start again on a fresh one.
      const { client, held, lost } = lock ?? (await openLock());
      try {
        // Session locks stack: ask only until we hold it. Once held, the connection that holds it
        // must still answer, or another instance may already hold it in its place.
        const { rows } = await within(
          held.has(key)
            ? client.query<{ ok: boolean }>('select true as ok')
            : client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]),
          LOCK_CHECK_MS,
          'database',
        );
        if (rows[0]?.ok === true) held.add(key);
      } catch (err) {
        // A statement the server refused leaves the connection (and the lock) as it was.
        if (fromServer(err)) throw err;
        lost((err as Error).message);
        return false;
      }
      return held.has(key);
    },
    close: async () => {
      const closing = lock;
      lock = undefined;
      await closing?.client.end().catch(() => undefined);
      await pool.end();
    },
  };
}
