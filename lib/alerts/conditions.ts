/**
 * The rules: which alert conditions the live model shows now. Pure and cheap enough to run
 * once a second over the whole Games (the engine's tick), never per MQTT message.
 */
import type { AlertType, AlertView } from '../contracts/alerts';
import type { Severity } from '../contracts/payloads.schema';
import { levelOfService } from '../contracts/level-of-service';
import { SENSOR_KIND_INFO } from '../contracts/sensor-kinds';
import { SEVERITY_RANK } from '../contracts/alerts';
import type { SituationModel } from '../ingest/situation-model';
import type { RuleConfig } from './rule-config';

/** A condition a rule or the feed reports as present now: what an alert about it says. */
export type Condition = Pick<
  AlertView,
  'source' | 'type' | 'venueId' | 'venueName' | 'zoneId' | 'sensorId' | 'severity' | 'title'
>;

/** Longer than any gap between a venue's messages (crowd counts come every second). */
const VENUE_QUIET_MS = 5000;

export const conditionKey = (type: AlertType, source: string) => `${type}|${source}`;

export interface Conditions {
  /** Present conditions by conditionKey. */
  present: Map<string, Condition>;
  /**
   * Whether the model can be judged: while the feed is stale, only the feed_stale condition is
   * known, and nothing else may be raised or cleared on stale data.
   */
  feedFresh: boolean;
}

export function evaluateConditions(model: SituationModel, rules: RuleConfig, now: number): Conditions {
  const present = new Map<string, Condition>();
  const add = (
    c: Omit<Condition, 'zoneId' | 'sensorId' | 'venueName'> & Partial<Pick<Condition, 'zoneId' | 'sensorId'>>,
  ) => {
    const key = conditionKey(c.type, c.source);
    const prev = present.get(key);
    if (prev && SEVERITY_RANK[prev.severity] >= SEVERITY_RANK[c.severity]) return;
    const venueName = c.venueId === null ? null : (model.venues.get(c.venueId)?.def?.name.en ?? null);
    present.set(key, { zoneId: null, sensorId: null, venueName, ...c });
  };

  const feedAge = model.lastAcceptedAt === 0 ? Infinity : now - model.lastAcceptedAt;
  const feedFresh = feedAge <= rules.feedStale.afterSeconds * 1000;
  if (!feedFresh) {
    if (rules.feedStale.severity) {
      add({
        source: 'feed',
        type: 'feed_stale',
        venueId: null,
        severity: rules.feedStale.severity,
        title:
          model.lastAcceptedAt === 0
            ? 'No telemetry received from the feed'
            : `No telemetry for over ${rules.feedStale.afterSeconds} s: the whole feed is stale`,
      });
    }
    return { present, feedFresh };
  }

  const los = rules.zoneLevelOfService;
  const threshold = rules.sensorThreshold;
  // The rest of the feed is flowing: a venue quiet meanwhile has lost its own link.
  const feedFlowing = feedAge <= VENUE_QUIET_MS;
  for (const v of model.venues.values()) {
    if (!v.def) continue;
    // Quiet as a whole, its sensors are offline because the venue is: never one alert per sensor.
    const venueQuietFor = v.lastSeen === 0 ? 0 : now - v.lastSeen;
    const venueQuiet = venueQuietFor > VENUE_QUIET_MS;
    const silent = rules.venueSilent;
    if (feedFlowing && silent.severity && venueQuietFor > silent.afterSeconds * 1000) {
      add({
        source: `venue:${v.id}`,
        type: 'venue_silent',
        venueId: v.id,
        severity: silent.severity,
        title: `${v.def.name.en}: no telemetry for over ${silent.afterSeconds} s`,
      });
    }
    if (rules.itIncidents.enabled) {
      for (const i of v.incidents.values()) {
        if (i.state !== 'open') continue;
        const thing = i.event.sensorId ?? i.event.zoneId ?? 'venue';
        add({
          source: `it:${v.id}/${thing}`,
          type: `it_${i.event.kind}`,
          venueId: v.id,
          zoneId: i.event.zoneId ?? null,
          sensorId: i.event.sensorId ?? null,
          severity: i.event.severity,
          title: i.event.title,
        });
      }
    }
    for (const z of v.zones.values()) {
      if (z.receivedAt === 0 || !los.zoneKinds.includes(z.def.kind)) continue;
      const level = levelOfService(z.occupancy, z.def.areaM2);
      const severity: Severity | null = level === 'F' ? los.F : level === 'E' ? los.E : null;
      if (!severity) continue;
      add({
        source: `zone:${v.id}/${z.def.id}`,
        type: 'zone_level_of_service',
        venueId: v.id,
        zoneId: z.def.id,
        severity,
        title: `${z.def.name.en}: crowding at level of service ${level}`,
      });
    }
    const cap = rules.venueCapacity;
    if (cap.severity && v.capacity > 0 && v.occupancy > (v.capacity * cap.abovePercent) / 100) {
      add({
        source: `venue:${v.id}`,
        type: 'venue_capacity',
        venueId: v.id,
        severity: cap.severity,
        title: `${v.def.name.en} above ${cap.abovePercent}% of capacity`,
      });
    }
    for (const s of v.sensors.values()) {
      if (s.status === 'ok' || s.status === 'unknown') continue;
      const label = SENSOR_KIND_INFO[s.def.kind].label;
      const base = { venueId: v.id, zoneId: s.def.zoneId ?? null, sensorId: s.def.id };
      if (s.status === 'offline') {
        if (rules.sensorOffline.severity && !venueQuiet) {
          add({
            ...base,
            source: `sensor:${v.id}/${s.def.id}`,
            type: 'sensor_offline',
            severity: rules.sensorOffline.severity,
            title: `${label} ${s.def.id} offline`,
          });
        }
        continue;
      }
      const [byKind, general] =
        s.status === 'critical'
          ? [threshold.criticalByKind[s.def.kind], threshold.critical]
          : [threshold.warningByKind[s.def.kind], threshold.warning];
      const severity = byKind !== undefined ? byKind : general;
      if (!severity) continue;
      add({
        ...base,
        source: `sensor:${v.id}/${s.def.id}`,
        type: 'sensor_threshold',
        severity,
        title: `${label} ${s.def.id} ${SENSOR_KIND_INFO[s.def.kind].states?.[s.value] ?? `past its ${s.status} threshold`}`,
      });
    }
  }
  return { present, feedFresh };
}
