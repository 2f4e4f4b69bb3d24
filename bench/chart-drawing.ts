/**
 * `npm run bench -- chart-drawing`: what the server pays to draw the wall's last hour (ECharts' SVG renderer,
 * lib/server/city-trend-svg.ts) and what a wall downloads per drawing. A full hour (360 points of 10 s), each
 * drawing new (its end moves a bucket, as on a live wall), at a tablet's, a 1080p wall's and a 4K wall's panel
 * size, in English, Chinese and Arabic; BENCH_CHART_DRAWINGS (30) per size and language after 5 to warm up.
 * Bytes: the SVG as drawn, and compressed as the server sends it (brotli quality 4, gzip 6).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { TrendPoint } from '../lib/contracts/stream';
import type { Locale } from '../lib/i18n/locales';
import { cityTrendSvg } from '../lib/server/city-trend-svg';
import { median, percentile } from './harness';

const DRAWINGS = Number(process.env.BENCH_CHART_DRAWINGS ?? 30);
const SIZES = [
  { name: 'tablet 1024x768', width: 980, height: 300 },
  { name: 'wall 1920x1080', width: 1095, height: 205 },
  { name: 'wall 3840x2160', width: 2190, height: 410 },
];
const LOCALES: Locale[] = ['en', 'zh', 'ar'];

/** An hour of a city's crowd: a slow swell with noise, incidents opening and closing. */
function hourEnding(end: number): TrendPoint[] {
  return Array.from({ length: 360 }, (_, i) => ({
    t: end - (359 - i) * 10_000,
    occupancy: Math.round(95_000 + 8_000 * Math.sin(i / 50) + 400 * Math.sin(i * 1.7)),
    openIncidents: Math.round(3 + 2 * Math.sin(i / 23)),
  }));
}

export async function benchChartDrawing() {
  const rows = [];
  let end = Math.floor(Date.now() / 10_000) * 10_000;
  for (const size of SIZES)
    for (const locale of LOCALES) {
      const ms: number[] = [];
      let svg = '';
      for (let i = 0; i < DRAWINGS + 5; i++) {
        end += 10_000;
        const trend = hourEnding(end);
        const started = performance.now();
        svg = cityTrendSvg(trend, { width: size.width, height: size.height, locale, to: end })!;
        if (i >= 5) ms.push(performance.now() - started);
      }
      const raw = Buffer.byteLength(svg);
      rows.push({
        size: size.name,
        panel: `${size.width}x${size.height}`,
        locale,
        drawings: ms.length,
        msMedian: +median(ms).toFixed(1),
        msP95: +percentile(ms, 95).toFixed(1),
        svgKB: +(raw / 1024).toFixed(1),
        brotliKB: +(brotliCompressSync(svg, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length / 1024).toFixed(
          1,
        ),
        gzipKB: +(gzipSync(svg, { level: 6 }).length / 1024).toFixed(1),
      });
    }
  console.table(rows);
  return rows;
}
