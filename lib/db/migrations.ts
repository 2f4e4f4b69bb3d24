/**
 * The schema, as ordered migrations applied once each. Several instances starting at once
 * take turns (a transaction-scoped advisory lock); a migration is never edited after it
 * has shipped, only followed by another.
 */
import 'server-only';
import type { Database } from './database';

interface Migration {
  id: number;
  name: string;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'alerts, audit trail, idempotent actions, sessions',
    sql: `
      create table alerts (
        id integer generated always as identity primary key,
        source text not null,
        type text not null,
        venue_id text,
        venue_name text,
        zone_id text,
        sensor_id text,
        severity text not null check (severity in ('critical', 'major', 'minor', 'warning')),
        title text not null,
        status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
        count integer not null default 1,
        raised_at timestamptz not null,
        last_raised_at timestamptz not null,
        cleared_at timestamptz,
        acknowledged_by text,
        acknowledged_at timestamptz,
        assignee text,
        assigned_at timestamptz,
        resolved_by text,
        resolved_at timestamptz,
        escalated_at timestamptz,
        version integer not null default 1
      );
      -- One unresolved alert per source and type: repeats count up instead of piling up,
      -- whichever instance raises them.
      create unique index alerts_one_unresolved on alerts (source, type) where status <> 'resolved';
      create index alerts_recent on alerts (resolved_at) where status = 'resolved';

      create table alert_events (
        id integer generated always as identity primary key,
        alert_id integer not null references alerts (id),
        at timestamptz not null,
        actor text not null,
        actor_name text not null,
        action text not null,
        note text
      );
      create index alert_events_by_alert on alert_events (alert_id, id);
      -- The audit trail is append-only, whoever connects.
      create function alert_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'alert_events is append-only';
      end $$;
      create trigger alert_events_no_change before update or delete on alert_events
        for each row execute function alert_events_append_only();

      create table action_requests (
        request_id text primary key,
        user_id text not null,
        alert_id integer not null references alerts (id),
        status integer not null,
        body jsonb not null,
        at timestamptz not null
      );

      create table sessions (
        token_hash text primary key,
        user_id text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null
      );
      create index sessions_expiry on sessions (expires_at);
    `,
  },
  {
    id: 2,
    name: 'peak occupancy per venue and minute, for shift reports',
    sql: `
      create table venue_occupancy_minutes (
        venue_id text not null,
        minute timestamptz not null,
        peak integer not null,
        capacity integer not null,
        primary key (venue_id, minute)
      );
      create index venue_occupancy_by_minute on venue_occupancy_minutes (minute);
    `,
  },
  {
    id: 3,
    name: 'alarm messages by key, chattering, consequences held beneath their cause',
    sql: `
      alter table alerts add column message jsonb;
      alter table alerts add column chattering_since timestamptz;
      alter table alerts add column consequences jsonb;
      -- The alarm-system KPIs count raises over a shift.
      create index alert_events_by_time on alert_events (at) where action in ('raised', 'repeated');
    `,
  },
  {
    id: 4,
    name: 'shelving and out of service (ISA-18.2), audited',
    sql: `
      create table alarm_shelves (
        id integer generated always as identity primary key,
        kind text not null check (kind in ('shelved', 'out_of_service')),
        alert_type text,
        source text not null,
        venue_id text,
        reason text not null,
        by_id text not null,
        by_name text not null,
        from_at timestamptz not null,
        until_at timestamptz,
        ended_at timestamptz,
        ended_by text,
        ended_how text check (ended_how in ('expired', 'unshelved', 'returned'))
      );
      create unique index alarm_shelves_one_active on alarm_shelves (kind, source, coalesce(alert_type, ''))
        where ended_at is null;
      -- A shelf is its own record: once written it only ends, once; nobody deletes it.
      create function alarm_shelves_audit() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then raise exception 'alarm_shelves is an audit record'; end if;
        if old.ended_at is not null or new.id <> old.id or new.kind <> old.kind or new.source <> old.source
           or new.reason <> old.reason or new.by_id <> old.by_id or new.from_at <> old.from_at
           or new.until_at is distinct from old.until_at or new.alert_type is distinct from old.alert_type then
          raise exception 'alarm_shelves: only ending an active shelf is allowed';
        end if;
        return new;
      end $$;
      create trigger alarm_shelves_audit before update or delete on alarm_shelves
        for each row execute function alarm_shelves_audit();
      alter table alerts add column suppression jsonb;
      -- When an alarm back from a shelf began waiting for a person again (escalation counts from it).
      alter table alerts add column unacknowledged_since timestamptz;
    `,
  },
  {
    id: 5,
    name: 'rate windows shared by every instance (sign-in limits)',
    sql: `
      create table rate_windows (
        key text primary key,
        window_start timestamptz not null,
        count integer not null
      );
      create index rate_windows_start on rate_windows (window_start);
    `,
  },
  {
    id: 6,
    name: 'per-minute history of sensors, zones and the city, partitioned by day',
    // One partition per UTC day, created as the first minute of a day is written (minute-history.ts)
    // and dropped whole when the retention passes it. BRIN on time: tiny, and rows arrive in order.
    sql: `
      create table sensor_minutes (
        venue_id text not null,
        sensor_id text not null,
        minute timestamptz not null,
        mean double precision not null,
        samples integer not null,
        primary key (venue_id, sensor_id, minute)
      ) partition by range (minute);
      create index sensor_minutes_minute on sensor_minutes using brin (minute);
      create table zone_minutes (
        venue_id text not null,
        zone_id text not null,
        minute timestamptz not null,
        occupancy double precision not null,
        samples integer not null,
        primary key (venue_id, zone_id, minute)
      ) partition by range (minute);
      create index zone_minutes_minute on zone_minutes using brin (minute);
      create table city_minutes (
        minute timestamptz not null primary key,
        occupancy double precision not null,
        open_incidents double precision not null
      ) partition by range (minute);
    `,
  },
];

/** Arbitrary, fixed: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 0x7663_0001;

export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    // The lock first: instances of a fleet starting together on a fresh database would otherwise
    // race to create even the bookkeeping table (a unique violation in pg_type).
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `create table if not exists schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await tx.query<{ id: number }>('select id from schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
