import { describe, expect, it } from 'vitest';
import type { AlertView } from '@/lib/contracts/alerts';
import type { VenueLive } from '@/lib/contracts/stream';
import { alertView } from '@/lib/testing/fixtures';
import { alertMapOf, alertsByUrgency } from './alert-map';
import { groupSilent, venuesNeedingAttention } from './attention';

const NOW = 1_800_000_000_000;

const live = (id: string, over: Partial<VenueLive> = {}): VenueLive => ({
  id,
  occupancy: 100,
  worst: 'ok',
  sensorsWarning: 0,
  sensorsCritical: 0,
  sensorsOffline: 0,
  openIncidents: { critical: 0, major: 0, minor: 0, warning: 0 },
  lastSeen: NOW - 1000,
  ...over,
});

const alert = (id: number, venueId: string, over: Partial<AlertView> = {}): AlertView =>
  alertView({
    id,
    source: `venue:${venueId}`,
    venueId,
    venueName: venueId,
    severity: 'major',
    title: 'Network outage',
    raisedAt: NOW - 60_000,
    lastRaisedAt: NOW - 60_000,
    ...over,
  });

const order = ['a', 'b', 'c', 'd', 'e'];
const allOk = Object.fromEntries(order.map((id) => [id, live(id)]));

describe('venues needing attention', () => {
  it('is empty when every venue is normal: the wall promotes nothing', () => {
    expect(venuesNeedingAttention(order, allOk, {}, NOW)).toEqual([]);
  });

  it('puts unacknowledged alarms first, worst first, then silence, then acknowledged alarms, then sensors', () => {
    const lives = {
      ...allOk,
      a: live('a', { sensorsWarning: 2, worst: 'warning' }),
      b: live('b', { lastSeen: NOW - 120_000 }),
    };
    const alerts = alertMapOf([
      alert(1, 'c', { severity: 'major', status: 'acknowledged' }),
      alert(2, 'd', { severity: 'major' }),
      alert(3, 'e', { severity: 'critical' }),
    ]);
    const list = venuesNeedingAttention(order, lives, alerts, NOW);
    expect(list.map((a) => [a.venueId, a.reason.kind])).toEqual([
      ['e', 'alarm'],
      ['d', 'alarm'],
      ['b', 'silent'],
      ['c', 'alarm'],
      ['a', 'sensors'],
    ]);
    expect(list[2]!.reason).toEqual({ kind: 'silent', lastSeen: NOW - 120_000 });
  });

  it('puts a venue with an escalated alarm before others of the same severity, and the older alarm first, as the alert list does', () => {
    const alerts = alertMapOf([
      alert(1, 'a', { severity: 'critical' }),
      alert(2, 'b', { severity: 'critical', escalatedAt: NOW - 1000 }),
      alert(3, 'c', { severity: 'critical' }),
      alert(4, 'c', { severity: 'critical', escalatedAt: NOW - 2000, raisedAt: NOW - 120_000 }),
    ]);
    const list = venuesNeedingAttention(order, allOk, alerts, NOW);
    expect(list.map((a) => a.venueId)).toEqual(['c', 'b', 'a']);
    // Within a venue too: the escalated alarm is its reason. Between equals the older alarm first (c's escalated
    // alarm is older than b's), as the alert list orders them.
    expect(list[0]).toMatchObject({ venueId: 'c', more: 1, reason: { kind: 'alarm', alert: { id: 4 } } });
    const sameRank = alertMapOf([
      alert(1, 'a', { severity: 'critical', raisedAt: NOW - 1000 }),
      alert(2, 'b', { severity: 'critical', raisedAt: NOW - 9000 }),
    ]);
    expect(venuesNeedingAttention(order, allOk, sameRank, NOW).map((a) => a.venueId)).toEqual(['b', 'a']);
    // Raised in one pass of the rules (one instant): the first raised, as the alert list puts them.
    const sameInstant = alertMapOf([alert(5, 'a', { severity: 'critical' }), alert(3, 'b', { severity: 'critical' })]);
    expect(venuesNeedingAttention(order, allOk, sameInstant, NOW).map((a) => a.venueId)).toEqual(['b', 'a']);
    expect(alertsByUrgency(sameInstant).map((a) => a.venueId)).toEqual(['b', 'a']);
  });

  it('gives one reason per venue, the most urgent, and counts the others; resolved alarms are not a reason', () => {
    const alerts = alertMapOf([
      alert(1, 'a', { severity: 'minor' }),
      alert(2, 'a', { severity: 'critical' }),
      alert(3, 'b', { status: 'resolved' }),
    ]);
    const list = venuesNeedingAttention(order, allOk, alerts, NOW);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ venueId: 'a', more: 1, reason: { kind: 'alarm', alert: { id: 2 } } });
  });

  it('does not repeat as sensors or incidents what an alarm already says; incidents alone are a reason', () => {
    const lives = {
      ...allOk,
      a: live('a', { sensorsCritical: 1, openIncidents: { critical: 1, major: 0, minor: 0, warning: 0 } }),
      b: live('b', { openIncidents: { critical: 0, major: 2, minor: 1, warning: 0 } }),
    };
    const list = venuesNeedingAttention(order, lives, alertMapOf([alert(1, 'a')]), NOW);
    expect(list.map((a) => [a.venueId, a.reason.kind, a.more])).toEqual([
      ['a', 'alarm', 0],
      ['b', 'incidents', 0],
    ]);
    expect(list[1]!.reason).toEqual({ kind: 'incidents', open: 3, worst: 'major' });
  });

  it('says three or more silent venues once, where the first of them ranked', () => {
    const lives = Object.fromEntries(order.map((id) => [id, live(id, { lastSeen: NOW - 60_000 })]));
    const items = groupSilent(
      venuesNeedingAttention(order, lives, alertMapOf([alert(1, 'c', { severity: 'critical' })]), NOW),
    );
    expect(items).toEqual([
      expect.objectContaining({ kind: 'venue', venueId: 'c' }),
      { kind: 'silent-group', venueIds: ['a', 'b', 'd', 'e'], rank: 80 },
    ]);
    // Two silent venues are two lines: each may be its own fault.
    const two = { ...allOk, a: live('a', { lastSeen: 0 }), b: live('b', { lastSeen: NOW - 60_000 }) };
    expect(groupSilent(venuesNeedingAttention(order, two, {}, NOW)).map((i) => i.kind)).toEqual(['venue', 'venue']);
  });
});
