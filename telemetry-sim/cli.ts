/**
 * telemetry-sim: the simulated Hangzhou 2023 Games, published over MQTT.
 *
 *   npm run sim -- --url mqtt://127.0.0.1:1884 --seed 42 --scale 1 [--speed 1] [--duration 60]
 *   npm run sim -- scenario crowd-surge --venue hz-olympic-stadium --url mqtt://127.0.0.1:1884
 *
 * Every --report-every seconds (and on exit) it logs what it sent and what it could not send, by cause.
 *
 * Scenarios: crowd-surge, power-loss, network-outage, broadcast-loss.
 */
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from './demo-credentials';
import { describeStats, SCENARIO_TOPIC, startPublisher } from './publisher';
import type { ScenarioCommand, ScenarioKind } from './simulator';
import { VENUES } from './venues';

const SCENARIOS: ScenarioKind[] = ['crowd-surge', 'power-loss', 'network-outage', 'broadcast-loss'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1884' },
    seed: { type: 'string', default: '42' },
    scale: { type: 'string', default: '1' },
    speed: { type: 'string', default: '1' },
    'incidents-per-venue-hour': { type: 'string', default: '0.25' },
    duration: { type: 'string' },
    'report-every': { type: 'string', default: '30' },
    prefix: { type: 'string', default: process.env.MQTT_TOPIC_PREFIX ?? '' },
    'protocol-version': { type: 'string', default: '4' },
    // The demo's identity unless told otherwise (SIM_MQTT_USERNAME: the server has MQTT_USERNAME).
    username: { type: 'string', default: process.env.SIM_MQTT_USERNAME ?? DEMO_SIM_USERNAME },
    password: { type: 'string', default: process.env.SIM_MQTT_PASSWORD ?? DEMO_SIM_PASSWORD },
    venue: { type: 'string' },
    'duration-s': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function num(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number >= ${min}, got '${raw}'`);
  return n;
}

if (values.help) {
  console.log(`usage:
  sim [--url mqtt://host:port] [--seed N] [--scale N] [--speed X] [--duration S] [--report-every S] [--prefix P/]
      [--username U --password P]       broker identity (SIM_MQTT_USERNAME, SIM_MQTT_PASSWORD;
                                        default: the demo's telemetry-sim)
      [--incidents-per-venue-hour R]   random IT incidents (0: scenarios only)
  sim scenario <${SCENARIOS.join('|')}> --venue <venue-id> [--duration-s S] [--url ...]
venues: ${VENUES.map((v) => v.id).join(', ')}`);
  process.exit(0);
}

if (positionals[0] === 'scenario') {
  const kind = positionals[1] as ScenarioKind;
  if (!SCENARIOS.includes(kind)) fail(`scenario must be one of ${SCENARIOS.join(', ')}`);
  if (!values.venue || !VENUES.some((v) => v.id === values.venue)) fail(`--venue must name a venue (see --help)`);
  const cmd: ScenarioCommand = { scenario: kind, venueId: values.venue };
  if (values['duration-s']) cmd.durationS = num('duration-s', values['duration-s'], 1);
  const client = mqtt.connect(values.url!, {
    connectTimeout: 5000,
    reconnectPeriod: 0,
    username: values.username!,
    password: values.password!,
  });
  client.on('connect', () => {
    client.publish(values.prefix + SCENARIO_TOPIC, JSON.stringify(cmd), { qos: 1 }, (err) => {
      if (err) fail(err.message);
      console.log(`sent ${kind} at ${values.venue}`);
      client.end();
    });
  });
  client.on('error', (e) => fail(`cannot reach ${values.url}: ${e.message}`));
} else {
  const version = num('protocol-version', values['protocol-version'], 4);
  if (version !== 4 && version !== 5) fail('--protocol-version must be 4 or 5');
  const pub = startPublisher({
    url: values.url!,
    seed: Math.floor(num('seed', values.seed, 0)),
    scale: Math.floor(num('scale', values.scale, 1)),
    speed: num('speed', values.speed, 0.01),
    incidentsPerVenueHour: num('incidents-per-venue-hour', values['incidents-per-venue-hour'], 0),
    topicPrefix: values.prefix!,
    protocolVersion: version,
    username: values.username!,
    password: values.password!,
    ...(values.duration ? { durationMs: num('duration', values.duration, 1) * 1000 } : {}),
  });
  const shutdown = () => void pub.stop();
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const report = setInterval(
    () => {
      console.log(describeStats(pub.stats));
      pub.stats.maxBehindMs = 0;
    },
    num('report-every', values['report-every'], 0.1) * 1000,
  );
  report.unref();
  void pub.done.then(() => {
    console.log(describeStats(pub.stats));
    process.exit(0);
  });
}
