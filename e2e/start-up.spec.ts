/**
 * A server that cannot start by waiting says why and exits, for a person or an orchestrator to act on,
 * rather than listening on its port and answering nothing right.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../lib/testing/ports';

test('a broken users file stops the server with the reason, exit code 1', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-start-'));
  const usersFile = path.join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users: 5 }));
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve.ts', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        EMBEDDED_MQTT_PORT: String(await freePort()),
        EMBEDDED_MQTT_WS_PORT: '0',
        MQTT_URL: '',
        DATABASE_URL: '',
        DATA_DIR: path.join(dir, 'data'),
        USERS_FILE: usersFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  server.stdout.on('data', (b: Buffer) => (output += b.toString()));
  server.stderr.on('data', (b: Buffer) => (output += b.toString()));
  try {
    const code = await new Promise<number | null>((resolve) => server.on('exit', resolve));
    expect(output).toContain(`[start] cannot start: ${usersFile}: /users Expected array`);
    expect(code).toBe(1);
  } finally {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
