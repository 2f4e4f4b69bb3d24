/**
 * Sign-in failures counted in the database: two instances (two connections to one database) share
 * one budget, so a guesser gains nothing by spreading tries over the fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases';
import { DatabaseWindowCounter } from './database-window-counter';
import { SIGN_IN_WINDOW_MAX_MS, SignInLimits } from './sign-in-limits';

const T = 1_800_000_000_000;

describe.each(TEST_DATABASES)('sign-in limits shared on $name', ({ make }) => {
  let target: TestDatabase;
  let dbA: Database;
  let dbB: Database;
  let a: SignInLimits;
  let b: SignInLimits;

  beforeAll(async () => {
    target = await make();
    dbA = await target.open();
    dbB = await target.open();
    a = new SignInLimits(new DatabaseWindowCounter(dbA, SIGN_IN_WINDOW_MAX_MS));
    b = new SignInLimits(new DatabaseWindowCounter(dbB, SIGN_IN_WINDOW_MAX_MS));
  });
  afterAll(async () => {
    await target.drop();
  });

  it('failures through one instance count on the other', async () => {
    // Five through each: the tenth failure, wherever it came, closes this address for this account.
    for (let i = 0; i < 5; i++) {
      await a.failed('203.0.113.9', 'operator', T + i);
      await b.failed('203.0.113.9', 'operator', T + 5 + i);
    }
    const wait = await b.wait('203.0.113.9', 'operator', T + 10);
    expect(wait).toBe(60_000 - 10);
    expect(await a.wait('203.0.113.9', 'operator', T + 10)).toBe(wait);
    // The owner, elsewhere, is not locked out; and the window ends.
    expect(await a.wait('198.51.100.1', 'operator', T + 10)).toBe(0);
    expect(await b.wait('203.0.113.9', 'operator', T + 60_000)).toBe(0);
  });

  it('a success on one instance clears that address for that account on both', async () => {
    for (let i = 0; i < 9; i++) await a.failed('203.0.113.10', 'admin', T + i);
    await b.succeeded('203.0.113.10', 'admin');
    await a.failed('203.0.113.10', 'admin', T + 20);
    expect(await b.wait('203.0.113.10', 'admin', T + 21)).toBe(0);
  });

  it('a window that has ended starts again from one', async () => {
    for (let i = 0; i < 10; i++) await a.failed('203.0.113.11', 'manager', T + i);
    expect(await a.wait('203.0.113.11', 'manager', T + 10)).toBeGreaterThan(0);
    await b.failed('203.0.113.11', 'manager', T + 61_000);
    expect(await a.wait('203.0.113.11', 'manager', T + 61_001)).toBe(0);
  });
});
