'use client';

import type { ReactNode } from 'react';
import type { WorstStatus } from '@/lib/contracts/stream';
import { STATUS_KEY, statusTextColor } from '@/components/format/format';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

/** People inside a venue against its seats: the venue page's first figure, and the held wall's. */
export function PeopleInsideTile({ occupancy, capacity }: { occupancy: number; capacity: number }) {
  const t = useT();
  const f = useFormat();
  const pct = capacity > 0 ? Math.round((occupancy / capacity) * 100) : null;
  return (
    <section className="kpi" aria-label={t('venue.peopleInside')}>
      <h2 className="kpi-label">{t('venue.peopleInside')}</h2>
      <p className="kpi-value" data-testid="venue-occupancy">
        {f.int(occupancy)}
      </p>
      <p className="kpi-sub">
        {t('venue.ofSeats', { n: capacity })}
        {pct !== null ? ` · ${f.percent(pct)}` : ''}
      </p>
    </section>
  );
}

/** The venue's worst status in words and colour, with a line beneath. */
export function VenueStatusTile({ worst, sub }: { worst: WorstStatus; sub: ReactNode }) {
  const t = useT();
  return (
    <section className="kpi" aria-label={t('venue.status')}>
      <h2 className="kpi-label">{t('venue.status')}</h2>
      <p className="kpi-value" style={{ color: statusTextColor(worst) }}>
        {t(STATUS_KEY[worst])}
      </p>
      <p className="kpi-sub">{sub}</p>
    </section>
  );
}
