import { describe, expect, it } from 'vitest';
import type { ZoneLive } from '@/lib/contracts/stream';
import { formattersFor } from '@/lib/i18n/format';
import ar from '@/lib/i18n/messages/ar.json';
import en from '@/lib/i18n/messages/en.json';
import { translator } from '@/lib/i18n/translate';
import { placeLabels, planLabels } from './plan-labels';
import { zoneShapes, type PlanView } from './plan-shapes';

const zone = (id: string, kind: ZoneLive['kind'], occupancy: number, over: Partial<ZoneLive> = {}): ZoneLive => ({
  id,
  kind,
  name: { en: `Zone ${id}`, zh: `区域${id}` },
  areaM2: kind === 'stand' ? 4000 : 100,
  capacity: 1000,
  occupancy,
  flowInPerMin: kind === 'gate' ? 37 : null,
  flowOutPerMin: kind === 'gate' ? 12 : null,
  minutesToCapacity: null,
  lastSeen: 1,
  ...over,
});

const square = (x: number, y: number, r: number): [number, number][] => [
  [x - r, y - r],
  [x + r, y - r],
  [x + r, y + r],
  [x - r, y + r],
];

const view: PlanView = {
  summary: {
    id: 'v',
    cityId: 'c',
    name: { en: 'V', zh: 'V' },
    lon: 120,
    lat: 30,
    sports: [],
    capacity: 1000,
    sensorCount: 0,
    zoneCount: 4,
  },
  plan: {
    zones: {
      'gate-1': square(0, 105, 5),
      'stand-1': square(0, 0, 50),
      'field-1': square(80, 0, 10),
      'concourse-1': square(0, -80, 10),
    },
    sensors: {},
  },
  zones: {
    'gate-1': zone('gate-1', 'gate', 20),
    'stand-1': zone('stand-1', 'stand', 810),
    'field-1': zone('field-1', 'field', 30),
    'concourse-1': zone('concourse-1', 'concourse', 5),
  },
  zoneOrder: ['gate-1', 'stand-1', 'field-1', 'concourse-1'],
  sensors: {},
  sensorOrder: [],
};

const options = (locale: 'en' | 'zh' | 'ar', over: Partial<Parameters<typeof planLabels>[1]> = {}) => ({
  origin: view.summary,
  radius: 100,
  live: true,
  selectedZone: null,
  locale,
  t: translator(en),
  f: formattersFor(locale === 'zh' ? 'zh-CN' : locale === 'ar' ? 'ar' : 'en-GB', translator(en)),
  ...over,
});

describe("a plan's labels", () => {
  const shapes = zoneShapes(view);

  it("name each zone but the concourses in the reader's language, with its crowd in the measure that matters", () => {
    const labels = planLabels(shapes, options('en'));
    const byId = Object.fromEntries(labels.map((l) => [l.id, l.lines]));
    expect(byId['stand-1']).toEqual(['Zone stand-1', '81%']);
    expect(byId['field-1']).toEqual(['Zone field-1', '3%']);
    // A gate's figures are its flow, beside its arrows; its density only when people crowd it.
    expect(byId['gate-1']).toEqual(['Zone gate-1']);
    const queue = zoneShapes({ ...view, zones: { ...view.zones, 'gate-1': zone('gate-1', 'gate', 300) } });
    expect(planLabels(queue, options('en')).find((l) => l.id === 'gate-1')?.lines).toEqual(['Zone gate-1', '3 p/m²']);
    expect(byId['concourse-1']).toBeUndefined();
    const zh = Object.fromEntries(planLabels(shapes, options('zh')).map((l) => [l.id, l.lines]));
    expect(zh['stand-1']![0]).toBe('区域stand-1');
  });

  it("write a gate's flow in the language's numerals, and none while the feed is stale", () => {
    const flow = planLabels(shapes, options('en')).find((l) => l.id === 'flow:gate-1');
    expect(flow?.lines).toEqual(['+37 −12 /min']);
    const arabic = formattersFor('ar', translator(ar, 'ar'));
    const flowAr = planLabels(shapes, { ...options('ar'), t: translator(ar, 'ar'), f: arabic }).find(
      (l) => l.id === 'flow:gate-1',
    );
    expect(flowAr?.lines[0]).toBe(`+${arabic.int(37)} −${arabic.int(12)} /د`);
    expect(planLabels(shapes, options('en', { live: false })).some((l) => l.kind === 'flow')).toBe(false);
  });

  it('come most important first: the zone picked, a zone over its limit, flows, then the largest zones', () => {
    const crowded = zoneShapes({ ...view, zones: { ...view.zones, 'field-1': zone('field-1', 'field', 1200) } });
    expect(planLabels(crowded, options('en')).map((l) => l.id)).toEqual([
      'field-1',
      'flow:gate-1',
      'stand-1',
      'gate-1',
    ]);
    expect(planLabels(shapes, options('en', { selectedZone: 'gate-1' })).map((l) => l.id)[0]).toBe('gate-1');
  });

  it('name a zone not yet counted without a figure', () => {
    const uncounted = zoneShapes({
      ...view,
      zones: { ...view.zones, 'stand-1': zone('stand-1', 'stand', 0, { lastSeen: 0 }) },
    });
    expect(planLabels(uncounted, options('en')).find((l) => l.id === 'stand-1')?.lines).toEqual(['Zone stand-1']);
  });
});

describe('placing labels', () => {
  const box = (x: number, y: number) => ({ x, y, width: 100, height: 30 });

  it('leaves out a label that would overlap one before it, and keeps the first', () => {
    expect(placeLabels([box(200, 200), box(250, 210), box(200, 260)], 1000, 1000)).toEqual([true, false, true]);
  });

  it('leaves out a label that would cross the edge of the map', () => {
    expect(placeLabels([box(40, 200), box(200, 990), box(500, 500)], 1000, 1000)).toEqual([false, false, true]);
  });
});
