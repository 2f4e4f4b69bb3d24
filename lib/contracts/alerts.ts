/**
 * Alerts: what the command center asks people to act on, and who may do what. Shared
 * by the server (rules, database, API, stream) and the browser (store, phone view);
 * plain data only.
 *
 * Two facts are kept apart, as ThingsBoard does: whether the condition is still there
 * (`clearedAt`) and what people did about it (`status`). A cleared alert still wants
 * an acknowledgement; an acknowledged one can still be active.
 */
import type { Severity } from './payloads.schema';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Where an alert comes from: an IT incident of the feed, or a rule over the live model. */
export const ALERT_TYPES = [
  'it_network_outage',
  'it_scanner_failure',
  'it_broadcast_signal_loss',
  'it_power_fault',
  'it_results_delay',
  'zone_level_of_service',
  'venue_capacity',
  'sensor_threshold',
  'sensor_offline',
  'venue_silent',
  'feed_stale',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, major: 3, minor: 2, warning: 1 };

/** A localized name as the registry carries it. */
export interface NameParam {
  en: string;
  zh: string;
}

/**
 * What an alert says, as a message key and its parameters, so every screen, the report and the
 * PDF say it in their own language. Parameters named `kind` are sensor kinds and `incidentKind`
 * incident kinds (translated by their own keys); names travel in both of the registry's languages;
 * `text` is the feed's own words, shown as sent.
 */
export interface AlertMessage {
  key: AlertMessageKey;
  params: Record<string, string | number | NameParam>;
}

export const ALERT_MESSAGE_KEYS = [
  'alarm.feedNeverSeen',
  'alarm.feedStale',
  'alarm.venueSilent',
  'alarm.itIncident',
  'alarm.zoneCrowding',
  'alarm.venueCapacity',
  'alarm.sensorOffline',
  'alarm.sensorHigh',
  'alarm.sensorLow',
  'alarm.sensorState',
  // A sensor with a name in the registry: the name says its kind and place ("Temperature 1, North Stand").
  'alarm.namedSensorOffline',
  'alarm.namedSensorHigh',
  'alarm.namedSensorLow',
  'alarm.namedSensorState',
] as const;
export type AlertMessageKey = (typeof ALERT_MESSAGE_KEYS)[number];

/** Consequential alarms held under their cause: not sounding, not counted, listed beneath it. */
export interface AlertConsequences {
  count: number;
  byType: Partial<Record<AlertType, number>>;
  /** The first few, in the order the rules found them. */
  examples: { type: AlertType; source: string; message: AlertMessage }[];
}

export interface AlertView {
  id: number;
  /** What the alert is about, e.g. `zone:hz-olympic-stadium/gate-1`; with `type`, at most one unresolved alert. */
  source: string;
  type: AlertType;
  /** null for alerts about the whole feed. */
  venueId: string | null;
  /** The venue's English name when the alert was raised. */
  venueName: string | null;
  zoneId: string | null;
  sensorId: string | null;
  severity: Severity;
  /** The English text, for logs and old readers; screens render `message` in their language. */
  title: string;
  /** null on alerts raised before messages were keyed: show `title`. */
  message: AlertMessage | null;
  status: AlertStatus;
  /** How many times the condition was raised while this alert was unresolved. */
  count: number;
  raisedAt: number;
  lastRaisedAt: number;
  /** When the condition ended; null while it is still there. */
  clearedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  assignee: string | null;
  assignedAt: number | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  /** Set when an unacknowledged critical alert waited too long. */
  escalatedAt: number | null;
  /** When it came back unacknowledged (from a shelf, or its source back in service); null: since `raisedAt`. */
  unacknowledgedSince: number | null;
  /**
   * Set while the source chatters (raised again and again within a minute): it is held active and
   * silent until it has been quiet for a while, instead of sounding every time.
   */
  chatteringSince: number | null;
  /** Alarms this one explains, held silent beneath it; null when it explains none. */
  consequences: AlertConsequences | null;
  /** Shelved by an operator, or its source out of service: silent, listed as such; null otherwise. */
  suppression: AlarmSuppression | null;
  /** Increases with every change: the newest version wins wherever two copies meet. */
  version: number;
}

/**
 * ISA-18.2's two ways a person puts an alarm aside: shelved (an operator, for a chosen time, with a
 * reason; it returns by itself) and out of service (an admin takes a source out for maintenance).
 */
export interface AlarmSuppression {
  kind: 'shelved' | 'out_of_service';
  shelfId: number;
  by: string;
  reason: string;
  /** When it returns by itself; null: until someone returns it. */
  until: number | null;
}

/** An alarm shelved, or a source out of service, as the "shelved" list shows it. */
export interface AlarmShelf {
  id: number;
  kind: AlarmSuppression['kind'];
  /** Shelved: the alarm's type; out of service: null (every alarm of the source). */
  type: AlertType | null;
  source: string;
  venueId: string | null;
  reason: string;
  by: string;
  from: number;
  until: number | null;
  /** For the list people read: the newest alarm of what was put aside (its words and venue), if any. */
  alarm?: { title: string; message: AlertMessage | null; venueName: string | null } | null;
}

export const ALERT_ACTIONS = ['acknowledge', 'assign', 'resolve', 'note', 'shelve', 'unshelve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** One line of an alert's audit trail; the table behind it refuses updates and deletes. */
export interface AlertEventView {
  id: number;
  alertId: number;
  at: number;
  /** A person's user id, or `system` for the rules. */
  actor: string;
  actorName: string;
  action:
    | AlertAction
    | 'raised'
    | 'repeated'
    | 'cleared'
    | 'escalated'
    | 'severity'
    | 'chattering'
    | 'unshelved'
    | 'out_of_service'
    | 'returned_to_service';
  note: string | null;
}

/** POST /api/alerts/{id}/actions */
export interface AlertActionRequest {
  action: AlertAction;
  /** Client-made id: a retried request with the same id acts once and gets the same answer. */
  requestId: string;
  note?: string;
  /** For `assign`: the user to assign; a responder may only name themselves. @default the caller */
  assignee?: string;
  /** For `shelve`: for how long (the note says why). */
  minutes?: number;
}

/** POST /api/out-of-service (admins): every alarm of `source` silent until returned. */
export interface OutOfServiceRequest {
  source: string;
  reason: string;
}

export interface AlertActionResponse {
  alert: AlertView;
}

/** The answer when another person got there first (409). */
export interface AlertConflict {
  error: string;
  alert: AlertView;
}

export const ROLES = ['operator', 'venue_manager', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person as the browser may see them (never the password hash). */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  /** Venues a venue manager is responsible for; null: every venue. */
  venues: string[] | null;
}

export const MAX_NOTE_LENGTH = 1000;

/** Resolved alerts stay on screens (and in the stream's snapshot) this long after resolution. */
export const RESOLVED_ON_SCREEN_MS = 15 * 60_000;
