import { describe, expect, it } from 'vitest';
import { topics } from '../contracts/topics';
import { json, registry, T0 } from '../testing/fixtures';
import { createIngest, MAX_PAYLOAD_BYTES } from './ingest';
import { IngestMetrics } from './ingest-metrics';
import { RateLimitedLog } from './rate-limited-log';
import { SituationModel } from './situation-model';

function setup() {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const lines: string[] = [];
  const ingest = createIngest(model, metrics, new RateLimitedLog(10_000, (l) => lines.push(l)));
  ingest.handle(topics.registry('hangzhou', 'test-arena'), json(registry()), T0);
  return { model, metrics, ingest, lines };
}

describe('ingest at the door', () => {
  it('folds valid messages and counts them by kind', () => {
    const { ingest, metrics, model } = setup();
    expect(
      ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), json({ ts: T0, seq: 1, value: 22 }), T0 + 5),
    ).toBeNull();
    expect(metrics.accepted.registry).toBe(1);
    expect(metrics.accepted.sensor).toBe(1);
    expect(metrics.lagCount).toBe(1);
    expect(model.venues.get('test-arena')!.sensors.get('temp-1')!.value).toBe(22);
  });

  it('refuses bad input by reason, logs a clear line, and never throws or changes state', () => {
    const { ingest, metrics, model, lines } = setup();
    const sensorTopic = topics.sensor('hangzhou', 'test-arena', 'temp-1');
    const cases: [string, Uint8Array, string][] = [
      ['vcc/v1/nonsense', json({}), 'unknown_topic'],
      [sensorTopic, new TextEncoder().encode('{"ts":'), 'malformed_json'],
      [sensorTopic, new Uint8Array([0xff, 0xfe, 0x00]), 'malformed_json'],
      [sensorTopic, json({ ts: T0, seq: 1, value: 'hot' }), 'schema'],
      [sensorTopic, json(null), 'schema'],
      [sensorTopic, new Uint8Array(MAX_PAYLOAD_BYTES.other + 1), 'oversize'],
      [topics.sensor('hangzhou', 'atlantis', 'temp-1'), json({ ts: T0, seq: 1, value: 1 }), 'unknown_venue'],
      [
        topics.crowd('hangzhou', 'test-arena', 'gate-1'),
        json({ ts: T0, seq: 1, entries: 1, exits: 0, occupancy: 5 }),
        'inconsistent_counts',
      ],
    ];
    for (const [topic, payload, reason] of cases) {
      expect(() => ingest.handle(topic, payload, T0)).not.toThrow();
      expect(metrics.rejected.get(reason as never), reason).toBeGreaterThan(0);
    }
    expect(model.venues.get('test-arena')!.sensors.get('temp-1')!.seq).toBe(-1);
    expect(model.venues.size).toBe(1);
    expect(lines.some((l) => l.includes('rejected schema') && l.includes('/value'))).toBe(true);
    expect(metrics.rejectedTotal).toBe(cases.length);
  });

  it('counts duplicates without logging them (normal on QoS 0)', () => {
    const { ingest, metrics, lines } = setup();
    const t = topics.sensor('hangzhou', 'test-arena', 'temp-1');
    ingest.handle(t, json({ ts: T0, seq: 1, value: 22 }), T0);
    ingest.handle(t, json({ ts: T0, seq: 1, value: 22 }), T0);
    expect(metrics.rejected.get('duplicate')).toBe(1);
    expect(lines).toHaveLength(0);
  });

  it('refuses invalid UTF-8 and bidirectional or control characters in feed text, written raw or escaped', () => {
    const { ingest, metrics, model } = setup();
    const t = topics.incident('hangzhou', 'test-arena', 'it-1');
    const incident = (title: string) => ({
      ts: T0,
      seq: 1,
      kind: 'network_outage',
      severity: 'major',
      state: 'open',
      title,
    });
    const bytes = new TextEncoder().encode(JSON.stringify(incident('Uplink down')));
    bytes[bytes.length - 5] = 0xc3; // a lead byte with no continuation
    expect(ingest.handle(t, bytes, T0)).toBe('invalid_utf8');
    expect(ingest.handle(t, json(incident('Uplink \u202Enwod')), T0)).toBe('control_characters');
    const escaped = new TextEncoder().encode(JSON.stringify(incident('x')).replace('"x"', '"\\u2066x\\u2069"'));
    expect(ingest.handle(t, escaped, T0)).toBe('control_characters');
    expect(ingest.handle(t, json(incident('bell \u0007')), T0)).toBe('control_characters');
    expect(model.venues.get('test-arena')!.incidents.size).toBe(0);
    // Arabic and Chinese text, and the marks that shape it, are welcome.
    expect(ingest.handle(t, json(incident('انقطاع الشبكة \u200F 网络中断')), T0)).toBeNull();
    expect(metrics.rejected.get('control_characters')).toBe(3);
  });

  it('refuses venues outside the catalogue, and counts refusals by the publisher the broker vouched for', () => {
    const model = new SituationModel();
    const metrics = new IngestMetrics();
    const catalogue = new Map([['test-arena', 'hangzhou']]);
    const ingest = createIngest(model, metrics, new RateLimitedLog(10_000, () => {}), { catalogue });
    expect(
      ingest.handle(topics.registry('hangzhou', 'test-arena'), json(registry()), T0, { publisher: 'arena-ops' }),
    ).toBeNull();
    const atlantis = registry();
    atlantis.venue = { ...atlantis.venue, id: 'atlantis-arena', cityId: 'atlantis' };
    expect(
      ingest.handle(topics.registry('atlantis', 'atlantis-arena'), json(atlantis), T0, { publisher: 'arena-ops' }),
    ).toBe('unknown_venue');
    const moved = registry();
    moved.venue = { ...moved.venue, cityId: 'ningbo' };
    expect(ingest.handle(topics.registry('ningbo', 'test-arena'), json(moved), T0, { publisher: 'arena-ops' })).toBe(
      'unknown_venue',
    );
    expect(model.venues.size).toBe(1);
    expect(model.venues.get('test-arena')!.def.cityId).toBe('hangzhou');
    expect(metrics.rejectedByPublisher.get('arena-ops\0unknown_venue')).toBe(2);
  });

  it('refuses retained telemetry (it would replay as live), and takes retained registries and presence', () => {
    const { ingest, model } = setup();
    const reading = json({ ts: T0, seq: 1, value: 22 });
    expect(ingest.handle(topics.sensor('hangzhou', 'test-arena', 'temp-1'), reading, T0, { retained: true })).toBe(
      'retained_telemetry',
    );
    expect(model.venues.get('test-arena')!.sensors.get('temp-1')!.seq).toBe(-1);
    const presence = json({ ts: T0, online: true, publisher: 'arena-ops' });
    expect(ingest.handle(topics.presence('arena-ops'), presence, T0, { retained: true })).toBeNull();
    const again = registry();
    again.seq = 2;
    expect(ingest.handle(topics.registry('hangzhou', 'test-arena'), json(again), T0, { retained: true })).toBeNull();
  });

  it('survives a flood of garbage with bounded logging', () => {
    const { ingest, metrics, lines } = setup();
    for (let i = 0; i < 10_000; i++)
      ingest.handle(`vcc/v1/hangzhou/test-arena/sensor/temp-1`, json({ junk: i }), T0 + i);
    expect(metrics.rejected.get('schema')).toBe(10_000);
    expect(lines.length).toBeLessThanOrEqual(2);
  });
});
