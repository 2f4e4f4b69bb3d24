/**
 * The AsyncAPI 3 document of the MQTT contract, built from the same schemas the server
 * validates with: docs/asyncapi.yaml is this, written by scripts/build-asyncapi.ts and
 * checked by a test to be current.
 */
import { stringify } from 'yaml';
import { CrowdCount, IncidentEvent, PresencePayload, RegistryPayload, SensorReading } from './payloads.schema';
import { TOPIC_ROOT } from './topics';

const plain = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema));
const idParam = (what: string) => ({ description: `${what} id: lower-case slug (${'[a-z0-9][a-z0-9-]{0,63}'})` });
const mqttOp = (qos: 0 | 1, retain: boolean) => ({ mqtt: { qos, retain, bindingVersion: '0.2.0' } });

export function buildAsyncApi(): Record<string, unknown> {
  const venue = `${TOPIC_ROOT}/{cityId}/{venueId}`;
  const channel = (address: string, message: string, params: Record<string, string>, description: string) => ({
    address,
    description,
    parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, idParam(v)])),
    messages: { [message]: { $ref: `#/components/messages/${message}` } },
  });
  const op = (channelName: string, message: string, qos: 0 | 1, retain: boolean, summary: string) => ({
    action: 'receive',
    summary,
    channel: { $ref: `#/channels/${channelName}` },
    messages: [{ $ref: `#/channels/${channelName}/messages/${message}` }],
    bindings: mqttOp(qos, retain),
  });
  const message = (name: string, title: string, payload: unknown, summary: string) => ({
    name,
    title,
    summary,
    contentType: 'application/json',
    payload: plain(payload),
  });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Venue Command Center MQTT feed',
      version: '1.0.0',
      description: [
        'The public API for venue integrators: what venue systems publish and the command center consumes.',
        'Every payload is JSON with a source timestamp `ts` (epoch ms) and, per source, a sequence number `seq`;',
        'a source is ordered by (ts, seq), so duplicates and late messages never overwrite newer state.',
        'Anything that fails validation is counted by reason (`vcc_messages_rejected_total`) and dropped.',
        'Every publisher authenticates (user name and password from the publishers file) and may publish only',
        'for its own venues and as its own presence. The embedded broker speaks MQTT 3.1.1 only; a site broker',
        '(Mosquitto, EMQX) speaks 3.1.1 and 5. See docs/mqtt.md and docs/security.md.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    servers: {
      embedded: {
        host: 'localhost:1884',
        protocol: 'mqtt',
        protocolVersion: '3.1.1',
        description:
          'The embedded Aedes broker of `npm run demo`: MQTT 3.1.1 over TCP (an MQTT 5 CONNECT is refused); MQTT over WebSocket only when EMBEDDED_MQTT_WS_PORT is set, from the origins in EMBEDDED_MQTT_WS_ORIGINS.',
        security: [{ $ref: '#/components/securitySchemes/publisher' }],
      },
      production: {
        host: '{host}:{port}',
        protocol: 'mqtt',
        protocolVersion: '5',
        description:
          'Any MQTT 3.1.1 or 5 broker named by MQTT_URL (Mosquitto, EMQX, HiveMQ), with the password_file and acl_file of `npm run mosquitto-config`; mqtts:// in production.',
        security: [{ $ref: '#/components/securitySchemes/publisher' }],
        variables: { host: { description: 'Broker host' }, port: { default: '1883', description: 'Broker port' } },
      },
    },
    channels: {
      registry: channel(
        `${venue}/registry`,
        'registry',
        { cityId: 'City', venueId: 'Venue' },
        'Retained description of a venue: zones, sensors with units and thresholds. Republish on every (re)connect.',
      ),
      sensor: channel(
        `${venue}/sensor/{sensorId}`,
        'sensorReading',
        { cityId: 'City', venueId: 'Venue', sensorId: 'Sensor' },
        'One reading of one sensor, in the unit its registry entry declares.',
      ),
      crowd: channel(
        `${venue}/crowd/{zoneId}`,
        'crowdCount',
        { cityId: 'City', venueId: 'Venue', zoneId: 'Zone' },
        "A zone's cumulative entries and exits and its occupancy (entries - exits).",
      ),
      incident: channel(
        `${venue}/incident/{incidentId}`,
        'incident',
        { cityId: 'City', venueId: 'Venue', incidentId: 'Incident' },
        'An IT incident raised (state open) or cleared at a venue.',
      ),
      presence: channel(
        `${TOPIC_ROOT}/presence/{publisherId}`,
        'presence',
        { publisherId: 'Publisher' },
        'Retained publisher presence; publishers set the offline form as their MQTT last will.',
      ),
    },
    operations: {
      receiveRegistry: op('registry', 'registry', 1, true, 'Venue registry, retained, QoS 1'),
      receiveSensorReading: op('sensor', 'sensorReading', 0, false, 'High-rate telemetry, QoS 0'),
      receiveCrowdCount: op('crowd', 'crowdCount', 0, false, 'Crowd counters, QoS 0, about once a second per zone'),
      receiveIncident: op('incident', 'incident', 1, false, 'IT incidents, QoS 1'),
      receivePresence: op('presence', 'presence', 1, true, 'Publisher presence and last will, retained, QoS 1'),
    },
    components: {
      securitySchemes: {
        publisher: {
          type: 'userPassword',
          description:
            "The publisher's id and password from the publishers file (PUBLISHERS_FILE). It may publish telemetry only under its own venues, presence only as itself, registries only if allowed.",
        },
      },
      messages: {
        registry: message('registry', 'Venue registry', RegistryPayload, 'A venue with its zones and sensors'),
        sensorReading: message('sensorReading', 'Sensor reading', SensorReading, 'One value'),
        crowdCount: message('crowdCount', 'Crowd count', CrowdCount, 'Zone counters'),
        incident: message('incident', 'IT incident', IncidentEvent, 'Raised or cleared'),
        presence: message('presence', 'Publisher presence', PresencePayload, 'Online, or offline as last will'),
      },
    },
  };
}

export function asyncApiYaml(): string {
  return `# Generated by scripts/build-asyncapi.ts from lib/contracts/payloads.schema.ts. Do not edit.\n${stringify(buildAsyncApi(), { lineWidth: 0 })}`;
}
