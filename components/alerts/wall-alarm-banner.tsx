'use client';

import { useSituation } from '@/components/store/situation-provider';
import { useWallAlarm } from './use-wall-alarm';

/**
 * In the wall's header: what is sounding and why, a mute control (hidden in kiosk mode), and,
 * when the browser blocks sound until a click, a button that says so.
 */
export function WallAlarmBanner() {
  const alerts = useSituation((s) => s.alerts);
  const { level, sounding, blocked, enable, mute } = useWallAlarm(alerts);
  if (!level) return null;
  const heading = `${level === 'critical' ? 'Critical' : 'Major'} alarm, ${sounding.length} unacknowledged`;
  return (
    <div className={`wall-alarm sev-${level}`}>
      {level ? (
        <p
          role="alert"
          className="wall-alarm-text"
          aria-label={`${heading}: ${sounding.map((a) => `${a.title} at ${a.venueName ?? 'all venues'}`).join('; ')}`}
        >
          {heading}: {sounding[0]!.venueName ?? 'all venues'}
          {sounding.length > 1 ? <small> +{sounding.length - 1} more</small> : null}
        </p>
      ) : null}
      {blocked && level ? (
        <button type="button" className="button primary enable-sound" onClick={enable}>
          Click to enable sound
        </button>
      ) : null}
      {level ? (
        <button type="button" className="button mute-alarm" onClick={mute}>
          Mute alarm
        </button>
      ) : null}
    </div>
  );
}
