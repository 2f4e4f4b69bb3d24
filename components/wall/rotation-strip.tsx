'use client';

import { useEffect } from 'react';
import type { RotationView } from '@/lib/contracts/wall';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';
import type { RotationStop } from './rotation';
import { useRotation } from './use-rotation';

function useStopName(stop: RotationStop | null): string {
  const venueName = useSituation((s) => (stop?.kind === 'venue' ? s.venues[stop.venueId]?.name.en : undefined));
  if (!stop) return '';
  if (stop.kind === 'city') return 'All venues';
  if (stop.kind === 'incidents') return 'Alerts';
  return venueName ?? stop.venueId;
}

/**
 * The rotation in the header: where it is and how long until the next view, why it holds,
 * or that it is paused; Pause / Resume outside kiosk mode, and the P key on any wall.
 */
export function RotationStrip({ views }: { views: RotationView[] }) {
  const { status, pause, resume } = useRotation(views);
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
    <div className={`rotation rotation-${status.mode}`} role="status" aria-label="Rotation" data-mode={status.mode}>
      {status.mode === 'rotating' ? (
        <span className="rotation-text">
          {name}{' '}
          <small>
            {status.index + 1}/{status.count} · next in {Math.max(0, Math.ceil((status.endsAt - now) / 1000))} s
          </small>
        </span>
      ) : status.mode === 'held' ? (
        <span className="rotation-text">
          Held on {status.alert.venueName ?? 'all venues'} <small>until the critical alert is acknowledged</small>
        </span>
      ) : (
        <span className="rotation-text">Rotation paused</span>
      )}
      {status.mode === 'held' ? null : (
        <button type="button" className="button rotation-toggle" onClick={paused ? resume : pause}>
          {paused ? 'Resume rotation' : 'Pause rotation'}
        </button>
      )}
    </div>
  );
}
