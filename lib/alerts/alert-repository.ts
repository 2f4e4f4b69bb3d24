/**
 * Alerts in the database: raising, repeating, clearing, escalating, and people's actions,
 * each in one transaction that also writes the audit trail and a NOTIFY (delivered on
 * commit to every instance, this one included). Callers get an answer only after COMMIT.
 */
import 'server-only';
import {
  RESOLVED_ON_SCREEN_MS,
  type AlertAction,
  type AlarmSuppression,
  type AlertConsequences,
  type AlertMessage,
  type AlertEventView,
  type AlertType,
  type AlertView,
  type SessionUser,
} from '../contracts/alerts';
import type { Severity } from '../contracts/payloads.schema';
import { whyNot } from '../auth/permissions';
import type { Database, Queryable } from '../db/database';
import type { Condition } from './conditions';
import { transition, type TransitionEvent } from './lifecycle';

/** NOTIFY channel: the payload is one AlertView as JSON. */
export const ALERTS_CHANNEL = 'vcc_alerts';
const SYSTEM = { id: 'system', name: 'Rules' };

export interface AlertRow {
  id: number;
  source: string;
  type: AlertType;
  venue_id: string | null;
  venue_name: string | null;
  zone_id: string | null;
  sensor_id: string | null;
  severity: Severity;
  title: string;
  message: AlertMessage | null;
  status: AlertView['status'];
  count: number;
  raised_at: Date;
  last_raised_at: Date;
  cleared_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  assignee: string | null;
  assigned_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  escalated_at: Date | null;
  chattering_since: Date | null;
  consequences: AlertConsequences | null;
  suppression: AlarmSuppression | null;
  unacknowledged_since: Date | null;
  version: number;
}

const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
const ts = (n: number | null) => (n === null ? null : new Date(n));

export function alertFromRow(r: AlertRow): AlertView {
  return {
    id: r.id,
    source: r.source,
    type: r.type,
    venueId: r.venue_id,
    venueName: r.venue_name,
    zoneId: r.zone_id,
    sensorId: r.sensor_id,
    severity: r.severity,
    title: r.title,
    message: r.message ?? null,
    status: r.status,
    count: r.count,
    raisedAt: ms(r.raised_at)!,
    lastRaisedAt: ms(r.last_raised_at)!,
    clearedAt: ms(r.cleared_at),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: ms(r.acknowledged_at),
    assignee: r.assignee,
    assignedAt: ms(r.assigned_at),
    resolvedBy: r.resolved_by,
    resolvedAt: ms(r.resolved_at),
    escalatedAt: ms(r.escalated_at),
    chatteringSince: ms(r.chattering_since),
    consequences: r.consequences ?? null,
    suppression: r.suppression ?? null,
    unacknowledgedSince: ms(r.unacknowledged_since),
    version: r.version,
  };
}

/** Writes every mutable field of `a` (the lifecycle computed it), bumping nothing itself. */
export async function save(tx: Queryable, a: AlertView): Promise<AlertView> {
  const { rows } = await tx.query<AlertRow>(
    `update alerts set severity = $2, title = $3, status = $4, count = $5, last_raised_at = $6, cleared_at = $7,
       acknowledged_by = $8, acknowledged_at = $9, assignee = $10, assigned_at = $11, resolved_by = $12,
       resolved_at = $13, escalated_at = $14, version = $15, message = $16, suppression = $17,
       unacknowledged_since = $18
     where id = $1 returning *`,
    [
      a.id,
      a.severity,
      a.title,
      a.status,
      a.count,
      ts(a.lastRaisedAt),
      ts(a.clearedAt),
      a.acknowledgedBy,
      ts(a.acknowledgedAt),
      a.assignee,
      ts(a.assignedAt),
      a.resolvedBy,
      ts(a.resolvedAt),
      ts(a.escalatedAt),
      a.version,
      a.message === null ? null : JSON.stringify(a.message),
      a.suppression === null ? null : JSON.stringify(a.suppression),
      ts(a.unacknowledgedSince),
    ],
  );
  return alertFromRow(rows[0]!);
}

