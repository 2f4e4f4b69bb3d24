'use client';

import { useEffect } from 'react';
import type { RotationView } from '@/lib/contracts/wall';
import { useNow } from '@/components/format/use-now';
import { useT } from '@/components/i18n/i18n-provider';
import { useVenueName } from '@/components/store/venue-names';
import type { RotationStop } from './rotation';
import { useRotation } from './use-rotation';

function useStopName(stop: RotationStop | null): string {
  const t = useT();
  const venueName = useVenueName(stop?.kind === 'venue' ? stop.venueId : null, null);
  if (!stop) return '';
  if (stop.kind === 'city') return t('venue.all');
  if (stop.kind === 'incidents') return t('alerts.title');
  return venueName ?? stop.venueId;
}

/**
 * The rotation in the header: where it is and how long until the next view, why it holds,
 * or that it is paused; Pause / Resume outside kiosk mode, and the P key on any wall.
 */
export function RotationStrip({ views }: { views: RotationView[] }) {
  const { status, pause, resume } = useRotation(views);
  const t = useT();
  const heldVenue = useVenueName(
    status.mode === 'held' ? status.alert.venueId : null,
    status.mode === 'held' ? status.alert.venueName : null,
  );
  const now = useNow(1000);
  const name = useStopName(status.mode === 'rotating' ? status.stop : null);
  const paused = status.mode === 'paused';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'p' && e.key !== 'P') return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) return;
      if (paused) resume();
      else pause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused, pause, resume]);

  return (
    <div
      className={`rotation rotation-${status.mode}`}
      role="status"
      aria-label={t('rotation.label')}
      data-mode={status.mode}
    >
      {status.mode === 'rotating' ? (
        <span className="rotation-text">
          {name}{' '}
          <small>
            {status.index + 1}/{status.count} ·{' '}
            {t('rotation.next', { s: Math.max(0, Math.ceil((status.endsAt - now) / 1000)) })}
          </small>
        </span>
      ) : status.mode === 'held' ? (
        <span className="rotation-text">
          {t('rotation.held', { venue: heldVenue ?? t('venue.all') })} <small>{t('rotation.heldUntil')}</small>
        </span>
      ) : (
        <span className="rotation-text">{t('rotation.paused')}</span>
      )}
      {status.mode === 'held' ? null : (
        <button type="button" className="button rotation-toggle" onClick={paused ? resume : pause}>
          {t(paused ? 'rotation.resume' : 'rotation.pause')}
        </button>
      )}
    </div>
  );
}
