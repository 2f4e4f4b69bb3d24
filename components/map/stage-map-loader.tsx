'use client';

import dynamic from 'next/dynamic';
import { useT } from '@/components/i18n/i18n-provider';
import type { StageMapProps } from './stage-map';

function MapLoading() {
  return <div className="map-canvas map-loading">{useT()('map.loading')}</div>;
}

/** deck.gl needs WebGL: load it in the browser only. */
export const StageMapLoader = dynamic<StageMapProps>(() => import('./stage-map'), {
  ssr: false,
  loading: MapLoading,
});
