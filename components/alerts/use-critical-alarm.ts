'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { AlertMap } from '@/components/store/alert-map';

const STORAGE_KEY = 'vcc.alarm';

const CHANGED = 'vcc-alarm-changed';
const readChoice = () => window.localStorage.getItem(STORAGE_KEY) === 'on';
function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** A short two-tone beep from the Web Audio API: no file to load, works offline. */
function beep(ctx: AudioContext): void {
  const t = ctx.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.25, t + i * 0.22);
    gain.gain.exponentialRampToValueAtTime(0.001, t + i * 0.22 + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t + i * 0.22);
    osc.stop(t + i * 0.22 + 0.21);
  }
}

/**
 * Optional sound and vibration when a critical alert arrives that this page has not seen.
 * Off until the user turns it on (browsers allow sound only after a tap, which the switch is);
 * the choice is kept on the device.
 */
export function useCriticalAlarm(alerts: AlertMap, loaded: boolean) {
  const enabled = useSyncExternalStore(subscribe, readChoice, () => false);
  const seen = useRef<Set<number> | null>(null);
  const audio = useRef<AudioContext | null>(null);

  const setEnabled = (on: boolean) => {
    window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    window.dispatchEvent(new Event(CHANGED));
    if (on) {
      audio.current ??= new AudioContext();
      void audio.current.resume();
    }
  };

  useEffect(() => {
    if (!loaded) return;
    const fresh: number[] = [];
    for (const a of Object.values(alerts)) {
      if (a.severity === 'critical' && a.status === 'open' && !seen.current?.has(a.id)) fresh.push(a.id);
    }
    // The first snapshot is what was already there: no alarm for it.
    const first = seen.current === null;
    seen.current ??= new Set();
    for (const id of fresh) seen.current.add(id);
    if (first || fresh.length === 0 || !enabled) return;
    if (audio.current) beep(audio.current);
    navigator.vibrate?.([200, 100, 200]);
  }, [alerts, loaded, enabled]);

  return { enabled, setEnabled };
}
