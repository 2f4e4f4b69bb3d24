/**
 * Compiled validators for the MQTT payloads, used at the door by the server and by the
 * simulator's own tests. Never imported by client components (it compiles code at run time).
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  CrowdCount,
  IncidentEvent,
  PresencePayload,
  RegistryPayload,
  SensorReading,
  type CrowdCountT,
  type IncidentEventT,
  type PresencePayloadT,
  type RegistryPayloadT,
  type SensorReadingT,
} from './payloads.schema';
import type { TopicKind } from './topics';

export const validators = {
  registry: TypeCompiler.Compile(RegistryPayload),
  sensor: TypeCompiler.Compile(SensorReading),
  crowd: TypeCompiler.Compile(CrowdCount),
  incident: TypeCompiler.Compile(IncidentEvent),
  presence: TypeCompiler.Compile(PresencePayload),
} as const satisfies Record<TopicKind, unknown>;

export interface PayloadByKind {
  registry: RegistryPayloadT;
  sensor: SensorReadingT;
  crowd: CrowdCountT;
  incident: IncidentEventT;
  presence: PresencePayloadT;
}

/** Why a payload was refused; the label of `vcc_messages_rejected_total{reason}`. */
export type RejectReason =
  | 'oversize'
  | 'unknown_topic'
  | 'malformed_json'
  | 'invalid_utf8'
  | 'retained_telemetry'
  | 'control_characters'
  | 'schema'
  | 'unknown_venue'
  | 'unknown_source'
  | 'topic_mismatch'
  | 'inconsistent_counts'
  | 'above_physical_max'
  | 'future_timestamp'
  | 'duplicate'
  | 'out_of_order';

/** First schema error as one short line, for the rate-limited log. */
export function describeSchemaError<K extends TopicKind>(kind: K, value: unknown): string {
  const first = validators[kind].Errors(value).First();
  return first ? `${first.path || '/'}: ${first.message}` : 'invalid';
}
