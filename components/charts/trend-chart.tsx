'use client';

import { useEffect, useRef } from 'react';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { localeInfo } from '@/lib/i18n/locales';
import { useSituationStore } from '@/components/store/situation-provider';
import type { SituationState } from '@/components/store/situation-store';
import { TREND_BUCKET_MS } from '@/lib/contracts/stream';
import { initChart, timeHeading, type WallChartOption } from './echarts-core';
import { brokenAtGaps, maxStepMs } from './line-gaps';

const AXIS = { color: '#94a3b8' };
const WINDOW_MS = 60 * 60_000;
const PEOPLE = '#38bdf8';
const INCIDENTS = '#ff8a00';
/** People: the finest step between the axis's ticks (its labels tell thousands apart). */
const PEOPLE_TICK_MIN = 1000;
const SPLIT = { lineStyle: { color: 'rgba(148,163,184,0.15)' } };

/** The hour as two lines, broken where the server had no point (it was down, or had just started). */
function seriesData(s: SituationState) {
  const step = maxStepMs(TREND_BUCKET_MS);
  return {
    occupancy: brokenAtGaps(
      s.trend.map((p) => [p.t, p.occupancy] as const),
      step,
    ),
    incidents: brokenAtGaps(
      s.trend.map((p) => [p.t, p.openIncidents] as const),
      step,
    ),
  };
}

/** People inside venues and open incidents over the last hour, live. */
export default function TrendChart() {
  const el = useRef<HTMLDivElement>(null);
  const store = useSituationStore();
  const t = useT();
  const f = useFormat();
  // Right to left (Arabic): time runs leftwards and the people scale stands on the right, as the page reads.
  const rtl = localeInfo(useLocale()).dir === 'rtl';

  useEffect(() => {
    if (!el.current) return;
    const chart = initChart(el.current, undefined, { renderer: 'canvas' });
    const base = Math.max(12, Math.round((el.current.clientWidth / 900) * 14));
    const option: WallChartOption = {
      animation: false,
      // The page's own faces, so every language's script draws on the canvas too.
      textStyle: { fontFamily: getComputedStyle(el.current).fontFamily, fontSize: base },
      // One plot, two scales: people on the left, open incidents on the right.
      grid: {
        left: rtl ? base * 3 : base * 4,
        right: rtl ? base * 4 : base * 3,
        top: base * 2.2,
        bottom: base * 2,
      },
      // A break in the line (no data there) is not a zero.
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? f.int(v) : '–') },
      xAxis: {
        type: 'time',
        inverse: rtl,
        ...timeHeading(f.clock),
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
          nameTextStyle: { color: PEOPLE, fontSize: base, align: rtl ? 'right' : 'left' },
          // Ticks at least a thousand apart, each written out to four figures: rounded to whole thousands, a
          // narrow hour's ticks had read "100k, 100k, 101k".
          axisLabel: { color: PEOPLE, fontSize: base, formatter: (v: number) => f.compact(v) },
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
          nameTextStyle: { color: INCIDENTS, fontSize: base, align: rtl ? 'left' : 'right' },
          axisLabel: { color: INCIDENTS, fontSize: base },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          id: 'occupancy',
          name: t('trend.people'),
          type: 'line',
          yAxisIndex: 0,
          showSymbol: false,
          lineStyle: { width: 3, color: PEOPLE },
          areaStyle: { color: 'rgba(56,189,248,0.16)' },
          data: [],
        },
        {
          id: 'incidents',
          name: t('trend.incidents'),
          type: 'line',
          step: 'end',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { width: 3, color: INCIDENTS },
          data: [],
        },
      ],
    };
    chart.setOption(option);

    const update = (s: SituationState) => {
      const d = seriesData(s);
      // Always the last hour, so the axis reads the same at a glance however much data there is.
      const max = s.trend.at(-1)?.t ?? Date.now();
      const window = { min: max - WINDOW_MS, max };
      chart.setOption<WallChartOption>(
        {
          xAxis: window,
          series: [
            { id: 'occupancy', data: d.occupancy },
            { id: 'incidents', data: d.incidents },
          ],
        },
        { lazyUpdate: true },
      );
    };
    update(store.getState());

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.trend !== prev.trend) update(s);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      unsubscribe();
      resize.disconnect();
      chart.dispose();
    };
  }, [store, t, f, rtl]);

  return <div ref={el} className="chart-canvas" role="img" aria-label={t('trend.label')} />;
}
