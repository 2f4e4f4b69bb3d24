/**
 * The feed from an external broker (Mosquitto, EMQX, HiveMQ...): an mqtt.js client per server
 * process (two on a cluster: one feeding, one standing by), subscribed to the whole tree, every
 * message into the same ingest.
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
  /** The connection feeding the ingest now (on a cluster, the other stands by). */
  readonly client: MqttClient;
  /** Messages the standby link received while the other fed the ingest (each also came by that one). */
  readonly standbyDropped: number;
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

/** A takeover looks back this far at most, over at most this many messages (the newest). */
const STANDBY_HEARD_MS = 5_000;
const STANDBY_HEARD_MAX = 8_192;
/** A takeover hands on what the standby heard from this long before the feeding link's last message. */
const TAKEOVER_OVERLAP_MS = 250;

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

interface Heard {
  topic: string;
  payload: Buffer;
  retained: boolean;
  at: number;
}

/** The last `size` messages a standby heard, oldest overwritten: O(1) per message. */
class HeardRing {
  private readonly slots: (Heard | undefined)[];
  private next = 0;
  constructor(size: number) {
    this.slots = new Array<Heard | undefined>(size);
  }
  push(m: Heard): void {
    this.slots[this.next] = m;
    this.next = (this.next + 1) % this.slots.length;
  }
  /** Those heard at or after `since`, oldest first; the ring is emptied. */
  takeSince(since: number): Heard[] {
    const out: Heard[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      const k = (this.next + i) % this.slots.length;
      const m = this.slots[k];
      if (m && m.at >= since) out.push(m);
      this.slots[k] = undefined;
    }
    return out;
  }
}

/** A link's or the feed's status before anything is connected. */
const newStatus = (urls: string[]): FeedStatus => ({
  kind: 'mqtt',
  url: urls.map(redact).join(','),
  connected: false,
  subscribed: false,
  lastError: undefined,
});

/** One connection to the broker (or to one node of a cluster, then the next on each reconnect). */
interface BrokerLink {
  readonly status: FeedStatus;
  readonly client: MqttClient;
  /** The nodes this link tries, in order; rewritten in place to steer its next reconnect. */
  readonly servers: ReturnType<typeof brokerServers> | undefined;
  close(): Promise<void>;
}

