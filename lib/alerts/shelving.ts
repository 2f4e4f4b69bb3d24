/**
 * Out of service and the end of shelves (ISA-18.2): an admin takes a source out for
 * maintenance and returns it; a shelf runs out and its alarm comes back by itself, sounding
 * again if its condition is still there. Shelving one alarm is a person's action on it
 * (lifecycle.ts, actOnAlert). Every change writes the alert's trail and the shelf's record.
 */
import 'server-only';
import type { AlarmShelf, AlertMessage, AlertType, AlertView, SessionUser } from '../contracts/alerts';
import type { Database, Queryable } from '../db/database';
import { alertFromRow, endShelf, notify, record, recordShelf, save, type AlertRow } from './alert-repository';

const SYSTEM = { id: 'system', name: 'Rules' };

interface ShelfRow {
  id: number;
  kind: AlarmShelf['kind'];
  alert_type: AlertType | null;
  source: string;
  venue_id: string | null;
  reason: string;
  by_name: string;
  from_at: Date;
  until_at: Date | null;
}

const shelfOf = (r: ShelfRow): AlarmShelf => ({
  id: r.id,
  kind: r.kind,
  type: r.alert_type,
  source: r.source,
  venueId: r.venue_id,
  reason: r.reason,
  by: r.by_name,
  from: new Date(r.from_at).getTime(),
  until: r.until_at === null ? null : new Date(r.until_at).getTime(),
});

/** Shelves and out-of-service sources in force; `venues` limits them to a venue manager's. */
export async function activeShelves(db: Queryable, venues: string[] | null = null): Promise<AlarmShelf[]> {
  const { rows } = await db.query<ShelfRow>(
    `select * from alarm_shelves where ended_at is null ${venues ? 'and venue_id = any($1)' : ''} order by from_at`,
    venues ? [venues] : [],
  );
  return rows.map(shelfOf);
}

/** Shelves with the newest alarm of what each put aside, so a list can name it rather than its source id. */
export async function describeShelves(db: Queryable, shelves: AlarmShelf[]): Promise<AlarmShelf[]> {
  if (shelves.length === 0) return shelves;
  const { rows } = await db.query<{
    type: AlertType;
    source: string;
    title: string;
    message: AlertMessage | null;
    venue_name: string | null;
  }>(
    `select type, source, title, message, venue_name from alerts where source = any($1) order by raised_at desc, id desc`,
    [[...new Set(shelves.map((s) => s.source))]],
  );
  return shelves.map((s) => {
    const r = rows.find((a) => a.source === s.source && (s.type === null || a.type === s.type));
    return { ...s, alarm: r ? { title: r.title, message: r.message, venueName: r.venue_name } : null };
  });
}

export type ShelfOutcome =
  { status: 200 | 201; shelf: AlarmShelf; alerts: AlertView[] } | { status: 404 | 409; error: string };

/** Every alarm of `source` silent until an admin returns it; its unresolved alerts are marked now. */
export async function takeOutOfService(
  db: Database,
  cmd: { source: string; venueId: string | null; reason: string; actor: SessionUser; now: number },
): Promise<ShelfOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const about = { type: null, source: cmd.source, venueId: cmd.venueId };
      const id = await recordShelf(tx, 'out_of_service', about, cmd.reason, cmd.actor, cmd.now, null);
      const suppression = {
        kind: 'out_of_service' as const,
        shelfId: id,
        by: cmd.actor.name,
        reason: cmd.reason,
        until: null,
      };
      const { rows } = await tx.query<AlertRow>(
        `select * from alerts where source = $1 and status <> 'resolved' for update`,
        [cmd.source],
      );
      const alerts: AlertView[] = [];
      for (const a of rows.map(alertFromRow)) {
        // A shelf on one of its alarms gives way to the whole source being out of service.
        if (a.suppression?.kind === 'shelved')
          await endShelf(tx, a.suppression.shelfId, cmd.actor.name, 'unshelved', cmd.now);
        const saved = await save(tx, { ...a, suppression, version: a.version + 1 });
        await record(tx, saved.id, cmd.now, cmd.actor, [{ action: 'out_of_service', note: cmd.reason }]);
        await notify(tx, saved);
        alerts.push(saved);
      }
      const { rows: shelf } = await tx.query<ShelfRow>('select * from alarm_shelves where id = $1', [id]);
      return { status: 201 as const, shelf: shelfOf(shelf[0]!), alerts };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      return { status: 409, error: `${cmd.source} is already out of service` };
    throw err;
  }
}

/** An admin returns a source to service: its alarms are judged again from the next pass. */
export async function returnToService(
  db: Database,
  shelfId: number,
  actor: SessionUser,
  now: number,
): Promise<ShelfOutcome> {
  return db.transaction(async (tx) => {
    const { rows: found } = await tx.query<ShelfRow>(
      `select * from alarm_shelves where id = $1 and kind = 'out_of_service' for update`,
      [shelfId],
    );
    if (!found[0]) return { status: 404 as const, error: `no out-of-service record ${shelfId}` };
    if (!(await endShelf(tx, shelfId, actor.name, 'returned', now))) {
      return { status: 409 as const, error: 'already returned to service' };
    }
    const alerts = await releaseAlerts(tx, shelfId, now, actor, 'returned_to_service', null);
    return { status: 200 as const, shelf: shelfOf(found[0]), alerts };
  });
}

/**
 * Shelves whose time is up end by themselves; their alarms come back, and one whose condition is
 * still there sounds again as a new, unacknowledged alarm (counted as a return in the KPIs).
 */
export async function expireShelves(db: Database, now: number): Promise<AlertView[]> {
  const { rows } = await db.query<{ id: number }>(
    `select id from alarm_shelves where ended_at is null and until_at is not null and until_at <= $1`,
    [new Date(now)],
  );
  const back: AlertView[] = [];
  for (const { id } of rows) {
    back.push(
      ...(await db.transaction(async (tx) => {
        if (!(await endShelf(tx, id, SYSTEM.name, 'expired', now))) return [];
        return releaseAlerts(tx, id, now, SYSTEM, 'unshelved', 'the shelf ran out');
      })),
    );
  }
  return back;
}

async function releaseAlerts(
  tx: Queryable,
  shelfId: number,
  now: number,
  actor: { id: string; name: string },
  action: 'unshelved' | 'returned_to_service',
  note: string | null,
): Promise<AlertView[]> {
  const { rows } = await tx.query<AlertRow>(
    `select * from alerts where status <> 'resolved' and (suppression->>'shelfId')::int = $1 for update`,
    [shelfId],
  );
  const out: AlertView[] = [];
  for (const a of rows.map(alertFromRow)) {
    let next: AlertView = { ...a, suppression: null, version: a.version + 1 };
    const events = [{ action, note }] as Parameters<typeof record>[4];
    if (a.clearedAt === null) {
      // Still there: it comes back as an alarm nobody has acknowledged.
      next = {
        ...next,
        status: 'open',
        acknowledgedBy: null,
        acknowledgedAt: null,
        count: a.count + 1,
        lastRaisedAt: now,
        escalatedAt: null,
        unacknowledgedSince: now,
      };
      events.push({ action: 'repeated', note: 'back from the shelf, still active' });
    }
    const saved = await save(tx, next);
    await record(tx, saved.id, now, actor, events);
    await notify(tx, saved);
    out.push(saved);
  }
  return out;
}
