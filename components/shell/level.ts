/**
 * Where in the drill-down a URL is: the city, a venue, one of its zones, or one of its
 * sensors. The shell, the map and the breadcrumbs all read the level from the path, so
 * a deep link or a reload restores the same view.
 */
import { ID_PATTERN } from '@/lib/contracts/topics';

export type Level =
  | { kind: 'city' }
  | { kind: 'venue'; venueId: string }
  | { kind: 'zone'; venueId: string; zoneId: string }
  | { kind: 'sensor'; venueId: string; sensorId: string };

const ID = ID_PATTERN.replace(/^\^|\$$/g, '');
const VENUE = new RegExp(`^/venues/(${ID})(?:/(zones|sensors)/(${ID}))?/?$`);

export function parseLevel(pathname: string): Level {
  const m = VENUE.exec(pathname);
  if (!m) return { kind: 'city' };
  const [, venueId = '', sub, subId = ''] = m;
  if (sub === 'zones') return { kind: 'zone', venueId, zoneId: subId };
  if (sub === 'sensors') return { kind: 'sensor', venueId, sensorId: subId };
  return { kind: 'venue', venueId };
}

export const venueHref = (venueId: string) => `/venues/${venueId}`;
export const zoneHref = (venueId: string, zoneId: string) => `/venues/${venueId}/zones/${zoneId}`;
export const sensorHref = (venueId: string, sensorId: string) => `/venues/${venueId}/sensors/${sensorId}`;

/** A key that changes exactly when the view should fly somewhere else. */
export function levelKey(level: Level): string {
  switch (level.kind) {
    case 'city':
      return 'city';
    case 'venue':
      return `venue:${level.venueId}`;
    case 'zone':
      return `zone:${level.venueId}/${level.zoneId}`;
    case 'sensor':
      return `sensor:${level.venueId}/${level.sensorId}`;
  }
}
