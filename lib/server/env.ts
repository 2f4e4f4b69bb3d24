/**
 * The server's environment, read and checked once. Only this module reads process.env
 * for server settings; a bad value stops start-up with a message that says which.
 */
import 'server-only';
import { hostname } from 'node:os';

export interface ServerEnv {
  /** External broker; unset means the embedded Aedes broker. */
  mqttUrl: string | undefined;
  mqttProtocolVersion: 4 | 5;
  mqttUsername: string | undefined;
  mqttPassword: string | undefined;
  /** TLS to the site broker (mqtts://, wss://): a CA bundle to trust, and a client certificate and key. */
  mqttTls: { caFile?: string; certFile?: string; keyFile?: string };
  /** Prefix before `vcc/v1` on a shared broker (e.g. `tenant-a/`); empty by default. */
  mqttTopicPrefix: string;
  embeddedMqttHost: string;
  embeddedMqttPort: number;
  /** undefined: no WebSocket listener (the default); 0 picks a free port. */
  embeddedMqttWsPort: number | undefined;
  /** Origins browsers may open the embedded broker's WebSocket from (EMBEDDED_MQTT_WS_ORIGINS). */
  embeddedMqttWsOrigins: string[];
  /** Who may publish to the embedded broker, and where. @default config/publishers.json (the demo's) */
  publishersFile: string;
  /** The venues accepted. @default config/venues.json (the simulator's catalogue) */
  venuesFile: string;
  /** How far ahead of the server's clock a message may be stamped. @default 10000 */
  maxClockSkewMs: number;
  /** Reverse proxies in front of the server whose X-Forwarded-* headers are believed. @default 0 */
  trustProxy: number;
  /** Bearer token /api/metrics asks for; unset: open (scrape it from inside the network only). */
  metricsToken: string | undefined;
  /** Signs view passes (lib/auth/view-pass); the same on every instance of a fleet. */
  sessionSecret: string | undefined;
  streamFlushMs: number;
  /** Raster tile URL template ({z}/{x}/{y}) of a site's own tile server; unset: outlines only. */
  basemapUrl: string | undefined;
  /** PostgreSQL for alerts, audit and sessions; unset: the embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives. @default ./data */
  dataDir: string;
  /** Days of per-minute history kept (the Games' 16 days and a week). @default 23 */
  historyRetentionDays: number;
  /** Who may sign in. @default config/users.json (the demo's users) */
  usersFile: string;
  /** The alert rules' settings. @default config/alert-rules.json */
  alertRulesFile: string;
  /** The video wall's screens and rotation. @default config/wall.json */
  wallConfigFile: string;
  /** This instance's name in a fleet (health, the stream's X-VCC-Instance header). @default host:pid */
  instanceName: string;
}

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer in ${min}..${max}, got '${raw}'`);
  return n;
}

function basemap(): string | undefined {
  const url = process.env.BASEMAP_URL?.trim();
  if (!url) return undefined;
  if (!/^(https?:\/\/|\/)/.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) {
    throw new Error(`BASEMAP_URL must be an http(s) or site-relative URL with {z}, {x} and {y}, got '${url}'`);
  }
  return url;
}

function database(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_URL must be a postgres:// URL, got '${url}'`);
  return url;
}

function origins(): string[] {
  const raw = process.env.EMBEDDED_MQTT_WS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((o) => {
    const t = o.trim();
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      throw new Error(`EMBEDDED_MQTT_WS_ORIGINS must list origins like https://wall.example, got '${t}'`);
    }
    if (u.origin !== t) throw new Error(`EMBEDDED_MQTT_WS_ORIGINS: '${t}' is not an origin (scheme://host[:port])`);
    return t;
  });
}

function mqttTls(): ServerEnv['mqttTls'] {
  const tls: ServerEnv['mqttTls'] = {};
  const ca = process.env.MQTT_CA_FILE?.trim();
  const cert = process.env.MQTT_CERT_FILE?.trim();
  const key = process.env.MQTT_KEY_FILE?.trim();
  if (Boolean(cert) !== Boolean(key)) throw new Error('MQTT_CERT_FILE and MQTT_KEY_FILE go together');
  if (ca) tls.caFile = ca;
  if (cert) tls.certFile = cert;
  if (key) tls.keyFile = key;
  return tls;
}

export function readServerEnv(): ServerEnv {
  const mqttUrl = process.env.MQTT_URL?.trim() || undefined;
  // Several URLs, separated by commas, name the nodes of a broker cluster.
  if (mqttUrl && !mqttUrl.split(',').every((u) => /^(mqtts?|wss?|tcp|ssl):\/\/[^\s,]+$/.test(u.trim()))) {
    throw new Error(
      `MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL, or several separated by commas, got '${mqttUrl}'`,
    );
  }
  const version = int('MQTT_PROTOCOL_VERSION', 5, 4, 5);
  const prefix = process.env.MQTT_TOPIC_PREFIX ?? '';
  if (prefix && (!prefix.endsWith('/') || /[#+]/.test(prefix))) {
    throw new Error(`MQTT_TOPIC_PREFIX must end with '/' and contain no wildcards, got '${prefix}'`);
  }
  // Off unless asked for: one door fewer (a browser-side publisher is rare in a venue).
  const wsPort = int('EMBEDDED_MQTT_WS_PORT', 0, 0, 65535);
  const metricsToken = process.env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new Error('METRICS_TOKEN must be at least 16 characters');
  }
  const sessionSecret = process.env.SESSION_SECRET?.trim() || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new Error('SESSION_SECRET must be at least 32 characters');
  }
  return {
    mqttUrl,
    mqttProtocolVersion: version as 4 | 5,
    mqttUsername: process.env.MQTT_USERNAME || undefined,
    mqttPassword: process.env.MQTT_PASSWORD || undefined,
    mqttTls: mqttTls(),
    mqttTopicPrefix: prefix,
    embeddedMqttHost: process.env.EMBEDDED_MQTT_HOST || '127.0.0.1',
    // Not 1883: a site broker (or this machine's Mosquitto) may already hold it.
    embeddedMqttPort: int('EMBEDDED_MQTT_PORT', 1884, 0, 65535),
    embeddedMqttWsPort: wsPort === 0 ? undefined : wsPort,
    embeddedMqttWsOrigins: origins(),
    publishersFile: process.env.PUBLISHERS_FILE?.trim() || 'config/publishers.json',
    venuesFile: process.env.VENUES_FILE?.trim() || 'config/venues.json',
    maxClockSkewMs: int('FEED_MAX_CLOCK_SKEW_MS', 10_000, 0, 300_000),
    trustProxy: int('TRUST_PROXY', 0, 0, 10),
    metricsToken,
    sessionSecret,
    streamFlushMs: int('STREAM_FLUSH_MS', 200, 50, 5000),
    basemapUrl: basemap(),
    databaseUrl: database(),
    dataDir: process.env.DATA_DIR?.trim() || './data',
    historyRetentionDays: int('HISTORY_RETENTION_DAYS', 23, 1, 3660),
    usersFile: process.env.USERS_FILE?.trim() || 'config/users.json',
    alertRulesFile: process.env.ALERT_RULES_FILE?.trim() || 'config/alert-rules.json',
    wallConfigFile: process.env.WALL_CONFIG_FILE?.trim() || 'config/wall.json',
    instanceName: process.env.INSTANCE_NAME?.trim() || `${hostname()}:${process.pid}`,
  };
}
