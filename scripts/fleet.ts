/**
 * The production shape on one machine (`npm run fleet`): FLEET_INSTANCES (3) web instances behind
 * nginx from Debian, sharing one PostgreSQL (DATABASE_URL) and one MQTT broker (MQTT_URL), with the
 * simulator publishing to that broker. nginx streams SSE unbuffered with long timeouts, gzips static
 * assets, passes X-Forwarded-* (the instances trust one hop: TRUST_PROXY=1) and spreads requests
 * without stickiness: any instance serves any screen. An instance that dies is started again after
 * FLEET_RESTART_MS (as systemd or an orchestrator would); meanwhile nginx sends its screens to the
 * others. docs/fleet.md says how to run the same on many machines.
 *
 *   DATABASE_URL=postgres://… MQTT_URL=mqtt://… node --import tsx scripts/fleet.ts
 *
 * FLEET_STATE_FILE (optional): written with each instance's name, port and pid as they change,
 * for tests and operators.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const env = (name: string, fallback: string) => process.env[name]?.trim() || fallback;
const PORT = Number(env('PORT', '3000'));
const BASE_PORT = Number(env('FLEET_BASE_PORT', String(PORT + 101)));
const INSTANCES = Number(env('FLEET_INSTANCES', '3'));
const DATABASE_URL = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/vcc_fleet');
const MQTT_URL = env('MQTT_URL', 'mqtt://127.0.0.1:1883');
const RESTART_MS = Number(env('FLEET_RESTART_MS', '3000'));
const STATE_FILE = process.env.FLEET_STATE_FILE;
const SIMULATE = env('FLEET_SIMULATOR', '1') !== '0';
// One key for every instance, so a view pass made by one is honoured by another (lib/auth/view-pass.ts).
const SESSION_SECRET = env('SESSION_SECRET', randomBytes(32).toString('base64url'));

function nginxBinary(): string {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  console.log('[fleet] nginx is not installed; installing Debian nginx-light');
  const r = spawnSync(
    'bash',
    ['-c', 'apt-get install -y -qq nginx-light || (apt-get update -qq && apt-get install -y -qq nginx-light)'],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0 || !existsSync('/usr/sbin/nginx')) {
    throw new Error('nginx is needed: apt-get install nginx-light (as root)');
  }
  // Debian starts its own default site on install: not ours.
  spawnSync('bash', ['-c', 'service nginx stop || nginx -s stop'], { stdio: 'ignore' });
  return '/usr/sbin/nginx';
}

/** Creates the database named in DATABASE_URL if the server does not have it yet. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name '${name}'`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const { rows } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) {
      await c.query(`create database ${name}`);
      console.log(`[fleet] created database ${name}`);
    }
  } finally {
    await c.end();
  }
}

function nginxConfig(dir: string, ports: number[]): string {
  const upstreams = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n');
  // nginx counts a peer as healthy again only when a request to it *ends* well, and a stream lasts
  // hours: with failure accounting, an instance that came back after a kill would stay shunned for
  // streams. Streams keep none; a dead instance costs a refused connect, then the next one is tried.
  const streamUpstreams = ports.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n');
  const forwarded = `
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;`;
  return `# Written by scripts/fleet.ts; see docs/fleet.md.
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 64k;
  upstream vcc {
${upstreams}
    keepalive 32;
    # Under the instances' own idle time (lib/server/web-server.ts): nginx lets go of a connection first.
    keepalive_timeout 50s;
  }
  upstream vcc_stream {
${streamUpstreams}
  }
  # Compression here, not in Next (it would buffer the event stream): assets and JSON, never SSE.
  gzip on;
  gzip_vary on;
  gzip_min_length 1024;
  gzip_types text/css application/javascript application/json image/svg+xml text/plain application/geo+json;
  server {
    listen 127.0.0.1:${PORT};
    # Live streams: unbuffered, uncompressed, open for hours; a dead instance's screens reconnect elsewhere.
    location /api/stream {
      proxy_pass http://vcc_stream;${forwarded}
      proxy_buffering off;
      proxy_cache off;
      gzip off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_connect_timeout 2s;
      # An instance still starting answers 503: try the next rather than make the screen wait.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries ${ports.length};
    }
    location / {
      proxy_pass http://vcc;${forwarded}
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      # A refused connection goes to the next instance; an action (POST) is never sent twice.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries ${ports.length};
    }
  }
}
`;
}

interface Instance {
  name: string;
  port: number;
  child: ChildProcess | undefined;
  restarts: number;
}

let stopping = false;
const instances: Instance[] = [];
const others: ChildProcess[] = [];

function writeState(): void {
  if (!STATE_FILE) return;
  const state = instances.map((i) => ({ name: i.name, port: i.port, pid: i.child?.pid ?? null, restarts: i.restarts }));
  // Written whole then renamed: a reader (the fleet's browser test) never sees it half-written.
  writeFileSync(`${STATE_FILE}.tmp`, JSON.stringify({ proxyPort: PORT, instances: state }, null, 2));
  renameSync(`${STATE_FILE}.tmp`, STATE_FILE);
}

function startInstance(i: Instance): void {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve.ts', '-p', String(i.port), '-H', '127.0.0.1'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL,
        MQTT_URL,
        TRUST_PROXY: '1',
        SESSION_SECRET,
        INSTANCE_NAME: i.name,
      },
    },
  );
  i.child = child;
  writeState();
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[fleet] ${i.name} exited (${signal ?? code}); starting it again in ${RESTART_MS} ms`);
    i.child = undefined;
    writeState();
    setTimeout(() => {
      if (stopping) return;
      i.restarts++;
      startInstance(i);
    }, RESTART_MS);
  });
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const c of [...others, ...instances.map((i) => i.child)]) c?.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const nginx = nginxBinary();
await ensureDatabase(DATABASE_URL);
const dir = mkdtempSync(path.join(tmpdir(), 'vcc-fleet-nginx-'));
// nginx started as root runs its workers as nobody: they must be able to write the temp folders.
chmodSync(dir, 0o755);
for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub), { mode: 0o777 });
const ports = Array.from({ length: INSTANCES }, (_, k) => BASE_PORT + k);
writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, ports));

for (const [k, port] of ports.entries()) {
  const i: Instance = { name: `web-${k + 1}`, port, child: undefined, restarts: 0 };
  instances.push(i);
  startInstance(i);
}
const proxy = spawn(nginx, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
others.push(proxy);
proxy.on('exit', (code) => {
  if (stopping) return;
  console.error(`[fleet] nginx exited (${code}); stopping (see ${dir}/error.log)`);
  stop(1);
});
if (SIMULATE) {
  const sim = spawn(process.execPath, ['--import', 'tsx', 'telemetry-sim/cli.ts', '--url', MQTT_URL], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  others.push(sim);
}
console.log(
  `[fleet] ${INSTANCES} instances on ports ${ports.join(', ')} behind nginx on http://127.0.0.1:${PORT}; ` +
    `database ${new URL(DATABASE_URL).pathname.slice(1)}, broker ${MQTT_URL}`,
);
