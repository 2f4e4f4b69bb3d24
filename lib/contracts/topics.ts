/**
 * The MQTT topic tree: the public API venue integrators publish to (docs/mqtt.md).
 *
 *   vcc/v1/{cityId}/{venueId}/registry              retained, QoS 1: the venue, its zones and sensors
 *   vcc/v1/{cityId}/{venueId}/sensor/{sensorId}     QoS 0: one reading
 *   vcc/v1/{cityId}/{venueId}/crowd/{zoneId}        QoS 0: a zone's counters
 *   vcc/v1/{cityId}/{venueId}/incident/{incidentId} QoS 1: an IT incident raised or cleared
 *   vcc/v1/presence/{publisherId}                   retained, QoS 1, also the publisher's last will
 *
 * City and venue are the first levels after the version so broker ACLs and shared
 * subscriptions can split the feed by venue (`vcc/v1/hangzhou/+/#`).
 */
export const TOPIC_ROOT = 'vcc/v1';
export const SUBSCRIBE_ALL = `${TOPIC_ROOT}/#`;
export const PRESENCE_SEGMENT = 'presence';
/** The simulator's scenario commands: outside the public tree, not part of the contract. */
export const SCENARIO_TOPIC = 'vcc-sim/v1/scenario';

/** Ids are lower-case slugs so that they are safe as topic levels, URLs and CSS-free keys. */
export const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const ID_RE = new RegExp(ID_PATTERN);

export type TopicKind = 'registry' | 'sensor' | 'crowd' | 'incident' | 'presence';

export type ParsedTopic =
  | { kind: 'registry'; cityId: string; venueId: string }
  | { kind: 'sensor' | 'crowd' | 'incident'; cityId: string; venueId: string; sourceId: string }
  | { kind: 'presence'; publisherId: string };

export const topics = {
  registry: (cityId: string, venueId: string) => `${TOPIC_ROOT}/${cityId}/${venueId}/registry`,
  sensor: (cityId: string, venueId: string, sensorId: string) =>
    `${TOPIC_ROOT}/${cityId}/${venueId}/sensor/${sensorId}`,
  crowd: (cityId: string, venueId: string, zoneId: string) => `${TOPIC_ROOT}/${cityId}/${venueId}/crowd/${zoneId}`,
  incident: (cityId: string, venueId: string, incidentId: string) =>
    `${TOPIC_ROOT}/${cityId}/${venueId}/incident/${incidentId}`,
  presence: (publisherId: string) => `${TOPIC_ROOT}/${PRESENCE_SEGMENT}/${publisherId}`,
};

const SOURCE_KINDS = new Set(['sensor', 'crowd', 'incident']);

/** Parses a topic of the tree; returns null for anything else (counted as `unknown_topic`). */
export function parseTopic(topic: string): ParsedTopic | null {
  if (!topic.startsWith(TOPIC_ROOT + '/')) return null;
  const parts = topic.slice(TOPIC_ROOT.length + 1).split('/');
  if (parts.length === 2 && parts[0] === PRESENCE_SEGMENT) {
    const publisherId = parts[1]!;
    return ID_RE.test(publisherId) ? { kind: 'presence', publisherId } : null;
  }
  const [cityId, venueId, kind, sourceId] = parts;
  if (cityId === undefined || venueId === undefined || kind === undefined) return null;
  if (cityId === PRESENCE_SEGMENT || !ID_RE.test(cityId) || !ID_RE.test(venueId)) return null;
  if (parts.length === 3 && kind === 'registry') return { kind: 'registry', cityId, venueId };
  if (parts.length === 4 && SOURCE_KINDS.has(kind) && sourceId !== undefined && ID_RE.test(sourceId)) {
    return { kind: kind as 'sensor' | 'crowd' | 'incident', cityId, venueId, sourceId };
  }
  return null;
}
