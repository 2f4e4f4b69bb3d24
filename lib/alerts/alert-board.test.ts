import { describe, expect, it } from 'vitest';
import { RESOLVED_ON_SCREEN_MS, type AlertView } from '../contracts/alerts';
import { AlertBoard } from './alert-board';

const T = 1_800_000_000_000;
const alert = (over: Partial<AlertView> & Pick<AlertView, 'id'>): AlertView => ({
  source: `zone:v/gate-${over.id}`,
  type: 'zone_level_of_service',
  venueId: 'v',
  venueName: 'V',
  zoneId: null,
  sensorId: null,
  severity: 'major',
  title: 't',
  status: 'open',
  count: 1,
  raisedAt: T,
  lastRaisedAt: T,
  clearedAt: null,
  acknowledgedBy: null,
  acknowledgedAt: null,
  assignee: null,
  assignedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  escalatedAt: null,
  version: 1,
  ...over,
});

describe('alert board', () => {
  it('keeps the newest version: a late or repeated notification never undoes a newer one', () => {
    const b = new AlertBoard();
    expect(b.apply(alert({ id: 1, version: 2, status: 'acknowledged', acknowledgedBy: 'Li Na' }))).toBe(true);
    expect(b.apply(alert({ id: 1, version: 1 }))).toBe(false);
    expect(b.apply(alert({ id: 1, version: 2, status: 'acknowledged', acknowledgedBy: 'Li Na' }))).toBe(false);
    expect(b.alerts.get(1)?.acknowledgedBy).toBe('Li Na');
    expect(b.takeChanges().changed.map((a) => a.id)).toEqual([1]);
    expect(b.takeChanges().changed).toEqual([]);
  });

  it('indexes unresolved alerts by condition, and lets resolved ones go after their time on screen', () => {
    const b = new AlertBoard();
    b.apply(alert({ id: 1 }));
    expect(b.unresolved.get('zone_level_of_service|zone:v/gate-1')?.id).toBe(1);
    b.apply(alert({ id: 1, version: 2, status: 'resolved', resolvedAt: T + 1000 }));
    expect(b.unresolved.size).toBe(0);
    b.sweep(T + 1000 + RESOLVED_ON_SCREEN_MS);
    expect(b.alerts.has(1)).toBe(true);
    b.takeChanges();
    b.sweep(T + 1001 + RESOLVED_ON_SCREEN_MS);
    expect(b.alerts.has(1)).toBe(false);
    expect(b.takeChanges()).toEqual({ changed: [], removed: [1] });
  });
});
