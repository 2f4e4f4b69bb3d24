/**
 * A flood publisher that is cheap enough to overload a server: MQTT 3.1.1 PUBLISH packets
 * (QoS 0) encoded by hand into large buffers and written to a raw socket, no client
 * library. Sensor readings for every simulated sensor in rounds (seq = round), like
 * load-publisher.ts, but several times faster. Reports over IPC when done.
 *
 *   node --import tsx bench/raw-flood.ts --url mqtt://127.0.0.1:18830 --count 2000000 [--prefix p/]
 */
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { topics } from '../lib/contracts/topics';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from '../telemetry-sim/demo-credentials';
import { Simulator } from '../telemetry-sim/simulator';

const { values } = parseArgs({
  options: { url: { type: 'string' }, count: { type: 'string' }, prefix: { type: 'string', default: '' } },
});
const url = new URL(values.url!);
const count = Number(values.count);
const prefix = values.prefix!;

function remainingLength(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** [MQTT-3.3.1] PUBLISH, QoS 0: fixed header, topic (length-prefixed), payload. */
function publishPacket(topic: Buffer, payload: Buffer, retain = false): Buffer {
  const body = 2 + topic.length + payload.length;
  const head = Buffer.from([0x30 | (retain ? 1 : 0), ...remainingLength(body), topic.length >> 8, topic.length & 0xff]);
  return Buffer.concat([head, topic, payload]);
}

const field = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/** [MQTT-3.1] CONNECT as the demo's simulator (the embedded broker refuses anonymous clients). */
function connectPacket(clientId: string): Buffer {
  // Protocol name "MQTT", level 4, flags: user name, password, clean session; keepalive 60 s.
  const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0xc2, 0, 60]);
  const payload = Buffer.concat([field(clientId), field(DEMO_SIM_USERNAME), field(DEMO_SIM_PASSWORD)]);
  return Buffer.concat([Buffer.from([0x10, ...remainingLength(variable.length + payload.length)]), variable, payload]);
}

const sim = new Simulator({ seed: 42, scale: 1, startMs: Date.now() });
const sensorTopics = sim.venues.flatMap((v) =>
  v.world.def.sensors.map((s) => Buffer.from(prefix + topics.sensor(v.cityId, v.id, s.id))),
);

const socket: Socket = connect(Number(url.port || 1883), url.hostname);
socket.setNoDelay(true);
socket.on('error', (e) => {
  console.error(`[flood] ${e.message}`);
  process.exit(1);
});
await new Promise<void>((r) => socket.once('connect', () => r()));
socket.write(connectPacket(`vcc-flood-${process.pid}`));
await new Promise<void>((r) => socket.once('data', () => r())); // CONNACK
for (const m of sim.registryMessages(Date.now()))
  socket.write(publishPacket(Buffer.from(prefix + m.topic), Buffer.from(m.payload), true));
process.send?.({ type: 'ready' });
await new Promise<void>((r) => process.once('message', () => r()));

const start = performance.now();
let sent = 0;
for (let round = 1; sent < count; round++) {
  const ts = Date.now();
  const packets: Buffer[] = [];
  for (let i = 0; i < sensorTopics.length && sent < count; i++, sent++) {
    packets.push(publishPacket(sensorTopics[i]!, Buffer.from(`{"ts":${ts},"seq":${round},"value":${i % 97}}`)));
  }
  if (!socket.write(Buffer.concat(packets))) await new Promise<void>((r) => socket.once('drain', () => r()));
}
const seconds = (performance.now() - start) / 1000;
socket.end(Buffer.from([0xe0, 0])); // DISCONNECT
process.send?.({ type: 'done', sent, seconds, probes: 0 });
setTimeout(() => process.exit(0), 200);
