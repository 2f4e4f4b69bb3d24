/**
 * Who may publish what: the publishers file (config/publishers.json holds the demo's;
 * production sets PUBLISHERS_FILE), read by the embedded broker's authenticate /
 * authorizePublish / authorizeSubscribe and by `npm run mosquitto-config`, which writes a
 * Mosquitto password_file and acl_file from the same entries.
 *
 * A venue's publisher publishes telemetry only under its own venues and presence only as
 * itself; registries (retained) and retained deletes only if the entry allows them.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { PUBLISHER_HASH_PATTERN } from '../auth/publisher-hash';
import { ID_PATTERN, parseTopic, SCENARIO_TOPIC, TOPIC_ROOT } from '../contracts/topics';
import type { VenueCatalogue } from './venue-catalogue';
import { assertConfig } from '../contracts/config-file';

const PublisherSchema = Type.Object(
  {
    id: Type.String({ pattern: ID_PATTERN, description: 'MQTT user name, and its presence topic' }),
    name: Type.Optional(Type.String({ maxLength: 120 })),
    passwordHash: Type.String({ pattern: PUBLISHER_HASH_PATTERN, description: 'npm run hash-publisher-password' }),
    venues: Type.Optional(
      Type.Union([Type.Literal('*'), Type.Array(Type.String({ pattern: ID_PATTERN }), { minItems: 1 })], {
        description: "The venues it publishes for, or '*' for every venue of the catalogue; none for a reader",
      }),
    ),
    registry: Type.Optional(Type.Boolean({ description: 'May publish (and delete) its venues’ retained registries' })),
    read: Type.Optional(Type.Boolean({ description: 'May subscribe to the whole tree (the server on a site broker)' })),
    simulator: Type.Optional(Type.Boolean({ description: 'May send and take the simulator’s scenario commands' })),
  },
  { additionalProperties: false },
);
const PublishersFileSchema = Type.Object(
  { $comment: Type.Optional(Type.String()), publishers: Type.Array(PublisherSchema, { minItems: 1 }) },
  { additionalProperties: false },
);

export type Publisher = Static<typeof PublisherSchema>;
export type Publishers = ReadonlyMap<string, Publisher>;

export const DEFAULT_PUBLISHERS_FILE = 'config/publishers.json';

export function parsePublishers(json: unknown, where: string, catalogue: VenueCatalogue): Publishers {
  assertConfig(PublishersFileSchema, json, where);
  const publishers = new Map<string, Publisher>();
  for (const p of json.publishers) {
    if (publishers.has(p.id)) throw new Error(`${where}: publisher '${p.id}' appears twice`);
    if (Array.isArray(p.venues)) {
      const unknown = p.venues.find((v) => !catalogue.has(v));
      if (unknown)
        throw new Error(`${where}: publisher '${p.id}' names venue '${unknown}', not in the venue catalogue`);
    }
    publishers.set(p.id, p);
  }
  return publishers;
}

export function readPublishers(file: string, catalogue: VenueCatalogue): Publishers {
  return parsePublishers(JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), file, catalogue);
}

export function publishesFor(p: Publisher, venueId: string): boolean {
  return p.venues === '*' || (p.venues?.includes(venueId) ?? false);
}

/** Why a publish is refused (the label of `vcc_mqtt_publish_refused_total{reason}`). */
export type PublishRefusal =
  | 'not_in_tree'
  | 'unknown_venue'
  | 'not_your_venue'
  | 'not_your_presence'
  | 'registry_not_allowed'
  | 'retain_not_allowed'
  | 'scenario_not_allowed';

/**
 * null when `p` may publish on `topic` (without any deployment prefix), else why not.
 * Pure: the embedded broker asks it per message, the tests ask it per rule.
 */
export function publishRefusal(
  p: Publisher,
  topic: string,
  retain: boolean,
  catalogue: VenueCatalogue,
): PublishRefusal | null {
  if (topic === SCENARIO_TOPIC) return p.simulator ? (retain ? 'retain_not_allowed' : null) : 'scenario_not_allowed';
  const t = parseTopic(topic);
  if (!t) return 'not_in_tree';
  // Its own presence only (a second uplink is a second identity): a site's ACL can say the same.
  if (t.kind === 'presence') return t.publisherId === p.id ? null : 'not_your_presence';
  if (catalogue.get(t.venueId) !== t.cityId) return 'unknown_venue';
  if (!publishesFor(p, t.venueId)) return 'not_your_venue';
  if (t.kind === 'registry') return p.registry ? null : 'registry_not_allowed';
  // Telemetry is never retained: a retained reading would replay as live to every new subscriber.
  return retain ? 'retain_not_allowed' : null;
}

/** May `p` subscribe to `filter`? Readers take the tree; the simulator takes its commands. */
export function maySubscribe(p: Publisher, filter: string): boolean {
  if (filter === SCENARIO_TOPIC) return p.simulator === true;
  return p.read === true && (filter === `${TOPIC_ROOT}/#` || filter.startsWith(`${TOPIC_ROOT}/`));
}
