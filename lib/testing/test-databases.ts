/**
 * Databases for tests: an in-memory PGlite, and a fresh database on the PostgreSQL at
 * TEST_DATABASE_URL (default 127.0.0.1:5432/test), dropped afterwards. Suites run against
 * both, as the product runs on both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrations';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** Opens (and migrates) a connection to this test database; several may be open at once. */
  open(): Promise<Database>;
  /** The URL of the fresh PostgreSQL database (postgres only). */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function freshPostgres(): Promise<TestDatabase> {
  const name = `vcc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const open: Database[] = [];
  return {
    kind: 'postgres',
    url: url.toString(),
    open: async () => {
      const db = await openDatabase({ url: url.toString(), dataDir: '' });
      await migrate(db);
      open.push(db);
      return db;
    },
    drop: async () => {
      await Promise.all(open.map((d) => d.close()));
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function memoryPglite(): Promise<TestDatabase> {
  let db: Database | undefined;
  return {
    kind: 'pglite',
    url: undefined,
    // One process, one embedded database: every open() shares it.
    open: async () => {
      if (!db) {
        db = await openDatabase({ url: undefined, dataDir: 'memory://' });
        await migrate(db);
      }
      return db;
    },
    drop: async () => {
      await db?.close();
    },
  };
}

export const TEST_DATABASES: { name: string; make: () => Promise<TestDatabase> }[] = [
  { name: 'embedded PGlite', make: memoryPglite },
  { name: 'PostgreSQL', make: freshPostgres },
];

/** A fresh PostgreSQL database, and a TCP proxy in front of it a fault test controls: `viaProxy` reaches it through the proxy. */
export async function proxiedPostgres(): Promise<{ pg: TestDatabase; proxy: TcpProxy; viaProxy: string }> {
  const pg = await freshPostgres();
  const direct = new URL(pg.url!);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(pg.url!);
  viaProxy.port = String(proxy.port);
  return { pg, proxy, viaProxy: viaProxy.toString() };
}
