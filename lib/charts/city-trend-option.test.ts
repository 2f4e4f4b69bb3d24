import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../contracts/stream';
import { formattersFor } from '../i18n/format';
import { translator } from '../i18n/translate';
import ar from '../i18n/messages/ar.json';
import en from '../i18n/messages/en.json';
import { CITY_TREND_WINDOW_MS, cityTrendGrid, cityTrendOption } from './city-trend-option';

const NOW = 1_764_000_000_000;
const point = (minutesAgo: number, occupancy: number, openIncidents = 2): TrendPoint => ({
  t: NOW - minutesAgo * 60_000,
  occupancy,
  openIncidents,
});

function optionFor(trend: TrendPoint[], lang: 'en' | 'ar') {
  const t = translator(lang === 'en' ? en : ar, lang === 'en' ? 'en-GB' : 'ar');
  return cityTrendOption({ trend, width: 900, rtl: lang === 'ar', t, f: formattersFor(lang, t), now: NOW });
}

describe("the wall's last-hour chart", () => {
  it('always spans the hour up to the newest point, however few points there are', () => {
    const option = optionFor([point(3, 90_000), point(2, 91_000)], 'en');
    const x = option.xAxis as { min: number; max: number };
    expect(x.max).toBe(NOW - 2 * 60_000);
    expect(x.max - x.min).toBe(CITY_TREND_WINDOW_MS);
  });

  it('draws a hole where the server had no point, not a slope across it', () => {
    const option = optionFor([point(30, 90_000), point(29.9, 90_100), point(10, 60_000)], 'en');
    const [people] = option.series as { data: [number, number | null][] }[];
    expect(people!.data.map(([, v]) => v)).toEqual([90_000, 90_100, null, 60_000]);
  });

  it('in Arabic runs time leftwards with the people scale on the right, and moves its plot to match', () => {
    const option = optionFor([point(1, 90_000)], 'ar');
    expect((option.xAxis as { inverse: boolean }).inverse).toBe(true);
    const [people, incidents] = option.yAxis as { position: string; name: string }[];
    expect(people!.position).toBe('right');
    expect(incidents!.position).toBe('left');
    expect(people!.name).toBe(ar['trend.people']);
    const grid = cityTrendGrid(900, true);
    expect(grid.right).toBeGreaterThan(grid.left);
    expect(cityTrendGrid(900, false).left).toBe(grid.right);
  });
});
