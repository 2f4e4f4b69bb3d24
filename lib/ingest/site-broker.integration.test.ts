/**
 * Production's shape: a site's Mosquitto, started by the test with the password_file and
 * acl_file that `npm run mosquitto-config` writes from the publishers file, and the server
 * reading it as its own identity. And which MQTT versions work where, tried with Debian's
 * `mosquitto_pub` rather than our own client: 3.1.1 and 5 through Mosquitto, 3.1.1 only
 * through the embedded broker (Aedes 1.x), as docs/mqtt.md says.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../contracts/topics';
import { freePort, waitForPort } from '../testing/ports';
import { testServerEnv } from '../testing/server-env';
import {
  DEMO_READER,
  DEMO_SIM_PASSWORD,
  DEMO_SIM_USERNAME,
  DEMO_VENUE_PUBLISHER,
} from '../../telemetry-sim/demo-credentials';
import { Simulator } from '../../telemetry-sim/simulator';
import { createFeedRuntime, type FeedRuntime } from '../server/feed-runtime';
import { mosquittoAcl, mosquittoPasswords } from './mosquitto-acl';
import { readPublishers } from './publishers';
import { readVenueCatalogue } from './venue-catalogue';

const BJ = DEMO_VENUE_PUBLISHER.venueId;
const OLY = 'hz-olympic-stadium';
const sim = { username: DEMO_SIM_USERNAME, password: DEMO_SIM_PASSWORD };
const binjiang = { username: DEMO_VENUE_PUBLISHER.username, password: DEMO_VENUE_PUBLISHER.password };

/** Debian's mosquitto_pub: exit code and what it said. */
function mosquittoPub(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('mosquitto_pub', args, { timeout: 10_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, output: stdout + stderr });
    });
  });
}

const crowd = (occupancy: number) =>
  JSON.stringify({ ts: Date.now(), seq: Date.now(), entries: occupancy, exits: 0, occupancy });

const occupancyOf = (rt: FeedRuntime, zone: string) => rt.model.venues.get(BJ)?.zones.get(zone)?.occupancy;

async function publishRegistries(url: string, tls: IClientOptions = {}): Promise<void> {
  const c = await mqtt.connectAsync(url, { ...sim, reconnectPeriod: 0, ...tls });
  const s = new Simulator({ seed: 42, scale: 1, startMs: Date.now() });
  for (const m of s.registryMessages(Date.now())) await c.publishAsync(m.topic, m.payload, { qos: 1, retain: true });
  await c.endAsync();
}

