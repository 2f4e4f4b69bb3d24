/**
 * The alerting side of a server process: its database (migrated), the users who may sign
 * in, the board of current alerts kept in step with every instance through NOTIFY, and the
 * rules engine. Started with the feed runtime. A PostgreSQL that is away is waited for (tried
 * again, backing off to 10 s, and said in health meanwhile); the embedded database is this
 * process's own, and a failure to open it (its DATA_DIR in use, a disk) stops start-up.
 */
import 'server-only';
import type { AlertView } from '../contracts/alerts';
import type { SituationModel } from '../ingest/situation-model';
import { readUsers, type UserRecord } from '../auth/users';
import { DatabaseWindowCounter } from '../auth/database-window-counter';
import { SIGN_IN_WINDOW_MAX_MS, SignInLimits } from '../auth/sign-in-limits';
import { openDatabase, type Database } from '../db/database';
import { DatabaseProbe } from '../db/database-probe';
import { migrate } from '../db/migrations';
import { AlertBoard } from './alert-board';
import { AlertEngine } from './alert-engine';
import { ALERTS_CHANNEL, loadAlertsById, loadCurrentAlerts } from './alert-repository';
import { readRuleConfig, type RuleConfig } from './rule-config';
import { OccupancyRecorder } from '../reports/occupancy-recorder';
import { HistoryRecorder } from '../history/history-recorder';
import { MINUTE_MS, readRecentMinutes } from '../history/minute-history';

export interface AlertsRuntime {
  readonly db: Database;
  /** Whether the database answers now (for readiness). */
  readonly probe: DatabaseProbe;
  readonly users: Map<string, UserRecord>;
  /** Failed sign-ins, counted in the database: one budget for the whole fleet. */
  readonly signInLimits: SignInLimits;
  readonly rules: RuleConfig;
  readonly board: AlertBoard;
  readonly engine: AlertEngine;
  /** Peak occupancy per venue and minute, for shift reports. */
  readonly occupancy: OccupancyRecorder;
  /** Every sensor's, zone's and the city's minutes, in the database. */
  readonly history: HistoryRecorder;
  close(): Promise<void>;
}

/** How the wait for the database is going, for health while it is not there yet. */
export interface DatabaseWait {
  since: number;
  attempts: number;
  lastError: string | null;
}

/** Longest pause between tries to reach an absent database. */
const DATABASE_RETRY_MAX_MS = 10_000;

export interface AlertsSettings {
  databaseUrl: string | undefined;
  dataDir: string;
  usersFile: string;
  alertRulesFile: string;
  historyRetentionDays: number;
}

/**
 * Brings the board up to the database: every current alert, and the newest version of any it
 * still holds as unresolved that is no longer current (resolved meanwhile, perhaps long ago).
 */
export async function reloadBoard(db: Database, board: AlertBoard): Promise<void> {
  const current = await loadCurrentAlerts(db, Date.now());
  const ids = new Set(current.map((a) => a.id));
  const gone = [...board.unresolved.values()].filter((a) => !ids.has(a.id)).map((a) => a.id);
  board.load(current);
  board.load(await loadAlertsById(db, gone));
}

/**
 * Lays the last hour stored by the fleet into the model's rings, up to the minute this instance's
 * own live data began: a restarted or new instance shows the same hour as the others.
 */
export async function warmStartHistory(db: Database, model: SituationModel, liveSince: number): Promise<void> {
  const started = performance.now();
  const to = Math.floor(liveSince / MINUTE_MS) * MINUTE_MS;
  const stored = await readRecentMinutes(db, to - 60 * MINUTE_MS, to);
  model.restoreHistory(stored, liveSince);
  console.log(
    `[history] warm start: ${stored.city.length} minutes of the city, ${stored.sensors.size} sensors, ` +
      `${stored.zones.size} zones in ${Math.round(performance.now() - started)} ms`,
  );
}

/** Opens what the alerts need from a database just opened: migrated, the stored hour, the board listening. */
async function attach(
  db: Database,
  model: SituationModel,
  board: AlertBoard,
  liveSince: number,
): Promise<{ db: Database; unlisten: () => Promise<void> }> {
  await migrate(db);
  // History is for looking back: a failure to read it must not keep alerts from starting.
  await warmStartHistory(db, model, liveSince).catch((err: Error) =>
    console.error(`[history] no warm start: ${err.message}`),
  );
  // Listen before loading, so nothing committed in between is missed (the board keeps the newest version).
  const unlisten = await db.listen(
    ALERTS_CHANNEL,
    (payload) => {
      try {
        board.apply(JSON.parse(payload) as AlertView);
      } catch (err) {
        console.error(`[alerts] unreadable notification: ${(err as Error).message}`);
      }
    },
    // Listening again after a lost link: what other instances did meanwhile was never notified here.
    () => void reloadBoard(db, board).catch((err: Error) => console.error(`[alerts] reload failed: ${err.message}`)),
  );
  try {
    await reloadBoard(db, board);
  } catch (err) {
    await unlisten().catch(() => undefined);
    throw err;
  }
  return { db, unlisten };
}

export async function startAlerts(
  settings: AlertsSettings,
  model: SituationModel,
  /** Filled in while a PostgreSQL that is away is waited for. */
  wait: DatabaseWait = { since: Date.now(), attempts: 0, lastError: null },
  /** The board the streams already read (empty until the database fills it), and the users read at start. */
  early: { board: AlertBoard; users: Map<string, UserRecord> } | undefined = undefined,
): Promise<AlertsRuntime> {
  const liveSince = Date.now();
  // Configuration errors are for a person: they stop start-up at once, before any database.
  const users = early?.users ?? readUsers(settings.usersFile);
  const rules = readRuleConfig(settings.alertRulesFile);
  const board = early?.board ?? new AlertBoard();
  let attached: { db: Database; unlisten: () => Promise<void> } | undefined;
  for (let attempt = 1; !attached; attempt++) {
    let db: Database | undefined;
    try {
      db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
      attached = await attach(db, model, board, liveSince);
    } catch (err) {
      await db?.close().catch(() => undefined);
      if (!settings.databaseUrl) throw err;
      const delay = Math.min(DATABASE_RETRY_MAX_MS, 500 * 2 ** Math.min(attempt - 1, 5));
      wait.attempts = attempt;
      wait.lastError = (err as Error).message || String(err);
      console.error(
        `[db] no database yet (attempt ${attempt}): ${wait.lastError}; the feed runs meanwhile, trying again in ${delay / 1000} s`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  const { db, unlisten } = attached;
  const engine = new AlertEngine(db, model, board, rules, Date.now());
  engine.start();
  const occupancy = new OccupancyRecorder(db, model);
  occupancy.start();
  const history = new HistoryRecorder(db, model, {
    isLeader: () => engine.stats.leader,
    retentionDays: settings.historyRetentionDays,
    liveSince,
  });
  history.start();
  const probe = new DatabaseProbe(db);
  probe.start();
  console.log(
    `[alerts] ${db.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${settings.dataDir}`}; ${users.size} users; ${board.unresolved.size} unresolved alerts`,
  );
  return {
    db,
    probe,
    users,
    signInLimits: new SignInLimits(new DatabaseWindowCounter(db, SIGN_IN_WINDOW_MAX_MS)),
    rules,
    board,
    engine,
    occupancy,
    history,
    close: async () => {
      probe.stop();
      engine.stop();
      await occupancy.stop();
      await history.stop();
      await unlisten();
      await db.close();
    },
  };
}
