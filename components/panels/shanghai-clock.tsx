'use client';

import { useNow } from '@/components/format/use-now';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

/** Games time: the clock of the host city, whatever the browser's time zone. */
export function ShanghaiClock() {
  const now = useNow(1000);
  const t = useT();
  const { clock, date } = useFormat();
  return (
    <div className="clock" aria-label={t('clock.label')}>
      <time className="clock-time" dateTime={new Date(now).toISOString()} suppressHydrationWarning>
        {clock(now)}
      </time>
      <span className="clock-date" suppressHydrationWarning>
        {date(now)} · {t('clock.zone')}
      </span>
    </div>
  );
}
