/**
 * The six host cities of the Games. Geography for the map is in public/geo/zhejiang.geojson;
 * `label` is where the map writes the name, clear of the venue markers.
 */
export const CITIES = [
  { id: 'hangzhou', name: { en: 'Hangzhou', zh: '杭州' }, lon: 120.16, lat: 30.27, label: [119.45, 29.95] },
  { id: 'ningbo', name: { en: 'Ningbo', zh: '宁波' }, lon: 121.55, lat: 29.87, label: [121.45, 29.6] },
  { id: 'wenzhou', name: { en: 'Wenzhou', zh: '温州' }, lon: 120.7, lat: 28.0, label: [120.35, 28.25] },
  { id: 'huzhou', name: { en: 'Huzhou', zh: '湖州' }, lon: 120.09, lat: 30.89, label: [119.65, 30.85] },
  { id: 'shaoxing', name: { en: 'Shaoxing', zh: '绍兴' }, lon: 120.58, lat: 30.0, label: [120.62, 29.72] },
  { id: 'jinhua', name: { en: 'Jinhua', zh: '金华' }, lon: 119.65, lat: 29.08, label: [119.65, 28.85] },
] as const;

export type CityId = (typeof CITIES)[number]['id'];
