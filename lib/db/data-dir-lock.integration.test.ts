/**
 * Two server processes on one DATA_DIR would corrupt the embedded database: the second is refused
 * while the first runs, and a lock left by a process killed with -9 is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'lib/testing/hold-embedded-database.ts', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('open') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe('one server per embedded database', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a second process on the same DATA_DIR, and takes over after the first is killed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vcc-datadir-'));
    dirs.push(dir);
    const first = await holder(dir);
    children.push(first);
    await expect(openDatabase({ url: undefined, dataDir: dir })).rejects.toThrow(
      new RegExp(`in use by process ${first.pid}: two servers must never share one DATA_DIR`),
    );
    const gone = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await gone;
    const db = await openDatabase({ url: undefined, dataDir: dir });
    expect((await db.query<{ ok: number }>('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await db.close();
    // Closed cleanly: the lock is gone, and the next server opens it at once.
    const again = await openDatabase({ url: undefined, dataDir: dir });
    await again.close();
  }, 60_000);
});