/** Starts a Mosquitto with the generated password_file and acl_file, and `extra` config lines. */
async function startSiteBroker(
  extra: (dir: string) => string[] = () => [],
): Promise<{ broker: ChildProcess; port: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-mosquitto-'));
  const catalogue = readVenueCatalogue();
  const publishers = readPublishers('config/publishers.json', catalogue);
  writeFileSync(path.join(dir, 'password_file'), mosquittoPasswords(publishers), { mode: 0o600 });
  writeFileSync(path.join(dir, 'acl_file'), mosquittoAcl(publishers, catalogue, '', 'config/publishers.json'));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'mosquitto.conf'),
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${path.join(dir, 'password_file')}`,
      `acl_file ${path.join(dir, 'acl_file')}`,
      'persistence false',
      'set_tcp_nodelay true',
      // Started as root (as CI is), Mosquitto would drop to its own user, who cannot read the test's files.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      ...extra(dir),
      '',
    ].join('\n'),
  );
  const broker = spawn('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  await waitForPort(port);
  return { broker, port };
}

describe('a site Mosquitto configured from the publishers file', () => {
  let broker: ChildProcess;
  let url: string;
  let port: number;
  let rt: FeedRuntime;

  beforeAll(async () => {
    ({ broker, port } = await startSiteBroker());
    url = `mqtt://127.0.0.1:${port}`;
    rt = await createFeedRuntime(
      testServerEnv({ mqttUrl: url, mqttUsername: DEMO_READER.username, mqttPassword: DEMO_READER.password }),
    );
    await publishRegistries(url);
    for (let i = 0; i < 100 && rt.model.venues.size < 56; i++) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await rt?.close();
    broker?.kill('SIGTERM');
  });

  it('the server reads the feed as its own identity', () => {
    expect(rt.feed.subscribed).toBe(true);
    expect(rt.model.venues.size).toBe(56);
  });

  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(mqtt.connectAsync(url, { reconnectPeriod: 0 })).rejects.toThrow(/Not authorized|bad user/i);
    const anon = await mosquittoPub(['-h', '127.0.0.1', '-p', String(port), '-t', 'vcc/v1/x', '-m', '{}']);
    expect(anon.code).not.toBe(0);
    const wrong = await mosquittoPub([
      ...['-h', '127.0.0.1', '-p', String(port), '-u', binjiang.username, '-P', 'guess'],
      ...['-t', 'vcc/v1/x', '-m', '{}'],
    ]);
    expect(wrong.code).not.toBe(0);
  });

  it("refuses a publish to another venue (MQTT 5 says so; 3.1.1 drops it), and passes the venue's own", async () => {
    const name = rt.model.venues.get(OLY)!.def.name.en;
    const v5 = await mqtt.connectAsync(url, { ...binjiang, protocolVersion: 5, reconnectPeriod: 0 });
    const forged = JSON.parse(
      new Simulator({ seed: 42, scale: 1, startMs: Date.now() })
        .registryMessages(Date.now() + 1000)
        .find((m) => m.topic.includes(`/${OLY}/`))!.payload,
    ) as { venue: { name: { en: string } } };
    forged.venue.name.en = 'PWNED';
    await expect(
      v5.publishAsync(topics.registry('hangzhou', OLY), JSON.stringify(forged), { qos: 1, retain: true }),
    ).rejects.toThrow(/Not authorized|135/i);
    await v5.publishAsync(topics.crowd('hangzhou', BJ, 'gate-1'), crowd(41), { qos: 1 });
    await v5.endAsync();

    const v4 = await mqtt.connectAsync(url, { ...binjiang, protocolVersion: 4, reconnectPeriod: 0 });
    await v4.publishAsync(topics.crowd('hangzhou', OLY, 'gate-1'), crowd(999), { qos: 1 });
    await v4.publishAsync(topics.crowd('hangzhou', BJ, 'gate-2'), crowd(42), { qos: 1 });
    await v4.endAsync();

    await expect.poll(() => occupancyOf(rt, 'gate-2')).toBe(42);
    expect(occupancyOf(rt, 'gate-1')).toBe(41);
    expect(rt.model.venues.get(OLY)!.def.name.en).toBe(name);
    expect(rt.model.venues.get(OLY)!.zones.get('gate-1')!.occupancy).not.toBe(999);
  });

  it('a retained reading, which the ACL cannot forbid, never reaches a new instance as live', async () => {
    const c = await mqtt.connectAsync(url, { ...binjiang, reconnectPeriod: 0 });
    await c.publishAsync(topics.crowd('hangzhou', BJ, 'gate-5'), crowd(77), { qos: 1, retain: true });
    await c.endAsync();
    const late = await createFeedRuntime(
      testServerEnv({ mqttUrl: url, mqttUsername: DEMO_READER.username, mqttPassword: DEMO_READER.password }),
    );
    try {
      await expect.poll(() => late.metrics.rejected.get('retained_telemetry') ?? 0).toBe(1);
      expect(late.model.venues.get(BJ)?.zones.get('gate-5')?.occupancy ?? 0).not.toBe(77);
    } finally {
      await late.close();
      const cleanup = await mqtt.connectAsync(url, { ...binjiang, reconnectPeriod: 0 });
      await cleanup.publishAsync(topics.crowd('hangzhou', BJ, 'gate-5'), '', { qos: 1, retain: true });
      await cleanup.endAsync();
    }
  });

  it.each([
    ['mqttv5', 'gate-3', 53],
    ['mqttv311', 'gate-4', 54],
  ])('accepts mosquitto_pub -V %s from a venue publisher', async (version, zone, occupancy) => {
    const r = await mosquittoPub([
      ...['-h', '127.0.0.1', '-p', String(port), '-V', version, '-q', '1'],
      ...['-u', binjiang.username, '-P', binjiang.password],
      ...['-t', topics.crowd('hangzhou', BJ, zone), '-m', crowd(occupancy)],
    ]);
    expect(r).toEqual({ code: 0, output: '' });
    await expect.poll(() => occupancyOf(rt, zone)).toBe(occupancy);
  });
});

