/**
 * The alert rules' settings: one JSON file (config/alert-rules.json, or ALERT_RULES_FILE),
 * checked once at start-up against this schema; a bad file stops the server with the reason.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { SEVERITIES, ZONE_KINDS } from '../contracts/payloads.schema';
import { SENSOR_KINDS } from '../contracts/sensor-kinds';
import { assertConfig } from '../contracts/config-file';

const Severity = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));
const SeverityOrOff = Type.Union([Severity, Type.Null()]);
/**
 * How long a condition must hold before it raises, and be gone before it clears (ISA-18.2's
 * on-delay and off-delay): a value hovering at a limit raises once, a one-reading spike never.
 */
const OnDelay = Type.Number({ minimum: 0, maximum: 3600 });
const OffDelay = Type.Number({ minimum: 0, maximum: 3600 });
/** Deadband: an active alarm clears only this far (percent of its limit) back inside the limit. */
const Deadband = Type.Number({ minimum: 0, maximum: 50 });

const ByKind = Type.Record(Type.String({ pattern: `^(${SENSOR_KINDS.join('|')})$` }), SeverityOrOff, {
  additionalProperties: false,
});

export const RuleConfigSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    /**
     * The feed's IT incidents from `minSeverity` up are alarms at the command center; lesser ones are
     * the venue's own team's (on its page and incident list), and still explain the alarms they cause.
     */
    itIncidents: Type.Object({ enabled: Type.Boolean(), minSeverity: Severity }, { additionalProperties: false }),
    /** Severity when a zone reaches level of service E or F (Fruin walkway: zones people walk and queue in). */
    zoneLevelOfService: Type.Object(
      {
        E: SeverityOrOff,
        F: SeverityOrOff,
        zoneKinds: Type.Array(Type.Union(ZONE_KINDS.map((k) => Type.Literal(k)))),
        onDelaySeconds: OnDelay,
        offDelaySeconds: OffDelay,
        /** Of the space per person at the level's bound. */
        deadbandPercent: Deadband,
      },
      { additionalProperties: false },
    ),
    venueCapacity: Type.Object(
      {
        abovePercent: Type.Number({ minimum: 1, maximum: 200 }),
        severity: SeverityOrOff,
        onDelaySeconds: OnDelay,
        offDelaySeconds: OffDelay,
        /** Percentage points of capacity below `abovePercent`. */
        deadbandPoints: Type.Number({ minimum: 0, maximum: 50 }),
      },
      { additionalProperties: false },
    ),
    /** Severity of a sensor past its registry thresholds, by status; some kinds matter more. */
    sensorThreshold: Type.Object(
      {
        warning: SeverityOrOff,
        /** Kinds whose warning matters more (a UPS on battery). */
        warningByKind: ByKind,
        critical: SeverityOrOff,
        criticalByKind: ByKind,
        onDelaySeconds: OnDelay,
        offDelaySeconds: OffDelay,
        deadbandPercent: Deadband,
      },
      { additionalProperties: false },
    ),
    /** The model calls a sensor offline after 3 missed intervals; the on-delay waits longer still. */
    sensorOffline: Type.Object(
      { severity: SeverityOrOff, onDelaySeconds: OnDelay, offDelaySeconds: OffDelay },
      { additionalProperties: false },
    ),
    /**
     * A venue that sent nothing for this long while the rest of the feed went on: its link is
     * down. One alert for the venue instead of one per sensor gone quiet with it.
     */
    venueSilent: Type.Object(
      { afterSeconds: Type.Number({ minimum: 5, maximum: 3600 }), severity: SeverityOrOff, offDelaySeconds: OffDelay },
      { additionalProperties: false },
    ),
    feedStale: Type.Object(
      { afterSeconds: Type.Number({ minimum: 5, maximum: 3600 }), severity: SeverityOrOff, offDelaySeconds: OffDelay },
      { additionalProperties: false },
    ),
    /**
     * ISA-18.2 chattering: `raisesPerMinute` raises of one alarm within a minute hold it active and
     * silent (marked chattering) until its condition has been gone for `quietMinutesToRelease`.
     */
    chattering: Type.Object(
      {
        raisesPerMinute: Type.Integer({ minimum: 2, maximum: 60 }),
        quietMinutesToRelease: Type.Number({ minimum: 0.5, maximum: 240 }),
      },
      { additionalProperties: false },
    ),
    /**
     * One cause, one alarm: alarms a present cause explains (a silent venue's sensors, a stale
     * feed's venues, a power loss's UPS) stay silent beneath it, and for `releaseSeconds` after it
     * clears while their readings settle.
     */
    /**
     * State-based suppression: at a venue whose registry lists its sessions, alarms that only matter
     * with spectators (capacity, walkway LOS E) are judged from `beforeMinutes` before a session to
     * `afterMinutes` after it. LOS F is always judged: dangerous crowding is never expected.
     */
    sessions: Type.Object(
      {
        beforeMinutes: Type.Number({ minimum: 0, maximum: 600 }),
        afterMinutes: Type.Number({ minimum: 0, maximum: 600 }),
      },
      { additionalProperties: false },
    ),
    /** ISA-18.2 shelving: the longest an operator may put an alarm aside. */
    shelving: Type.Object(
      { maxMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }) },
      { additionalProperties: false },
    ),
    consequences: Type.Object(
      { releaseSeconds: Type.Number({ minimum: 0, maximum: 3600 }) },
      { additionalProperties: false },
    ),
    escalation: Type.Object(
      { criticalUnacknowledgedMinutes: Type.Number({ minimum: 0.1, maximum: 1440 }) },
      { additionalProperties: false },
    ),
    /** Seconds after start before rules judge the model (it fills from the feed first). */
    warmUpSeconds: Type.Number({ minimum: 0, maximum: 600 }),
  },
  { additionalProperties: false },
);

export type RuleConfig = Static<typeof RuleConfigSchema>;

export const DEFAULT_RULES_FILE = 'config/alert-rules.json';

export function parseRuleConfig(json: unknown, where: string): RuleConfig {
  assertConfig(RuleConfigSchema, json, where);
  return json;
}

export function readRuleConfig(file = DEFAULT_RULES_FILE): RuleConfig {
  // A site's own file, read at start-up: not something to trace into the build.
  return parseRuleConfig(JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), file);
}
