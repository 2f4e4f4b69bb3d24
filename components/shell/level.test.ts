import { describe, expect, it } from 'vitest';
import { levelKey, parseLevel, sensorHref, venueHref, zoneHref } from './level';

describe('the drill-down level of a path', () => {
  it('reads city, venue, zone and sensor paths, and round-trips the links it makes', () => {
    expect(parseLevel('/')).toEqual({ kind: 'city' });
    expect(parseLevel(venueHref('binjiang-gymnasium'))).toEqual({ kind: 'venue', venueId: 'binjiang-gymnasium' });
    expect(parseLevel(zoneHref('binjiang-gymnasium', 'gate-1'))).toEqual({
      kind: 'zone',
      venueId: 'binjiang-gymnasium',
      zoneId: 'gate-1',
    });
    expect(parseLevel(sensorHref('binjiang-gymnasium', 'power-1'))).toEqual({
      kind: 'sensor',
      venueId: 'binjiang-gymnasium',
      sensorId: 'power-1',
    });
    expect(parseLevel('/venues/binjiang-gymnasium/')).toEqual({ kind: 'venue', venueId: 'binjiang-gymnasium' });
  });

  it('treats anything else as the city, never as a venue with a bad id', () => {
    for (const p of ['/venues', '/venues/Bad_Id', '/venues/a/zones', '/venues/a/other/b', '/api/stream']) {
      expect(parseLevel(p), p).toEqual({ kind: 'city' });
    }
  });

  it('gives each place its own key', () => {
    const keys = [
      parseLevel('/'),
      parseLevel('/venues/a'),
      parseLevel('/venues/a/zones/z'),
      parseLevel('/venues/a/sensors/z'),
      parseLevel('/venues/b/sensors/z'),
    ].map(levelKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
