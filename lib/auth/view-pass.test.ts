import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueViewPass, readViewPass, SECRET_FILE, viewPassSecret } from './view-pass';

const secret = Buffer.from('a secret of at least thirty-two characters');
const token = 'x'.repeat(43);
const HOUR = 3600_000;

describe('view pass', () => {
  it('names its user while unexpired, with the session token it was made for', () => {
    const pass = issueViewPass(secret, 'operator', token, 10 * HOUR);
    expect(readViewPass(secret, pass, token, 9 * HOUR)).toBe('operator');
    expect(readViewPass(secret, pass, token, 10 * HOUR)).toBeNull();
  });

  it('is nothing alone, with another session token, another key, or changed in any part', () => {
    const pass = issueViewPass(secret, 'operator', token, 10 * HOUR);
    expect(readViewPass(secret, pass, undefined, 0)).toBeNull();
    expect(readViewPass(secret, pass, 'y'.repeat(43), 0)).toBeNull();
    expect(readViewPass(Buffer.from('another secret of thirty-two characters'), pass, token, 0)).toBeNull();
    const [, expires, mac] = pass.split('.');
    expect(readViewPass(secret, `admin.${expires}.${mac}`, token, 0)).toBeNull();
    expect(readViewPass(secret, `operator.${(20 * HOUR).toString(36)}.${mac}`, token, 0)).toBeNull();
    expect(readViewPass(secret, `operator.${expires}.${'A'.repeat(43)}`, token, 0)).toBeNull();
    expect(readViewPass(secret, 'operator', token, 0)).toBeNull();
    expect(readViewPass(secret, `${pass}.`, token, 0)).toBeNull();
  });

  it('is signed with SESSION_SECRET, else the data directory keeps its own key across restarts', () => {
    expect(viewPassSecret({ sessionSecret: 's'.repeat(32), databaseUrl: 'postgres://x', dataDir: '.' })).toEqual({
      secret: Buffer.from('s'.repeat(32)),
      shared: true,
    });
    const dir = join(mkdtempSync(join(tmpdir(), 'vcc-pass-')), 'data');
    const first = viewPassSecret({ sessionSecret: undefined, databaseUrl: undefined, dataDir: dir });
    const again = viewPassSecret({ sessionSecret: undefined, databaseUrl: undefined, dataDir: dir });
    expect(again.secret.equals(first.secret)).toBe(true);
    expect(first.secret.length).toBe(32);
    expect(statSync(join(dir, SECRET_FILE)).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, SECRET_FILE), 'utf8').trim()).toBe(first.secret.toString('base64url'));
    // A PostgreSQL fleet without SESSION_SECRET: each process its own key (passes do not cross instances).
    const a = viewPassSecret({ sessionSecret: undefined, databaseUrl: 'postgres://x', dataDir: dir });
    expect(a.shared).toBe(false);
    expect(a.secret.equals(first.secret)).toBe(false);
  });
});
