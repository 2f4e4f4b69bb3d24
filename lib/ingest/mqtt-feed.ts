/**
 * The feed from an external broker (Mosquitto, EMQX, HiveMQ...): one mqtt.js client per
 * server process, subscribed to the whole tree, every message into the same ingest.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { SUBSCRIBE_ALL } from '../contracts/topics';
import type { Ingest } from './ingest';
import type { FeedStatus } from './feed-status';

export interface MqttFeedOptions {
  /** One broker URL, or several separated by commas (the nodes of a cluster: tried in turn on each reconnect). */
  url: string;
  protocolVersion: 4 | 5;
  username?: string | undefined;
  password?: string | undefined;
  topicPrefix: string;
  clientId?: string;
  /** PEM files for mqtts:// and wss://: a CA to trust beyond the system's, a client certificate and key. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** How long a subscription may go unanswered before a new connection asks again. @default 10 s */
  subackTimeoutMs?: number;
}

export interface MqttFeed {
  readonly status: FeedStatus;
  readonly client: MqttClient;
  close(): Promise<void>;
}

/** Nagle's algorithm adds tens of ms at high rates; every MQTT socket we open sets TCP_NODELAY. */
export function setNoDelay(client: MqttClient): void {
  const stream = client.stream as Partial<Socket> | undefined;
  stream?.setNoDelay?.(true);
}

/** A subscription the broker refused (a cluster electing a new leader for its sessions, say) is asked again. */
const RESUBSCRIBE_MS = { first: 500, max: 2000 };
/**
 * A subscription the broker leaves unanswered this long is asked again on a new connection (to the
 * next node of a cluster). A NATS node whose JetStream is electing a leader answered pings but held a
 * SUBSCRIBE for over 30 s: the feed sat connected, never subscribed, until the link itself failed.
 */
const SUBACK_TIMEOUT_MS = 10_000;

/** The nodes of MQTT_URL, in order: `mqtt://a:1883,mqtt://b:1883`. */
type BrokerProtocol = 'mqtt' | 'mqtts' | 'ws' | 'wss';
const PROTOCOLS: Record<string, BrokerProtocol> = {
  'mqtt:': 'mqtt',
  'tcp:': 'mqtt',
  'mqtts:': 'mqtts',
  'ssl:': 'mqtts',
  'ws:': 'ws',
  'wss:': 'wss',
};
const DEFAULT_PORTS: Record<BrokerProtocol, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

/** The nodes of MQTT_URL, in order: `mqtt://a:1883,mqtt://b:1883`. */
export function brokerServers(url: string): { host: string; port: number; protocol: BrokerProtocol }[] {
  return url.split(',').map((one) => {
    const u = new URL(one.trim());
    const protocol = PROTOCOLS[u.protocol];
    if (!protocol) throw new Error(`not a broker URL: '${one}'`);
    return { host: u.hostname, port: Number(u.port) || DEFAULT_PORTS[protocol], protocol };
  });
}

export function connectMqttFeed(opts: MqttFeedOptions, ingest: Ingest): MqttFeed {
  const urls = opts.url.split(',').map((u) => u.trim());
  const status: FeedStatus = {
    kind: 'mqtt',
    url: urls.map(redact).join(','),
    connected: false,
    subscribed: false,
    lastError: undefined,
  };
  const options: IClientOptions = {
    protocolVersion: opts.protocolVersion,
    clientId: opts.clientId ?? `vcc-web-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: true,
    // We subscribe on every connect ourselves and count subscribed only on the broker's SUBACK. (mqtt.js's
    // own resubscription made our subscribe a no-op that answered at once: "subscribed" before the broker was.)
    resubscribe: false,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    // A link that silently stops passing anything (half-open: a NAT or firewall dropped it) is found
    // when a ping goes unanswered: at 10 s, within about 15-20 s of the feed going quiet.
    keepalive: 10,
  };
  // Read once at start: a missing or unreadable file stops start-up with its path.
  if (opts.tls?.caFile) options.ca = readFileSync(opts.tls.caFile);
  if (opts.tls?.certFile) options.cert = readFileSync(opts.tls.certFile);
  if (opts.tls?.keyFile) options.key = readFileSync(opts.tls.keyFile);
  if (opts.username !== undefined) options.username = opts.username;
  if (opts.password !== undefined) options.password = opts.password;
  // A cluster: every node in turn, the next one on each reconnect (mqtt.js `servers`).
  if (urls.length > 1) options.servers = brokerServers(opts.url);
  const client = mqtt.connect(urls[0]!, options);
  const prefixLength = opts.topicPrefix.length;

  const subackTimeoutMs = opts.subackTimeoutMs ?? SUBACK_TIMEOUT_MS;
  let resubscribe: NodeJS.Timeout | undefined;
  let unanswered: NodeJS.Timeout | undefined;
  let refusals = 0;
  const subscribe = () => {
    clearTimeout(unanswered);
    unanswered = setTimeout(() => {
      status.lastError = `no answer to the subscription within ${subackTimeoutMs / 1000} s`;
      console.error(`[feed] ${status.url}: ${status.lastError}; connecting again`);
      (client.stream as Socket | undefined)?.destroy();
    }, subackTimeoutMs);
    client.subscribe(opts.topicPrefix + SUBSCRIBE_ALL, { qos: 1 }, (err, granted) => {
      clearTimeout(unanswered);
      const ok = !err && granted !== undefined && granted.length > 0 && granted.every((g) => g.qos !== 128);
      status.subscribed = ok;
      if (ok) {
        refusals = 0;
        return;
      }
      status.lastError = err?.message ?? 'subscription refused by the broker';
      const delay = Math.min(RESUBSCRIBE_MS.max, RESUBSCRIBE_MS.first * 2 ** refusals++);
      console.error(
        `[feed] subscribe to ${opts.topicPrefix + SUBSCRIBE_ALL} failed: ${status.lastError}; asking again in ${delay} ms`,
      );
      clearTimeout(resubscribe);
      if (client.connected) resubscribe = setTimeout(() => client.connected && subscribe(), delay);
    });
  };

  client.on('connect', () => {
    setNoDelay(client);
    status.connected = true;
    clearTimeout(resubscribe);
    subscribe();
  });
  client.on('close', () => {
    status.connected = false;
    status.subscribed = false;
    clearTimeout(resubscribe);
    clearTimeout(unanswered);
  });
  client.on('error', (err) => {
    status.lastError = err.message;
    console.error(`[feed] ${status.url}: ${err.message}`);
  });
  client.on('message', (topic, payload, packet) => {
    // The prefix is ours to strip; a topic without it cannot arrive on our subscription.
    ingest.handle(prefixLength > 0 ? topic.slice(prefixLength) : topic, payload, Date.now(), {
      retained: packet.retain,
    });
  });

  return {
    status,
    client,
    close: () => {
      clearTimeout(resubscribe);
      clearTimeout(unanswered);
      return new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
