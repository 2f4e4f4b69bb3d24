'use client';

import dynamic from 'next/dynamic';

/** deck.gl needs WebGL: load it in the browser only. */
export const CityMapLoader = dynamic(() => import('./city-map'), {
  ssr: false,
  loading: () => <div className="map-canvas map-loading">Loading map…</div>,
});
