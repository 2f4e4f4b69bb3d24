/**
 * The contract's closed vocabularies as plain values: zone kinds, incident kinds, severities. Kept apart from
 * the TypeBox schemas (`payloads.schema.ts`) so that browser code can list them without shipping the schema
 * builder.
 */
export const ZONE_KINDS = ['gate', 'concourse', 'stand', 'field'] as const;
export type ZoneKindT = (typeof ZONE_KINDS)[number];

export const INCIDENT_KINDS = [
  'network_outage',
  'scanner_failure',
  'broadcast_signal_loss',
  'power_fault',
  'results_delay',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Most severe first. */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
