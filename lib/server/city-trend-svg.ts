/**
 * The wall's "last hour" chart drawn by ECharts on the server, as SVG (ECharts' server-side rendering).
 * In the browser the chart cost `/` ECharts' core, 136 KB of its 486 KB of compressed JavaScript, for one
 * line chart that changes once per 10 s bucket; drawn here it is about 3 KB of compressed SVG per bucket,
 * sharp at any size, in the page's own fonts. Walls of one size and language share each drawing.
 */
import 'server-only';
import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use as register } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { cityTrendOption } from '../charts/city-trend-option';
import type { TrendPoint } from '../contracts/stream';
import { formattersFor } from '../i18n/format';
import { localeInfo, type Locale } from '../i18n/locales';
import { MESSAGES } from '../i18n/messages';
import { translator } from '../i18n/translate';

register([LineChart, GridComponent, SVGRenderer]);

export interface CityTrendDrawing {
  width: number;
  height: number;
  locale: Locale;
  /** The newest point the browser has: the drawing ends there, so it matches what the page shows beside it. */
  to: number;
}

/** Recent drawings by size, language and end: a bucket's new drawing is made once for all walls alike. */
const DRAWINGS_KEPT = 32;
const drawings = new Map<string, string>();

/**
 * The chart as an SVG document, from the server's trend up to `to`; null when it is not drawn yet and
 * `mayDraw` says no (a drawing takes ~20 ms of the process's one thread: a bounded number per person).
 */
export function cityTrendSvg(
  trend: readonly TrendPoint[],
  drawing: CityTrendDrawing,
  mayDraw: () => boolean = () => true,
): string | null {
  const shown = trend.filter((p) => p.t <= drawing.to);
  const newest = shown.at(-1)?.t ?? 0;
  const key = `${drawing.width}x${drawing.height}|${drawing.locale}|${drawing.to}|${newest}|${shown.length}`;
  const kept = drawings.get(key);
  if (kept !== undefined) return kept;
  if (!mayDraw()) return null;

  const info = localeInfo(drawing.locale);
  const t = translator(MESSAGES[drawing.locale], info.intl);
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: drawing.width, height: drawing.height });
  try {
    chart.setOption(
      cityTrendOption({
        trend: shown,
        width: drawing.width,
        rtl: info.dir === 'rtl',
        t,
        f: formattersFor(info.intl, t),
        now: drawing.to,
      }),
    );
    const svg = chart.renderToSVGString();
    if (drawings.size >= DRAWINGS_KEPT) drawings.delete(drawings.keys().next().value!);
    drawings.set(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}
