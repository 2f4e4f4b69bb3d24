/**
 * The browser's alerts for the responder's view: fed by `/api/stream?alerts` (only the alerts
 * this user may see) at most once per animation frame, and by the answers to this user's own
 * actions. The newest version of an alert wins either way.
 */
import { createStore } from 'zustand/vanilla';
import type { AlertView } from '@/lib/contracts/alerts';
import type { AlertsStreamMessage, FeedStatus } from '@/lib/contracts/stream';
import { alertMapOf, mergeAlerts, type AlertMap } from './alert-map';
import { connectionSlice, type ConnectionSlice } from './connection-slice';
import { freshnessAfter } from './data-age';

export interface AlertsState extends ConnectionSlice {
  loaded: boolean;
  /**
   * False while the server's alarm database is not attached (no alerts then is not "all clear");
   * null before the first snapshot says either way.
   */
  alertsLoaded: boolean | null;
  alerts: AlertMap;
  feed: FeedStatus | null;
  applyMessages: (messages: AlertsStreamMessage[], receivedAt: number, serverOffsetMs: number) => void;
  /** The server's answer to an action: shown at once, without waiting for the stream. */
  confirm: (alert: AlertView) => void;
}

export function createAlertsStore() {
  return createStore<AlertsState>()((set) => ({
    ...connectionSlice<AlertsState>(set),
    loaded: false,
    alertsLoaded: null,
    alerts: {},
    feed: null,
    applyMessages: (messages, receivedAt, serverOffsetMs) =>
      set((state) => {
        let alerts = state.alerts;
        let loaded = state.loaded;
        let alertsLoaded = state.alertsLoaded;
        for (const m of messages) {
          if (m.type === 'alerts-snapshot') {
            alerts = alertMapOf(m.alerts);
            loaded = true;
            alertsLoaded = m.alertsLoaded;
          } else {
            alerts = mergeAlerts(alerts, m.alerts, m.alertsRemoved);
          }
        }
        const last = messages[messages.length - 1];
        return {
          alerts,
          loaded,
          alertsLoaded,
          feed: last?.feed ?? state.feed,
          ...freshnessAfter(state, last, receivedAt, serverOffsetMs),
        };
      }),
    confirm: (alert) => set((s) => ({ alerts: mergeAlerts(s.alerts, [alert]) })),
  }));
}

export type AlertsStore = ReturnType<typeof createAlertsStore>;
