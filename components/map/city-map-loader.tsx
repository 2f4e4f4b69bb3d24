'use client';

import dynamic from 'next/dynamic';
import type { CityMapProps } from './city-map';

/** deck.gl needs WebGL: load it in the browser only. */
export const CityMapLoader = dynamic<CityMapProps>(() => import('./city-map'), {
  ssr: false,
  loading: () => <div className="map-canvas map-loading">Loading map…</div>,
});
