import { describe, expect, it } from 'vitest';
import { readWallConfig, parseWallConfig } from './wall-config';

const grid = (areas: string[]) => ({ areas });
const screen = { name: 'S', city: grid(['map']), incidents: grid(['map']), venue: grid(['map']) };

describe('the wall configuration', () => {
  it('ships a valid file', () => {
    const config = readWallConfig('config/wall.json');
    expect(config.rotation.views.length).toBeGreaterThan(0);
    expect(config.screens['2']).toHaveLength(2);
  });

  it('refuses what would lay a wall out wrong, saying where', () => {
    const base = {
      rotation: { views: [{ view: 'city', seconds: 30 }] },
      watchdog: { reloadAfterDeadSeconds: 120, maxHeapMb: 1024 },
      screens: {},
    };
    // A file from before rooms existed still reads: no wall is sized for a room.
    expect(parseWallConfig(base, 'f').rooms).toEqual({});
    expect(() =>
      parseWallConfig({ ...base, rooms: { main: { name: 'M', diagonalInches: 65, viewingDistanceM: 0 } } }, 'f'),
    ).toThrow(/^f: \/rooms\/main\/viewingDistanceM/);
    expect(() => parseWallConfig({ ...base, rotation: { views: [] } }, 'f')).toThrow(/^f: \/rotation\/views/);
    expect(() => parseWallConfig({ ...base, screens: { '2': [screen] } }, 'f')).toThrow(/lists 1 screens, not 2/);
    expect(() =>
      parseWallConfig({ ...base, screens: { '2': [screen, { ...screen, city: grid(['map', 'chart']) }] } }, 'f'),
    ).toThrow(/\/screens\/2\/1\/city\/areas names no panel 'chart'/);
    expect(() =>
      parseWallConfig({ ...base, screens: { '2': [screen, { ...screen, venue: grid(['kpis']) }] } }, 'f'),
    ).toThrow(/venue\/areas names no panel 'kpis'/);
    expect(() =>
      parseWallConfig(
        { ...base, screens: { '2': [screen, { ...screen, city: grid(['map kpis', 'kpis map']) }] } },
        'f',
      ),
    ).toThrow(/'map' is not a rectangle/);
    expect(() =>
      parseWallConfig({ ...base, screens: { '2': [screen, { ...screen, city: grid(['map kpis', 'map']) }] } }, 'f'),
    ).toThrow(/rows differ in length/);
  });
});
