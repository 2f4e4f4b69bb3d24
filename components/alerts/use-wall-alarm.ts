'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SEVERITY_RANK, type AlertView } from '@/lib/contracts/alerts';
import { isSounding } from '@/lib/contracts/alarm-counts';
import type { AlertMap } from '@/components/store/alert-map';

/** How often the alarm sounds again while something is unacknowledged. */
export const ALARM_REPEAT_MS = 4000;

export type AlarmLevel = 'critical' | 'major';

export interface WallAlarm {
  /** What is sounding now, or null. */
  level: AlarmLevel | null;
  /** The unacknowledged alerts behind it. */
  sounding: AlertView[];
  /** The browser refused to play without a first interaction: ask for one. */
  blocked: boolean;
  /** Plays the alarm in answer to a click, which unlocks sound for the page. */
  enable: () => void;
  /** Silences what sounds now; an alert that arrives later sounds again. */
  mute: () => void;
}

/**
 * The wall's alarm: a distinct sound for unacknowledged critical and major alerts (shipped in
 * public/sounds), repeating until they are acknowledged or muted. Browsers refuse sound until
 * the page has had a click; then `blocked` says so, honestly, instead of staying silent.
 */
export function useWallAlarm(alerts: AlertMap): WallAlarm {
  const [silenced, setSilenced] = useState<ReadonlySet<number>>(() => new Set());
  const [blocked, setBlocked] = useState(false);
  const audio = useRef<Partial<Record<AlarmLevel, HTMLAudioElement>>>({});

  // Worst first, then the newest: the alert that just started the alarm is the one named.
  const sounding = useMemo(
    () =>
      Object.values(alerts)
        .filter((a) => isSounding(a) && !silenced.has(a.id))
        .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.lastRaisedAt - a.lastRaisedAt),
    [alerts, silenced],
  );
  const level: AlarmLevel | null = sounding.some((a) => a.severity === 'critical')
    ? 'critical'
    : sounding.length > 0
      ? 'major'
      : null;

  const play = useCallback((which: AlarmLevel) => {
    const el = (audio.current[which] ??= new Audio(`/sounds/${which}.wav`));
    el.currentTime = 0;
    el.play().then(
      () => setBlocked(false),
      (err: Error) => {
        if (err.name === 'NotAllowedError') setBlocked(true);
      },
    );
  }, []);

  useEffect(() => {
    if (!level) return;
    play(level);
    const timer = setInterval(() => play(level), ALARM_REPEAT_MS);
    return () => clearInterval(timer);
  }, [level, play]);

  const enable = useCallback(() => {
    if (level) play(level);
    else setBlocked(false);
  }, [level, play]);

  const mute = useCallback(() => {
    // Keep only ids still on screen, so the set stays as small as the alerts.
    setSilenced((prev) => new Set([...prev, ...sounding.map((a) => a.id)].filter((id) => id in alerts)));
  }, [sounding, alerts]);

  return { level, sounding, blocked, enable, mute };
}
