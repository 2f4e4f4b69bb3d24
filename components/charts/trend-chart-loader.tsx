'use client';

import dynamic from 'next/dynamic';

/** ECharts draws on a canvas: load it in the browser only. */
export const TrendChartLoader = dynamic(() => import('./trend-chart'), {
  ssr: false,
  loading: () => <div className="chart-canvas" />,
});
