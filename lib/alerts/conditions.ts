/**
 * The rules: which alarm conditions the live model shows now, each with the delays it must
 * meet before it raises or clears and the causes that would explain it. Pure and cheap enough
 * to run once a second over the whole Games (the engine's tick), never per MQTT message.
 * What becomes an alarm (delays, deadbands held, chattering, suppression) is the engine's call.
 */
import type { AlertMessage, AlertType, AlertView } from '../contracts/alerts';
import type { IncidentKind, Severity, ZoneKindT } from '../contracts/payloads.schema';
import { FRUIN_WALKWAY_M2_PER_PERSON, levelOfService, type LevelOfService } from '../contracts/level-of-service';
import {
  OFFLINE_AFTER_INTERVALS,
  SENSOR_KIND_INFO,
  statusHeld,
  type SensorKind,
  type Thresholds,
} from '../contracts/sensor-kinds';
import { SEVERITY_RANK } from '../contracts/alerts';
import type { SituationModel, VenueState } from '../ingest/situation-model';
import type { RuleConfig } from './rule-config';

/** How far past its limit a condition is: what a deadband holds while the alarm is active. */
export type ConditionLevel = 'warning' | 'critical' | 'E' | 'F' | 'above';

/** A condition a rule or the feed reports as present now: what an alarm about it says and waits for. */
export interface Condition extends Pick<
  AlertView,
  'source' | 'type' | 'venueId' | 'venueName' | 'zoneId' | 'sensorId' | 'severity' | 'title'
> {
  message: AlertMessage;
  level?: ConditionLevel;
  /** Keys of present conditions that explain this one: while any is present it stays silent beneath it. */
  causes: string[];
  onDelayMs: number;
  offDelayMs: number;
}

/** What the engine remembers between passes that the rules need. */
export interface RuleContext {
  /** The level of an alarm that is active now, for its deadband. */
  heldLevel(key: string): ConditionLevel | undefined;
  /** When the whole feed last came back from silence (0: never silent): older silence is explained. */
  feedResumedAt: number;
  /** When each venue last came back from silence: its sensors' silence before then is the venue's. */
  venueResumedAt: ReadonlyMap<string, number>;
}

export const NO_CONTEXT: RuleContext = { heldLevel: () => undefined, feedResumedAt: 0, venueResumedAt: new Map() };

/**
 * Longer than any gap between a venue's messages (crowd counts come every second), and than
 * any gap in the whole feed: quieter than this, a venue or the feed is silent, not slow.
 */
export const QUIET_MS = 5000;

export const conditionKey = (type: AlertType, source: string) => `${type}|${source}`;

export interface Conditions {
  /** Present conditions by conditionKey, causes and consequences alike. */
  present: Map<string, Condition>;
  /**
   * Whether the model can be judged: while the whole feed is silent, only feed_stale is known,
   * and nothing else may be raised or cleared on old data.
   */
  feedFresh: boolean;
  /** Venues silent now: nothing of theirs is judged, raised or cleared on their old data. */
  silentVenues: Set<string>;
  /** While the feed is stale: how many venues it leaves without data (its consequences). */
  venuesWithoutData: number;
}

/** Which of a venue's alarms an open IT incident of each kind explains. */
const INCIDENT_EXPLAINS: Record<IncidentKind, { sensorKinds: SensorKind[]; venueWide: AlertType[] }> = {
  power_fault: { sensorKinds: ['ups', 'power_load'], venueWide: [] },
  network_outage: { sensorKinds: ['net_latency', 'net_loss'], venueWide: ['venue_silent', 'sensor_offline'] },
  broadcast_signal_loss: { sensorKinds: ['broadcast'], venueWide: [] },
  scanner_failure: { sensorKinds: ['ticket_scanner'], venueWide: [] },
  results_delay: { sensorKinds: [], venueWide: [] },
};

/** Zones people walk and queue in, judged by walkway level of service; seats are judged by occupancy. */
export const WALKWAY_ZONE_KINDS: readonly ZoneKindT[] = ['gate', 'concourse'];

/** A sensor's level against its limits, held while within `pct` percent of the held limit. */
export function sensorLevel(
  value: number,
  t: Thresholds,
  held: ConditionLevel | undefined,
  pct: number,
): 'ok' | 'warning' | 'critical' {
  return statusHeld(value, t, held === 'warning' || held === 'critical' ? held : undefined, pct);
}