function openLink(
  opts: MqttFeedOptions,
  urls: string[],
  clientId: string,
  servers: ReturnType<typeof brokerServers> | undefined,
  onMessage: (link: BrokerLink, topic: string, payload: Buffer, retained: boolean) => void,
  onChange: () => void,
): BrokerLink {
  const status = newStatus(urls);
  const options: IClientOptions = {
    protocolVersion: opts.protocolVersion,
    clientId,
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
  if (servers) options.servers = servers;
  const client = mqtt.connect(urls[0]!, options);

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
      onChange();
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

  const link: BrokerLink = {
    status,
    client,
    servers,
    close: () => {
      clearTimeout(resubscribe);
      clearTimeout(unanswered);
      return new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
    },
  };
  client.on('connect', () => {
    setNoDelay(client);
    status.connected = true;
    clearTimeout(resubscribe);
    subscribe();
    onChange();
  });
  client.on('close', () => {
    status.connected = false;
    status.subscribed = false;
    clearTimeout(resubscribe);
    clearTimeout(unanswered);
    onChange();
  });
  client.on('error', (err) => {
    status.lastError = err.message;
    console.error(`[feed] ${status.url}: ${err.message}`);
    onChange();
  });
  const prefixLength = opts.topicPrefix.length;
  client.on('message', (topic, payload, packet) => {
    // The prefix is ours to strip; a topic without it cannot arrive on our subscription.
    onMessage(link, prefixLength > 0 ? topic.slice(prefixLength) : topic, payload, packet.retain);
  });
  return link;
}

const sameNode = (a: { host: string; port: number }, b: { host?: string; port?: number }) =>
  a.host === b.host && a.port === b.port;

/**
 * The feed. On one broker: one link. On a cluster (several URLs): two links on different nodes, both
 * subscribed; one feeds the ingest, the other stands by and takes over the moment the first loses its
 * node, so a node's death costs no reconnect and no wait on the cluster's re-election (a NATS node
 * killed held the reconnecting feed 6-12 s). The link that lost its node reconnects to a node the other
 * is not on, and stands by in turn.
 */
export function connectMqttFeed(opts: MqttFeedOptions, ingest: Ingest): MqttFeed {
  const urls = opts.url.split(',').map((u) => u.trim());
  const baseId = opts.clientId ?? `vcc-web-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const nodes = urls.length > 1 ? brokerServers(opts.url) : undefined;
  const status = newStatus(urls);
  const links: BrokerLink[] = [];
  let active: BrokerLink | undefined;
  let standbyDropped = 0;
  /**
   * What the standby heard lately, so a takeover loses nothing the dead link missed: the messages heard
   * since shortly before the feeding link's last one are handed to the ingest (the few it did have are
   * refused there as duplicates). Bounded in count and age.
   */
  const heard = new HeardRing(STANDBY_HEARD_MAX);
  let activeHeardAt = 0;

  const nodeOf = (link: BrokerLink) => (link.status.connected ? link.client.options : undefined);
  /** Points a link that lost its node at the nodes the other link is not on. */
  const steer = (link: BrokerLink) => {
    if (!nodes || !link.servers) return;
    const other = links.find((l) => l !== link);
    const otherNode = other && nodeOf(other);
    // Not the node the other is on; nor, while another is left, the one this link just lost.
    const notOther = otherNode ? nodes.filter((n) => !sameNode(n, otherNode)) : nodes;
    const fresh = notOther.filter((n) => !sameNode(n, link.client.options));
    const candidates = fresh.length > 0 ? fresh : notOther;
    // Whichever slot mqtt.js takes next (it keeps its own index), it names one of the candidates.
    for (let i = 0; i < link.servers.length; i++) link.servers[i] = candidates[i % candidates.length]!;
  };
  const update = () => {
    // The feeding link gone (or refused its subscription while the other has one): the other takes over.
    const other = links.find((l) => l !== active && l.status.subscribed);
    if (active && (!active.status.connected || (!active.status.subscribed && other))) {
      active = other;
      if (active) takeOver(active);
    }
    active ??= links.find((l) => l.status.subscribed);
    for (const l of links) if (!l.status.connected) steer(l);
    status.connected = links.some((l) => l.status.connected);
    if (links.length > 1) {
      status.links = links.map((l) => {
        const node = nodeOf(l);
        return {
          node: node ? `${node.host}:${node.port}` : null,
          subscribed: l.status.subscribed,
          feeding: l === active,
        };
      });
    }
    status.subscribed = active?.status.subscribed ?? false;
    const errors = links.map((l) => l.status.lastError).filter((e) => e !== undefined);
    status.lastError = errors.at(-1);
  };
  const takeOver = (link: BrokerLink) => {
    const since = activeHeardAt - TAKEOVER_OVERLAP_MS;
    const missed = heard.takeSince(Math.max(since, Date.now() - STANDBY_HEARD_MS));
    const now = Date.now();
    for (const m of missed) ingest.handle(m.topic, m.payload, now, { retained: m.retained });
    console.log(
      `[feed] the standby link takes over on ${link.client.options.host}:${link.client.options.port} (${missed.length} messages it heard last handed on)`,
    );
  };
  const onMessage = (link: BrokerLink, topic: string, payload: Buffer, retained: boolean) => {
    const now = Date.now();
    // A broker may send retained messages before its SUBACK: the first link to hear anything feeds.
    if (!active) {
      active = link;
      update();
    }
    if (link !== active) {
      standbyDropped++;
      heard.push({ topic, payload, retained, at: now });
      return;
    }
    activeHeardAt = now;
    ingest.handle(topic, payload, now, { retained });
  };

  if (!nodes) {
    links.push(openLink(opts, urls, baseId, undefined, onMessage, update));
  } else {
    // Each link its own copy of the node list (steered apart), the standby starting on the second node.
    links.push(openLink(opts, urls, `${baseId}-a`, [...nodes], onMessage, update));
    const rotated = [...nodes.slice(1), nodes[0]!];
    links.push(openLink(opts, [urls[1]!, ...urls.slice(2), urls[0]!], `${baseId}-b`, rotated, onMessage, update));
  }

  return {
    status,
    get client() {
      return (active ?? links[0]!).client;
    },
    get standbyDropped() {
      return standbyDropped;
    },
    close: async () => {
      await Promise.all(links.map((l) => l.close()));
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
