import { describe, expect, it } from 'vitest';
import { parseTopic, topics } from './topics';

describe('topic tree', () => {
  it('round-trips every kind of topic', () => {
    expect(parseTopic(topics.registry('hangzhou', 'hz-olympic-stadium'))).toEqual({
      kind: 'registry',
      cityId: 'hangzhou',
      venueId: 'hz-olympic-stadium',
    });
    expect(parseTopic(topics.sensor('ningbo', 'v1', 'temp-gate-1'))).toEqual({
      kind: 'sensor',
      cityId: 'ningbo',
      venueId: 'v1',
      sourceId: 'temp-gate-1',
    });
    expect(parseTopic(topics.crowd('a', 'b', 'stand-1'))?.kind).toBe('crowd');
    expect(parseTopic(topics.incident('a', 'b', 'inc-1'))?.kind).toBe('incident');
    expect(parseTopic(topics.presence('telemetry-sim-42'))).toEqual({
      kind: 'presence',
      publisherId: 'telemetry-sim-42',
    });
  });

  it.each([
    ['other/v1/hangzhou/x/registry'],
    ['vcc/v2/hangzhou/x/registry'],
    ['vcc/v1/hangzhou/x'],
    ['vcc/v1/hangzhou/x/sensor'],
    ['vcc/v1/hangzhou/x/sensor/a/b'],
    ['vcc/v1/hangzhou/x/weather/a'],
    ['vcc/v1/Hangzhou/x/registry'],
    ['vcc/v1/hangzhou/x y/registry'],
    ['vcc/v1/presence/venue/registry'],
    ['vcc/v1/hangzhou//sensor/a'],
  ])('refuses %s', (topic) => {
    expect(parseTopic(topic)).toBeNull();
  });
});
