/** Display formatting shared by the wall's panels. */
import { SEVERITY_RANK, type Role } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/payloads.schema';
import type { SensorKind, SensorStatus } from '@/lib/contracts/sensor-kinds';
import type { IncidentView, WorstStatus } from '@/lib/contracts/stream';
import type { MessageKey } from '@/lib/i18n/translate';

export { alertStateLabel, formattersFor, SEVERITY_KEY, TIME_ZONE, type Formatters } from '@/lib/i18n/format';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'warning'];

/** Open incidents first, worst then oldest first; cleared ones after them. */
export function incidentsByUrgency(incidents: Record<string, IncidentView>): IncidentView[] {
  return Object.values(incidents).sort(
    (a, b) =>
      (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.raisedAt - b.raisedAt,
  );
}

/**
 * Colours as RGB triples (deck.gl) and CSS. High-performance HMI (ISA-101): the normal state is grey, so
 * colour means something is wrong and the eye goes to it; each state also has words (and shapes) for
 * anyone who cannot tell the colours apart.
 */
export const STATUS_RGB: Record<WorstStatus, [number, number, number]> = {
  ok: [100, 116, 139],
  warning: [255, 208, 0],
  critical: [255, 59, 59],
  offline: [138, 143, 152],
  unknown: [75, 85, 99],
};
export const STATUS_KEY: Record<WorstStatus, MessageKey> = {
  ok: 'status.ok',
  warning: 'status.warning',
  critical: 'status.critical',
  offline: 'status.offline',
  unknown: 'status.unknown',
};
export const SENSOR_STATUS_KEY: Record<SensorStatus | 'unknown', MessageKey> = {
  ok: 'sensorStatus.ok',
  warning: 'sensorStatus.warning',
  critical: 'sensorStatus.critical',
  offline: 'sensorStatus.offline',
  unknown: 'sensorStatus.unknown',
};
export const sensorKindKey = (kind: SensorKind) => `sensorKind.${kind}` as MessageKey;

/** Alert severities as RGB (the same hues as the --critical, --major, --minor, --sev-warning CSS colours). */
export const SEVERITY_RGB: Record<Severity, [number, number, number]> = {
  critical: [255, 59, 59],
  major: [255, 138, 0],
  minor: [255, 208, 0],
  warning: [90, 176, 255],
};
export const cssRgb = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;
/** A status as text colour: 'unknown' grey is for map fills; as text it would not read on the dark panels. */
/** Text in a state's colour; normal and unknown in the muted grey (readable at 4.5:1, not a signal). */
export const statusTextColor = (s: WorstStatus) =>
  s === 'unknown' || s === 'ok' ? 'var(--muted)' : cssRgb(STATUS_RGB[s]);

/**
 * Level of service A-F as map colours, meaning what the alarm rules mean: A-D need nothing (greens,
 * greyer as it gets busier), E is the stewards' (the minor alarm's yellow), F is dangerous (critical red).
 */
/**
 * A walkway's level of service on a plan. A to D need nothing of anyone: greys, darker as it fills, as a stand's
 * seats (ISA-101: normal is not coloured; they had been four greens, the brightest thing on a quiet plan).
 * E asks the stewards to act, F is dangerous: the alarm rules' colours.
 */
export const LOS_RGB: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', [number, number, number]> = {
  A: [196, 202, 210],
  B: [170, 178, 190],
  C: [146, 156, 171],
  D: [124, 135, 153],
  E: [255, 208, 0],
  F: [255, 59, 59],
};

export const ROLE_KEY: Record<Role, MessageKey> = {
  operator: 'role.operator',
  venue_manager: 'role.venue_manager',
  responder: 'role.responder',
  admin: 'role.admin',
};
