/**
 * Instances of a fleet start together on a fresh PostgreSQL: each migrates, and exactly one applies
 * each migration (the race once broke start-up with a unique violation on the bookkeeping table).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database';
import { migrate } from './migrations';
import { TEST_POSTGRES_URL } from '../testing/test-databases';

describe('migrations on a fresh PostgreSQL, from several instances at once', () => {
  const name = `vcc_test_${randomBytes(6).toString('hex')}`;
  const dbs: Database[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  it('each migration is applied once, by one of them, and all start', async () => {
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    for (let i = 0; i < 4; i++) dbs.push(await openDatabase({ url: url.toString(), dataDir: '' }));
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    const all = applied.flat().sort((a, b) => a - b);
    expect(all).toEqual([...new Set(all)]);
    expect(all.length).toBeGreaterThan(0);
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    // And again, later: nothing to do.
    expect(await migrate(dbs[0]!)).toEqual([]);
  });
});
