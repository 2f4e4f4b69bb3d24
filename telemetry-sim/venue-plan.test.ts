import { describe, expect, it } from 'vitest';
import { contains, interiorPoint, signedArea } from '../lib/plan/plan-geometry';
import { buildWorld } from './world';

const world = buildWorld(1);

describe('the simulated venue plans', () => {
  it('outline every zone and place every sensor', () => {
    for (const v of world) {
      for (const z of v.def.zones) expect(z.outline?.length, `${v.def.id}/${z.id}`).toBeGreaterThanOrEqual(3);
      for (const s of v.def.sensors) expect(s.position, `${v.def.id}/${s.id}`).toHaveLength(2);
    }
  });

  it('put each zoned sensor inside its own zone', () => {
    for (const v of world) {
      for (const s of v.def.sensors) {
        if (s.zoneId === undefined) continue;
        const inside = v.def.zones.filter((z) => contains(z.outline!, s.position!)).map((z) => z.id);
        expect(inside, `${v.def.id}/${s.id}`).toEqual([s.zoneId]);
      }
    }
  });

  it('do not overlap: a point inside a zone lies in that zone only', () => {
    for (const v of world) {
      for (const z of v.def.zones) {
        const c = interiorPoint(z.outline!);
        const hits = v.def.zones.filter((o) => contains(o.outline!, c)).map((o) => o.id);
        expect(hits, `${v.def.id}/${z.id}`).toEqual([z.id]);
      }
    }
  });

  it('draw gates, concourses and the field as big as their declared areas', () => {
    for (const v of world) {
      for (const z of v.def.zones) {
        if (z.kind === 'stand') continue; // stands take the sector their compass name gives them
        const drawn = Math.abs(signedArea(z.outline!));
        expect(drawn / z.areaM2, `${v.def.id}/${z.id}`).toBeGreaterThan(0.9);
        expect(drawn / z.areaM2, `${v.def.id}/${z.id}`).toBeLessThan(1.1);
      }
    }
  });
});
