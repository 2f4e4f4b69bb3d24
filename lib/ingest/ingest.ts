/**
 * The door every MQTT message comes through, whichever broker delivered it: size check,
 * topic, JSON, schema, then the model. Anything refused is counted by reason and logged
 * at a bounded rate; nothing here throws.
 */
import { parseTopic, type ParsedTopic } from '../contracts/topics';
import { describeSchemaError, validators, type PayloadByKind, type RejectReason } from '../contracts/validate';
import type { IngestMetrics } from './ingest-metrics';
import type { RateLimitedLog } from './rate-limited-log';
import type { SituationModel } from './situation-model';
import type { VenueCatalogue } from './venue-catalogue';

/** Parsed topics remembered; a feed has one topic per source, so the hot ones stay cached. */
export const TOPIC_CACHE_SIZE = 100_000;

/** Largest payload accepted: registries of big venues are the largest legitimate messages. */
export const MAX_PAYLOAD_BYTES = { registry: 4 * 1024 * 1024, other: 16 * 1024 } as const;

/**
 * Bidirectional embeddings, overrides and isolates ("Trojan Source"): they reorder what a
 * screen shows of feed text. Refused whether written as characters or as JSON escapes;
 * so are C0 control characters written as escapes (raw ones are invalid JSON already).
 */
const CONTROL_CHARACTERS = /[\u202A-\u202E\u2066-\u2069]|\\u(?:202[a-eA-E]|206[6-9]|00[01][0-9a-fA-F]|007[fF])/;

/** What the broker says about a message besides its topic and payload. */
export interface MessageMeta {
  /** The identity the broker authenticated, where it knows one (the embedded broker). */
  publisher?: string;
  /** Delivered from the broker's retained store. */
  retained?: boolean;
}

export interface Ingest {
  /** Folds one message; `topic` without any deployment prefix. Returns why it was refused, or null. */
  handle(topic: string, payload: Uint8Array, now?: number, meta?: MessageMeta): RejectReason | null;
}

export interface IngestOptions {
  /** Venues accepted; anything else is refused as `unknown_venue`. Unset: any (tests, benchmarks). */
  catalogue?: VenueCatalogue;
}

export function createIngest(
  model: SituationModel,
  metrics: IngestMetrics,
  log: RateLimitedLog,
  { catalogue }: IngestOptions = {},
): Ingest {
  // Strict UTF-8: a replacement character would reach a screen as feed text.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Parsing a topic (split, three id checks) was the costliest step per message; the same
  // few thousand topics repeat, so remember them. Cleared when full: bounded under junk.
  const topicCache = new Map<string, ParsedTopic | null>();
  const parse = (topic: string): ParsedTopic | null => {
    let parsed = topicCache.get(topic);
    if (parsed === undefined) {
      parsed = parseTopic(topic);
      if (topicCache.size >= TOPIC_CACHE_SIZE) topicCache.clear();
      topicCache.set(topic, parsed);
    }
    return parsed;
  };

  let publisher: string | undefined;
  function refuse(reason: RejectReason, topic: string, detail: string, now: number): RejectReason {
    metrics.reject(reason, publisher);
    // Out-of-order and duplicate QoS 0 messages are normal on a busy network: count, do not log.
    if (reason !== 'duplicate' && reason !== 'out_of_order') {
      const from = publisher ? ` from '${publisher}'` : '';
      log.log(reason, `[ingest] rejected ${reason} on '${topic.slice(0, 200)}'${from}: ${detail}`, now);
    }
    return reason;
  }

  return {
    handle(topic, payload, now = Date.now(), meta) {
      metrics.received++;
      publisher = meta?.publisher;
      const parsed = parse(topic);
      if (!parsed) return refuse('unknown_topic', topic, 'not in the vcc/v1 tree', now);
      // A retained reading would replay as live to every new subscriber; only registries and
      // presence are retained (a site broker's ACL cannot say so; the embedded broker refuses them).
      if (meta?.retained && parsed.kind !== 'registry' && parsed.kind !== 'presence') {
        return refuse('retained_telemetry', topic, 'telemetry is never retained', now);
      }
      const limit = parsed.kind === 'registry' ? MAX_PAYLOAD_BYTES.registry : MAX_PAYLOAD_BYTES.other;
      if (payload.byteLength > limit) return refuse('oversize', topic, `${payload.byteLength} bytes > ${limit}`, now);
      if (catalogue && parsed.kind !== 'presence' && catalogue.get(parsed.venueId) !== parsed.cityId) {
        return refuse('unknown_venue', topic, 'not in the venue catalogue (VENUES_FILE)', now);
      }

      let text: string;
      try {
        text = decoder.decode(payload);
      } catch {
        return refuse('invalid_utf8', topic, 'payload is not valid UTF-8', now);
      }
      if (CONTROL_CHARACTERS.test(text)) {
        return refuse('control_characters', topic, 'bidirectional or control characters in text', now);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        return refuse('malformed_json', topic, (e as Error).message.slice(0, 120), now);
      }
      if (!validators[parsed.kind].Check(body)) {
        return refuse('schema', topic, describeSchemaError(parsed.kind, body), now);
      }

      let result: RejectReason | null;
      switch (parsed.kind) {
        case 'registry':
          result = model.applyRegistry(parsed.cityId, parsed.venueId, body as PayloadByKind['registry'], now);
          break;
        case 'sensor':
          result = model.applySensor(
            parsed.cityId,
            parsed.venueId,
            parsed.sourceId,
            body as PayloadByKind['sensor'],
            now,
          );
          break;
        case 'crowd':
          result = model.applyCrowd(
            parsed.cityId,
            parsed.venueId,
            parsed.sourceId,
            body as PayloadByKind['crowd'],
            now,
          );
          break;
        case 'incident':
          result = model.applyIncident(
            parsed.cityId,
            parsed.venueId,
            parsed.sourceId,
            body as PayloadByKind['incident'],
            now,
          );
          break;
        case 'presence':
          result = model.applyPresence(parsed.publisherId, body as PayloadByKind['presence'], now);
          break;
      }
      if (result) return refuse(result, topic, 'refused by the model', now);
      metrics.accepted[parsed.kind]++;
      if (parsed.kind !== 'registry') metrics.observeLag((now - (body as { ts: number }).ts) / 1000);
      return null;
    },
  };
}
