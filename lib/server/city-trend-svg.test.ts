import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../contracts/stream';
import ar from '../i18n/messages/ar.json';
import { cityTrendSvg } from './city-trend-svg';

const NOW = 1_764_000_000_000;
const trend: TrendPoint[] = Array.from({ length: 360 }, (_, i) => ({
  t: NOW - (359 - i) * 10_000,
  occupancy: 90_000 + i * 10,
  openIncidents: i % 7,
}));

describe("the wall's last-hour chart drawn on the server", () => {
  it('is an SVG of the size asked, with both lines and its scales named in the language asked', () => {
    const svg = cityTrendSvg(trend, { width: 700, height: 260, locale: 'ja', to: NOW })!;
    expect(svg).toMatch(/^<svg [^>]*width="700" height="260"/);
    // People and incidents, each a line three pixels wide in its own colour.
    expect(svg).toMatch(/<path d="M[^"]+"[^>]*stroke="#38bdf8" stroke-width="3"/);
    expect(svg).toMatch(/<path d="M[^"]+"[^>]*stroke="#ff8a00" stroke-width="3"/);
    expect(svg).toContain('場内の人数');
    expect(svg).not.toContain('<script');
  });

  it('in Arabic is mirrored: the people scale named at the right, the incidents at the left', () => {
    const svg = cityTrendSvg(trend, { width: 700, height: 260, locale: 'ar', to: NOW })!;
    const xOf = (name: string) =>
      Number(svg.match(new RegExp(`translate\\(([\\d.]+) [\\d.]+\\)"[^>]*>${name}</text>`))?.[1]);
    const people = xOf(ar['trend.people']);
    const incidents = xOf(ar['trend.incidents'].replace(/[()]/g, '\\$&'));
    expect(people).toBeGreaterThan(350);
    expect(incidents).toBeLessThan(350);
  });

  it('ends at the point the page has, not at a newer one the server has since made', () => {
    const early = cityTrendSvg(trend, { width: 700, height: 260, locale: 'en', to: NOW - 600_000 })!;
    const late = cityTrendSvg(trend, { width: 700, height: 260, locale: 'en', to: NOW })!;
    expect(early).not.toBe(late);
  });

  it('draws each size, language and end once, and draws nothing new when told it may not', () => {
    const drawing = { width: 701, height: 260, locale: 'en', to: NOW } as const;
    const first = cityTrendSvg(trend, drawing)!;
    let asked = 0;
    const again = cityTrendSvg(trend, drawing, () => (asked++, false));
    expect(again).toBe(first);
    expect(asked).toBe(0);
    expect(cityTrendSvg(trend, { ...drawing, width: 702 }, () => false)).toBeNull();
  });
});
