'use client';

import dynamic from 'next/dynamic';
import type { StageMapProps } from './stage-map';

/** deck.gl needs WebGL: load it in the browser only. */
export const StageMapLoader = dynamic<StageMapProps>(() => import('./stage-map'), {
  ssr: false,
  loading: () => <div className="map-canvas map-loading">Loading map…</div>,
});
