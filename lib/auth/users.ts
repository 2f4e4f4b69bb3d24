/**
 * The people who may sign in: one JSON file (config/users.json holds the demo's; production
 * sets USERS_FILE to its own), checked at start-up. Passwords are stored only as hashes.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { ROLES, type SessionUser } from '../contracts/alerts';
import { ID_PATTERN } from '../contracts/topics';
import { assertConfig } from '../contracts/config-file';

const UserSchema = Type.Object(
  {
    id: Type.String({ pattern: ID_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    venues: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { minItems: 1 })),
    passwordHash: Type.String({ pattern: '^scrypt\\$' }),
  },
  { additionalProperties: false },
);
const UsersFileSchema = Type.Object(
  { $comment: Type.Optional(Type.String()), users: Type.Array(UserSchema, { minItems: 1 }) },
  { additionalProperties: false },
);

export interface UserRecord extends SessionUser {
  passwordHash: string;
}

export const DEFAULT_USERS_FILE = 'config/users.json';

export function parseUsers(json: unknown, where: string): Map<string, UserRecord> {
  assertConfig(UsersFileSchema, json, where);
  const users = new Map<string, UserRecord>();
  for (const u of json.users) {
    if (users.has(u.id)) throw new Error(`${where}: user '${u.id}' appears twice`);
    if (u.role === 'venue_manager' && !u.venues) throw new Error(`${where}: venue manager '${u.id}' needs venues`);
    // Only venue managers are limited to venues; everyone else sees the whole Games.
    users.set(u.id, { ...u, venues: u.role === 'venue_manager' ? (u.venues ?? []) : null });
  }
  return users;
}

export function readUsers(file = DEFAULT_USERS_FILE): Map<string, UserRecord> {
  // A site's own file, read at start-up: not something to trace into the build.
  return parseUsers(JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), file);
}

export function publicUser(u: UserRecord): SessionUser {
  return { id: u.id, name: u.name, role: u.role, venues: u.venues };
}
