/**
 * A load generator in its own process: publishes the simulated Games' registry, then
 * sensor readings for every sensor in rounds (valid, ordered: seq = round), either as fast
 * as the socket takes them or paced at --rate msg/s. Messages are pre-encoded per round so
 * the publisher is not the bottleneck. Reports over IPC when done.
 *
 *   node --import tsx bench/load-publisher.ts --url mqtt://127.0.0.1:1883 --count 200000 [--rate 10000] [--prefix p/]
 */
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { topics } from '../lib/contracts/topics';
import { probeCount } from './probe-count';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from '../telemetry-sim/demo-credentials';
import { Simulator } from '../telemetry-sim/simulator';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    count: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '0' },
    prefix: { type: 'string', default: '' },
    'protocol-version': { type: 'string', default: '4' },
    'probe-every': { type: 'string', default: '0' },
    /** `i/n`: publish only every n-th sensor from i, so several publishers share the world without duplicates. */
    shard: { type: 'string', default: '0/1' },
  },
});
const count = Number(values.count);
const rate = Number(values.rate);
const prefix = values.prefix!;
const probeEvery = Number(values['probe-every']);
const wallNow = () => Math.round(performance.timeOrigin + performance.now());

const sim = new Simulator({ seed: 42, scale: 1, startMs: Date.now() });
const [shardIndex, shardCount] = values.shard!.split('/').map(Number) as [number, number];
const sensorTopics: Buffer[] = [];
let k = 0;
for (const v of sim.venues) {
  for (const s of v.world.def.sensors) {
    if (k++ % shardCount === shardIndex) sensorTopics.push(Buffer.from(prefix + topics.sensor(v.cityId, v.id, s.id)));
  }
}
// A probe zone the latency benchmark watches arrive in the stream, its count jumping (bench/probe-count.ts).
const probeVenue = sim.venues[0]!;
const probeZone = probeVenue.world.def.zones.find((z) => z.kind === 'stand')!;
const probeTopic = prefix + topics.crowd(probeVenue.cityId, probeVenue.id, probeZone.id);

const client = mqtt.connect(values.url!, {
  protocolVersion: Number(values['protocol-version']) as 4 | 5,
  clean: true,
  reconnectPeriod: 0,
  username: DEMO_SIM_USERNAME,
  password: DEMO_SIM_PASSWORD,
});
client.on('error', (e) => {
  console.error(`[load] ${e.message}`);
  process.exit(1);
});

function waitDrain(): Promise<void> {
  const s = client.stream as Socket;
  return s.writableLength > 1 << 20 ? new Promise((r) => s.once('drain', () => r())) : Promise.resolve();
}

client.on('connect', async () => {
  (client.stream as Socket).setNoDelay(true);
  // Shard 0 alone publishes the registry.
  if (shardIndex === 0) {
    for (const m of sim.registryMessages(Date.now()))
      await client.publishAsync(prefix + m.topic, m.payload, { qos: 1, retain: true });
  }
  process.send?.({ type: 'ready' });
  await new Promise<void>((r) => process.once('message', () => r()));

  const start = performance.now();
  let sent = 0;
  let round = 1;
  let probeSeq = 0;
  while (sent < count) {
    const ts = wallNow();
    for (let i = 0; i < sensorTopics.length && sent < count; i++) {
      if (rate > 0) {
        // Paced: wait until this message is due (coarse sleeps, exact on average).
        const due = start + (sent / rate) * 1000;
        const ahead = due - performance.now();
        if (ahead > 2) await new Promise((r) => setTimeout(r, ahead));
      }
      const stamp = rate > 0 ? wallNow() : ts;
      client.publish(sensorTopics[i]!.toString(), `{"ts":${stamp},"seq":${round},"value":${(i % 97) + round / 1000}}`, {
        qos: 0,
      });
      sent++;
      if (probeEvery > 0 && sent % probeEvery === 0) {
        probeSeq++;
        client.publish(
          probeTopic,
          `{"ts":${wallNow()},"seq":${probeSeq},"entries":${probeCount(probeSeq)},"exits":0,"occupancy":${probeCount(probeSeq)}}`,
          { qos: 0 },
        );
      }
      if ((sent & 1023) === 0) await waitDrain();
    }
    round++;
  }
  await waitDrain();
  const seconds = (performance.now() - start) / 1000;
  process.send?.({ type: 'done', sent, seconds, probes: probeSeq });
  client.end(false, {}, () => process.exit(0));
});