export async function record(
  tx: Queryable,
  alertId: number,
  at: number,
  actor: { id: string; name: string },
  events: TransitionEvent[],
): Promise<void> {
  for (const e of events) {
    await tx.query(
      'insert into alert_events (alert_id, at, actor, actor_name, action, note) values ($1, $2, $3, $4, $5, $6)',
      [alertId, new Date(at), actor.id, actor.name, e.action, e.note],
    );
  }
}

export async function notify(tx: Queryable, a: AlertView): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [ALERTS_CHANNEL, JSON.stringify(a)]);
}

async function lockUnresolved(tx: Queryable, source: string, type: AlertType): Promise<AlertView | undefined> {
  const { rows } = await tx.query<AlertRow>(
    `select * from alerts where source = $1 and type = $2 and status <> 'resolved' for update`,
    [source, type],
  );
  return rows[0] && alertFromRow(rows[0]);
}

/**
 * The condition is present: raise a new alert, count up a cleared one that came back, or
 * raise the severity of an active one. Returns the alert when something changed.
 */
/** What the repository needs of a condition to raise it; `message` absent: screens show `title`. */
export type RaisedCondition = Pick<
  Condition,
  'source' | 'type' | 'venueId' | 'venueName' | 'zoneId' | 'sensorId' | 'severity' | 'title'
> & { message?: AlertMessage };

export async function raiseCondition(db: Database, c: RaisedCondition, now: number): Promise<AlertView | null> {
  return db.transaction(async (tx) => {
    const current = await lockUnresolved(tx, c.source, c.type);
    if (!current) {
      const { rows } = await tx.query<AlertRow>(
        `insert into alerts (source, type, venue_id, venue_name, zone_id, sensor_id, severity, title, message, raised_at, last_raised_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         on conflict do nothing returning *`,
        [
          c.source,
          c.type,
          c.venueId,
          c.venueName,
          c.zoneId,
          c.sensorId,
          c.severity,
          c.title,
          c.message ? JSON.stringify(c.message) : null,
          new Date(now),
        ],
      );
      // Another instance raised it in between: theirs stands.
      if (!rows[0]) return null;
      const created = alertFromRow(rows[0]);
      await record(tx, created.id, now, SYSTEM, [{ action: 'raised', note: null }]);
      await notify(tx, created);
      return created;
    }
    let next: AlertView;
    let event: TransitionEvent;
    if (current.clearedAt !== null) {
      next = {
        ...current,
        count: current.count + 1,
        clearedAt: null,
        lastRaisedAt: now,
        severity: c.severity,
        title: c.title,
        message: c.message ?? null,
        version: current.version + 1,
      };
      event = { action: 'repeated', note: `raised again (${next.count} times)` };
    } else if (current.severity !== c.severity) {
      next = {
        ...current,
        severity: c.severity,
        title: c.title,
        message: c.message ?? null,
        version: current.version + 1,
      };
      event = { action: 'severity', note: `${current.severity} -> ${c.severity}` };
    } else {
      return null;
    }
    const saved = await save(tx, next);
    await record(tx, saved.id, now, SYSTEM, [event]);
    await notify(tx, saved);
    return saved;
  });
}

/**
 * The condition has ended: mark the alert cleared (it still wants an acknowledgement). A
 * chattering alarm that fell quiet long enough ends its chattering with it.
 */
export async function clearAlert(db: Database, id: number, now: number): Promise<AlertView | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AlertRow>(
      `update alerts set cleared_at = $2, chattering_since = null, version = version + 1
       where id = $1 and cleared_at is null and status <> 'resolved' returning *`,
      [id, new Date(now)],
    );
    if (!rows[0]) return null;
    const a = alertFromRow(rows[0]);
    await record(tx, a.id, now, SYSTEM, [{ action: 'cleared', note: null }]);
    await notify(tx, a);
    return a;
  });
}

