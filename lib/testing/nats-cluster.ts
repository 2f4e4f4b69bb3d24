/**
 * A three-node NATS cluster with JetStream and its MQTT listener (MQTT 3.1.1), as processes this test
 * starts and kills: Debian's `nats-server` (2.9 here). Retained messages and sessions live in
 * JetStream streams replicated on all three nodes, so one node may die.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { freePort, waitForPort } from './ports';

/** Debian puts it in /usr/sbin, which a user's PATH may not hold. */
const NATS_SERVER = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';

export interface NatsNode {
  name: string;
  mqttPort: number;
  conf: string;
  process: ChildProcess | undefined;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** `mqtt://…,mqtt://…,mqtt://…`: MQTT_URL naming every node. */
  url: string;
  kill(node: NatsNode): Promise<void>;
  /** Starts a killed node again (its JetStream store kept) and waits until its MQTT side works. */
  restart(node: NatsNode): Promise<void>;
  close(): Promise<void>;
}

/** Resolves when the node's MQTT side works end to end: a QoS 1 subscription needs JetStream up. */
async function mqttWorks(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
        protocolVersion: 4,
        connectTimeout: 3000,
        reconnectPeriod: 0,
      });
      try {
        const granted = await c.subscribeAsync('vcc-cluster-probe/#', { qos: 1 });
        if (granted.every((g) => g.qos !== 128)) return;
        last = new Error('subscription refused');
      } finally {
        await c.endAsync(true);
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`NATS MQTT on ${port} not working after ${timeoutMs} ms: ${String(last)}`);
}

export async function startNatsCluster(): Promise<NatsCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-nats-'));
  const ports = await Promise.all(Array.from({ length: 9 }, () => freePort()));
  const routes = [3, 4, 5].map((i) => `nats-route://127.0.0.1:${ports[i]}`).join(', ');
  const nodes: NatsNode[] = [0, 1, 2].map((i) => {
    const name = `n${i + 1}`;
    const conf = path.join(dir, `${name}.conf`);
    writeFileSync(
      conf,
      `server_name: ${name}
listen: 127.0.0.1:${ports[i]}
jetstream { store_dir: "${path.join(dir, name)}" }
cluster { name: vcc-test, listen: 127.0.0.1:${ports[3 + i]}, routes: [${routes}] }
mqtt { listen: 127.0.0.1:${ports[6 + i]}, stream_replicas: 3 }
`,
    );
    const child = spawn(NATS_SERVER, ['-c', conf], { stdio: 'ignore' });
    return { name, mqttPort: ports[6 + i]!, conf, process: child };
  });
  const kill = async (node: NatsNode) => {
    const p = node.process;
    node.process = undefined;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  };
  try {
    for (const n of nodes) await waitForPort(n.mqttPort, 20_000);
    for (const n of nodes) await mqttWorks(n.mqttPort, 60_000);
  } catch (err) {
    await Promise.all(nodes.map(kill));
    throw err;
  }
  return {
    nodes,
    url: nodes.map((n) => `mqtt://127.0.0.1:${n.mqttPort}`).join(','),
    kill,
    restart: async (node) => {
      if (node.process) return;
      node.process = spawn(NATS_SERVER, ['-c', node.conf], { stdio: 'ignore' });
      await waitForPort(node.mqttPort, 20_000);
      await mqttWorks(node.mqttPort, 60_000);
    },
    close: async () => {
      await Promise.all(nodes.map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
