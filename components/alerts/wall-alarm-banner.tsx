'use client';

import type { AlertView } from '@/lib/contracts/alerts';
import { localName } from '@/lib/i18n/locales';
import { useLocale, useT } from '@/components/i18n/i18n-provider';
import { useSituation } from '@/components/store/situation-provider';
import { useWallAlarm } from './use-wall-alarm';
import { useAlertText } from './use-alert-text';

/**
 * In the wall's header: what is sounding and why, a mute control (hidden in kiosk mode), and,
 * when the browser blocks sound until a click, a button that says so.
 */
export function WallAlarmBanner() {
  const t = useT();
  const locale = useLocale();
  const text = useAlertText();
  const alerts = useSituation((s) => s.alerts);
  const venues = useSituation((s) => s.venues);
  const { level, sounding, blocked, enable, mute } = useWallAlarm(alerts);
  if (!level) return null;
  const where = (a: AlertView) => {
    const name = a.venueId ? venues[a.venueId]?.name : undefined;
    return name ? localName(name, locale) : (a.venueName ?? t('venue.all'));
  };
  // Critical and major named apart: one number must never count both.
  const critical = sounding.filter((a) => a.severity === 'critical').length;
  const major = sounding.length - critical;
  const heading =
    level === 'major'
      ? t('alarm.major', { major })
      : major > 0
        ? t('alarm.criticalAndMajor', { critical, major })
        : t('alarm.critical', { critical });
  return (
    <div className={`wall-alarm sev-${level}`}>
      <p
        role="alert"
        className="wall-alarm-text"
        aria-label={`${heading}: ${sounding.map((a) => t('alarm.item', { title: text(a), venue: where(a) })).join('; ')}`}
      >
        {heading}: {where(sounding[0]!)}
        {sounding.length > 1 ? <small> {t('alarm.more', { n: sounding.length - 1 })}</small> : null}
      </p>
      {blocked ? (
        <button type="button" className="button primary enable-sound" onClick={enable}>
          {t('alarm.enableSound')}
        </button>
      ) : null}
      <button type="button" className="button mute-alarm" onClick={mute}>
        {t('alarm.mute')}
      </button>
    </div>
  );
}