/** Raised again and again within a minute: held active and silent until quiet (ISA-18.2 chattering). */
export async function markChattering(db: Database, id: number, now: number, note: string): Promise<AlertView | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AlertRow>(
      `update alerts set chattering_since = $2, version = version + 1
       where id = $1 and chattering_since is null and status <> 'resolved' returning *`,
      [id, new Date(now)],
    );
    if (!rows[0]) return null;
    const a = alertFromRow(rows[0]);
    await record(tx, a.id, now, SYSTEM, [{ action: 'chattering', note }]);
    await notify(tx, a);
    return a;
  });
}

/** The alarms this one explains, held silent beneath it (not an action: no audit line). */
export async function setConsequences(
  db: Database,
  id: number,
  consequences: AlertConsequences | null,
): Promise<AlertView | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AlertRow>(
      `update alerts set consequences = $2, version = version + 1 where id = $1 and status <> 'resolved' returning *`,
      [id, consequences === null ? null : JSON.stringify(consequences)],
    );
    if (!rows[0]) return null;
    const a = alertFromRow(rows[0]);
    await notify(tx, a);
    return a;
  });
}

/** An unacknowledged alert waited too long: mark it escalated (once). */
export async function escalateAlert(db: Database, id: number, now: number, note: string): Promise<AlertView | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AlertRow>(
      `update alerts set escalated_at = $2, version = version + 1
       where id = $1 and status = 'open' and escalated_at is null returning *`,
      [id, new Date(now)],
    );
    if (!rows[0]) return null;
    const a = alertFromRow(rows[0]);
    await record(tx, a.id, now, SYSTEM, [{ action: 'escalated', note }]);
    await notify(tx, a);
    return a;
  });
}

/** Writes a shelf (or an out-of-service record); returns its id. */
export async function recordShelf(
  tx: Queryable,
  kind: AlarmSuppression['kind'],
  about: { type: AlertType | null; source: string; venueId: string | null },
  reason: string,
  actor: { id: string; name: string },
  now: number,
  until: number | null,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into alarm_shelves (kind, alert_type, source, venue_id, reason, by_id, by_name, from_at, until_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      kind,
      kind === 'shelved' ? about.type : null,
      about.source,
      about.venueId,
      reason,
      actor.id,
      actor.name,
      new Date(now),
      until === null ? null : new Date(until),
    ],
  );
  return rows[0]!.id;
}

/** Ends a shelf once; false when it had already ended. */
export async function endShelf(
  tx: Queryable,
  id: number,
  by: string,
  how: 'expired' | 'unshelved' | 'returned',
  now: number,
): Promise<boolean> {
  const { rows } = await tx.query(
    `update alarm_shelves set ended_at = $2, ended_by = $3, ended_how = $4 where id = $1 and ended_at is null returning id`,
    [id, new Date(now), by, how],
  );
  return rows.length > 0;
}

/** Unresolved alerts, and those resolved in the last RESOLVED_ON_SCREEN_MS: what screens show. */
export async function loadCurrentAlerts(db: Queryable, now: number): Promise<AlertView[]> {
  const { rows } = await db.query<AlertRow>(
    `select * from alerts where status <> 'resolved' or resolved_at > $1 order by id`,
    [new Date(now - RESOLVED_ON_SCREEN_MS)],
  );
  return rows.map(alertFromRow);
}

export async function loadAlertsById(db: Queryable, ids: number[]): Promise<AlertView[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<AlertRow>('select * from alerts where id = any($1) order by id', [ids]);
  return rows.map(alertFromRow);
}

export async function loadAlert(db: Queryable, id: number): Promise<AlertView | undefined> {
  const { rows } = await db.query<AlertRow>('select * from alerts where id = $1', [id]);
  return rows[0] && alertFromRow(rows[0]);
}

