import { describe, expect, it } from 'vitest';
import type { ZoneLive } from '@/lib/contracts/stream';
import { gateArrows, gateFlowLabels, planFocus, zoneShapes, type PlanView } from './plan-shapes';

const zone = (id: string, kind: ZoneLive['kind'], flowIn: number | null, flowOut: number | null): ZoneLive => ({
  id,
  kind,
  name: { en: id, zh: id },
  areaM2: 100,
  capacity: 100,
  occupancy: 10,
  flowInPerMin: flowIn,
  flowOutPerMin: flowOut,
  minutesToCapacity: null,
  lastSeen: 1,
});

/** A gate due north of the venue centre (a 10 m square at y = 100..110), and a stand. */
const view: PlanView = {
  summary: {
    id: 'v',
    cityId: 'c',
    name: { en: 'V', zh: 'V' },
    lon: 120,
    lat: 30,
    sports: [],
    capacity: 100,
    sensorCount: 1,
    zoneCount: 2,
  },
  plan: {
    zones: {
      'gate-1': [
        [-5, 100],
        [5, 100],
        [5, 110],
        [-5, 110],
      ],
      'stand-1': [
        [-50, -50],
        [50, -50],
        [50, 50],
        [-50, 50],
      ],
    },
    sensors: { s1: [0, 0] },
  },
  zones: { 'gate-1': zone('gate-1', 'gate', 120, 30), 'stand-1': zone('stand-1', 'stand', 50, 0) },
  zoneOrder: ['gate-1', 'stand-1'],
  sensors: {},
  sensorOrder: [],
};

describe('gate flow arrows', () => {
  const shapes = zoneShapes(view);

  it('point in from outside for entries and out for exits, at gates only', () => {
    const arrows = gateArrows(shapes, 100);
    expect(arrows.map((a) => [a.zoneId, a.kind, a.flow])).toEqual([
      ['gate-1', 'in', 120],
      ['gate-1', 'out', 30],
    ]);
    const [entry, exit] = arrows;
    // path = [tail, tip, barb, tip, barb]; north is +y.
    expect(entry!.path[0]![1]).toBeGreaterThan(entry!.path[1]![1]);
    expect(exit!.path[0]![1]).toBeLessThan(exit!.path[1]![1]);
  });

  it('draw nothing where nobody moves or before two counts give a rate', () => {
    const still = zoneShapes({ ...view, zones: { ...view.zones, 'gate-1': zone('gate-1', 'gate', 0, 0) } });
    expect(gateArrows(still, 100)).toEqual([]);
    expect(gateFlowLabels(still, 100)).toEqual([]);
    const unknown = zoneShapes({ ...view, zones: { ...view.zones, 'gate-1': zone('gate-1', 'gate', null, null) } });
    expect(gateArrows(unknown, 100)).toEqual([]);
  });

  it('label each moving gate once, outside it', () => {
    const labels = gateFlowLabels(shapes, 100);
    expect(labels).toHaveLength(1);
    expect([labels[0]!.flowIn, labels[0]!.flowOut]).toEqual([120, 30]);
    expect(labels[0]!.position[1]).toBeGreaterThan(110);
  });
});

describe('what the camera fits', () => {
  it('is the whole plan for the venue, one zone for a zone, the area round a sensor for a sensor', () => {
    const lats = (pts: [number, number][]) => pts.map((p) => p[1]);
    const venue = planFocus(view, {});
    const gate = planFocus(view, { zoneId: 'gate-1' });
    const sensor = planFocus(view, { sensorId: 's1' });
    // The whole plan (y from -50 to 110 m) and a margin beyond it for the gate arrows.
    expect(venue).toHaveLength(2);
    expect(Math.max(...lats(venue)) - 30).toBeGreaterThan(110 / 110_540);
    expect(gate).toHaveLength(4);
    expect(Math.min(...lats(gate))).toBeGreaterThan(30);
    expect(Math.min(...lats(venue))).toBeLessThan(30);
    // 100 m either side of the sensor at the origin.
    expect(Math.max(...lats(sensor)) - 30).toBeCloseTo(100 / 110_540, 6);
    // An id the plan does not have falls back to the whole venue.
    expect(planFocus(view, { zoneId: 'nowhere' })).toEqual(venue);
  });
});
