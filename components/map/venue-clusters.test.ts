import { describe, expect, it } from 'vitest';
import type { VenuePoint } from './city-layers';
import { clusterGroups, clusterZoom, groupsMemo, venueMarkersOf } from './venue-clusters';
import { countPlaces, type ClusterCount } from './cluster-count-overlay';

const venue = (id: string, lon: number, lat: number, over: Partial<VenuePoint> = {}): VenuePoint => ({
  id,
  name: id,
  zh: id,
  position: [lon, lat],
  occupancy: 1000,
  capacity: 5000,
  worst: 'ok',
  alarm: null,
  ...over,
});

// Three venues of one sports centre some 300 m apart, one across the river 8 km away, one in another city.
const OLYMPIC = [venue('gym', 120.23, 30.23), venue('stadium', 120.233, 30.231), venue('aquatics', 120.229, 30.233)];
const ACROSS = venue('binjiang', 120.2, 30.3);
const NINGBO = venue('ningbo', 121.55, 29.87);
const ALL = [...OLYMPIC, ACROSS, NINGBO];

describe('clusterGroups', () => {
  it('draws venues that would overlap at the province scale as one, and keeps a distant city apart', () => {
    expect(clusterGroups(ALL, 7, 22)).toEqual([['gym', 'stadium', 'aquatics', 'binjiang'], ['ningbo']]);
  });

  it('opens clusters up as the map zooms in', () => {
    expect(clusterGroups(ALL, 11, 22)).toEqual([['gym', 'stadium', 'aquatics'], ['binjiang'], ['ningbo']]);
    expect(clusterGroups(ALL, 16, 22)).toEqual([['gym'], ['stadium'], ['aquatics'], ['binjiang'], ['ningbo']]);
  });

  it('groups wider markers sooner (a 4K wall draws them larger)', () => {
    const near = [venue('a', 120.0, 30.0), venue('b', 120.06, 30.0)];
    // ~5.8 km apart: at zoom 8 some 22 px on screen.
    expect(clusterGroups(near, 8, 15)).toHaveLength(2);
    expect(clusterGroups(near, 8, 40)).toHaveLength(1);
  });

  it('keeps the board order within and across groups, whatever order they merged in', () => {
    const groups = clusterGroups([NINGBO, ...OLYMPIC], 7, 22);
    expect(groups).toEqual([['ningbo'], ['gym', 'stadium', 'aquatics']]);
  });
});

describe('clusterZoom', () => {
  it('works in half levels', () => {
    expect([7.0, 7.49, 7.5, 7.99].map(clusterZoom)).toEqual([7, 7, 7.5, 7.5]);
  });
});

describe('groupsMemo', () => {
  it('works the groups out again only for a new zoom, size or set of positions', () => {
    const groupsOf = groupsMemo();
    const first = groupsOf(ALL, 7, 22);
    expect(
      groupsOf(
        ALL.map((v) => ({ ...v, occupancy: v.occupancy + 5 })),
        7,
        22,
      ),
    ).toBe(first);
    expect(groupsOf(ALL, 7.5, 22)).not.toBe(first);
  });
});

describe('venueMarkersOf', () => {
  it("gives a cluster its venues' crowd, their worst status and their worst unacknowledged alarm", () => {
    const points = [
      venue('gym', 120.23, 30.23, { occupancy: 2000, worst: 'warning' }),
      venue('stadium', 120.233, 30.231, { occupancy: 50_000, worst: 'ok', alarm: 'minor' }),
      venue('aquatics', 120.229, 30.233, { occupancy: 3000, worst: 'critical', alarm: 'major' }),
      NINGBO,
    ];
    const [cluster, alone] = venueMarkersOf(points, [['gym', 'stadium', 'aquatics'], ['ningbo']]);
    expect(cluster).toMatchObject({
      id: 'cluster:gym',
      occupancy: 55_000,
      capacity: 15_000,
      worst: 'critical',
      alarm: 'major',
    });
    expect(cluster!.members.map((m) => m.id)).toEqual(['gym', 'stadium', 'aquatics']);
    expect(cluster!.position[0]).toBeCloseTo(120.2307, 3);
    expect(alone).toMatchObject({ id: 'ningbo', name: 'ningbo', members: [NINGBO] });
  });

  it('an offline venue outranks a warning, a critical one everything', () => {
    const points = [venue('a', 0, 0, { worst: 'warning' }), venue('b', 0, 0, { worst: 'offline' })];
    expect(venueMarkersOf(points, [['a', 'b']])[0]!.worst).toBe('offline');
  });
});

describe('countPlaces', () => {
  const counts: ClusterCount[] = [
    { key: 'main|a', view: 'main', position: [1, 1], text: '4', tone: 'ok' },
    { key: 'main|b', view: 'main', position: [2, 2], text: '3', tone: 'ok' },
    { key: 'inset|a', view: 'inset', position: [1, 1], text: '2', tone: 'ok' },
    { key: 'inset|b', view: 'inset', position: [3, 0], text: '2', tone: 'ok' },
  ];
  const project = (p: [number, number]) => [p[0] * 100, p[1] * 100];

  it("puts the inset's counts in the inset, hides the main map's under it and the inset's beyond its edge", () => {
    const cover = { x: 150, y: 150, width: 100, height: 100 };
    expect(countPlaces(counts, project, project, cover)).toEqual([[100, 100], null, [250, 250], null]);
  });

  it('has nowhere for an inset count without an inset', () => {
    expect(countPlaces(counts, project, null, null)).toEqual([[100, 100], [200, 200], null, null]);
  });
});
