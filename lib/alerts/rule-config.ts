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
const ByKind = Type.Record(Type.String({ pattern: `^(${SENSOR_KINDS.join('|')})$` }), SeverityOrOff, {
  additionalProperties: false,
});

export const RuleConfigSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    itIncidents: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
    /** Severity when a zone reaches level of service E or F (Fruin walkway: zones people walk and queue in). */
    zoneLevelOfService: Type.Object(
      { E: SeverityOrOff, F: SeverityOrOff, zoneKinds: Type.Array(Type.Union(ZONE_KINDS.map((k) => Type.Literal(k)))) },
      { additionalProperties: false },
    ),
    venueCapacity: Type.Object(
      { abovePercent: Type.Number({ minimum: 1, maximum: 200 }), severity: SeverityOrOff },
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
      },
      { additionalProperties: false },
    ),
    sensorOffline: Type.Object({ severity: SeverityOrOff }, { additionalProperties: false }),
    /**
     * A venue that sent nothing for this long while the rest of the feed went on: its link is
     * down. One alert for the venue instead of one per sensor gone quiet with it.
     */
    venueSilent: Type.Object(
      { afterSeconds: Type.Number({ minimum: 5, maximum: 3600 }), severity: SeverityOrOff },
      { additionalProperties: false },
    ),
    feedStale: Type.Object(
      { afterSeconds: Type.Number({ minimum: 5, maximum: 3600 }), severity: SeverityOrOff },
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
