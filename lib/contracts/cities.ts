/**
 * The six host cities of the Games. Geography for the map is in public/geo/zhejiang.geojson;
 * `label` is where the map writes the name, clear of the venue markers; the names, in every
 * language of the interface, are in lib/i18n/city-names.ts.
 */
export const CITIES = [
  { id: 'hangzhou', lon: 120.16, lat: 30.27, label: [119.45, 29.95] },
  { id: 'ningbo', lon: 121.55, lat: 29.87, label: [121.45, 29.6] },
  { id: 'wenzhou', lon: 120.7, lat: 28.0, label: [120.35, 28.25] },
  { id: 'huzhou', lon: 120.09, lat: 30.89, label: [119.65, 30.85] },
  { id: 'shaoxing', lon: 120.58, lat: 30.0, label: [120.62, 29.72] },
  { id: 'jinhua', lon: 119.65, lat: 29.08, label: [119.65, 28.85] },
] as const;

export type CityId = (typeof CITIES)[number]['id'];