/** A test CA, a broker certificate for localhost and a client certificate, made with openssl. */
function makeCertificates(): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-tls-'));
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=vcc test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
  );
  writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  for (const [name, cn] of [
    ['server', 'localhost'],
    ['client', 'vcc-server'],
  ] as const) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
    );
    openssl(
      ...['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial'],
      ...['-days', '1', '-out', f(`${name}.crt`), ...(name === 'server' ? ['-extfile', f('san.ext')] : [])],
    );
  }
  return {
    ca: f('ca.crt'),
    serverCert: f('server.crt'),
    serverKey: f('server.key'),
    clientCert: f('client.crt'),
    clientKey: f('client.key'),
  };
}

describe('a site Mosquitto over TLS with client certificates (mqtts://)', () => {
  let broker: ChildProcess;
  let port: number;
  let rt: FeedRuntime;
  const certs = makeCertificates();

  beforeAll(async () => {
    ({ broker, port } = await startSiteBroker(() => [
      `cafile ${certs.ca}`,
      `certfile ${certs.serverCert}`,
      `keyfile ${certs.serverKey}`,
      'require_certificate true',
    ]));
    rt = await createFeedRuntime(
      testServerEnv({
        mqttUrl: `mqtts://localhost:${port}`,
        mqttUsername: DEMO_READER.username,
        mqttPassword: DEMO_READER.password,
        mqttTls: { caFile: certs.ca, certFile: certs.clientCert, keyFile: certs.clientKey },
      }),
    );
  });

  afterAll(async () => {
    await rt?.close();
    broker?.kill('SIGTERM');
  });

  const tls = (withCertificate: boolean) => ({
    ...binjiang,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ca: readFileSync(certs.ca),
    ...(withCertificate ? { cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) } : {}),
  });

  it('the server reads the feed over TLS with its certificate and its identity', async () => {
    await expect.poll(() => rt.feed.subscribed).toBe(true);
    await publishRegistries(`mqtts://localhost:${port}`, {
      ca: readFileSync(certs.ca),
      cert: readFileSync(certs.clientCert),
      key: readFileSync(certs.clientKey),
    });
    await expect.poll(() => rt.model.venues.size).toBe(56);
    const c = await mqtt.connectAsync(`mqtts://localhost:${port}`, tls(true));
    await c.publishAsync(topics.crowd('hangzhou', BJ, 'gate-1'), crowd(61), { qos: 1 });
    await c.endAsync();
    await expect.poll(() => occupancyOf(rt, 'gate-1')).toBe(61);
  });

  it('refuses a client without a certificate, and one that does not trust the broker', async () => {
    await expect(mqtt.connectAsync(`mqtts://localhost:${port}`, tls(false))).rejects.toThrow();
    await expect(
      mqtt.connectAsync(`mqtts://localhost:${port}`, { ...binjiang, reconnectPeriod: 0, connectTimeout: 5000 }),
    ).rejects.toThrow(/certificate/i);
  });
});

describe('MQTT versions on the embedded broker', () => {
  let rt: FeedRuntime;
  beforeAll(async () => {
    rt = await createFeedRuntime(testServerEnv());
    await publishRegistries(`mqtt://127.0.0.1:${rt.embedded!.port}`);
    for (let i = 0; i < 100 && rt.model.venues.size < 56; i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => rt?.close());

  const pub = (version: string, zone: string, occupancy: number) =>
    mosquittoPub([
      ...['-h', '127.0.0.1', '-p', String(rt.embedded!.port), '-V', version, '-q', '1'],
      ...['-u', binjiang.username, '-P', binjiang.password],
      ...['-t', topics.crowd('hangzhou', BJ, zone), '-m', crowd(occupancy)],
    ]);

  it('accepts MQTT 3.1.1 (mosquitto_pub -V mqttv311)', async () => {
    expect(await pub('mqttv311', 'gate-1', 31)).toEqual({ code: 0, output: '' });
    await expect.poll(() => occupancyOf(rt, 'gate-1')).toBe(31);
  });

  it('refuses MQTT 5 with a clear answer (Aedes 1.x speaks 3.1 and 3.1.1)', async () => {
    const r = await pub('mqttv5', 'gate-2', 55);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/Unsupported Protocol Version/i);
    await new Promise((res) => setTimeout(res, 300));
    expect(occupancyOf(rt, 'gate-2')).not.toBe(55);
  });
});
