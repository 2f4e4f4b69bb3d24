/** A server environment for tests: embedded broker on a free port, no WebSocket, fast flushes. */
import type { ServerEnv } from '../server/env';

export function testServerEnv(overrides: Partial<ServerEnv> = {}): ServerEnv {
  return {
    mqttUrl: undefined,
    mqttProtocolVersion: 5,
    mqttUsername: undefined,
    mqttPassword: undefined,
    mqttTls: {},
    mqttTopicPrefix: '',
    embeddedMqttHost: '127.0.0.1',
    embeddedMqttPort: 0,
    embeddedMqttWsPort: undefined,
    embeddedMqttWsOrigins: [],
    publishersFile: 'config/publishers.json',
    venuesFile: 'config/venues.json',
    maxClockSkewMs: 10_000,
    trustProxy: 0,
    metricsToken: undefined,
    sessionSecret: undefined,
    streamFlushMs: 100,
    basemapUrl: undefined,
    databaseUrl: undefined,
    dataDir: 'memory://',
    historyRetentionDays: 23,
    usersFile: 'config/users.json',
    alertRulesFile: 'config/alert-rules.json',
    wallConfigFile: 'config/wall.json',
    instanceName: 'test',
    ...overrides,
  };
}
