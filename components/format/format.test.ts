import { describe, expect, it } from 'vitest';
import type { IncidentView } from '@/lib/contracts/stream';
import { formatAge, incidentsByUrgency } from './format';

const incident = (
  key: string,
  severity: IncidentView['severity'],
  state: IncidentView['state'],
  raisedAt: number,
): IncidentView => ({
  key,
  venueId: 'v',
  id: key,
  kind: 'power_fault',
  severity,
  state,
  title: key,
  zoneId: null,
  sensorId: null,
  raisedAt,
  updatedAt: raisedAt,
});

describe('incidentsByUrgency', () => {
  it('puts open before cleared, then worst severity, then oldest', () => {
    const list = [
      incident('cleared-critical', 'critical', 'cleared', 1),
      incident('minor-old', 'minor', 'open', 1),
      incident('critical-new', 'critical', 'open', 9),
      incident('critical-old', 'critical', 'open', 2),
    ];
    const keys = incidentsByUrgency(Object.fromEntries(list.map((i) => [i.key, i]))).map((i) => i.key);
    expect(keys).toEqual(['critical-old', 'critical-new', 'minor-old', 'cleared-critical']);
  });
});

describe('formatAge', () => {
  it('reads at a glance', () => {
    expect(formatAge(null)).toBe('—');
    expect(formatAge(4_400)).toBe('4 s');
    expect(formatAge(125_000)).toBe('2 min');
    expect(formatAge(7_500_000)).toBe('2 h 5 min');
  });
});
