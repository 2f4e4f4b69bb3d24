import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { RateLimiter } from './rate-limit';
import { MemoryWindowCounter, SignInLimits } from './sign-in-limits';
import { readCookie } from './sessions';
import { parseUsers, readUsers } from './users';

describe('passwords', () => {
  it('verify against their hash only, salted', () => {
    const h = hashPassword('games-2023');
    expect(verifyPassword('games-2023', h)).toBe(true);
    expect(verifyPassword('games-2024', h)).toBe(false);
    expect(hashPassword('games-2023')).not.toBe(h);
    expect(verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('rate limiter', () => {
  it('refuses past the limit until the window ends, per key, and stays bounded', () => {
    const r = new RateLimiter(2, 1000, 3);
    expect([r.take('a', 0), r.take('a', 10), r.take('a', 20)]).toEqual([0, 0, 980]);
    expect(r.take('b', 20)).toBe(0);
    expect(r.take('a', 1000)).toBe(0);
    for (const k of ['c', 'd', 'e', 'f']) r.take(k, 1001);
    expect((r as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(3);
  });
});

describe('sign-in limits', () => {
  it('stop a guesser of one account, and a sprayer of many, from one address', async () => {
    const l = new SignInLimits(new MemoryWindowCounter());
    for (let i = 0; i < 10; i++) await l.failed('6.6.6.6', 'operator', i);
    expect(await l.wait('6.6.6.6', 'operator', 10)).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) await l.failed('6.6.6.6', `user-${i}`, 10);
    expect(await l.wait('6.6.6.6', 'somebody-else', 11)).toBeGreaterThan(0);
  });

  it("never lock an account's owner out from another address", async () => {
    const l = new SignInLimits(new MemoryWindowCounter());
    // One address fails as often as it is allowed to, and keeps trying.
    for (let i = 0; i < 1000; i++) {
      if ((await l.wait('6.6.6.6', 'operator', i)) === 0) await l.failed('6.6.6.6', 'operator', i);
    }
    expect(await l.wait('6.6.6.6', 'operator', 1000)).toBeGreaterThan(0);
    expect(await l.wait('10.1.1.1', 'operator', 1000)).toBe(0);
  });

  it('count failures only, and a success clears that address for that account', async () => {
    const l = new SignInLimits(new MemoryWindowCounter());
    for (let i = 0; i < 9; i++) await l.failed('10.1.1.1', 'operator', i);
    await l.succeeded('10.1.1.1', 'operator');
    for (let i = 0; i < 9; i++) await l.failed('10.1.1.1', 'operator', 20 + i);
    expect(await l.wait('10.1.1.1', 'operator', 30)).toBe(0);
  });
});

describe('users file', () => {
  it('the demo users load, with venue managers limited to their venues', () => {
    const users = readUsers('config/users.json');
    expect([...users.keys()].sort()).toEqual(['admin', 'manager', 'operator', 'responder', 'responder2']);
    expect(users.get('manager')?.venues).toEqual(['binjiang-gymnasium']);
    expect(users.get('operator')?.venues).toBeNull();
  });

  it('a bad file says what is wrong', () => {
    expect(() =>
      parseUsers({ users: [{ id: 'x', name: 'X', role: 'king', passwordHash: 'scrypt$1' }] }, 'f.json'),
    ).toThrow(/f\.json: \/users\/0\/role/);
    const u = { id: 'm', name: 'M', role: 'venue_manager', passwordHash: 'scrypt$x' };
    expect(() => parseUsers({ users: [u] }, 'f.json')).toThrow(/needs venues/);
  });
});

describe('cookies', () => {
  it('finds the session among others', () => {
    expect(readCookie('a=1; vcc_session=abc%2D; b=2', 'vcc_session')).toBe('abc-');
    expect(readCookie('a=1', 'vcc_session')).toBeUndefined();
    expect(readCookie(null, 'vcc_session')).toBeUndefined();
    // A malformed cookie is no cookie (issue 11: it answered 500).
    expect(readCookie('vcc_session=%E0%A4%A', 'vcc_session')).toBeUndefined();
  });
});
