'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import type { VenueState } from '@/components/store/venue-store';
import type { MessageKey } from '@/lib/i18n/translate';
import type { HistorySpan } from './history-chart';
import { HistoryChartLoader } from './history-chart-loader';

const SPAN_KEY = { hour: 'history.spanHour', day: 'history.spanDay', games: 'history.spanGames' } as const;

export interface HistoryPanelProps {
  url: string;
  /** The panel's heading for each span. */
  titles: Record<HistorySpan, MessageKey>;
  /** What the chart shows (for screen readers), named. */
  label: string;
  unit: string;
  live: (s: VenueState) => readonly [number, number] | null;
  limit?: { value: number; label: string } | undefined;
  /** See HistoryChart: where the line breaks for a silent source. */
  silentAfterMs?: number | undefined;
}

/** A history chart with its span: the live hour, or a day or the Games from the database. */
export function HistoryPanel({ url, titles, label, unit, live, limit, silentAfterMs }: HistoryPanelProps) {
  const t = useT();
  const [span, setSpan] = useState<HistorySpan>('hour');
  return (
    <section className="panel history-panel" aria-label={t(titles[span])}>
      <div className="history-head">
        <h2 className="panel-title">{t(titles[span])}</h2>
        <div className="history-spans" role="group" aria-label={t('history.spans')}>
          {(['hour', 'day', 'games'] as const).map((s) => (
            <button key={s} type="button" className="button" aria-pressed={span === s} onClick={() => setSpan(s)}>
              {t(SPAN_KEY[s])}
            </button>
          ))}
        </div>
      </div>
      <HistoryChartLoader
        url={url}
        label={label}
        unit={unit}
        live={live}
        limit={limit}
        span={span}
        silentAfterMs={silentAfterMs}
      />
    </section>
  );
}