/** Walkway level of service, held at E or F while within `pct` percent of that level's bound. */
export function zoneLevel(
  occupancy: number,
  areaM2: number,
  held: ConditionLevel | undefined,
  pct: number,
): LevelOfService {
  const raw = levelOfService(occupancy, areaM2);
  if ((held !== 'E' && held !== 'F') || raw === 'F' || (raw === 'E' && held === 'E')) return raw;
  const perPerson = occupancy > 0 ? areaM2 / occupancy : Infinity;
  const bound = (los: 'D' | 'E') => FRUIN_WALKWAY_M2_PER_PERSON.find((l) => l.los === los)!.minM2 * (1 + pct / 100);
  if (held === 'F' && perPerson < bound('E')) return 'F';
  if (perPerson < bound('D')) return 'E';
  return raw;
}

const name = (n: { en: string; zh: string }) => ({ en: n.en, zh: n.zh });
/** How an alert names a sensor: by its registry name where it has one, else by kind and id. */
interface SensorWho {
  kind: SensorKind;
  id: string;
  name?: { en: string; zh: string };
}
const sensorTitle = (w: SensorWho) => w.name?.en ?? `${SENSOR_KIND_INFO[w.kind].label} ${w.id}`;
/** The message's key and its `sensor` parameter: the name in both languages, or the id beside the kind. */
const sensorKey = <K extends 'Offline' | 'High' | 'Low' | 'State'>(w: SensorWho, k: K) =>
  w.name
    ? { key: `alarm.namedSensor${k}` as const, sensor: name(w.name) }
    : { key: `alarm.sensor${k}` as const, sensor: w.id };

export function evaluateConditions(
  model: SituationModel,
  rules: RuleConfig,
  now: number,
  ctx: RuleContext = NO_CONTEXT,
): Conditions {
  const present = new Map<string, Condition>();
  const silentVenues = new Set<string>();
  const add = (
    c: Omit<Condition, 'zoneId' | 'sensorId' | 'venueName' | 'causes'> &
      Partial<Pick<Condition, 'zoneId' | 'sensorId' | 'causes'>>,
  ) => {
    const key = conditionKey(c.type, c.source);
    const prev = present.get(key);
    if (prev && SEVERITY_RANK[prev.severity] >= SEVERITY_RANK[c.severity]) return;
    const venueName = c.venueId === null ? null : (model.venues.get(c.venueId)?.def?.name.en ?? null);
    present.set(key, { zoneId: null, sensorId: null, venueName, causes: [], ...c });
  };

  const feedAge = model.lastAcceptedAt === 0 ? Infinity : now - model.lastAcceptedAt;
  const feedFresh = feedAge <= QUIET_MS;
  const stale = rules.feedStale;
  if (!feedFresh) {
    let venuesWithoutData = 0;
    for (const v of model.venues.values()) if (v.def) venuesWithoutData++;
    if (stale.severity && feedAge > stale.afterSeconds * 1000) {
      const never = model.lastAcceptedAt === 0;
      add({
        source: 'feed',
        type: 'feed_stale',
        venueId: null,
        severity: stale.severity,
        title: never
          ? 'No telemetry received from the feed'
          : `No telemetry for over ${stale.afterSeconds} s: the whole feed is stale`,
        message: never
          ? { key: 'alarm.feedNeverSeen', params: {} }
          : { key: 'alarm.feedStale', params: { seconds: stale.afterSeconds } },
        onDelayMs: 0,
        offDelayMs: stale.offDelaySeconds * 1000,
      });
    }
    return { present, feedFresh, silentVenues, venuesWithoutData };
  }

  for (const v of model.venues.values()) {
    if (!v.def) continue;
    const venueKey = (type: AlertType) => conditionKey(type, `venue:${v.id}`);
    // Silence before the feed came back is the feed's, not the venue's.
    const venueQuietFor = v.lastSeen === 0 ? 0 : now - Math.max(v.lastSeen, ctx.feedResumedAt);
    const venueSilent = venueQuietFor > QUIET_MS;
    if (venueSilent) silentVenues.add(v.id);

    // IT incidents first: they are the causes the venue's other alarms may be explained by. Cleared
    // ones are kept as candidates too: the engine holds their consequences a while after they clear.
    const incidents: { key: string; kind: IncidentKind; sensorId: string | undefined; zoneId: string | undefined }[] =
      [];
    if (rules.itIncidents.enabled) {
      for (const i of v.incidents.values()) {
        const thing = i.event.sensorId ?? i.event.zoneId ?? 'venue';
        const source = `it:${v.id}/${thing}`;
        const type = `it_${i.event.kind}` as const;
        incidents.push({
          key: conditionKey(type, source),
          kind: i.event.kind,
          sensorId: i.event.sensorId,
          zoneId: i.event.zoneId,
        });
        if (i.state !== 'open' || SEVERITY_RANK[i.event.severity] < SEVERITY_RANK[rules.itIncidents.minSeverity])
          continue;
        add({
          source,
          type,
          venueId: v.id,
          zoneId: i.event.zoneId ?? null,
          sensorId: i.event.sensorId ?? null,
          severity: i.event.severity,
          title: i.event.title,
          message: { key: 'alarm.itIncident', params: { incidentKind: i.event.kind, text: i.event.title } },
          // The feed decides when an incident opens and closes.
          onDelayMs: 0,
          offDelayMs: 0,
        });
      }
    }
    const explainedBy = (type: AlertType, sensor?: { id: string; kind: SensorKind; zoneId?: string }) =>
      incidents
        .filter((i) => {
          const explains = INCIDENT_EXPLAINS[i.kind];
          if (explains.venueWide.includes(type)) return true;
          if (!sensor) return false;
          if (i.sensorId === sensor.id) return true;
          if (!explains.sensorKinds.includes(sensor.kind)) return false;
          // A power or network fault takes every sensor of its kinds with it; a scanner or broadcast
          // fault only the sensor or zone it names.
          if (i.kind === 'power_fault' || i.kind === 'network_outage') return true;
          if (i.sensorId) return false;
          return !i.zoneId || i.zoneId === sensor.zoneId;
        })
        .map((i) => i.key)
        .filter((key, n, all) => all.indexOf(key) === n);

    const silent = rules.venueSilent;
    if (venueSilent && silent.severity) {
      add({
        source: `venue:${v.id}`,
        type: 'venue_silent',
        venueId: v.id,
        severity: silent.severity,
        title: `${v.def.name.en}: no telemetry for over ${silent.afterSeconds} s`,
        message: { key: 'alarm.venueSilent', params: { venue: name(v.def.name), seconds: silent.afterSeconds } },
        causes: explainedBy('venue_silent'),
        onDelayMs: Math.max(0, silent.afterSeconds * 1000 - QUIET_MS),
        offDelayMs: silent.offDelaySeconds * 1000,
      });
    }
    // A silent venue's readings are old: nothing of them is judged until it speaks again.
    if (venueSilent) continue;
    judgeVenue(v, rules, now, ctx, add, venueKey, explainedBy);
  }
  return { present, feedFresh, silentVenues, venuesWithoutData: 0 };
}

