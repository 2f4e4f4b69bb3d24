/**
 * JSON payload schemas of the MQTT contract: the one source of truth. The simulator
 * publishes these types, the server validates every message against them, and
 * scripts/build-asyncapi.ts writes them into docs/asyncapi.yaml.
 */
import { Type, type Static } from '@sinclair/typebox';
import { INCIDENT_KINDS, SEVERITIES, ZONE_KINDS } from './event-kinds';
import { SENSOR_KINDS } from './sensor-kinds';
import { ID_PATTERN } from './topics';

const Id = Type.String({ pattern: ID_PATTERN, description: 'Lower-case slug, also a topic level' });
/** Source timestamp, epoch ms (2001..2286), as stamped by the publisher. */
const EpochMs = Type.Integer({ minimum: 1e12, maximum: 1e13, description: 'Source timestamp, epoch milliseconds' });
/** Per-source sequence number; with `ts` it orders a source's messages. */
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Per-source sequence number' });
const count = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description });

export const LocalizedName = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 120 }),
    zh: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false },
);

/** Bound on plan coordinates: a venue's plan fits in a 10 km square around its reference point. */
export const PLAN_EXTENT_M = 5_000;
const PlanMetres = Type.Number({ minimum: -PLAN_EXTENT_M, maximum: PLAN_EXTENT_M });
/** A point of a venue plan: metres east and north of the venue's reference point (its lon, lat). */
export const PlanPoint = Type.Tuple([PlanMetres, PlanMetres], {
  description: 'Metres east and north of the venue reference point (venue.lon, venue.lat)',
});

export const ZoneKind = Type.Union(ZONE_KINDS.map((k) => Type.Literal(k)));

export const ZoneDef = Type.Object(
  {
    id: Id,
    kind: ZoneKind,
    name: LocalizedName,
    areaM2: Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'Usable floor area, m²' }),
    capacity: Type.Integer({ minimum: 0, maximum: 1e6, description: 'Planned (licensed) capacity, persons' }),
    maxOccupancy: Type.Integer({
      minimum: 0,
      maximum: 1e6,
      description: 'Physical maximum; a count above it is rejected',
    }),
    outline: Type.Optional(
      Type.Array(PlanPoint, {
        minItems: 3,
        maxItems: 256,
        description: 'The zone on the venue plan: a simple polygon, not closed (last point != first)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ThresholdsSchema = Type.Object(
  {
    warnHigh: Type.Optional(Type.Number()),
    critHigh: Type.Optional(Type.Number()),
    warnLow: Type.Optional(Type.Number()),
    critLow: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const SensorKindSchema = Type.Union(SENSOR_KINDS.map((k) => Type.Literal(k)));

export const SensorDef = Type.Object(
  {
    id: Id,
    kind: SensorKindSchema,
    name: Type.Optional(
      Type.Object(LocalizedName.properties, {
        additionalProperties: false,
        description: 'What people call the sensor (screens title it by this; by its kind and zone without it)',
      }),
    ),
    zoneId: Type.Optional(Id),
    unit: Type.String({ maxLength: 16 }),
    intervalMs: Type.Integer({ minimum: 100, maximum: 3_600_000, description: 'Expected reporting interval' }),
    thresholds: ThresholdsSchema,
    position: Type.Optional(PlanPoint),
  },
  { additionalProperties: false },
);

export const RegistryPayload = Type.Object(
  {
    v: Type.Literal(1),
    ts: EpochMs,
    seq: Seq,
    venue: Type.Object(
      {
        id: Id,
        cityId: Id,
        name: LocalizedName,
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        sports: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 }),
        zones: Type.Array(ZoneDef, { minItems: 1, maxItems: 500 }),
        sensors: Type.Array(SensorDef, { maxItems: 20_000 }),
        sessions: Type.Optional(
          Type.Array(
            Type.Object(
              {
                start: Type.Integer({ minimum: 1e12, maximum: 1e13, description: 'Session start, epoch ms' }),
                end: Type.Integer({ minimum: 1e12, maximum: 1e13, description: 'Session end, epoch ms' }),
              },
              { additionalProperties: false },
            ),
            {
              maxItems: 20,
              description:
                "The venue's competition sessions: crowd alarms that only matter with spectators (capacity, walkway LOS E) are judged around them. Absent: always judged.",
            },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'Retained description of one venue' },
);

export const SensorReading = Type.Object(
  {
    ts: EpochMs,
    seq: Seq,
    value: Type.Number({ minimum: -1e9, maximum: 1e9 }),
  },
  { additionalProperties: false, description: 'One sensor reading in the unit its registry entry declares' },
);

export const CrowdCount = Type.Object(
  {
    ts: EpochMs,
    seq: Seq,
    entries: count('People who entered the zone since the day began'),
    exits: count('People who left the zone since the day began'),
    occupancy: count('People in the zone now: always entries - exits'),
  },
  { additionalProperties: false },
);

export const IncidentEvent = Type.Object(
  {
    ts: EpochMs,
    seq: Seq,
    kind: Type.Union(INCIDENT_KINDS.map((k) => Type.Literal(k))),
    severity: Type.Union(SEVERITIES.map((k) => Type.Literal(k))),
    state: Type.Union([Type.Literal('open'), Type.Literal('cleared')]),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    zoneId: Type.Optional(Id),
    sensorId: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'An IT incident raised or cleared at a venue' },
);

export const PresencePayload = Type.Object(
  {
    ts: EpochMs,
    online: Type.Boolean(),
    publisher: Type.String({ maxLength: 120 }),
    simulated: Type.Optional(
      Type.Boolean({ description: 'True when the publisher makes its data up (the simulator)' }),
    ),
  },
  { additionalProperties: false, description: 'Publisher presence; the offline form is its MQTT last will' },
);

export type PlanPointT = Static<typeof PlanPoint>;
export type LocalizedNameT = Static<typeof LocalizedName>;
export type ZoneDefT = Static<typeof ZoneDef>;
export type SensorDefT = Static<typeof SensorDef>;
export type RegistryPayloadT = Static<typeof RegistryPayload>;
export type VenueDefT = RegistryPayloadT['venue'];
export type SensorReadingT = Static<typeof SensorReading>;
export type CrowdCountT = Static<typeof CrowdCount>;
export type IncidentEventT = Static<typeof IncidentEvent>;
export {
  INCIDENT_KINDS,
  SEVERITIES,
  ZONE_KINDS,
  type IncidentKind,
  type Severity,
  type ZoneKindT,
} from './event-kinds';
export type PresencePayloadT = Static<typeof PresencePayload>;