export async function alertTrail(db: Queryable, id: number): Promise<AlertEventView[]> {
  const { rows } = await db.query<{
    id: number;
    alert_id: number;
    at: Date;
    actor: string;
    actor_name: string;
    action: AlertEventView['action'];
    note: string | null;
  }>('select * from alert_events where alert_id = $1 order by id', [id]);
  return rows.map((r) => ({
    id: r.id,
    alertId: r.alert_id,
    at: ms(r.at)!,
    actor: r.actor,
    actorName: r.actor_name,
    action: r.action,
    note: r.note,
  }));
}

export interface ActionCommand {
  alertId: number;
  action: AlertAction;
  requestId: string;
  note: string | null;
  /** For assign: whom (resolved against the users file by the caller); default the actor. */
  assignee?: { id: string; name: string };
  /** For shelve: minutes, within the rules' maximum (checked by the caller). */
  minutes?: number;
  actor: SessionUser;
  now: number;
}

export type ActionOutcome =
  | { status: 200; alert: AlertView }
  | { status: 403 | 404; error: string }
  | { status: 409; error: string; alert: AlertView };

/**
 * A person's action on an alert, authorised here (not only at the edge), in one transaction
 * holding the alert's row: two people acting at once are served one after the other, and the
 * second is told who came first. A request id seen before returns the first answer again.
 */
export async function actOnAlert(db: Database, cmd: ActionCommand): Promise<ActionOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const seen = await tx.query<{ user_id: string; body: AlertView }>(
        'select user_id, body from action_requests where request_id = $1',
        [cmd.requestId],
      );
      const prior = seen.rows[0];
      if (prior) {
        if (prior.user_id !== cmd.actor.id)
          return { status: 409 as const, error: 'request id already used', alert: prior.body };
        return { status: 200 as const, alert: prior.body };
      }
      const { rows } = await tx.query<AlertRow>('select * from alerts where id = $1 for update', [cmd.alertId]);
      if (!rows[0]) return { status: 404 as const, error: `no alert ${cmd.alertId}` };
      const current = alertFromRow(rows[0]);
      const denied = whyNot(cmd.actor, cmd.action, current.venueId, cmd.assignee?.id);
      if (denied) return { status: 403 as const, error: denied };
      const t = transition(current, {
        action: cmd.action,
        actor: cmd.actor,
        assignee: cmd.assignee,
        minutes: cmd.minutes,
        note: cmd.note,
        now: cmd.now,
      });
      if (t.kind === 'conflict') return { status: 409 as const, error: t.message, alert: current };
      let saved = t.alert === current ? current : await save(tx, t.alert);
      if (cmd.action === 'shelve' && saved.suppression) {
        // The shelf is its own record (the "shelved" list), and the alert points at it.
        const shelf = await recordShelf(
          tx,
          'shelved',
          saved,
          saved.suppression.reason,
          cmd.actor,
          cmd.now,
          saved.suppression.until,
        );
        saved = await save(tx, { ...saved, suppression: { ...saved.suppression, shelfId: shelf } });
      }
      if (cmd.action === 'unshelve' && current.suppression) {
        await endShelf(tx, current.suppression.shelfId, cmd.actor.name, 'unshelved', cmd.now);
      }
      await record(tx, saved.id, cmd.now, cmd.actor, t.events);
      await tx.query(
        'insert into action_requests (request_id, user_id, alert_id, status, body, at) values ($1, $2, $3, 200, $4, $5)',
        [cmd.requestId, cmd.actor.id, saved.id, JSON.stringify(saved), new Date(cmd.now)],
      );
      if (saved !== current) await notify(tx, saved);
      return { status: 200 as const, alert: saved };
    });
  } catch (err) {
    // The same request id committed by a concurrent retry: answer as that one did.
    if ((err as { code?: string }).code === '23505') {
      const { rows } = await db.query<{ body: AlertView }>('select body from action_requests where request_id = $1', [
        cmd.requestId,
      ]);
      if (rows[0]) return { status: 200, alert: rows[0].body };
    }
    throw err;
  }
}