type Add = (
  c: Omit<Condition, 'zoneId' | 'sensorId' | 'venueName' | 'causes'> &
    Partial<Pick<Condition, 'zoneId' | 'sensorId' | 'causes'>>,
) => void;

function judgeVenue(
  v: VenueState,
  rules: RuleConfig,
  now: number,
  ctx: RuleContext,
  add: Add,
  venueKey: (type: AlertType) => string,
  explainedBy: (type: AlertType, sensor?: { id: string; kind: SensorKind; zoneId?: string }) => string[],
): void {
  const def = v.def!;
  const los = rules.zoneLevelOfService;
  // No session near: spectators' alarms wait (the registry's schedule; none listed, always judged).
  const margin = rules.sessions;
  const withSpectators =
    !def.sessions ||
    def.sessions.some(
      (s) => now >= s.start - margin.beforeMinutes * 60_000 && now <= s.end + margin.afterMinutes * 60_000,
    );
  for (const z of v.zones.values()) {
    if (z.receivedAt === 0 || !los.zoneKinds.includes(z.def.kind)) continue;
    const source = `zone:${v.id}/${z.def.id}`;
    const level = zoneLevel(
      z.occupancy,
      z.def.areaM2,
      ctx.heldLevel(conditionKey('zone_level_of_service', source)),
      los.deadbandPercent,
    );
    const severity: Severity | null = level === 'F' ? los.F : level === 'E' && withSpectators ? los.E : null;
    if (!severity) continue;
    add({
      source,
      type: 'zone_level_of_service',
      venueId: v.id,
      zoneId: z.def.id,
      severity,
      level: level as 'E' | 'F',
      title: `${z.def.name.en}: crowding at level of service ${level}`,
      message: { key: 'alarm.zoneCrowding', params: { zone: name(z.def.name), level } },
      onDelayMs: los.onDelaySeconds * 1000,
      offDelayMs: los.offDelaySeconds * 1000,
    });
  }

  const cap = rules.venueCapacity;
  if (cap.severity && v.capacity > 0 && withSpectators) {
    const held = ctx.heldLevel(venueKey('venue_capacity'));
    const limit = cap.abovePercent - (held ? cap.deadbandPoints : 0);
    if (v.occupancy > (v.capacity * limit) / 100) {
      add({
        source: `venue:${v.id}`,
        type: 'venue_capacity',
        venueId: v.id,
        severity: cap.severity,
        level: 'above',
        title: `${def.name.en} above ${cap.abovePercent}% of capacity`,
        message: { key: 'alarm.venueCapacity', params: { venue: name(def.name), percent: cap.abovePercent } },
        onDelayMs: cap.onDelaySeconds * 1000,
        offDelayMs: cap.offDelaySeconds * 1000,
      });
    }
  }

  const threshold = rules.sensorThreshold;
  const venueResumedAt = Math.max(ctx.feedResumedAt, ctx.venueResumedAt.get(v.id) ?? 0);
  for (const s of v.sensors.values()) {
    if (s.status === 'unknown') continue;
    const kind = s.def.kind;
    const source = `sensor:${v.id}/${s.def.id}`;
    const base = { venueId: v.id, zoneId: s.def.zoneId ?? null, sensorId: s.def.id, source };
    const sensor = { id: s.def.id, kind, zoneId: s.def.zoneId };
    const who: SensorWho = { kind, id: s.def.id, name: s.def.name };
    const sensorName = sensorTitle(who);
    if (s.status === 'offline') {
      // Silence from before the venue or the feed came back is theirs: count from then.
      const silentFor = now - Math.max(s.receivedAt, venueResumedAt);
      if (rules.sensorOffline.severity && silentFor > s.def.intervalMs * OFFLINE_AFTER_INTERVALS) {
        const offline = sensorKey(who, 'Offline');
        add({
          ...base,
          type: 'sensor_offline',
          severity: rules.sensorOffline.severity,
          title: `${sensorName} offline`,
          message: { key: offline.key, params: { kind, sensor: offline.sensor } },
          causes: explainedBy('sensor_offline', sensor),
          onDelayMs: rules.sensorOffline.onDelaySeconds * 1000,
          offDelayMs: rules.sensorOffline.offDelaySeconds * 1000,
        });
      }
      continue;
    }
    const key = conditionKey('sensor_threshold', source);
    const level = sensorLevel(s.value, s.def.thresholds, ctx.heldLevel(key), threshold.deadbandPercent);
    if (level === 'ok') continue;
    const [byKind, general] =
      level === 'critical'
        ? [threshold.criticalByKind[kind], threshold.critical]
        : [threshold.warningByKind[kind], threshold.warning];
    const severity = byKind !== undefined ? byKind : general;
    if (!severity) continue;
    add({
      ...base,
      type: 'sensor_threshold',
      severity,
      level,
      ...sensorWords(who, s.value, s.def.unit, s.def.thresholds, level),
      causes: explainedBy('sensor_threshold', sensor),
      onDelayMs: threshold.onDelaySeconds * 1000,
      offDelayMs: threshold.offDelaySeconds * 1000,
    });
  }
}

/** What a sensor past a limit says: the value and the limit it passed, never a severity word. */
function sensorWords(
  who: SensorWho,
  value: number,
  unit: string,
  t: Thresholds,
  level: 'warning' | 'critical',
): Pick<Condition, 'title' | 'message'> {
  const { kind } = who;
  const state = SENSOR_KIND_INFO[kind].states?.[value];
  if (state !== undefined) {
    const { key, sensor } = sensorKey(who, 'State');
    return {
      title: `${sensorTitle(who)} ${state}`,
      message: { key, params: { kind, sensor, state: `${kind}.${value}` } },
    };
  }
  const [high, low] = level === 'critical' ? [t.critHigh, t.critLow] : [t.warnHigh, t.warnLow];
  const isLow = low !== undefined && (high === undefined || value <= low);
  const limit = (isLow ? low : high) ?? 0;
  const v = Math.round(value * 10) / 10;
  const { key, sensor } = sensorKey(who, isLow ? 'Low' : 'High');
  return {
    title: `${sensorTitle(who)} at ${v} ${unit}, ${isLow ? 'below' : 'above'} ${limit} ${unit}`,
    message: { key, params: { kind, sensor, value: v, limit, unit } },
  };
}
