/**
 * Instances of a fleet start together on a fresh PostgreSQL: each migrates, and exactly one applies
 * each migration (the race once broke start-up with a unique violation on the bookkeeping table).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases';
import { openDatabase, type Database } from './database';
import { migrate } from './migrations';

describe('migrations on a fresh PostgreSQL, from several instances at once', () => {
  let target: TestDatabase;
  const dbs: Database[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    await target?.drop();
  });

  it('each migration is applied once, by one of them, and all start', async () => {
    // (Not target.open(): that migrates; these must find the database empty.)
    target = await freshPostgres();
    for (let i = 0; i < 4; i++) dbs.push(await openDatabase({ url: target.url, dataDir: '' }));
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    const all = applied.flat().sort((a, b) => a - b);
    expect(all).toEqual([...new Set(all)]);
    expect(all.length).toBeGreaterThan(0);
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    // And again, later: nothing to do.
    expect(await migrate(dbs[0]!)).toEqual([]);
  });
});
