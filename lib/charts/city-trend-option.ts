/**
 * The wall's "last hour" chart as an ECharts option: people inside venues and open incidents, one plot,
 * two scales. Drawn by ECharts on the server (lib/server/city-trend-svg.ts); the browser places its pointer
 * readout with the same geometry (`cityTrendGrid`), so both come from here.
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TrendPoint } from '../contracts/stream';
import { TREND_BUCKET_MS } from '../contracts/stream';
import type { Formatters } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import { brokenAtGaps, maxStepMs } from './line-gaps';

export type CityTrendOption = ComposeOption<LineSeriesOption | GridComponentOption>;

/** The chart always spans the last hour, so its axis reads the same at a glance however much data there is. */
export const CITY_TREND_WINDOW_MS = 60 * 60_000;
const AXIS = { color: '#94a3b8' };
const PEOPLE_COLOUR = '#38bdf8';
const INCIDENTS_COLOUR = '#ff8a00';
/** People: the finest step between the axis's ticks (its labels tell thousands apart). */
const PEOPLE_TICK_MIN = 1000;
const SPLIT = { lineStyle: { color: 'rgba(148,163,184,0.15)' } };
/** Both lines: no points marked, nothing under a pointer (the page reads the figures itself). */
const LINE = { type: 'line', showSymbol: false, silent: true, emphasis: { disabled: true } } as const;

/** The sizes the chart is drawn at (CSS px): a phone's panel up to a whole 8K wall. */
export const CHART_SIZE = { minWidth: 120, maxWidth: 7680, minHeight: 80, maxHeight: 4320 } as const;

/** The chart's type size for its width: 14 px at 900 wide, never under 12. */
export const cityTrendFontPx = (width: number) => Math.max(12, Math.round((width / 900) * 14));

/** Where the plot lies inside the chart (px from each edge): the axes' labels and names around it. */
export function cityTrendGrid(width: number, rtl: boolean) {
  const base = cityTrendFontPx(width);
  return { left: rtl ? base * 3 : base * 4, right: rtl ? base * 4 : base * 3, top: base * 2.2, bottom: base * 2 };
}

/** The hour's window ending at the newest point (or `now` before there is one). */
export function cityTrendWindow(trend: readonly TrendPoint[], now: number) {
  const max = trend.at(-1)?.t ?? now;
  return { min: max - CITY_TREND_WINDOW_MS, max };
}

export interface CityTrendOptionInput {
  trend: readonly TrendPoint[];
  width: number;
  /** Right to left (Arabic): time runs leftwards and the people scale stands on the right, as the page reads. */
  rtl: boolean;
  t: Translate;
  f: Formatters;
  now: number;
}

/** The option for one drawing of the chart. No animation, no hover: it is drawn once per bucket. */
export function cityTrendOption({ trend, width, rtl, t, f, now }: CityTrendOptionInput): CityTrendOption {
  const base = cityTrendFontPx(width);
  // A break in the line where the server had no point (it was down, or had just started): not a zero.
  const step = maxStepMs(TREND_BUCKET_MS);
  const occupancy = brokenAtGaps(
    trend.map((p) => [p.t, p.occupancy] as const),
    step,
  );
  const incidents = brokenAtGaps(
    trend.map((p) => [p.t, p.openIncidents] as const),
    step,
  );
  return {
    animation: false,
    // The page's own faces (the SVG sits in the page), so every language's script draws.
    textStyle: { fontFamily: 'inherit', fontSize: base },
    grid: cityTrendGrid(width, rtl),
    xAxis: {
      type: 'time',
      ...cityTrendWindow(trend, now),
      inverse: rtl,
      silent: true,
      axisLabel: { ...AXIS, fontSize: base, formatter: (v: number) => f.hm(v) },
      axisLine: { lineStyle: AXIS },
      splitLine: { show: false },
      splitNumber: 6,
    },
    yAxis: [
      {
        type: 'value',
        name: t('trend.people'),
        position: rtl ? 'right' : 'left',
        silent: true,
        nameTextStyle: { color: PEOPLE_COLOUR, fontSize: base, align: rtl ? 'right' : 'left' },
        // Ticks at least a thousand apart, each written out to four figures: rounded to whole thousands, a
        // narrow hour's ticks had read "100k, 100k, 101k".
        axisLabel: { color: PEOPLE_COLOUR, fontSize: base, formatter: (v: number) => f.compact(v) },
        splitLine: SPLIT,
        splitNumber: 3,
        minInterval: PEOPLE_TICK_MIN,
        scale: true,
      },
      {
        type: 'value',
        name: t('trend.incidents'),
        minInterval: 1,
        splitNumber: 3,
        position: rtl ? 'left' : 'right',
        silent: true,
        nameTextStyle: { color: INCIDENTS_COLOUR, fontSize: base, align: rtl ? 'left' : 'right' },
        axisLabel: { color: INCIDENTS_COLOUR, fontSize: base, formatter: (v: number) => f.int(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        ...LINE,
        id: 'occupancy',
        yAxisIndex: 0,
        lineStyle: { width: 3, color: PEOPLE_COLOUR },
        areaStyle: { color: 'rgba(56,189,248,0.16)' },
        data: occupancy,
      },
      {
        ...LINE,
        id: 'incidents',
        step: 'end',
        yAxisIndex: 1,
        lineStyle: { width: 3, color: INCIDENTS_COLOUR },
        data: incidents,
      },
    ],
  };
}
