'use client';

import dynamic from 'next/dynamic';
import type { HistoryChartProps } from './history-chart';

/** ECharts draws on a canvas: load it in the browser only. */
export const HistoryChartLoader = dynamic<HistoryChartProps>(() => import('./history-chart'), {
  ssr: false,
  loading: () => <div className="history-canvas" />,
});
