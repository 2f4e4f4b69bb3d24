import { describe, expect, it } from 'vitest';
import { RESOLVED_ON_SCREEN_MS, type AlertView } from '../contracts/alerts';
import { alertView, T0 } from '../testing/fixtures';
import { AlertBoard } from './alert-board';

const T = T0;
const alert = (over: Partial<AlertView> & Pick<AlertView, 'id'>) =>
  alertView({ source: `zone:v/gate-${over.id}`, venueId: 'v', ...over });

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

  it('tells the stream hub of a change once until it takes them, so an alarm goes out before the next tick', () => {
    const b = new AlertBoard();
    let told = 0;
    b.onChange(() => told++);
    b.apply(alert({ id: 1 }));
    b.apply(alert({ id: 2 }));
    expect(told).toBe(1);
    // A stale notification changes nothing, and says nothing.
    b.takeChanges();
    b.apply(alert({ id: 1 }));
    expect(told).toBe(1);
    b.apply(alert({ id: 1, version: 2, status: 'acknowledged', acknowledgedBy: 'Li Na' }));
    expect(told).toBe(2);
  });
});
