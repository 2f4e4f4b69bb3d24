'use client';

import { formatClock, formatDate } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';

/** Games time: the clock of the host city, whatever the browser's time zone. */
export function ShanghaiClock() {
  const now = useNow(1000);
  return (
    <div className="clock" aria-label="Time in Hangzhou">
      <time className="clock-time" dateTime={new Date(now).toISOString()} suppressHydrationWarning>
        {formatClock(now)}
      </time>
      <span className="clock-date" suppressHydrationWarning>
        {formatDate(now)} · CST
      </span>
    </div>
  );
}
