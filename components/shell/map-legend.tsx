'use client';

import { useFormat, useT } from '@/components/i18n/i18n-provider';
import type { Level } from './level';

/** What the map's colours and shapes mean at this level. */
export function MapLegend({ level }: { level: Level }) {
  const t = useT();
  const f = useFormat();
  if (level.kind === 'city') {
    return (
      <ul className="legend" aria-label={t('legend.label')}>
        <li className="legend-ok">{t('legend.ok')}</li>
        <li className="legend-warning">{t('legend.warning')}</li>
        <li className="legend-critical">{t('legend.critical')}</li>
        <li className="legend-offline">{t('legend.offline')}</li>
        <li className="legend-size">{t('legend.size')}</li>
        <li className="legend-cluster">
          <span className="legend-cluster-mark" aria-hidden>
            {f.int(3)}
          </span>
          {t('legend.cluster')}
        </li>
      </ul>
    );
  }
  return (
    <ul className="legend legend-plan" aria-label={t('legend.label')}>
      <li className="legend-los">
        {t('legend.los')}{' '}
        {(['A', 'B', 'C', 'D', 'E', 'F'] as const).map((l) => (
          <span key={l} className={`los-swatch los-${l}`}>
            {l}
          </span>
        ))}
      </li>
      <li className="legend-seated">{t('legend.seated')}</li>
      <li className="legend-in">{t('legend.in')}</li>
      <li className="legend-out">{t('legend.out')}</li>
      <li className="legend-dot">{t('legend.sensors')}</li>
    </ul>
  );
}
