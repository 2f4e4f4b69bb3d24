import { describe, expect, it } from 'vitest';
import { alertView } from '@/lib/testing/fixtures';
import { holdingAlert, holdStop, pathOf, planRotation, positionAt } from './rotation';
import { parseWallParams, wallQuery } from './wall-params';

describe('the rotation', () => {
  const plan = planRotation(
    [
      { view: 'city', seconds: 60 },
      { view: 'incidents', seconds: 30 },
      { view: 'venues', seconds: 15 },
    ],
    ['a', 'b'],
  );

  it('expands "venues" to every venue in the wall order', () => {
    expect(plan.map((p) => pathOf(p.stop))).toEqual(['/', '/incidents', '/venues/a', '/venues/b']);
  });

  it('takes its position from the wall clock, so every screen agrees and a reload resumes in place', () => {
    const cycle = 120_000;
    const t0 = cycle * 1_000_000;
    expect(positionAt(plan, t0)).toEqual({ index: 0, stop: { kind: 'city' }, endsAt: t0 + 60_000 });
    expect(positionAt(plan, t0 + 59_999)?.index).toBe(0);
    expect(positionAt(plan, t0 + 60_000)).toEqual({ index: 1, stop: { kind: 'incidents' }, endsAt: t0 + 90_000 });
    expect(positionAt(plan, t0 + 105_000)).toEqual({
      index: 3,
      stop: { kind: 'venue', venueId: 'b' },
      endsAt: t0 + cycle,
    });
    expect(positionAt(plan, t0 + cycle)?.index).toBe(0);
    expect(positionAt([], t0)).toBeNull();
  });

  it('holds on the newest unacknowledged critical alert, at its venue or the city', () => {
    const older = alertView({ id: 1, severity: 'critical', venueId: 'a', lastRaisedAt: 1000 });
    const newer = alertView({ id: 2, severity: 'critical', venueId: 'b', lastRaisedAt: 2000 });
    const acked = alertView({ id: 3, severity: 'critical', venueId: 'c', lastRaisedAt: 3000, status: 'acknowledged' });
    const major = alertView({ id: 4, severity: 'major', venueId: 'd', lastRaisedAt: 4000 });
    expect(holdingAlert([older, newer, acked, major])?.id).toBe(2);
    expect(holdingAlert([acked, major])).toBeNull();
    expect(holdStop(newer)).toEqual({ kind: 'venue', venueId: 'b' });
    expect(holdStop(alertView({ id: 5, venueId: null }))).toEqual({ kind: 'city' });
  });
});

describe('wall URL parameters', () => {
  it('reads kiosk, rotate, the screen and the scale, ignoring what is out of range', () => {
    expect(parseWallParams(new URLSearchParams('kiosk&rotate&screen=2&screens=2&scale=1.5&wall=main'))).toEqual({
      kiosk: true,
      rotate: true,
      screen: { index: 2, count: 2 },
      scale: 1.5,
      room: 'main',
    });
    expect(parseWallParams(new URLSearchParams('screen=3&screens=2&scale=9'))).toEqual({
      kiosk: false,
      rotate: false,
      screen: null,
      scale: 1,
      room: null,
    });
  });

  it('carries only its own keys from view to view', () => {
    expect(wallQuery(new URLSearchParams('kiosk&rotate&screen=1&screens=2&wall=main&next=/x'))).toBe(
      '?kiosk&rotate&screen=1&screens=2&wall=main',
    );
    expect(wallQuery(new URLSearchParams('venue=a'))).toBe('');
  });
});
