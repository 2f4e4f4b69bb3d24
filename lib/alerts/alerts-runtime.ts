/**
 * The alerting side of a server process: its database (migrated), the users who may sign
 * in, the board of current alerts kept in step with every instance through NOTIFY, and the
 * rules engine. Started with the feed runtime; a database that cannot be opened stops start-up.
 */
import 'server-only';
import type { AlertView } from '../contracts/alerts';
import type { SituationModel } from '../ingest/situation-model';
import { readUsers, type UserRecord } from '../auth/users';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrations';
import { AlertBoard } from './alert-board';
import { AlertEngine } from './alert-engine';
import { ALERTS_CHANNEL, loadCurrentAlerts } from './alert-repository';
import { readRuleConfig, type RuleConfig } from './rule-config';
import { OccupancyRecorder } from '../reports/occupancy-recorder';

export interface AlertsRuntime {
  readonly db: Database;
  readonly users: Map<string, UserRecord>;
  readonly rules: RuleConfig;
  readonly board: AlertBoard;
  readonly engine: AlertEngine;
  /** Peak occupancy per venue and minute, for shift reports. */
  readonly occupancy: OccupancyRecorder;
  close(): Promise<void>;
}

export interface AlertsSettings {
  databaseUrl: string | undefined;
  dataDir: string;
  usersFile: string;
  alertRulesFile: string;
}

export async function startAlerts(settings: AlertsSettings, model: SituationModel): Promise<AlertsRuntime> {
  const users = readUsers(settings.usersFile);
  const rules = readRuleConfig(settings.alertRulesFile);
  const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  await migrate(db);
  const board = new AlertBoard();
  // Listen before loading, so nothing committed in between is missed (the board keeps the newest version).
  const unlisten = await db.listen(ALERTS_CHANNEL, (payload) => {
    try {
      board.apply(JSON.parse(payload) as AlertView);
    } catch (err) {
      console.error(`[alerts] unreadable notification: ${(err as Error).message}`);
    }
  });
  board.load(await loadCurrentAlerts(db, Date.now()));
  const engine = new AlertEngine(db, model, board, rules, Date.now());
  engine.start();
  const occupancy = new OccupancyRecorder(db, model);
  occupancy.start();
  console.log(
    `[alerts] ${db.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${settings.dataDir}`}; ${users.size} users; ${board.unresolved.size} unresolved alerts`,
  );
  return {
    db,
    users,
    rules,
    board,
    engine,
    occupancy,
    close: async () => {
      engine.stop();
      await occupancy.stop();
      await unlisten();
      await db.close();
    },
  };
}
