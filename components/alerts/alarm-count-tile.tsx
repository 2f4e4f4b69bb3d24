'use client';

import { useMemo } from 'react';
import { alarmCounts } from '@/lib/contracts/alarm-counts';
import { SEVERITY_KEY, SEVERITY_ORDER } from '@/components/format/format';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import type { AlertMap } from '@/components/store/alert-map';

/**
 * The headline alarm figure: alarms nobody has acknowledged, by severity, counted as the banner,
 * the alert panels and the phone count them (lib/contracts/alarm-counts.ts).
 */
export function AlarmCountTile({ alerts, loaded }: { alerts: AlertMap; loaded: boolean }) {
  const t = useT();
  const f = useFormat();
  const counts = useMemo(() => alarmCounts(Object.values(alerts)).unacknowledged, [alerts]);
  return (
    <section className="kpi kpi-incidents" aria-label={t('kpi.alarmsUnacknowledged')}>
      <h2 className="kpi-label">{t('kpi.alarmsUnacknowledged')}</h2>
      <p className="kpi-value" data-testid="kpi-alarms-unacknowledged">
        {loaded ? f.int(counts.total) : '—'}
      </p>
      <ul className="severity-counts">
        {SEVERITY_ORDER.map((s) => (
          <li key={s} className={`sev sev-${s}`}>
            <span className="sev-n">{loaded ? f.int(counts[s]) : '—'}</span> {t(SEVERITY_KEY[s])}
          </li>
        ))}
      </ul>
    </section>
  );
}
